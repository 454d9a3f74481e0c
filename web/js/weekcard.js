// weekcard.js - the participant's printable week card (weekkaart):
// /weekcard.html?participant=<id>&lang=<code>&week=<date>. Shows the card's
// content (GET /api/participants/:id/week-card) as seven days by three
// day-parts, labelled in Dutch and the participant's own language from the
// translation files in /lang/, with a pictogram in a colour per kind, the
// clock times as digits and a numbered list of places, so that it works for
// someone who reads little Dutch. A right-to-left language turns the card
// around (Monday on the right). Printing (A4 landscape, one page) leaves the
// application around it out; the same card is also a PDF.
import { get, describeError } from './api.js';
import { h, $, clear, showMessage } from './dom.js';
import { initPage, intParam } from './nav.js';

const LANGS = ['nl', 'ar', 'ti', 'fa', 'prs', 'so', 'tr', 'uk', 'en'];
const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const PARTS = ['morning', 'afternoon', 'evening'];
const KINDS = ['language_class', 'work', 'training', 'coach_appointment', 'buddy_meeting', 'other'];
const SVG = 'http://www.w3.org/2000/svg';

// The pictograms on a 24×24 grid, white on a badge of the kind's colour:
// the same shapes and colours as app/weekcard_pdf.c draws in the PDF.
// poly: x,y pairs; circle: cx,cy,r; line: x1,y1,x2,y2,width; rect: x,y,w,h;
// bg*: drawn in the badge's colour (to cut a shape).
export const PICTOGRAMS = {
  language_class: { colour: '#1f5fa8', ops: [ // an open book
    ['poly', 3.5, 6, 11.2, 7.2, 11.2, 19, 3.5, 17.5],
    ['poly', 12.8, 7.2, 20.5, 6, 20.5, 17.5, 12.8, 19]] },
  work: { colour: '#a84b00', ops: [ // a hammer
    ['line', 4, 20, 14.5, 9.5, 3],
    ['poly', 13.2, 3, 21, 10.8, 17.8, 14, 10, 6.2]] },
  training: { colour: '#2e7d32', ops: [ // a graduation cap
    ['poly', 12, 4.5, 22, 9.5, 12, 14.5, 2, 9.5],
    ['poly', 6.5, 12, 17.5, 12, 17.5, 17, 12, 19, 6.5, 17],
    ['bgline', 6.5, 12.2, 12, 15, 0.9],
    ['bgline', 12, 15, 17.5, 12.2, 0.9],
    ['line', 20, 10, 20, 16, 1.2],
    ['circle', 20, 17, 1.4]] },
  coach_appointment: { colour: '#6a3d9a', ops: [ // a person speaking
    ['circle', 8, 8.5, 3],
    ['poly', 2.5, 21, 3, 16.5, 5, 14, 11, 14, 13, 16.5, 13.5, 21],
    ['rect', 13, 3, 8.5, 6],
    ['poly', 15, 8.5, 14.5, 12.5, 18.5, 8.5],
    ['bgcircle', 15.3, 6, 0.9], ['bgcircle', 17.25, 6, 0.9], ['bgcircle', 19.2, 6, 0.9]] },
  buddy_meeting: { colour: '#a3195b', ops: [ // two people
    ['circle', 7.5, 7.5, 2.8],
    ['circle', 16.5, 7.5, 2.8],
    ['poly', 2, 20, 2.5, 15, 4.5, 12.5, 10.5, 12.5, 12.5, 15, 13, 20],
    ['bgline', 11.9, 14, 12.4, 20.5, 1],
    ['poly', 11, 20, 11.5, 15, 13.5, 12.5, 19.5, 12.5, 21.5, 15, 22, 20]] },
  other: { colour: '#5f6368', ops: [ // three dots
    ['circle', 6.5, 12, 2], ['circle', 12, 12, 2], ['circle', 17.5, 12, 2]] },
};

