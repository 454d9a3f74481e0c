// path.js - the participant's path on the dossier: the timeline of phases
// with the forms to add a phase and to close one, the intake with its
// three-week clock, the participation ladder, the journal of contacts and
// notes, the hand-over from volunteer to welfare and the sheltered-work
// record. A section is shown only when the API lets the user read it.
// Placing someone in a placement is a phase with a placement (placing.js).
import { get, post, patch, put, describeError, ApiError } from './api.js';
import {
  h, $, clear, append, table, dataList, showMessage, inputField, textareaField, selectField, checkboxField,
  radioGroupField, radioValue, clearErrors, showSubmitError, uniqueId,
} from './dom.js';
import { codeOptions } from './codes.js';
import { dayNumber, drawTimeline } from './timeline.js';
import {
  attachPlacementChoice, canHavePlacement, loadPlacements, mayReadPlacements, placementName, placingField, placingReason,
  PLACE_ROLES,
} from './placing.js';
import {
  PHASE_KIND_LABELS, PHASE_TRACK, FIRST_STEP_LABELS, STUDY_CHOICE_LABELS, LADDER_LABELS, JOURNAL_KIND_LABELS,
  SHELTERED_SOURCE_LABELS, SHELTERED_INDICATION_LABELS, SHELTERED_STAGE_LABELS, SHELTERED_STAGE_ORDER,
  HANDOVER_ITEM_LABELS, ALL_CATEGORIES, categoryLabel, capitalise, formatDate, today, labelOf,
} from './labels.js';

const ctx = { id: null, user: null, codes: {}, orgs: [], participant: null, onShow: () => {}, onHide: () => {} };

// ---------------------------------------------------------------- helpers

function base() {
  return `/api/participants/${ctx.id}`;
}

function writable(cat = 'path') {
  return (ctx.participant?.access?.writable || []).includes(cat);
}

function yesNo(v) {
  if (v === null || v === undefined) return notFilled();
  return v ? 'ja' : 'nee';
}

function notFilled() {
  return h('span', { class: 'meedoen-muted', text: 'niet ingevuld' });
}

function orDash(v, fmt = (x) => x) {
  return v === null || v === undefined || v === '' ? '' : fmt(v);
}

function personName(v) {
  if (v === null || v === undefined || v === '') return '';
  if (typeof v !== 'object') return String(v);
  return v.display_name || v.name || v.user_name || v.username || (v.id ? `gebruiker ${v.id}` : '');
}

// Days from a to b (b - a), both YYYY-MM-DD; null when either is missing.
function daysBetween(a, b) {
  const x = dayNumber(a);
  const y = dayNumber(b);
  return x === null || y === null ? null : y - x;
}

function dayWord(n) {
  return n === 1 ? '1 dag' : `${n} dagen`;
}

// A status badge for a due date: late, due today, or how many days left.
export function dueBadge(due, soonDays = 5) {
  const n = daysBetween(today(), due);
  if (n === null) return null;
  if (n < 0) return h('span', { class: 'utrecht-status-badge utrecht-status-badge--danger meedoen-badge', text: `${dayWord(-n)} te laat` });
  if (n === 0) return h('span', { class: 'utrecht-status-badge utrecht-status-badge--warning meedoen-badge', text: 'vandaag' });
  return h('span', {
    class: `utrecht-status-badge ${n <= soonDays ? 'utrecht-status-badge--warning' : 'utrecht-status-badge--neutral'} meedoen-badge`,
    text: `nog ${dayWord(n)}`,
  });
}

function kindLabel(kind) {
  const list = Array.isArray(ctx.codes.phase_kinds) ? ctx.codes.phase_kinds : [];
  const found = list.find((e) => e.code === kind);
  return found?.label || PHASE_KIND_LABELS[kind] || kind;
}

function phaseLabel(p) {
  return p.kind_label || kindLabel(p.kind);
}

function track(p) {
  if (p.track === 'main' || p.track === 'beside' || p.track === 'inside') return p.track;
  return PHASE_TRACK[p.kind] || 'main';
}

// An outcome is free text; the server writes a phase kind's code as the
// outcome of an intake (the first step) or of a registration: show its name.
function outcomeText(outcome) {
  if (!outcome) return '';
  return PHASE_KIND_LABELS[outcome] ? kindLabel(outcome) : outcome;
}

function isOpen(p) {
  return typeof p.open === 'boolean' ? p.open : !p.actual_end;
}

// Load a section's data: null (and the section stays hidden) when the user
// may not read it; the error is shown in the section otherwise.
async function loadInto(sectionId, messageId, path) {
  const section = $(`#${sectionId}`);
  try {
    const data = await get(path);
    section.hidden = false;
    ctx.onShow(sectionId);
    return data;
  } catch (err) {
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) {
      section.hidden = true;
      ctx.onHide(sectionId);
      return null;
    }
    section.hidden = false;
    ctx.onShow(sectionId);
    showMessage($(`#${messageId}`), 'error', `Dit onderdeel kon niet worden geladen. ${describeError(err)}`);
    return null;
  }
}

