// timetables.js - the language providers' class groups (lesgroepen,
// GET /api/class-groups): each group with its weekly sessions as a weekday
// and clock times, the day-parts they take and how many people are
// enrolled. A language provider (its own groups) and a project leader make
// and change groups with their sessions (rows to add and remove), give a
// group days without class (holidays, a cancelled lesson) and import a
// timetable from a CSV file; a job coach reads the timetables only.
import { get, post, patch, query, describeError, ApiError } from './api.js';
import {
  h, $, clear, table, dataList, showMessage, inputField, selectField, showSubmitError, clearErrors,
} from './dom.js';
import { initPage } from './nav.js';
import { today, othersText } from './labels.js';
import { csvImport } from './csv-report.js';
import {
  TIMETABLE_MANAGERS, DAYS, capitalise, formatDate, dayPartsText, sessionText, sessionPartsText,
  personName, reasonLessons, period,
} from './lessons.js';

const FIELD_LABELS = {
  organisation_id: 'Taalaanbieder', name: 'Naam van de groep', level: 'Niveau', location: 'Locatie',
  start_date: 'Begindatum', end_date: 'Einddatum', sessions: 'Lessen',
  from_date: 'Vanaf', to_date: 'Tot en met', reason: 'Reden',
};

// "sessions[1].end_time" -> "Les 2: eindtijd".
const SESSION_PART_LABELS = { weekday: 'weekdag', start_time: 'begintijd', end_time: 'eindtijd' };
function fieldLabel(field) {
  const m = /^sessions\[(\d+)\](?:\.(\w+))?$/.exec(field || '');
  if (m) return `Les ${Number(m[1]) + 1}${m[2] ? `: ${SESSION_PART_LABELS[m[2]] || m[2]}` : ''}`;
  return FIELD_LABELS[field] || field || 'Invoer';
}
const LABEL_PROXY = new Proxy({}, { get: (_, k) => fieldLabel(String(k)) });

const ctx = { user: null, orgs: [], groups: [], group: null, editing: null, manage: false };

function muted(text) {
  return h('span', { class: 'meedoen-muted', text });
}

function providers() {
  return ctx.orgs.filter((o) => o.type === 'language_provider');
}

function currentFilters() {
  const sp = new URLSearchParams(location.search);
  const org = (sp.get('organisation') || '').trim();
  return {
    organisation: /^\d+$/.test(org) ? org : '',
    include_inactive: sp.get('include_inactive') === '1' ? '1' : '',
  };
}

function groupParam() {
  const v = new URLSearchParams(location.search).get('group');
  return v && /^\d+$/.test(v) ? Number(v) : null;
}

function groupHref(id) {
  const sp = new URLSearchParams(location.search);
  sp.set('group', String(id));
  return `/timetables.html?${sp.toString()}#groep`;
}

// ---------------------------------------------------------------- the list

function sessionsList(g) {
  const sessions = Array.isArray(g.sessions) ? g.sessions : [];
  if (!sessions.length) return muted('geen lessen');
  return h('ul', { class: 'utrecht-unordered-list meedoen-sessions' },
    sessions.map((s) => h('li', { class: 'utrecht-unordered-list__item' },
      sessionText(s), sessionPartsText(s) ? muted(` (${sessionPartsText(s)})`) : null)));
}

