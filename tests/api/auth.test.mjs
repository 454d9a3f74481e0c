// auth.test.mjs - POST /api/login, POST /api/logout, GET /api/me, the
// session cookie, and the back-off of an account after repeated failed
// logins (which throttles that account, not the address: see
// throttle.test.mjs for the address guard and X-Forwarded-For).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, api, assertProblem, sleep, DEMO_PASSWORD } from './helpers.mjs';

let t;
before(async () => { t = await setup({ participants: 30 }); });
after(async () => { await t?.stop(); });

function loginRaw(username, password) {
  return api(t.url, null, 'POST', '/api/login', { username, password });
}

function cookieOf(res) {
  return (res.headers.get('set-cookie') ?? '').split(';')[0];
}

test('login with the right password: 200, the user, and a strict session cookie', async () => {
  const r = await loginRaw('klantmanager', DEMO_PASSWORD);
  assert.equal(r.status, 200, r.text);
  const u = r.body.user;
  assert.equal(u.username, 'klantmanager');
  assert.equal(u.role, 'case_manager');
  assert.equal(typeof u.id, 'number');
  assert.equal(typeof u.display_name, 'string');
  assert.equal(typeof u.organisation_id, 'number');
  assert.equal(u.organisation_name, 'Gemeente Westland');
  assert.equal(u.password_hash, undefined, 'no password hash in the answer');

  const sc = r.headers.get('set-cookie');
  assert.ok(sc, 'Set-Cookie header');
  const [pair, ...attrs] = sc.split(';').map((s) => s.trim());
  assert.match(pair, /^meedoen_session=[^;\s]{20,}$/);
  const lower = attrs.map((a) => a.toLowerCase());
  assert.ok(lower.includes('httponly'), `HttpOnly in ${sc}`);
  assert.ok(lower.includes('samesite=strict'), `SameSite=Strict in ${sc}`);
  assert.ok(lower.includes('path=/'), `Path=/ in ${sc}`);
  assert.ok(!lower.includes('secure'), 'no Secure flag on plain HTTP');
  assert.equal(r.headers.get('cache-control'), 'no-store');

  const me = await api(t.url, pair, 'GET', '/api/me');
  assert.equal(me.status, 200);
  for (const k of ['display_name', 'id', 'organisation_id', 'organisation_name', 'role', 'username']) {
    assert.ok(k in me.body.user, `/api/me user has "${k}"`);
  }
  assert.equal(me.body.user.password_hash, undefined);
  assert.equal(me.body.user.username, 'klantmanager');
  assert.equal(me.body.user.id, u.id);
});

test('each login gets its own session token', async () => {
  const a = cookieOf(await loginRaw('regisseur', DEMO_PASSWORD));
  const b = cookieOf(await loginRaw('regisseur', DEMO_PASSWORD));
  assert.notEqual(a, b);
  assert.equal((await api(t.url, a, 'GET', '/api/me')).status, 200);
  assert.equal((await api(t.url, b, 'GET', '/api/me')).status, 200);
});

test('wrong password answers 401 problem+json and no cookie', async () => {
  const r = await loginRaw('klantmanager', 'not-the-password');
  assertProblem(r, 401);
  assert.equal(r.headers.get('set-cookie'), null);
});

test('unknown user answers 401, the same as a wrong password', async () => {
  const r = await loginRaw('nobody-at-all', DEMO_PASSWORD);
  const b = assertProblem(r, 401);
  const w = assertProblem(await loginRaw('klantmanager', 'not-the-password'), 401);
  assert.equal(b.title, w.title);
  assert.equal(b.detail, w.detail, 'the answer does not tell which user names exist');
  assert.equal(r.headers.get('set-cookie'), null);
  // a successful login resets the failure count for the next tests
  assert.equal((await loginRaw('klantmanager', DEMO_PASSWORD)).status, 200);
});

test('login with a malformed body: 400 for broken JSON, 415 for a wrong content type, 403 for a form type', async () => {
  assertProblem(await api(t.url, null, 'POST', '/api/login', '{"username": "klantmanager", '), 400, 'body');
  const r = await api(t.url, null, 'POST', '/api/login',
    JSON.stringify({ username: 'klantmanager', password: DEMO_PASSWORD }), { 'content-type': 'text/plain' });
  assertProblem(r, 403, 'Content-Type'); // a form on any site can send text/plain (docs/api.md)
  assert.equal(r.headers.get('set-cookie'), null);
  const csv = await api(t.url, null, 'POST', '/api/login',
    JSON.stringify({ username: 'klantmanager', password: DEMO_PASSWORD }), { 'content-type': 'text/csv' });
  assertProblem(csv, 415);
  assert.equal(csv.headers.get('set-cookie'), null);
});

test('no session: /api/me, /api/participants and /api/codes answer 401', async () => {
  for (const path of ['/api/me', '/api/participants', '/api/participants/1', '/api/codes', '/api/organisations',
    '/api/users']) {
    assertProblem(await api(t.url, null, 'GET', path), 401);
  }
  assertProblem(await api(t.url, null, 'POST', '/api/participants',
    { family_name: 'Zonder', given_names: 'Sessie', birth_date: '1990-01-01' }), 401);
  assert.equal((await t.total('&q=zonder')), 0, 'nothing was created without a session');
});

