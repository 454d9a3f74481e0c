// worklist.js - the page a user lands on: the signals on their own caseload
// (GET /api/signals), most overdue first, with counts per rule; for the
// director, case manager and project leader also the counts over every
// participant per rule and per organisation (GET /api/signals/summary).
import { get, describeError, ApiError } from './api.js';
import { h, $, clear, table, showMessage } from './dom.js';
import { initPage, CAN } from './nav.js';
import { dueBadge } from './path.js';
import {
  SIGNAL_RULE_LABELS, SIGNAL_RULE_SHORT, SIGNAL_RULE_SECTION, capitalise, formatDate, roleLabel,
} from './labels.js';

const state = { items: [], labels: {} };

function ruleLabel(rule) {
  return state.labels[rule] || SIGNAL_RULE_LABELS[rule] || rule;
}

function personName(s) {
  const name = [s.family_name, s.given_names].filter(Boolean).join(', ');
  return name || `Deelnemer ${s.participant_id}`;
}

function dossierHref(s) {
  const section = SIGNAL_RULE_SECTION[s.rule];
  return `/dossier.html?id=${encodeURIComponent(s.participant_id)}${section ? `#${section}` : ''}`;
}

// A bar for a count, beside the number in the same row. The number is the
// accessible value; the bar only repeats it for the eye.
function bar(value, max) {
  return h('meter', { class: 'meedoen-meter meedoen-bar', min: 0, max: Math.max(max, 1), value, 'aria-hidden': 'true' });
}

function countsTable(caption, rows) {
  const max = Math.max(0, ...rows.map((r) => r.count));
  return table({
    caption,
    columns: [{ label: 'Signaal' }, { label: 'Aantal', numeric: true }, { label: 'Verhouding', hidden: true }],
    rows: rows.map((r) => [capitalise(r.label), String(r.count), bar(r.count, max)]),
    className: 'meedoen-counts',
  });
}

function renderList() {
  const rule = $('#rule').value;
  const items = rule ? state.items.filter((s) => s.rule === rule) : state.items;
  const list = $('#mine-list');
  clear(list);
  if (!items.length) return;
  list.append(table({
    caption: rule ? `Signalen: ${ruleLabel(rule)}` : 'Alle signalen op uw caseload, meest over tijd eerst',
    columns: [{ label: 'Deelnemer' }, { label: 'Signaal' }, { label: 'Uiterste datum' }, { label: 'Over tijd' }, { label: 'Wie moet handelen' }],
    rows: items.map((s) => [
      h('a', { class: 'utrecht-link utrecht-link--html-a', href: dossierHref(s) }, personName(s)),
      capitalise(s.label || ruleLabel(s.rule)),
      formatDate(s.due),
      dueBadge(s.due, 5) || '',
      s.actor ? roleLabel(s.actor) : '',
    ]),
    className: 'meedoen-signals',
  }));
}

