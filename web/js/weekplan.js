// weekplan.js - the week plan on the dossier (docs/week-plan.md, "The week
// plan"): a grid of seven days by three day-parts with what is planned in
// each cell (entries, classes from the timetable, cancelled occurrences
// struck through with their reason) and the conflicts on the cells they
// concern, with their Dutch explanation; a week navigator; the free
// day-parts and the work against the minimum and the agreed number. Whoever
// may write the participant's path selects day-parts in the grid (an ARIA
// grid: arrow keys, Space/Enter, or a click) and adds an entry; removes an
// entry; cancels an entry for a day or a period; records a holiday for the
// whole plan. A change that makes new conflicts is refused (409) until a
// reason is given ("Toch opslaan"). Links: the week card, the .ics file and
// a private calendar subscription (token).
import { get, post, request, query, describeError, ApiError } from './api.js';
import {
  h, $, clear, showMessage, inputField, textareaField, selectField, button, dataList,
  clearErrors, showSubmitError, showErrorSummary, setFieldError, uniqueId, table,
} from './dom.js';
import { codeOptions, codeLabel } from './codes.js';
import { DAYS, PARTS } from './workfloor.js';
import { capitalise, formatDate, today, reasonNl } from './labels.js';
import { loadPlacements, mayReadPlacements } from './placing.js';

const SECTION = 'weekplanning';
const MINIMUM_WORK_PARTS = 2;

const ctx = { id: null, user: null, participant: null, codes: {}, onShow: () => {}, onHide: () => {} };

// The state of the section: the week shown and its plan, the selected
// day-parts (codes; kept across weeks: entries recur weekly), the cell that
// has the grid's tab stop, the placements to choose from.
const wp = {
  week: null, plan: null, selected: new Set(), focus: 'mon_morning', placements: [], tokens: [],
  built: false,
};

// ---------------------------------------------------------------- dates

function parseDay(s) {
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(s || ''));
  return m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
}

function isoDay(d) {
  return d.toISOString().slice(0, 10);
}

function addDays(s, n) {
  const d = parseDay(s);
  d.setUTCDate(d.getUTCDate() + n);
  return isoDay(d);
}

function mondayOf(s) {
  const d = parseDay(s);
  d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
  return isoDay(d);
}

// ISO 8601 week number of a day.
function isoWeek(s) {
  const d = parseDay(s);
  d.setUTCDate(d.getUTCDate() + 3 - ((d.getUTCDay() + 6) % 7));
  const jan4 = new Date(Date.UTC(d.getUTCFullYear(), 0, 4));
  return 1 + Math.round(((d - jan4) / 86400000 - 3 + ((jan4.getUTCDay() + 6) % 7)) / 7);
}

function longDate(s, withYear = true) {
  const d = parseDay(s);
  if (!d) return s || '';
  return d.toLocaleDateString('nl-NL', { day: 'numeric', month: 'long', year: withYear ? 'numeric' : undefined, timeZone: 'UTC' });
}

function shortDate(s) {
  const d = parseDay(s);
  return d ? `${d.getUTCDate()}-${d.getUTCMonth() + 1}` : '';
}

function weekTitle(monday) {
  const sunday = addDays(monday, 6);
  return `Week ${isoWeek(monday)}: ${longDate(monday, monday.slice(0, 4) !== sunday.slice(0, 4))} t/m ${longDate(sunday)}`;
}

// ---------------------------------------------------------------- words

const DAY_LABEL = Object.fromEntries(DAYS);
const PART_LABEL = Object.fromEntries(PARTS);

// "dinsdag middag" for "tue_afternoon".
function dayPartLabel(code) {
  const [d, p] = String(code).split('_');
  return DAY_LABEL[d] && PART_LABEL[p] ? `${DAY_LABEL[d]} ${PART_LABEL[p]}` : String(code);
}

function dayPartList(codes) {
  const order = allCodes();
  return [...codes].sort((a, b) => order.indexOf(a) - order.indexOf(b)).map(dayPartLabel).join(', ');
}

function allCodes() {
  return DAYS.flatMap(([d]) => PARTS.map(([p]) => `${d}_${p}`));
}

function kindLabel(item) {
  return item.kind_label || codeLabel(ctx.codes, 'plan_kind', item.kind) || item.kind || '';
}

function timeRange(a, b) {
  return a && b ? `${a}–${b}` : '';
}

function period(from, until) {
  if (from && until) return from === until ? formatDate(from) : `${formatDate(from)} t/m ${formatDate(until)}`;
  if (from) return `vanaf ${formatDate(from)}`;
  if (until) return `t/m ${formatDate(until)}`;
  return '';
}

const FIELD_LABELS = {
  kind: 'Soort', title: 'Omschrijving', day_parts: 'Dagdelen', weekdays: 'Dagdelen', start_time: 'Eigen begintijd',
  end_time: 'Eigen eindtijd', location: 'Locatie', placement_id: 'Werkplek', valid_from: 'Geldig vanaf',
  valid_until: 'Geldig tot en met', note: 'Toelichting', override_reason: 'Reden om toch op te slaan',
  from_date: 'Van', to_date: 'Tot en met', reason: 'Reden',
};

// Server reasons of week planning in Dutch; anything else via labels.js.
const REASONS = [
  [/^"(.*)" is not a day-part.*$/, (m) => `"${m[1]}" is geen dagdeel`],
  [/^"(.*)" is named twice$/, (m) => `"${m[1]}" staat er twee keer in`],
  [/^"(.*)" is not a weekday.*$/, (m) => `"${m[1]}" is geen dag van de week`],
  [/^"(.*)" is not a kind of plan entry.*$/, (m) => `"${m[1]}" is geen soort afspraak`],
  [/^"(.*)" is not a time such as.*$/, (m) => `"${m[1]}" is geen tijd zoals 08:30`],
  [/^"(.*)" is not after the start "(.*)"$/, (m) => `${m[1]} ligt niet na de begintijd ${m[2]}`],
  [/^(\S+)-(\S+) falls outside every day-part$/, (m) => `${m[1]}–${m[2]} valt buiten alle dagdelen`],
  [/^"(.*)" is before valid_from "(.*)"$/, (m) => `${formatDate(m[1])} ligt vóór 'geldig vanaf' (${formatDate(m[2])})`],
  [/^"(.*)" is before from_date "(.*)"$/, (m) => `${formatDate(m[1])} ligt vóór de begindatum (${formatDate(m[2])})`],
  [/^is required with weekdays$/, () => 'is verplicht als u eigen tijden geeft'],
  [/^own times need the weekdays they are on$/, () => 'kies in het rooster de dagen voor de eigen tijden'],
  [/^is required: give day_parts.*$/, () => 'kies in het rooster minstens één dagdeel'],
  [/^must name at least one (day-part|weekday)$/, () => 'kies in het rooster minstens één dagdeel'],
  [/^placement (\d+) does not exist$/, (m) => `werkplek ${m[1]} bestaat niet`],
];

