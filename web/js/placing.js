// placing.js - placing a participant in a placement from the phase form on
// the dossier. Placing is adding a phase with a placement_id (POST
// /api/participants/:id/phases); when the chosen kind of phase can have a
// placement, the form offers the placements with free places that fit it
// (GET /api/placements), asks the server beforehand whether the
// participant fits (GET /api/placements/:id/check/:pid: "past", or the
// requirements not met and whether a place is free) and asks for a reason
// to place anyway when a requirement is not met. Also the cache of
// placements the path and the assessments use to name a placement.
import { get, query, ApiError } from './api.js';
import { h, clear, alertBox, textareaField, uniqueId } from './dom.js';
import { capitalise, formatDate, reasonNl } from './labels.js';

// The placement kinds each phase kind can be linked to (the kinds table
// of domain/placement.c). A phase kind not named here has no placement.
export const PLACEMENT_KINDS_FOR_PHASE = {
  internal_work_learning: ['internal_work_learning'],
  external_work_learning: ['external_work_learning'],
  work_experience_place: ['work_experience_place'],
  language_internship: ['language_internship'],
  trial_placement: ['trial_placement'],
  paid_work: ['vacancy', 'secondment'],
  sheltered_work: ['sheltered_place', 'secondment'],
};

// Roles that may place someone without keeping their path (ACT_PLACE in
// domain/access.c, beside write access to the path).
export const PLACE_ROLES = new Set(['case_manager', 'youth_consultant', 'project_leader', 'job_coach', 'account_manager']);

// Roles that read placements (ACT_READ_EMPLOYERS); others are not asked.
const READ_ROLES = new Set(['director', 'case_manager', 'youth_consultant', 'project_leader', 'job_coach',
  'account_manager', 'department_assistant', 'employer']);

export function mayReadPlacements(role) {
  return READ_ROLES.has(role);
}

export function canHavePlacement(phaseKind) {
  return Object.prototype.hasOwnProperty.call(PLACEMENT_KINDS_FOR_PHASE, phaseKind);
}

// ---------------------------------------------------------------- cache

let pending = null;
let byId = new Map();

// Every placement the user may read, also those no longer offered (to
// name the placement of an old phase). Resolves to [] when the user does
// not work with employers. force: read again (occupancy changes).
export function loadPlacements(force = false) {
  if (!pending || force) {
    pending = get(`/api/placements${query({ include_inactive: 'true' })}`)
      .then((d) => (Array.isArray(d?.items) ? d.items : []))
      .catch(() => []);
    pending.then((items) => { byId = new Map(items.map((p) => [p.id, p])); });
  }
  return pending;
}

export function placementById(id) {
  return byId.get(Number(id)) || null;
}

// "Inpakhal, WerkPlein Westland" for a placement id; '' when unknown.
export function placementName(id) {
  const p = placementById(id);
  if (!p) return '';
  return p.organisation_name ? `${p.title}, ${p.organisation_name}` : p.title;
}

// ---------------------------------------------------------------- reasons

const PLACING_REASONS = [
  [/^placement "(.*)" is full: (\d+) of (\d+) places taken$/, (m) => `"${m[1]}" is vol: ${m[2]} van de ${m[3]} plekken zijn bezet`],
  [/^placement "(.*)" is no longer offered$/, (m) => `"${m[1]}" wordt niet meer aangeboden`],
  [/^a (.+) cannot be the place of this phase$/, (m) => `een plaats als ${m[1]} past niet bij deze soort fase`],
  [/^placement "(.*)" starts on (.*)$/, (m) => `"${m[1]}" begint pas op ${formatDate(m[2])}`],
  [/^placement "(.*)" ended on (.*)$/, (m) => `"${m[1]}" is geëindigd op ${formatDate(m[2])}`],
  [/^placement (\d+) does not exist$/, (m) => `plaats ${m[1]} bestaat niet`],
  [/^is only for placing someone in a placement$/, () => 'hoort alleen bij plaatsen op een plaats; kies eerst een plaats'],
  [/^participant (\d+) does not meet (\d+) requirements? of "(.*)"; give override_reason to place anyway$/,
    (m) => `de deelnemer voldoet niet aan ${m[2] === '1' ? '1 eis' : `${m[2]} eisen`} van "${m[3]}"; geef een reden om toch te plaatsen`],
  [/^a (.+) may not place participant (\d+)$/, (m) => `een ${m[1]} mag deze deelnemer niet plaatsen`],
  [/^must be at least (\d+) characters$/, (m) => `moet minstens ${m[1]} tekens lang zijn`],
];

