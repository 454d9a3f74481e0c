// capacity.js - the capacity grid (GET /api/capacity): for each production
// hall and placement, how many participants have work planned there per
// day-part and week, against its capacity. Shown either as one table of
// weeks by 21 day-parts or as one 7 x 3 table per week; cells above
// capacity say so in words ("te vol"), not by colour alone, and every cell
// is tied to its day, part and week by th scope for screen readers.
import { get, query, describeError, ApiError } from './api.js';
import { h, $, clear, showMessage } from './dom.js';
import { initPage } from './nav.js';
import { today } from './labels.js';
import { DAYS, PARTS, capitalise, formatDate, dayPartsText, mondayOf, addDays } from './lessons.js';

const CODES = DAYS.flatMap(([d]) => PARTS.map(([p]) => `${d}_${p}`));
const DEFAULT_WEEKS = 4;

const ctx = { user: null, orgs: [] };

function params() {
  const sp = new URLSearchParams(location.search);
  const from = sp.get('from');
  const weeks = Number(sp.get('weeks'));
  const org = sp.get('organisation');
  return {
    from: from && /^\d{4}-\d{2}-\d{2}$/.test(from) ? from : mondayOf(today()),
    weeks: Number.isInteger(weeks) && weeks >= 1 && weeks <= 12 ? weeks : DEFAULT_WEEKS,
    organisation: org && /^\d+$/.test(org) ? org : '',
    view: sp.get('view') === 'week' ? 'week' : 'weeks',
  };
}

// ISO 8601 week number of a YYYY-MM-DD date.
function isoWeek(iso) {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  const day = (date.getUTCDay() + 6) % 7;
  date.setUTCDate(date.getUTCDate() - day + 3);
  const firstThursday = new Date(Date.UTC(date.getUTCFullYear(), 0, 4));
  return 1 + Math.round(((date - firstThursday) / 86400000 - 3 + ((firstThursday.getUTCDay() + 6) % 7)) / 7);
}

function weekLabel(monday) {
  return `week ${isoWeek(monday)}`;
}

function weekRange(monday) {
  return `${formatDate(monday)} tot en met ${formatDate(addDays(monday, 6))}`;
}

// The state of one cell: planned count, whether it is above capacity, and
// whether the placement works in that day-part at all.
function cellState(item, row, i) {
  const planned = Number(row.planned?.[i]) || 0;
  const cap = Number(item.capacity) || 0;
  const code = CODES[i];
  const overList = Array.isArray(row.over) ? row.over : null;
  const over = overList ? overList.includes(code) : planned > cap;
  const parts = Array.isArray(item.day_parts) ? item.day_parts : [];
  const works = !parts.length || parts.includes(code) || planned > 0;
  return { planned, cap, over, works, full: !over && cap > 0 && planned >= cap };
}

// One cell: "2/3" on screen, "2 van 3" to a screen reader, and "te vol"
// in words when above capacity.
function cell(st) {
  if (!st.works) {
    return h('td', { class: 'meedoen-capacity__cell meedoen-capacity__cell--none' },
      h('span', { 'aria-hidden': 'true', text: '–' }), h('span', { class: 'meedoen-visually-hidden', text: 'geen werk' }));
  }
  const cls = ['meedoen-capacity__cell'];
  if (st.over) cls.push('meedoen-capacity__cell--over');
  else if (st.full) cls.push('meedoen-capacity__cell--full');
  else if (st.planned === 0) cls.push('meedoen-capacity__cell--empty');
  return h('td', { class: cls.join(' '), dataset: { planned: String(st.planned), over: st.over ? 'true' : 'false' } },
    h('span', { class: 'meedoen-capacity__count', 'aria-hidden': 'true', text: `${st.planned}/${st.cap}` }),
    h('span', { class: 'meedoen-visually-hidden', text: `${st.planned} van ${st.cap}` }),
    st.over ? h('span', { class: 'meedoen-capacity__over', text: ` te vol (+${st.planned - st.cap})` }) : null);
}

function scrollBox(label, tableEl) {
  return h('div', {
    class: 'utrecht-table-container utrecht-table-container--overflow-inline meedoen-capacity__scroll',
    tabindex: '0', role: 'region', 'aria-label': label,
  }, tableEl);
}

