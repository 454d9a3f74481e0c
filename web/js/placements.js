// placements.js - places offered by employers and by the social work
// company's production halls (GET /api/placements): a list with occupancy
// ("3 van 4" and a bar), filters on kind, sector and employer, and for
// account managers and project leaders a form to offer a place
// (POST /api/placements) with its period, hours, day-parts (a grid of
// seven days by three parts), requirements and what the employer offers.
import { get, post, query, describeError, ApiError } from './api.js';
import {
  h, $, clear, table, showMessage, inputField, selectField, checkboxField,
  showSubmitError, clearErrors, uniqueId,
} from './dom.js';
import { initPage, CAN } from './nav.js';
import { loadCodes, codeOptions, codeLabel } from './codes.js';
import { capitalise, formatDate, reasonNl } from './labels.js';
import { occupancy, DAYS, PARTS } from './workfloor.js';

const FILTERS = ['kind', 'sector', 'organisation', 'include_inactive'];


const FIELD_LABELS = {
  organisation_id: 'Organisatie', kind: 'Soort plaats', title: 'Titel', isco_code: 'Beroepscode (ISCO-08)',
  sector: 'Sector', location: 'Locatie', capacity: 'Aantal plaatsen', start_date: 'Begindatum',
  end_date: 'Einddatum', hours_per_week: 'Uren per week', day_parts: 'Dagdelen', full_days: 'Hele dagen',
  min_cefr_speaking: 'Minimaal taalniveau spreken', min_cefr_listening: 'Minimaal taalniveau luisteren',
  min_isced: 'Minimaal opleidingsniveau', licences: 'Certificaten en rijbewijzen',
  physical_load: 'Lichamelijke belasting', safety_shoes: 'Veiligheidsschoenen',
  offers_floor_guidance: 'Begeleiding op de werkvloer', offers_language_at_work: 'Taal op de werkplek',
  offers_contract: 'Zicht op een contract', supervisor_user_id: 'Begeleider op de werkvloer',
  external_id: 'Eigen kenmerk',
};

// Reasons of the placement checks in Dutch; anything else through labels.js.
const REASONS = [
  [/^"(.*)" is not in the list (\S+)$/, (m) => `"${m[1]}" is geen geldige keuze`],
  [/^"(.*)" is not an ISCO-08 occupation code$/, (m) => `"${m[1]}" is geen ISCO-08-beroepscode`],
  [/^"(.*)" is not a licence$/, (m) => `"${m[1]}" is geen bekend certificaat of rijbewijs`],
  [/^must be a list of licence codes$/, () => 'moet een lijst van certificaten zijn'],
  [/^day-part "(.*)" is not a day and a part such as "tue_morning"$/, (m) => `"${m[1]}" is geen dagdeel`],
  [/^"(.*)" is named twice$/, (m) => `"${m[1]}" staat er twee keer in`],
  [/^ends before it starts: "(.*)" lies before "(.*)"$/, (m) => `de einddatum ${formatDate(m[1])} ligt vóór de begindatum ${formatDate(m[2])}`],
  [/^is (\d+), must be (\d+) to (\d+)$/, (m) => `is ${m[1]}, moet tussen ${m[2]} en ${m[3]} liggen`],
  [/^is (\d+), must be at least (\d+)$/, (m) => `is ${m[1]}, moet minstens ${m[2]} zijn`],
  [/^(\d+) hours a week do not fit in (\d+) day-parts?: at most ([\d.]+) hours \(([\d.]+) a day-part\)$/,
    (m) => `${m[1]} uur per week past niet in ${m[2]} ${m[2] === '1' ? 'dagdeel' : 'dagdelen'}: hoogstens ${m[3].replace('.', ',')} uur (${m[4].replace('.', ',')} per dagdeel)`],
  [/^"(.*)" is not an employer or the social work company$/, (m) => `"${m[1]}" is geen werkgever en geen sociaal werkbedrijf`],
  [/^(.+) works at another organisation$/, (m) => `${m[1]} werkt bij een andere organisatie`],
  [/^"(.*)" is already used by another placement$/, (m) => `"${m[1]}" wordt al gebruikt door een andere plaats`],
  [/^"(.*)" is not a kind of placement$/, (m) => `"${m[1]}" is geen soort plaats`],
  [/^"(.*)" is not a sector$/, (m) => `"${m[1]}" is geen sector`],
];

