// visits.js - company visits and matching events (GET /api/visits): the
// upcoming ones first (soonest at the top), then the past ones with what
// each led to (interest, places offered, trial days, placements started),
// and the form to plan a new one (POST /api/visits) for those who may. The
// helpers at the top are shared with visit.js, the page of one visit.
import { get, post, describeError, ApiError } from './api.js';
import {
  h, $, clear, table, showMessage, inputField, textareaField, radioGroupField, radioValue, clearErrors,
  showSubmitError,
} from './dom.js';
import { initPage } from './nav.js';
import { capitalise, formatDate, today, reasonNl } from './labels.js';

// Roles that plan visits, invite and record attendance (ACT_MANAGE_VISITS
// in domain/access.c); the server checks every request.
export const VISIT_MANAGERS = new Set(['account_manager', 'project_leader', 'job_coach']);

export const VISIT_KIND_LABELS = { company_visit: 'bedrijfsbezoek', matching_event: 'matchingsevent' };
export const INTEREST_LABELS = { none: 'geen', some: 'enige', high: 'veel' };
export const FOLLOW_UP_LABELS = { none: 'niets', trial_day: 'proefdag', place_offered: 'plek aangeboden' };

export function visitKindLabel(kind) {
  return VISIT_KIND_LABELS[kind] || kind || '';
}

// The label of a code from GET /api/codes (list of {code,label}), else the fallback map.
export function codeText(codes, list, map, code) {
  const entries = Array.isArray(codes?.[list]) ? codes[list] : [];
  const found = entries.find((e) => e.code === code);
  return found?.label || map[code] || code || '';
}

export function codeChoices(codes, list, map) {
  const entries = Array.isArray(codes?.[list]) && codes[list].length ? codes[list] : Object.entries(map).map(([code, label]) => ({ code, label }));
  return entries.map((e) => ({ value: e.code, label: e.label }));
}

// "10:00" or '' for a start time.
export function timeText(t) {
  return typeof t === 'string' && /^\d{2}:\d{2}/.test(t) ? t.slice(0, 5) : '';
}

export function dateTimeText(v) {
  const t = timeText(v.start_time);
  return t ? `${formatDate(v.held_on)}, ${t} uur` : formatDate(v.held_on);
}

// The name of an invited participant, or a neutral text when the reader may
// not see it (the server marks the row "hidden").
export function personText(p) {
  const n = [p.given_names, p.family_name].filter(Boolean).join(' ');
  if (n) return n;
  return `Deelnemer ${p.participant_id ?? p.id} (naam afgeschermd)`;
}

// The server's reasons about visits, in Dutch; anything else via labels.js.
const VISIT_REASONS = [
  [/^name at least one employer$/, () => 'kies minstens één werkgever'],
  [/^(\d+) is not an employer$/, (m) => `organisatie ${m[1]} is geen werkgever`],
  [/^"(.*)" is not a time \(HH:MM\)$/, (m) => `"${m[1]}" is geen tijd (UU:MM)`],
  [/^visit "(.*)" has (\d+) places: (\d+) invited, (\d+) more do not fit$/,
    (m) => `te weinig plaatsen: "${m[1]}" heeft ${m[2] === '1' ? '1 plaats' : `${m[2]} plaatsen`} en ${m[3]} ${m[3] === '1' ? 'deelnemer is' : 'deelnemers zijn'} al uitgenodigd; ${m[4] === '1' ? '1 nieuwe deelnemer past' : `${m[4]} nieuwe deelnemers passen`} er niet meer bij`],
  [/^the visit has not taken place yet$/, () => 'het bezoek heeft nog niet plaatsgevonden; aanwezigheid legt u vast op of na de dag van het bezoek'],
  [/^participant (\d+) is not invited$/, (m) => `deelnemer ${m[1]} is niet uitgenodigd`],
  [/^participant (\d+) does not exist$/, (m) => `deelnemer ${m[1]} bestaat niet`],
  [/^participant (\d+) is not someone a (.+) guides$/, (m) => `deelnemer ${m[1]} hoort niet bij de deelnemers die een ${m[2]} begeleidt`],
  [/^organisation (\d+) is not an employer of this visit$/, (m) => `organisatie ${m[1]} is geen werkgever van dit bezoek`],
  [/^must be a non-empty list of participant ids$/, () => 'kies minstens één deelnemer'],
  [/^an employer answers for their own organisation only$/, () => 'een werkgever legt alleen de opvolging van de eigen organisatie vast'],
  [/^"(.*)" is not one of the allowed values$/, (m) => `"${m[1]}" is geen geldige keuze`],
  [/^(-?\d+) is out of range (-?\d+)\.\.(-?\d+)$/, (m) => `${m[1]} ligt niet tussen ${m[2]} en ${m[3]}`],
];