// A data list of label/value pairs in the path sections.
function facts(pairs) {
  return h('div', { class: 'meedoen-facts' }, dataList(pairs));
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

function submitRow(text, ...more) {
  return h('div', { class: 'utrecht-button-group meedoen-actions' },
    h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', text }), ...more);
}

function valueOf(form, name) {
  const el = form.elements.namedItem(name);
  if (!el) return null;
  const v = typeof el.value === 'string' ? el.value.trim() : el.value;
  return v === '' ? null : v;
}

function intOf(form, name) {
  const el = form.elements.namedItem(name);
  if (!el || el.value === '') return el && el.validity && el.validity.badInput ? 'ongeldig' : null;
  const n = Number(el.value);
  return Number.isInteger(n) ? n : el.value;
}

// Submit a small form: run `send`, show errors beside the fields on failure,
// a message on success. Returns the answer or null.
async function submit(form, send, { title, labels, okMessage, messageEl, fieldMap = null }) {
  const errorsEl = form.querySelector('.meedoen-form-errors');
  clearErrors(form);
  clear(errorsEl);
  if (messageEl) clear(messageEl);
  const buttons = [...form.querySelectorAll('button')];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    const res = (await send()) ?? {};
    // The caller reloads what changed and then calls res.announce().
    Object.defineProperty(res, 'announce', {
      enumerable: false,
      value: () => {
        if (!okMessage || !messageEl) return;
        showMessage(messageEl, 'ok', typeof okMessage === 'function' ? okMessage(res) : okMessage);
        focusMessage(messageEl);
      },
    });
    return res;
  } catch (err) {
    const mapField = typeof fieldMap === 'function' ? fieldMap : (f) => (fieldMap && fieldMap[f]) || f;
    const mapped = err instanceof ApiError && fieldMap
      ? Object.assign(Object.create(Object.getPrototypeOf(err)), err, { errors: err.errors.map((x) => ({ ...x, field: mapField(x.field) })) })
      : err;
    showSubmitError(form, errorsEl, mapped, {
      title, labels, reason: placingReason, describe: describePath,
      intro: err instanceof ApiError && err.errors.length ? 'Er is niets vastgelegd. Verbeter het volgende:' : null,
    });
    return null;
  } finally {
    buttons.forEach((b) => { b.disabled = false; });
  }
}

// describeError, with the server's own words for a conflict put in Dutch.
function describePath(err) {
  if (err instanceof ApiError && (err.status === 409 || err.status === 403) && err.body?.detail) {
    const nl = placingReason(err.body.detail);
    if (nl !== err.body.detail) return capitalise(nl) + '.';
  }
  return describeError(err);
}

function focusMessage(el) {
  const alert = el.querySelector('.utrecht-alert');
  if (alert) { alert.setAttribute('tabindex', '-1'); alert.focus(); }
}

// ---------------------------------------------------------------- phases

const PHASE_LABELS = {
  kind: 'Soort fase', start_date: 'Begindatum', planned_end: 'Gepland einde', actual_end: 'Einddatum',
  organisation_id: 'Organisatie', responsible_user_id: 'Verantwoordelijke', outcome: 'Uitkomst',
  reason: 'Reden of toelichting', previous_outcome: 'Uitkomst van de huidige fase', phase: 'Fase',
  placement_id: 'Plaats', override_reason: 'Reden om toch te plaatsen',
};

// Called with the phases each time they are (re)loaded: the assessments
// offer the placements of the path.
const phaseListeners = [];
export function onPhases(fn) {
  phaseListeners.push(fn);
  if (path.loaded) fn(path.phases);
}

function placementOf(p) {
  return p.placement_id ? placementName(p.placement_id) : '';
}

const path = { phases: [], current: null, loaded: false };

function renderPhases() {
  const items = path.phases;
  const current = path.current;
  const cur = $('#phase-current');
  clear(cur);
  if (current) {
    const late = Boolean(current.planned_end) && isOpen(current) && daysBetween(current.planned_end, today()) > 0;
    append(cur, [h('strong', { text: 'Huidige fase: ' }), capitalise(phaseLabel(current)),
      isOpen(current) ? ` sinds ${formatDate(current.start_date)}` : ` van ${formatDate(current.start_date)} tot ${formatDate(current.actual_end)}`,
      current.planned_end ? ` (gepland tot ${formatDate(current.planned_end)})` : '',
      late ? [' ', h('span', { class: 'utrecht-status-badge utrecht-status-badge--danger meedoen-badge', text: 'geplande einddatum verstreken' })] : null,
      placementOf(current) ? `; plaats: ${placementOf(current)}` : '']);
  } else {
    cur.append(items.length ? 'Er loopt nu geen fase.' : 'Er zijn nog geen fasen vastgelegd.');
  }

  const pic = $('#phase-timeline');
  clear(pic);
  const list = $('#phase-list');
  clear(list);
  if (!items.length) return;
  const rows = items.map((p) => ({
    kind: p.kind, label: capitalise(phaseLabel(p)), track: track(p), start_date: p.start_date,
    planned_end: p.planned_end, actual_end: p.actual_end, open: isOpen(p),
    title: `${capitalise(phaseLabel(p))}: ${formatDate(p.start_date)} – ${p.actual_end ? formatDate(p.actual_end) : 'lopend'}`,
  }));
  pic.append(
    h('div', { class: 'meedoen-timeline', 'aria-hidden': 'true' }, drawTimeline(rows, today())),
    h('ul', { class: 'meedoen-timeline-legend', 'aria-hidden': 'true' },
      h('li', {}, h('span', { class: 'meedoen-swatch meedoen-swatch--closed' }), 'afgesloten'),
      h('li', {}, h('span', { class: 'meedoen-swatch meedoen-swatch--open' }), 'loopt nu'),
      h('li', {}, h('span', { class: 'meedoen-swatch meedoen-swatch--planned' }), 'gepland'),
      h('li', {}, h('span', { class: 'meedoen-swatch meedoen-swatch--beside' }), 'loopt ernaast'),
      h('li', {}, h('span', { class: 'meedoen-swatch meedoen-swatch--late' }), 'gepland einde verstreken'),
      h('li', {}, h('span', { class: 'meedoen-swatch meedoen-swatch--mark' }), 'gepland einde'),
      h('li', {}, h('span', { class: 'meedoen-swatch meedoen-swatch--today' }), 'vandaag')));

  list.append(table({
    caption: 'Fasen van het traject, oudste eerst',
    columns: [{ label: 'Fase' }, { label: 'Begin' }, { label: 'Gepland einde' }, { label: 'Einde' }, { label: 'Organisatie' },
      { label: 'Verantwoordelijke' }, { label: 'Uitkomst' }, { label: 'Status' }],
    rows: items.map((p) => {
      const t = track(p);
      return [
        h('span', {}, capitalise(phaseLabel(p)), t !== 'main' ? h('span', { class: 'meedoen-muted', text: t === 'beside' ? ' (loopt ernaast)' : ' (binnen beschut werk)' }) : null,
          placementOf(p) ? h('span', { class: 'meedoen-phase-place' }, h('span', { class: 'meedoen-visually-hidden', text: ', ' }), `plaats: ${placementOf(p)}`) : null),
        formatDate(p.start_date),
        orDash(p.planned_end, formatDate),
        p.actual_end ? formatDate(p.actual_end) : '',
        orDash(p.organisation_name),
        orDash(p.responsible_name),
        [outcomeText(p.outcome), p.reason ? h('span', { class: 'meedoen-muted', text: `${p.outcome ? ' – ' : ''}reden: ${p.reason}` }) : null],
        isOpen(p) ? h('span', { class: 'utrecht-status-badge utrecht-status-badge--active meedoen-badge', text: 'lopend' }) : 'afgesloten',
      ];
    }),
    className: 'meedoen-phases',
  }));
}

function kindOptions() {
  const fromCodes = codeOptions(ctx.codes, 'phase_kinds');
  if (fromCodes.length) return fromCodes.map((o) => ({ value: o.value, label: capitalise(o.label) }));
  return Object.entries(PHASE_KIND_LABELS).map(([value, label]) => ({ value, label: capitalise(label) }));
}

// Put the kinds that may follow the current phase first (GET /api/codes
// phase_kinds may_follow_to); the others stay selectable, the server says why not.
function groupKinds(select, current) {
  const kinds = Array.isArray(ctx.codes.phase_kinds) ? ctx.codes.phase_kinds : [];
  const mainKinds = path.phases.filter((p) => track(p) === 'main');
  const last = current || mainKinds[mainKinds.length - 1] || null;
  const from = last ? kinds.find((k) => k.code === last.kind) : null;
  const next = new Set(from && Array.isArray(from.may_follow_to) ? from.may_follow_to : []);
  const inSheltered = path.phases.some((p) => p.kind === 'sheltered_work' && isOpen(p));
  for (const k of kinds) if (k.track === 'beside' || (k.track === 'inside' && inSheltered)) next.add(k.code);
  if (!from || !next.size) return;
  const options = [...select.querySelectorAll('option')].filter((o) => o.value);
  const likely = h('optgroup', { label: `Kan volgen op ${phaseLabel(last)}` });
  const other = h('optgroup', { label: 'Andere fasen' });
  for (const o of options) (next.has(o.value) ? likely : other).append(o);
  select.append(likely);
  if (other.childElementCount) select.append(other);
}

function orgOptions() {
  return ctx.orgs.map((o) => ({ value: String(o.id), label: o.name }));
}

function buildPhaseForms() {
  const box = $('#phase-forms');
  clear(box);
  // Who does not keep the path but places people (an account manager)
  // gets the same form with only the kinds of phase that have a placement.
  const placeOnly = !writable('path') && PLACE_ROLES.has(ctx.user.role)
    && (ctx.participant?.access?.categories || []).includes('path');
  if (!writable('path') && !placeOnly) return;
  const openMain = path.phases.filter((p) => isOpen(p) && track(p) === 'main');
  const current = openMain[openMain.length - 1] || null;
  const kinds = placeOnly ? kindOptions().filter((o) => canHavePlacement(o.value)) : kindOptions();
  const formTitle = placeOnly ? 'Plaatsen' : 'Volgende fase vastleggen';

  // Add a phase / move to the next phase.
  const add = formShell('phase-form', formTitle,
    h('p', { class: 'utrecht-paragraph', text: current
      ? `Een nieuwe fase op de hoofdlijn sluit de fase die nu loopt (${phaseLabel(current)}) af op de begindatum van de nieuwe fase. Maatschappelijke begeleiding loopt ernaast.`
      : 'Leg de fase vast waarin de deelnemer begint.' }),
    h('div', { class: 'meedoen-grid-2' },
      selectField({ id: 'ph-kind', name: 'kind', label: 'Soort fase', options: kinds, required: true, emptyLabel: 'Kies een fase',
        hint: placeOnly ? 'Plaatsen is een fase met een plaats: kies de soort fase en daarna de plaats.' : null }),
      selectField({ id: 'ph-organisation_id', name: 'organisation_id', label: 'Organisatie', options: orgOptions(), hint: 'De organisatie die verantwoordelijk is voor deze fase.' }),
      inputField({ id: 'ph-start_date', name: 'start_date', label: 'Begindatum', type: 'date', value: today(), required: true }),
      inputField({ id: 'ph-planned_end', name: 'planned_end', label: 'Gepland einde', type: 'date' })),
    h('div', { id: 'ph-placement-box' }),
    current ? inputField({ id: 'ph-previous_outcome', name: 'previous_outcome', label: PHASE_LABELS.previous_outcome,
      hint: `Wordt vastgelegd bij ${phaseLabel(current)}, die nu loopt.`, maxlength: 500 }) : null,
    inputField({ id: 'ph-reason', name: 'reason', label: PHASE_LABELS.reason, maxlength: 500 }),
    submitRow(placeOnly ? 'Plaatsen' : 'Fase vastleggen'));
  const placing = attachPlacementChoice(add.querySelector('#ph-placement-box'), {
    kindSelect: add.querySelector('#ph-kind'), pid: ctx.id, required: placeOnly,
  });
  add.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { kind: valueOf(add, 'kind'), start_date: valueOf(add, 'start_date') };
    for (const k of ['planned_end', 'reason', 'previous_outcome']) { const v = valueOf(add, k); if (v !== null) body[k] = v; }
    const org = valueOf(add, 'organisation_id');
    if (org !== null) body.organisation_id = Number(org);
    Object.assign(body, placing.read());
    for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
    if (placeOnly && !body.placement_id) {
      // Without a placement this user may not add a phase: say so beside the field.
      showSubmitError(add, add.querySelector('.meedoen-form-errors'), { errors: [{ field: body.kind ? 'placement_id' : 'kind', reason: 'is verplicht' }] },
        { title: 'Er is niemand geplaatst', labels: PHASE_LABELS });
      return;
    }
    const placed = body.placement_id ? placementName(body.placement_id) : '';
    const res = await submit(add, () => post(`${base()}/phases`, body), {
      title: body.placement_id ? 'Er is niemand geplaatst' : 'De fase is niet vastgelegd', labels: PHASE_LABELS, messageEl: $('#phase-message'),
      fieldMap: placingField,
      okMessage: (p) => `De fase ${phaseLabel(p)} is vastgelegd${placed ? ` met de plaats ${placed}` : ''}${current ? `; ${phaseLabel(current)} is afgesloten` : ''}.`,
    });
    if (res) {
      await loadPhases();
      res.announce();
    } else if (add.querySelector('[data-field="placement_id"].utrecht-form-field--invalid')) {
      placing.needReason();
    }
  });

  groupKinds(add.querySelector('#ph-kind'), current);

  const forms = [disclosure(formTitle, add)];
  if (placeOnly) { box.append(...forms); return; }

  // Close an open phase.
  const open = path.phases.filter(isOpen);
  if (open.length) {
    const end = formShell('phase-end-form', 'Fase afsluiten',
      h('div', { class: 'meedoen-grid-2' },
        selectField({ id: 'pe-phase', name: 'phase', label: 'Fase', required: true, emptyLabel: open.length === 1 ? null : 'Kies een fase',
          options: open.map((p) => ({ value: String(p.id), label: `${capitalise(phaseLabel(p))} (sinds ${formatDate(p.start_date)})` })) }),
        inputField({ id: 'pe-actual_end', name: 'actual_end', label: 'Einddatum', type: 'date', value: today(), required: true,
          hint: 'De fase loopt tot, niet tot en met, deze dag.' })),
      inputField({ id: 'pe-outcome', name: 'outcome', label: 'Uitkomst', maxlength: 500 }),
      inputField({ id: 'pe-reason', name: 'reason', label: PHASE_LABELS.reason, maxlength: 500 }),
      submitRow('Fase afsluiten'));
    end.addEventListener('submit', async (ev) => {
      ev.preventDefault();
      const pid = valueOf(end, 'phase');
      const phase = open.find((p) => String(p.id) === pid);
      if (!phase) {
        showSubmitError(end, end.querySelector('.meedoen-form-errors'), { errors: [{ field: 'phase', reason: 'Kies de fase die u wilt afsluiten.' }] },
          { title: 'De fase is niet afgesloten', labels: PHASE_LABELS });
        return;
      }
      const body = { actual_end: valueOf(end, 'actual_end') };
      for (const k of ['outcome', 'reason']) { const v = valueOf(end, k); if (v !== null) body[k] = v; }
      if (body.actual_end === null) delete body.actual_end;
      const res = await submit(end, () => patch(`${base()}/phases/${phase.id}`, body), {
        title: 'De fase is niet afgesloten', labels: PHASE_LABELS, messageEl: $('#phase-message'),
        okMessage: `De fase ${phaseLabel(phase)} is afgesloten.`,
      });
      if (res) {
        await loadPhases();
        res.announce();
      }
    });
    forms.push(disclosure('Fase afsluiten', end));
  }
  box.append(...forms);
}

