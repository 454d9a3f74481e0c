// new.js - register a new participant (POST /api/participants) and go to the
// new dossier.
import { post, describeError, ApiError } from './api.js';
import { $, showErrorSummary, clear } from './dom.js';
import { initPage } from './nav.js';
import { loadCodes } from './codes.js';
import { buildParticipantForm } from './participant-form.js';

const CATEGORIES = ['identity', 'contact', 'bsn', 'path'];

async function main() {
  await initPage('new');
  const codes = await loadCodes();
  const form = buildParticipantForm($('#new-fields'), {
    categories: CATEGORIES, values: { target_group: 'newcomer' }, codes, idPrefix: 'n',
  });
  const el = $('#new-form');
  el.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    form.clear();
    clear($('#new-errors'));
    const body = {};
    for (const [k, v] of Object.entries(form.read())) {
      if (v === null || (Array.isArray(v) && v.length === 0)) continue;
      body[k] = v;
    }
    const btn = $('#create-button');
    btn.disabled = true;
    try {
      const created = await post('/api/participants', body);
      location.assign(`/dossier.html?id=${encodeURIComponent(created.id)}`);
    } catch (err) {
      btn.disabled = false;
      if (err instanceof ApiError && err.errors.length) {
        const n = err.errors.length;
        form.showErrors(err.errors, $('#new-errors'), n === 1 ? 'Er is 1 fout gevonden' : `Er zijn ${n} fouten gevonden`,
          'De deelnemer is niet opgeslagen. Verbeter de volgende velden:');
      } else if (err instanceof ApiError && err.status === 409) {
        form.showErrors([{ field: 'external_id', reason: err.body?.detail || 'Er is al een deelnemer met dit kenmerk.' }], $('#new-errors'),
          'Deze deelnemer bestaat al', 'De deelnemer is niet opgeslagen.');
      } else {
        showErrorSummary($('#new-errors'), 'De deelnemer is niet opgeslagen', [], describeError(err));
      }
    }
  });
}

main().finally(() => { document.body.dataset.ready = "true"; });