// Day-part signs, dark on the page: sun rising, sun high, moon.
const PART_SIGNS = {
  morning: [['circle', 12, 15, 4.5], ['bgcircle', 12, 15, 2.6], ['line', 12, 5, 12, 8.5, 1.6],
    ['line', 4.5, 8.5, 6.8, 10.8, 1.6], ['line', 19.5, 8.5, 17.2, 10.8, 1.6], ['rect', 2, 17.5, 20, 3.5]],
  afternoon: [['circle', 12, 12, 4.5], ['line', 12, 2, 12, 5.5, 1.6], ['line', 12, 18.5, 12, 22, 1.6],
    ['line', 2, 12, 5.5, 12, 1.6], ['line', 18.5, 12, 22, 12, 1.6], ['line', 5, 5, 7.4, 7.4, 1.6],
    ['line', 19, 19, 16.6, 16.6, 1.6]],
  evening: [['circle', 11, 13, 8], ['bgcircle', 15, 9.5, 7], ['circle', 19, 18, 1.2]],
};

const state = { id: null, lang: null, week: null, labels: {}, card: null };

function svgEl(tag, attrs) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

// An SVG of ops: fg for shapes, bg for the cut-outs.
function drawOps(svg, ops, fg, bg) {
  for (const [op, ...v] of ops) {
    const back = op.startsWith('bg');
    const colour = back ? bg : fg;
    const kind = back ? op.slice(2) : op;
    if (kind === 'poly') {
      const pts = [];
      for (let i = 0; i < v.length; i += 2) pts.push(`${v[i]},${v[i + 1]}`);
      svg.append(svgEl('polygon', { points: pts.join(' '), fill: colour }));
    } else if (kind === 'circle') {
      svg.append(svgEl('circle', { cx: v[0], cy: v[1], r: v[2], fill: colour }));
    } else if (kind === 'line') {
      svg.append(svgEl('line', { x1: v[0], y1: v[1], x2: v[2], y2: v[3], stroke: colour, 'stroke-width': v[4] }));
    } else if (kind === 'rect') {
      svg.append(svgEl('rect', { x: v[0], y: v[1], width: v[2], height: v[3], fill: colour }));
    }
  }
}

// The pictogram of a kind as an image named in Dutch and the card's language.
function pictogram(kind, name, className = 'weekcard__pict') {
  const p = PICTOGRAMS[kind] || PICTOGRAMS.other;
  const svg = svgEl('svg', { viewBox: '0 0 24 24', role: 'img', 'aria-label': name, class: `${className} weekcard--${kind in PICTOGRAMS ? kind : 'other'}`, focusable: 'false' });
  const title = svgEl('title', {});
  title.textContent = name;
  svg.append(title);
  svg.append(svgEl('rect', { x: 0, y: 0, width: 24, height: 24, rx: 4, fill: p.colour }));
  drawOps(svg, p.ops, '#ffffff', p.colour);
  return svg;
}

function partSign(part) {
  const svg = svgEl('svg', { viewBox: '0 0 24 24', class: 'weekcard__sign', 'aria-hidden': 'true', focusable: 'false' });
  drawOps(svg, PART_SIGNS[part] || [], '#4d4d4d', '#ffffff');
  return svg;
}

function nl(key) {
  return state.labels.nl?.[key] ?? key;
}

function own(key) {
  if (state.lang === 'nl') return null;
  return state.labels[state.lang]?.[key] ?? null;
}

// Dutch text and, below it, the same in the card's language (marked as such).
function both(key, className = '') {
  const o = own(key);
  return [
    h('span', { class: `weekcard__nl ${className}`, lang: 'nl', dir: 'ltr', text: nl(key) }),
    o ? h('span', { class: `weekcard__own ${className}`, lang: state.lang, text: o }) : null,
  ];
}

function bothText(key) {
  const o = own(key);
  return o ? `${nl(key)} · ${o}` : nl(key);
}

// "2025-03-03" as "03-03-2025" (as Dutch writes it); digits in every language.
function dutchDate(iso) {
  return iso ? iso.split('-').reverse().join('-') : '';
}