function reasonWp(reason) {
  const text = String(reason ?? '');
  for (const [re, fmt] of REASONS) {
    const m = re.exec(text);
    if (m) return fmt(m);
  }
  return reasonNl(text);
}

// ---------------------------------------------------------------- access

function mayWrite() {
  return (ctx.participant?.access?.writable || []).includes('path');
}

function base() {
  return `/api/participants/${ctx.id}`;
}

// ---------------------------------------------------------------- loading

async function loadPlan(week) {
  const data = await get(`${base()}/week-plan${query({ week })}`);
  wp.plan = data || {};
  wp.week = wp.plan.week || (week ? mondayOf(week) : mondayOf(today()));
  render();
  return data;
}

async function reload(messageType, messageText) {
  try {
    await loadPlan(wp.week);
  } catch (err) {
    showMessage($('#wp-message'), 'error', `De weekplanning kon niet opnieuw worden geladen. ${describeError(err)}`);
    return;
  }
  if (messageText) {
    showMessage($('#wp-message'), messageType, messageText);
    focusAlert($('#wp-message'));
  }
}

function focusAlert(el) {
  const alert = el.querySelector('.utrecht-alert');
  if (alert) { alert.setAttribute('tabindex', '-1'); alert.focus(); }
}

// ---------------------------------------------------------------- building

// The fixed parts of the section, made once: the week navigator, the
// containers, the forms and the links.
function build() {
  const section = $(`#${SECTION}`);
  const body = $('#wp-body');
  clear(body);
  body.append(
    h('div', { class: 'meedoen-wp-weeknav', role: 'group', 'aria-label': 'Week kiezen' },
      button('← Vorige week', { id: 'wp-prev', onclick: () => goWeek(-7) }),
      button('Deze week', { id: 'wp-this', onclick: () => goWeek(0) }),
      button('Volgende week →', { id: 'wp-next', onclick: () => goWeek(7) })),
    h('h3', { class: 'utrecht-heading-3 meedoen-wp-weektitle', id: 'wp-week-title', tabindex: '-1' }),
    h('p', { class: 'meedoen-visually-hidden', id: 'wp-live', role: 'status', 'aria-live': 'polite' }),
    h('div', { id: 'wp-facts' }),
    h('div', { id: 'wp-conflicts' }),
    h('p', { class: 'utrecht-paragraph meedoen-muted', id: 'wp-grid-help' }),
    h('div', { id: 'wp-grid', class: 'meedoen-wp-scroll' }),
    h('div', { id: 'wp-add' }),
    h('div', { id: 'wp-items' }),
    h('div', { id: 'wp-holidays' }),
    h('div', { id: 'wp-entry-action' }),
    h('div', { id: 'wp-holiday' }),
    h('div', { id: 'wp-links' }));
  if (mayWrite()) {
    buildAddForm();
    buildHolidayForm();
  }
  buildLinks();
  wp.built = true;
  section.hidden = false;
}

async function goWeek(days) {
  const target = days === 0 ? mondayOf(today()) : addDays(wp.week, days);
  try {
    await loadPlan(target);
    clear($('#wp-message'));
    $('#wp-live').textContent = `${weekTitle(wp.week)} wordt getoond.`;
  } catch (err) {
    showMessage($('#wp-message'), 'error', `Deze week kon niet worden geladen. ${describeError(err)}`);
  }
}

// ---------------------------------------------------------------- rendering

function render() {
  const plan = wp.plan;
  $('#wp-week-title').textContent = weekTitle(wp.week);
  renderFacts(plan);
  renderConflicts(plan);
  renderGrid(plan);
  renderItems(plan);
  renderHolidays(plan);
  updateSelection();
  updateCardLink();
}

// A count the server may not know (null, or -1 as domain/schedule.h has it).
function known(v) {
  if (v === null || v === undefined || v === '') return null;
  const n = Number(v);
  return Number.isFinite(n) && n >= 0 ? n : null;
}

function renderFacts(plan) {
  const box = $('#wp-facts');
  clear(box);
  const free = Array.isArray(plan.free_day_parts) ? plan.free_day_parts : [];
  const person = plan.person || {};
  const pairs = [['Vrije dagdelen', `${free.length} van de 21`]];
  if (person.in_work_learning) {
    const work = Number(plan.work_day_parts) || 0;
    const agreed = known(person.agreed_parts);
    const need = Math.max(MINIMUM_WORK_PARTS, agreed ?? 0);
    const ok = work >= need;
    pairs.push(['Werkdagdelen', h('span', {},
      `${work} ${work === 1 ? 'dagdeel' : 'dagdelen'} werk (minimaal ${MINIMUM_WORK_PARTS}`,
      agreed !== null ? `, afgesproken ${agreed}` : '', ') ',
      h('span', {
        class: `utrecht-status-badge meedoen-badge ${ok ? 'utrecht-status-badge--success' : 'utrecht-status-badge--warning'}`,
        text: ok ? 'voldoende' : 'te weinig',
      }))]);
    const cap = [];
    if (known(person.capacity_days) !== null) cap.push(`${person.capacity_days} dagen per week`);
    if (known(person.capacity_hours) !== null) cap.push(`${person.capacity_hours} uur per dag`);
    if (cap.length) pairs.push(['Belastbaarheid', cap.join(', ')]);
  } else {
    pairs.push(['Werkleertraject', 'geen lopend werkleertraject: de regels voor werk gelden nu niet']);
  }
  box.append(h('div', { class: 'meedoen-facts' }, dataList(pairs)));
}

function conflictText(c) {
  return c.message || c.rule || 'conflict';
}

function acceptedText(c) {
  const a = c.accepted;
  if (!a) return '';
  const who = [a.user_name, a.created_at ? formatDate(a.created_at) : null].filter(Boolean).join(', ');
  return `geaccepteerd: ${a.reason}${who ? ` (${who})` : ''}`;
}

