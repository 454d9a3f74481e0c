// dossier.js - one participant: the path (path.js: phases, intake, ladder,
// journal, hand-over, sheltered work), the work-floor assessments
// (assessments.js), the week plan (weekplan.js), all readable fields grouped by data
// category (others shown as "afgeschermd"), the edit form for writable
// fields, consents, links (guidance network) and the processing log.
import { get, post, patch, query, describeError, ApiError } from './api.js';
import { h, $, clear, table, dataList, showMessage, inputField, selectField, button, setFieldError, clearErrors, showErrorSummary, controlOf } from './dom.js';
import { initPage, intParam, CAN } from './nav.js';
import { loadCodes, codeLabel, codeOptions } from './codes.js';
import {
  FIELDS, PARTICIPANT_CATEGORIES, ALL_CATEGORIES, LINK_KIND_LABELS, categoryLabel, capitalise,
  formatDate, today, roleLabel, LOG_ACTION_LABELS, ACTIVITY_LABELS, STATUS_LABELS, reasonNl,
} from './labels.js';
import { buildParticipantForm, changedFields } from './participant-form.js';
import { initPath, setParticipant, onPhases } from './path.js';
import { initAssessments, setAssessmentParticipant, setPhases } from './assessments.js';
import { initWeekPlan, setWeekPlanParticipant } from './weekplan.js';

const LOG_PER_PAGE = 20;
const CONSENT_FREE_ORG_TYPES = new Set(['municipality', 'social_work_company']);

const state = { id: null, user: null, participant: null, codes: {}, orgs: [], form: null, logPage: 1 };

function notFilled() {
  return h('span', { class: 'meedoen-muted', text: 'niet ingevuld' });
}

function restrictedBadge() {
  return h('span', { class: 'utrecht-status-badge utrecht-status-badge--neutral meedoen-restricted-badge', text: 'afgeschermd' });
}

function displayValue(def, value) {
  const codes = state.codes;
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return notFilled();
  switch (def.kind) {
    case 'date': return formatDate(value);
    case 'select': return codeLabel(codes, def.codes, value);
    case 'languages': return value.map((c) => codeLabel(codes, 'languages', c)).join(', ');
    case 'diplomas':
      return h('ul', { class: 'utrecht-unordered-list meedoen-compact-list' }, value.map((d) => {
        const bits = [
          d.country ? codeLabel(codes, 'countries', d.country) : null,
          d.isced_level !== null && d.isced_level !== undefined ? `ISCED ${d.isced_level}` : null,
          d.valuation ? `waardering: ${codeLabel(codes, 'valuation', d.valuation)}` : null,
        ].filter(Boolean);
        return h('li', { class: 'utrecht-unordered-list__item' }, d.title || 'Diploma', bits.length ? ` (${bits.join(', ')})` : '');
      }));
    case 'work_history':
      return h('ul', { class: 'utrecht-unordered-list meedoen-compact-list' }, value.map((w) => {
        const bits = [
          w.isco_code ? `ISCO ${w.isco_code}` : null,
          w.years !== null && w.years !== undefined ? `${w.years} ${Number(w.years) === 1 ? 'jaar' : 'jaar'}` : null,
        ].filter(Boolean);
        return h('li', { class: 'utrecht-unordered-list__item' }, w.occupation || codeLabel(codes, 'isco', w.isco_code) || 'Werkervaring', bits.length ? ` (${bits.join(', ')})` : '');
      }));
    case 'textarea': return h('span', { class: 'meedoen-multiline', text: String(value) });
    default: return String(value);
  }
}

function participantName(p) {
  if (!('family_name' in p) && !('given_names' in p)) return `Deelnemer ${p.id}`;
  return [p.given_names, p.family_name].filter(Boolean).join(' ') || `Deelnemer ${p.id}`;
}

