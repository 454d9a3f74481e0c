// login.js - the login form: user name and password, then, for a user with
// tweestapsverificatie, the code of their authenticator app (or a recovery
// code). After a successful login the user goes to the page named in
// ?next= (same site only) or to their worklist (the admin: users); a user
// whose organisation requires a second factor they have not set up yet
// goes to their account page to set it up.
import { post, ApiError } from './api.js';
import { $, showMessage, clearErrors, setFieldError, showErrorSummary } from './dom.js';

function safeNext(user) {
  const next = new URLSearchParams(location.search).get('next');
  // Only local paths: "/x", never "//host" or "http://…" or back to the login page.
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\') && !next.startsWith('/login.html')) {
    return next;
  }
  return user && user.role === 'admin' ? '/users.html' : '/worklist.html';
}

const form = $('#login-form');
const codeForm = $('#code-form');
const message = $('#login-message');

if (new URLSearchParams(location.search).has('next')) {
  showMessage(message, 'info', 'Log in om verder te gaan.');
}

function throttledText(err) {
  const wait = err.retryAfter;
  return wait
    ? `Te veel mislukte pogingen. Probeer het over ${wait} ${wait === 1 ? 'seconde' : 'seconden'} opnieuw.`
    : 'Te veel mislukte pogingen. Wacht even en probeer het daarna opnieuw.';
}

function otherErrorText(err) {
  if (err instanceof ApiError && err.status === 429) return throttledText(err);
  if (err instanceof ApiError && err.status === 0) return err.message;
  return `Inloggen is niet gelukt (${err.status || 'onbekende fout'}). Probeer het opnieuw.`;
}

// Where to go once a session is open.
function done(res) {
  if (res && res.second_factor_setup_required) location.assign('/account.html?setup=1');
  else location.assign(safeNext(res && res.user));
}

function showPasswordStep() {
  codeForm.hidden = true;
  form.hidden = false;
  $('#password').value = '';
  $('#code').value = '';
  $('#username').focus();
}

function showCodeStep() {
  form.hidden = true;
  codeForm.hidden = false;
  clear();
  $('#code').focus();
}

function clear() {
  showMessage(message, 'info');
}

form.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(form);
  const username = $('#username').value.trim();
  const password = $('#password').value;
  const missing = [];
  if (!username) missing.push({ field: 'username', text: 'Vul uw gebruikersnaam in.' });
  if (!password) missing.push({ field: 'password', text: 'Vul uw wachtwoord in.' });
  if (missing.length) {
    for (const m of missing) setFieldError(form.querySelector(`[data-field="${m.field}"]`), m.text);
    showErrorSummary(message, 'Inloggen is niet gelukt', missing.map((m) => ({ text: m.text, target: $(`#${m.field}`) })));
    return;
  }
  const submit = form.querySelector('button[type="submit"]');
  submit.disabled = true;
  try {
    const res = await post('/api/login', { username, password }, { noRedirect: true });
    $('#password').value = '';
    submit.disabled = false;
    if (res && res.second_factor === 'totp') showCodeStep();
    else done(res);
  } catch (err) {
    submit.disabled = false;
    const text = err instanceof ApiError && err.status === 401
      ? 'De gebruikersnaam of het wachtwoord is onjuist.'
      : otherErrorText(err);
    showErrorSummary(message, 'Inloggen is niet gelukt', [], text);
    $('#password').value = '';
  }
});

codeForm.addEventListener('submit', async (ev) => {
  ev.preventDefault();
  clearErrors(codeForm);
  const code = $('#code').value.trim();
  if (!code) {
    const text = 'Vul de code uit uw authenticator-app of een herstelcode in.';
    setFieldError(codeForm.querySelector('[data-field="code"]'), text);
    showErrorSummary(message, 'Inloggen is niet gelukt', [{ text, target: $('#code') }]);
    return;
  }
  const submit = codeForm.querySelector('button[type="submit"]');
  submit.disabled = true;
  try {
    done(await post('/api/login/totp', { code }, { noRedirect: true }));
  } catch (err) {
    submit.disabled = false;
    $('#code').value = '';
    if (err instanceof ApiError && err.status === 401 && /pending login/.test(err.body?.detail || '')) {
      showPasswordStep();
      showErrorSummary(message, 'Inloggen is niet gelukt', [], 'Uw inlogpoging is verlopen. Log opnieuw in met uw gebruikersnaam en wachtwoord.');
      return;
    }
    const text = err instanceof ApiError && err.status === 401
      ? 'De code is onjuist of is al gebruikt. Wacht op de volgende code van uw app en probeer het opnieuw.'
      : otherErrorText(err);
    showErrorSummary(message, 'Inloggen is niet gelukt', [], text);
  }
});

$('#code-restart').addEventListener('click', () => {
  clear();
  showPasswordStep();
});
document.body.dataset.ready = "true";
