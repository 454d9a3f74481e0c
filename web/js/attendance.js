// attendance.js - class attendance (lesaanwezigheid) for one class group on
// one day with a class (GET/PUT /api/class-groups/:id/attendance). The
// language provider chooses a group and a day (by default the latest day
// with a class, today when there is one), sees everyone enrolled that day
// (or "naam verborgen" where the name may not be shown), marks each person
// present, absent with a reason or absent without one, and saves the whole
// day at once; nothing is stored when one mark is refused. Attendance can
// also be read in from a CSV file (POST /api/import/class-attendance).
import { get, put, query, describeError, ApiError } from './api.js';
import {
  h, $, clear, showMessage, setFieldError, clearErrors, showErrorSummary, controlOf,
} from './dom.js';
import { initPage } from './nav.js';
import { today, othersText } from './labels.js';
import { csvImport } from './csv-report.js';
import {
  TIMETABLE_MANAGERS, capitalise, formatDate, sessionText, hasClassOn, lastClassDay, addDays, weekdayOf,
  DAY_LABEL, personName, reasonLessons,
} from './lessons.js';

const STATUSES = [
  ['present', 'aanwezig'], ['absent_excused', 'afwezig met reden'], ['absent_unexcused', 'afwezig zonder reden'],
];
const STATUS_LABEL = Object.fromEntries(STATUSES);

// How far back the day list reaches.
const DAY_LIST_WEEKS = 12;

const ctx = { user: null, groups: [], group: null, day: null, data: null, sent: [] };

function nameOf(p) {
  return personName(p) || `naam verborgen (deelnemer ${p.participant_id})`;
}

function dayText(iso) {
  return `${DAY_LABEL[weekdayOf(iso)] || ''} ${formatDate(iso)}`.trim();
}

function params() {
  const sp = new URLSearchParams(location.search);
  const g = sp.get('group');
  const d = sp.get('day');
  return {
    group: g && /^\d+$/.test(g) ? Number(g) : null,
    day: d && /^\d{4}-\d{2}-\d{2}$/.test(d) ? d : null,
  };
}

// ---------------------------------------------------------------- choosing

// The days of the group with a class, newest first, from today back.
function classDays(group) {
  const out = [];
  let d = lastClassDay(group, today());
  const stop = addDays(today(), -7 * DAY_LIST_WEEKS);
  while (d && d >= stop) {
    out.push(d);
    d = lastClassDay(group, addDays(d, -1));
  }
  return out;
}

function fillDays(group, chosen) {
  const sel = $('#day');
  clear(sel);
  if (!group) {
    sel.append(h('option', { value: '', text: 'Kies eerst een lesgroep' }));
    sel.disabled = true;
    return null;
  }
  sel.disabled = false;
  const days = classDays(group);
  if (chosen && hasClassOn(group, chosen) && chosen <= today() && !days.includes(chosen)) {
    days.push(chosen);
    days.sort().reverse();
  }
  if (!days.length) {
    sel.append(h('option', { value: '', text: 'Geen lesdagen tot en met vandaag' }));
    return null;
  }
  for (const d of days) sel.append(h('option', { value: d, text: `${d === today() ? 'vandaag, ' : ''}${dayText(d)}` }));
  const value = chosen && days.includes(chosen) ? chosen : days[0];
  sel.value = value;
  return value;
}

function fillGroups(chosen) {
  const sel = $('#group');
  for (const g of ctx.groups) {
    const who = ctx.user.role === 'language_provider' ? '' : ` – ${g.organisation_name || ''}`;
    sel.append(h('option', { value: String(g.id), text: `${g.name}${who}` }));
  }
  if (chosen) sel.value = String(chosen);
  sel.addEventListener('change', () => {
    const g = ctx.groups.find((x) => String(x.id) === sel.value) || null;
    fillDays(g, null);
  });
}

// ---------------------------------------------------------------- marking

