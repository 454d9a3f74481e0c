// codes.js - the code lists from GET /api/codes, with Dutch labels.
import { get } from './api.js';
import { FALLBACK_CODE_LABELS } from './labels.js';

let pending = null;

// Load the code lists once per page. Resolves to {} when they cannot be read,
// so that pages still work (showing raw codes).
export function loadCodes() {
  if (!pending) {
    pending = get('/api/codes').then((c) => c || {}).catch(() => ({}));
  }
  return pending;
}

function entryCode(e) {
  if (e === null || typeof e !== 'object') return e;
  return e.code ?? e.value ?? e.id;
}

function entryLabel(e) {
  if (e === null || typeof e !== 'object') return String(e);
  return e.label ?? e.name ?? String(entryCode(e));
}

export function codeOptions(codes, list) {
  const entries = Array.isArray(codes?.[list]) ? codes[list] : [];
  if (entries.length) {
    const opts = entries.map((e) => {
      const code = entryCode(e);
      const label = entryLabel(e);
      // Show the code beside the label where it helps (levels, ISCO codes).
      const text = (list === 'isco' || list === 'isced') && String(code) !== label ? `${code} – ${label}` : label;
      return { value: String(code), label: text };
    });
    // Countries and languages read best alphabetically by their Dutch name.
    if (list === 'countries' || list === 'languages') opts.sort((a, b) => a.label.localeCompare(b.label, 'nl'));
    return opts;
  }
  const fb = FALLBACK_CODE_LABELS[list];
  return fb ? Object.entries(fb).map(([value, label]) => ({ value, label })) : [];
}

export function codeLabel(codes, list, value) {
  if (value === null || value === undefined || value === '') return '';
  const entries = Array.isArray(codes?.[list]) ? codes[list] : [];
  const found = entries.find((e) => String(entryCode(e)) === String(value));
  if (found) return entryLabel(found);
  const fb = FALLBACK_CODE_LABELS[list];
  if (fb && fb[value]) return fb[value];
  return String(value);
}