// A conflict as a marker with text: "Conflict:" (or "Geaccepteerd
// conflict:") and the explanation, never colour alone.
function conflictNode(c, { withParts = false } = {}) {
  const accepted = Boolean(c.accepted);
  return h('span', { class: `meedoen-wp-conflict${accepted ? ' meedoen-wp-conflict--accepted' : ''}` },
    h('span', { class: 'meedoen-wp-conflict__mark', text: accepted ? 'Geaccepteerd conflict:' : 'Conflict:' }),
    ' ', conflictText(c),
    withParts && Array.isArray(c.day_parts) && c.day_parts.length ? h('span', { class: 'meedoen-wp-conflict__parts', text: ` (${dayPartList(c.day_parts)})` }) : null,
    accepted ? h('span', { class: 'meedoen-wp-conflict__accepted', text: ` ${acceptedText(c)}` }) : null);
}

function renderConflicts(plan) {
  const box = $('#wp-conflicts');
  clear(box);
  const list = Array.isArray(plan.conflicts) ? plan.conflicts : [];
  const open = list.filter((c) => !c.accepted).length;
  const headingId = 'wp-conflicts-title';
  let title = 'Geen conflicten in deze week';
  if (list.length) title = `Conflicten in deze week: ${list.length}${open !== list.length ? ` (${open} niet geaccepteerd)` : ''}`;
  box.append(h('h4', { class: 'utrecht-heading-4', id: headingId, text: title }));
  if (!list.length) return;
  box.append(h('ul', { class: 'utrecht-unordered-list meedoen-wp-conflict-list', 'aria-labelledby': headingId },
    list.map((c) => h('li', { class: 'utrecht-unordered-list__item' }, conflictNode(c, { withParts: true })))));
}

function itemsByKey(plan) {
  return new Map((plan.items || []).map((it) => [it.key, it]));
}

// The session of a timetable item that falls in a day-part, for its times.
function sessionIn(item, code) {
  const s = (item.sessions || []).find((x) => (x.day_parts || []).includes(code));
  return s || null;
}

function itemTimes(item, code) {
  const s = item.source === 'timetable' ? sessionIn(item, code) : null;
  if (s) return timeRange(s.start_time, s.end_time);
  return timeRange(item.start_time, item.end_time);
}

// The reason an item does not take place on a date: its own exception, or
// one of the whole plan (when the server lists them).
function cancelReason(item, date) {
  const within = (x) => x.from_date <= date && date <= (x.to_date || x.from_date);
  const own = (item?.exceptions || []).find(within);
  if (own) return own.reason;
  const all = (wp.plan.exceptions || []).find(within);
  return all ? all.reason : '';
}

const SEP = () => h('span', { class: 'meedoen-visually-hidden', text: ', ' });

function itemNode(item, code, date, cancelled) {
  const times = itemTimes(item, code);
  const fromTimetable = item.source === 'timetable';
  const parts = [
    h('span', { class: 'meedoen-wp-item__kind', text: capitalise(kindLabel(item)) }),
    item.title ? [SEP(), h('span', { class: 'meedoen-wp-item__title', text: item.title })] : null,
    times ? [SEP(), h('span', { class: 'meedoen-wp-item__time', text: times })] : null,
    item.location ? [SEP(), h('span', { class: 'meedoen-wp-item__place', text: item.location })] : null,
  ];
  const reason = cancelled ? cancelReason(item, date) : '';
  return h('span', {
    class: `meedoen-wp-item meedoen-wp-item--${item.kind || 'other'}${fromTimetable ? ' meedoen-wp-item--timetable' : ''}${cancelled ? ' meedoen-wp-item--cancelled' : ''}`,
    dataset: { key: item.key },
  },
  cancelled ? h('s', { class: 'meedoen-wp-item__what' }, parts) : h('span', { class: 'meedoen-wp-item__what' }, parts),
  fromTimetable ? [SEP(), h('span', { class: 'meedoen-wp-item__source', text: 'lesrooster' })] : null,
  cancelled ? [SEP(), h('span', { class: 'meedoen-wp-item__cancel', text: `gaat niet door${reason ? `: ${reason}` : ''}` })] : null);
}

function cellNodes(cell, byKey) {
  const out = [];
  const cancelled = new Set(cell?.cancelled || []);
  for (const key of cell?.items || []) {
    if (cancelled.has(key)) continue;
    const item = byKey.get(key);
    if (item) out.push(itemNode(item, cell.day_part, cell.date, false));
  }
  for (const key of cancelled) {
    const item = byKey.get(key);
    if (item) out.push(itemNode(item, cell.day_part, cell.date, true));
  }
  for (const i of cell?.conflicts || []) {
    const c = (wp.plan.conflicts || [])[i];
    if (c) out.push(conflictNode(c));
  }
  if (!out.length) out.push(h('span', { class: 'meedoen-wp-free', text: 'vrij' }));
  return out;
}

function partTimes(part) {
  const t = (wp.plan.times || []).find((x) => x.part === part);
  return t ? timeRange(t.start_time, t.end_time) : '';
}