function personChoice(item) {
  const pid = item.participant_id;
  const name = nameOf(item);
  const reasonId = `reason-${pid}`;
  return h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-attendance-person', id: `person-${pid}`,
    dataset: { field: `person-${pid}`, participant: String(pid) },
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-attendance-person__name' },
    personName(item) ? name : h('span', { class: 'meedoen-restricted', text: name })),
  h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: `person-${pid}-error`, hidden: true }),
  h('div', { class: 'meedoen-choices' },
    STATUSES.map(([code, label]) => h('label', { class: `meedoen-choice meedoen-choice--${code}` },
      h('input', {
        type: 'radio', class: 'utrecht-radio-button utrecht-radio-button--html-input', name: `status-${pid}`, value: code,
        checked: item.status === code,
      }),
      h('span', { class: 'meedoen-choice__text', text: label })))),
  h('div', { class: 'utrecht-form-field meedoen-attendance-note', dataset: { field: `reason-${pid}` } },
    h('div', { class: 'utrecht-form-field__label' },
      h('label', { class: 'utrecht-form-label', for: reasonId }, 'Reden van afwezigheid',
        h('span', { class: 'meedoen-visually-hidden', text: ` van ${name}` }),
        h('span', { class: 'meedoen-required', text: ' (verplicht bij afwezig met reden)' }))),
    h('div', { class: 'utrecht-form-field__error-message utrecht-form-field-error-message', id: `${reasonId}-error`, hidden: true }),
    h('div', { class: 'utrecht-form-field__input' },
      h('input', {
        class: 'utrecht-textbox utrecht-textbox--html-input', type: 'text', id: reasonId, name: reasonId, maxlength: 500,
        autocomplete: 'off', value: item.reason || '',
      }))));
}

function recordedText(items) {
  const done = items.filter((i) => i.status).length;
  if (!items.length) return 'Op deze dag is niemand ingeschreven in deze groep.';
  if (!done) return `Voor ${dayText(ctx.day)} is nog niets vastgelegd.`;
  return `Voor ${dayText(ctx.day)} is de aanwezigheid van ${done} van ${items.length} ${items.length === 1 ? 'deelnemer' : 'deelnemers'} vastgelegd.`;
}

function renderAttendance() {
  const data = ctx.data;
  const items = Array.isArray(data?.items) ? data.items : [];
  $('#aanwezigheid-title').textContent = `Aanwezigheid ${ctx.group.name}, ${dayText(ctx.day)}`;
  // The sessions on this day's weekday (the answer may hold all of them).
  const wd = weekdayOf(ctx.day);
  const all = Array.isArray(data?.sessions) ? data.sessions : [];
  const sessions = all.some((s) => s.weekday) ? all.filter((s) => s.weekday === wd) : all;
  $('#attendance-sessions').textContent = sessions.length
    ? `${sessions.length === 1 ? 'Les' : 'Lessen'}: ${sessions.map(sessionText).join(', ')}` : '';
  const box = $('#attendance-form-box');
  clear(box);
  const others = othersText(data?.others);
  if (others) box.append(h('p', { class: 'utrecht-paragraph meedoen-muted meedoen-others', text: others }));
  const status = h('p', { class: 'utrecht-paragraph meedoen-attendance-status', id: 'attendance-status', role: 'status', 'aria-live': 'polite', text: recordedText(items) });
  if (!items.length) {
    box.append(status);
    return;
  }
  const form = h('form', { class: 'utrecht-form meedoen-attendance', id: 'attendance-form', novalidate: true, 'aria-labelledby': 'aanwezigheid-title' },
    h('div', { id: 'attendance-form-errors' }),
    status,
    h('div', { class: 'utrecht-button-group meedoen-actions meedoen-attendance-actions' },
      h('button', {
        class: 'utrecht-button utrecht-button--secondary-action', type: 'button', id: 'attendance-all-present',
        'aria-describedby': 'all-present-hint', onclick: () => allPresent(form),
      }, 'Alles aanwezig'),
      h('span', { class: 'meedoen-muted meedoen-attendance-hint', id: 'all-present-hint', text: 'Zet iedereen op aanwezig; pas daarna aan wie er niet was.' })),
    h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner', id: 'a-items' },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small', text: 'Wie was er?' }),
      items.map(personChoice)),
    h('div', { class: 'utrecht-button-group meedoen-actions meedoen-attendance-actions' },
      h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', id: 'attendance-save' }, 'Aanwezigheid opslaan')));
  form.addEventListener('submit', (ev) => save(ev, form));
  box.append(form);
}

