// placement.js - one placement (GET /api/placements/:id): what it is, what
// it asks and offers, who is placed there, and attendance on the work
// floor for one day. The employer and the department assistant mark each
// person present, late or absent (with or without a reason) and save the
// whole day at once (POST /api/placements/:id/attendance); the marks
// already recorded for that day are shown and filled in. Made for a
// tablet on the work floor: large choices that work with the keyboard.
import { get, post, query, describeError, ApiError } from './api.js';
import {
  h, $, clear, table, dataList, showMessage, inputField, showSubmitError, clearErrors,
} from './dom.js';
import { initPage, intParam, CAN } from './nav.js';
import { loadCodes, codeLabel } from './codes.js';
import { capitalise, formatDate, today, reasonNl, othersText, PHASE_KIND_LABELS } from './labels.js';
import { occupancy, DAYS, PARTS } from './workfloor.js';


// Attendance statuses in the order of the choices; labels from GET /api/codes
// (attendance_status) when it has them.
const STATUSES = [
  ['present', 'aanwezig'], ['late', 'te laat'], ['absent_excused', 'afwezig met reden'], ['absent_unexcused', 'afwezig zonder reden'],
];

// Roles that may write someone's work-floor data (assessments) and so
// record attendance; the server decides per person.
const RECORDERS = new Set(['case_manager', 'youth_consultant', 'project_leader', 'job_coach', 'department_assistant', 'employer']);

const ATTENDANCE_LABELS = { day: 'Datum', items: 'Deelnemers', participant_id: 'Deelnemer', status: 'Status', note: 'Toelichting' };

