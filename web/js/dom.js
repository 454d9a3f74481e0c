// dom.js - small helpers to build DOM nodes safely (text only, never HTML
// strings), Utrecht form fields, alerts, tables and error reporting.

// h('p', {class: 'x'}, 'text', child, [more]) -> element. Strings become text nodes.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k === 'class') el.className = v;
    else if (k === 'text') el.textContent = v;
    else if (k === 'dataset') Object.assign(el.dataset, v);
    else if (k.startsWith('on') && typeof v === 'function') el.addEventListener(k.slice(2), v);
    else if (k === 'value') el.value = v;
    else if (k === 'checked' || k === 'selected' || k === 'disabled' || k === 'hidden' || k === 'required' || k === 'multiple') {
      el[k] = Boolean(v);
    } else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, String(v));
  }
  append(el, children);
  return el;
}

export function append(el, children) {
  for (const c of children.flat(Infinity)) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return el;
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

export function $(sel, root = document) {
  return root.querySelector(sel);
}

export function $$(sel, root = document) {
  return [...root.querySelectorAll(sel)];
}

let uid = 0;
export function uniqueId(prefix = 'id') {
  uid += 1;
  return `${prefix}-${uid}`;
}

// An Utrecht alert. type: info | ok | warning | error. content: string or nodes.
export function alertBox(type, ...content) {
  const role = type === 'error' ? 'alert' : 'status';
  return h('div', { class: `utrecht-alert utrecht-alert--${type}`, role },
    h('div', { class: 'utrecht-alert__content' },
      h('div', { class: 'utrecht-alert__message' },
        ...content.map((c) => (typeof c === 'string' ? h('p', { class: 'utrecht-paragraph', text: c }) : c)))));
}

// Put a message into a container (replacing what was there).
export function showMessage(container, type, ...content) {
  clear(container);
  if (content.length) container.append(alertBox(type, ...content));
}

// ---------------------------------------------------------------- form fields

function describedBy(...ids) {
  return ids.filter(Boolean).join(' ') || null;
}

function fieldWrapper(name, extraClass, ...children) {
  return h('div', { class: `utrecht-form-field utrecht-form-field--distanced ${extraClass || ''}`.trim(), dataset: { field: name } }, ...children);
}

function labelEl(id, text, required) {
  return h('div', { class: 'utrecht-form-field__label' },
    h('label', { class: 'utrecht-form-label', for: id }, text, required ? h('span', { class: 'meedoen-required', text: ' (verplicht)' }) : null));
}

function hintEl(id, hint) {
  return hint ? h('div', { class: 'utrecht-form-field__description utrecht-form-field-description', id: `${id}-hint`, text: hint }) : null;
}

function errorEl(id) {
  return h('div', { class: 'utrecht-form-field__error-message utrecht-form-field-error-message', id: `${id}-error`, hidden: true });
}

const SIZE_CLASS = {
  postal: 'utrecht-textbox--postal-code-nl-size',
  tel: 'utrecht-textbox--tel-nl-size',
  bsn: 'meedoen-textbox--bsn',
  number: 'meedoen-textbox--number',
};

// A text-like input (text, date, number, email, tel, password, search).
export function inputField({ id, name, label, type = 'text', value, hint, required, autocomplete, maxlength, min, max, inputmode, size }) {
  const inputSize = SIZE_CLASS[size || (type === 'number' ? 'number' : '')] || '';
  const input = h('input', {
    class: `utrecht-textbox utrecht-textbox--html-input ${inputSize}`.trim(),
    id, name, type,
    value: value ?? '',
    'aria-describedby': describedBy(hint ? `${id}-hint` : null),
    'aria-required': required ? 'true' : null,
    autocomplete: autocomplete || null,
    maxlength: maxlength || null,
    min: min ?? null,
    max: max ?? null,
    inputmode: inputmode || null,
  });
  return fieldWrapper(name, '', labelEl(id, label, required), hintEl(id, hint), errorEl(id),
    h('div', { class: 'utrecht-form-field__input' }, input));
}

export function textareaField({ id, name, label, value, hint, maxlength, required }) {
  const ta = h('textarea', {
    class: 'utrecht-textarea utrecht-textarea--html-textarea', id, name, rows: 4,
    maxlength: maxlength || null,
    'aria-describedby': describedBy(hint ? `${id}-hint` : null),
    'aria-required': required ? 'true' : null,
  });
  ta.value = value ?? '';
  return fieldWrapper(name, '', labelEl(id, label, required), hintEl(id, hint), errorEl(id),
    h('div', { class: 'utrecht-form-field__input' }, ta));
}

// options: [{value, label}]. emptyLabel: text for the empty choice (null = none).
export function selectField({ id, name, label, options, value, hint, required, emptyLabel = '(geen keuze)' }) {
  const sel = h('select', {
    class: 'utrecht-select utrecht-select--html-select', id, name,
    'aria-describedby': describedBy(hint ? `${id}-hint` : null),
    'aria-required': required ? 'true' : null,
  });
  if (emptyLabel !== null) sel.append(h('option', { value: '', text: emptyLabel }));
  const v = value === null || value === undefined ? '' : String(value);
  let found = v === '';
  for (const o of options) {
    const opt = h('option', { value: String(o.value), text: o.label });
    if (String(o.value) === v) { opt.selected = true; found = true; }
    sel.append(opt);
  }
  if (!found) {
    // Keep an unknown current value selectable rather than losing it.
    const opt = h('option', { value: v, text: v });
    opt.selected = true;
    sel.append(opt);
  }
  return fieldWrapper(name, '', labelEl(id, label, required), hintEl(id, hint), errorEl(id),
    h('div', { class: 'utrecht-form-field__input' }, sel));
}

export function checkboxField({ id, name, label, checked, hint }) {
  const input = h('input', {
    class: 'utrecht-checkbox utrecht-checkbox--html-input', type: 'checkbox', id, name, checked,
    'aria-describedby': describedBy(hint ? `${id}-hint` : null),
  });
  return fieldWrapper(name, 'utrecht-form-field--checkbox',
    h('div', { class: 'utrecht-form-field__label utrecht-form-field__label--checkbox' },
      h('label', { class: 'utrecht-form-label utrecht-form-label--checkbox', for: id }, label)),
    hintEl(id, hint), errorEl(id),
    h('div', { class: 'utrecht-form-field__input' }, input));
}

export function button(text, { type = 'button', variant = 'secondary-action', onclick, ...rest } = {}) {
  return h('button', { class: `utrecht-button utrecht-button--${variant}`, type, onclick, ...rest }, text);
}

// ---------------------------------------------------------------- errors

// The control inside a field wrapper, or the wrapper's first focusable element.
export function controlOf(wrapper) {
  return wrapper.querySelector('input, select, textarea, button');
}

// Mark a field wrapper (or a fieldset group) as invalid with a message beside it.
export function setFieldError(wrapper, message) {
  const isGroup = wrapper.matches('fieldset');
  wrapper.classList.add(isGroup ? 'utrecht-form-fieldset--invalid' : 'utrecht-form-field--invalid');
  const err = wrapper.querySelector(':scope > .utrecht-form-field-error-message, :scope > .meedoen-group-error');
  if (!err) return;
  err.hidden = false;
  const prev = err.textContent;
  err.textContent = prev ? `${prev} ${message}` : message;
  const targets = isGroup ? [wrapper] : [controlOf(wrapper)];
  for (const c of targets.filter(Boolean)) {
    if (!isGroup) c.setAttribute('aria-invalid', 'true');
    const ids = new Set((c.getAttribute('aria-describedby') || '').split(/\s+/).filter(Boolean));
    ids.add(err.id);
    c.setAttribute('aria-describedby', [...ids].join(' '));
    if (c.classList.contains('utrecht-textbox')) c.classList.add('utrecht-textbox--invalid');
    if (c.classList.contains('utrecht-select')) c.classList.add('utrecht-select--invalid');
    if (c.classList.contains('utrecht-textarea')) c.classList.add('utrecht-textarea--invalid');
  }
}

export function clearErrors(root) {
  for (const w of $$('.utrecht-form-field--invalid, .utrecht-form-fieldset--invalid', root)) {
    w.classList.remove('utrecht-form-field--invalid', 'utrecht-form-fieldset--invalid');
  }
  for (const e of $$('.utrecht-form-field-error-message, .meedoen-group-error', root)) {
    const id = e.id;
    e.textContent = '';
    e.hidden = true;
    for (const c of $$(`[aria-describedby~="${CSS.escape(id)}"]`, root)) {
      const rest = c.getAttribute('aria-describedby').split(/\s+/).filter((x) => x && x !== id);
      if (rest.length) c.setAttribute('aria-describedby', rest.join(' '));
      else c.removeAttribute('aria-describedby');
    }
  }
  for (const c of $$('[aria-invalid]', root)) c.removeAttribute('aria-invalid');
  for (const c of $$('.utrecht-textbox--invalid, .utrecht-select--invalid, .utrecht-textarea--invalid', root)) {
    c.classList.remove('utrecht-textbox--invalid', 'utrecht-select--invalid', 'utrecht-textarea--invalid');
  }
}

// Show an error summary: items [{ text, target (element to focus) }].
export function showErrorSummary(container, title, items, intro) {
  clear(container);
  const list = h('ul', { class: 'utrecht-unordered-list' });
  for (const it of items) {
    const target = it.target;
    let entry;
    if (target && target.id) {
      entry = h('a', {
        class: 'utrecht-link utrecht-link--html-a', href: `#${target.id}`,
        onclick: (ev) => { ev.preventDefault(); target.focus(); target.scrollIntoView({ block: 'center' }); },
      }, it.text);
    } else {
      entry = it.text;
    }
    list.append(h('li', { class: 'utrecht-unordered-list__item' }, entry));
  }
  const headingId = uniqueId('error-summary-title');
  const box = h('div', {
    class: 'utrecht-alert utrecht-alert--error meedoen-error-summary', role: 'alert', tabindex: '-1',
    'aria-labelledby': headingId,
  },
  h('div', { class: 'utrecht-alert__content' },
    h('div', { class: 'utrecht-alert__message' },
      h('h2', { class: 'utrecht-heading-3', id: headingId, text: title }),
      intro ? h('p', { class: 'utrecht-paragraph', text: intro }) : null,
      items.length ? list : null)));
  container.append(box);
  box.focus();
  return box;
}

// ---------------------------------------------------------------- tables

// columns: [{ label, numeric? }]; rows: arrays of cell content (string/node).
// The first cell of each row is a row header (<th scope="row">) unless rowHeader is false.
export function table({ caption, columns, rows, rowHeader = true, className = '' }) {
  const thead = h('thead', { class: 'utrecht-table__header' },
    h('tr', { class: 'utrecht-table__row' },
      columns.map((c) => h('th', {
        class: `utrecht-table__header-cell${c.numeric ? ' utrecht-table__header-cell--numeric-column' : ''}`,
        scope: 'col',
      }, c.hidden ? h('span', { class: 'meedoen-visually-hidden', text: c.label }) : c.label))));
  const tbody = h('tbody', { class: 'utrecht-table__body' });
  for (const r of rows) {
    const tr = h('tr', { class: 'utrecht-table__row' });
    r.forEach((cell, i) => {
      const numeric = columns[i]?.numeric ? ' utrecht-table__cell--numeric-data' : '';
      if (i === 0 && rowHeader) tr.append(h('th', { class: `utrecht-table__cell meedoen-row-header${numeric}`, scope: 'row' }, cell));
      else tr.append(h('td', { class: `utrecht-table__cell${numeric}` }, cell));
    });
    tbody.append(tr);
  }
  const container = h('div', { class: 'utrecht-table-container utrecht-table-container--overflow-inline' },
    h('table', { class: `utrecht-table utrecht-table--html-table ${className}`.trim() },
      h('caption', { class: 'utrecht-table__caption', text: caption }),
      thead, tbody));
  keyboardScrollable(container, caption);
  return container;
}

// A container that scrolls sideways (a wide table on a small screen) can be
// focused and scrolled with the keyboard; it is a named region only then.
function keyboardScrollable(container, name) {
  if (typeof ResizeObserver === 'undefined') return;
  const update = () => {
    if (container.scrollWidth > container.clientWidth + 1) {
      container.setAttribute('tabindex', '0');
      container.setAttribute('role', 'region');
      container.setAttribute('aria-label', name);
    } else {
      container.removeAttribute('tabindex');
      container.removeAttribute('role');
      container.removeAttribute('aria-label');
    }
  };
  new ResizeObserver(update).observe(container);
}

// A definition list of label/value pairs (Utrecht data list).
export function dataList(pairs) {
  return h('dl', { class: 'utrecht-data-list utrecht-data-list--rows' },
    pairs.map(([k, v]) => h('div', { class: 'utrecht-data-list__item' },
      h('dt', { class: 'utrecht-data-list__item-key', text: k }),
      h('dd', { class: 'utrecht-data-list__item-value utrecht-data-list__item-value--html-dd' }, v))));
}

// A group of radio buttons in a fieldset; errors go under the legend.
export function radioGroupField({ id, name, label, options, value, hint, required }) {
  const fs = h('fieldset', {
    class: 'utrecht-form-fieldset utrecht-form-fieldset--html-fieldset meedoen-fieldset-inner meedoen-radio-group', id,
    dataset: { field: name },
    'aria-describedby': hint ? `${id}-hint` : null,
  },
  h('legend', { class: 'utrecht-form-fieldset__legend utrecht-form-fieldset__legend--html-legend meedoen-legend-small' },
    label, required ? h('span', { class: 'meedoen-required', text: ' (verplicht)' }) : null),
  hint ? h('div', { class: 'utrecht-form-field-description', id: `${id}-hint`, text: hint }) : null,
  h('div', { class: 'meedoen-group-error utrecht-form-field-error-message', id: `${id}-error`, hidden: true }));
  options.forEach((o, i) => {
    const rid = `${id}-${i}`;
    fs.append(h('div', { class: 'meedoen-radio' },
      h('input', {
        class: 'utrecht-radio-button utrecht-radio-button--html-input', type: 'radio', id: rid, name,
        value: String(o.value), checked: value !== undefined && value !== null && String(o.value) === String(value),
      }),
      h('label', { class: 'utrecht-form-label utrecht-form-label--radio', for: rid, text: o.label })));
  });
  return fs;
}

// The value of the checked radio button named `name` in root, or null.
export function radioValue(root, name) {
  const el = root.querySelector(`input[type="radio"][name="${CSS.escape(name)}"]:checked`);
  return el ? el.value : null;
}

// Show a failed submit of a small form: 422 field errors beside the fields
// (wrappers found by data-field) and in a summary; anything else as one
// message in the summary. labels: field name -> Dutch label; reason: the
// function that puts a server reason into Dutch.
export function showSubmitError(form, summary, err, { title, labels = {}, reason = (r) => r, describe = (e) => e.message, intro = null }) {
  clearErrors(form);
  const errors = err && Array.isArray(err.errors) ? err.errors : [];
  if (!errors.length) return showErrorSummary(summary, title, [], describe(err));
  const items = errors.map((e) => {
    const w = e.field ? form.querySelector(`[data-field="${CSS.escape(e.field)}"]`) : null;
    const text = reason(e.reason);
    if (w) setFieldError(w, text);
    let target = null;
    if (w) target = w.matches('fieldset') ? (w.querySelector('input, select, textarea') || w) : controlOf(w);
    if (target && !target.id && w.id) target = w;
    return { text: `${labels[e.field] || e.field || 'Invoer'}: ${text}`, target };
  });
  return showErrorSummary(summary, title, items, intro);
}