async function loadMine() {
  let data;
  try {
    data = await get('/api/signals');
  } catch (err) {
    showMessage($('#worklist-message'), err instanceof ApiError && err.status === 403 ? 'info' : 'error',
      err instanceof ApiError && err.status === 403 ? 'U hebt geen werkvoorraad met deelnemers.' : `De werkvoorraad kon niet worden geladen. ${describeError(err)}`);
    return;
  }
  const items = Array.isArray(data?.items) ? data.items : [];
  state.items = items;
  for (const s of items) if (s.label) state.labels[s.rule] = s.label;
  $('#mine').hidden = false;
  const count = $('#mine-count');
  if (!items.length) {
    count.textContent = '';
    showMessage($('#mine-counts'), 'ok', 'Er zijn geen signalen: niets op uw caseload vraagt nu actie.');
    return;
  }
  const people = new Set(items.map((s) => s.participant_id)).size;
  const counts = data.counts && typeof data.counts === 'object' ? data.counts : {};
  // The API sends the most urgent signals (a limit) and counts all of them.
  const total = Math.max(items.length, Number(data.total) || Object.values(counts).reduce((n, c) => n + (Number(c) || 0), 0));
  count.textContent = total > items.length
    ? `${total} signalen; de ${items.length} die het langst over tijd zijn staan hieronder.`
    : `${items.length} ${items.length === 1 ? 'signaal' : 'signalen'} bij ${people} ${people === 1 ? 'deelnemer' : 'deelnemers'}.`;
  const rules = Object.keys(counts).length ? Object.keys(counts) : [...new Set(items.map((s) => s.rule))];
  const rows = rules.map((r) => ({ rule: r, label: ruleLabel(r), count: Number(counts[r] ?? items.filter((s) => s.rule === r).length) }))
    .filter((r) => r.count > 0)
    .sort((a, b) => b.count - a.count);
  clear($('#mine-counts'));
  $('#mine-counts').append(countsTable('Mijn signalen per soort', rows));
  const select = $('#rule');
  for (const r of rows) select.append(h('option', { value: r.rule, text: `${capitalise(r.label)} (${r.count})` }));
  const wanted = new URLSearchParams(location.search).get('rule');
  if (wanted && rows.some((r) => r.rule === wanted)) select.value = wanted;
  $('#rule-filter').hidden = false;
  $('#rule-filter').addEventListener('submit', (ev) => ev.preventDefault());
  select.addEventListener('change', () => {
    const u = new URL(location.href);
    if (select.value) u.searchParams.set('rule', select.value); else u.searchParams.delete('rule');
    history.replaceState(null, '', u);
    renderList();
  });
  renderList();
}

async function loadOverview() {
  $('#overview').hidden = false;
  let data;
  try {
    data = await get('/api/signals/summary');
  } catch (err) {
    if (err instanceof ApiError && err.status === 403) { $('#overview').hidden = true; return; }
    showMessage($('#overview-message'), 'error', `Het overzicht kon niet worden geladen. ${describeError(err)}`);
    return;
  }
  const byRule = Array.isArray(data?.by_rule) ? data.by_rule : [];
  for (const r of byRule) if (r.label) state.labels[r.rule] = r.label;
  const total = Number(data?.total ?? byRule.reduce((n, r) => n + Number(r.count || 0), 0));
  $('#overview-total').textContent = total === 0
    ? 'Er zijn geen signalen bij alle deelnemers samen.'
    : `${total} ${total === 1 ? 'signaal' : 'signalen'} bij alle deelnemers samen.`;
  if (!total) return;
  const rows = byRule.map((r) => ({ rule: r.rule, label: r.label || ruleLabel(r.rule), count: Number(r.count) || 0 }));
  $('#overview-rules').append(countsTable('Alle signalen per soort', rows));

  const orgs = Array.isArray(data?.by_organisation) ? data.by_organisation : [];
  if (!orgs.length) return;
  const rules = rows.filter((r) => r.count > 0).map((r) => r.rule);
  const maxTotal = Math.max(0, ...orgs.map((o) => Number(o.total) || 0));
  $('#overview-orgs').append(table({
    caption: 'Signalen per organisatie',
    columns: [{ label: 'Organisatie' }, { label: 'Totaal', numeric: true }, { label: 'Verhouding', hidden: true },
      ...rules.map((r) => ({ label: capitalise(SIGNAL_RULE_SHORT[r] || ruleLabel(r)), numeric: true }))],
    rows: orgs.map((o) => [
      o.organisation_name || (o.organisation_id ? `Organisatie ${o.organisation_id}` : 'Geen organisatie'),
      String(o.total ?? 0),
      bar(Number(o.total) || 0, maxTotal),
      ...rules.map((r) => String(o.counts?.[r] ?? 0)),
    ]),
    className: 'meedoen-counts meedoen-org-counts',
  }));
}

async function main() {
  const user = await initPage('worklist');
  if (user.role === 'admin') {
    showMessage($('#worklist-message'), 'info', 'Als beheerder hebt u geen werkvoorraad met deelnemers. Ga naar Gebruikers om accounts te beheren.');
    return;
  }
  const tasks = [loadMine()];
  if (CAN.signalSummary.has(user.role)) tasks.push(loadOverview());
  await Promise.all(tasks);
}

main().finally(() => { document.body.dataset.ready = "true"; });