function allPresent(form) {
  for (const it of ctx.data.items) {
    const r = form.querySelector(`input[name="status-${it.participant_id}"][value="present"]`);
    if (r) r.checked = true;
  }
  $('#attendance-status').textContent = `Iedereen staat op aanwezig (${ctx.data.items.length}). Nog niet opgeslagen.`;
}

// Map a server field ("items[2].reason") to the element of the person it
// names, using the order of the items sent.
function wrapperFor(form, field) {
  const m = /^items\[(\d+)\](?:\.(\w+))?$/.exec(field || '');
  if (!m) return null;
  const pid = ctx.sent[Number(m[1])]?.participant_id;
  if (pid === undefined) return null;
  return form.querySelector(`[data-field="${m[2] === 'reason' ? `reason-${pid}` : `person-${pid}`}"]`);
}

function labelFor(field) {
  const m = /^items\[(\d+)\](?:\.(\w+))?$/.exec(field || '');
  if (m) {
    const pid = ctx.sent[Number(m[1])]?.participant_id;
    const it = ctx.data.items.find((x) => x.participant_id === pid);
    const who = it ? capitalise(nameOf(it)) : `Regel ${Number(m[1]) + 1}`;
    return m[2] === 'reason' ? `${who}, reden` : who;
  }
  if (field === 'day') return 'Lesdag';
  if (field === 'items') return 'Deelnemers';
  return field || 'Invoer';
}

function showErrors(form, errors, title, intro) {
  const items = errors.map((e) => {
    const w = wrapperFor(form, e.field);
    const text = reasonLessons(e.reason);
    if (w) setFieldError(w, text);
    let target = null;
    if (w) target = w.matches('fieldset') ? w.querySelector('input:checked') || w.querySelector('input') : controlOf(w);
    return { text: `${labelFor(e.field)}: ${text}`, target };
  });
  showErrorSummary($('#attendance-form-errors'), title, items, intro);
}

async function save(ev, form) {
  ev.preventDefault();
  clearErrors(form);
  clear($('#attendance-form-errors'));
  clear($('#attendance-message'));
  const items = [];
  for (const it of ctx.data.items) {
    const pid = it.participant_id;
    const checked = form.querySelector(`input[name="status-${pid}"]:checked`);
    if (!checked) continue;
    const one = { participant_id: pid, status: checked.value };
    const reason = form.elements.namedItem(`reason-${pid}`).value.trim();
    if (reason) one.reason = reason;
    items.push(one);
  }
  ctx.sent = items;
  const title = 'De aanwezigheid is niet opgeslagen';
  if (!items.length) {
    showErrorSummary($('#attendance-form-errors'), title, [], 'Kies voor minstens één deelnemer of die er was.');
    return;
  }
  // The reason is required with "afwezig met reden": say so before sending.
  const missing = items.map((it, i) => ({ it, i })).filter(({ it }) => it.status === 'absent_excused' && !it.reason);
  if (missing.length) {
    showErrors(form, missing.map(({ i }) => ({ field: `items[${i}].reason`, reason: 'vul een reden in bij afwezig met reden' })), title,
      'Er is niets opgeslagen. Verbeter het volgende:');
    return;
  }
  const btn = $('#attendance-save');
  btn.disabled = true;
  try {
    const res = await put(`/api/class-groups/${ctx.group.id}/attendance`, { day: ctx.day, items });
    ctx.data = res && Array.isArray(res.items) ? res : await get(`/api/class-groups/${ctx.group.id}/attendance${query({ day: ctx.day })}`);
    renderAttendance();
    const n = items.length;
    const rest = ctx.data.items.length - n;
    showMessage($('#attendance-message'), 'ok',
      `De aanwezigheid van ${dayText(ctx.day)} is opgeslagen voor ${n === 1 ? '1 deelnemer' : `${n} deelnemers`}.${rest > 0 ? ` Voor ${rest === 1 ? '1 deelnemer' : `${rest} deelnemers`} is niets gekozen.` : ''}`);
    const box = $('#attendance-message .utrecht-alert');
    if (box) { box.setAttribute('tabindex', '-1'); box.focus(); }
  } catch (err) {
    const errors = err instanceof ApiError ? err.errors : [];
    if (errors.length) {
      showErrors(form, errors, title, 'Er is niets opgeslagen. Verbeter het volgende:');
    } else {
      const text = err instanceof ApiError && err.status === 403
        ? 'U mag de aanwezigheid van (een van) deze deelnemers niet vastleggen. Er is niets opgeslagen.' : describeError(err);
      showErrorSummary($('#attendance-form-errors'), title, [], text);
    }
  } finally {
    const b = $('#attendance-save');
    if (b) b.disabled = false;
  }
}

