// sheltered.js - the sheltered-work pipeline as a board (GET /api/sheltered):
// one column per stage, each a section with a heading and a list of cards,
// so that a screen reader can move by heading and by list.
import { get, describeError, ApiError } from './api.js';
import { h, $, clear, showMessage } from './dom.js';
import { initPage } from './nav.js';
import { loadCodes, codeLabel } from './codes.js';
import { dueBadge } from './path.js';
import {
  SHELTERED_STAGE_LABELS, SHELTERED_STAGE_ORDER, SHELTERED_SOURCE_LABELS, SHELTERED_INDICATION_LABELS,
  capitalise, formatDate, labelOf,
} from './labels.js';

function name(it) {
  const n = [it.given_names, it.family_name].filter(Boolean).join(' ');
  return n || `Deelnemer ${it.id}`;
}

let codes = {};

// The Dutch name of a code: from GET /api/codes, else from labels.js.
function text(list, map, code) {
  if (!code) return 'onbekend';
  const fromCodes = codeLabel(codes, list, code);
  return capitalise(fromCodes && fromCodes !== code ? fromCodes : labelOf(map, code));
}

function card(it) {
  const facts = [
    ['Herkomst', text('sheltered_sources', SHELTERED_SOURCE_LABELS, it.source)],
    ['Indicatie', text('indication_status', SHELTERED_INDICATION_LABELS, it.indication_status)],
  ];
  if (it.hold_until) facts.push(['Plek vast tot en met', [formatDate(it.hold_until), ' ', dueBadge(it.hold_until, 30)]]);
  return h('li', { class: 'meedoen-card' },
    h('p', { class: 'meedoen-card__title' },
      h('a', { class: 'utrecht-link utrecht-link--html-a', href: `/dossier.html?id=${encodeURIComponent(it.id)}#beschut` }, name(it))),
    h('dl', { class: 'meedoen-card__facts' },
      facts.map(([k, v]) => h('div', { class: 'meedoen-card__fact' },
        h('dt', { text: k }), h('dd', {}, v)))));
}

async function main() {
  await initPage('sheltered');
  codes = await loadCodes();
  let data;
  try {
    data = await get('/api/sheltered');
  } catch (err) {
    showMessage($('#board-message'), err instanceof ApiError && err.status === 403 ? 'info' : 'error',
      err instanceof ApiError && err.status === 403 ? 'U mag de pijplijn voor beschut werk niet inzien.' : `De pijplijn kon niet worden geladen. ${describeError(err)}`);
    return;
  }
  const stages = Array.isArray(data?.stages) ? [...data.stages] : [];
  const rank = (c) => { const i = SHELTERED_STAGE_ORDER.indexOf(c); return i < 0 ? 99 : i; };
  stages.sort((a, b) => rank(a.code) - rank(b.code));
  const total = stages.reduce((n, s) => n + (Array.isArray(s.items) ? s.items.length : 0), 0);
  $('#board-count').textContent = total === 0
    ? 'Er staat nog niemand in de pijplijn voor beschut werk.'
    : `${total} ${total === 1 ? 'kandidaat' : 'kandidaten'} in ${stages.filter((s) => s.items?.length).length} van de ${stages.length} fasen.`;
  const board = $('#board');
  clear(board);
  for (const st of stages) {
    const items = Array.isArray(st.items) ? st.items : [];
    const headingId = `stage-${st.code}`;
    const col = h('section', { class: 'meedoen-board__column', 'aria-labelledby': headingId, dataset: { stage: st.code } },
      h('h2', { class: 'utrecht-heading-3 meedoen-board__heading', id: headingId },
        capitalise(st.label || labelOf(SHELTERED_STAGE_LABELS, st.code)),
        ' ', h('span', { class: 'meedoen-board__count', text: `(${items.length})` })));
    if (items.length) {
      col.append(h('ul', { class: 'meedoen-board__list', 'aria-labelledby': headingId }, items.map(card)));
    } else {
      col.append(h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Niemand in deze fase.' }));
    }
    board.append(col);
  }
}

main().finally(() => { document.body.dataset.ready = "true"; });