function renderView() {
  const p = state.participant;
  const readable = new Set(p.access?.categories || []);
  const view = $('#dossier-view');
  clear(view);
  for (const cat of PARTICIPANT_CATEGORIES) {
    const headingId = `cat-${cat}-title`;
    const section = h('section', { class: 'meedoen-category-view', dataset: { category: cat }, 'aria-labelledby': headingId },
      h('h3', { class: 'utrecht-heading-3', id: headingId }, capitalise(categoryLabel(cat)),
        readable.has(cat) ? null : [' ', restrictedBadge()]));
    if (readable.has(cat)) {
      const defs = FIELDS.filter((f) => f.category === cat);
      section.append(dataList(defs.map((d) => [d.label, displayValue(d, p[d.name])])));
    } else {
      section.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'U mag deze gegevens niet inzien (rol, relatie met de deelnemer of toestemming).' }));
    }
    view.append(section);
  }
  document.title = `${participantName(p)} – Dossier – meedoen`;
  $('#dossier-title').textContent = participantName(p);
  const sub = [];
  if ('external_id' in p && p.external_id) sub.push(`Kenmerk ${p.external_id}`);
  if (p.updated_at) sub.push(`laatst gewijzigd ${formatDate(p.updated_at)}`);
  $('#dossier-subtitle').textContent = sub.join(' · ');
  const writable = (p.access?.writable || []).filter((c) => PARTICIPANT_CATEGORIES.includes(c));
  $('#edit-button').hidden = writable.length === 0;
}

// ---------------------------------------------------------------- edit

function openEdit() {
  const p = state.participant;
  const writable = (p.access?.writable || []).filter((c) => PARTICIPANT_CATEGORIES.includes(c));
  const fields = $('#edit-fields');
  clear(fields);
  clear($('#edit-errors'));
  clear($('#save-message'));
  state.form = buildParticipantForm(fields, { categories: writable, values: p, codes: state.codes, idPrefix: 'f' });
  $('#dossier-view').hidden = true;
  $('#edit-button').hidden = true;
  $('#edit-form').hidden = false;
  $('#edit-title').focus();
}

function closeEdit(focusButton = true) {
  $('#edit-form').hidden = true;
  $('#dossier-view').hidden = false;
  renderView();
  if (focusButton && !$('#edit-button').hidden) $('#edit-button').focus();
}

async function save(ev) {
  ev.preventDefault();
  const form = state.form;
  form.clear();
  clear($('#edit-errors'));
  const changes = changedFields(state.participant, form.read());
  if (Object.keys(changes).length === 0) {
    closeEdit(false);
    showMessage($('#save-message'), 'info', 'Er is niets gewijzigd.');
    return;
  }
  const btn = $('#save-button');
  btn.disabled = true;
  try {
    const updated = await patch(`/api/participants/${state.id}`, changes);
    state.participant = updated;
    setParticipant(updated);
    setAssessmentParticipant(updated);
    setWeekPlanParticipant(updated);
    closeEdit(false);
    showMessage($('#save-message'), 'ok', 'De wijzigingen zijn opgeslagen.');
    $('#save-message').querySelector('.utrecht-alert')?.setAttribute('tabindex', '-1');
    $('#save-message').querySelector('.utrecht-alert')?.focus();
  } catch (err) {
    if (err instanceof ApiError && err.errors.length) {
      const n = err.errors.length;
      form.showErrors(err.errors, $('#edit-errors'), n === 1 ? 'Er is 1 fout gevonden' : `Er zijn ${n} fouten gevonden`,
        'Er is niets opgeslagen. Verbeter de volgende velden:');
    } else {
      showErrorSummary($('#edit-errors'), 'Opslaan is niet gelukt', [], `${describeError(err)} Er is niets opgeslagen.`);
    }
  } finally {
    btn.disabled = false;
  }
}

// ---------------------------------------------------------------- consents

function consentStatus(c) {
  if (c.revoked_at) return `ingetrokken op ${formatDate(c.revoked_at)}`;
  if (c.active === false) return c.expires_on ? `verlopen op ${formatDate(c.expires_on)}` : 'niet geldig';
  return 'geldig';
}

async function loadConsents() {
  const list = $('#consent-list');
  const msg = $('#consent-message');
  let data;
  try {
    data = await get(`/api/participants/${state.id}/consents`);
  } catch (err) {
    clear(list);
    $('#consent-form').hidden = true;
    showMessage(msg, 'info', err instanceof ApiError && err.status === 403
      ? 'U mag de toestemmingen van deze deelnemer niet inzien.'
      : `De toestemmingen konden niet worden geladen. ${describeError(err)}`);
    return;
  }
  clear(list);
  const items = data?.items || [];
  if (!items.length) {
    list.append(h('p', { class: 'utrecht-paragraph', text: 'Er is nog geen toestemming vastgelegd.' }));
  } else {
    const mayAct = CAN.consent.has(state.user.role);
    const columns = [{ label: 'Organisatie' }, { label: 'Gegevenscategorie' }, { label: 'Gegeven op' }, { label: 'Geldig tot en met' }, { label: 'Status' }];
    if (mayAct) columns.push({ label: 'Actie' });
    list.append(table({
      caption: 'Vastgelegde toestemmingen',
      columns,
      rows: items.map((c) => {
        const what = `${c.organisation_name || `organisatie ${c.organisation_id}`}, ${categoryLabel(c.category)}`;
        const row = [c.organisation_name || String(c.organisation_id), categoryLabel(c.category), formatDate(c.given_on), c.expires_on ? formatDate(c.expires_on) : 'geen einddatum', consentStatus(c)];
        if (mayAct) {
          row.push(c.active !== false && !c.revoked_at
            ? button('Intrekken', { class: 'utrecht-button utrecht-button--secondary-action meedoen-small-button', 'aria-label': `Toestemming intrekken: ${what}`, onclick: (ev) => revokeConsent(c, ev.currentTarget) })
            : '');
        }
        return row;
      }),
      className: 'meedoen-consents',
    }));
  }
  renderConsentForm();
}