export function visitReason(reason) {
  const text = String(reason ?? '');
  for (const [re, fmt] of VISIT_REASONS) {
    const m = re.exec(text);
    if (m) return fmt(m);
  }
  return reasonNl(text);
}

// describeError with the server's detail in Dutch for a refusal.
export function describeVisitError(err) {
  if (err instanceof ApiError && [403, 409, 422].includes(err.status) && err.body?.detail && !err.errors.length) {
    const nl = visitReason(err.body.detail);
    if (nl !== err.body.detail) return `${capitalise(nl)}.`;
  }
  return describeError(err);
}

export function focusAlert(container) {
  const alert = container.querySelector('.utrecht-alert');
  if (alert) { alert.setAttribute('tabindex', '-1'); alert.focus(); }
}

// ---------------------------------------------------------------- list

const state = { user: null, codes: {}, employers: [], visits: [] };

// The employers of each visit: from the list itself when the API gives
// them, else from each employer's page (GET /api/employers/:id lists its
// visits; no personal data is read that way).
async function employersByVisit(visits) {
  const map = new Map();
  if (visits.every((v) => Array.isArray(v.employers))) {
    for (const v of visits) map.set(v.id, v.employers.map((e) => e.name));
    return map;
  }
  const queue = [...state.employers];
  const worker = async () => {
    while (queue.length) {
      const emp = queue.shift();
      let data;
      try { data = await get(`/api/employers/${emp.id}`); } catch { continue; }
      for (const v of data?.visits || []) {
        if (!map.has(v.id)) map.set(v.id, []);
        map.get(v.id).push(emp.name);
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(6, queue.length) }, worker));
  for (const names of map.values()) names.sort((a, b) => a.localeCompare(b, 'nl'));
  return map;
}