export async function loadPhases() {
  // The placements name the placement of a phase (and their occupancy
  // changes when someone is placed).
  const [data] = await Promise.all([loadInto('traject', 'phase-message', `${base()}/phases`),
    mayReadPlacements(ctx.user.role) ? loadPlacements(true) : null]);
  if (!data) return;
  path.phases = Array.isArray(data.items) ? data.items : [];
  path.current = data.current || null;
  path.loaded = true;
  renderPhases();
  buildPhaseForms();
  for (const fn of phaseListeners) fn(path.phases);
}

// ---------------------------------------------------------------- intake

const INTAKE_LABELS = {
  intake_date: 'Datum intake', first_step: 'Eerste stap', reasons: 'Redenen voor deze stap',
  prior_level_confirmed: 'Vooropleiding en werkervaring', ambitions_confirmed: 'Ambities',
  planned_day_parts: 'Geplande dagdelen per week', study_offered: 'Studie aangeboden', study_choice: 'Keuze voor studie',
};

function firstStepOptions(under27) {
  const order = ['study', 'internal_work_learning', 'external_work_learning', 'care_activation', 'sheltered_work'];
  const fromCodes = codeOptions(ctx.codes, 'first_steps');
  const opts = fromCodes.length ? fromCodes : order.map((v) => ({ value: v, label: FIRST_STEP_LABELS[v] }));
  return opts.map((o) => ({ value: o.value, label: capitalise(o.label) + (under27 && o.value === 'study' ? ' (eerste mogelijkheid onder 27)' : '') }));
}