async function revokeConsent(c, btn) {
  btn.disabled = true;
  const msg = $('#consent-message');
  try {
    await post(`/api/participants/${state.id}/consents/${c.id}/revoke`);
    showMessage(msg, 'ok', `De toestemming voor ${c.organisation_name || 'de organisatie'} (${categoryLabel(c.category)}) is ingetrokken.`);
    await loadConsents();
    await reloadParticipant();
  } catch (err) {
    btn.disabled = false;
    showMessage(msg, 'error', `Intrekken is niet gelukt. ${describeError(err)}`);
  }
}

function renderConsentForm() {
  const form = $('#consent-form');
  if (!CAN.consent.has(state.user.role)) { form.hidden = true; return; }
  const fields = $('#consent-fields');
  if (fields.childElementCount) { form.hidden = false; return; }
  // Only organisations whose type needs consent (GET /api/codes organisation_types).
  const types = Array.isArray(state.codes.organisation_types) ? state.codes.organisation_types : [];
  const needsConsent = (type) => {
    const t = types.find((x) => x.code === type);
    return t && typeof t.needs_consent === 'boolean' ? t.needs_consent : !CONSENT_FREE_ORG_TYPES.has(type);
  };
  const orgs = state.orgs.filter((o) => needsConsent(o.type));
  const orgOptions = (orgs.length ? orgs : state.orgs).map((o) => ({ value: String(o.id), label: o.name }));
  const catCodes = codeOptions(state.codes, 'categories');
  const catOptions = catCodes.length
    ? catCodes.map((o) => ({ value: o.value, label: categoryLabel(o.value) !== o.value ? categoryLabel(o.value) : o.label }))
    : ALL_CATEGORIES.map((c) => ({ value: c, label: categoryLabel(c) }));
  fields.append(
    selectField({ id: 'c-organisation_id', name: 'organisation_id', label: 'Organisatie', options: orgOptions, required: true, emptyLabel: 'Kies een organisatie' }),
    selectField({ id: 'c-category', name: 'category', label: 'Gegevenscategorie', options: catOptions, required: true, emptyLabel: 'Kies een categorie' }),
    inputField({ id: 'c-given_on', name: 'given_on', label: 'Gegeven op', type: 'date', value: today(), required: true }),
    inputField({ id: 'c-expires_on', name: 'expires_on', label: 'Geldig tot en met', type: 'date', hint: 'Leeg laten als er geen einddatum is.' }),
  );
  form.hidden = false;
}

async function addConsent(ev) {
  ev.preventDefault();
  const form = $('#consent-form');
  clearErrors(form);
  clear($('#consent-errors'));
  const body = {
    organisation_id: $('#c-organisation_id').value ? Number($('#c-organisation_id').value) : null,
    category: $('#c-category').value || null,
    given_on: $('#c-given_on').value || null,
  };
  if ($('#c-expires_on').value) body.expires_on = $('#c-expires_on').value;
  const btn = form.querySelector('button[type=submit]');
  btn.disabled = true;
  try {
    await post(`/api/participants/${state.id}/consents`, body);
    showMessage($('#consent-message'), 'ok', 'De toestemming is vastgelegd.');
    $('#c-organisation_id').value = '';
    $('#c-category').value = '';
    $('#c-expires_on').value = '';
    await loadConsents();
    await reloadParticipant();
  } catch (err) {
    if (err instanceof ApiError && err.errors.length) {
      const labels = { organisation_id: 'Organisatie', category: 'Gegevenscategorie', given_on: 'Gegeven op', expires_on: 'Geldig tot en met' };
      const items = err.errors.map((e) => {
        const w = form.querySelector(`[data-field="${CSS.escape(e.field || '')}"]`);
        if (w) setFieldError(w, reasonNl(e.reason));
        return { text: `${labels[e.field] || e.field}: ${reasonNl(e.reason)}`, target: w ? controlOf(w) : null };
      });
      showErrorSummary($('#consent-errors'), 'De toestemming is niet vastgelegd', items);
    } else {
      showErrorSummary($('#consent-errors'), 'De toestemming is niet vastgelegd', [], describeError(err));
    }
  } finally {
    btn.disabled = false;
  }
}

