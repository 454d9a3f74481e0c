// visit.js - one company visit or matching event (GET /api/visits/:id):
// its details; inviting participants from the caseload into a group within
// the capacity (POST /api/visits/:id/invitations, the refusal shown when it
// is full); attendance by checkboxes and interest per participant saved in
// one go (POST /api/visits/:id/attendance); each employer's follow-up per
// participant with a note (POST /api/visits/:id/follow-ups); and a summary
// of what the visit led to.
import { get, post, query, describeError, ApiError } from './api.js';
import {
  h, $, clear, table, dataList, showMessage, inputField, selectField, radioGroupField, radioValue,
  clearErrors, showSubmitError, showErrorSummary,
} from './dom.js';
import { initPage, intParam } from './nav.js';
import { loadCodes } from './codes.js';
import { capitalise, formatDate, today, othersText } from './labels.js';
import {
  VISIT_MANAGERS, INTEREST_LABELS, FOLLOW_UP_LABELS, visitKindLabel, codeText, codeChoices, timeText, dateTimeText,
  personText, visitReason, describeVisitError, focusAlert,
} from './visits.js';

const SEARCH_SIZE = 10;

const state = { id: null, user: null, codes: {}, visit: null, group: new Map(), results: null, query: '' };

function manager() {
  return VISIT_MANAGERS.has(state.user.role);
}

function isEmployer() {
  return state.user.role === 'employer';
}

function participants() {
  const items = Array.isArray(state.visit?.participants) ? [...state.visit.participants] : [];
  return items.sort((a, b) => personText(a).localeCompare(personText(b), 'nl'));
}

function followUps() {
  return Array.isArray(state.visit?.follow_ups) ? state.visit.follow_ups : [];
}

function employers() {
  return Array.isArray(state.visit?.employers) ? state.visit.employers : [];
}

function interestText(code) {
  return code ? codeText(state.codes, 'visit_interest', INTEREST_LABELS, code) : '';
}

function followUpText(code) {
  return codeText(state.codes, 'visit_follow_up', FOLLOW_UP_LABELS, code);
}

function attendedText(a) {
  if (a === true) return 'aanwezig';
  if (a === false) return 'afwezig';
  return 'niet vastgelegd';
}

function free() {
  const v = state.visit;
  return Math.max(0, (Number(v.capacity) || 0) - participants().length);
}

function hasTakenPlace() {
  return state.visit.held_on <= today();
}

function count(n, one, many) {
  return `${n} ${n === 1 ? one : many}`;
}

// ---------------------------------------------------------------- details

function renderFacts() {
  const v = state.visit;
  const kind = capitalise(visitKindLabel(v.kind));
  document.title = `${v.title} – ${kind} – meedoen`;
  $('#visit-title').textContent = v.title;
  $('#visit-subtitle').textContent = `${kind} op ${dateTimeText(v)}${v.held_on >= today() ? '' : ' (geweest)'}`;
  const box = $('#visit-facts');
  clear(box);
  const muted = (t) => h('span', { class: 'meedoen-muted', text: t });
  box.append(h('div', { class: 'meedoen-facts' }, dataList([
    ['Soort', kind],
    ['Datum', formatDate(v.held_on)],
    ['Begintijd', timeText(v.start_time) ? `${timeText(v.start_time)} uur` : muted('niet ingevuld')],
    ['Locatie', v.location || muted('niet ingevuld')],
    ['Werkgevers', employers().length ? employers().map((e) => e.name).join(', ') : muted('geen')],
    ['Aantal plaatsen', String(v.capacity)],
    ['Uitgenodigd', `${participants().length} van ${v.capacity}`],
    ['Taalondersteuning', v.language_support || 'niet nodig'],
    ['Georganiseerd door', v.organiser_name || muted('onbekend')],
    ...(v.notes ? [['Notities', h('span', { class: 'meedoen-multiline', text: v.notes })]] : []),
  ])));
}

// ---------------------------------------------------------------- invite

function placesText() {
  const v = state.visit;
  const n = participants().length;
  const f = free();
  $('#invite-places').textContent = f === 0
    ? `Vol: alle ${v.capacity} plaatsen zijn bezet.`
    : `${n} van ${v.capacity} plaatsen bezet; nog ${count(f, 'plaats', 'plaatsen')} vrij.`;
}

