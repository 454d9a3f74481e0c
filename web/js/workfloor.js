// workfloor.js - what the employer and placement pages share: the days
// and day-parts of the week, and occupancy shown as text with a bar.
import { h } from './dom.js';

export const DAYS = [
  ['mon', 'maandag'], ['tue', 'dinsdag'], ['wed', 'woensdag'], ['thu', 'donderdag'],
  ['fri', 'vrijdag'], ['sat', 'zaterdag'], ['sun', 'zondag'],
];
export const PARTS = [['morning', 'ochtend'], ['afternoon', 'middag'], ['evening', 'avond']];

// Occupancy as text ("3 van 4") with a bar beside it that screen readers
// skip: the text says the same.
export function occupancy(occ, cap) {
  const o = Number(occ) || 0;
  const c = Number(cap) || 0;
  if (c <= 0) return h('span', { class: 'meedoen-muted', text: 'geen plaatsen' });
  const full = o >= c;
  return h('span', { class: `meedoen-occupancy${full ? ' meedoen-occupancy--full' : ''}` },
    h('meter', { class: 'meedoen-meter meedoen-occupancy__bar', min: 0, max: c, value: Math.min(o, c), 'aria-hidden': 'true' }),
    h('span', { class: 'meedoen-occupancy__text' }, `${o} van ${c}`,
      h('span', { class: 'meedoen-visually-hidden', text: ' plaatsen bezet' }),
      full ? h('span', { class: 'meedoen-occupancy__full', text: ' (vol)' }) : null));
}

