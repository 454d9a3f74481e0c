// participant-form.js - build the participant edit form (fieldsets per data
// category), read it back as API values, and put 422 field errors beside the
// right input.
import { h, $$, inputField, textareaField, selectField, button, uniqueId, setFieldError, clearErrors, showErrorSummary, controlOf } from './dom.js';
import { FIELDS, FIELD_BY_NAME, DIPLOMA_PARTS, WORK_PARTS, categoryLabel, capitalise, reasonNl } from './labels.js';
import { codeOptions } from './codes.js';

const LANGUAGE_LIMIT = 10;

function simpleInput(def, id, name, value, codes) {
  const common = { id, name, label: def.label, hint: def.hint, required: def.required };
  switch (def.kind) {
    case 'date':
      return inputField({ ...common, type: 'date', value });
    case 'number':
      return inputField({ ...common, type: 'number', value, min: def.min, max: def.max, inputmode: 'numeric' });
    case 'select':
      return selectField({ ...common, options: codeOptions(codes, def.codes), value });
    case 'textarea':
      return textareaField({ ...common, value, maxlength: def.maxlength });
    default:
      return inputField({ ...common, type: def.inputType || 'text', value, maxlength: def.maxlength, autocomplete: def.autocomplete || 'off', inputmode: def.inputmode, size: def.size });
  }
}

function groupError(id) {
  return h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: `${id}-error`, hidden: true });
}

function languagesField(def, id, value, codes) {
  const options = codeOptions(codes, 'languages');
  const labelOf = (code) => options.find((o) => o.value === code)?.label || code;
  const fs = h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner', id, dataset: { field: def.name, kind: 'languages' } },
    h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small', text: def.label }),
    groupError(id));
  const chosen = h('ul', { class: 'meedoen-chips', 'aria-label': 'Gekozen talen' });
  const empty = h('p', { class: 'utrecht-paragraph meedoen-muted', text: 'Nog geen talen gekozen.' });
  const picker = selectField({ id: `${id}-add`, name: `${def.name}-add`, label: 'Taal toevoegen', options, emptyLabel: 'Kies een taal' });
  picker.dataset.field = '';
  const select = picker.querySelector('select');
  const addBtn = button('Taal toevoegen', { class: 'utrecht-button utrecht-button--secondary-action meedoen-add' });
  const refresh = () => {
    const n = chosen.childElementCount;
    empty.hidden = n > 0;
    chosen.hidden = n === 0;
    addBtn.disabled = n >= LANGUAGE_LIMIT;
  };
  const add = (code) => {
    if (!code || chosen.querySelector(`li[data-code="${CSS.escape(code)}"]`)) return;
    const label = labelOf(code);
    const li = h('li', { class: 'meedoen-chip', dataset: { code } },
      h('span', { class: 'meedoen-chip__label', text: label }));
    li.append(button('Verwijderen', {
      class: 'utrecht-button utrecht-button--subtle meedoen-chip__remove', 'aria-label': `${label} verwijderen`,
      onclick: () => {
        const next = li.nextElementSibling || li.previousElementSibling;
        li.remove();
        refresh();
        (next ? next.querySelector('button') : select).focus();
      },
    }));
    chosen.append(li);
    refresh();
  };
  addBtn.addEventListener('click', () => {
    if (select.value) { add(select.value); select.value = ''; select.focus(); }
  });
  for (const code of Array.isArray(value) ? value : []) add(String(code));
  fs.append(chosen, empty, h('div', { class: 'meedoen-inline-add' }, picker, addBtn));
  refresh();
  return fs;
}