const REASONS = [
  [/^participant (\d+) is not placed here$/, (m) => `deelnemer ${m[1]} is niet op deze plaats geplaatst`],
  [/^must be a non-empty list of \{participant_id, status\}$/, () => 'kies voor minstens één deelnemer of die er was'],
  [/^entry (\d+) must be an object$/, (m) => `regel ${m[1]} is niet goed doorgegeven`],
  [/^a (.+) may not record attendance of participant (\d+)$/, (m) => `u mag de aanwezigheid van deelnemer ${m[2]} niet vastleggen`],
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

function yesNo(v) {
  return v ? 'ja' : 'nee';
}

function period(from, to) {
  if (!from && !to) return 'doorlopend';
  if (from && !to) return `vanaf ${formatDate(from)}`;
  if (!from && to) return `tot en met ${formatDate(to)}`;
  return `${formatDate(from)} tot en met ${formatDate(to)}`;
}

// "maandag ochtend en middag; dinsdag ochtend" from ["mon_morning", …].
function dayPartsText(parts) {
  const set = new Set(Array.isArray(parts) ? parts : []);
  const out = [];
  for (const [day, dayLabel] of DAYS) {
    const these = PARTS.filter(([p]) => set.has(`${day}_${p}`)).map(([, l]) => l);
    if (these.length) out.push(`${dayLabel} ${these.length > 1 ? `${these.slice(0, -1).join(', ')} en ${these.at(-1)}` : these[0]}`);
  }
  return out.length ? out.join('; ') : muted('niet opgegeven');
}

function personName(p) {
  if (p && !p.hidden && (p.family_name || p.given_names)) return [p.given_names, p.family_name].filter(Boolean).join(' ');
  return `Deelnemer ${p.participant_id}`;
}

function focusMessage(container) {
  const box = container.querySelector('.utrecht-alert');
  if (!box) return;
  box.setAttribute('tabindex', '-1');
  box.focus();
}

// ---------------------------------------------------------------- state

const ctx = { id: null, user: null, codes: {}, placement: null, marks: [] };

function statusLabel(code) {
  const fromCodes = codeLabel(ctx.codes, 'attendance_status', code);
  if (fromCodes && fromCodes !== code) return fromCodes;
  return (STATUSES.find(([c]) => c === code) || [code, code])[1];
}

// ---------------------------------------------------------------- details

function renderDetails(pl) {
  const view = $('#details-view');
  clear(view);
  const orgLink = pl.organisation_type === 'employer' && ctx.user.role !== 'employer'
    ? h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/employer.html?id=${encodeURIComponent(pl.organisation_id)}` }, pl.organisation_name)
    : pl.organisation_name;
  const isco = pl.isco_code
    ? [pl.isco_code, ' ', muted(`(${codeLabel(ctx.codes, 'isco', pl.isco_code.slice(0, 2))})`)]
    : muted('niet opgegeven');
  view.append(h('div', { class: 'meedoen-facts' }, dataList([
    ['Organisatie', orgLink || ''],
    ['Soort plaats', capitalise(pl.kind_label || codeLabel(ctx.codes, 'placement_kind', pl.kind))],
    ['Sector', capitalise(pl.sector_label || codeLabel(ctx.codes, 'sector', pl.sector) || '')],
    ['Beroep (ISCO-08)', isco],
    ['Locatie', pl.location || muted('niet opgegeven')],
    ['Periode', period(pl.start_date, pl.end_date)],
    ['Uren per week', pl.hours_per_week ?? muted('niet opgegeven')],
    ['Dagdelen', dayPartsText(pl.day_parts)],
    ['Hele dagen nodig', yesNo(pl.full_days)],
    ['Begeleider op de werkvloer', pl.supervisor_name || muted('niet opgegeven')],
    ['Status', pl.active === false ? 'niet meer aangeboden' : 'aangeboden'],
  ])));
}

function renderRequirements(pl) {
  const req = $('#requirements-view');
  clear(req);
  const licences = Array.isArray(pl.licences) ? pl.licences : [];
  req.append(h('div', { class: 'meedoen-facts' }, dataList([
    ['Taalniveau spreken', pl.min_cefr_speaking ? `minimaal ${pl.min_cefr_speaking}` : muted('geen eis')],
    ['Taalniveau luisteren', pl.min_cefr_listening ? `minimaal ${pl.min_cefr_listening}` : muted('geen eis')],
    ['Opleidingsniveau', pl.min_isced !== null && pl.min_isced !== undefined
      ? `minimaal ISCED ${pl.min_isced} (${codeLabel(ctx.codes, 'isced', String(pl.min_isced))})` : muted('geen eis')],
    ['Certificaten en rijbewijzen', licences.length ? licences.map((l) => codeLabel(ctx.codes, 'licences', l)).join(', ') : muted('geen eis')],
    ['Lichamelijke belasting', pl.physical_load ? capitalise(codeLabel(ctx.codes, 'physical_load', pl.physical_load)) : muted('niet opgegeven')],
    ['Veiligheidsschoenen', pl.safety_shoes ? 'nodig' : 'niet nodig'],
  ])));
  const offers = $('#offers-view');
  clear(offers);
  offers.append(h('div', { class: 'meedoen-facts' }, dataList([
    ['Begeleiding op de werkvloer', yesNo(pl.offers_floor_guidance)],
    ['Taal op de werkplek', yesNo(pl.offers_language_at_work)],
    ['Zicht op een contract', yesNo(pl.offers_contract)],
  ])));
}

function occupantsOf(pl) {
  return Array.isArray(pl.occupants) ? pl.occupants : [];
}

function renderOccupants(pl) {
  const occView = $('#occupancy-view');
  clear(occView);
  occView.append(h('p', { class: 'utrecht-paragraph' }, 'Bezet: ', occupancy(pl.occupancy, pl.capacity),
    pl.free > 0 ? muted(` · ${pl.free} ${pl.free === 1 ? 'plek' : 'plekken'} vrij`) : null));
  const list = $('#occupants-list');
  clear(list);
  const occ = occupantsOf(pl);
  const others = othersText(pl.occupants_others);
  if (others) list.append(h('p', { class: 'utrecht-paragraph meedoen-muted meedoen-others', text: others }));
  if (!occ.length) {
    if (!others) list.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Er is nog niemand op deze plaats geplaatst.' }));
    return;
  }
  list.append(table({
    caption: 'Geplaatste deelnemers',
    columns: [{ label: 'Naam' }, { label: 'Sinds' }, { label: 'Fase' }, { label: 'Gepland tot' }],
    rows: occ.map((o) => [
      o.hidden
        ? [personName(o), h('span', { class: 'meedoen-restricted', text: ' (naam afgeschermd)' })]
        : (ctx.user.role === 'employer' ? personName(o)
          : h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/dossier.html?id=${encodeURIComponent(o.participant_id)}` }, personName(o))),
      formatDate(o.start_date),
      PHASE_KIND_LABELS[o.kind] || o.kind || '',
      o.planned_end ? formatDate(o.planned_end) : muted('open'),
    ]),
    className: 'meedoen-occupants',
  }));
}