function dayMonth(iso) {
  return iso ? `${iso.slice(8, 10)}-${iso.slice(5, 7)}` : '';
}

function times(a, b) {
  return h('span', { class: 'weekcard__times', dir: 'ltr', text: `${a || ''}\u2013${b || ''}` });
}

function placeNumber(n) {
  return h('span', { class: 'weekcard__place', dir: 'ltr' },
    h('span', { class: 'meedoen-visually-hidden', lang: 'nl', text: 'plaats ' }), String(n));
}

function itemNode(it) {
  const name = bothText(it.kind);
  return h('li', { class: `weekcard__item weekcard__item--${it.kind}${it.continued ? ' weekcard__item--continued' : ''}`, dataset: { kind: it.kind } },
    pictogram(it.kind, name),
    h('span', { class: 'weekcard__what' },
      h('span', { class: 'weekcard__line' }, times(it.start_time, it.end_time), it.place ? placeNumber(it.place) : null),
      h('span', { class: 'weekcard__title', dir: 'auto', text: it.title || nl(it.kind) })));
}

function gridNode(card) {
  const head = h('tr', {}, h('td', { class: 'weekcard__corner' }));
  for (const day of card.days) {
    head.append(h('th', { scope: 'col', class: `weekcard__day${day.weekday === 'sat' || day.weekday === 'sun' ? ' weekcard__day--weekend' : ''}`, dataset: { weekday: day.weekday } },
      both(day.weekday),
      h('time', { class: 'weekcard__date', datetime: day.date, dir: 'ltr', text: dayMonth(day.date) })));
  }
  const body = h('tbody');
  PARTS.forEach((part, p) => {
    const first = card.days[0]?.parts?.[p] || {};
    const row = h('tr', { dataset: { part } },
      h('th', { scope: 'row', class: 'weekcard__part' },
        partSign(part), both(part),
        first.start_time ? times(first.start_time, first.end_time) : null));
    for (const day of card.days) {
      const items = day.parts?.[p]?.items || [];
      const weekend = day.weekday === 'sat' || day.weekday === 'sun';
      const cell = h('td', { class: `weekcard__cell${weekend ? ' weekcard__cell--weekend' : ''}`, dataset: { weekday: day.weekday, part } });
      if (items.length) cell.append(h('ul', { class: 'weekcard__items' }, items.map(itemNode)));
      else cell.append(h('span', { class: 'weekcard__free' }, both('free')));
      row.append(cell);
    }
    body.append(row);
  });
  return h('table', { class: 'weekcard__grid' },
    h('caption', { class: 'meedoen-visually-hidden', lang: 'nl', text: `Week ${card.week_number}: wat er elke dag is, met de tijden` }),
    h('thead', {}, head), body);
}

function legendNode() {
  return h('section', { class: 'weekcard__legend', 'aria-labelledby': 'legend-title' },
    h('h2', { id: 'legend-title', class: 'weekcard__h2' }, both('legend')),
    h('ul', { class: 'weekcard__legend-list' },
      KINDS.map((k) => h('li', { class: 'weekcard__legend-item', dataset: { kind: k } },
        pictogram(k, bothText(k), 'weekcard__pict weekcard__pict--legend'),
        h('span', { class: 'weekcard__legend-text' }, both(k))))));
}

function placesNode(card) {
  const items = card.places || [];
  return h('section', { class: 'weekcard__places', 'aria-labelledby': 'places-title' },
    h('h2', { id: 'places-title', class: 'weekcard__h2' }, both('places'), h('span', { 'aria-hidden': 'true', text: ' · ' }), both('address')),
    items.length
      ? h('ol', { class: 'weekcard__place-list' },
        items.map((pl) => h('li', { class: 'weekcard__place-item', dataset: { place: pl.place } },
          placeNumber(pl.place),
          pictogram(pl.kind, bothText(pl.kind), 'weekcard__pict weekcard__pict--small'),
          h('span', { class: 'weekcard__place-title', dir: 'auto', text: pl.title || nl(pl.kind) }),
          h('span', { class: 'weekcard__address', dir: 'auto', text: pl.location }))))
      : h('p', { class: 'weekcard__none', lang: 'nl', text: '–' }));
}

