// assessments.js - the work-floor assessments on the dossier (GET
// /api/participants/:id/assessments): per rubric item the latest score,
// its trend in words and an arrow, and the scores over time as a table
// (with a small picture beside it that assistive technology skips); the
// readiness advice of the latest assessment with its reason, which the
// participant's job coach confirms or overrides with a reason (POST
// …/assessments/:aid/decision); and the form the department assistant or
// the employer fills in on a tablet on the work floor (POST …/assessments):
// large radio buttons per item with the Dutch point labels, a short
// comment per item, the date and the placement.
import { get, post, describeError, ApiError } from './api.js';
import {
  h, $, clear, table, showMessage, inputField, textareaField, selectField, radioValue, clearErrors, showSubmitError,
} from './dom.js';
import { capitalise, formatDate, today, reasonNl } from './labels.js';
import { loadPlacements, mayReadPlacements, placementName } from './placing.js';

// Roles that decide on the advice (ACT_DECIDE_ADVICE in domain/access.c:
// the job coach for their own caseload, the project leader for all).
const DECIDE_ROLES = new Set(['job_coach', 'project_leader']);
// Roles for whom filling in an assessment is the main task: the form is open.
const ASSESSOR_ROLES = new Set(['department_assistant', 'employer']);
// How many assessments the table of scores over time shows.
const HISTORY_COLUMNS = 6;

const READINESS_FALLBACK = { stay: 'blijven (intern)', external_place: 'extern werkleertraject / werkervaringsplek', paid_work: 'betaald werk' };

const TRENDS = {
  up: { arrow: '↑', text: 'omhoog' },
  flat: { arrow: '→', text: 'gelijk' },
  down: { arrow: '↓', text: 'omlaag' },
  none: { arrow: '–', text: 'nog geen trend' },
};

const ctx = {
  id: null, user: null, codes: {}, participant: null, onShow: () => {}, onHide: () => {},
  data: null, phases: [], formBuilt: false,
};

function rubric() {
  return Array.isArray(ctx.codes.assessment_rubric) ? ctx.codes.assessment_rubric : [];
}

function itemLabel(item) {
  return capitalise(item.label || item.code);
}

function pointLabel(item, v) {
  const p = (item.points || []).find((x) => Number(x.value) === Number(v));
  return p ? p.label : '';
}

function scoreText(item, v) {
  if (v === null || v === undefined) return '';
  const label = pointLabel(item, v);
  if (item.code === 'work_capacity') return label || `${v} uur`;
  return label ? `${v} – ${label}` : String(v);
}

function readinessLabel(code) {
  const list = Array.isArray(ctx.codes.readiness) ? ctx.codes.readiness : [];
  return list.find((r) => r.code === code)?.label || READINESS_FALLBACK[code] || code || '';
}

function readinessOptions() {
  const list = Array.isArray(ctx.codes.readiness) && ctx.codes.readiness.length
    ? ctx.codes.readiness : Object.entries(READINESS_FALLBACK).map(([code, label]) => ({ code, label }));
  return list.map((r) => ({ value: r.code, label: capitalise(r.label) }));
}

function writable() {
  return (ctx.participant?.access?.writable || []).includes('assessments');
}

function mayDecide() {
  return DECIDE_ROLES.has(ctx.user.role) && writable();
}

const REASONS = [
  [/^needs a score$/, () => 'kies een score'],
  [/^score (-?\d+) is outside the scale (-?\d+) to (-?\d+)$/, (m) => `score ${m[1]} ligt buiten de schaal ${m[2]} tot en met ${m[3]}`],
  [/^is not an item of the rubric$/, () => 'is geen onderdeel van de beoordeling'],
  [/^the score must be a whole number$/, () => 'de score moet een geheel getal zijn'],
  [/^must be text of at most (\d+) bytes$/, (m) => `mag hoogstens ${m[1]} tekens lang zijn`],
  [/^is required when overriding$/, () => 'is verplicht als u een ander advies kiest'],
  [/^is the advice itself; confirm it instead$/, () => 'is hetzelfde als het advies; bevestig het advies in plaats daarvan'],
  [/^confirming keeps the advice "(.*)"; override to choose another$/, () => 'bevestigen houdt het advies zoals het is; kies "Ander advies kiezen" om het te veranderen'],
  [/^"(.*)" is not an advice .*$/, (m) => `"${m[1]}" is geen geldig advies`],
  [/^placement (\d+) does not exist$/, (m) => `plaats ${m[1]} bestaat niet`],
  [/^an employer assesses only on their own placements$/, () => 'een werkgever beoordeelt alleen op de eigen plaatsen'],
  [/^a (.+) may not decide on the advice for participant (\d+)$/, (m) => `een ${m[1]} mag niet beslissen over het advies voor deze deelnemer`],
];