// ---------------------------------------------------------------- attendance

function canRecord() {
  return RECORDERS.has(ctx.user.role) && occupantsOf(ctx.placement).length > 0;
}

// One person's choice: four large radio buttons and a short note.
function personChoice(o) {
  const pid = o.participant_id;
  const legendId = `a-person-${pid}`;
  return h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-attendance-person',
    dataset: { participant: String(pid) },
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-attendance-person__name', id: legendId },
    personName(o), o.hidden ? h('span', { class: 'meedoen-restricted', text: ' (naam afgeschermd)' }) : null),
  h('div', { class: 'meedoen-choices' },
    STATUSES.map(([code]) => h('label', { class: `meedoen-choice meedoen-choice--${code}` },
      h('input', { type: 'radio', class: 'utrecht-radio-button utrecht-radio-button--html-input', name: `status-${pid}`, value: code }),
      h('span', { class: 'meedoen-choice__text', text: statusLabel(code) })))),
  h('div', { class: 'utrecht-form-field meedoen-attendance-note' },
    h('div', { class: 'utrecht-form-field__label' },
      h('label', { class: 'utrecht-form-label', for: `a-note-${pid}` }, 'Toelichting ', h('span', { class: 'meedoen-visually-hidden', text: `bij ${personName(o)} ` }), h('span', { class: 'meedoen-required', text: '(niet verplicht)' }))),
    h('div', { class: 'utrecht-form-field__input' },
      h('input', { class: 'utrecht-textbox utrecht-textbox--html-input', type: 'text', id: `a-note-${pid}`, name: `note-${pid}`, maxlength: 500, autocomplete: 'off' }))));
}

function fillMarks(form) {
  const byPid = new Map(ctx.marks.map((m) => [String(m.participant_id), m]));
  for (const o of occupantsOf(ctx.placement)) {
    const m = byPid.get(String(o.participant_id));
    for (const r of form.querySelectorAll(`input[name="status-${o.participant_id}"]`)) r.checked = Boolean(m && r.value === m.status);
    const note = form.elements.namedItem(`note-${o.participant_id}`);
    if (note) note.value = m?.note || '';
  }
}

function renderRecorded(day) {
  const box = $('#attendance-recorded');
  clear(box);
  const status = $('#attendance-status');
  const n = ctx.marks.length;
  const text = n === 0
    ? `Voor ${formatDate(day)} is nog niets vastgelegd.`
    : `Voor ${formatDate(day)} ${n === 1 ? 'is 1 deelnemer' : `zijn ${n} deelnemers`} vastgelegd.`;
  if (status) status.textContent = text;
  if (!n) {
    if (!status) box.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text }));
    return;
  }
  box.append(table({
    caption: `Vastgelegd voor ${formatDate(day)}`,
    columns: [{ label: 'Deelnemer' }, { label: 'Status' }, { label: 'Toelichting' }, { label: 'Vastgelegd op' }],
    rows: ctx.marks.map((m) => [personName(m), statusLabel(m.status), m.note || '', formatDate(m.recorded_at)]),
    className: 'meedoen-attendance-recorded',
  }));
}