function renderIntake(data) {
  const view = $('#intake-view');
  clear(view);
  const formBox = $('#intake-form-box');
  clear(formBox);
  const intake = data.intake;
  if (intake) {
    view.append(facts([
      ['Datum intake', formatDate(intake.intake_date)],
      ['Uiterlijk gepland op', data.due_date ? [formatDate(data.due_date), daysBetween(data.due_date, intake.intake_date) > 0
        ? h('span', { class: 'meedoen-muted', text: ` (${dayWord(daysBetween(data.due_date, intake.intake_date))} te laat gehouden)` }) : ''] : notFilled()],
      ['Eerste stap', capitalise(labelOf(FIRST_STEP_LABELS, intake.first_step))],
      ['Redenen', intake.reasons ? h('span', { class: 'meedoen-multiline', text: intake.reasons }) : notFilled()],
      ['Vooropleiding en werkervaring bevestigd', yesNo(intake.prior_level_confirmed)],
      ['Ambities bevestigd', yesNo(intake.ambitions_confirmed)],
      ['Geplande dagdelen per week', orDash(intake.planned_day_parts, String) || notFilled()],
      ['Studie aangeboden', yesNo(intake.study_offered)],
      ['Keuze voor studie', intake.study_choice ? labelOf(STUDY_CHOICE_LABELS, intake.study_choice) : notFilled()],
      ...(intake.recorded_by_name || intake.recorded_by ? [['Vastgelegd door', personName(intake.recorded_by_name || intake.recorded_by)]] : []),
    ]));
    return;
  }
  // Not recorded yet: the three-week clock.
  const status = h('p', { class: 'utrecht-paragraph meedoen-intake-due', id: 'intake-due' });
  if (data.due_date) {
    status.append('De intake is nog niet gehouden. Uiterlijk op ', h('strong', { text: formatDate(data.due_date) }),
      ' (21 dagen na aankomst in de gemeente). ', dueBadge(data.due_date));
  } else {
    status.append('De intake is nog niet gehouden. De aankomstdatum is niet bekend, dus de termijn van drie weken kan niet worden berekend.');
  }
  view.append(status);
  if (!writable('path')) return;

  const under27 = Boolean(data.under_27);
  const form = formShell('intake-form', 'Intake vastleggen',
    h('p', { class: 'utrecht-paragraph', text: 'Leg de eerste stap vast met de redenen, bevestig vooropleiding en ambities en plan het aantal dagdelen per week. Na het vastleggen komen de intake en de eerste stap in het traject.' }),
    h('div', { class: 'meedoen-grid-2' },
      inputField({ id: 'in-intake_date', name: 'intake_date', label: INTAKE_LABELS.intake_date, type: 'date', value: today(), required: true }),
      selectField({ id: 'in-first_step', name: 'first_step', label: INTAKE_LABELS.first_step, options: firstStepOptions(under27), required: true, emptyLabel: 'Kies de eerste stap' }),
      inputField({ id: 'in-planned_day_parts', name: 'planned_day_parts', label: INTAKE_LABELS.planned_day_parts, type: 'number', min: 0, max: 14, required: true,
        hint: '0 tot en met 14; werkleren minstens 2 dagdelen, naast de inburgeringslessen.' })),
    textareaField({ id: 'in-reasons', name: 'reasons', label: INTAKE_LABELS.reasons, maxlength: 2000, required: true }),
    h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner' },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small', text: 'Besproken en bevestigd' }),
      checkboxField({ id: 'in-prior_level_confirmed', name: 'prior_level_confirmed', label: 'Vooropleiding en werkervaring zijn besproken en bevestigd' }),
      checkboxField({ id: 'in-ambitions_confirmed', name: 'ambitions_confirmed', label: 'Ambities zijn besproken en bevestigd' })),
    h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner meedoen-study', id: 'in-study', hidden: !under27 },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small', text: 'Studie (jonger dan 27)' }),
      h('p', { class: 'utrecht-paragraph', text: 'Deze deelnemer is jonger dan 27. Studie is de eerste mogelijkheid: bied die aan en leg de keuze vast.' }),
      checkboxField({ id: 'in-study_offered', name: 'study_offered', label: 'Studie is als eerste mogelijkheid aangeboden' }),
      radioGroupField({ id: 'in-study_choice', name: 'study_choice', label: INTAKE_LABELS.study_choice, required: true,
        options: Object.entries(STUDY_CHOICE_LABELS).map(([value, label]) => ({ value, label: capitalise(label) })) })),
    submitRow('Intake vastleggen'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = {
      intake_date: valueOf(form, 'intake_date'),
      first_step: valueOf(form, 'first_step'),
      reasons: valueOf(form, 'reasons'),
      prior_level_confirmed: form.elements.namedItem('prior_level_confirmed').checked,
      ambitions_confirmed: form.elements.namedItem('ambitions_confirmed').checked,
      planned_day_parts: intOf(form, 'planned_day_parts'),
      study_offered: under27 ? form.elements.namedItem('study_offered').checked : false,
    };
    const choice = radioValue(form, 'study_choice');
    if (under27 && choice) body.study_choice = choice;
    for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
    const res = await submit(form, () => post(`${base()}/intake`, body), {
      title: 'De intake is niet vastgelegd', labels: INTAKE_LABELS, messageEl: $('#intake-message'),
      // The intake adds phases; a refusal of those is about the first step or the date.
      fieldMap: { kind: 'first_step', start_date: 'intake_date' },
      okMessage: 'De intake is vastgelegd. De intake en de eerste stap staan nu in het traject.',
    });
    if (!res) {
      // A study error for someone the page thought was 27 or older: show the fields.
      if (form.querySelector('#in-study .utrecht-form-field--invalid, #in-study .utrecht-form-fieldset--invalid')) $('#in-study').hidden = false;
      return;
    }
    await Promise.all([loadIntake(), loadPhases()]);
    res.announce();
  });
  formBox.append(form);
}