async function loadGroups() {
  const filters = currentFilters();
  const list = $('#groups-list');
  const count = $('#groups-count');
  clear($('#groups-message'));
  count.textContent = 'Lesgroepen worden geladen…';
  let data;
  try {
    data = await get(`/api/class-groups${query(filters)}`);
  } catch (err) {
    count.textContent = '';
    clear(list);
    const denied = err instanceof ApiError && err.status === 403;
    showMessage($('#groups-message'), denied ? 'warning' : 'error',
      denied ? 'U mag de lesroosters niet inzien.' : `De lesgroepen konden niet worden geladen. ${describeError(err)}`);
    return false;
  }
  ctx.groups = Array.isArray(data?.items) ? data.items : [];
  const items = ctx.groups;
  count.textContent = items.length
    ? `${items.length} ${items.length === 1 ? 'lesgroep' : 'lesgroepen'}.`
    : 'Er zijn (nog) geen lesgroepen.';
  clear(list);
  if (!items.length) return true;
  const showProvider = ctx.user.role !== 'language_provider';
  const columns = [{ label: 'Lesgroep' }];
  if (showProvider) columns.push({ label: 'Taalaanbieder' });
  columns.push({ label: 'Niveau' }, { label: 'Lessen' }, { label: 'Dagdelen' }, { label: 'Periode' }, { label: 'Ingeschreven', numeric: true });
  list.append(table({
    caption: 'Lesgroepen',
    columns,
    rows: items.map((g) => {
      const row = [[
        h('a', { class: 'utrecht-link utrecht-link--html-a', href: groupHref(g.id), dataset: { group: String(g.id) } }, g.name),
        g.active === false ? muted(' (afgelopen)') : null,
      ]];
      if (showProvider) row.push(g.organisation_name || '');
      row.push(g.level || muted('–'), sessionsList(g), dayPartsText(g.day_parts) || muted('geen'),
        period(g.start_date, g.end_date), String(g.enrolled ?? 0));
      return row;
    }),
    className: 'meedoen-class-groups',
  }));
  return true;
}

// ---------------------------------------------------------------- one group

async function showGroup(id, { focus = false } = {}) {
  const section = $('#groep');
  clear($('#group-message'));
  let g;
  try {
    g = await get(`/api/class-groups/${id}`);
  } catch (err) {
    section.hidden = false;
    $('#groep-title').textContent = 'Lesgroep niet beschikbaar';
    for (const sel of ['#group-facts', '#group-sessions', '#group-actions', '#group-enrolments', '#group-exceptions']) clear($(sel));
    $('#enrolled-title').hidden = true;
    const status = err instanceof ApiError ? err.status : 0;
    showMessage($('#group-message'), status === 404 || status === 403 ? 'warning' : 'error',
      status === 404 ? 'Deze lesgroep bestaat niet.' : status === 403 ? 'U mag deze lesgroep niet inzien.' : `De lesgroep kon niet worden geladen. ${describeError(err)}`);
    return null;
  }
  ctx.group = g;
  renderGroup(g);
  section.hidden = false;
  if (focus) $('#groep-title').focus();
  return g;
}