function visitLink(v) {
  return h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/visit.html?id=${encodeURIComponent(v.id)}` }, v.title || `Bezoek ${v.id}`);
}

function employersCell(names) {
  if (!names || !names.length) return h('span', { class: 'meedoen-muted', text: 'onbekend' });
  return names.join(', ');
}

function number(n) {
  return String(Number(n) || 0);
}

async function renderLists() {
  const now = today();
  const visits = state.visits;
  const upcoming = visits.filter((v) => v.held_on >= now)
    .sort((a, b) => (a.held_on + timeText(a.start_time)).localeCompare(b.held_on + timeText(b.start_time)) || a.id - b.id);
  const past = visits.filter((v) => v.held_on < now)
    .sort((a, b) => b.held_on.localeCompare(a.held_on) || b.id - a.id);
  const names = visits.length ? await employersByVisit(visits) : new Map();

  const up = $('#upcoming-list');
  clear(up);
  if (!upcoming.length) {
    up.append(h('p', { class: 'utrecht-paragraph', text: 'Er zijn geen bezoeken of events gepland.' }));
  } else {
    up.append(table({
      caption: `Gepland, eerstvolgende eerst (${upcoming.length})`,
      columns: [{ label: 'Datum' }, { label: 'Bezoek of event' }, { label: 'Soort' }, { label: 'Werkgevers' }, { label: 'Locatie' },
        { label: 'Uitgenodigd', numeric: true }, { label: 'Taalondersteuning' }],
      rows: upcoming.map((v) => [
        dateTimeText(v), visitLink(v), capitalise(visitKindLabel(v.kind)), employersCell(names.get(v.id)), v.location || '',
        `${number(v.invited)} van ${number(v.capacity)}`, v.language_support || 'niet nodig',
      ]),
      className: 'meedoen-visits meedoen-visits--upcoming',
    }));
  }

  const pa = $('#past-list');
  clear(pa);
  if (!past.length) {
    pa.append(h('p', { class: 'utrecht-paragraph', text: 'Er zijn nog geen bezoeken of events geweest.' }));
  } else {
    pa.append(table({
      caption: `Geweest, laatste eerst, met wat elk bezoek opleverde (${past.length})`,
      columns: [{ label: 'Datum' }, { label: 'Bezoek of event' }, { label: 'Werkgevers' }, { label: 'Uitgenodigd', numeric: true },
        { label: 'Aanwezig', numeric: true }, { label: 'Geïnteresseerd', numeric: true }, { label: 'Plek aangeboden', numeric: true },
        { label: 'Proefdagen', numeric: true }, { label: 'Plaatsing gestart', numeric: true }],
      rows: past.map((v) => [
        formatDate(v.held_on), visitLink(v),
        employersCell(names.get(v.id)), number(v.invited), number(v.attended), number(v.interested), number(v.places_offered),
        number(v.trial_days), number(v.placements_started),
      ]),
      className: 'meedoen-visits meedoen-visits--past',
    }));
  }
}

async function loadVisits() {
  const data = await get('/api/visits');
  state.visits = Array.isArray(data?.items) ? data.items : [];
  await renderLists();
}

// ---------------------------------------------------------------- plan

const PLAN_LABELS = {
  kind: 'Soort', title: 'Titel', held_on: 'Datum', start_time: 'Begintijd', location: 'Locatie', capacity: 'Aantal plaatsen',
  language_support: 'Taalondersteuning', employer_ids: 'Werkgevers', notes: 'Notities',
};

function employerPicker() {
  const id = 'pl-employers';
  const count = h('p', { class: 'utrecht-paragraph meedoen-muted meedoen-picked', id: `${id}-count`, role: 'status', 'aria-live': 'polite', text: 'Nog geen werkgever gekozen.' });
  const grid = h('div', { class: 'meedoen-checkbox-grid meedoen-employer-grid' });
  const update = () => {
    const n = grid.querySelectorAll('input:checked').length;
    count.textContent = n === 0 ? 'Nog geen werkgever gekozen.' : `${n} ${n === 1 ? 'werkgever' : 'werkgevers'} gekozen.`;
  };
  for (const e of state.employers) {
    const cid = `${id}-${e.id}`;
    grid.append(h('div', { class: 'meedoen-checkbox', dataset: { name: (e.name || '').toLowerCase() } },
      h('input', { class: 'utrecht-checkbox utrecht-checkbox--html-input', type: 'checkbox', id: cid, name: 'employer_ids', value: String(e.id), onchange: update }),
      h('label', { class: 'utrecht-form-label utrecht-form-label--checkbox', for: cid },
        e.name, e.sector_label ? h('span', { class: 'meedoen-muted', text: ` (${e.sector_label})` }) : null)));
  }
  const filterId = `${id}-filter`;
  const filter = h('input', {
    class: 'utrecht-textbox utrecht-textbox--html-input', id: filterId, type: 'search', autocomplete: 'off',
    'aria-describedby': `${id}-count`,
  });
  filter.addEventListener('input', () => {
    const q = filter.value.trim().toLowerCase();
    for (const row of grid.children) row.hidden = Boolean(q) && !row.dataset.name.includes(q) && !row.querySelector('input').checked;
  });
  return h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner', id, dataset: { field: 'employer_ids' },
    'aria-describedby': `${id}-hint`,
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small' },
    'Werkgevers', h('span', { class: 'meedoen-required', text: ' (verplicht)' })),
  h('div', { class: 'utrecht-form-field-description', id: `${id}-hint`, text: 'Kies een of meer werkgevers die het bezoek of event ontvangen of eraan meedoen.' }),
  h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: `${id}-error`, hidden: true }),
  state.employers.length > 8 ? h('div', { class: 'utrecht-form-field meedoen-inline-filter' },
    h('div', { class: 'utrecht-form-field__label' }, h('label', { class: 'utrecht-form-label', for: filterId, text: 'Werkgevers filteren op naam' })),
    h('div', { class: 'utrecht-form-field__input' }, filter)) : null,
  state.employers.length ? grid : h('p', { class: 'utrecht-paragraph', text: 'Er zijn nog geen werkgevers vastgelegd.' }),
  count);
}

function buildPlanForm() {
  const box = $('#plan-box');
  clear(box);
  const form = h('form', { class: 'utrecht-form meedoen-subform', id: 'plan-form', novalidate: true, 'aria-labelledby': 'plan-title' },
    h('div', { class: 'meedoen-form-errors', id: 'plan-form-errors' }),
    radioGroupField({ id: 'pl-kind', name: 'kind', label: PLAN_LABELS.kind, value: 'company_visit', required: true,
      options: Object.entries(VISIT_KIND_LABELS).map(([value, label]) => ({ value, label: capitalise(label) })) }),
    h('div', { class: 'meedoen-grid-2' },
      inputField({ id: 'pl-title', name: 'title', label: PLAN_LABELS.title, required: true, maxlength: 120,
        hint: 'Bijvoorbeeld: Rondleiding tomatenkas' }),
      inputField({ id: 'pl-held_on', name: 'held_on', label: PLAN_LABELS.held_on, type: 'date', required: true }),
      inputField({ id: 'pl-start_time', name: 'start_time', label: PLAN_LABELS.start_time, type: 'time', hint: 'Bijvoorbeeld 10:00' }),
      inputField({ id: 'pl-location', name: 'location', label: PLAN_LABELS.location, maxlength: 200 }),
      inputField({ id: 'pl-capacity', name: 'capacity', label: PLAN_LABELS.capacity, type: 'number', min: 1, max: 200, required: true,
        hint: 'Hoeveel deelnemers er mee kunnen (1 tot en met 200).' }),
      inputField({ id: 'pl-language_support', name: 'language_support', label: PLAN_LABELS.language_support, maxlength: 200,
        hint: 'Welke taalondersteuning nodig is, bijvoorbeeld een tolk Arabisch. Leeg laten als die niet nodig is.' })),
    employerPicker(),
    textareaField({ id: 'pl-notes', name: 'notes', label: PLAN_LABELS.notes, maxlength: 4000 }),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', text: 'Bezoek plannen' })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const errorsEl = $('#plan-form-errors');
    clearErrors(form);
    clear(errorsEl);
    const val = (n) => { const v = form.elements.namedItem(n).value.trim(); return v === '' ? null : v; };
    const body = {
      kind: radioValue(form, 'kind'),
      title: val('title'),
      held_on: val('held_on'),
      start_time: val('start_time'),
      location: val('location'),
      language_support: val('language_support'),
      notes: val('notes'),
      employer_ids: [...form.querySelectorAll('input[name="employer_ids"]:checked')].map((c) => Number(c.value)),
    };
    const cap = form.elements.namedItem('capacity');
    if (cap.value !== '') body.capacity = Number.isInteger(Number(cap.value)) ? Number(cap.value) : cap.value;
    else if (cap.validity.badInput) body.capacity = 'ongeldig';
    for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
    const btn = form.querySelector('button[type=submit]');
    btn.disabled = true;
    try {
      const v = await post('/api/visits', body);
      location.assign(`/visit.html?id=${encodeURIComponent(v.id)}&gepland=1`);
    } catch (err) {
      btn.disabled = false;
      showSubmitError(form, errorsEl, err, {
        title: 'Het bezoek is niet gepland', labels: PLAN_LABELS, reason: visitReason, describe: describeVisitError,
        intro: err instanceof ApiError && err.errors.length ? 'Er is niets vastgelegd. Verbeter het volgende:' : null,
      });
    }
  });
  box.append(form);
}

// ---------------------------------------------------------------- main

async function main() {
  state.user = await initPage('visits');
  const msg = $('#visits-message');
  try {
    const emps = await get('/api/employers');
    state.employers = (emps?.items || []).slice().sort((a, b) => (a.name || '').localeCompare(b.name || '', 'nl'));
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) {
      showMessage(msg, 'info', 'U werkt niet met werkgevers en kunt geen bezoeken inzien.');
      $('#komend').hidden = true;
      $('#geweest').hidden = true;
      return;
    }
    state.employers = [];
  }
  if (VISIT_MANAGERS.has(state.user.role)) {
    $('#plannen').hidden = false;
    buildPlanForm();
  }
  try {
    await loadVisits();
  } catch (err) {
    showMessage(msg, 'error', `De bezoeken konden niet worden geladen. ${describeError(err)}`);
  }
}

// Run only on visits.html, not when visit.js imports the helpers above.
if (document.querySelector('script[type="module"][src="/js/visits.js"]')) {
  main().finally(() => { document.body.dataset.ready = 'true'; });
}