function renderGrid(plan) {
  const box = $('#wp-grid');
  clear(box);
  const editable = mayWrite();
  const byKey = itemsByKey(plan);
  const cells = new Map((plan.cells || []).map((c) => [c.day_part, c]));
  const days = DAYS.map(([code, label], i) => {
    const d = (plan.days || []).find((x) => x.weekday === code) || (plan.days || [])[i] || {};
    return { code, label: d.label || label, date: d.date || addDays(wp.week, i) };
  });
  const todayIso = today();
  const captionId = 'wp-grid-caption';
  $('#wp-grid-help').textContent = editable
    ? 'Kies dagdelen in het rooster om iets toe te voegen: klik erop, of ga met de pijltjestoetsen naar een dagdeel en druk op Spatie of Enter. Daarna vult u het formulier onder het rooster in.'
    : 'Ga met de pijltjestoetsen door het rooster.';
  const grid = h('table', {
    class: 'meedoen-wp-grid', role: 'grid', id: 'wp-grid-table', 'aria-labelledby': captionId,
    'aria-describedby': 'wp-grid-help',
    'aria-multiselectable': editable ? 'true' : null,
    'aria-readonly': editable ? null : 'true',
  },
  h('caption', { class: 'meedoen-wp-grid__caption', id: captionId, text: `Weekplanning, ${weekTitle(wp.week).toLowerCase()}` }),
  h('thead', {},
    h('tr', { role: 'row' },
      h('th', { role: 'columnheader', scope: 'col', class: 'meedoen-wp-grid__corner' },
        h('span', { class: 'meedoen-visually-hidden', text: 'Dagdeel' })),
      days.map((d) => h('th', {
        role: 'columnheader', scope: 'col',
        class: `meedoen-wp-grid__day${d.date === todayIso ? ' meedoen-wp-grid__day--today' : ''}`,
      },
      h('span', { class: 'meedoen-wp-grid__dayname', text: capitalise(d.label) }),
      ' ', h('span', { class: 'meedoen-wp-grid__date', text: shortDate(d.date) }),
      d.date === todayIso ? h('span', { class: 'meedoen-wp-grid__today', text: ' (vandaag)' }) : null)))),
  h('tbody', {},
    PARTS.map(([part, label]) => {
      const t = (plan.times || []).find((x) => x.part === part);
      return h('tr', { role: 'row' },
        h('th', { role: 'rowheader', scope: 'row', class: 'meedoen-wp-grid__part' },
          h('span', { class: 'meedoen-wp-grid__partname', text: capitalise(t?.label || label) }),
          partTimes(part) ? [' ', h('span', { class: 'meedoen-wp-grid__parttime', text: partTimes(part) })] : null),
        days.map((d) => {
          const code = `${d.code}_${part}`;
          const cell = cells.get(code);
          const conflicts = (cell?.conflicts || []).map((i) => (plan.conflicts || [])[i]).filter(Boolean);
          const hasOpen = conflicts.some((c) => !c.accepted);
          return h('td', {
            role: 'gridcell', tabindex: '-1',
            class: `meedoen-wp-cell${hasOpen ? ' meedoen-wp-cell--conflict' : ''}${conflicts.length && !hasOpen ? ' meedoen-wp-cell--accepted' : ''}${(cell?.items || []).length ? '' : ' meedoen-wp-cell--free'}`,
            dataset: { dayPart: code, date: d.date },
            'aria-selected': editable ? 'false' : null,
          },
          h('span', { class: 'meedoen-wp-cell__check', 'aria-hidden': 'true', text: '✓ gekozen' }),
          h('span', { class: 'meedoen-wp-cell__body' }, cellNodes(cell, byKey)));
        }));
    })));
  grid.addEventListener('keydown', onGridKey);
  grid.addEventListener('click', onGridClick);
  box.append(grid);
  setTabStop(wp.focus, false);
}

// ---------------------------------------------------------------- the grid's keyboard

function cellOf(code) {
  return $(`#wp-grid-table td[data-day-part="${code}"]`);
}

function position(code) {
  const [d, p] = code.split('_');
  return { col: DAYS.findIndex(([x]) => x === d), row: PARTS.findIndex(([x]) => x === p) };
}

function codeAt(row, col) {
  return `${DAYS[col][0]}_${PARTS[row][0]}`;
}

function setTabStop(code, focus) {
  for (const td of document.querySelectorAll('#wp-grid-table td[role="gridcell"]')) td.tabIndex = -1;
  const cell = cellOf(code) || cellOf('mon_morning');
  if (!cell) return;
  wp.focus = cell.dataset.dayPart;
  cell.tabIndex = 0;
  if (focus) cell.focus();
}

function onGridKey(ev) {
  const td = ev.target.closest('td[role="gridcell"]');
  if (!td) return;
  let { row, col } = position(td.dataset.dayPart);
  const lastRow = PARTS.length - 1;
  const lastCol = DAYS.length - 1;
  switch (ev.key) {
    case 'ArrowRight': col = Math.min(lastCol, col + 1); break;
    case 'ArrowLeft': col = Math.max(0, col - 1); break;
    case 'ArrowDown': row = Math.min(lastRow, row + 1); break;
    case 'ArrowUp': row = Math.max(0, row - 1); break;
    case 'Home': col = 0; if (ev.ctrlKey) row = 0; break;
    case 'End': col = lastCol; if (ev.ctrlKey) row = lastRow; break;
    case ' ':
    case 'Enter':
      ev.preventDefault();
      toggle(td.dataset.dayPart);
      return;
    default: return;
  }
  ev.preventDefault();
  setTabStop(codeAt(row, col), true);
}

function onGridClick(ev) {
  const td = ev.target.closest('td[role="gridcell"]');
  if (!td) return;
  setTabStop(td.dataset.dayPart, true);
  toggle(td.dataset.dayPart);
}

function toggle(code) {
  if (!mayWrite()) return;
  if (wp.selected.has(code)) wp.selected.delete(code);
  else wp.selected.add(code);
  updateSelection();
}

// Show the selection in the grid and in the form.
function updateSelection() {
  for (const td of document.querySelectorAll('#wp-grid-table td[role="gridcell"]')) {
    const on = wp.selected.has(td.dataset.dayPart);
    td.classList.toggle('meedoen-wp-cell--selected', on);
    if (mayWrite()) td.setAttribute('aria-selected', on ? 'true' : 'false');
  }
  const out = $('#wp-chosen');
  if (out) {
    out.textContent = wp.selected.size
      ? `${wp.selected.size} ${wp.selected.size === 1 ? 'dagdeel' : 'dagdelen'}: ${dayPartList(wp.selected)}`
      : 'Nog geen dagdelen gekozen. Kies ze in het rooster hierboven.';
  }
  const clearBtn = $('#wp-clear-selection');
  if (clearBtn) clearBtn.disabled = wp.selected.size === 0;
}

// ---------------------------------------------------------------- the entries

function dayPartsText(item) {
  return Array.isArray(item.day_parts) ? dayPartList(item.day_parts) : '';
}

