// login.js - the login form. After a successful login the user goes to the
// page named in ?next= (same site only) or to their worklist (the admin: users).
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
const message = $('#login-message');

if (new URLSearchParams(location.search).has('next')) {
  showMessage(message, 'info', 'Log in om verder te gaan.');
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
    location.assign(safeNext(res && res.user));
  } catch (err) {
    submit.disabled = false;
    let text;
    if (err instanceof ApiError && err.status === 401) {
      text = 'De gebruikersnaam of het wachtwoord is onjuist.';
    } else if (err instanceof ApiError && err.status === 429) {
      const wait = err.retryAfter;
      text = wait
        ? `Te veel mislukte pogingen. Probeer het over ${wait} ${wait === 1 ? 'seconde' : 'seconden'} opnieuw.`
        : 'Te veel mislukte pogingen. Wacht even en probeer het daarna opnieuw.';
    } else if (err instanceof ApiError && err.status === 0) {
      text = err.message;
    } else {
      text = `Inloggen is niet gelukt (${err.status || 'onbekende fout'}). Probeer het opnieuw.`;
    }
    showErrorSummary(message, 'Inloggen is niet gelukt', [], text);
    $('#password').value = '';
  }
});
document.body.dataset.ready = "true";