function cardNode(card) {
  const who = card.participant && !card.participant.hidden
    ? [card.participant.given_names, card.participant.family_name].filter(Boolean).join(' ') : '';
  return h('article', { class: 'weekcard', id: 'weekcard', lang: card.lang, dir: card.dir, 'aria-labelledby': 'card-title', dataset: { lang: card.lang } },
    h('header', { class: 'weekcard__head' },
      h('h2', { id: 'card-title', class: 'weekcard__title-main' }, both('my_week')),
      who ? h('p', { class: 'weekcard__name', dir: 'auto', text: who }) : null,
      h('p', { class: 'weekcard__week' },
        h('span', { class: 'weekcard__weeknum', lang: 'nl', dir: 'ltr', text: `${nl('week')} ${card.week_number}` }),
        h('span', { class: 'weekcard__range', dir: 'ltr', text: `${dutchDate(card.week)} \u2013 ${dutchDate(card.week_end)}` }))),
    gridNode(card),
    h('footer', { class: 'weekcard__foot' }, legendNode(), placesNode(card)));
}

async function loadLabels() {
  const all = await Promise.all(LANGS.map((l) => fetch(`/lang/${l}.json`).then((r) => (r.ok ? r.json() : null)).catch(() => null)));
  LANGS.forEach((l, i) => { if (all[i]) state.labels[l] = all[i]; });
}

function cardQuery() {
  const q = new URLSearchParams();
  if (state.lang) q.set('lang', state.lang);
  if (state.week) q.set('week', state.week);
  const s = q.toString();
  return s ? `?${s}` : '';
}

function updateUrl() {
  const q = new URLSearchParams({ participant: String(state.id) });
  if (state.lang) q.set('lang', state.lang);
  if (state.week) q.set('week', state.week);
  history.replaceState(null, '', `/weekcard.html?${q}`);
}

function shiftWeek(days) {
  const base = state.card?.week || state.week;
  if (!base) return;
  const d = new Date(`${base}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  state.week = d.toISOString().slice(0, 10);
  load();
}

async function load() {
  const box = $('#card-box');
  try {
    const card = await get(`/api/participants/${state.id}/week-card${cardQuery()}`);
    state.card = card;
    state.lang = card.lang;
    state.week = card.week;
    $('#lang-select').value = card.lang;
    $('#pdf-link').href = `/api/participants/${state.id}/week-card.pdf${cardQuery()}`;
    clear(box).append(cardNode(card));
    clear($('#message'));
    document.title = `Weekkaart week ${card.week_number} – meedoen`;
    updateUrl();
  } catch (err) {
    clear(box);
    showMessage($('#message'), 'error', describeError(err));
  }
}

async function main() {
  state.id = intParam('participant');
  const params = new URLSearchParams(location.search);
  state.lang = LANGS.includes(params.get('lang')) ? params.get('lang') : null;
  state.week = /^\d{4}-\d{2}-\d{2}$/.test(params.get('week') || '') ? params.get('week') : null;
  await initPage('');
  if (!state.id) {
    showMessage($('#message'), 'error', 'Geen deelnemer gekozen.');
    return;
  }
  $('#back-link').href = `/dossier.html?id=${state.id}`;
  await loadLabels();
  const select = $('#lang-select');
  for (const l of LANGS) {
    const name = state.labels[l]?.name;
    select.append(h('option', { value: l, lang: l, text: name && l !== 'nl' ? `${name} (${l})` : (name || l) }));
  }
  select.addEventListener('change', () => { state.lang = select.value; load(); });
  $('#prev-week').addEventListener('click', () => shiftWeek(-7));
  $('#next-week').addEventListener('click', () => shiftWeek(7));
  $('#print-button').addEventListener('click', () => window.print());
  $('#controls').hidden = false;
  await load();
}

main().finally(() => { document.body.dataset.ready = 'true'; });