async function loadMarks(day) {
  try {
    const data = await get(`/api/placements/${ctx.id}/attendance${query({ from: day, to: day })}`);
    ctx.marks = (Array.isArray(data?.items) ? data.items : []).filter((m) => !m.day || m.day === day);
    return true;
  } catch (err) {
    ctx.marks = [];
    showMessage($('#attendance-message'), 'error', `De aanwezigheid kon niet worden geladen. ${describeError(err)}`);
    return false;
  }
}

async function showDay(day, form) {
  clear($('#attendance-message'));
  await loadMarks(day);
  if (form) fillMarks(form);
  renderRecorded(day);
}

function renderAttendance() {
  const box = $('#attendance-form-box');
  clear(box);
  const day = today();
  if (!canRecord()) {
    box.append(h('p', { class: 'utrecht-paragraph', id: 'attendance-status', role: 'status' }));
    if (!occupantsOf(ctx.placement).length) {
      box.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Er is niemand geplaatst; er is geen aanwezigheid bij te houden.' }));
    }
    return showDay(day, null);
  }
  const people = occupantsOf(ctx.placement);
  const form = h('form', { class: 'utrecht-form meedoen-attendance', id: 'attendance-form', novalidate: true, 'aria-labelledby': 'aanwezigheid-title' },
    h('div', { class: 'meedoen-form-errors', id: 'attendance-form-errors' }),
    inputField({ id: 'a-day', name: 'day', label: ATTENDANCE_LABELS.day, type: 'date', value: day, max: day, required: true }),
    h('p', { class: 'utrecht-paragraph meedoen-attendance-status', id: 'attendance-status', role: 'status', 'aria-live': 'polite' }),
    h('fieldset', {
      class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner', id: 'a-items', dataset: { field: 'items' },
    },
    h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small', text: 'Wie was er?' }),
    h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: 'a-items-error', hidden: true }),
    people.map(personChoice)),
    h('div', { class: 'utrecht-button-group meedoen-actions meedoen-attendance-actions' },
      h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', id: 'attendance-save', text: 'Aanwezigheid opslaan' }),
      people.length > 1 ? h('button', {
        class: 'utrecht-button utrecht-button--secondary-action', type: 'button', id: 'attendance-all-present', text: 'Iedereen zonder keuze op aanwezig',
        onclick: () => {
          for (const o of people) {
            const group = [...form.querySelectorAll(`input[name="status-${o.participant_id}"]`)];
            if (!group.some((r) => r.checked)) group.find((r) => r.value === 'present').checked = true;
          }
        },
      }) : null));
  const dayInput = form.elements.namedItem('day');
  dayInput.addEventListener('change', () => {
    if (/^\d{4}-\d{2}-\d{2}$/.test(dayInput.value)) showDay(dayInput.value, form);
  });
  form.addEventListener('submit', (ev) => saveAttendance(ev, form));
  box.append(form);
  return showDay(day, form);
}