async function loadAttendance() {
  const section = $('#aanwezigheid');
  clear($('#attendance-message'));
  try {
    ctx.data = await get(`/api/class-groups/${ctx.group.id}/attendance${query({ day: ctx.day })}`);
  } catch (err) {
    section.hidden = false;
    clear($('#attendance-form-box'));
    $('#attendance-sessions').textContent = '';
    $('#aanwezigheid-title').textContent = `Aanwezigheid ${ctx.group.name}`;
    const errors = err instanceof ApiError ? err.errors : [];
    const dayError = errors.find((e) => e.field === 'day');
    showMessage($('#attendance-message'), err instanceof ApiError && err.status < 500 ? 'warning' : 'error',
      dayError ? `${dayText(ctx.day)}: ${reasonLessons(dayError.reason)}.`
        : err instanceof ApiError && err.status === 403 ? 'U mag de aanwezigheid van deze groep niet inzien.'
          : `De aanwezigheid kon niet worden geladen. ${describeError(err)}`);
    return;
  }
  section.hidden = false;
  renderAttendance();
}

// ---------------------------------------------------------------- page

async function main() {
  ctx.user = await initPage('attendance');
  const p = params();
  let data;
  try {
    data = await get('/api/class-groups');
  } catch (err) {
    showMessage($('#page-message'), 'error', `De lesgroepen konden niet worden geladen. ${describeError(err)}`);
    return;
  }
  ctx.groups = Array.isArray(data?.items) ? data.items : [];
  fillGroups(p.group);
  if (TIMETABLE_MANAGERS.has(ctx.user.role)) {
    $('#aanwezigheid-importeren').hidden = false;
    csvImport($('#attendance-import'), {
      id: 'attendance-csv', path: '/api/import/class-attendance', title: 'Aanwezigheid importeren',
      fileLabel: 'Aanwezigheid (CSV)', fileHint: 'Een .csv-bestand met een kopregel, één deelnemer per lesdag per regel.',
      partialLabel: 'Alleen de goede regels importeren', reason: reasonLessons,
      onDone: () => (ctx.group && ctx.day ? loadAttendance() : null),
    });
  }
  if (!ctx.groups.length) {
    fillDays(null, null);
    showMessage($('#page-message'), 'info', 'Er zijn geen lesgroepen. Maak eerst een lesgroep bij Lesroosters.');
    return;
  }
  // Without a choice: the only group, or none yet.
  const chosen = ctx.groups.find((g) => g.id === p.group) || (ctx.groups.length === 1 ? ctx.groups[0] : null);
  if (!chosen) {
    fillDays(null, null);
    if (p.group) showMessage($('#page-message'), 'warning', 'Deze lesgroep bestaat niet of u mag hem niet inzien. Kies een andere lesgroep.');
    return;
  }
  $('#group').value = String(chosen.id);
  ctx.group = chosen;
  const day = fillDays(chosen, p.day);
  if (p.day && p.day !== day) {
    const why = p.day > today() ? 'ligt in de toekomst' : 'is geen lesdag van deze groep';
    showMessage($('#page-message'), 'warning', `${capitalise(dayText(p.day))} ${why}.${day ? ` U ziet nu ${dayText(day)}.` : ''}`);
  }
  if (!day) {
    showMessage($('#page-message'), 'info', `Groep ${chosen.name} heeft tot en met vandaag nog geen les gehad.`);
    return;
  }
  ctx.day = day;
  await loadAttendance();
}

main().finally(() => { document.body.dataset.ready = 'true'; });
