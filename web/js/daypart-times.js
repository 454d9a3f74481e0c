// daypart-times.js - the clock times of the day-parts on the admin page
// (GET/PUT /api/day-part-times): from when to when the morning, the
// afternoon and the evening run. Only the beheerder (ACT_CONFIGURE) changes
// them; all three are sent together, and a part that ends before it starts
// or runs into the next is refused beside its field.
import { get, put, describeError } from './api.js';
import { h, $, clear, showMessage, inputField, showSubmitError, clearErrors } from './dom.js';
import { capitalise } from './labels.js';
import { PARTS } from './workfloor.js';

const LABELS = {};
for (const [part, label] of PARTS) {
  LABELS[part] = capitalise(label);
  LABELS[`${part}.start_time`] = `${capitalise(label)}: begintijd`;
  LABELS[`${part}.end_time`] = `${capitalise(label)}: eindtijd`;
}

const REASONS = [
  [/^"(.*)" is not after the start "(.*)"$/, (m) => `${m[1]} is niet later dan het begin (${m[2]})`],
  [/^.*(ends|end) (is )?(not after|before) (it|the start|start).*$/, () => 'het einde moet later zijn dan het begin'],
  [/^.*runs into (the )?(next|(\w+)).*$/, () => 'loopt door in het volgende dagdeel'],
  [/^"(.*)" is not a (clock )?time.*$/, (m) => `"${m[1]}" is geen tijd zoals 08:30`],
  [/^is required$/, () => 'is verplicht'],
];

function reasonTimes(reason) {
  const text = String(reason ?? '');
  for (const [re, fmt] of REASONS) {
    const m = re.exec(text);
    if (m) return fmt(m);
  }
  return text;
}

function hhmm(t) {
  return String(t || '').slice(0, 5);
}

function render(items) {
  const box = $('#daypart-times-fields');
  clear(box);
  const byPart = Object.fromEntries(items.map((i) => [i.part, i]));
  for (const [part, label] of PARTS) {
    const it = byPart[part] || {};
    box.append(h('fieldset', {
      class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-offer-group meedoen-daypart-times', id: `dpt-${part}`, dataset: { field: part },
    },
    h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend', text: capitalise(it.label || label) }),
    h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: `dpt-${part}-error`, hidden: true }),
    h('div', { class: 'meedoen-grid-2' },
      inputField({ id: `dpt-${part}-start`, name: `${part}.start_time`, label: 'Begintijd', type: 'time', required: true, value: hhmm(it.start_time) }),
      inputField({ id: `dpt-${part}-end`, name: `${part}.end_time`, label: 'Eindtijd', type: 'time', required: true, value: hhmm(it.end_time) }))));
  }
}

async function save(ev) {
  ev.preventDefault();
  const form = $('#daypart-times-form');
  clearErrors(form);
  clear($('#daypart-times-errors'));
  clear($('#daypart-times-message'));
  const body = {};
  for (const [part] of PARTS) {
    body[part] = {
      start_time: form.elements.namedItem(`${part}.start_time`).value,
      end_time: form.elements.namedItem(`${part}.end_time`).value,
    };
  }
  const btn = $('#daypart-times-save');
  btn.disabled = true;
  try {
    const res = await put('/api/day-part-times', body);
    render(Array.isArray(res?.items) ? res.items : []);
    showMessage($('#daypart-times-message'), 'ok', 'De tijden van de dagdelen zijn opgeslagen.');
    const box = $('#daypart-times-message .utrecht-alert');
    if (box) { box.setAttribute('tabindex', '-1'); box.focus(); }
  } catch (err) {
    showSubmitError(form, $('#daypart-times-errors'), err, {
      title: 'De tijden zijn niet opgeslagen', labels: LABELS, reason: reasonTimes, describe: describeError,
      intro: 'Er is niets gewijzigd.',
    });
  } finally {
    btn.disabled = false;
  }
}

async function main() {
  const form = $('#daypart-times-form');
  if (!form) return;
  try {
    const me = await get('/api/me', { noRedirect: true });
    const user = me && me.user ? me.user : me;
    if (!user || user.role !== 'admin') return;
    const data = await get('/api/day-part-times', { noRedirect: true });
    render(Array.isArray(data?.items) ? data.items : []);
    $('#dagdelen').hidden = false;
    form.addEventListener('submit', save);
  } catch (err) {
    // No times to show (the route is missing or refused): leave the section out.
  } finally {
    form.dataset.loaded = 'true';
  }
}

main();