// A server reason about placing in Dutch; anything else via labels.js.
// The reasons of unmet requirements come in Dutch already.
export function placingReason(reason) {
  const text = String(reason ?? '');
  for (const [re, fmt] of PLACING_REASONS) {
    const m = re.exec(text);
    if (m) return fmt(m);
  }
  return reasonNl(text);
}

// The requirement a refused placing names as a field (cefr_speaking,
// licence:forklift, …) belongs beside the placement choice.
const OWN_FIELDS = new Set(['placement_id', 'override_reason']);
const PHASE_FIELDS = new Set(['kind', 'start_date', 'planned_end', 'actual_end', 'organisation_id', 'responsible_user_id', 'outcome', 'reason', 'previous_outcome', 'body']);

export function placingField(field) {
  if (!field || OWN_FIELDS.has(field) || PHASE_FIELDS.has(field)) return field;
  return 'placement_id';
}

// ---------------------------------------------------------------- the choice

function optionText(p) {
  return `${p.title} – ${p.organisation_name || 'onbekende organisatie'} (${p.free} van ${p.capacity} vrij)`;
}

function fits(p, phaseKind) {
  return p.active !== false && Number(p.free) > 0 && (PLACEMENT_KINDS_FOR_PHASE[phaseKind] || []).includes(p.kind);
}

