// account.js - the user's own account page: tweestapsverificatie (TOTP).
// Setting it up: meedoen draws a new secret, shown as a QR code (the
// server sends the QR matrix; this page draws it as SVG, no outside
// service) and as text to type in; a first code from the app confirms it,
// and the recovery codes are shown once. A user may turn it off with a
// code unless their organisation requires it.
import { get, post, describeError, ApiError } from './api.js';
import { h, $, clear, showMessage, inputField, button, setFieldError, clearErrors, showErrorSummary } from './dom.js';
import { initPage, renderHeader, homePage } from './nav.js';

const SVG = 'http://www.w3.org/2000/svg';
let me = null;
let status = null;

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, String(v));
  for (const c of children) el.append(c);
  return el;
}

// The QR matrix {size, rows: ["0101…"]} as an SVG image with a quiet zone.
function qrSvg(qr) {
  const quiet = 4;
  const n = qr.size + 2 * quiet;
  let d = '';
  qr.rows.forEach((row, y) => {
    for (let x = 0; x < row.length; x++) if (row[x] === '1') d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  });
  const title = svg('title', { id: 'qr-title' });
  title.textContent = 'QR-code om meedoen toe te voegen aan uw authenticator-app';
  return svg('svg', {
    xmlns: SVG, viewBox: `0 0 ${n} ${n}`, width: 240, height: 240, role: 'img', 'aria-labelledby': 'qr-title',
    'shape-rendering': 'crispEdges', id: 'totp-qr', class: 'meedoen-qr',
  }, title, svg('rect', { width: n, height: n, fill: '#ffffff' }), svg('path', { d, fill: '#000000' }));
}

// The secret in groups of four, easier to type over.
function grouped(secret) {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

function para(text, attrs = {}) {
  return h('p', { class: 'utrecht-paragraph', ...attrs, text });
}

async function load() {
  status = await get('/api/account/second-factor');
  render();
}

function render() {
  const box = $('#second-factor-status');
  const body = clear($('#second-factor-body'));
  if (status.enabled) {
    const left = status.recovery_codes_left;
    showMessage(box, 'ok', 'Tweestapsverificatie staat aan.',
      `U hebt nog ${left} ${left === 1 ? 'herstelcode' : 'herstelcodes'} over.`);
    if (status.required) {
      body.append(para('Uw organisatie vereist tweestapsverificatie, dus u kunt die niet uitzetten. Bent u uw telefoon kwijt? Vraag de beheerder dan om uw tweestapsverificatie te resetten; daarna stelt u die opnieuw in.'));
    } else {
      body.append(disableForm());
    }
    return;
  }
  if (status.required) {
    showMessage(box, 'warning', 'Uw organisatie vereist tweestapsverificatie. Stel die nu in; daarna kunt u verder werken in meedoen.');
  } else {
    showMessage(box, 'info', 'Tweestapsverificatie staat uit.');
  }
  body.append(h('div', { class: 'utrecht-button-group meedoen-actions' },
    button('Tweestapsverificatie instellen', { variant: 'primary-action', id: 'setup-start', onclick: start })));
}

async function start(ev) {
  const btn = ev.currentTarget;
  btn.disabled = true;
  let data;
  try {
    data = await post('/api/account/second-factor/setup', {});
  } catch (err) {
    btn.disabled = false;
    showMessage($('#account-message'), 'error', describeError(err));
    return;
  }
  const body = clear($('#second-factor-body'));
  const form = h('form', { class: 'utrecht-form meedoen-subform', novalidate: true, 'aria-labelledby': 'step2-title', id: 'confirm-form' },
    h('div', { id: 'confirm-errors' }),
    inputField({ id: 'confirm-code', name: 'code', label: 'Code uit de app', required: true, autocomplete: 'one-time-code', inputmode: 'numeric', maxlength: 7, hint: 'De zes cijfers die de app nu toont.' }),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      button('Bevestigen', { type: 'submit', variant: 'primary-action' })));
  form.addEventListener('submit', (e) => confirmSetup(e, form));
  body.append(
    h('h3', { class: 'utrecht-heading-3', id: 'step1-title', tabindex: '-1', text: 'Stap 1: voeg meedoen toe aan uw app' }),
    para('Open uw authenticator-app, kies voor een nieuw account en scan deze QR-code.'),
    h('p', { class: 'utrecht-paragraph' }, qrSvg(data.qr)),
    para('Kunt u de code niet scannen? Typ dan deze sleutel over in de app (soort: op tijd gebaseerd):'),
    h('p', { class: 'utrecht-paragraph' }, h('code', { id: 'totp-secret', class: 'meedoen-secret', text: grouped(data.secret) })),
    h('h3', { class: 'utrecht-heading-3', id: 'step2-title', text: 'Stap 2: bevestig met een code' }),
    form);
  $('#step1-title').focus();
}