function repeatField(def, id, value, codes) {
  const parts = def.kind === 'diplomas' ? DIPLOMA_PARTS : WORK_PARTS;
  const itemWord = def.kind === 'diplomas' ? 'Diploma' : 'Werkervaring';
  const max = def.kind === 'diplomas' ? 10 : 20;
  const rows = h('div', { class: 'meedoen-repeat-rows' });
  const fs = h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner', id, dataset: { field: def.name, kind: 'repeat' } },
    h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small', text: def.label }),
    groupError(id),
    rows);
  const empty = h('p', { class: 'utrecht-paragraph meedoen-muted', text: `Nog geen ${def.label.toLowerCase()} ingevuld.` });

  const renumber = () => {
    const all = $$(':scope > .meedoen-repeat-row', rows);
    all.forEach((row, i) => {
      row.querySelector('legend').textContent = `${itemWord} ${i + 1}`;
      const rm = row.querySelector('.meedoen-remove');
      rm.textContent = `${itemWord} ${i + 1} verwijderen`;
    });
    empty.hidden = all.length > 0;
    addBtn.disabled = all.length >= max;
  };

  const addRow = (item = {}, focus = false) => {
    const rid = uniqueId(`${id}-row`);
    const row = h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-repeat-row' },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small' }));
    const grid = h('div', { class: 'meedoen-repeat-grid' });
    for (const p of parts) {
      const w = simpleInput(p, `${rid}-${p.name}`, `${def.name}.${p.name}`, item?.[p.name], codes);
      w.dataset.part = p.name;
      w.dataset.field = '';
      grid.append(w);
    }
    row.append(grid);
    row.append(button('', {
      class: 'utrecht-button utrecht-button--subtle meedoen-remove',
      onclick: () => {
        const next = row.nextElementSibling || row.previousElementSibling;
        row.remove();
        renumber();
        (next ? controlOf(next) : addBtn).focus();
      },
    }));
    rows.append(row);
    renumber();
    if (focus) controlOf(row).focus();
  };

  const addBtn = button(`${itemWord} toevoegen`, { class: 'utrecht-button utrecht-button--secondary-action meedoen-add', onclick: () => addRow({}, true) });
  fs.append(empty, addBtn);
  for (const item of Array.isArray(value) ? value : []) addRow(item);
  renumber();
  return fs;
}