// Add the placement choice to the phase form. box: the element to fill;
// kindSelect: the kind of phase; pid: the participant; required: placing
// is the only thing this user may do. Returns { read(), refresh() }.
export function attachPlacementChoice(box, { kindSelect, pid, required = false }) {
  const id = uniqueId('pl');
  const state = { kind: null, items: [], check: null, seq: 0 };

  const select = h('select', {
    class: 'utrecht-select utrecht-select--html-select', id: 'ph-placement_id', name: 'placement_id',
    'aria-describedby': 'ph-placement_id-hint', 'aria-required': required ? 'true' : null,
  });
  const field = h('div', { class: 'utrecht-form-field utrecht-form-field--distanced', dataset: { field: 'placement_id' } },
    h('div', { class: 'utrecht-form-field__label' },
      h('label', { class: 'utrecht-form-label', for: 'ph-placement_id' }, 'Plaats', required ? h('span', { class: 'meedoen-required', text: ' (verplicht)' }) : null)),
    h('div', { class: 'utrecht-form-field__description utrecht-form-field-description', id: 'ph-placement_id-hint' }),
    h('div', { class: 'utrecht-form-field__error-message utrecht-form-field-error-message', id: 'ph-placement_id-error', hidden: true }),
    h('div', { class: 'utrecht-form-field__input' }, select));
  const status = h('div', { class: 'meedoen-placement-check', id: `${id}-check`, 'aria-live': 'polite' });
  const override = textareaField({
    id: 'ph-override_reason', name: 'override_reason', label: 'Reden om toch te plaatsen', maxlength: 500, required: true,
    hint: 'De deelnemer voldoet niet aan alle eisen van deze plaats. Leg uit waarom u toch plaatst; de reden komt bij de fase.',
  });
  override.hidden = true;
  const group = h('div', { class: 'meedoen-placement-choice', id: `${id}-box`, hidden: true },
    h('h4', { class: 'utrecht-heading-4 meedoen-placement-choice__title', text: 'Plaats bij een werkgever of in een eigen hal' }),
    field, status, override);
  clear(box);
  box.append(group);

  const hint = field.querySelector('#ph-placement_id-hint');

  function fillOptions() {
    const keep = select.value;
    clear(select);
    const list = state.items.filter((p) => fits(p, state.kind))
      .sort((a, b) => (a.organisation_name || '').localeCompare(b.organisation_name || '', 'nl') || a.title.localeCompare(b.title, 'nl'));
    select.append(h('option', { value: '', text: required ? 'Kies een plaats' : 'Geen plaats' }));
    for (const p of list) select.append(h('option', { value: String(p.id), text: optionText(p) }));
    if (list.some((p) => String(p.id) === keep)) select.value = keep;
    hint.textContent = list.length
      ? `Plaatsen met vrije plekken die bij deze fase passen (${list.length}).${required ? '' : ' Leeg laten als de fase geen plaats heeft.'}`
      : 'Er zijn nu geen plaatsen met vrije plekken die bij deze fase passen.';
  }

  function showCheck() {
    clear(status);
    override.hidden = true;
    const c = state.check;
    if (!c) return;
    const p = placementById(select.value);
    const title = p ? p.title : 'deze plaats';
    if (c.error) {
      status.append(alertBox('error', `Of de deelnemer past, kon niet worden nagegaan. ${c.error}`));
      return;
    }
    const freeNow = Math.max(0, (Number(c.capacity) || 0) - (Number(c.occupancy) || 0));
    const places = `${freeNow} van ${c.capacity} ${Number(c.capacity) === 1 ? 'plek' : 'plekken'} vrij`;
    if (c.fits) {
      status.append(alertBox('ok', h('p', { class: 'utrecht-paragraph' }, h('strong', { text: 'Past: ' }),
        `de deelnemer voldoet aan de eisen van ${title}. Nog ${places}.`)));
      return;
    }
    const gaps = Array.isArray(c.gaps) ? c.gaps : [];
    const blocking = gaps.filter((g) => g.requirement === 'placement' || g.requirement === 'placement_id');
    if (blocking.length) {
      status.append(alertBox('error',
        h('p', { class: 'utrecht-paragraph' }, h('strong', { text: 'Plaatsen kan niet: ' }), blocking.map((g) => capitalise(placingReason(g.reason))).join('; '), '.'),
        h('p', { class: 'utrecht-paragraph', text: 'Kies een andere plaats.' })));
      return;
    }
    status.append(alertBox('warning',
      h('p', { class: 'utrecht-paragraph' }, h('strong', { text: 'Voldoet niet aan alle eisen' }), ` van ${title} (${places}):`),
      h('ul', { class: 'utrecht-unordered-list meedoen-gaps' }, gaps.map((g) => h('li', { class: 'utrecht-unordered-list__item', text: capitalise(placingReason(g.reason)) }))),
      h('p', { class: 'utrecht-paragraph', text: 'U kunt toch plaatsen met een reden.' })));
    override.hidden = false;
  }

  async function runCheck() {
    const seq = ++state.seq;
    state.check = null;
    showCheck();
    if (!select.value) return;
    status.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Nagaan of de deelnemer past…' }));
    let res;
    try {
      res = await get(`/api/placements/${encodeURIComponent(select.value)}/check/${encodeURIComponent(pid)}`);
    } catch (err) {
      res = { error: err instanceof ApiError && err.status === 403 ? 'U mag dit niet nagaan voor deze deelnemer.' : placingReason(err.message) };
    }
    if (seq !== state.seq) return;
    state.check = res;
    showCheck();
  }

  async function onKind() {
    state.kind = kindSelect.value;
    if (!canHavePlacement(state.kind)) {
      group.hidden = true;
      select.value = '';
      state.check = null;
      showCheck();
      return;
    }
    group.hidden = false;
    state.items = await loadPlacements();
    if (kindSelect.value !== state.kind) return;
    fillOptions();
    await runCheck();
  }

  kindSelect.addEventListener('change', onKind);
  select.addEventListener('change', runCheck);
  onKind();

  return {
    // The members to add to the phase body.
    read() {
      if (group.hidden || !select.value) return {};
      const out = { placement_id: Number(select.value) };
      const why = override.querySelector('textarea').value.trim();
      if (!override.hidden && why) out.override_reason = why;
      return out;
    },
    // After a refused placing: show the reason field (a requirement is not met).
    needReason() {
      if (!group.hidden && select.value) override.hidden = false;
    },
    async refresh() {
      state.items = await loadPlacements(true);
      if (!group.hidden) fillOptions();
    },
  };
}