function reason(r) {
  const text = String(r ?? '');
  for (const [re, fmt] of REASONS) {
    const m = re.exec(text);
    if (m) return fmt(m);
  }
  return reasonNl(text);
}

function describe(err) {
  if (err instanceof ApiError && (err.status === 403 || err.status === 409) && err.body?.detail) {
    const nl = reason(err.body.detail);
    if (nl !== err.body.detail) return `${capitalise(nl)}.`;
  }
  return describeError(err);
}

function focusMessage(el) {
  const alert = el.querySelector('.utrecht-alert');
  if (alert) { alert.setAttribute('tabindex', '-1'); alert.focus(); }
}

function base() {
  return `/api/participants/${ctx.id}/assessments`;
}

// ---------------------------------------------------------------- picture

const SVG_NS = 'http://www.w3.org/2000/svg';

function svg(tag, attrs = {}) {
  const el = document.createElementNS(SVG_NS, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  return el;
}

// A small line of the scores over time (oldest left), for the eye only:
// the same scores are in the table.
function sparkline(item, values) {
  const W = 84;
  const H = 24;
  const pad = 3;
  const pts = values.filter((v) => v !== null && v !== undefined);
  const pic = svg('svg', { class: 'meedoen-spark', viewBox: `0 0 ${W} ${H}`, width: W, height: H, 'aria-hidden': 'true', focusable: 'false' });
  if (pts.length < 2) return pic;
  const span = Math.max(1, item.max - item.min);
  const x = (i) => pad + (i * (W - 2 * pad)) / (pts.length - 1);
  const y = (v) => H - pad - ((v - item.min) * (H - 2 * pad)) / span;
  pic.append(svg('line', { class: 'meedoen-spark__base', x1: pad, x2: W - pad, y1: H - pad, y2: H - pad }));
  pic.append(svg('polyline', { class: 'meedoen-spark__line', points: pts.map((v, i) => `${x(i).toFixed(1)},${y(v).toFixed(1)}`).join(' ') }));
  const last = pts.length - 1;
  pic.append(svg('circle', { class: 'meedoen-spark__dot', cx: x(last).toFixed(1), cy: y(pts[last]).toFixed(1), r: 2.5 }));
  return pic;
}

function trendCell(code, item, values) {
  const t = TRENDS[code] || TRENDS.none;
  return h('span', { class: `meedoen-trend meedoen-trend--${TRENDS[code] ? code : 'none'}` },
    h('span', { class: 'meedoen-trend__arrow', 'aria-hidden': 'true', text: t.arrow }), ' ',
    h('span', { class: 'meedoen-trend__text', text: t.text }), ' ',
    sparkline(item, values));
}

// ---------------------------------------------------------------- view

function renderAdvice(latest) {
  const box = $('#assessment-advice');
  clear(box);
  if (!latest) {
    box.append(h('p', { class: 'utrecht-paragraph', text: 'Er is nog geen beoordeling op de werkvloer vastgelegd.' }));
    return;
  }
  const decided = latest.decision === 'confirmed' || latest.decision === 'overridden';
  const advice = capitalise(latest.advice_label || readinessLabel(latest.advice));
  const card = h('div', { class: 'meedoen-advice', id: 'assessment-advice-card' },
    h('h3', { class: 'utrecht-heading-3', text: 'Advies voor de volgende stap' }),
    h('p', { class: 'utrecht-paragraph meedoen-advice__what' },
      h('strong', { text: advice }),
      h('span', { class: 'meedoen-muted', text: ` (na de beoordeling van ${formatDate(latest.assessed_on)}${latest.assessor_name ? ` door ${latest.assessor_name}` : ''})` })),
    latest.advice_reason ? h('p', { class: 'utrecht-paragraph' }, h('strong', { text: 'Onderbouwing: ' }), latest.advice_reason) : null);
  let status;
  if (latest.decision === 'confirmed') {
    status = h('p', { class: 'utrecht-paragraph meedoen-advice__decision' },
      h('span', { class: 'utrecht-status-badge utrecht-status-badge--success meedoen-badge', text: 'bevestigd' }),
      ` door ${latest.decided_by_name || 'de jobcoach'}${latest.decided_at ? ` op ${formatDate(String(latest.decided_at).slice(0, 10))}` : ''}.`);
  } else if (latest.decision === 'overridden') {
    status = h('div', { class: 'meedoen-advice__decision' },
      h('p', { class: 'utrecht-paragraph' },
        h('span', { class: 'utrecht-status-badge utrecht-status-badge--warning meedoen-badge', text: 'aangepast' }),
        ` door ${latest.decided_by_name || 'de jobcoach'}${latest.decided_at ? ` op ${formatDate(String(latest.decided_at).slice(0, 10))}` : ''}: `,
        h('strong', { text: capitalise(latest.decided_advice_label || readinessLabel(latest.decided_advice)) })),
      latest.decision_reason ? h('p', { class: 'utrecht-paragraph' }, h('strong', { text: 'Reden: ' }), latest.decision_reason) : null);
  } else {
    status = h('p', { class: 'utrecht-paragraph meedoen-advice__decision meedoen-muted', text: 'De jobcoach heeft dit advies nog niet bevestigd of aangepast.' });
  }
  card.append(status);
  if (mayDecide()) card.append(decisionControls(latest, decided));
  box.append(card);
}

function decisionControls(latest, decided) {
  const wrap = h('div', { class: 'meedoen-decision' });
  const overrideForm = buildOverrideForm(latest);
  overrideForm.hidden = true;
  const toggle = h('button', {
    class: 'utrecht-button utrecht-button--secondary-action', type: 'button', id: 'advice-override-button',
    'aria-expanded': 'false', 'aria-controls': 'advice-override-form',
  }, 'Ander advies kiezen');
  toggle.addEventListener('click', () => {
    const open = overrideForm.hidden;
    overrideForm.hidden = !open;
    toggle.setAttribute('aria-expanded', String(open));
    if (open) overrideForm.querySelector('input[type=radio]')?.focus();
  });
  const buttons = h('div', { class: 'utrecht-button-group meedoen-actions' },
    latest.decision !== 'confirmed'
      ? h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'button', id: 'advice-confirm-button', onclick: (ev) => confirmAdvice(latest, ev.currentTarget) },
        decided ? 'Toch het advies bevestigen' : 'Advies bevestigen')
      : null,
    toggle);
  wrap.append(buttons, overrideForm);
  return wrap;
}