export async function loadIntake() {
  const data = await loadInto('intake', 'intake-message', `${base()}/intake`);
  if (data) renderIntake(data);
}

// ---------------------------------------------------------------- ladder

const LADDER_FIELD_LABELS = { assessed_on: 'Datum', level: 'Trede', note: 'Toelichting' };

function ladderLabel(item) {
  return item.level_label || LADDER_LABELS[item.level] || '';
}

function ladderOptions() {
  const fromCodes = codeOptions(ctx.codes, 'ladder');
  const opts = fromCodes.length ? fromCodes : Object.entries(LADDER_LABELS).map(([value, label]) => ({ value, label }));
  return opts.map((o) => ({ value: o.value, label: `${o.value} – ${o.label}` }));
}

function renderLadder(data) {
  const cur = $('#ladder-current');
  clear(cur);
  const items = Array.isArray(data.items) ? data.items : [];
  const current = data.current || items[0] || null;
  if (current) {
    const meterId = uniqueId('ladder-meter');
    cur.append(
      h('p', { class: 'utrecht-paragraph meedoen-ladder-now' },
        h('strong', { text: 'Huidige trede: ' }), `${current.level} – ${ladderLabel(current)}`,
        h('span', { class: 'meedoen-muted', text: ` (vastgesteld op ${formatDate(current.assessed_on)}${current.assessor ? ` door ${personName(current.assessor)}` : ''})` })),
      h('div', { class: 'meedoen-ladder-meter' },
        h('label', { class: 'meedoen-visually-hidden', for: meterId, text: 'Trede op de participatieladder' }),
        h('meter', { id: meterId, class: 'meedoen-meter', min: 1, max: 6, value: current.level, 'aria-valuetext': `trede ${current.level} van 6` }),
        h('span', { class: 'meedoen-muted', 'aria-hidden': 'true', text: `trede ${current.level} van 6` })));
  } else {
    cur.append(h('p', { class: 'utrecht-paragraph', text: 'Er is nog geen trede op de participatieladder vastgesteld.' }));
  }
  const list = $('#ladder-list');
  clear(list);
  if (items.length) {
    list.append(table({
      caption: 'Geschiedenis op de participatieladder, nieuwste eerst',
      columns: [{ label: 'Datum' }, { label: 'Trede' }, { label: 'Beoordelaar' }, { label: 'Toelichting' }],
      rows: items.map((it) => [formatDate(it.assessed_on), `${it.level} – ${ladderLabel(it)}`, personName(it.assessor), orDash(it.note)]),
    }));
  }
  const box = $('#ladder-form-box');
  if (!writable('path') || box.childElementCount) return;
  const form = formShell('ladder-form', 'Trede vastleggen',
    h('div', { class: 'meedoen-grid-2' },
      inputField({ id: 'la-assessed_on', name: 'assessed_on', label: 'Datum', type: 'date', value: today(), required: true }),
      selectField({ id: 'la-level', name: 'level', label: 'Trede', options: ladderOptions(), required: true, emptyLabel: 'Kies een trede' })),
    textareaField({ id: 'la-note', name: 'note', label: 'Toelichting', maxlength: 1000 }),
    submitRow('Trede vastleggen'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { assessed_on: valueOf(form, 'assessed_on'), level: intOf(form, 'level'), note: valueOf(form, 'note') };
    for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
    const res = await submit(form, () => post(`${base()}/ladder`, body), {
      title: 'De trede is niet vastgelegd', labels: LADDER_FIELD_LABELS, messageEl: $('#ladder-message'), okMessage: 'De trede is vastgelegd.',
    });
    if (res) {
      form.reset();
      form.elements.namedItem('assessed_on').value = today();
      await loadLadder();
      res.announce();
    }
  });
  box.append(disclosure('Trede vastleggen', form));
}