function reasonWork(reason) {
  const text = String(reason ?? '');
  for (const [re, fmt] of REASONS) {
    const m = re.exec(text);
    if (m) return fmt(m);
  }
  return reasonNl(text);
}

function period(from, to) {
  if (!from && !to) return h('span', { class: 'meedoen-muted', text: 'doorlopend' });
  if (from && !to) return `vanaf ${formatDate(from)}`;
  if (!from && to) return `tot en met ${formatDate(to)}`;
  return `${formatDate(from)} t/m ${formatDate(to)}`;
}

function currentFilters() {
  const sp = new URLSearchParams(location.search);
  const f = {};
  for (const k of FILTERS) f[k] = (sp.get(k) || '').trim();
  if (!/^\d+$/.test(f.organisation)) f.organisation = '';
  f.include_inactive = f.include_inactive === 'true' ? 'true' : '';
  return f;
}

let codes = {};
let user = null;
let orgs = [];

function kindText(p) {
  return p.kind_label || codeLabel(codes, 'placement_kind', p.kind) || p.kind || '';
}

function placementRow(p) {
  return [
    [h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/placement.html?id=${encodeURIComponent(p.id)}` }, p.title),
      p.active === false ? h('span', { class: 'meedoen-muted', text: ' (niet meer aangeboden)' }) : null],
    p.organisation_name || '',
    kindText(p),
    capitalise(p.sector_label || codeLabel(codes, 'sector', p.sector) || ''),
    occupancy(p.occupancy, p.capacity),
    period(p.start_date, p.end_date),
    p.hours_per_week ?? '',
  ];
}

async function loadList(filters) {
  const results = $('#results');
  const count = $('#result-count');
  clear($('#list-message'));
  count.textContent = 'Plaatsen worden geladen…';
  let data;
  try {
    data = await get(`/api/placements${query(filters)}`);
  } catch (err) {
    count.textContent = '';
    clear(results);
    const denied = err instanceof ApiError && err.status === 403;
    showMessage($('#list-message'), denied ? 'warning' : 'error',
      denied ? (user.role === 'employer' ? 'U ziet alleen de plaatsen van uw eigen organisatie.' : 'U werkt niet met plaatsen en kunt deze lijst niet inzien.')
        : `De plaatsen konden niet worden geladen. ${describeError(err)}`);
    return false;
  }
  const items = Array.isArray(data?.items) ? data.items : [];
  const searching = FILTERS.some((k) => filters[k]);
  if (!items.length) {
    count.textContent = searching ? 'Geen plaatsen gevonden die aan de zoekopdracht voldoen.' : 'Er zijn nog geen plaatsen die u kunt zien.';
  } else {
    const free = items.reduce((n, p) => n + Math.max(0, (Number(p.capacity) || 0) - (Number(p.occupancy) || 0)), 0);
    count.textContent = `${items.length} ${items.length === 1 ? 'plaats' : 'plaatsen'} gevonden, samen ${free} ${free === 1 ? 'plek' : 'plekken'} vrij.`;
  }
  clear(results);
  if (items.length) {
    results.append(table({
      caption: searching ? 'Gevonden plaatsen' : 'Plaatsen',
      columns: [{ label: 'Plaats' }, { label: 'Organisatie' }, { label: 'Soort' }, { label: 'Sector' },
        { label: 'Bezet' }, { label: 'Periode' }, { label: 'Uren per week', numeric: true }],
      rows: items.map(placementRow),
      className: 'meedoen-placement-list',
    }));
  }
  return true;
}

// ---------------------------------------------------------------- the offer form

function fieldset(id, legend, field, ...content) {
  return h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-offer-group', id,
    dataset: field ? { field } : undefined,
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend', text: legend }),
  field ? h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: `${id}-error`, hidden: true }) : null,
  ...content);
}

// Seven days by three parts: a table of checkboxes, each labelled with its
// day and part ("maandag ochtend") for screen readers.
function dayPartGrid() {
  const head = h('tr', {},
    h('th', { scope: 'col' }, h('span', { class: 'meedoen-visually-hidden', text: 'Dag' })),
    PARTS.map(([, label]) => h('th', { scope: 'col', text: capitalise(label) })));
  const rows = DAYS.map(([day, dayLabel]) => h('tr', {},
    h('th', { scope: 'row', text: capitalise(dayLabel) }),
    PARTS.map(([part, partLabel]) => {
      const id = `p-dp-${day}_${part}`;
      return h('td', {},
        h('input', { class: 'utrecht-checkbox utrecht-checkbox--html-input', type: 'checkbox', id, name: 'day_parts', value: `${day}_${part}` }),
        h('label', { class: 'meedoen-visually-hidden', for: id, text: `${dayLabel} ${partLabel}` }));
    })));
  return h('table', { class: 'meedoen-daypart-grid' },
    h('caption', { class: 'meedoen-visually-hidden', text: 'Dagdelen waarop de plaats werk heeft' }),
    h('thead', {}, head), h('tbody', {}, rows));
}

function checkboxGroup(id, legend, field, name, options) {
  return h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner', id, dataset: { field },
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small', text: legend }),
  h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: `${id}-error`, hidden: true }),
  h('div', { class: 'meedoen-checkbox-grid' },
    options.map((o) => {
      const cid = uniqueId(`${id}-opt`);
      return h('div', { class: 'meedoen-checkbox' },
        h('input', { class: 'utrecht-checkbox utrecht-checkbox--html-input', type: 'checkbox', id: cid, name, value: o.value }),
        h('label', { class: 'utrecht-form-label utrecht-form-label--checkbox', for: cid, text: o.label }));
    })));
}

function orgOptions() {
  return orgs
    .filter((o) => o.type === 'employer' || o.type === 'social_work_company')
    .map((o) => ({ value: String(o.id), label: o.type === 'social_work_company' ? `${o.name} (productiehal)` : o.name }));
}

function loadOrder() {
  const ordered = codeOptions(codes, 'physical_load_order');
  return ordered.length ? ordered : codeOptions(codes, 'physical_load');
}

function renderForm(preselect) {
  const box = $('#placement-fields');
  clear(box);
  const iscoList = h('datalist', { id: 'p-isco-list' },
    codeOptions(codes, 'isco').map((o) => h('option', { value: o.value, label: o.label })));
  const isco = inputField({ id: 'p-isco_code', name: 'isco_code', label: FIELD_LABELS.isco_code, hint: 'Een tot vier cijfers, bijvoorbeeld 9214 (hulpkracht tuinbouw). De beroepsgroepen staan in de keuzelijst.', inputmode: 'numeric', maxlength: 4, autocomplete: 'off' });
  isco.querySelector('input').setAttribute('list', 'p-isco-list');
  box.append(
    fieldset('p-what', 'De plaats', null,
      h('div', { class: 'meedoen-grid-2' },
        selectField({ id: 'p-organisation_id', name: 'organisation_id', label: FIELD_LABELS.organisation_id, options: orgOptions(), value: preselect || '', required: true, emptyLabel: 'Kies een werkgever of productiehal' }),
        selectField({ id: 'p-kind', name: 'kind', label: FIELD_LABELS.kind, options: codeOptions(codes, 'placement_kind').map((o) => ({ ...o, label: capitalise(o.label) })), required: true, emptyLabel: 'Kies een soort' }),
        inputField({ id: 'p-title', name: 'title', label: FIELD_LABELS.title, required: true, maxlength: 120, autocomplete: 'off', hint: 'Bijvoorbeeld: medewerker oogst' }),
        isco,
        selectField({ id: 'p-sector', name: 'sector', label: FIELD_LABELS.sector, options: codeOptions(codes, 'sector').map((o) => ({ ...o, label: capitalise(o.label) })), emptyLabel: 'Sector van de werkgever', hint: 'Leeg laten: de sector van de werkgever.' }),
        inputField({ id: 'p-location', name: 'location', label: FIELD_LABELS.location, maxlength: 200, autocomplete: 'off' }),
        inputField({ id: 'p-capacity', name: 'capacity', label: FIELD_LABELS.capacity, type: 'number', min: 1, max: 500, required: true }),
        inputField({ id: 'p-hours_per_week', name: 'hours_per_week', label: FIELD_LABELS.hours_per_week, type: 'number', min: 1, max: 60 }),
        inputField({ id: 'p-start_date', name: 'start_date', label: FIELD_LABELS.start_date, type: 'date' }),
        inputField({ id: 'p-end_date', name: 'end_date', label: FIELD_LABELS.end_date, type: 'date', hint: 'Leeg laten als de plaats doorloopt.' }),
        inputField({ id: 'p-supervisor_user_id', name: 'supervisor_user_id', label: FIELD_LABELS.supervisor_user_id, type: 'number', min: 1, hint: 'Gebruikersnummer van de afdelingsassistent of productieleider die de aanwezigheid bijhoudt. Niet verplicht.' })),
      iscoList),
    fieldset('p-day_parts', 'Dagdelen', 'day_parts',
      h('p', { class: 'utrecht-paragraph', id: 'p-day_parts-hint', text: 'Vink de dagdelen aan waarop er werk is. Een dagdeel telt voor hoogstens 4,5 uur.' }),
      dayPartGrid(),
      checkboxField({ id: 'p-full_days', name: 'full_days', label: 'Alleen hele dagen (ochtend en middag samen)' })),
    fieldset('p-requirements', 'Eisen', null,
      h('div', { class: 'meedoen-grid-2' },
        selectField({ id: 'p-min_cefr_speaking', name: 'min_cefr_speaking', label: FIELD_LABELS.min_cefr_speaking, options: codeOptions(codes, 'cefr'), emptyLabel: 'Geen eis' }),
        selectField({ id: 'p-min_cefr_listening', name: 'min_cefr_listening', label: FIELD_LABELS.min_cefr_listening, options: codeOptions(codes, 'cefr'), emptyLabel: 'Geen eis' }),
        selectField({ id: 'p-min_isced', name: 'min_isced', label: FIELD_LABELS.min_isced, options: codeOptions(codes, 'isced'), emptyLabel: 'Geen eis' }),
        selectField({ id: 'p-physical_load', name: 'physical_load', label: FIELD_LABELS.physical_load, options: loadOrder().map((o) => ({ ...o, label: capitalise(o.label) })), emptyLabel: 'Niet opgegeven' })),
      checkboxGroup('p-licences', FIELD_LABELS.licences, 'licences', 'licences', codeOptions(codes, 'licences')),
      checkboxField({ id: 'p-safety_shoes', name: 'safety_shoes', label: 'Veiligheidsschoenen nodig' })),
    fieldset('p-offers', 'Wat de werkgever biedt', null,
      checkboxField({ id: 'p-offers_floor_guidance', name: 'offers_floor_guidance', label: FIELD_LABELS.offers_floor_guidance }),
      checkboxField({ id: 'p-offers_language_at_work', name: 'offers_language_at_work', label: FIELD_LABELS.offers_language_at_work }),
      checkboxField({ id: 'p-offers_contract', name: 'offers_contract', label: FIELD_LABELS.offers_contract })),
  );
  $('#p-day_parts').setAttribute('aria-describedby', 'p-day_parts-hint');
}

function formBody(form) {
  const el = (n) => form.elements.namedItem(n);
  const str = (n) => { const v = el(n).value.trim(); return v === '' ? null : v; };
  const int = (n) => {
    const e = el(n);
    if (e.value === '') return e.validity?.badInput ? e.value : null;
    const v = Number(e.value);
    return Number.isInteger(v) ? v : e.value;
  };
  const body = {
    organisation_id: str('organisation_id') ? Number(str('organisation_id')) : null,
    kind: str('kind'),
    title: el('title').value.trim(),
    capacity: int('capacity'),
  };
  for (const k of ['isco_code', 'sector', 'location', 'start_date', 'end_date', 'min_cefr_speaking', 'min_cefr_listening', 'physical_load']) {
    const v = str(k);
    if (v !== null) body[k] = v;
  }
  for (const k of ['hours_per_week', 'supervisor_user_id']) {
    const v = int(k);
    if (v !== null) body[k] = v;
  }
  if (str('min_isced') !== null) body.min_isced = Number(str('min_isced'));
  body.day_parts = [...form.querySelectorAll('input[name="day_parts"]:checked')].map((c) => c.value);
  body.licences = [...form.querySelectorAll('input[name="licences"]:checked')].map((c) => c.value);
  for (const k of ['full_days', 'safety_shoes', 'offers_floor_guidance', 'offers_language_at_work', 'offers_contract']) {
    body[k] = el(k).checked;
  }
  return body;
}

async function offer(ev) {
  ev.preventDefault();
  const form = $('#placement-form');
  const summary = $('#placement-errors');
  clearErrors(form);
  clear(summary);
  clear($('#offer-message'));
  const body = formBody(form);
  const btn = $('#offer-button');
  btn.disabled = true;
  try {
    const created = await post('/api/placements', body);
    form.reset();
    showMessage($('#offer-message'), 'ok',
      h('p', { class: 'utrecht-paragraph' }, `De plaats ${created?.title || body.title} is aangeboden. `,
        created?.id ? h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/placement.html?id=${encodeURIComponent(created.id)}` }, `Open ${created.title}`) : null));
    $('#offer-disclosure').open = false;
    await loadList(currentFilters());
    const msg = $('#offer-message .utrecht-alert');
    if (msg) { msg.setAttribute('tabindex', '-1'); msg.focus(); }
  } catch (err) {
    showSubmitError(form, summary, err, {
      title: 'De plaats is niet aangeboden',
      labels: FIELD_LABELS,
      reason: reasonWork,
      describe: describeError,
      intro: err instanceof ApiError && err.errors.length ? 'Er is niets vastgelegd. Verbeter het volgende:' : null,
    });
  } finally {
    btn.disabled = false;
  }
}