function renderInvite() {
  const section = $('#uitnodigen');
  if (!manager()) { section.hidden = true; return; }
  section.hidden = false;
  $('#toc-uitnodigen').hidden = false;
  placesText();
  const box = $('#invite-box');
  if (box.childElementCount) { renderResults(); renderGroup(); return; }
  const search = h('form', { class: 'utrecht-form meedoen-filters meedoen-invite-search', id: 'invite-search', role: 'search', 'aria-label': 'Deelnemers zoeken om uit te nodigen', novalidate: true },
    inputField({ id: 'iv-q', name: 'q', label: 'Zoek een deelnemer op naam', type: 'search', autocomplete: 'off' }),
    h('div', { class: 'utrecht-button-group meedoen-filters__actions' },
      h('button', { class: 'utrecht-button utrecht-button--secondary-action', type: 'submit', text: 'Zoeken' })));
  search.addEventListener('submit', (ev) => {
    ev.preventDefault();
    runSearch(search.elements.namedItem('q').value.trim());
  });
  box.append(
    search,
    h('div', { id: 'invite-results', 'aria-live': 'polite' }),
    h('div', { id: 'invite-group', class: 'meedoen-group' }));
  renderResults();
  renderGroup();
}

async function runSearch(q) {
  state.query = q;
  const results = $('#invite-results');
  clear(results);
  results.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Zoeken…' }));
  try {
    const data = await get(`/api/participants${query({ q, per_page: SEARCH_SIZE })}`);
    state.results = { items: data?.items || [], total: Number(data?.total ?? (data?.items || []).length) };
  } catch (err) {
    state.results = null;
    clear(results);
    showMessage(results, 'error', `Zoeken is niet gelukt. ${describeError(err)}`);
    return;
  }
  renderResults();
}

function participantLabel(p) {
  const n = [p.given_names, p.family_name].filter(Boolean).join(' ') || `Deelnemer ${p.id}`;
  return n;
}

function renderResults() {
  const box = $('#invite-results');
  if (!box || !state.results) return;
  clear(box);
  const { items, total } = state.results;
  const invited = new Set(participants().map((p) => p.participant_id));
  box.append(h('p', { class: 'utrecht-paragraph meedoen-count', text: total === 0
    ? `Geen deelnemers gevonden${state.query ? ` voor "${state.query}"` : ''}.`
    : `${count(total, 'deelnemer', 'deelnemers')} gevonden${total > items.length ? `; de eerste ${items.length} staan hieronder. Zoek nauwkeuriger om anderen te vinden` : ''}.` }));
  if (!items.length) return;
  box.append(h('ul', { class: 'meedoen-pick-list', 'aria-label': 'Zoekresultaten' }, items.map((p) => {
    const name = participantLabel(p);
    let action;
    if (invited.has(p.id)) action = h('span', { class: 'meedoen-muted', text: 'al uitgenodigd' });
    else if (state.group.has(p.id)) action = h('span', { class: 'meedoen-muted', text: 'in de groep' });
    else {
      action = h('button', {
        class: 'utrecht-button utrecht-button--secondary-action meedoen-small-button', type: 'button',
        'aria-label': `${name} toevoegen aan de groep`,
        onclick: () => { state.group.set(p.id, p); renderResults(); renderGroup(); },
      }, 'Toevoegen');
    }
    return h('li', { class: 'meedoen-pick-list__item' },
      h('span', { class: 'meedoen-pick-list__name' }, name,
        p.birth_date ? h('span', { class: 'meedoen-muted', text: ` (geboren ${formatDate(p.birth_date)})` }) : null),
      action);
  })));
}

function renderGroup() {
  const box = $('#invite-group');
  if (!box) return;
  clear(box);
  const people = [...state.group.values()];
  const headingId = 'invite-group-title';
  box.append(h('h3', { class: 'utrecht-heading-3', id: headingId, text: `Groep om uit te nodigen (${people.length})` }));
  if (!people.length) {
    box.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Zoek deelnemers en voeg ze toe aan de groep. Daarna nodigt u de hele groep in één keer uit.' }));
    return;
  }
  box.append(h('ul', { class: 'meedoen-pick-list', 'aria-labelledby': headingId }, people.map((p) => {
    const name = participantLabel(p);
    return h('li', { class: 'meedoen-pick-list__item' },
      h('span', { class: 'meedoen-pick-list__name', text: name }),
      h('button', {
        class: 'utrecht-button utrecht-button--secondary-action meedoen-small-button', type: 'button',
        'aria-label': `${name} uit de groep halen`,
        onclick: () => { state.group.delete(p.id); renderResults(); renderGroup(); $('#iv-q')?.focus(); },
      }, 'Uit de groep'));
  })));
  const f = free();
  if (people.length > f) {
    box.append(h('p', { class: 'utrecht-paragraph meedoen-warning-text', text: f === 0
      ? 'Let op: het bezoek is vol. Er kan niemand meer bij.'
      : `Let op: de groep is groter dan het aantal vrije plaatsen (${f}).` }));
  }
  box.append(h('div', { class: 'utrecht-button-group meedoen-actions' },
    h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'button', id: 'invite-button', onclick: invite },
      people.length === 1 ? 'Deelnemer uitnodigen' : `${people.length} deelnemers uitnodigen`)));
}