function buildOverrideForm(latest) {
  const others = readinessOptions().filter((o) => o.value !== latest.advice);
  const fs = h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner meedoen-radio-group', id: 'ad-advice',
    dataset: { field: 'advice' },
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small' },
    'Ander advies', h('span', { class: 'meedoen-required', text: ' (verplicht)' })),
  h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: 'ad-advice-error', hidden: true }),
  others.map((o, i) => h('div', { class: 'meedoen-radio' },
    h('input', { class: 'utrecht-radio-button utrecht-radio-button--html-input', type: 'radio', id: `ad-advice-${i}`, name: 'advice', value: o.value }),
    h('label', { class: 'utrecht-form-label utrecht-form-label--radio', for: `ad-advice-${i}`, text: o.label }))));
  const form = h('form', { class: 'utrecht-form meedoen-subform', id: 'advice-override-form', novalidate: true, 'aria-labelledby': 'advice-override-title' },
    h('h4', { class: 'utrecht-heading-4', id: 'advice-override-title', text: 'Ander advies kiezen' }),
    h('div', { class: 'meedoen-form-errors', id: 'advice-override-errors' }),
    fs,
    textareaField({ id: 'ad-reason', name: 'reason', label: 'Reden', maxlength: 500, required: true,
      hint: 'Waarom kiest u een ander advies dan de beoordeling geeft?' }),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', text: 'Ander advies vastleggen' }),
      h('button', {
        class: 'utrecht-button utrecht-button--secondary-action', type: 'button', text: 'Annuleren',
        onclick: () => {
          form.hidden = true;
          const t = $('#advice-override-button');
          t?.setAttribute('aria-expanded', 'false');
          t?.focus();
        },
      })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const body = { decision: 'overridden' };
    const advice = radioValue(form, 'advice');
    if (advice) body.advice = advice;
    const why = form.elements.namedItem('reason').value.trim();
    if (why) body.reason = why;
    await decide(latest, body, form);
  });
  return form;
}