async function main() {
  user = await initPage('placements');
  const filters = currentFilters();
  const [c, orgData] = await Promise.all([
    loadCodes(),
    get('/api/organisations').catch(() => ({ items: [] })),
  ]);
  codes = c;
  orgs = Array.isArray(orgData?.items) ? orgData.items : [];
  const fill = (sel, options, value) => {
    for (const o of options) sel.append(h('option', { value: o.value, text: capitalise(o.label), selected: o.value === value }));
  };
  fill($('#kind'), codeOptions(codes, 'placement_kind'), filters.kind);
  fill($('#sector'), codeOptions(codes, 'sector'), filters.sector);
  if (user.role === 'employer') {
    // An employer sees only their own places: no choice of employer.
    $('#organisation-filter').hidden = true;
    filters.organisation = '';
  } else {
    fill($('#organisation'), orgOptions(), filters.organisation);
  }
  $('#include_inactive').checked = filters.include_inactive === 'true';
  $('#filter-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = {
      kind: $('#kind').value, sector: $('#sector').value, organisation: $('#organisation').value,
      include_inactive: $('#include_inactive').checked ? 'true' : '',
    };
    location.assign(`/placements.html${query(f)}`);
  });
  const ok = await loadList(filters);
  if (ok && CAN.manageEmployers.has(user.role)) {
    renderForm(filters.organisation);
    $('#aanbieden').hidden = false;
    $('#placement-form').addEventListener('submit', offer);
    const openForm = () => {
      $('#offer-disclosure').open = true;
      const summary = $('#offer-disclosure > summary');
      summary.scrollIntoView({ block: 'start' });
      summary.focus();
    };
    // A link above the (long) list opens the form; so does #aanbieden in
    // the address (the employer page links here with its organisation).
    $('#jump-add').hidden = false;
    $('#jump-add-link').addEventListener('click', (ev) => { ev.preventDefault(); openForm(); });
    if (location.hash === '#aanbieden') openForm();
  }
}

main().finally(() => { document.body.dataset.ready = 'true'; });
