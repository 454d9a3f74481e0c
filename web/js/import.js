// import.js - upload a screening file (CSV or JSONL) as the raw request body
// and show the import report: counts and every rejected row.
import { request, query, describeError, ApiError } from './api.js';
import { $, clear, table, dataList, showMessage, setFieldError, clearErrors, showErrorSummary } from './dom.js';
import { initPage } from './nav.js';
import { reasonNl } from './labels.js';

function formatFor(name) {
  const ext = (/\.([A-Za-z0-9]+)$/.exec(name || '') || [])[1]?.toLowerCase();
  if (ext === 'csv') return { format: 'csv', type: 'text/csv' };
  if (ext === 'jsonl' || ext === 'ndjson' || ext === 'json') return { format: 'jsonl', type: 'application/x-ndjson' };
  return null;
}

function n(v) {
  return v === undefined || v === null ? '0' : String(v);
}

function showReport(report, status) {
  const section = $('#report');
  const msg = $('#report-message');
  const counts = $('#report-counts');
  const errs = $('#report-errors');
  clear(msg); clear(counts); clear(errs);
  section.hidden = false;
  const rejected = Number(report.rejected) || 0;
  if (report.committed && rejected === 0) {
    showMessage(msg, 'ok', `Het bestand is ingelezen: ${n(report.created)} nieuw, ${n(report.updated)} bijgewerkt, ${n(report.unchanged)} ongewijzigd.`);
  } else if (report.committed) {
    showMessage(msg, 'warning', `De goede rijen zijn opgeslagen (${n(report.created)} nieuw, ${n(report.updated)} bijgewerkt). ${rejected} ${rejected === 1 ? 'rij is' : 'rijen zijn'} afgewezen en niet opgeslagen.`);
  } else {
    showMessage(msg, 'error', "Het bestand is geweigerd: er is niets opgeslagen.",
      rejected ? 'Verbeter de afgewezen rijen en importeer het bestand opnieuw, of kies "alleen goede rijen opslaan (gedeeltelijk)".' : '');
  }
  counts.append(dataList([
    ['Formaat', String(report.format || '').toUpperCase()],
    ['Gedeeltelijk', report.partial ? 'ja' : 'nee'],
    ['Rijen gelezen', n(report.rows)],
    ['Nieuwe deelnemers', n(report.created)],
    ['Bijgewerkt', n(report.updated)],
    ['Ongewijzigd', n(report.unchanged)],
    ['Afgewezen', n(report.rejected)],
    ['Opgeslagen', report.committed ? 'ja' : 'nee'],
  ]));
  const errors = Array.isArray(report.errors) ? report.errors : [];
  if (errors.length) {
    errs.append(table({
      caption: 'Afgewezen rijen',
      columns: [{ label: 'Regel', numeric: true }, { label: 'Veld' }, { label: 'Reden' }],
      rows: errors.map((e) => [e.line === undefined || e.line === null ? '' : String(e.line), e.field || '', reasonNl(e.reason)]),
      className: 'meedoen-import-errors',
    }));
  }
  $('#report-title').focus();
}

async function main() {
  await initPage('import');
  const form = $('#import-form');
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    clear($('#import-errors'));
    const input = $('#file');
    const file = input.files && input.files[0];
    const fieldWrapper = form.querySelector('[data-field="file"]');
    let problem = null;
    if (!file) problem = 'Kies een bestand.';
    const fmt = file ? formatFor(file.name) : null;
    if (file && !fmt) problem = 'Kies een bestand dat eindigt op .csv, .jsonl of .ndjson.';
    if (problem) {
      setFieldError(fieldWrapper, problem);
      showErrorSummary($('#import-errors'), 'Er is niets geïmporteerd', [{ text: `Bestand: ${problem}`, target: input }]);
      return;
    }
    const partial = $('#partial').checked;
    const btn = $('#import-button');
    btn.disabled = true;
    btn.textContent = 'Bezig met importeren…';
    try {
      const res = await request('POST', `/api/import/screening${query({ format: fmt.format, partial: partial ? 1 : 0 })}`, file,
        { raw: true, contentType: fmt.type, acceptStatus: [422], withStatus: true });
      const body = res.body || {};
      if ('committed' in body || 'rows' in body) {
        showReport(body, res.status);
      } else {
        // A 422 problem without a report, e.g. an unreadable file.
        const errors = Array.isArray(body.errors) ? body.errors : [];
        showErrorSummary($('#import-errors'), 'Het bestand is geweigerd', errors.map((e) => ({ text: `${e.field || 'bestand'}: ${reasonNl(e.reason)}` })),
          body.detail || body.title || 'Er is niets opgeslagen.');
        $('#report').hidden = true;
      }
    } catch (err) {
      $('#report').hidden = true;
      const errors = err instanceof ApiError ? err.errors : [];
      showErrorSummary($('#import-errors'), 'Er is niets geïmporteerd', errors.map((e) => ({ text: `${e.field || 'bestand'}: ${reasonNl(e.reason)}` })), describeError(err));
    } finally {
      btn.disabled = false;
      btn.textContent = 'Importeren';
    }
  });
}

main().finally(() => { document.body.dataset.ready = "true"; });