export async function loadLadder() {
  const data = await loadInto('ladder', 'ladder-message', `${base()}/ladder`);
  if (data) renderLadder(data);
}

// ---------------------------------------------------------------- journal

const JOURNAL_FIELD_LABELS = { occurred_on: 'Datum', kind: 'Soort', category: 'Gegevenscategorie', text: 'Tekst' };

// The categories the user may write a journal entry in, as the server's
// access table gives them (access.journal_writable).
function journalCategoryOptions() {
  const w = new Set(ctx.participant?.access?.journal_writable || []);
  const cats = ['social', ...ALL_CATEGORIES].filter((c) => w.has(c));
  return cats.map((c) => ({ value: c, label: capitalise(categoryLabel(c)) }));
}

function renderJournal(data) {
  const list = $('#journal-list');
  clear(list);
  const items = Array.isArray(data.items) ? data.items : [];
  if (!items.length) {
    list.append(h('p', { class: 'utrecht-paragraph', text: 'Er staan nog geen contacten of notities in het journaal die u mag zien.' }));
  } else {
    list.append(table({
      caption: 'Contacten en notities, nieuwste eerst',
      columns: [{ label: 'Datum' }, { label: 'Soort' }, { label: 'Categorie' }, { label: 'Tekst' }, { label: 'Door' }],
      rows: items.map((e) => [formatDate(e.occurred_on), capitalise(labelOf(JOURNAL_KIND_LABELS, e.kind)), categoryLabel(e.category),
        h('span', { class: 'meedoen-multiline', text: e.text || '' }), personName(e.author)]),
      className: 'meedoen-journal',
    }));
  }
  const box = $('#journal-form-box');
  const mayWrite = (ctx.participant?.access?.journal_writable || []).length > 0;
  if (!mayWrite || box.childElementCount) return;
  const form = formShell('journal-form', 'Contact of notitie toevoegen',
    h('div', { class: 'meedoen-grid-2' },
      inputField({ id: 'jo-occurred_on', name: 'occurred_on', label: 'Datum', type: 'date', value: today(), required: true }),
      selectField({ id: 'jo-category', name: 'category', label: 'Gegevenscategorie', options: journalCategoryOptions(), value: 'social', required: true, emptyLabel: null,
        hint: 'Bepaalt wie de notitie mag lezen; een vrijwilliger ziet alleen sociale notities.' })),
    radioGroupField({ id: 'jo-kind', name: 'kind', label: 'Soort', value: 'contact', required: true,
      options: [{ value: 'contact', label: 'Contact (gesprek, bezoek, telefoon)' }, { value: 'note', label: 'Notitie' }] }),
    textareaField({ id: 'jo-text', name: 'text', label: 'Tekst', maxlength: 4000, required: true }),
    submitRow('Toevoegen aan journaal'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { occurred_on: valueOf(form, 'occurred_on'), kind: radioValue(form, 'kind'), category: valueOf(form, 'category'), text: valueOf(form, 'text') };
    for (const k of Object.keys(body)) if (body[k] === null) delete body[k];
    const res = await submit(form, () => post(`${base()}/journal`, body), {
      title: 'Het journaal is niet aangevuld', labels: JOURNAL_FIELD_LABELS, messageEl: $('#journal-message'),
      okMessage: body.kind === 'contact' ? 'Het contact is vastgelegd.' : 'De notitie is vastgelegd.',
    });
    if (res) {
      form.elements.namedItem('text').value = '';
      await loadJournal();
      res.announce();
    }
  });
  box.append(disclosure('Contact of notitie toevoegen', form));
}