async function confirmAdvice(latest, btn) {
  btn.disabled = true;
  const ok = await decide(latest, { decision: 'confirmed' }, null);
  if (!ok) btn.disabled = false;
}

async function decide(latest, body, form) {
  const msg = $('#assessment-message');
  clear(msg);
  if (form) { clearErrors(form); clear(form.querySelector('.meedoen-form-errors')); }
  const buttons = form ? [...form.querySelectorAll('button')] : [];
  buttons.forEach((b) => { b.disabled = true; });
  try {
    ctx.data = await post(`${base()}/${latest.id}/decision`, body);
  } catch (err) {
    buttons.forEach((b) => { b.disabled = false; });
    if (form) {
      showSubmitError(form, form.querySelector('.meedoen-form-errors'), err, {
        title: 'Het advies is niet aangepast', labels: { advice: 'Ander advies', reason: 'Reden', decision: 'Besluit' }, reason, describe,
        intro: err instanceof ApiError && err.errors.length ? 'Er is niets vastgelegd. Verbeter het volgende:' : null,
      });
    } else {
      showMessage(msg, 'error', `Het advies is niet bevestigd. ${describe(err)}`);
      focusMessage(msg);
    }
    return false;
  }
  render();
  const now = ctx.data.latest;
  showMessage(msg, 'ok', body.decision === 'confirmed'
    ? `U hebt het advies bevestigd: ${readinessLabel(now?.decided_advice || latest.advice)}.`
    : `U hebt een ander advies vastgelegd: ${readinessLabel(body.advice)}.`);
  focusMessage(msg);
  return true;
}

function renderScores(items, trends) {
  const box = $('#assessment-scores');
  clear(box);
  if (!items.length) return;
  const shown = items.slice(-HISTORY_COLUMNS);
  const latest = items[items.length - 1];
  const rows = rubric().map((item) => {
    const values = items.map((a) => a.scores?.[item.code] ?? null);
    const last = latest.scores?.[item.code];
    const comment = latest.comments?.[item.code];
    return [
      itemLabel(item),
      h('span', {}, scoreText(item, last), comment ? h('span', { class: 'meedoen-score-comment', text: `“${comment}”` }) : null),
      trendCell(trends?.[item.code] || 'none', item, values),
      ...shown.map((a) => {
        const v = a.scores?.[item.code];
        return v === null || v === undefined ? '' : String(v);
      }),
    ];
  });
  box.append(table({
    caption: `Scores per onderdeel: de laatste, de trend en ${items.length > HISTORY_COLUMNS ? `de laatste ${HISTORY_COLUMNS} beoordelingen` : 'alle beoordelingen'} (oudste links)`,
    columns: [{ label: 'Onderdeel' }, { label: 'Laatste score' }, { label: 'Trend' },
      ...shown.map((a) => ({ label: formatDate(a.assessed_on), numeric: true }))],
    rows,
    className: 'meedoen-assessment-scores',
  }));
  box.append(h('p', { class: 'utrecht-paragraph meedoen-muted meedoen-scale-note', text: 'Schaal: 1 onvoldoende, 2 matig, 3 voldoende, 4 goed. Belastbaarheid in uren per dag (0 tot en met 8). De trend vergelijkt de laatste twee beoordelingen met de twee daarvoor.' }));
}

function renderHistory(items) {
  const box = $('#assessment-history');
  clear(box);
  if (items.length < 2) return;
  const decisionText = (a) => {
    if (a.decision === 'confirmed') return 'bevestigd';
    if (a.decision === 'overridden') return `aangepast: ${a.decided_advice_label || readinessLabel(a.decided_advice)}`;
    return 'nog niet besloten';
  };
  box.append(table({
    caption: 'Alle beoordelingen, nieuwste eerst',
    columns: [{ label: 'Datum' }, { label: 'Plaats' }, { label: 'Beoordelaar' }, { label: 'Advies' }, { label: 'Besluit jobcoach' }],
    rows: items.slice().reverse().map((a) => [
      formatDate(a.assessed_on), a.placement_title || (a.placement_id ? placementName(a.placement_id) : ''), a.assessor_name || '',
      capitalise(a.advice_label || readinessLabel(a.advice)), decisionText(a),
    ]),
    className: 'meedoen-assessment-history',
  }));
}