function renderItems(plan) {
  const box = $('#wp-items');
  clear(box);
  const items = plan.items || [];
  box.append(h('h3', { class: 'utrecht-heading-3', text: 'Afspraken en lessen in deze week' }));
  if (!items.length) {
    box.append(h('p', { class: 'utrecht-paragraph', text: 'Er is in deze week niets gepland.' }));
    return;
  }
  const editable = mayWrite();
  const columns = [{ label: 'Soort' }, { label: 'Omschrijving' }, { label: 'Dagdelen' }, { label: 'Tijden' },
    { label: 'Locatie' }, { label: 'Geldig' }, { label: 'Bijzonderheden' }];
  if (editable) columns.push({ label: 'Acties' });
  const rows = items.map((it) => {
    const timetable = it.source === 'timetable';
    const what = [it.title || capitalise(kindLabel(it))];
    if (it.placement_title) what.push(h('span', { class: 'meedoen-muted', text: ` (werkplek: ${it.placement_title})` }));
    if (timetable) what.push(h('span', { class: 'meedoen-muted', text: ` (lesrooster${it.organisation_name ? ` van ${it.organisation_name}` : ''})` }));
    if (it.note) what.push(h('span', { class: 'meedoen-wp-note', text: it.note }));
    const times = timetable && Array.isArray(it.sessions) && it.sessions.length
      ? it.sessions.map((s) => `${s.weekday_label || DAY_LABEL[s.weekday] || s.weekday} ${timeRange(s.start_time, s.end_time)}`).join(', ')
      : (timeRange(it.start_time, it.end_time) || 'tijden van het dagdeel');
    const exceptions = (it.exceptions || []).map((x) => h('span', { class: 'meedoen-wp-exception' },
      `gaat niet door ${period(x.from_date, x.to_date || x.from_date)}: ${x.reason}`,
      editable && !timetable && x.id ? [' ', button('Opheffen', {
        class: 'utrecht-button utrecht-button--subtle meedoen-small-button',
        'aria-label': `${it.title || kindLabel(it)} gaat toch door ${period(x.from_date, x.to_date || x.from_date)}: opheffen`,
        onclick: (ev) => removeException(x, ev.currentTarget),
      })] : null));
    const accepted = (it.overrides || []).map((o) => h('span', { class: 'meedoen-wp-exception meedoen-muted' },
      `conflict geaccepteerd: ${o.reason}${o.user_name ? ` (${o.user_name})` : ''}`));
    const row = [
      capitalise(kindLabel(it)), h('span', {}, what), dayPartsText(it), times, it.location || '',
      period(it.valid_from, it.valid_until), h('span', {}, exceptions.length ? exceptions : '', accepted),
    ];
    if (editable) {
      row.push(timetable
        ? h('span', { class: 'meedoen-muted', text: 'wijzigen via het lesrooster' })
        : h('span', { class: 'meedoen-wp-actions' },
          button('Gaat niet door op…', {
            class: 'utrecht-button utrecht-button--secondary-action meedoen-small-button',
            'aria-label': `Gaat niet door op…: ${it.title || kindLabel(it)}`,
            onclick: () => openExceptionForm(it),
          }),
          button('Verwijderen', {
            class: 'utrecht-button utrecht-button--secondary-action meedoen-small-button',
            'aria-label': `Verwijderen: ${it.title || kindLabel(it)}`,
            onclick: () => openRemoveForm(it),
          })));
    }
    return row;
  });
  box.append(table({ caption: 'Alles wat in deze week gepland is', columns, rows, rowHeader: false, className: 'meedoen-wp-items' }));
}

// Holidays of the whole plan (plan.exceptions) that have not passed, or
// that touch the week shown.
function renderHolidays(plan) {
  const box = $('#wp-holidays');
  clear(box);
  const from = [today(), wp.week].sort()[0];
  const list = (Array.isArray(plan.exceptions) ? plan.exceptions : []).filter((x) => (x.to_date || x.from_date) >= from);
  if (!list.length) return;
  box.append(h('h4', { class: 'utrecht-heading-4', text: 'Vrij voor de hele planning' }),
    h('ul', { class: 'utrecht-unordered-list' }, list.map((x) => h('li', { class: 'utrecht-unordered-list__item' },
      `${period(x.from_date, x.to_date || x.from_date)}: ${x.reason} `,
      mayWrite() && x.id ? button('Opheffen', {
        class: 'utrecht-button utrecht-button--secondary-action meedoen-small-button',
        'aria-label': `Vrij van ${period(x.from_date, x.to_date || x.from_date)} opheffen`,
        onclick: (ev) => removeException(x, ev.currentTarget),
      }) : null))));
}

async function removeException(x, btn) {
  btn.disabled = true;
  try {
    await request('DELETE', `/api/week-plan/exceptions/${x.id}`);
    await reload('ok', `De uitzondering ${period(x.from_date, x.to_date || x.from_date)} (${x.reason}) is opgeheven.`);
  } catch (err) {
    btn.disabled = false;
    showMessage($('#wp-message'), 'error', `Opheffen is niet gelukt. ${describeError(err)}`);
  }
}

// ---------------------------------------------------------------- forms and the override

function formShell(id, titleText, ...content) {
  const titleId = `${id}-title`;
  return h('form', { class: 'utrecht-form meedoen-subform meedoen-wp-form', id, novalidate: true, 'aria-labelledby': titleId },
    h('h3', { class: 'utrecht-heading-3', id: titleId, tabindex: '-1', text: titleText }),
    h('div', { class: 'meedoen-form-errors', id: `${id}-errors` }),
    ...content);
}

function valueOf(form, name) {
  const el = form.elements.namedItem(name);
  if (!el) return null;
  const v = typeof el.value === 'string' ? el.value.trim() : el.value;
  return v === '' ? null : v;
}

// Send a change that may make new conflicts. send(reason) does the request
// (reason null the first time). A 409 with conflicts shows them in the form
// with a required reason and "Toch opslaan", which sends again with the
// reason; a 422 shows the errors beside the fields. Resolves to the answer,
// or null when nothing was saved (yet).
async function sendWithOverride(form, send, { title, fieldMap = (f) => f, againText = 'Toch opslaan' }) {
  const errorsEl = form.querySelector('.meedoen-form-errors');
  const overrideBox = form.querySelector('.meedoen-wp-override');
  const reasonEl = overrideBox ? overrideBox.querySelector('textarea') : null;
  const reason = reasonEl && !overrideBox.hidden ? reasonEl.value.trim() : null;
  clearErrors(form);
  clear(errorsEl);
  clear($('#wp-message'));
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    if (overrideBox && !overrideBox.hidden && !reason) {
      const w = overrideBox.querySelector('[data-field="override_reason"]');
      setFieldError(w, 'Geef een reden om toch op te slaan.');
      showErrorSummary(errorsEl, 'Er is niets opgeslagen', [{ text: `${FIELD_LABELS.override_reason}: is verplicht`, target: reasonEl }]);
      return null;
    }
    return (await send(reason)) ?? {};
  } catch (err) {
    if (err instanceof ApiError && err.status === 409 && Array.isArray(err.body?.conflicts) && overrideBox) {
      showOverride(overrideBox, err.body.conflicts, againText);
      return null;
    }
    const mapped = err instanceof ApiError
      ? Object.assign(Object.create(Object.getPrototypeOf(err)), err, { errors: err.errors.map((x) => ({ ...x, field: fieldMap(x.field) })) })
      : err;
    showSubmitError(form, errorsEl, mapped, {
      title, labels: FIELD_LABELS, reason: reasonWp, describe: describeError,
      intro: err instanceof ApiError && err.errors.length ? 'Er is niets opgeslagen. Verbeter het volgende:' : null,
    });
    return null;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

// The part of a form that asks for a reason to save despite conflicts;
// hidden until the server names new conflicts.
function overrideBoxFor(formId, onAgain) {
  const id = `${formId}-override_reason`;
  return h('div', { class: 'meedoen-wp-override', hidden: true },
    h('div', { class: 'meedoen-wp-override__list' }),
    textareaField({
      id, name: 'override_reason', label: 'Reden om toch op te slaan', required: true, maxlength: 500,
      hint: 'Waarom kan het toch zo? De reden wordt bij het conflict bewaard (3 tot 500 tekens).',
    }),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      button('Toch opslaan', { variant: 'primary-action', class: 'utrecht-button utrecht-button--primary-action meedoen-wp-again', onclick: onAgain }),
      button('Niet opslaan', {
        onclick: (ev) => {
          const box = ev.currentTarget.closest('.meedoen-wp-override');
          hideOverride(box);
          box.closest('form')?.querySelector('h3')?.focus();
        },
      })));
}