export async function loadJournal() {
  const data = await loadInto('journaal', 'journal-message', `${base()}/journal`);
  if (data) renderJournal(data);
}

// ---------------------------------------------------------------- hand-over

const HANDOVER_FIELD_LABELS = { welfare_user_id: 'Welzijnswerker (gebruikersnummer)', checklist: 'Checklist' };

function renderHandover(data) {
  const view = $('#handover-view');
  clear(view);
  const box = $('#handover-form-box');
  clear(box);
  const signed = (at) => (at ? `getekend op ${formatDate(at)}` : 'nog niet getekend');
  view.append(facts([
    ['Overdracht uiterlijk', data.due_date ? [formatDate(data.due_date), ' ', data.done ? null : dueBadge(data.due_date, 30)] : notFilled()],
    ['Vrijwilliger', data.volunteer ? [personName(data.volunteer), h('span', { class: 'meedoen-muted', text: ` (${signed(data.volunteer_signed_at)})` })] : 'geen vrijwilliger gekoppeld'],
    ['Welzijnswerker', data.welfare ? [personName(data.welfare), h('span', { class: 'meedoen-muted', text: ` (${signed(data.welfare_signed_at)})` })] : 'nog niet gekozen'],
  ]));
  const checklist = Array.isArray(data.checklist) ? data.checklist : [];
  if (data.done) {
    view.append(h('p', { class: 'utrecht-paragraph meedoen-handover-done' },
      h('span', { class: 'utrecht-status-badge utrecht-status-badge--success meedoen-badge', text: 'afgerond' }),
      ' De warme overdracht is door beide getekend. De welzijnswerker heeft de begeleiding overgenomen.'));
    if (checklist.length) {
      view.append(h('ul', { class: 'utrecht-unordered-list meedoen-checklist-done', 'aria-label': 'Checklist' },
        checklist.map((c) => h('li', { class: 'utrecht-unordered-list__item', text: `${c.label || HANDOVER_ITEM_LABELS[c.code] || c.code}: ${c.done ? 'gedaan' : 'niet gedaan'}` }))));
    }
    return;
  }
  // Writing the hand-over needs write access to notes (the volunteer and
  // the welfare worker have it with the participant's consent).
  if (!writable('notes')) return;
  const role = ctx.user.role;
  const signer = role === 'volunteer' || role === 'welfare';
  const form = formShell('handover-form', 'Checklist voor de overdracht',
    h('p', { class: 'utrecht-paragraph', text: 'Vink af wat is gedaan. De vrijwilliger en de welzijnswerker tekenen allebei als alles is afgevinkt; daarna neemt de welzijnswerker de begeleiding over.' }),
    h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner', id: 'ho-checklist', dataset: { field: 'checklist' } },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small', text: 'Checklist' }),
      h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: 'ho-checklist-error', hidden: true }),
      checklist.map((c) => {
        const w = checkboxField({ id: `ho-item-${c.code}`, name: `item:${c.code}`, label: c.label || HANDOVER_ITEM_LABELS[c.code] || c.code, checked: Boolean(c.done) });
        w.dataset.field = `checklist.${c.code}`;
        return w;
      })),
    !signer && !data.welfare ? inputField({ id: 'ho-welfare_user_id', name: 'welfare_user_id', label: HANDOVER_FIELD_LABELS.welfare_user_id, type: 'number', min: 1,
      hint: 'Het nummer van de welzijnswerker die de begeleiding overneemt (te vinden bij de beheerder). Leeg laten als die nog niet bekend is.' }) : null,
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      h('button', { class: `utrecht-button ${signer ? 'utrecht-button--secondary-action' : 'utrecht-button--primary-action'}`, type: 'submit', value: 'save', text: 'Checklist bewaren' }),
      signer ? h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', value: 'sign', text: 'Ondertekenen' }) : null));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const sign = ev.submitter && ev.submitter.value === 'sign';
    const body = { checklist: {} };
    for (const c of checklist) body.checklist[c.code] = form.elements.namedItem(`item:${c.code}`).checked;
    const wf = form.elements.namedItem('welfare_user_id');
    if (wf && wf.value !== '') body.welfare_user_id = intOf(form, 'welfare_user_id');
    if (sign) body.sign = true;
    const res = await submit(form, () => put(`${base()}/handover`, body), {
      title: sign ? 'Ondertekenen is niet gelukt' : 'De checklist is niet bewaard', labels: HANDOVER_FIELD_LABELS,
      messageEl: $('#handover-message'),
      okMessage: (r) => (sign
        ? (r.done ? 'U hebt getekend. De overdracht is afgerond.' : 'U hebt getekend. De overdracht wacht nog op de andere handtekening.')
        : 'De checklist is bewaard.'),
      // A refused signature is about the checklist: show it there.
      fieldMap: { sign: 'checklist' },
    });
    if (!res) return;
    renderHandover(res.checklist ? res : await get(`${base()}/handover`));
    if (res.done) await loadLinksHook();
    res.announce();
  });
  box.append(form);
}

let loadLinksHook = () => {};

export async function loadHandover() {
  const data = await loadInto('overdracht', 'handover-message', `${base()}/handover`);
  if (data) renderHandover(data);
}

// ---------------------------------------------------------------- sheltered work

const SHELTERED_FIELD_LABELS = {
  source: 'Herkomst', school: 'School', school_contact: 'Contactpersoon school', parents_contact: 'Contact ouders',
  last_school_year: 'Laatste schooljaar', indication_status: 'Indicatie', stage: 'Fase in beschut werk', hold_until: 'Plek gereserveerd tot en met',
  placement_type: 'Soort plaatsing',
};

const PLACEMENT_TYPE_LABELS = { secondment: 'detachering', group: 'groepsplaatsing', individual: 'individuele plaatsing' };