async function confirmSetup(ev, form) {
  ev.preventDefault();
  clearErrors(form);
  const errors = $('#confirm-errors');
  clear(errors);
  const code = $('#confirm-code').value.trim();
  const wrapper = form.querySelector('[data-field="code"]');
  if (!code) {
    const text = 'Vul de zes cijfers uit uw app in.';
    setFieldError(wrapper, text);
    showErrorSummary(errors, 'Tweestapsverificatie is niet ingesteld', [{ text: `Code uit de app: ${text}`, target: $('#confirm-code') }]);
    return;
  }
  const btn = form.querySelector('button[type="submit"]');
  btn.disabled = true;
  let res;
  try {
    res = await post('/api/account/second-factor/confirm', { code });
  } catch (err) {
    btn.disabled = false;
    const text = err instanceof ApiError && err.status === 422
      ? 'De code klopt niet. Controleer of de tijd op uw telefoon goed staat en vul de code in die de app nu toont.'
      : describeError(err);
    setFieldError(wrapper, text);
    showErrorSummary(errors, 'Tweestapsverificatie is niet ingesteld', [{ text: `Code uit de app: ${text}`, target: $('#confirm-code') }]);
    return;
  }
  const wasSetupOnly = me.setupOnly;
  me.setupOnly = false;
  if (wasSetupOnly) renderHeader(me, 'account');
  showMessage($('#second-factor-status'), 'ok', 'Tweestapsverificatie staat aan.');
  const body = clear($('#second-factor-body'));
  body.append(
    h('h3', { class: 'utrecht-heading-3', id: 'recovery-title', tabindex: '-1', text: 'Uw herstelcodes' }),
    para('Bewaar deze codes op een veilige plek, bijvoorbeeld op papier. U ziet ze maar één keer. Hebt u uw telefoon niet bij de hand, dan logt u in met een van deze codes in plaats van de code uit de app; elke code werkt één keer.'),
    h('ul', { class: 'utrecht-unordered-list meedoen-recovery-codes', id: 'recovery-codes', 'aria-labelledby': 'recovery-title' },
      res.recovery_codes.map((c) => h('li', { class: 'utrecht-unordered-list__item' }, h('code', { text: c })))),
    h('p', { class: 'utrecht-paragraph' },
      h('a', { class: 'utrecht-link utrecht-link--html-a', href: homePage(me), id: 'continue' }, 'Ik heb de codes bewaard, verder naar meedoen')));
  $('#recovery-title').focus();
}

function disableForm() {
  const form = h('form', { class: 'utrecht-form meedoen-subform', novalidate: true, 'aria-labelledby': 'disable-title', id: 'disable-form' },
    h('h3', { class: 'utrecht-heading-3', id: 'disable-title', text: 'Tweestapsverificatie uitzetten' }),
    h('div', { id: 'disable-errors' }),
    inputField({ id: 'disable-code', name: 'code', label: 'Code uit de app of herstelcode', required: true, autocomplete: 'one-time-code', maxlength: 20 }),
    h('div', { class: 'utrecht-button-group meedoen-actions' },
      button('Tweestapsverificatie uitzetten', { type: 'submit', variant: 'secondary-action' })));
  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors(form);
    const errors = $('#disable-errors');
    clear(errors);
    const wrapper = form.querySelector('[data-field="code"]');
    const code = $('#disable-code').value.trim();
    try {
      if (!code) throw new ApiError(422, null);
      await post('/api/account/second-factor/disable', { code });
    } catch (err) {
      const text = err instanceof ApiError && err.status === 422
        ? (code ? 'De code klopt niet.' : 'Vul een code in.')
        : describeError(err);
      setFieldError(wrapper, text);
      showErrorSummary(errors, 'Tweestapsverificatie staat nog aan', [{ text: `Code: ${text}`, target: $('#disable-code') }]);
      return;
    }
    showMessage($('#account-message'), 'ok', 'Tweestapsverificatie is uitgezet.');
    await load();
  });
  return form;
}

async function main() {
  me = await initPage('account');
  await load();
}

main().catch((err) => showMessage($('#account-message'), 'error', describeError(err)))
  .finally(() => { document.body.dataset.ready = 'true'; });