async function invite() {
  const msg = $('#invite-message');
  clear(msg);
  const ids = [...state.group.keys()];
  const btn = $('#invite-button');
  btn.disabled = true;
  try {
    state.visit = await post(`/api/visits/${state.id}/invitations`, { participant_ids: ids });
  } catch (err) {
    btn.disabled = false;
    if (err instanceof ApiError && err.errors.length) {
      showErrorSummary(msg, 'Uitnodigen is niet gelukt', err.errors.map((e) => ({ text: capitalise(visitReason(e.reason)) })), 'Er is niemand uitgenodigd.');
    } else {
      showErrorSummary(msg, 'Uitnodigen is niet gelukt', [], `${describeVisitError(err)} Er is niemand uitgenodigd.`);
    }
    return;
  }
  state.group.clear();
  renderAll();
  showMessage(msg, 'ok', ids.length === 1 ? 'De deelnemer is uitgenodigd.' : `${ids.length} deelnemers zijn uitgenodigd.`);
  focusAlert(msg);
}

// ---------------------------------------------------------------- attendance

function interestOptions() {
  return codeChoices(state.codes, 'visit_interest', INTEREST_LABELS);
}

function renderAttendance() {
  const section = $('#aanwezigheid');
  section.hidden = false;
  const box = $('#attendance-box');
  clear(box);
  const people = participants();
  const others = othersText(state.visit?.participants_others);
  if (others) box.append(h('p', { class: 'utrecht-paragraph meedoen-muted meedoen-others', text: others }));
  if (!people.length && others) return;
  if (!people.length) {
    box.append(h('p', { class: 'utrecht-paragraph', text: manager() ? 'Er is nog niemand uitgenodigd. Nodig eerst deelnemers uit.' : 'Er is nog niemand uitgenodigd.' }));
    return;
  }
  if (!manager()) {
    box.append(table({
      caption: 'Uitgenodigde deelnemers',
      columns: [{ label: 'Deelnemer' }, { label: 'Aanwezig' }, { label: 'Interesse' }],
      rows: people.map((p) => [personText(p), attendedText(p.attended), interestText(p.interest) || 'niet vastgelegd']),
    }));
    return;
  }
  const past = hasTakenPlace();
  const form = h('form', { class: 'utrecht-form meedoen-subform', id: 'attendance-form', novalidate: true, 'aria-labelledby': 'aanwezigheid-title' },
    h('div', { class: 'meedoen-form-errors', id: 'attendance-form-errors' }),
    h('p', { class: 'utrecht-paragraph', id: 'attendance-hint', text: past
      ? 'Vink aan wie er was en kies per deelnemer hoeveel interesse die had. Alles wordt in één keer opgeslagen.'
      : 'Het bezoek is nog niet geweest: aanwezigheid legt u vast op of na de dag van het bezoek. Interesse kunt u al vastleggen.' }));
  const rows = people.map((p) => {
    const name = personText(p);
    const cid = `att-${p.participant_id}`;
    const sid = `int-${p.participant_id}`;
    const sel = h('select', { class: 'utrecht-select utrecht-select--html-select', id: sid, name: `interest:${p.participant_id}` },
      h('option', { value: '', text: 'niet vastgelegd' }),
      interestOptions().map((o) => h('option', { value: o.value, text: o.label, selected: p.interest === o.value })));
    return [
      h('span', {}, name, p.attended === null || p.attended === undefined
        ? h('span', { class: 'meedoen-muted', text: past ? ' (nog niet vastgelegd)' : '' }) : null),
      h('div', { class: 'meedoen-checkbox meedoen-attended', dataset: { field: `attended:${p.participant_id}` } },
        h('input', {
          class: 'utrecht-checkbox utrecht-checkbox--html-input', type: 'checkbox', id: cid, name: `attended:${p.participant_id}`,
          checked: p.attended === true, disabled: !past, 'aria-describedby': past ? null : 'attendance-hint',
        }),
        h('label', { class: 'utrecht-form-label utrecht-form-label--checkbox', for: cid },
          h('span', { class: 'meedoen-visually-hidden', text: `${name} ` }), 'aanwezig')),
      h('div', { class: 'meedoen-interest', dataset: { field: `interest:${p.participant_id}` } },
        h('label', { class: 'meedoen-visually-hidden', for: sid, text: `Interesse van ${name}` }), sel),
    ];
  });
  form.append(table({
    caption: `Uitgenodigde deelnemers (${people.length})`,
    columns: [{ label: 'Deelnemer' }, { label: 'Aanwezig' }, { label: 'Interesse' }],
    rows,
    className: 'meedoen-visit-attendance',
  }));
  form.append(h('div', { class: 'utrecht-button-group meedoen-actions' },
    h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', text: 'Aanwezigheid en interesse opslaan' })));
  form.addEventListener('submit', saveAttendance);
  box.append(form);
}

async function saveAttendance(ev) {
  ev.preventDefault();
  const form = ev.currentTarget;
  const errorsEl = $('#attendance-form-errors');
  const msg = $('#attendance-message');
  clearErrors(form);
  clear(errorsEl);
  clear(msg);
  const past = hasTakenPlace();
  const items = participants().map((p) => {
    const it = { participant_id: p.participant_id };
    if (past) it.attended = form.elements.namedItem(`attended:${p.participant_id}`).checked;
    const interest = form.elements.namedItem(`interest:${p.participant_id}`).value;
    if (interest) it.interest = interest;
    return it;
  });
  const btn = form.querySelector('button[type=submit]');
  btn.disabled = true;
  try {
    state.visit = await post(`/api/visits/${state.id}/attendance`, { items });
  } catch (err) {
    btn.disabled = false;
    showSubmitError(form, errorsEl, err, {
      title: 'De aanwezigheid is niet opgeslagen', labels: { attended: 'Aanwezig', interest: 'Interesse', participant_id: 'Deelnemer', items: 'Deelnemers' },
      reason: visitReason, describe: describeVisitError,
      intro: err instanceof ApiError && err.errors.length ? 'Er is niets opgeslagen.' : null,
    });
    return;
  }
  renderAll();
  const present = participants().filter((p) => p.attended === true).length;
  showMessage(msg, 'ok', past
    ? `De aanwezigheid en interesse zijn opgeslagen: ${present} van ${participants().length} aanwezig.`
    : 'De interesse is opgeslagen.');
  focusAlert(msg);
}

// ---------------------------------------------------------------- follow-up

const FOLLOW_UP_FIELDS = { participant_id: 'Deelnemer', organisation_id: 'Werkgever', follow_up: 'Opvolging', note: 'Notitie' };

function renderFollowUps() {
  const section = $('#opvolging');
  section.hidden = false;
  const list = $('#follow-up-list');
  clear(list);
  const names = new Map(participants().map((p) => [p.participant_id, personText(p)]));
  const items = followUps().slice().sort((a, b) => (names.get(a.participant_id) || '').localeCompare(names.get(b.participant_id) || '', 'nl')
    || (a.organisation_name || '').localeCompare(b.organisation_name || '', 'nl'));
  const othersFu = othersText(state.visit?.follow_ups_others);
  if (othersFu) list.append(h('p', { class: 'utrecht-paragraph meedoen-muted meedoen-others', text: othersFu }));
  if (!items.length) {
    list.append(h('p', { class: 'utrecht-paragraph', text: 'Er is nog geen opvolging vastgelegd.' }));
  } else {
    list.append(table({
      caption: 'Vastgelegde opvolging',
      columns: [{ label: 'Deelnemer' }, { label: 'Werkgever' }, { label: 'Opvolging' }, { label: 'Notitie' }, { label: 'Bijgewerkt' }],
      rows: items.map((f) => [
        names.get(f.participant_id) || `Deelnemer ${f.participant_id}`, f.organisation_name || '', capitalise(followUpText(f.follow_up)),
        f.note ? h('span', { class: 'meedoen-multiline', text: f.note }) : '', formatDate(f.updated_at),
      ]),
      className: 'meedoen-follow-ups',
    }));
  }
  const box = $('#follow-up-box');
  clear(box);
  if (!manager() && !isEmployer()) return;
  const people = participants();
  if (!people.length) return;
  // The attendees first: an employer follows up on those who came.
  const ordered = [...people.filter((p) => p.attended === true), ...people.filter((p) => p.attended !== true)];
  const own = isEmployer() ? employers().find((e) => e.id === state.user.organisation_id) : null;
  const form = h('form', { class: 'utrecht-form meedoen-subform', id: 'follow-up-form', novalidate: true, 'aria-labelledby': 'follow-up-form-title' },
    h('h3', { class: 'utrecht-heading-3', id: 'follow-up-form-title', text: 'Opvolging vastleggen' }),
    h('div', { class: 'meedoen-form-errors', id: 'follow-up-form-errors' }),
    h('div', { class: 'meedoen-grid-2' },
      selectField({ id: 'fu-participant_id', name: 'participant_id', label: FOLLOW_UP_FIELDS.participant_id, required: true, emptyLabel: 'Kies een deelnemer',
        options: ordered.map((p) => ({ value: String(p.participant_id), label: `${personText(p)}${p.attended === true ? ' (was aanwezig)' : ''}` })) }),
      isEmployer()
        ? h('p', { class: 'utrecht-paragraph' }, h('strong', { text: 'Werkgever: ' }), own?.name || state.user.organisation_name || '')
        : selectField({ id: 'fu-organisation_id', name: 'organisation_id', label: FOLLOW_UP_FIELDS.organisation_id, required: true,
          emptyLabel: employers().length === 1 ? null : 'Kies een werkgever',
          options: employers().map((e) => ({ value: String(e.id), label: e.name })) })),
    radioGroupField({ id: 'fu-follow_up', name: 'follow_up', label: FOLLOW_UP_FIELDS.follow_up, required: true,
      options: codeChoices(state.codes, 'visit_follow_up', FOLLOW_UP_LABELS).map((o) => ({ value: o.value, label: capitalise(o.label) })) }),
    inputField({ id: 'fu-note', name: 'note', label: FOLLOW_UP_FIELDS.note, maxlength: 1000, hint: 'Bijvoorbeeld de datum van de proefdag of welke plek is aangeboden.' }),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', text: 'Opvolging vastleggen' })));
  // Show what is recorded for the chosen pair, so that it can be changed.
  const prefill = () => {
    const pid = Number(form.elements.namedItem('participant_id').value);
    const orgEl = form.elements.namedItem('organisation_id');
    const org = orgEl ? Number(orgEl.value) : state.user.organisation_id;
    const found = followUps().find((f) => f.participant_id === pid && f.organisation_id === org);
    for (const r of form.querySelectorAll('input[name="follow_up"]')) r.checked = Boolean(found) && r.value === found.follow_up;
    form.elements.namedItem('note').value = found?.note || '';
  };
  form.elements.namedItem('participant_id').addEventListener('change', prefill);
  form.elements.namedItem('organisation_id')?.addEventListener('change', prefill);
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const errorsEl = $('#follow-up-form-errors');
    const msg = $('#follow-up-message');
    clearErrors(form);
    clear(errorsEl);
    clear(msg);
    const body = { follow_up: radioValue(form, 'follow_up') };
    const pid = form.elements.namedItem('participant_id').value;
    if (pid) body.participant_id = Number(pid);
    const orgEl = form.elements.namedItem('organisation_id');
    if (orgEl && orgEl.value) body.organisation_id = Number(orgEl.value);
    const note = form.elements.namedItem('note').value.trim();
    if (note) body.note = note;
    if (body.follow_up === null) delete body.follow_up;
    const btn = form.querySelector('button[type=submit]');
    btn.disabled = true;
    try {
      state.visit = await post(`/api/visits/${state.id}/follow-ups`, body);
    } catch (err) {
      btn.disabled = false;
      showSubmitError(form, errorsEl, err, {
        title: 'De opvolging is niet vastgelegd', labels: FOLLOW_UP_FIELDS, reason: visitReason, describe: describeVisitError,
        intro: err instanceof ApiError && err.errors.length ? 'Er is niets vastgelegd. Verbeter het volgende:' : null,
      });
      return;
    }
    renderAll();
    const who = participants().find((p) => p.participant_id === body.participant_id);
    const emp = employers().find((e) => e.id === (body.organisation_id ?? state.user.organisation_id));
    showMessage(msg, 'ok', `De opvolging is vastgelegd: ${emp?.name || 'de werkgever'} – ${who ? personText(who) : 'de deelnemer'}: ${followUpText(body.follow_up)}.`);
    focusAlert(msg);
  });
  box.append(form);
}

// ---------------------------------------------------------------- summary

function renderSummary() {
  const v = state.visit;
  $('#opbrengst').hidden = false;
  const box = $('#summary');
  clear(box);
  const people = participants();
  const n = (k) => Number(v[k]) || 0;
  const lead = [];
  if (n('places_offered')) lead.push(count(n('places_offered'), 'aangeboden plek', 'aangeboden plekken'));
  if (n('trial_days')) lead.push(count(n('trial_days'), 'proefdag', 'proefdagen'));
  if (n('placements_started')) lead.push(count(n('placements_started'), 'gestarte plaatsing', 'gestarte plaatsingen'));
  const sentence = !hasTakenPlace()
    ? 'Het bezoek moet nog plaatsvinden.'
    : lead.length ? `Dit bezoek leidde tot ${lead.length > 1 ? `${lead.slice(0, -1).join(', ')} en ${lead[lead.length - 1]}` : lead[0]}.`
      : 'Dit bezoek heeft (nog) geen proefdag, aangeboden plek of plaatsing opgeleverd.';
  box.append(
    h('p', { class: 'utrecht-paragraph meedoen-summary-sentence', id: 'summary-sentence', text: sentence }),
    h('div', { class: 'meedoen-facts meedoen-visit-summary' }, dataList([
      ['Uitgenodigd', `${n('invited')} van ${v.capacity} plaatsen`],
      ['Aanwezig', String(n('attended'))],
      ['Geïnteresseerd (enige of veel interesse)', String(n('interested'))],
      ['Plek aangeboden', String(n('places_offered'))],
      ['Proefdagen', String(n('trial_days'))],
      ['Plaatsing gestart', [String(n('placements_started')),
        h('span', { class: 'meedoen-muted', text: ' (aanwezigen die daarna begonnen op een plek van een van deze werkgevers)' })]],
    ])));
  if (!people.length) return;
  const byPerson = new Map();
  for (const f of followUps()) {
    if (!byPerson.has(f.participant_id)) byPerson.set(f.participant_id, []);
    byPerson.get(f.participant_id).push(f);
  }
  box.append(table({
    caption: 'Per deelnemer',
    columns: [{ label: 'Deelnemer' }, { label: 'Aanwezig' }, { label: 'Interesse' }, { label: 'Opvolging' }],
    rows: people.map((p) => {
      const fus = byPerson.get(p.participant_id) || [];
      return [
        personText(p), attendedText(p.attended), interestText(p.interest) || 'niet vastgelegd',
        fus.length ? h('ul', { class: 'utrecht-unordered-list meedoen-compact-list' }, fus.map((f) => h('li', { class: 'utrecht-unordered-list__item',
          text: `${f.organisation_name}: ${followUpText(f.follow_up)}${f.note ? ` (${f.note})` : ''}` }))) : 'geen',
      ];
    }),
    className: 'meedoen-visit-people',
  }));
}

// ---------------------------------------------------------------- main

function renderAll() {
  renderFacts();
  renderInvite();
  renderAttendance();
  renderFollowUps();
  renderSummary();
}

async function main() {
  state.user = await initPage('visits');
  state.id = intParam('id');
  const msg = $('#visit-message');
  if (!state.id) {
    showMessage(msg, 'error', 'Er is geen bezoek gekozen. Ga terug naar de bezoeken en events.');
    return;
  }
  state.codes = await loadCodes();
  try {
    state.visit = await get(`/api/visits/${state.id}`);
  } catch (err) {
    let text = describeError(err);
    if (err instanceof ApiError && err.status === 404) text = 'Dit bezoek bestaat niet (meer).';
    if (err instanceof ApiError && err.status === 403) text = 'U hebt geen toegang tot dit bezoek.';
    showMessage(msg, 'error', text);
    return;
  }
  $('#gegevens').hidden = false;
  $('#visit-toc').hidden = false;
  renderAll();
  if (new URLSearchParams(location.search).get('gepland') === '1') {
    showMessage(msg, 'ok', manager() ? 'Het bezoek is gepland. Nodig nu deelnemers uit.' : 'Het bezoek is gepland.');
    history.replaceState(null, '', `/visit.html?id=${state.id}`);
    focusAlert(msg);
  }
}

main().finally(() => { document.body.dataset.ready = 'true'; });