function renderGroup(g) {
  $('#groep-title').textContent = `Lesgroep ${g.name}`;
  $('#enrolled-title').hidden = false;
  const facts = $('#group-facts');
  clear(facts);
  facts.append(h('div', { class: 'meedoen-facts' }, dataList([
    ['Taalaanbieder', g.organisation_name || ''],
    ['Niveau', g.level || muted('niet opgegeven')],
    ['Locatie', g.location || muted('niet opgegeven')],
    ['Periode', period(g.start_date, g.end_date)],
    ['Dagdelen', dayPartsText(g.day_parts) || muted('geen')],
    ['Ingeschreven', String(g.enrolled ?? (Array.isArray(g.enrolments) ? g.enrolments.length : 0))],
  ])));

  const sessions = $('#group-sessions');
  clear(sessions);
  const ss = Array.isArray(g.sessions) ? g.sessions : [];
  sessions.append(table({
    caption: 'Lessen per week',
    columns: [{ label: 'Weekdag' }, { label: 'Van' }, { label: 'Tot' }, { label: 'Dagdelen' }],
    rows: ss.map((s) => [
      capitalise(s.weekday_label || DAYS.find(([d]) => d === s.weekday)?.[1] || s.weekday),
      s.start_time, s.end_time, sessionPartsText(s) || muted('geen'),
    ]),
    className: 'meedoen-group-sessions',
  }));

  const actions = $('#group-actions');
  clear(actions);
  const links = [h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/attendance.html?group=${encodeURIComponent(g.id)}` }, 'Aanwezigheid van deze groep')];
  if (ctx.manage) {
    actions.append(h('div', { class: 'utrecht-button-group meedoen-actions' },
      h('button', {
        class: 'utrecht-button utrecht-button--secondary-action', type: 'button', id: 'group-edit',
        onclick: () => startEdit(g),
      }, 'Lesgroep wijzigen')));
  }
  actions.append(h('p', { class: 'utrecht-paragraph' }, links));

  const enrolments = $('#group-enrolments');
  clear(enrolments);
  const es = Array.isArray(g.enrolments) ? g.enrolments : [];
  const others = othersText(g.enrolments_others);
  if (others) enrolments.append(h('p', { class: 'utrecht-paragraph meedoen-muted meedoen-others', text: others }));
  if (!es.length) {
    if (!others) enrolments.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Er is nog niemand ingeschreven.' }));
  } else {
    enrolments.append(table({
      caption: `Ingeschreven in ${g.name}`,
      columns: [{ label: 'Deelnemer' }, { label: 'Vanaf' }, { label: 'Tot en met' }],
      rows: es.map((e) => [
        personName(e) || h('span', { class: 'meedoen-restricted', text: 'naam verborgen' }),
        e.start_date ? formatDate(e.start_date) : '',
        e.end_date ? formatDate(e.end_date) : muted('open'),
      ]),
      className: 'meedoen-enrolments',
    }));
  }
  renderExceptions(g);
}

// Days without class for the whole group.
function renderExceptions(g) {
  const box = $('#group-exceptions');
  clear(box);
  box.append(h('h3', { class: 'utrecht-heading-3', id: 'exceptions-title', text: 'Lesvrije dagen' }));
  const ex = Array.isArray(g.exceptions) ? g.exceptions : [];
  if (ex.length) {
    box.append(table({
      caption: `Lesvrije dagen van ${g.name}`,
      columns: [{ label: 'Van' }, { label: 'Tot en met' }, { label: 'Reden' }],
      rows: ex.map((x) => [formatDate(x.from_date), formatDate(x.to_date || x.from_date), x.reason || '']),
      className: 'meedoen-group-exceptions',
    }));
  } else {
    box.append(h('p', { class: 'utrecht-paragraph meedoen-muted', id: 'exceptions-none', text: 'Er zijn geen lesvrije dagen vastgelegd.' }));
  }
  if (!ctx.manage) return;
  box.append(h('div', { id: 'exception-message' }));
  const form = h('form', { class: 'utrecht-form meedoen-subform', id: 'exception-form', novalidate: true, 'aria-labelledby': 'exception-form-title' },
    h('h4', { class: 'utrecht-heading-4', id: 'exception-form-title', text: 'Lesvrije dag toevoegen' }),
    h('div', { id: 'exception-errors' }),
    h('div', { class: 'meedoen-grid-2' },
      inputField({ id: 'x-from_date', name: 'from_date', label: 'Vanaf', type: 'date', required: true }),
      inputField({ id: 'x-to_date', name: 'to_date', label: 'Tot en met', type: 'date', hint: 'Leeg laten voor één dag.' })),
    inputField({ id: 'x-reason', name: 'reason', label: 'Reden', required: true, maxlength: 500, hint: 'Bijvoorbeeld: kerstvakantie, docent ziek.' }),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      h('button', { class: 'utrecht-button utrecht-button--secondary-action', type: 'submit', id: 'exception-save' }, 'Lesvrije dag opslaan')));
  form.addEventListener('submit', (ev) => saveException(ev, form, g));
  box.append(form);
}

async function saveException(ev, form, g) {
  ev.preventDefault();
  clearErrors(form);
  clear($('#exception-errors'));
  clear($('#exception-message'));
  const body = {
    from_date: form.elements.namedItem('from_date').value,
    reason: form.elements.namedItem('reason').value.trim(),
  };
  const to = form.elements.namedItem('to_date').value;
  if (to) body.to_date = to;
  const btn = $('#exception-save');
  btn.disabled = true;
  try {
    const res = await post(`/api/class-groups/${g.id}/exceptions`, body);
    const updated = res && res.id ? res : await get(`/api/class-groups/${g.id}`);
    if (!Array.isArray(updated.enrolments) && Array.isArray(g.enrolments)) updated.enrolments = g.enrolments;
    ctx.group = updated;
    renderGroup(updated);
    const days = body.to_date && body.to_date !== body.from_date
      ? `van ${formatDate(body.from_date)} tot en met ${formatDate(body.to_date)}` : `op ${formatDate(body.from_date)}`;
    showMessage($('#exception-message'), 'ok', `Groep ${g.name} heeft ${days} geen les (${body.reason}).`);
    const box = $('#exception-message .utrecht-alert');
    if (box) { box.setAttribute('tabindex', '-1'); box.focus(); }
  } catch (err) {
    showSubmitError(form, $('#exception-errors'), err, {
      title: 'De lesvrije dag is niet opgeslagen', labels: FIELD_LABELS, reason: reasonLessons, describe: describeError,
    });
  } finally {
    const b = $('#exception-save');
    if (b) b.disabled = false;
  }
}

// ---------------------------------------------------------------- the group form

// One session: a weekday, a start and an end time, and a button to remove it.
function sessionRow(i, s, count) {
  const id = `s-${i}`;
  const n = i + 1;
  return h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-session-row', id, dataset: { field: `sessions[${i}]` },
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small', text: `Les ${n}` }),
  h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: `${id}-error`, hidden: true }),
  h('div', { class: 'meedoen-session-row__fields' },
    selectField({
      id: `${id}-weekday`, name: `sessions[${i}].weekday`, label: 'Weekdag', required: true, emptyLabel: 'Kies een dag',
      options: DAYS.map(([value, label]) => ({ value, label })), value: s.weekday || '',
    }),
    inputField({ id: `${id}-start_time`, name: `sessions[${i}].start_time`, label: 'Begintijd', type: 'time', required: true, value: s.start_time || '' }),
    inputField({ id: `${id}-end_time`, name: `sessions[${i}].end_time`, label: 'Eindtijd', type: 'time', required: true, value: s.end_time || '' }),
    h('div', { class: 'meedoen-session-row__remove' },
      h('button', {
        class: 'utrecht-button utrecht-button--subtle meedoen-small-button', type: 'button', id: `${id}-remove`,
        disabled: count <= 1,
        onclick: () => removeSession(i),
      }, `Les ${n} verwijderen`))));
}

function readSessions() {
  const form = $('#group-form');
  const rows = [...form.querySelectorAll('.meedoen-session-row')];
  return rows.map((_, i) => ({
    weekday: form.elements.namedItem(`sessions[${i}].weekday`).value,
    start_time: form.elements.namedItem(`sessions[${i}].start_time`).value,
    end_time: form.elements.namedItem(`sessions[${i}].end_time`).value,
  }));
}

function renderSessions(sessions, focusIndex = null, focusWhat = 'weekday') {
  const box = $('#sessions-rows');
  clear(box);
  sessions.forEach((s, i) => box.append(sessionRow(i, s, sessions.length)));
  $('#sessions-count').textContent = `${sessions.length} ${sessions.length === 1 ? 'les' : 'lessen'} per week`;
  if (focusIndex !== null) {
    const el = focusWhat === 'add' ? $('#session-add') : $(`#s-${focusIndex}-${focusWhat}`);
    if (el) el.focus();
  }
}