// Build fieldsets for the given categories. values: the participant object.
// Returns a controller.
export function buildParticipantForm(container, { categories, values = {}, codes = {}, idPrefix = 'f' }) {
  const wrappers = {};
  for (const cat of categories) {
    const defs = FIELDS.filter((f) => f.category === cat);
    if (!defs.length) continue;
    const fs = h('fieldset', { class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset utrecht-form-fieldset--distanced meedoen-category', dataset: { category: cat } },
      h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend', text: capitalise(categoryLabel(cat)) }));
    for (const def of defs) {
      const id = `${idPrefix}-${def.name}`;
      let w;
      if (def.kind === 'languages') w = languagesField(def, id, values[def.name], codes);
      else if (def.kind === 'diplomas' || def.kind === 'work_history') w = repeatField(def, id, values[def.name], codes);
      else w = simpleInput(def, id, def.name, values[def.name], codes);
      wrappers[def.name] = w;
      fs.append(w);
    }
    container.append(fs);
  }

  function readSimple(def, control) {
    if (!control) return null;
    const raw = control.value;
    if (def.kind === 'number') {
      if (raw === '') return control.validity && control.validity.badInput ? 'ongeldig' : null;
      const n = Number(raw);
      return Number.isFinite(n) ? n : raw;
    }
    if (def.kind === 'select') {
      if (raw === '') return null;
      if (def.numeric && /^-?\d+$/.test(raw)) return Number(raw);
      return raw;
    }
    const v = raw.trim();
    return v === '' ? null : v;
  }

  function read() {
    const out = {};
    for (const [name, w] of Object.entries(wrappers)) {
      const def = FIELD_BY_NAME[name];
      if (def.kind === 'languages') {
        out[name] = $$('li[data-code]', w).map((li) => li.dataset.code);
      } else if (def.kind === 'diplomas' || def.kind === 'work_history') {
        const parts = def.kind === 'diplomas' ? DIPLOMA_PARTS : WORK_PARTS;
        const items = [];
        for (const row of $$('.meedoen-repeat-row', w)) {
          const item = {};
          for (const p of parts) {
            const pw = row.querySelector(`[data-part="${p.name}"]`);
            item[p.name] = readSimple(p, controlOf(pw));
          }
          items.push(item);
        }
        out[name] = items;
      } else {
        out[name] = readSimple(def, controlOf(w));
      }
    }
    return out;
  }

  // Find the wrapper (field or fieldset) and control for a server field path
  // such as "bsn", "diplomas[1].title", "diplomas.1.title" or "/diplomas/1/title".
  function locate(path) {
    const m = /^\/?([A-Za-z_]+)(?:(?:\[|\.|\/)(\d+)\]?(?:(?:\.|\/)([A-Za-z_]+))?)?$/.exec(String(path || ''));
    if (!m) return null;
    const w = wrappers[m[1]];
    if (!w) return null;
    if (m[2] !== undefined && w.dataset.kind === 'repeat') {
      const row = $$('.meedoen-repeat-row', w)[Number(m[2])];
      if (row) {
        if (m[3]) {
          const pw = row.querySelector(`[data-part="${m[3]}"]`);
          if (pw) return { wrapper: pw, control: controlOf(pw), name: m[1], index: Number(m[2]), part: m[3] };
        }
        return { wrapper: w, control: controlOf(row), name: m[1], index: Number(m[2]) };
      }
    }
    return { wrapper: w, control: controlOf(w), name: m[1] };
  }

  function fieldLabel(loc, path) {
    if (!loc) return path;
    const def = FIELD_BY_NAME[loc.name];
    let label = def ? def.label : path;
    if (loc.index !== undefined) {
      const itemWord = def.kind === 'diplomas' ? 'Diploma' : 'Werkervaring';
      label = `${itemWord} ${loc.index + 1}`;
      if (loc.part) {
        const parts = def.kind === 'diplomas' ? DIPLOMA_PARTS : WORK_PARTS;
        const p = parts.find((x) => x.name === loc.part);
        label += `, ${p ? p.label.toLowerCase() : loc.part}`;
      }
    }
    return label;
  }

  // Show 422 errors beside the fields and in the summary. Returns the summary.
  function showErrors(errors, summaryContainer, title, intro) {
    clearErrors(container);
    const items = [];
    for (const e of errors) {
      const loc = locate(e.field);
      const label = fieldLabel(loc, e.field || 'Invoer');
      if (loc) setFieldError(loc.wrapper, reasonNl(e.reason));
      items.push({ text: `${label}: ${reasonNl(e.reason)}`, target: loc ? loc.control : null });
    }
    return showErrorSummary(summaryContainer, title, items, intro);
  }

  return { read, locate, showErrors, clear: () => clearErrors(container), wrappers };
}

// Normalise a value from the API for comparison with what the form reads.
export function normaliseValue(name, value) {
  const def = FIELD_BY_NAME[name];
  if (value === undefined || value === '') return def && (def.kind === 'languages' || def.kind === 'diplomas' || def.kind === 'work_history') ? [] : null;
  if (value === null) return def && (def.kind === 'languages' || def.kind === 'diplomas' || def.kind === 'work_history') ? [] : null;
  if (!def) return value;
  if (def.kind === 'diplomas' || def.kind === 'work_history') {
    const parts = def.kind === 'diplomas' ? DIPLOMA_PARTS : WORK_PARTS;
    return (Array.isArray(value) ? value : []).map((item) => {
      const o = {};
      for (const p of parts) {
        let v = item?.[p.name];
        if (v === undefined || v === '') v = null;
        if (typeof v === 'string') v = v.trim() || null;
        if (v !== null && (p.numeric || p.kind === 'number') && /^-?\d+(\.\d+)?$/.test(String(v))) v = Number(v);
        o[p.name] = v;
      }
      return o;
    });
  }
  if (def.kind === 'languages') return (Array.isArray(value) ? value : []).map(String);
  if (typeof value === 'string') return value.trim() || null;
  return value;
}

// The fields whose form value differs from the participant's current value.
export function changedFields(original, formValues) {
  const out = {};
  for (const [name, v] of Object.entries(formValues)) {
    const before = normaliseValue(name, original[name]);
    let after = v;
    const def = FIELD_BY_NAME[name];
    if (def && def.kind === 'languages') {
      // Order does not matter for languages.
      if (JSON.stringify([...before].sort()) === JSON.stringify([...after].sort())) continue;
    } else if (JSON.stringify(before) === JSON.stringify(after)) {
      continue;
    }
    if (Array.isArray(after) && after.length === 0 && original[name] === null) after = null;
    out[name] = after;
  }
  return out;
}