// ---------------------------------------------------------------- links

async function loadLinks() {
  const list = $('#links-list');
  let data;
  try {
    data = await get(`/api/participants/${state.id}/links`);
  } catch (err) {
    showMessage($('#links-message'), 'info', err instanceof ApiError && err.status === 403
      ? 'U mag de betrokkenen bij deze deelnemer niet inzien.'
      : `De betrokkenen konden niet worden geladen. ${describeError(err)}`);
    return;
  }
  clear(list);
  const items = data?.items || [];
  if (!items.length) {
    list.append(h('p', { class: 'utrecht-paragraph', text: 'Er zijn nog geen betrokkenen vastgelegd.' }));
    return;
  }
  list.append(table({
    caption: 'Betrokken begeleiders en organisaties',
    columns: [{ label: 'Rol' }, { label: 'Naam' }, { label: 'Organisatie' }, { label: 'Vanaf' }, { label: 'Tot en met' }],
    rows: items.map((l) => [
      capitalise(LINK_KIND_LABELS[l.kind] || l.kind),
      l.user_name || '',
      l.organisation_name || '',
      formatDate(l.start_date),
      l.end_date ? formatDate(l.end_date) : 'lopend',
    ]),
  }));
}

// ---------------------------------------------------------------- log

const LOG_COLUMNS = [
  { label: 'Tijdstip', keys: ['started_at', 'start_time', 'start', 'timestamp', 'time', 'at', 'created_at', 'ended_at', 'end_time'] },
  { label: 'Wie', keys: ['actor_name', 'actor_display_name', 'user_name', 'actor', 'username', 'actor_username', 'actor_id', 'user_id'] },
  { label: 'Rol', keys: ['actor_role', 'role'], fmt: (v) => (v === 'system' ? 'systeem' : roleLabel(v)) },
  { label: 'Organisatie', keys: ['organisation_name', 'actor_organisation', 'organisation', 'organisation_id'] },
  { label: 'Handeling', keys: ['action', 'name', 'operation'], fmt: (v) => LOG_ACTION_LABELS[v] || v },
  { label: 'Verwerkingsactiviteit', keys: ['processing_activity', 'activity', 'processing_activity_id', 'activity_id'], fmt: (v) => (ACTIVITY_LABELS[v] ? `${ACTIVITY_LABELS[v]} (${v})` : v) },
  { label: 'Doel', keys: ['purpose'] },
  { label: 'Status', keys: ['status'], fmt: (v) => STATUS_LABELS[v] || v },
];

function flatten(obj, prefix = '', out = {}) {
  for (const [k, v] of Object.entries(obj || {})) {
    const key = prefix ? `${prefix}_${k}` : k;
    if (v && typeof v === 'object' && !Array.isArray(v)) flatten(v, key, out);
    else out[key] = Array.isArray(v) ? v.join(', ') : v;
  }
  return out;
}

function logCell(v, fmt) {
  if (v === null || v === undefined) return '';
  if (fmt) return fmt(String(v));
  return formatDate(String(v));
}