// Weeks by 21 day-parts: two header rows (the days over three parts each).
function weeksTable(item) {
  const caption = `${item.title}: ingepland per dagdeel, per week (gepland/plekken)`;
  const colgroups = [h('colgroup', {}, h('col', {})), ...DAYS.map(() => h('colgroup', { span: '3' }))];
  const head1 = h('tr', { class: 'utrecht-table__row' },
    h('td', { class: 'utrecht-table__header-cell meedoen-capacity__corner', rowspan: '2' }),
    DAYS.map(([, label]) => h('th', { class: 'utrecht-table__header-cell meedoen-capacity__day', scope: 'colgroup', colspan: '3', text: capitalise(label) })));
  const head2 = h('tr', { class: 'utrecht-table__row' },
    DAYS.flatMap(() => PARTS.map(([, label]) => h('th', { class: 'utrecht-table__header-cell meedoen-capacity__part', scope: 'col', text: label }))));
  const grid = Array.isArray(item.grid) ? item.grid : [];
  const body = h('tbody', { class: 'utrecht-table__body' },
    grid.map((row) => h('tr', { class: 'utrecht-table__row' },
      h('th', { class: 'utrecht-table__cell meedoen-row-header meedoen-capacity__week', scope: 'row' },
        weekLabel(row.week), h('span', { class: 'meedoen-capacity__date', text: ` ${formatDate(row.week)}` })),
      CODES.map((_, i) => cell(cellState(item, row, i))))));
  const t = h('table', { class: 'utrecht-table utrecht-table--html-table meedoen-capacity' },
    h('caption', { class: 'utrecht-table__caption', text: caption }),
    colgroups, h('thead', { class: 'utrecht-table__header' }, head1, head2), body);
  return scrollBox(caption, t);
}

// One week as days (columns) by parts (rows).
function weekTable(item, row) {
  const caption = `${item.title}, ${weekLabel(row.week)} (${weekRange(row.week)}): gepland/plekken`;
  const head = h('tr', { class: 'utrecht-table__row' },
    h('td', { class: 'utrecht-table__header-cell meedoen-capacity__corner' }),
    DAYS.map(([, label], di) => h('th', { class: 'utrecht-table__header-cell meedoen-capacity__day', scope: 'col' },
      capitalise(label), h('span', { class: 'meedoen-capacity__date', text: ` ${formatDate(addDays(row.week, di)).slice(0, 5)}` }))));
  const body = h('tbody', { class: 'utrecht-table__body' },
    PARTS.map(([, label], pi) => h('tr', { class: 'utrecht-table__row' },
      h('th', { class: 'utrecht-table__cell meedoen-row-header', scope: 'row', text: capitalise(label) }),
      DAYS.map((_, di) => cell(cellState(item, row, di * 3 + pi))))));
  const t = h('table', { class: 'utrecht-table utrecht-table--html-table meedoen-capacity meedoen-capacity--week' },
    h('caption', { class: 'utrecht-table__caption', text: caption }),
    h('thead', { class: 'utrecht-table__header' }, head), body);
  return scrollBox(caption, t);
}

// The day-parts above capacity of one placement, in words.
function overList(item) {
  const out = [];
  for (const row of Array.isArray(item.grid) ? item.grid : []) {
    CODES.forEach((code, i) => {
      const st = cellState(item, row, i);
      if (st.over) out.push(`${weekLabel(row.week)}, ${dayPartsText([code])}: ${st.planned} van ${st.cap}`);
    });
  }
  return out;
}

