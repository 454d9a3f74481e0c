// employers.js - the employer network (GET /api/employers): a list with
// filters on sector, membership of the employer network (MVO-netwerk) and
// name, and for account managers and project leaders a form to add an
// employer with a first contact person (POST /api/employers). Errors from
// the API are shown beside their fields; the form keeps what was typed.
import { get, post, query, describeError, ApiError } from './api.js';
import {
  h, $, clear, table, showMessage, inputField, selectField, checkboxField, textareaField,
  showSubmitError, clearErrors,
} from './dom.js';
import { initPage, CAN } from './nav.js';
import { loadCodes, codeOptions, codeLabel } from './codes.js';
import { capitalise, reasonNl } from './labels.js';
import { occupancy } from './workfloor.js';

const FILTERS = ['q', 'sector', 'network_member'];

const FIELD_LABELS = {
  name: 'Naam', sector: 'Sector', street: 'Straat en huisnummer', postal_code: 'Postcode', city: 'Plaats',
  size_class: 'Grootte', network_member: 'Lid van het MVO-netwerk', account_manager_id: 'Accountmanager',
  notes: 'Notities', contact_name: 'Naam contactpersoon', job_title: 'Functie', phone: 'Telefoonnummer',
  email: 'E-mailadres', contacts: 'Contactpersoon',
};

// Reasons of the employer side in Dutch; anything else through labels.js.
const REASONS = [
  [/^"(.*)" is not in the list (\S+)$/, (m) => `"${m[1]}" is geen geldige keuze`],
  [/^"(.*)" is not a sector$/, (m) => `"${m[1]}" is geen sector`],
  [/^user (\d+) is not an active account manager$/, (m) => `gebruiker ${m[1]} is geen actieve accountmanager`],
  [/^an organisation named "(.*)" already exists$/, (m) => `er bestaat al een organisatie met de naam "${m[1]}"`],
  [/^each contact must be an object$/, () => 'een contactpersoon is niet goed doorgegeven'],
];

function reasonWork(reason) {
  const text = String(reason ?? '');
  for (const [re, fmt] of REASONS) {
    const m = re.exec(text);
    if (m) return fmt(m);
  }
  return reasonNl(text);
}

function currentFilters() {
  const sp = new URLSearchParams(location.search);
  const f = {};
  for (const k of FILTERS) f[k] = (sp.get(k) || '').trim();
  if (f.network_member !== 'true' && f.network_member !== 'false') f.network_member = '';
  return f;
}

let codes = {};
let user = null;
let items = [];

