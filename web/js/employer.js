// employer.js - one employer (GET /api/employers/:id): its details (which
// account managers and project leaders can change), contact persons, the
// placements it offers with their occupancy, company visits, trainings and
// the history of everything done with it (newest first; managers add
// notes). An employer user sees their own organisation only.
import { get, post, patch, describeError, ApiError } from './api.js';
import {
  h, $, clear, table, dataList, showMessage, inputField, selectField, checkboxField, textareaField,
  showSubmitError, clearErrors,
} from './dom.js';
import { initPage, intParam, CAN } from './nav.js';
import { loadCodes, codeOptions, codeLabel } from './codes.js';
import { capitalise, formatDate, today, reasonNl } from './labels.js';
import { occupancy } from './workfloor.js';

const DETAIL_LABELS = {
  sector: 'Sector', street: 'Straat en huisnummer', postal_code: 'Postcode', city: 'Plaats',
  size_class: 'Grootte', network_member: 'Lid van het MVO-netwerk', account_manager_id: 'Accountmanager',
  notes: 'Notities',
};
const CONTACT_LABELS = { name: 'Naam', job_title: 'Functie', phone: 'Telefoonnummer', email: 'E-mailadres' };
const NOTE_LABELS = { occurred_on: 'Datum', text: 'Notitie' };

const HISTORY_KIND_LABELS = {
  created: 'toegevoegd', updated: 'gegevens', contact: 'contactpersoon', note: 'notitie',
  placement: 'plaats', placement_started: 'plaatsing', visit: 'bezoek', training: 'training',
};
const VISIT_KIND_LABELS = { company_visit: 'bedrijfsbezoek', matching_event: 'matchingsevent' };

const REASONS = [
  [/^"(.*)" is not in the list (\S+)$/, (m) => `"${m[1]}" is geen geldige keuze`],
  [/^user (\d+) is not an active account manager$/, (m) => `gebruiker ${m[1]} is geen actieve accountmanager`],
  [/^must be a JSON object$/, () => 'is niet goed doorgegeven'],
];

function reasonWork(reason) {
  const text = String(reason ?? '');
  for (const [re, fmt] of REASONS) {
    const m = re.exec(text);
    if (m) return fmt(m);
  }
  return reasonNl(text);
}

function muted(text) {
  return h('span', { class: 'meedoen-muted', text });
}

function orNot(v, fmt = (x) => x) {
  return v === null || v === undefined || v === '' ? muted('niet ingevuld') : fmt(v);
}

function period(from, to) {
  if (!from && !to) return muted('doorlopend');
  if (from && !to) return `vanaf ${formatDate(from)}`;
  if (!from && to) return `tot en met ${formatDate(to)}`;
  return `${formatDate(from)} tot en met ${formatDate(to)}`;
}

function euro(cents) {
  if (cents === null || cents === undefined) return '';
  return new Intl.NumberFormat('nl-NL', { style: 'currency', currency: 'EUR' }).format(Number(cents) / 100);
}

function focusMessage(container) {
  const box = container.querySelector('.utrecht-alert');
  if (!box) return;
  box.setAttribute('tabindex', '-1');
  box.focus();
}

// A form inside a disclosure (<details>) so that the page stays calm.
function disclosure(summaryText, form, open = false) {
  return h('details', { class: 'meedoen-disclosure', open: open ? '' : null },
    h('summary', { class: 'meedoen-disclosure__summary', text: summaryText }),
    h('div', { class: 'meedoen-disclosure__body' }, form));
}

function formShell(id, titleText, ...content) {
  const titleId = `${id}-title`;
  return h('form', { class: 'utrecht-form meedoen-subform', id, novalidate: true, 'aria-labelledby': titleId },
    h('h3', { class: 'utrecht-heading-3', id: titleId, text: titleText }),
    h('div', { class: 'meedoen-form-errors', id: `${id}-errors` }),
    ...content);
}