function render() {
  const data = ctx.data || {};
  const items = Array.isArray(data.items) ? data.items : [];
  const latest = data.latest || items[items.length - 1] || null;
  renderAdvice(latest);
  renderScores(items, data.trends || {});
  renderHistory(items);
}

// ---------------------------------------------------------------- form

function scoreGroup(item) {
  const id = `as-${item.code}`;
  const capacity = item.code === 'work_capacity';
  const points = Array.isArray(item.points) && item.points.length
    ? item.points
    : Array.from({ length: item.max - item.min + 1 }, (_, i) => ({ value: item.min + i, label: String(item.min + i) }));
  const fs = h('fieldset', {
    class: `utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-score-item${capacity ? ' meedoen-score-item--hours' : ''}`,
    id, dataset: { field: `scores.${item.code}` },
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-score-item__legend' },
    itemLabel(item), h('span', { class: 'meedoen-required', text: ' (verplicht)' })),
  h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: `${id}-error`, hidden: true }),
  h('div', { class: 'meedoen-scores' }, points.map((p) => {
    const rid = `${id}-${p.value}`;
    const label = capacity ? (p.label || `${p.value} uur`) : `${p.value} ${p.label}`;
    return h('label', { class: 'meedoen-score', for: rid },
      h('input', { class: 'meedoen-score__input', type: 'radio', id: rid, name: `score:${item.code}`, value: String(p.value) }),
      capacity
        ? h('span', { class: 'meedoen-score__text', text: label })
        : [h('span', { class: 'meedoen-score__value', text: String(p.value) }), ' ', h('span', { class: 'meedoen-score__text', text: p.label })]);
  })));
  const comment = inputField({
    id: `${id}-comment`, name: `comment:${item.code}`, label: `Opmerking bij ${item.label || item.code} (optioneel)`, maxlength: 500,
  });
  comment.dataset.field = `comments.${item.code}`;
  comment.classList.add('meedoen-score-item__comment');
  fs.append(comment);
  return fs;
}

// The placements of this participant's path, the open one first.
function placementChoices() {
  const seen = new Set();
  const out = [];
  const phases = ctx.phases.slice().sort((a, b) => Number(Boolean(b.open ?? !b.actual_end)) - Number(Boolean(a.open ?? !a.actual_end))
    || String(b.start_date).localeCompare(String(a.start_date)));
  for (const p of phases) {
    if (!p.placement_id || seen.has(p.placement_id)) continue;
    seen.add(p.placement_id);
    const open = p.open ?? !p.actual_end;
    out.push({ value: String(p.placement_id), label: `${placementName(p.placement_id) || `Plaats ${p.placement_id}`}${open ? '' : ' (afgelopen)'}`, open });
  }
  return out;
}

function fillPlacementSelect() {
  const sel = $('#as-placement_id');
  if (!sel) return;
  const keep = sel.value;
  const choices = placementChoices();
  clear(sel);
  sel.append(h('option', { value: '', text: ctx.user.role === 'employer' ? 'Kies een plaats' : 'Geen plaats' }));
  for (const c of choices) sel.append(h('option', { value: c.value, text: c.label }));
  const open = choices.find((c) => c.open);
  sel.value = choices.some((c) => c.value === keep) && keep ? keep : (open ? open.value : '');
}

const FORM_LABELS = { assessed_on: 'Datum van de beoordeling', placement_id: 'Plaats', scores: 'Scores', comments: 'Opmerkingen' };

function formLabels() {
  const labels = { ...FORM_LABELS };
  for (const item of rubric()) {
    labels[`scores.${item.code}`] = itemLabel(item);
    labels[`comments.${item.code}`] = `Opmerking bij ${item.label || item.code}`;
  }
  return labels;
}