function showOverride(box, conflicts, againText) {
  const list = box.querySelector('.meedoen-wp-override__list');
  clear(list);
  const titleId = uniqueId('wp-override-title');
  list.append(h('div', { class: 'utrecht-alert utrecht-alert--warning', role: 'alert', tabindex: '-1', 'aria-labelledby': titleId },
    h('div', { class: 'utrecht-alert__content' },
      h('div', { class: 'utrecht-alert__message' },
        h('h4', { class: 'utrecht-heading-4', id: titleId, text: conflicts.length === 1 ? 'Dit geeft een conflict' : `Dit geeft ${conflicts.length} conflicten` }),
        h('ul', { class: 'utrecht-unordered-list' }, conflicts.map((c) => h('li', { class: 'utrecht-unordered-list__item' }, conflictNode(c, { withParts: true })))),
        h('p', { class: 'utrecht-paragraph', text: `Er is niets opgeslagen. Pas de planning aan, of geef een reden en kies "${againText}".` })))));
  box.querySelector('.meedoen-wp-again').textContent = againText;
  box.hidden = false;
  list.querySelector('.utrecht-alert').focus();
}

function hideOverride(box) {
  if (!box) return;
  box.hidden = true;
  clear(box.querySelector('.meedoen-wp-override__list'));
  const ta = box.querySelector('textarea');
  if (ta) ta.value = '';
}

// ---------------------------------------------------------------- adding

function kindOptions() {
  const opts = codeOptions(ctx.codes, 'plan_kind');
  if (opts.length) return opts.map((o) => ({ value: o.value, label: capitalise(o.label) }));
  return [['work', 'Werk'], ['training', 'Scholing'], ['coach_appointment', 'Afspraak jobcoach'], ['buddy_meeting', 'Taalmaatje'],
    ['language_class', 'Taalles'], ['other', 'Overig']].map(([value, label]) => ({ value, label }));
}

function placementOptions() {
  return wp.placements
    .filter((p) => p.active !== false)
    .map((p) => ({ value: String(p.id), label: p.organisation_name ? `${p.title} – ${p.organisation_name}` : p.title }));
}

function buildAddForm() {
  const box = $('#wp-add');
  clear(box);
  const formId = 'wp-add-form';
  const form = formShell(formId, 'Toevoegen aan weekplanning',
    h('fieldset', {
      class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner meedoen-wp-chosen',
      id: 'wp-day_parts', tabindex: '-1', dataset: { field: 'day_parts' },
    },
    h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small', text: 'Gekozen dagdelen' }),
    h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: 'wp-day_parts-error', hidden: true }),
    h('p', { class: 'utrecht-paragraph', id: 'wp-chosen', 'aria-live': 'polite' }),
    button('Keuze wissen', { id: 'wp-clear-selection', class: 'utrecht-button utrecht-button--subtle meedoen-small-button', onclick: () => { wp.selected.clear(); updateSelection(); } })),
    h('div', { class: 'meedoen-grid-2' },
      selectField({ id: 'wp-kind', name: 'kind', label: 'Soort', options: kindOptions(), required: true, emptyLabel: 'Kies een soort' }),
      inputField({ id: 'wp-title', name: 'title', label: 'Omschrijving', maxlength: 200, hint: 'Bijvoorbeeld: Inpakhal, cursus heftruck, gesprek.' }),
      h('div', { class: 'meedoen-wp-placement', id: 'wp-placement-box', hidden: true },
        selectField({ id: 'wp-placement_id', name: 'placement_id', label: 'Werkplek', options: placementOptions(), emptyLabel: '(geen werkplek)', hint: 'Leeg laten voor werk zonder werkplek in meedoen. Zonder locatie geldt die van de werkplek.' })),
      inputField({ id: 'wp-location', name: 'location', label: 'Locatie', maxlength: 200 }),
      inputField({ id: 'wp-start_time', name: 'start_time', label: 'Eigen begintijd', type: 'time', hint: 'Leeg laten: de tijden van het dagdeel.' }),
      inputField({ id: 'wp-end_time', name: 'end_time', label: 'Eigen eindtijd', type: 'time', hint: 'Met eigen tijden geldt de tijd op elke gekozen dag.' }),
      inputField({ id: 'wp-valid_from', name: 'valid_from', label: 'Geldig vanaf', type: 'date', value: today(), required: true }),
      inputField({ id: 'wp-valid_until', name: 'valid_until', label: 'Geldig tot en met', type: 'date', hint: 'Leeg laten als er geen einddatum is.' })),
    textareaField({ id: 'wp-note', name: 'note', label: 'Toelichting', maxlength: 1000 }),
    overrideBoxFor(formId, () => submitAdd(form)),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', text: 'Toevoegen aan weekplanning' })));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); hideOverride(form.querySelector('.meedoen-wp-override')); submitAdd(form); });
  const kind = form.querySelector('#wp-kind');
  kind.addEventListener('change', () => { $('#wp-placement-box').hidden = kind.value !== 'work'; });
  box.append(form);
  updateSelection();
}