function submitRow(text) {
  return h('div', { class: 'utrecht-button-group meedoen-actions' },
    h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', text }));
}

// Run send(); on failure show the errors beside the fields and in a summary
// (the form keeps its values). Returns the answer or null.
async function submit(form, send, { title, labels }) {
  const errorsEl = form.querySelector('.meedoen-form-errors');
  clearErrors(form);
  clear(errorsEl);
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    return (await send()) ?? {};
  } catch (err) {
    showSubmitError(form, errorsEl, err, {
      title, labels, reason: reasonWork, describe: describeError,
      intro: err instanceof ApiError && err.errors.length ? 'Er is niets vastgelegd. Verbeter het volgende:' : null,
    });
    return null;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

function valueOf(form, name) {
  const el = form.elements.namedItem(name);
  if (!el) return null;
  const v = el.value.trim();
  return v === '' ? null : v;
}

// ---------------------------------------------------------------- state

const ctx = { id: null, user: null, codes: {}, employer: null, manager: false };

function show(id) {
  $(`#${id}`).hidden = false;
}

// ---------------------------------------------------------------- details

function renderDetails(emp) {
  const view = $('#details-view');
  clear(view);
  const address = [emp.street, [emp.postal_code, emp.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  view.append(h('div', { class: 'meedoen-facts' }, dataList([
    ['Sector', orNot(emp.sector_label || codeLabel(ctx.codes, 'sector', emp.sector), capitalise)],
    ['Adres', orNot(address)],
    ['Grootte', orNot(emp.size_class_label || codeLabel(ctx.codes, 'size_class', emp.size_class))],
    ['Lid van het MVO-netwerk', emp.network_member ? 'ja' : 'nee'],
    ['Accountmanager', orNot(emp.account_manager_name)],
    ['Notities', emp.notes ? h('span', { class: 'meedoen-multiline', text: emp.notes }) : muted('geen')],
  ])));
  const box = $('#details-form-box');
  clear(box);
  if (!ctx.manager) return;
  const amOptions = [];
  if (ctx.user.role === 'account_manager') amOptions.push({ value: String(ctx.user.id), label: `${ctx.user.display_name || ctx.user.username} (uzelf)` });
  if (emp.account_manager_id && String(emp.account_manager_id) !== String(ctx.user.id)) {
    amOptions.push({ value: String(emp.account_manager_id), label: emp.account_manager_name || `gebruiker ${emp.account_manager_id}` });
  }
  const form = formShell('details-form', 'Gegevens wijzigen',
    h('div', { class: 'meedoen-grid-2' },
      selectField({ id: 'd-sector', name: 'sector', label: DETAIL_LABELS.sector, options: codeOptions(ctx.codes, 'sector'), value: emp.sector, required: true, emptyLabel: 'Kies een sector' }),
      inputField({ id: 'd-street', name: 'street', label: DETAIL_LABELS.street, value: emp.street, autocomplete: 'off', maxlength: 100 }),
      inputField({ id: 'd-postal_code', name: 'postal_code', label: DETAIL_LABELS.postal_code, value: emp.postal_code, size: 'postal', autocomplete: 'off' }),
      inputField({ id: 'd-city', name: 'city', label: DETAIL_LABELS.city, value: emp.city, autocomplete: 'off', maxlength: 60 }),
      selectField({ id: 'd-size_class', name: 'size_class', label: DETAIL_LABELS.size_class, options: codeOptions(ctx.codes, 'size_class'), value: emp.size_class }),
      selectField({ id: 'd-account_manager_id', name: 'account_manager_id', label: DETAIL_LABELS.account_manager_id, options: amOptions, value: emp.account_manager_id ?? '', emptyLabel: 'Niemand' })),
    checkboxField({ id: 'd-network_member', name: 'network_member', label: DETAIL_LABELS.network_member, checked: Boolean(emp.network_member) }),
    textareaField({ id: 'd-notes', name: 'notes', label: DETAIL_LABELS.notes, value: emp.notes, maxlength: 4000 }),
    submitRow('Gegevens bewaren'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = {
      sector: valueOf(form, 'sector'),
      street: valueOf(form, 'street'),
      postal_code: valueOf(form, 'postal_code'),
      city: valueOf(form, 'city'),
      size_class: valueOf(form, 'size_class'),
      account_manager_id: valueOf(form, 'account_manager_id') ? Number(valueOf(form, 'account_manager_id')) : null,
      network_member: form.elements.namedItem('network_member').checked,
      notes: valueOf(form, 'notes'),
    };
    const res = await submit(form, () => patch(`/api/employers/${ctx.id}`, body), { title: 'De gegevens zijn niet bewaard', labels: DETAIL_LABELS });
    if (!res) return;
    render(res);
    showMessage($('#details-message'), 'ok', 'De gegevens zijn bewaard.');
    focusMessage($('#details-message'));
  });
  box.append(disclosure('Gegevens wijzigen', form));
}

// ---------------------------------------------------------------- contacts

function renderContacts(emp) {
  const list = $('#contacts-list');
  clear(list);
  const contacts = Array.isArray(emp.contacts) ? emp.contacts : [];
  if (!contacts.length) {
    list.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Er zijn nog geen contactpersonen vastgelegd.' }));
  } else {
    list.append(table({
      caption: 'Contactpersonen',
      columns: [{ label: 'Naam' }, { label: 'Functie' }, { label: 'Telefoonnummer' }, { label: 'E-mailadres' }],
      rows: contacts.map((c) => [
        c.name || '',
        c.job_title || '',
        c.phone ? h('a', { class: 'utrecht-link utrecht-link--html-a', href: `tel:${c.phone.replace(/[^\d+]/g, '')}` }, c.phone) : '',
        c.email ? h('a', { class: 'utrecht-link utrecht-link--html-a', href: `mailto:${c.email}` }, c.email) : '',
      ]),
      className: 'meedoen-contacts',
    }));
  }
  const box = $('#contacts-form-box');
  clear(box);
  if (!ctx.manager) return;
  const form = formShell('contact-form', 'Contactpersoon toevoegen',
    h('div', { class: 'meedoen-grid-2' },
      inputField({ id: 'c-name', name: 'name', label: CONTACT_LABELS.name, required: true, autocomplete: 'off', maxlength: 100 }),
      inputField({ id: 'c-job_title', name: 'job_title', label: CONTACT_LABELS.job_title, autocomplete: 'off', maxlength: 100 }),
      inputField({ id: 'c-phone', name: 'phone', label: CONTACT_LABELS.phone, type: 'tel', size: 'tel', autocomplete: 'off' }),
      inputField({ id: 'c-email', name: 'email', label: CONTACT_LABELS.email, type: 'email', autocomplete: 'off' })),
    submitRow('Contactpersoon toevoegen'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { name: valueOf(form, 'name') ?? '' };
    for (const k of ['job_title', 'phone', 'email']) {
      const v = valueOf(form, k);
      if (v !== null) body[k] = v;
    }
    const res = await submit(form, () => post(`/api/employers/${ctx.id}/contacts`, body), { title: 'De contactpersoon is niet toegevoegd', labels: CONTACT_LABELS });
    if (!res) return;
    render(res);
    showMessage($('#contacts-message'), 'ok', `Contactpersoon ${body.name} is toegevoegd.`);
    focusMessage($('#contacts-message'));
  });
  box.append(disclosure('Contactpersoon toevoegen', form));
}

// ---------------------------------------------------------------- placements, visits, trainings

function renderPlacements(emp) {
  const list = $('#placements-list');
  clear(list);
  const summary = $('#placements-summary');
  clear(summary);
  const pls = Array.isArray(emp.placements) ? emp.placements : [];
  summary.append(h('p', { class: 'utrecht-paragraph' },
    pls.length ? ['Samen bezet: ', occupancy(emp.occupancy, emp.capacity)] : 'Deze werkgever biedt nog geen plaatsen aan.'));
  if (ctx.manager) {
    summary.append(h('p', { class: 'utrecht-paragraph' },
      h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/placements.html?organisation=${encodeURIComponent(emp.id)}#aanbieden` }, 'Een plaats aanbieden bij deze werkgever')));
  }
  if (!pls.length) return;
  list.append(table({
    caption: `Plaatsen bij ${emp.name}`,
    columns: [{ label: 'Plaats' }, { label: 'Soort' }, { label: 'Bezet' }, { label: 'Periode' }, { label: 'Uren per week', numeric: true }, { label: 'Status' }],
    rows: pls.map((p) => [
      h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/placement.html?id=${encodeURIComponent(p.id)}` }, p.title),
      p.kind_label || codeLabel(ctx.codes, 'placement_kind', p.kind),
      occupancy(p.occupancy, p.capacity),
      period(p.start_date, p.end_date),
      p.hours_per_week ?? '',
      p.active === false ? 'niet meer aangeboden' : 'aangeboden',
    ]),
    className: 'meedoen-placements',
  }));
}

function renderVisits(emp) {
  const list = $('#visits-list');
  clear(list);
  const visits = Array.isArray(emp.visits) ? emp.visits : [];
  if (!visits.length) {
    list.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Er zijn nog geen bezoeken of matchingsevents met deze werkgever.' }));
    return;
  }
  list.append(table({
    caption: 'Bezoeken en events',
    columns: [{ label: 'Datum' }, { label: 'Titel' }, { label: 'Soort' }, { label: 'Uitgenodigd', numeric: true },
      { label: 'Aanwezig', numeric: true }, { label: 'Plek aangeboden', numeric: true }, { label: 'Geplaatst', numeric: true }],
    rows: visits.map((v) => [
      formatDate(v.held_on),
      h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/visit.html?id=${encodeURIComponent(v.id)}` }, v.title || `Bezoek ${v.id}`),
      VISIT_KIND_LABELS[v.kind] || v.kind || '',
      v.invited ?? 0,
      v.attended ?? 0,
      v.places_offered ?? 0,
      v.placements_started ?? 0,
    ]),
    className: 'meedoen-visits',
  }));
}

function renderTrainings(emp) {
  const list = $('#trainings-list');
  clear(list);
  const trainings = Array.isArray(emp.trainings) ? emp.trainings : [];
  if (!trainings.length) {
    list.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Er zijn nog geen trainingen met deze werkgever.' }));
    return;
  }
  list.append(table({
    caption: 'Trainingen op het werk',
    columns: [{ label: 'Training' }, { label: 'Aanbieder' }, { label: 'Periode' }, { label: 'Kosten', numeric: true },
      { label: 'Werkgever betaalt', numeric: true }, { label: 'Sw-bedrijf betaalt', numeric: true },
      { label: 'Ingeschreven', numeric: true }, { label: 'Geslaagd', numeric: true }],
    rows: trainings.map((t) => [
      [t.title || '', t.certificate ? muted(` (${codeLabel(ctx.codes, 'licences', t.certificate)})`) : null],
      t.provider || '',
      period(t.start_date, t.end_date),
      euro(t.cost_cents),
      euro(t.employer_share_cents ?? 0),
      euro(t.company_share_cents ?? ((t.cost_cents ?? 0) - (t.employer_share_cents ?? 0))),
      t.enrolled ?? 0,
      t.passed ?? 0,
    ]),
    className: 'meedoen-trainings',
  }));
}

// ---------------------------------------------------------------- history

function renderHistory(emp) {
  const list = $('#history-list');
  clear(list);
  const events = (Array.isArray(emp.history) ? [...emp.history] : [])
    .sort((a, b) => String(b.occurred_on || '').localeCompare(String(a.occurred_on || ''))
      || String(b.created_at || '').localeCompare(String(a.created_at || ''))
      || (Number(b.id) || 0) - (Number(a.id) || 0));
  if (!events.length) {
    list.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Nog niets vastgelegd.' }));
  } else {
    list.append(table({
      caption: 'Geschiedenis, nieuwste eerst',
      columns: [{ label: 'Datum' }, { label: 'Soort' }, { label: 'Wat' }, { label: 'Door' }],
      rows: events.map((ev) => [
        formatDate(ev.occurred_on),
        HISTORY_KIND_LABELS[ev.kind] || ev.kind || '',
        h('span', { class: 'meedoen-multiline', text: ev.text || '' }),
        ev.author_name || '',
      ]),
      className: 'meedoen-history',
    }));
  }
  const box = $('#history-form-box');
  clear(box);
  if (!ctx.manager) return;
  const form = formShell('note-form', 'Notitie toevoegen',
    inputField({ id: 'n-occurred_on', name: 'occurred_on', label: NOTE_LABELS.occurred_on, type: 'date', value: today(), max: today(), hint: 'De dag waarop het gebeurde.' }),
    textareaField({ id: 'n-text', name: 'text', label: NOTE_LABELS.text, required: true, maxlength: 4000 }),
    submitRow('Notitie toevoegen'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { text: valueOf(form, 'text') ?? '' };
    const on = valueOf(form, 'occurred_on');
    if (on) body.occurred_on = on;
    const res = await submit(form, () => post(`/api/employers/${ctx.id}/notes`, body), { title: 'De notitie is niet toegevoegd', labels: NOTE_LABELS });
    if (!res) return;
    render(res);
    showMessage($('#history-message'), 'ok', 'De notitie staat in de geschiedenis.');
    focusMessage($('#history-message'));
  });
  box.append(disclosure('Notitie toevoegen', form));
}

// ---------------------------------------------------------------- page

function render(emp) {
  ctx.employer = emp;
  for (const id of ['details-message', 'contacts-message', 'history-message']) clear($(`#${id}`));
  document.title = `${emp.name} – meedoen`;
  $('#employer-title').textContent = emp.name;
  const sub = [capitalise(emp.sector_label || codeLabel(ctx.codes, 'sector', emp.sector) || ''), emp.city, emp.network_member ? 'lid van het MVO-netwerk' : null]
    .filter(Boolean).join(' · ');
  $('#employer-subtitle').textContent = sub;
  renderDetails(emp);
  renderContacts(emp);
  renderPlacements(emp);
  renderVisits(emp);
  renderTrainings(emp);
  renderHistory(emp);
}

async function main() {
  ctx.user = await initPage('employers');
  ctx.manager = CAN.manageEmployers.has(ctx.user.role);
  ctx.id = intParam('id');
  if (!ctx.id) {
    showMessage($('#employer-message'), 'error', 'Er is geen werkgever gekozen. Kies een werkgever in de lijst.');
    return;
  }
  ctx.codes = await loadCodes();
  let emp;
  try {
    emp = await get(`/api/employers/${ctx.id}`);
  } catch (err) {
    let text = `De werkgever kon niet worden geladen. ${describeError(err)}`;
    let type = 'error';
    if (err instanceof ApiError && err.status === 403) {
      type = 'warning';
      text = ctx.user.role === 'employer'
        ? 'U ziet alleen de gegevens van uw eigen organisatie. Deze werkgever kunt u niet openen.'
        : 'U mag deze werkgever niet inzien.';
    } else if (err instanceof ApiError && err.status === 404) {
      type = 'warning';
      text = ctx.user.role === 'employer' && ctx.id === ctx.user.organisation_id
        ? 'Voor uw organisatie zijn nog geen werkgeversgegevens vastgelegd. Uw plaatsen staan onder Plaatsen.'
        : 'Deze werkgever bestaat niet.';
    }
    $('#employer-title').textContent = 'Werkgever niet beschikbaar';
    showMessage($('#employer-message'), type, text);
    return;
  }
  for (const id of ['gegevens', 'contactpersonen', 'plaatsen', 'bezoeken', 'trainingen', 'geschiedenis', 'employer-toc']) show(id);
  render(emp);
}

main().finally(() => { document.body.dataset.ready = 'true'; });