function buildForm() {
  const box = $('#assessment-form-box');
  clear(box);
  ctx.formBuilt = false;
  if (!writable() || !rubric().length) return;
  const employer = ctx.user.role === 'employer';
  const form = h('form', { class: 'utrecht-form meedoen-subform meedoen-assessment-form', id: 'assessment-form', novalidate: true, 'aria-labelledby': 'assessment-form-title' },
    h('h3', { class: 'utrecht-heading-3', id: 'assessment-form-title', text: 'Beoordeling invullen' }),
    h('p', { class: 'utrecht-paragraph', text: 'Kies bij elk onderdeel een score. Een korte opmerking is niet verplicht. Het advies voor de volgende stap volgt uit de scores.' }),
    h('div', { class: 'meedoen-form-errors', id: 'assessment-form-errors' }),
    h('div', { class: 'meedoen-grid-2' },
      inputField({ id: 'as-assessed_on', name: 'assessed_on', label: FORM_LABELS.assessed_on, type: 'date', value: today(), required: true, max: today() }),
      selectField({ id: 'as-placement_id', name: 'placement_id', label: FORM_LABELS.placement_id, options: [], required: employer,
        emptyLabel: employer ? 'Kies een plaats' : 'Geen plaats', hint: employer ? 'De plaats waar de deelnemer bij u werkt.' : 'De plaats waar de deelnemer werkt (niet verplicht).' })),
    rubric().map(scoreGroup),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      h('button', { class: 'utrecht-button utrecht-button--primary-action meedoen-big-button', type: 'submit', text: 'Beoordeling opslaan' })));
  form.addEventListener('submit', saveAssessment);
  const open = ASSESSOR_ROLES.has(ctx.user.role);
  box.append(open ? form : h('details', { class: 'meedoen-disclosure' },
    h('summary', { class: 'meedoen-disclosure__summary', text: 'Beoordeling invullen' }),
    h('div', { class: 'meedoen-disclosure__body' }, form)));
  ctx.formBuilt = true;
  fillPlacementSelect();
}

async function saveAssessment(ev) {
  ev.preventDefault();
  const form = ev.currentTarget;
  const errorsEl = $('#assessment-form-errors');
  const msg = $('#assessment-message');
  clearErrors(form);
  clear(errorsEl);
  clear(msg);
  const body = { scores: {}, comments: {} };
  const on = form.elements.namedItem('assessed_on').value;
  if (on) body.assessed_on = on;
  const pl = form.elements.namedItem('placement_id').value;
  if (pl) body.placement_id = Number(pl);
  for (const item of rubric()) {
    const v = radioValue(form, `score:${item.code}`);
    if (v !== null) body.scores[item.code] = Number(v);
    const c = form.elements.namedItem(`comment:${item.code}`).value.trim();
    if (c) body.comments[item.code] = c;
  }
  if (!Object.keys(body.comments).length) delete body.comments;
  const btn = form.querySelector('button[type=submit]');
  btn.disabled = true;
  try {
    ctx.data = await post(base(), body);
  } catch (err) {
    btn.disabled = false;
    const n = err instanceof ApiError ? err.errors.length : 0;
    showSubmitError(form, errorsEl, err, {
      title: n > 1 ? `De beoordeling is niet opgeslagen: ${n} punten` : 'De beoordeling is niet opgeslagen',
      labels: formLabels(), reason, describe,
      intro: n ? 'Er is niets opgeslagen. Verbeter het volgende:' : null,
    });
    return;
  }
  btn.disabled = false;
  form.reset();
  form.elements.namedItem('assessed_on').value = today();
  fillPlacementSelect();
  render();
  const latest = ctx.data.latest;
  showMessage(msg, 'ok', `De beoordeling van ${formatDate(latest?.assessed_on || on)} is opgeslagen. Advies: ${readinessLabel(latest?.advice)}.`);
  focusMessage(msg);
}

// ---------------------------------------------------------------- entry

// Called by path.js each time the phases are loaded.
export function setPhases(phases) {
  ctx.phases = Array.isArray(phases) ? phases : [];
  if (ctx.formBuilt) fillPlacementSelect();
}

// options: { id, user, participant, codes, onShow(sectionId), onHide(sectionId) }
export async function initAssessments(options) {
  Object.assign(ctx, options);
  const section = $('#beoordelingen');
  let data;
  try {
    [data] = await Promise.all([get(base()), mayReadPlacements(ctx.user.role) ? loadPlacements() : null]);
  } catch (err) {
    if (err instanceof ApiError && (err.status === 403 || err.status === 404)) {
      section.hidden = true;
      ctx.onHide('beoordelingen');
      return;
    }
    section.hidden = false;
    ctx.onShow('beoordelingen');
    showMessage($('#assessment-message'), 'error', `De beoordelingen konden niet worden geladen. ${describeError(err)}`);
    return;
  }
  ctx.data = data;
  section.hidden = false;
  ctx.onShow('beoordelingen');
  render();
  buildForm();
}

export function setAssessmentParticipant(p) {
  ctx.participant = p;
}