function addSession() {
  const sessions = readSessions();
  const last = sessions.at(-1) || {};
  sessions.push({ weekday: '', start_time: last.start_time || '', end_time: last.end_time || '' });
  renderSessions(sessions, sessions.length - 1, 'weekday');
}

function removeSession(i) {
  const sessions = readSessions();
  if (sessions.length <= 1) return;
  sessions.splice(i, 1);
  renderSessions(sessions, sessions.length ? Math.min(i, sessions.length - 1) : null, sessions.length > 1 ? 'remove' : 'add');
}

function renderGroupForm(g) {
  const box = $('#group-form-fields');
  clear(box);
  const fields = [];
  if (!g && ctx.user.role !== 'language_provider') {
    fields.push(selectField({
      id: 'g-organisation_id', name: 'organisation_id', label: FIELD_LABELS.organisation_id, required: true, emptyLabel: 'Kies een taalaanbieder',
      options: providers().map((o) => ({ value: String(o.id), label: o.name })),
      value: currentFilters().organisation || (providers().length === 1 ? String(providers()[0].id) : ''),
    }));
  }
  fields.push(
    inputField({ id: 'g-name', name: 'name', label: FIELD_LABELS.name, required: true, maxlength: 100, autocomplete: 'off', value: g?.name, hint: 'Bijvoorbeeld: A2 ochtendgroep.' }),
    inputField({ id: 'g-level', name: 'level', label: FIELD_LABELS.level, maxlength: 20, autocomplete: 'off', value: g?.level, hint: 'Bijvoorbeeld A1 of A2.' }),
    inputField({ id: 'g-location', name: 'location', label: FIELD_LABELS.location, maxlength: 200, autocomplete: 'off', value: g?.location }),
    inputField({ id: 'g-start_date', name: 'start_date', label: FIELD_LABELS.start_date, type: 'date', required: true, value: g?.start_date || today() }),
    inputField({ id: 'g-end_date', name: 'end_date', label: FIELD_LABELS.end_date, type: 'date', required: true, value: g?.end_date }),
  );
  box.append(h('div', { class: 'meedoen-grid-2' }, fields),
    h('fieldset', {
      class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-offer-group', id: 'g-sessions', dataset: { field: 'sessions' },
      'aria-describedby': 'g-sessions-hint',
    },
    h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend', text: 'Lessen per week' }),
    h('div', { class: 'utrecht-form-field-description', id: 'g-sessions-hint', text: 'Elke les komt elke week terug op dezelfde dag en tijd. Uit de tijden volgen de dagdelen die de les inneemt.' }),
    h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: 'g-sessions-error', hidden: true }),
    h('p', { class: 'utrecht-paragraph meedoen-muted', id: 'sessions-count', role: 'status', 'aria-live': 'polite' }),
    h('div', { id: 'sessions-rows' }),
    h('div', { class: 'utrecht-button-group' },
      h('button', { class: 'utrecht-button utrecht-button--secondary-action', type: 'button', id: 'session-add', onclick: addSession }, 'Les toevoegen'))));
  const sessions = g && Array.isArray(g.sessions) && g.sessions.length
    ? g.sessions.map((s) => ({ weekday: s.weekday, start_time: (s.start_time || '').slice(0, 5), end_time: (s.end_time || '').slice(0, 5) }))
    : [{ weekday: '', start_time: '', end_time: '' }];
  renderSessions(sessions);
}