async function loadLog(page = 1) {
  const list = $('#log-list');
  const msg = $('#log-message');
  const pager = $('#log-pager');
  let data;
  try {
    data = await get(`/api/participants/${state.id}/log${query({ page, per_page: LOG_PER_PAGE })}`);
  } catch (err) {
    clear(list); clear(pager);
    showMessage(msg, 'info', err instanceof ApiError && err.status === 403
      ? 'U mag de verwerkingenlogging van deze deelnemer niet inzien.'
      : `De verwerkingenlogging kon niet worden geladen. ${describeError(err)}`);
    return;
  }
  clear(msg); clear(list); clear(pager);
  state.logPage = page;
  const items = (Array.isArray(data) ? data : data?.items || []).map((e) => flatten(e));
  const total = Number(data?.total ?? items.length);
  if (!items.length) {
    list.append(h('p', { class: 'utrecht-paragraph', text: 'Er zijn nog geen verwerkingen gelogd.' }));
    return;
  }
  let columns = LOG_COLUMNS.map((c) => ({ ...c, key: c.keys.find((k) => items.some((it) => k in it)) })).filter((c) => c.key);
  if (columns.length < 2) {
    const keys = [...new Set(items.flatMap((it) => Object.keys(it)))];
    columns = keys.map((k) => ({ label: k, key: k }));
  }
  const pages = Math.max(1, Math.ceil(total / LOG_PER_PAGE));
  list.append(table({
    caption: `Verwerkingen (${total} in totaal${pages > 1 ? `, pagina ${page} van ${pages}` : ''})`,
    columns: columns.map((c) => ({ label: c.label })),
    rows: items.map((it) => columns.map((c) => logCell(it[c.key], c.fmt))),
    className: 'meedoen-log',
  }));
  if (pages > 1) {
    if (page > 1) pager.append(button('Vorige pagina', { onclick: () => loadLog(page - 1).then(() => $('#verwerkingen-title').scrollIntoView()) }));
    if (page < pages) pager.append(button('Volgende pagina', { onclick: () => loadLog(page + 1).then(() => $('#verwerkingen-title').scrollIntoView()) }));
  }
}

// ---------------------------------------------------------------- main

async function reloadParticipant() {
  try {
    state.participant = await get(`/api/participants/${state.id}`);
    setParticipant(state.participant);
    setAssessmentParticipant(state.participant);
    setWeekPlanParticipant(state.participant);
    if ($('#edit-form').hidden) renderView();
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) {
      // Access was taken away (for example a consent was revoked).
      showMessage($('#dossier-message'), 'info', 'U hebt geen toegang meer tot de gegevens van deze deelnemer.');
      $('#gegevens').hidden = true;
    }
  }
}

async function main() {
  state.user = await initPage('dossier');
  state.id = intParam('id');
  const msg = $('#dossier-message');
  if (!state.id) {
    showMessage(msg, 'error', 'Er is geen deelnemer gekozen. Ga terug naar de lijst met deelnemers.');
    return;
  }
  const [codes, orgs] = await Promise.all([
    loadCodes(),
    get('/api/organisations').catch(() => ({ items: [] })),
  ]);
  state.codes = codes;
  state.orgs = orgs?.items || [];
  try {
    state.participant = await get(`/api/participants/${state.id}`);
  } catch (err) {
    let text = describeError(err);
    if (err instanceof ApiError && err.status === 404) text = 'Deze deelnemer bestaat niet (meer).';
    if (err instanceof ApiError && err.status === 403) text = 'U hebt geen toegang tot het dossier van deze deelnemer.';
    $('#dossier-title').textContent = `Deelnemer ${state.id}`;
    showMessage(msg, 'error', text);
    return;
  }
  renderView();
  $('#gegevens').hidden = false;
  $('#toestemmingen').hidden = false;
  $('#betrokkenen').hidden = false;
  $('#dossier-toc').hidden = false;
  $('#edit-button').addEventListener('click', openEdit);
  $('#cancel-button').addEventListener('click', () => { clear($('#edit-errors')); closeEdit(true); });
  $('#edit-form').addEventListener('submit', save);
  $('#consent-form').addEventListener('submit', addConsent);
  const onShow = (section) => { const toc = $(`#toc-${section}`); if (toc) toc.hidden = false; };
  const onHide = (section) => { const toc = $(`#toc-${section}`); if (toc) toc.hidden = true; };
  onPhases(setPhases);
  const tasks = [loadConsents(), loadLinks(), initPath({
    id: state.id, user: state.user, participant: state.participant, codes: state.codes, orgs: state.orgs,
    onShow, onHide, reloadLinks: loadLinks,
  }), initAssessments({
    id: state.id, user: state.user, participant: state.participant, codes: state.codes, onShow, onHide,
  }), initWeekPlan({
    id: state.id, user: state.user, participant: state.participant, codes: state.codes, onShow, onHide,
  })];
  if (CAN.log.has(state.user.role)) {
    $('#verwerkingen').hidden = false;
    $('#toc-log').hidden = false;
    tasks.push(loadLog(1));
  }
  await Promise.all(tasks);
  // A link from the worklist may name a section (#intake, #overdracht …):
  // it exists only now that the sections are loaded.
  const target = location.hash ? document.getElementById(decodeURIComponent(location.hash.slice(1))) : null;
  if (target && !target.hidden) {
    target.scrollIntoView();
    const heading = target.querySelector('h2[tabindex]');
    if (heading) heading.focus({ preventScroll: true });
  }
}

main().finally(() => { document.body.dataset.ready = "true"; });