async function submitAdd(form) {
  const body = { kind: valueOf(form, 'kind') };
  const start = valueOf(form, 'start_time');
  const end = valueOf(form, 'end_time');
  const chosen = allCodes().filter((c) => wp.selected.has(c));
  if (start || end) {
    body.weekdays = [...new Set(chosen.map((c) => c.split('_')[0]))];
    body.start_time = start;
    body.end_time = end;
  } else {
    body.day_parts = chosen;
  }
  for (const name of ['title', 'location', 'valid_from', 'valid_until', 'note']) {
    const v = valueOf(form, name);
    if (v !== null) body[name] = v;
  }
  if (body.kind === 'work' && valueOf(form, 'placement_id')) body.placement_id = Number(valueOf(form, 'placement_id'));
  const res = await sendWithOverride(form, (reason) => post(`${base()}/week-plan/entries`, reason ? { ...body, override_reason: reason } : body), {
    title: 'Niet toegevoegd aan de weekplanning',
    fieldMap: (f) => (f === 'weekdays' ? 'day_parts' : f),
  });
  if (!res) return;
  hideOverride(form.querySelector('.meedoen-wp-override'));
  const what = body.title || capitalise(codeLabel(ctx.codes, 'plan_kind', body.kind) || body.kind);
  const parts = dayPartList(chosen);
  wp.selected.clear();
  for (const name of ['title', 'location', 'start_time', 'end_time', 'valid_until', 'note', 'placement_id']) {
    const el = form.elements.namedItem(name);
    if (el) el.value = '';
  }
  await reload('ok', `${what} is toegevoegd aan de weekplanning (${parts}).`);
}

// ---------------------------------------------------------------- per entry

function openEntryForm(form) {
  const box = $('#wp-entry-action');
  clear(box);
  box.append(form);
  form.querySelector('h3').focus();
}

function closeEntryForm(focusSelector) {
  clear($('#wp-entry-action'));
  if (focusSelector) $(focusSelector)?.focus();
}

function cancelButton() {
  return button('Annuleren', { onclick: () => closeEntryForm('#wp-items h3') });
}

function openRemoveForm(item) {
  const formId = 'wp-remove-form';
  const name = item.title || capitalise(kindLabel(item));
  const form = formShell(formId, `Verwijderen: ${name}`,
    h('p', { class: 'utrecht-paragraph', text: `${name} (${dayPartsText(item)}) wordt uit de weekplanning gehaald, ook in de weken hierna. Wat gepland was, blijft bewaard.` }),
    overrideBoxFor(formId, () => submitRemove(form, item)),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', text: 'Ja, verwijderen' }),
      cancelButton()));
  form.addEventListener('submit', (ev) => { ev.preventDefault(); hideOverride(form.querySelector('.meedoen-wp-override')); submitRemove(form, item); });
  openEntryForm(form);
}

async function submitRemove(form, item) {
  const res = await sendWithOverride(form,
    (reason) => post(`/api/week-plan/entries/${item.id}/remove`, reason ? { override_reason: reason } : {}),
    { title: 'Niet verwijderd', againText: 'Toch verwijderen' });
  if (!res) return;
  closeEntryForm();
  await reload('ok', `${item.title || capitalise(kindLabel(item))} is uit de weekplanning verwijderd.`);
}

function openExceptionForm(item) {
  const formId = 'wp-exception-form';
  const name = item.title || capitalise(kindLabel(item));
  const first = (wp.plan.days || [])[0]?.date || wp.week;
  const from = today() > first ? today() : first;
  const form = formShell(formId, `Gaat niet door: ${name}`,
    h('p', { class: 'utrecht-paragraph', text: 'Voor één dag of een periode. De rest van de planning blijft staan.' }),
    h('div', { class: 'meedoen-grid-2' },
      inputField({ id: `${formId}-from_date`, name: 'from_date', label: 'Van', type: 'date', value: from, required: true }),
      inputField({ id: `${formId}-to_date`, name: 'to_date', label: 'Tot en met', type: 'date', hint: 'Leeg laten voor één dag.' })),
    inputField({ id: `${formId}-reason`, name: 'reason', label: 'Reden', required: true, maxlength: 200, hint: 'Bijvoorbeeld: ziek, vakantie werkgever, examen.' }),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', text: 'Vastleggen' }),
      cancelButton()));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { from_date: valueOf(form, 'from_date'), reason: valueOf(form, 'reason') };
    if (valueOf(form, 'to_date')) body.to_date = valueOf(form, 'to_date');
    const res = await sendWithOverride(form, () => post(`/api/week-plan/entries/${item.id}/exceptions`, body), { title: 'Niet vastgelegd' });
    if (!res) return;
    closeEntryForm();
    await reload('ok', `Vastgelegd: ${name} gaat niet door ${body.to_date && body.to_date !== body.from_date ? `van ${formatDate(body.from_date)} t/m ${formatDate(body.to_date)}` : `op ${formatDate(body.from_date)}`}.`);
  });
  openEntryForm(form);
}

// ---------------------------------------------------------------- a holiday

function buildHolidayForm() {
  const box = $('#wp-holiday');
  clear(box);
  const formId = 'wp-holiday-form';
  const form = formShell(formId, 'Vrij voor de hele planning',
    h('p', { class: 'utrecht-paragraph', text: 'Een vakantie of een vrije dag: niets van de planning gaat dan door, ook de lessen niet.' }),
    h('div', { class: 'meedoen-grid-2' },
      inputField({ id: `${formId}-from_date`, name: 'from_date', label: 'Van', type: 'date', required: true }),
      inputField({ id: `${formId}-to_date`, name: 'to_date', label: 'Tot en met', type: 'date', hint: 'Leeg laten voor één dag.' })),
    inputField({ id: `${formId}-reason`, name: 'reason', label: 'Reden', required: true, maxlength: 200, hint: 'Bijvoorbeeld: vakantie, Suikerfeest.' }),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', text: 'Vrij vastleggen' })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { from_date: valueOf(form, 'from_date'), reason: valueOf(form, 'reason') };
    if (valueOf(form, 'to_date')) body.to_date = valueOf(form, 'to_date');
    const res = await sendWithOverride(form, () => post(`${base()}/week-plan/exceptions`, body), { title: 'Niet vastgelegd' });
    if (!res) return;
    for (const n of ['from_date', 'to_date', 'reason']) form.elements.namedItem(n).value = '';
    await reload('ok', `Vrij vastgelegd ${body.to_date && body.to_date !== body.from_date ? `van ${formatDate(body.from_date)} t/m ${formatDate(body.to_date)}` : `op ${formatDate(body.from_date)}`}: ${body.reason}.`);
  });
  box.append(h('details', { class: 'meedoen-disclosure' },
    h('summary', { class: 'meedoen-disclosure__summary', text: 'Vrij voor de hele planning (vakantie)' }),
    h('div', { class: 'meedoen-disclosure__body' }, form)));
}