function startEdit(g) {
  ctx.editing = g;
  clear($('#group-form-message'));
  clear($('#group-form-errors'));
  $('#lesgroep-maken-title').textContent = `Lesgroep ${g.name} wijzigen`;
  $('#group-save').textContent = 'Wijzigingen opslaan';
  $('#group-cancel').hidden = false;
  renderGroupForm(g);
  $('#lesgroep-maken').hidden = false;
  $('#lesgroep-maken-title').focus();
}

function stopEdit() {
  ctx.editing = null;
  $('#lesgroep-maken-title').textContent = 'Nieuwe lesgroep';
  $('#group-save').textContent = 'Lesgroep opslaan';
  $('#group-cancel').hidden = true;
  clear($('#group-form-errors'));
  renderGroupForm(null);
}

async function saveGroup(ev) {
  ev.preventDefault();
  const form = $('#group-form');
  clearErrors(form);
  clear($('#group-form-errors'));
  clear($('#group-form-message'));
  const val = (name) => form.elements.namedItem(name)?.value.trim() ?? '';
  const body = {
    name: val('name'),
    level: val('level') || null,
    location: val('location') || null,
    start_date: val('start_date') || null,
    end_date: val('end_date') || null,
    sessions: readSessions(),
  };
  const editing = ctx.editing;
  if (!editing && form.elements.namedItem('organisation_id')) {
    const org = val('organisation_id');
    body.organisation_id = org ? Number(org) : null;
  }
  const btn = $('#group-save');
  btn.disabled = true;
  try {
    const saved = editing ? await patch(`/api/class-groups/${editing.id}`, body) : await post('/api/class-groups', body);
    const name = saved?.name || body.name;
    const parts = dayPartsText(saved?.day_parts);
    if (editing) stopEdit(); else renderGroupForm(null);
    await loadGroups();
    if (saved?.id) {
      history.replaceState(null, '', groupHref(saved.id));
      await showGroup(saved.id);
    }
    showMessage($('#group-form-message'), 'ok',
      `Lesgroep ${name} is ${editing ? 'gewijzigd' : 'opgeslagen'}.${parts ? ` De lessen nemen deze dagdelen in: ${parts}.` : ''}`);
    const box = $('#group-form-message .utrecht-alert');
    if (box) { box.setAttribute('tabindex', '-1'); box.focus(); }
  } catch (err) {
    let e = err;
    // A refused name (409) belongs beside the name.
    if (err instanceof ApiError && err.status === 409 && !err.errors.length) {
      e = Object.assign(Object.create(Object.getPrototypeOf(err)), err, { errors: [{ field: 'name', reason: err.body?.detail || 'exists already' }] });
    }
    showSubmitError(form, $('#group-form-errors'), e, {
      title: editing ? 'De lesgroep is niet gewijzigd' : 'De lesgroep is niet opgeslagen',
      labels: LABEL_PROXY, reason: reasonLessons, describe: describeError,
      intro: e instanceof ApiError && e.errors.length ? 'Er is niets opgeslagen. Verbeter het volgende:' : null,
    });
  } finally {
    btn.disabled = false;
  }
}