function employerRow(e) {
  return [
    h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/employer.html?id=${encodeURIComponent(e.id)}` }, e.name),
    capitalise(e.sector_label || codeLabel(codes, 'sector', e.sector) || ''),
    e.city || '',
    e.network_member ? 'ja' : 'nee',
    e.account_manager_name || h('span', { class: 'meedoen-muted', text: 'niemand' }),
    occupancy(e.occupancy, e.capacity),
  ];
}

async function loadList(filters) {
  const results = $('#results');
  const count = $('#result-count');
  clear($('#list-message'));
  count.textContent = 'Werkgevers worden geladen…';
  let data;
  try {
    data = await get(`/api/employers${query(filters)}`);
  } catch (err) {
    count.textContent = '';
    clear(results);
    const denied = err instanceof ApiError && err.status === 403;
    showMessage($('#list-message'), denied ? 'info' : 'error',
      denied ? 'U werkt niet met werkgevers en kunt deze lijst niet inzien.' : `De werkgevers konden niet worden geladen. ${describeError(err)}`);
    return false;
  }
  items = Array.isArray(data?.items) ? data.items : [];
  const searching = FILTERS.some((k) => filters[k]);
  if (!items.length) {
    count.textContent = searching ? 'Geen werkgevers gevonden die aan de zoekopdracht voldoen.' : 'Er zijn nog geen werkgevers die u kunt zien.';
  } else {
    count.textContent = `${items.length} ${items.length === 1 ? 'werkgever' : 'werkgevers'} gevonden.`;
  }
  clear(results);
  if (items.length) {
    results.append(table({
      caption: searching ? 'Gevonden werkgevers' : 'Werkgevers',
      columns: [{ label: 'Naam' }, { label: 'Sector' }, { label: 'Plaats' }, { label: 'MVO-netwerk' },
        { label: 'Accountmanager' }, { label: 'Plaatsen bezet' }],
      rows: items.map(employerRow),
      className: 'meedoen-employers',
    }));
  }
  return true;
}

// The account managers the page knows: the signed-in one and those named
// on the employers in the list (the API has no list of account managers
// for non-administrators).
function accountManagerOptions() {
  const seen = new Map();
  if (user.role === 'account_manager') seen.set(String(user.id), `${user.display_name || user.username} (uzelf)`);
  for (const e of items) {
    if (e.account_manager_id && !seen.has(String(e.account_manager_id))) {
      seen.set(String(e.account_manager_id), e.account_manager_name || `gebruiker ${e.account_manager_id}`);
    }
  }
  return [...seen].map(([value, label]) => ({ value, label }));
}

function renderForm() {
  const box = $('#employer-fields');
  clear(box);
  const sectors = codeOptions(codes, 'sector');
  const sizes = codeOptions(codes, 'size_class');
  box.append(
    h('div', { class: 'meedoen-grid-2' },
      inputField({ id: 'e-name', name: 'name', label: FIELD_LABELS.name, required: true, autocomplete: 'organization', maxlength: 120 }),
      selectField({ id: 'e-sector', name: 'sector', label: FIELD_LABELS.sector, options: sectors, required: true, emptyLabel: 'Kies een sector' }),
      inputField({ id: 'e-street', name: 'street', label: FIELD_LABELS.street, autocomplete: 'off', maxlength: 100 }),
      inputField({ id: 'e-postal_code', name: 'postal_code', label: FIELD_LABELS.postal_code, hint: 'Bijvoorbeeld 2671 AB', size: 'postal', autocomplete: 'off' }),
      inputField({ id: 'e-city', name: 'city', label: FIELD_LABELS.city, autocomplete: 'off', maxlength: 60 }),
      selectField({ id: 'e-size_class', name: 'size_class', label: FIELD_LABELS.size_class, options: sizes, hint: 'Aantal medewerkers' }),
      selectField({
        id: 'e-account_manager_id', name: 'account_manager_id', label: FIELD_LABELS.account_manager_id,
        options: accountManagerOptions(), value: user.role === 'account_manager' ? String(user.id) : '', emptyLabel: 'Nog niemand',
      })),
    checkboxField({ id: 'e-network_member', name: 'network_member', label: FIELD_LABELS.network_member }),
    textareaField({ id: 'e-notes', name: 'notes', label: FIELD_LABELS.notes, maxlength: 4000 }),
    h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner', id: 'e-contact', dataset: { field: 'contacts' } },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small', text: 'Eerste contactpersoon' }),
      h('div', { class: 'utrecht-form-field-description', id: 'e-contact-hint', text: 'Niet verplicht. Vul minstens de naam in als u een contactpersoon opgeeft.' }),
      h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: 'e-contact-error', hidden: true }),
      h('div', { class: 'meedoen-grid-2' },
        inputField({ id: 'e-contact_name', name: 'contact_name', label: 'Naam contactpersoon', autocomplete: 'off', maxlength: 100 }),
        inputField({ id: 'e-job_title', name: 'job_title', label: FIELD_LABELS.job_title, autocomplete: 'off', maxlength: 100 }),
        inputField({ id: 'e-phone', name: 'phone', label: FIELD_LABELS.phone, type: 'tel', size: 'tel', autocomplete: 'off' }),
        inputField({ id: 'e-email', name: 'email', label: FIELD_LABELS.email, type: 'email', autocomplete: 'off' }))),
  );
  $('#e-contact').setAttribute('aria-describedby', 'e-contact-hint');
}

function text(form, name) {
  const v = form.elements.namedItem(name).value.trim();
  return v === '' ? null : v;
}

function formBody(form) {
  const body = { name: form.elements.namedItem('name').value.trim(), sector: form.elements.namedItem('sector').value || null };
  for (const k of ['street', 'postal_code', 'city', 'notes']) {
    const v = text(form, k);
    if (v !== null) body[k] = v;
  }
  const size = form.elements.namedItem('size_class').value;
  if (size) body.size_class = size;
  const am = form.elements.namedItem('account_manager_id').value;
  if (am) body.account_manager_id = Number(am);
  body.network_member = form.elements.namedItem('network_member').checked;
  const contact = {};
  const cn = text(form, 'contact_name');
  if (cn !== null) contact.name = cn;
  for (const k of ['job_title', 'phone', 'email']) {
    const v = text(form, k);
    if (v !== null) contact[k] = v;
  }
  if (Object.keys(contact).length) {
    if (!('name' in contact)) contact.name = '';
    body.contacts = [contact];
  }
  return body;
}

// The API names the fields of a contact without a prefix ("name", "email"),
// so "name" can be the employer's or the contact's. The employer's name is
// checked first: a second "name" error, or one about a name that is fine
// as an employer name while a contact was sent, is the contact's.
function placeErrors(err, body) {
  if (!(err instanceof ApiError)) return err;
  let nameErrors = 0;
  const employerNameOk = typeof body.name === 'string' && body.name.length >= 2 && body.name.length <= 120;
  const errors = err.errors.map((e) => {
    if (e.field !== 'name' || !body.contacts) return e;
    nameErrors += 1;
    const isConflict = /already exists/.test(e.reason || '');
    if (nameErrors > 1 || (employerNameOk && !isConflict)) return { ...e, field: 'contact_name' };
    return e;
  });
  return Object.assign(Object.create(Object.getPrototypeOf(err)), err, { errors });
}

async function addEmployer(ev) {
  ev.preventDefault();
  const form = $('#employer-form');
  const summary = $('#employer-errors');
  clearErrors(form);
  clear(summary);
  clear($('#add-message'));
  const body = formBody(form);
  const btn = $('#add-employer-button');
  btn.disabled = true;
  try {
    const created = await post('/api/employers', body);
    form.reset();
    $('#e-account_manager_id').value = user.role === 'account_manager' ? String(user.id) : '';
    showMessage($('#add-message'), 'ok',
      h('p', { class: 'utrecht-paragraph' }, `Werkgever ${created?.name || body.name} is toegevoegd. `,
        created?.id ? h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/employer.html?id=${encodeURIComponent(created.id)}` }, `Open ${created.name}`) : null));
    $('#add-disclosure').open = false;
    await loadList(currentFilters());
    const msg = $('#add-message .utrecht-alert');
    if (msg) { msg.setAttribute('tabindex', '-1'); msg.focus(); }
  } catch (err) {
    showSubmitError(form, summary, placeErrors(err, body), {
      title: 'De werkgever is niet toegevoegd',
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
  user = await initPage('employers');
  const filters = currentFilters();
  codes = await loadCodes();
  const sectorSelect = $('#sector');
  for (const o of codeOptions(codes, 'sector')) {
    sectorSelect.append(h('option', { value: o.value, text: capitalise(o.label), selected: o.value === filters.sector }));
  }
  $('#q').value = filters.q;
  $('#network_member').value = filters.network_member;
  $('#filter-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = {};
    for (const k of FILTERS) f[k] = $(`#${k}`).value.trim();
    location.assign(`/employers.html${query(f)}`);
  });
  const ok = await loadList(filters);
  if (ok && CAN.manageEmployers.has(user.role)) {
    renderForm();
    $('#add-employer').hidden = false;
    $('#employer-form').addEventListener('submit', addEmployer);
    // A link above the (long) list opens the form.
    $('#jump-add').hidden = false;
    $('#jump-add-link').addEventListener('click', (ev) => {
      ev.preventDefault();
      $('#add-disclosure').open = true;
      const summary = $('#add-disclosure > summary');
      summary.scrollIntoView({ block: 'start' });
      summary.focus();
    });
  }
}

main().finally(() => { document.body.dataset.ready = 'true'; });