// ---------------------------------------------------------------- links

function buildLinks() {
  const box = $('#wp-links');
  clear(box);
  const id = ctx.id;
  box.append(
    h('h3', { class: 'utrecht-heading-3', text: 'Weekkaart en agenda' }),
    h('ul', { class: 'utrecht-unordered-list meedoen-wp-links' },
      h('li', { class: 'utrecht-unordered-list__item' },
        h('a', { class: 'utrecht-link utrecht-link--html-a', id: 'wp-card-link', href: `/weekcard.html?participant=${id}`, text: 'Weekkaart afdrukken' }),
        h('span', { class: 'meedoen-muted', text: ' (in het Nederlands en de eigen taal van de deelnemer)' })),
      h('li', { class: 'utrecht-unordered-list__item' },
        h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/api/participants/${id}/week-plan.ics`, download: `weekplanning-${id}.ics`, text: 'Agenda downloaden (.ics)' }))),
    h('h4', { class: 'utrecht-heading-4', id: 'wp-sub-title', text: 'Agenda-abonnement' }),
    h('p', { class: 'utrecht-paragraph', text: 'Met een abonnementslink toont een agenda-app (Outlook, Google Agenda, telefoon) de weekplanning en houdt die bij. Iedereen met de link ziet de planning: deel hem alleen met de deelnemer of uw eigen agenda. U kunt de link altijd intrekken.' }),
    h('div', { id: 'wp-sub-message' }),
    h('div', { id: 'wp-sub-new' }),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      button('Abonnementslink maken', { id: 'wp-sub-make', onclick: makeToken })),
    h('div', { id: 'wp-sub-list' }));
  loadTokens();
}

function updateCardLink() {
  const a = $('#wp-card-link');
  if (a && wp.week) a.href = `/weekcard.html?participant=${ctx.id}&week=${wp.week}`;
}

async function loadTokens() {
  let data;
  try {
    data = await get('/api/calendar-tokens');
  } catch (err) {
    showMessage($('#wp-sub-message'), 'info', `De abonnementslinks konden niet worden geladen. ${describeError(err)}`);
    return;
  }
  wp.tokens = (data?.items || []).filter((t) => t.subject === 'participant' && Number(t.participant_id) === Number(ctx.id) && !t.revoked_at);
  const list = $('#wp-sub-list');
  clear(list);
  if (!wp.tokens.length) {
    list.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'U hebt nog geen abonnementslink voor deze deelnemer.' }));
    return;
  }
  list.append(h('ul', { class: 'utrecht-unordered-list', 'aria-label': 'Uw abonnementslinks voor deze deelnemer' },
    wp.tokens.map((t) => h('li', { class: 'utrecht-unordered-list__item meedoen-wp-token' },
      `Abonnementslink gemaakt op ${formatDate(t.created_at)}${t.last_used_at ? `, laatst gebruikt ${formatDate(t.last_used_at)}` : ''} `,
      button('Intrekken', {
        class: 'utrecht-button utrecht-button--secondary-action meedoen-small-button',
        'aria-label': `Abonnementslink van ${formatDate(t.created_at)} intrekken`,
        onclick: (ev) => revokeToken(t, ev.currentTarget),
      })))));
}

async function makeToken(ev) {
  const btn = ev.currentTarget;
  btn.disabled = true;
  clear($('#wp-sub-message'));
  try {
    const t = await post('/api/calendar-tokens', { subject: 'participant', participant_id: ctx.id });
    const url = new URL(t.url, location.origin).href;
    const box = $('#wp-sub-new');
    clear(box);
    const input = inputField({ id: 'wp-sub-url', name: 'calendar_url', label: 'Abonnementslink', value: url, hint: 'Kopieer de link nu: hij wordt maar één keer getoond.' });
    input.querySelector('input').readOnly = true;
    box.append(h('div', { class: 'meedoen-wp-subscription' }, input,
      button('Link kopiëren', {
        id: 'wp-sub-copy',
        onclick: async () => {
          const field = $('#wp-sub-url');
          field.select();
          let ok = false;
          try { await navigator.clipboard.writeText(field.value); ok = true; } catch { ok = document.execCommand?.('copy') || false; }
          showMessage($('#wp-sub-message'), ok ? 'ok' : 'info', ok ? 'De link is gekopieerd.' : 'Kopiëren lukte niet; de link is geselecteerd, kopieer hem met Ctrl+C.');
        },
      })));
    await loadTokens();
    $('#wp-sub-url').focus();
    $('#wp-sub-url').select();
  } catch (err) {
    showMessage($('#wp-sub-message'), 'error', `Er is geen abonnementslink gemaakt. ${describeError(err)}`);
  } finally {
    btn.disabled = false;
  }
}

async function revokeToken(t, btn) {
  btn.disabled = true;
  try {
    await request('DELETE', `/api/calendar-tokens/${t.id}`);
    clear($('#wp-sub-new'));
    await loadTokens();
    showMessage($('#wp-sub-message'), 'ok', 'De abonnementslink is ingetrokken; agenda\'s met deze link krijgen geen planning meer.');
    focusAlert($('#wp-sub-message'));
  } catch (err) {
    btn.disabled = false;
    showMessage($('#wp-sub-message'), 'error', `Intrekken is niet gelukt. ${describeError(err)}`);
  }
}

// ---------------------------------------------------------------- entry points

// options: { id, user, participant, codes, onShow(sectionId), onHide(sectionId) }.
// Shows the section when the user may read the plan; hides it on 403/404.
export async function initWeekPlan(options) {
  Object.assign(ctx, options);
  const section = $(`#${SECTION}`);
  if (!section) return;
  if (mayWrite() && mayReadPlacements(ctx.user?.role)) wp.placements = await loadPlacements();
  let data;
  try {
    data = await get(`${base()}/week-plan`);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) {
      section.hidden = true;
      ctx.onHide(SECTION);
      return;
    }
    section.hidden = false;
    ctx.onShow(SECTION);
    showMessage($('#wp-message'), 'error', `De weekplanning kon niet worden geladen. ${describeError(err)}`);
    return;
  }
  build();
  wp.plan = data || {};
  wp.week = wp.plan.week || mondayOf(today());
  render();
  ctx.onShow(SECTION);
}

// The dossier keeps its participant up to date (after an edit or a consent).
export function setWeekPlanParticipant(p) {
  const could = mayWrite();
  ctx.participant = p;
  if (wp.built && could !== mayWrite()) {
    build();
    render();
  }
}