// ---------------------------------------------------------------- page

function fillFilters() {
  const f = currentFilters();
  const sel = $('#organisation');
  if (ctx.user.role === 'language_provider') {
    $('#organisation-filter').hidden = true;
  } else {
    for (const o of providers()) sel.append(h('option', { value: String(o.id), text: o.name }));
    sel.value = f.organisation;
  }
  $('#include_inactive').checked = f.include_inactive === '1';
}

async function main() {
  ctx.user = await initPage('timetables');
  ctx.manage = TIMETABLE_MANAGERS.has(ctx.user.role);
  const orgData = await get('/api/organisations').catch(() => ({ items: [] }));
  ctx.orgs = Array.isArray(orgData?.items) ? orgData.items : [];
  fillFilters();
  if (!(await loadGroups())) return;
  if (ctx.manage) {
    $('#jump-links').hidden = false;
    renderGroupForm(null);
    $('#lesgroep-maken').hidden = false;
    $('#group-form').addEventListener('submit', saveGroup);
    $('#group-cancel').addEventListener('click', () => {
      const g = ctx.editing;
      stopEdit();
      if (g) $('#group-edit')?.focus();
    });
    $('#rooster-importeren').hidden = false;
    csvImport($('#timetable-import'), {
      id: 'timetable', path: '/api/import/timetable', title: 'Lesrooster importeren',
      fileLabel: 'Lesrooster (CSV)', fileHint: 'Een .csv-bestand met een kopregel, één les per regel.',
      partialLabel: 'Alleen de goede lesgroepen importeren', reason: reasonLessons,
      onDone: () => loadGroups(),
    });
  }
  const gid = groupParam();
  if (gid) await showGroup(gid, { focus: location.hash === '#groep' });
}

main().finally(() => { document.body.dataset.ready = 'true'; });
