// list.js - the participant list: search by name, filter by organisation and
// arrival date, paged, in the order the API returns (Dutch collation).
import { get, query, describeError } from './api.js';
import { h, $, clear, table, showMessage } from './dom.js';
import { initPage, intParam } from './nav.js';
import { loadCodes, codeLabel } from './codes.js';
import { formatDate } from './labels.js';

const PER_PAGE = 25;
const FILTERS = ['q', 'organisation', 'arrival_from', 'arrival_to'];

function currentFilters() {
  const sp = new URLSearchParams(location.search);
  const f = {};
  for (const k of FILTERS) f[k] = (sp.get(k) || '').trim();
  return f;
}

function pageHref(filters, page) {
  return `/index.html${query({ ...filters, page: page > 1 ? page : '' })}`;
}

function restricted() {
  return h('span', { class: 'meedoen-restricted', text: 'afgeschermd' });
}

function cell(p, key, fmt = (v) => v) {
  if (!(key in p)) return restricted();
  const v = p[key];
  return v === null || v === undefined || v === '' ? '' : fmt(v);
}

function renderPager(filters, page, total) {
  const pager = $('#pager');
  clear(pager);
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  if (pages <= 1) { pager.hidden = true; return; }
  pager.hidden = false;
  const list = h('ul', { class: 'meedoen-pager__list' });
  const link = (p, text, label, extraClass = '') => h('li', { class: 'meedoen-pager__item' },
    h('a', { class: `utrecht-pagination__page-link meedoen-pager__link ${extraClass}`.trim(), href: pageHref(filters, p), 'aria-label': label }, text));
  if (page > 1) list.append(link(page - 1, 'Vorige', `Vorige pagina (pagina ${page - 1})`, 'meedoen-pager__link--rel'));
  const shown = new Set([1, pages]);
  for (let p = page - 2; p <= page + 2; p++) if (p >= 1 && p <= pages) shown.add(p);
  let last = 0;
  for (const p of [...shown].sort((a, b) => a - b)) {
    if (p - last > 1) list.append(h('li', { class: 'meedoen-pager__item meedoen-pager__gap', 'aria-hidden': 'true', text: '…' }));
    if (p === page) {
      list.append(h('li', { class: 'meedoen-pager__item' },
        h('a', { class: 'utrecht-pagination__page-link utrecht-pagination__page-link--current meedoen-pager__link', href: pageHref(filters, p), 'aria-current': 'page', 'aria-label': `Pagina ${p}` }, String(p))));
    } else {
      list.append(link(p, String(p), `Pagina ${p}`));
    }
    last = p;
  }
  if (page < pages) list.append(link(page + 1, 'Volgende', `Volgende pagina (pagina ${page + 1})`, 'meedoen-pager__link--rel'));
  pager.append(list);
}

async function main() {
  const user = await initPage('list');
  const filters = currentFilters();
  const page = intParam('page', 1) || 1;
  for (const k of FILTERS) { const el = $(`#${k}`); if (el && k !== 'organisation') el.value = filters[k]; }

  const form = $('#search-form');
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const f = {};
    for (const k of FILTERS) f[k] = $(`#${k}`).value.trim();
    location.assign(pageHref(f, 1));
  });

  const [codes, orgs] = await Promise.all([
    loadCodes(),
    get('/api/organisations').catch(() => ({ items: [] })),
  ]);
  const orgSelect = $('#organisation');
  for (const o of orgs?.items || []) {
    const opt = h('option', { value: String(o.id), text: o.name });
    if (String(o.id) === filters.organisation) opt.selected = true;
    orgSelect.append(opt);
  }

  const results = $('#results');
  const count = $('#result-count');
  if (user.role === 'admin') {
    showMessage($('#list-message'), 'info', 'Als beheerder ziet u geen persoonsgegevens van deelnemers. Ga naar Gebruikers om accounts te beheren.');
    return;
  }
  count.textContent = 'Deelnemers worden geladen…';
  let data;
  try {
    data = await get(`/api/participants${query({ ...filters, page, per_page: PER_PAGE })}`);
  } catch (err) {
    count.textContent = '';
    showMessage($('#list-message'), 'error', describeError(err));
    return;
  }
  const total = Number(data.total) || 0;
  const items = data.items || [];
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  const searching = FILTERS.some((k) => filters[k]);
  if (total === 0) {
    count.textContent = searching ? 'Geen deelnemers gevonden die aan de zoekopdracht voldoen.' : 'Er zijn geen deelnemers die u mag zien.';
  } else {
    count.textContent = `${total} ${total === 1 ? 'deelnemer' : 'deelnemers'} gevonden${pages > 1 ? `, pagina ${page} van ${pages}` : ''}.`;
  }
  clear(results);
  if (items.length) {
    const rows = items.map((p) => {
      const hasName = 'family_name' in p || 'given_names' in p;
      const name = hasName ? [p.family_name, p.given_names].filter(Boolean).join(', ') : `Deelnemer ${p.id}`;
      return [
        h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/dossier.html?id=${encodeURIComponent(p.id)}` }, name,
          hasName ? null : h('span', { class: 'meedoen-restricted', text: ' (afgeschermd)' })),
        cell(p, 'birth_date', formatDate),
        cell(p, 'country_of_origin', (v) => codeLabel(codes, 'countries', v)),
        cell(p, 'arrival_date', formatDate),
        cell(p, 'target_group', (v) => codeLabel(codes, 'target_group', v)),
      ];
    });
    results.append(table({
      caption: searching ? 'Gevonden deelnemers' : 'Deelnemers',
      columns: [{ label: 'Naam' }, { label: 'Geboortedatum' }, { label: 'Land van herkomst' }, { label: 'Aankomst in de gemeente' }, { label: 'Doelgroep' }],
      rows,
      className: 'meedoen-participants',
    }));
  }
  renderPager(filters, page, total);
}

main().finally(() => { document.body.dataset.ready = "true"; });