function options(list, map, order = Object.keys(map)) {
  const fromCodes = codeOptions(ctx.codes, list);
  if (fromCodes.length) return fromCodes.map((o) => ({ value: o.value, label: capitalise(o.label) }));
  return order.map((v) => ({ value: v, label: capitalise(map[v]) }));
}

function codeText(list, map, code) {
  const entries = Array.isArray(ctx.codes[list]) ? ctx.codes[list] : [];
  const found = entries.find((e) => e.code === code);
  return capitalise(found?.label || labelOf(map, code));
}

function renderSheltered(rec) {
  const view = $('#sheltered-view');
  clear(view);
  const has = rec && rec.stage;
  if (has) {
    view.append(facts([
      ['Fase in beschut werk', codeText('sheltered_stages', SHELTERED_STAGE_LABELS, rec.stage)],
      ['Herkomst', codeText('sheltered_sources', SHELTERED_SOURCE_LABELS, rec.source)],
      ['Indicatie', codeText('indication_status', SHELTERED_INDICATION_LABELS, rec.indication_status)],
      ['Plek gereserveerd tot en met', rec.hold_until ? [formatDate(rec.hold_until), ' ', dueBadge(rec.hold_until, 30)] : notFilled()],
      ['Soort plaatsing', rec.placement_type ? capitalise(labelOf(PLACEMENT_TYPE_LABELS, rec.placement_type)) : notFilled()],
      ['School', rec.school || notFilled()],
      ['Laatste schooljaar', rec.last_school_year || notFilled()],
      ['Contactpersoon school', rec.school_contact || notFilled()],
      ['Contact ouders', rec.parents_contact || notFilled()],
    ]));
  } else {
    view.append(h('p', { class: 'utrecht-paragraph', text: 'Deze deelnemer staat niet in de pijplijn voor beschut werk.' }));
  }
  const box = $('#sheltered-form-box');
  clear(box);
  if (!writable('path')) return;
  const r = has ? rec : {};
  const form = formShell('sheltered-form', has ? 'Beschut werk bijwerken' : 'Aanmelden voor beschut werk',
    h('div', { class: 'meedoen-grid-2' },
      selectField({ id: 'sh-source', name: 'source', label: SHELTERED_FIELD_LABELS.source, options: options('sheltered_sources', SHELTERED_SOURCE_LABELS), value: r.source, required: true, emptyLabel: 'Kies de herkomst' }),
      selectField({ id: 'sh-indication_status', name: 'indication_status', label: SHELTERED_FIELD_LABELS.indication_status, options: options('indication_status', SHELTERED_INDICATION_LABELS), value: r.indication_status ?? 'none', required: true, emptyLabel: null }),
      selectField({ id: 'sh-stage', name: 'stage', label: SHELTERED_FIELD_LABELS.stage, options: options('sheltered_stages', SHELTERED_STAGE_LABELS, SHELTERED_STAGE_ORDER), value: r.stage ?? 'candidate', required: true, emptyLabel: null }),
      inputField({ id: 'sh-hold_until', name: 'hold_until', label: SHELTERED_FIELD_LABELS.hold_until, type: 'date', value: r.hold_until, hint: "Verplicht bij de fase 'plek gereserveerd'." }),
      selectField({ id: 'sh-placement_type', name: 'placement_type', label: SHELTERED_FIELD_LABELS.placement_type, options: Object.keys(PLACEMENT_TYPE_LABELS).map((v) => ({ value: v, label: capitalise(PLACEMENT_TYPE_LABELS[v]) })), value: r.placement_type, emptyLabel: 'Nog niet geplaatst', hint: "Alleen bij de fase 'geplaatst'." }),
      inputField({ id: 'sh-school', name: 'school', label: SHELTERED_FIELD_LABELS.school, value: r.school, maxlength: 200 }),
      inputField({ id: 'sh-last_school_year', name: 'last_school_year', label: SHELTERED_FIELD_LABELS.last_school_year, value: r.last_school_year, hint: 'Bijvoorbeeld 2025-2026', maxlength: 20 }),
      inputField({ id: 'sh-school_contact', name: 'school_contact', label: SHELTERED_FIELD_LABELS.school_contact, value: r.school_contact, maxlength: 200 }),
      inputField({ id: 'sh-parents_contact', name: 'parents_contact', label: SHELTERED_FIELD_LABELS.parents_contact, value: r.parents_contact, maxlength: 200 })),
    submitRow(has ? 'Beschut werk bijwerken' : 'Aanmelden voor beschut werk'));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = {};
    for (const k of Object.keys(SHELTERED_FIELD_LABELS)) {
      const v = valueOf(form, k);
      if (v !== null) body[k] = v;
    }
    const res = await submit(form, () => put(`${base()}/sheltered`, body), {
      title: 'Beschut werk is niet vastgelegd', labels: SHELTERED_FIELD_LABELS,
      messageEl: $('#sheltered-message'), okMessage: 'De gegevens over beschut werk zijn vastgelegd.',
    });
    if (!res) return;
    renderSheltered(res.stage ? res : await get(`${base()}/sheltered`));
    res.announce();
  });
  box.append(disclosure(has ? 'Beschut werk bijwerken' : 'Aanmelden voor beschut werk', form));
}

export async function loadSheltered() {
  const data = await loadInto('beschut', 'sheltered-message', `${base()}/sheltered`);
  if (data) renderSheltered(data);
}

// ---------------------------------------------------------------- entry

// options: { id, user, participant, codes, orgs, onShow(sectionId), onHide(sectionId), reloadLinks() }
export async function initPath(options) {
  Object.assign(ctx, options);
  if (options.reloadLinks) loadLinksHook = options.reloadLinks;
  await Promise.all([loadPhases(), loadIntake(), loadLadder(), loadJournal(), loadHandover(), loadSheltered()]);
}

// The dossier keeps its participant up to date (after an edit or a consent).
export function setParticipant(p) {
  ctx.participant = p;
}