test('a garbage or forged cookie answers 401', async () => {
  const forged = 'A'.repeat(43);
  for (const cookie of ['meedoen_session=garbage', `meedoen_session=${forged}`, 'meedoen_session=',
    'meedoen_session=' + 'x'.repeat(5000), 'other=1']) {
    const r = await api(t.url, cookie, 'GET', '/api/me');
    assertProblem(r, 401);
  }
});

test('logout: 204, the cookie is cleared, and the old token stops working on the server', async () => {
  const login = await loginRaw('jobcoach', DEMO_PASSWORD);
  assert.equal(login.status, 200);
  const cookie = cookieOf(login);
  assert.equal((await api(t.url, cookie, 'GET', '/api/me')).status, 200);

  const out = await api(t.url, cookie, 'POST', '/api/logout');
  assert.equal(out.status, 204);
  const sc = out.headers.get('set-cookie') ?? '';
  assert.match(sc, /^meedoen_session=;/, `logout clears the cookie: ${sc}`);
  assert.match(sc, /Max-Age=0|Expires=Thu, 01 Jan 1970/i);

  // the browser would drop the cookie; a stolen copy must not work either
  assertProblem(await api(t.url, cookie, 'GET', '/api/me'), 401);
  assertProblem(await api(t.url, cookie, 'GET', '/api/participants'), 401);
});

test('logout of one session leaves the user\'s other sessions alone', async () => {
  const a = cookieOf(await loginRaw('projectleider', DEMO_PASSWORD));
  const b = cookieOf(await loginRaw('projectleider', DEMO_PASSWORD));
  assert.equal((await api(t.url, a, 'POST', '/api/logout')).status, 204);
  assert.equal((await api(t.url, a, 'GET', '/api/me')).status, 401);
  assert.equal((await api(t.url, b, 'GET', '/api/me')).status, 200);
});

test('GET /api/codes lists every code list with Dutch labels', async () => {
  const r = await t.call('regisseur', 'GET', '/api/codes');
  assert.equal(r.status, 200);
  for (const list of ['isced', 'cefr', 'isco', 'countries', 'languages', 'sex', 'target_group', 'integration_duty',
    'exam_status', 'benefit', 'valuation', 'roles', 'organisation_types', 'categories']) {
    assert.ok(Array.isArray(r.body[list]) && r.body[list].length > 0, `code list ${list}`);
    for (const c of r.body[list]) {
      assert.equal(typeof c.code, 'string', `${list} code`);
      assert.equal(typeof c.label, 'string', `${list} label`);
    }
  }
  assert.ok(r.body.countries.some((c) => c.code === 'SY' && c.label === 'Syrië'));
  assert.deepEqual(r.body.categories.map((c) => c.code).sort(),
    ['assessments', 'bsn', 'civic_integration', 'contact', 'education_work', 'health', 'identity', 'income',
      'notes', 'path']);
  assert.deepEqual(r.body.cefr.map((c) => c.code), ['A0', 'A1', 'A2', 'B1', 'B2', 'C1', 'C2']);
});

// Kept last: it throttles the account accountmanager.
test('repeated failed logins: 5 answer 401, then 429 with Retry-After, even with the right password', async () => {
  const statuses = [];
  let retry = 0;
  // Fail until a refusal carries a lock-out of at least 3 seconds, so the
  // next request is certainly still inside the lock (the lock-out grows
  // with every failure after the fifth).
  for (let i = 0; i < 20; i++) {
    const r = await loginRaw('accountmanager', `wrong-password-${i}`);
    statuses.push(r.status);
    if (r.status === 429) {
      assertProblem(r, 429);
      retry = Number(r.headers.get('retry-after'));
      assert.ok(Number.isInteger(retry) && retry >= 1, `Retry-After is a number of seconds: ${r.headers.get('retry-after')}`);
      if (retry >= 3) break;
      await sleep(retry * 1000 + 50);
    } else {
      assert.equal(r.status, 401, `attempt ${i + 1}: ${r.text}`);
    }
  }
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401], `first five attempts: ${statuses}`);
  assert.ok(statuses.includes(429), `a 429 after the failures: ${statuses}`);
  assert.ok(retry >= 3, `the lock-out grows: ${statuses}`);

  const right = await loginRaw('accountmanager', DEMO_PASSWORD);
  assertProblem(right, 429);
  assert.ok(Number(right.headers.get('retry-after')) >= 1, 'Retry-After on the right password too');
  assert.equal(right.headers.get('set-cookie'), null, 'no session while locked out');

  // only that account: another user on the same address logs in
  const other = await loginRaw('regisseur', DEMO_PASSWORD);
  assert.equal(other.status, 200, other.text);
  assert.match(cookieOf(other), /^meedoen_session=/);
});