function placementBlock(item, view) {
  const id = `plaats-${item.placement_id}`;
  const over = overList(item);
  const block = h('section', { class: 'meedoen-capacity-block', id, 'aria-labelledby': `${id}-title`, dataset: { placement: String(item.placement_id) } },
    h('h3', { class: 'utrecht-heading-3', id: `${id}-title` },
      h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/placement.html?id=${encodeURIComponent(item.placement_id)}` }, item.title)),
    h('p', { class: 'utrecht-paragraph meedoen-muted' },
      [item.organisation_name, `${item.capacity ?? 0} ${Number(item.capacity) === 1 ? 'plek' : 'plekken'} per dagdeel`,
        Array.isArray(item.day_parts) && item.day_parts.length ? `werk op ${dayPartsText(item.day_parts)}` : null].filter(Boolean).join(' · ')),
    over.length
      ? h('div', { class: 'meedoen-capacity__overview' },
        h('p', { class: 'utrecht-paragraph meedoen-capacity__over-title' },
          h('strong', { text: `Te vol op ${over.length} ${over.length === 1 ? 'dagdeel' : 'dagdelen'}:` })),
        h('ul', { class: 'utrecht-unordered-list' }, over.map((t) => h('li', { class: 'utrecht-unordered-list__item', text: t }))))
      : null);
  if (view === 'week') for (const row of item.grid || []) block.append(weekTable(item, row));
  else block.append(weeksTable(item));
  return block;
}

async function load() {
  const p = params();
  const results = $('#capacity-results');
  const summary = $('#capacity-summary');
  clear($('#capacity-message'));
  clear(results);
  summary.textContent = 'De capaciteit wordt geladen…';
  let data;
  try {
    data = await get(`/api/capacity${query({ from: p.from, weeks: p.weeks, organisation: p.organisation })}`);
  } catch (err) {
    summary.textContent = '';
    const errors = err instanceof ApiError ? err.errors : [];
    const denied = err instanceof ApiError && err.status === 403;
    showMessage($('#capacity-message'), denied || errors.length ? 'warning' : 'error',
      denied ? 'U mag de capaciteit van plaatsen niet inzien.'
        : errors.length ? `De periode klopt niet: ${errors.map((e) => `${e.field === 'weeks' ? 'aantal weken' : e.field === 'from' ? 'vanaf' : e.field} ${e.reason}`).join('; ')}.`
          : `De capaciteit kon niet worden geladen. ${describeError(err)}`);
    return;
  }
  const items = Array.isArray(data?.items) ? data.items : [];
  const weeks = Array.isArray(data?.weeks) ? data.weeks : [];
  const overCount = items.reduce((n, it) => n + overList(it).length, 0);
  const range = weeks.length ? `${weekLabel(weeks[0])}${weeks.length > 1 ? ` tot en met ${weekLabel(weeks.at(-1))}` : ''} (${formatDate(weeks[0])} tot en met ${formatDate(addDays(weeks.at(-1), 6))})` : '';
  if (!items.length) {
    summary.textContent = `Geen plaatsen gevonden${range ? ` voor ${range}` : ''}.`;
    return;
  }
  summary.textContent = `${items.length} ${items.length === 1 ? 'plaats' : 'plaatsen'}, ${range}. `
    + (overCount ? `${overCount} ${overCount === 1 ? 'dagdeel is' : 'dagdelen zijn'} te vol.` : 'Nergens te vol.');
  const groups = [
    ['Productiehallen', items.filter((i) => i.is_hall)],
    ['Plaatsen bij werkgevers', items.filter((i) => !i.is_hall)],
  ];
  for (const [title, list] of groups) {
    if (!list.length) continue;
    const hid = title === 'Productiehallen' ? 'hallen' : 'werkgevers';
    results.append(h('section', { class: 'meedoen-section', id: hid, 'aria-labelledby': `${hid}-title` },
      h('h2', { class: 'utrecht-heading-2', id: `${hid}-title`, text: `${title} (${list.length})` }),
      list.map((it) => placementBlock(it, p.view))));
  }
}

function fillFilters() {
  const p = params();
  $('#from').value = p.from;
  $('#weeks').value = String(p.weeks);
  $('#view').value = p.view;
  const sel = $('#organisation');
  if (ctx.user.role === 'employer') {
    $('#organisation-filter').hidden = true;
    return;
  }
  const orgs = ctx.orgs.filter((o) => o.type === 'employer' || o.type === 'social_work_company')
    .sort((a, b) => (a.type === b.type ? a.name.localeCompare(b.name, 'nl') : a.type === 'social_work_company' ? -1 : 1));
  for (const o of orgs) {
    sel.append(h('option', { value: String(o.id), text: o.type === 'social_work_company' ? `${o.name} (productiehallen)` : o.name }));
  }
  sel.value = p.organisation;
}

async function main() {
  ctx.user = await initPage('capacity');
  const orgData = await get('/api/organisations').catch(() => ({ items: [] }));
  ctx.orgs = Array.isArray(orgData?.items) ? orgData.items : [];
  fillFilters();
  await load();
}

main().finally(() => { document.body.dataset.ready = 'true'; });