async function saveAttendance(ev, form) {
  ev.preventDefault();
  const errorsEl = $('#attendance-form-errors');
  clearErrors(form);
  clear(errorsEl);
  clear($('#attendance-message'));
  const day = form.elements.namedItem('day').value;
  const items = [];
  for (const o of occupantsOf(ctx.placement)) {
    const checked = form.querySelector(`input[name="status-${o.participant_id}"]:checked`);
    if (!checked) continue;
    const it = { participant_id: o.participant_id, status: checked.value };
    const note = form.elements.namedItem(`note-${o.participant_id}`).value.trim();
    if (note) it.note = note;
    items.push(it);
  }
  const btn = $('#attendance-save');
  btn.disabled = true;
  try {
    const res = await post(`/api/placements/${ctx.id}/attendance`, { day, items });
    ctx.marks = (Array.isArray(res?.items) ? res.items : []).filter((m) => !m.day || m.day === day);
    fillMarks(form);
    renderRecorded(day);
    const missing = occupantsOf(ctx.placement).length - items.length;
    showMessage($('#attendance-message'), 'ok',
      `De aanwezigheid van ${formatDate(day)} is opgeslagen voor ${items.length === 1 ? '1 deelnemer' : `${items.length} deelnemers`}.${missing > 0 ? ` Voor ${missing === 1 ? '1 deelnemer' : `${missing} deelnemers`} is niets gekozen.` : ''}`);
    focusMessage($('#attendance-message'));
  } catch (err) {
    // Errors about one item belong to the list of people; a refusal (403)
    // is said in the summary.
    const mapped = err instanceof ApiError
      ? Object.assign(Object.create(Object.getPrototypeOf(err)), err, {
        errors: err.errors.map((x) => ({ ...x, field: ['participant_id', 'status', 'note'].includes(x.field) ? 'items' : x.field })),
      })
      : err;
    let describe = describeError;
    if (err instanceof ApiError && err.status === 403) {
      describe = () => `${capitalise(reasonWork(err.body?.detail || ''))}. Er is niets vastgelegd.`;
    }
    showSubmitError(form, errorsEl, mapped, {
      title: 'De aanwezigheid is niet opgeslagen', labels: ATTENDANCE_LABELS, reason: reasonWork, describe,
      intro: err instanceof ApiError && err.errors.length ? 'Er is niets vastgelegd. Verbeter het volgende:' : null,
    });
  } finally {
    btn.disabled = false;
  }
}

// ---------------------------------------------------------------- page

async function main() {
  ctx.user = await initPage('placements');
  ctx.id = intParam('id');
  if (!ctx.id) {
    showMessage($('#placement-message'), 'error', 'Er is geen plaats gekozen. Kies een plaats in de lijst.');
    return;
  }
  ctx.codes = await loadCodes();
  let pl;
  try {
    pl = await get(`/api/placements/${ctx.id}`);
  } catch (err) {
    let type = 'error';
    let text = `De plaats kon niet worden geladen. ${describeError(err)}`;
    if (err instanceof ApiError && err.status === 403) {
      type = 'warning';
      text = ctx.user.role === 'employer'
        ? 'U ziet alleen de plaatsen van uw eigen organisatie. Deze plaats kunt u niet openen.'
        : 'U mag deze plaats niet inzien.';
    } else if (err instanceof ApiError && err.status === 404) {
      type = 'warning';
      text = 'Deze plaats bestaat niet.';
    }
    $('#placement-title').textContent = 'Plaats niet beschikbaar';
    showMessage($('#placement-message'), type, text);
    return;
  }
  ctx.placement = pl;
  document.title = `${pl.title} – meedoen`;
  $('#placement-title').textContent = pl.title;
  $('#placement-subtitle').textContent = [pl.organisation_name, capitalise(pl.kind_label || ''), pl.location].filter(Boolean).join(' · ');
  // Those who record attendance find it first; others read the place first.
  if (!canRecord()) {
    const main = $('#main .utrecht-page-body__content');
    main.append($('#aanwezigheid'));
    const toc = $('#placement-toc ul');
    toc.append(toc.firstElementChild);
  }
  for (const id of ['placement-toc', 'aanwezigheid', 'deelnemers', 'gegevens', 'eisen']) $(`#${id}`).hidden = false;
  renderOccupants(pl);
  renderDetails(pl);
  renderRequirements(pl);
  await renderAttendance();
  if (CAN.manageEmployers.has(ctx.user.role) && pl.organisation_type === 'employer') {
    $('.meedoen-back').append(' · ',
      h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/employer.html?id=${encodeURIComponent(pl.organisation_id)}` }, `Naar ${pl.organisation_name}`));
  }
}

main().finally(() => { document.body.dataset.ready = 'true'; });
