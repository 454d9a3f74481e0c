// csv-report.js - a small CSV upload with the row-by-row report, shared by
// the timetable and class-attendance pages. The file is sent first as a
// whole (nothing is stored when one row is wrong); the report names the
// line and the column of every rejected row, and when some rows were good
// a second button sends the same file again with ?partial=1 to store those.
import { request, query, describeError, ApiError } from './api.js';
import { h, $, clear, table, dataList, showMessage, setFieldError, clearErrors, showErrorSummary, uniqueId } from './dom.js';
import { reasonNl } from './labels.js';

function n(v) {
  return v === undefined || v === null ? '0' : String(v);
}

// Count members of a report shown when present, with their Dutch labels.
const COUNTS = [
  ['rows', 'Rijen gelezen'], ['groups', 'Lesgroepen'], ['created', 'Nieuw'], ['updated', 'Bijgewerkt'],
  ['unchanged', 'Ongewijzigd'], ['recorded', 'Vastgelegd'], ['rejected', 'Afgewezen'],
];

// Build the upload form into `container`. Options:
//   id       prefix for element ids
//   path     the import route (POST, CSV body)
//   title    accessible name of the form
//   fileLabel, fileHint
//   partialLabel  the text of the button that stores only the good part
//   reason   function putting a server reason into Dutch
//   onDone   called after a stored import (to reload lists)
export function csvImport(container, { id, path, title, fileLabel, fileHint, partialLabel, reason = reasonNl, onDone }) {
  const fileId = `${id}-file`;
  const input = h('input', {
    class: 'meedoen-file', id: fileId, name: 'file', type: 'file', accept: '.csv,text/csv', 'aria-describedby': `${fileId}-hint`,
  });
  const errorsBox = h('div', { id: `${id}-errors` });
  const submit = h('button', { class: 'utrecht-button utrecht-button--primary-action', type: 'submit', id: `${id}-button` }, 'Bestand controleren en importeren');
  const form = h('form', { class: 'utrecht-form meedoen-subform meedoen-csv-import', id: `${id}-form`, novalidate: true, 'aria-label': title },
    errorsBox,
    h('div', { class: 'utrecht-form-field utrecht-form-field--distanced', dataset: { field: 'file' } },
      h('div', { class: 'utrecht-form-field__label' }, h('label', { class: 'utrecht-form-label', for: fileId }, fileLabel)),
      h('div', { class: 'utrecht-form-field__description utrecht-form-field-description', id: `${fileId}-hint`, text: fileHint }),
      h('div', { class: 'utrecht-form-field__error-message utrecht-form-field-error-message', id: `${fileId}-error`, hidden: true }),
      h('div', { class: 'utrecht-form-field__input' }, input)),
    h('div', { class: 'utrecht-button-group meedoen-actions' }, submit));
  const headingId = uniqueId(`${id}-report-title`);
  const report = h('div', { class: 'meedoen-csv-report', id: `${id}-report`, hidden: true },
    h('h3', { class: 'utrecht-heading-3', id: headingId, tabindex: '-1', text: 'Verslag van de import' }),
    h('div', { id: `${id}-report-message` }),
    h('div', { id: `${id}-report-counts` }),
    h('div', { id: `${id}-report-errors` }),
    h('div', { id: `${id}-report-actions` }));
  container.append(form, report);

  function showReport(body, file) {
    report.hidden = false;
    const msg = $(`#${id}-report-message`, report);
    const counts = $(`#${id}-report-counts`, report);
    const errs = $(`#${id}-report-errors`, report);
    const actions = $(`#${id}-report-actions`, report);
    clear(msg); clear(counts); clear(errs); clear(actions);
    const rejected = Number(body.rejected) || 0;
    const errors = Array.isArray(body.errors) ? body.errors : [];
    // A bad header refuses the file as a whole: then storing "the good
    // part" would store nothing either.
    const headerRefused = errors.some((e) => Number(e.line) === 1);
    if (body.committed && rejected === 0) {
      showMessage(msg, 'ok', 'Het bestand is ingelezen en opgeslagen.');
    } else if (body.committed) {
      showMessage(msg, 'warning', `Het goede deel is opgeslagen. ${rejected} ${rejected === 1 ? 'rij is' : 'rijen zijn'} afgewezen en niet opgeslagen.`);
    } else {
      showMessage(msg, 'error', 'Het bestand is geweigerd: er is niets opgeslagen.',
        headerRefused ? 'De kopregel klopt niet. Verbeter het bestand en probeer het opnieuw.'
          : 'Verbeter de afgewezen rijen en probeer het opnieuw, of sla alleen het goede deel op.');
    }
    counts.append(dataList(COUNTS.filter(([k]) => k in body).map(([k, label]) => [label, n(body[k])])
      .concat([['Opgeslagen', body.committed ? 'ja' : 'nee']])));
    if (errors.length) {
      errs.append(table({
        caption: 'Afgewezen rijen',
        columns: [{ label: 'Regel', numeric: true }, { label: 'Kolom' }, { label: 'Reden' }],
        rows: errors.map((e) => [
          e.line === undefined || e.line === null ? '' : String(e.line),
          e.field ? h('code', { text: e.field }) : '',
          reason(e.reason),
        ]),
        className: 'meedoen-import-errors',
      }));
    }
    if (!body.committed && rejected > 0 && !headerRefused && file) {
      actions.append(h('div', { class: 'utrecht-button-group meedoen-actions' },
        h('button', {
          class: 'utrecht-button utrecht-button--secondary-action', type: 'button', id: `${id}-partial`,
          onclick: (ev) => send(file, true, ev.currentTarget),
        }, partialLabel)));
    }
    $(`#${headingId}`).focus();
  }

  async function send(file, partial, btn) {
    clear(errorsBox);
    const busy = btn || submit;
    busy.disabled = true;
    try {
      const res = await request('POST', `${path}${query({ partial: partial ? 1 : '' })}`, file,
        { raw: true, contentType: 'text/csv', acceptStatus: [422], withStatus: true });
      const body = res.body || {};
      if ('committed' in body || 'rows' in body) {
        showReport(body, file);
        if (body.committed && onDone) await onDone(body);
      } else {
        report.hidden = true;
        const errors = Array.isArray(body.errors) ? body.errors : [];
        showErrorSummary(errorsBox, 'Het bestand is geweigerd',
          errors.map((e) => ({ text: `${e.field || 'bestand'}: ${reason(e.reason)}` })), body.detail || body.title || 'Er is niets opgeslagen.');
      }
    } catch (err) {
      report.hidden = true;
      const errors = err instanceof ApiError ? err.errors : [];
      showErrorSummary(errorsBox, 'Er is niets geïmporteerd',
        errors.map((e) => ({ text: `${e.field || 'bestand'}: ${reason(e.reason)}` })), describeError(err));
    } finally {
      busy.disabled = false;
    }
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    clear(errorsBox);
    const file = input.files && input.files[0];
    let problem = null;
    if (!file) problem = 'Kies een bestand.';
    else if (!/\.csv$/i.test(file.name)) problem = 'Kies een bestand dat eindigt op .csv.';
    if (problem) {
      setFieldError(form.querySelector('[data-field="file"]'), problem);
      showErrorSummary(errorsBox, 'Er is niets geïmporteerd', [{ text: `${fileLabel}: ${problem}`, target: input }]);
      return;
    }
    await send(file, false, null);
  });
  return form;
}
