// totp.test.mjs - the second factor (issue 10, item 12): an organisation
// that requires it, the setup-only session of a user who has none yet,
// setting up TOTP with a QR code and a first code, recovery codes, logging
// in with password + code, codes not taken twice, codes throttled with the
// password's back-off, turning it off, and the admin's reset (API and CLI).
// Codes are computed here with node's crypto (tests/lib/totp.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';
import { setup, api, runCli, assertProblem, DEMO_PASSWORD } from './helpers.mjs';
import { totp, base32Decode } from '../lib/totp.mjs';

let t;
let org;
let user;
const PASSWORD = 'twee-stappen-wachtwoord';
const NAME = 'tweestaps.coach';

before(async () => {
  t = await setup({ participants: 10 });
  const o = await t.call('beheerder', 'POST', '/api/organisations', { name: 'Gemeente Tweestaps', type: 'municipality' });
  assert.equal(o.status, 201, o.text);
  assert.equal(o.body.require_second_factor, false);
  org = o.body;
  const u = await t.call('beheerder', 'POST', '/api/users', {
    username: NAME, display_name: 'Tweestaps Coach', password: PASSWORD, role: 'case_manager', organisation_id: org.id,
  });
  assert.equal(u.status, 201, u.text);
  user = u.body;
  assert.equal(user.second_factor, false);
});
after(async () => { await t?.stop(); });

function cookieOf(res, name) {
  const sc = res.headers.get('set-cookie') ?? '';
  const m = sc.match(new RegExp(`(?:^|, )(${name}=[^;]*)`));
  return m ? m[1] : null;
}

function password(username = NAME, pw = PASSWORD) {
  return api(t.url, null, 'POST', '/api/login', { username, password: pw });
}

async function sessionOf(username = NAME, pw = PASSWORD) {
  const r = await password(username, pw);
  assert.equal(r.status, 200, r.text);
  const c = cookieOf(r, 'meedoen_session');
  assert.ok(c, `a session cookie: ${r.headers.get('set-cookie')}`);
  return { cookie: c, body: r.body };
}

// Set up TOTP for the session; returns { secret, codes } (recovery codes).
async function setUp(cookie) {
  const s = await api(t.url, cookie, 'POST', '/api/account/second-factor/setup');
  assert.equal(s.status, 200, s.text);
  const c = await api(t.url, cookie, 'POST', '/api/account/second-factor/confirm', { code: totp(s.body.secret) });
  assert.equal(c.status, 200, c.text);
  return { secret: s.body.secret, codes: c.body.recovery_codes };
}

test('organisations do not require a second factor by default; demo logins are unchanged', async () => {
  const r = await t.call('beheerder', 'GET', '/api/organisations');
  assert.ok(r.body.items.every((o) => o.require_second_factor === false), r.text);
  const k = await password('klantmanager', DEMO_PASSWORD);
  assert.equal(k.status, 200);
  assert.equal(k.body.user.username, 'klantmanager');
  assert.equal(k.body.second_factor_setup_required, false);
});

test('only the admin sets the flag, with a boolean', async () => {
  assertProblem(await t.call('klantmanager', 'PATCH', `/api/organisations/${org.id}`, { require_second_factor: true }), 403);
  assertProblem(await t.call('beheerder', 'PATCH', `/api/organisations/${org.id}`, { require_second_factor: 'ja' }), 422,
    'require_second_factor');
  assertProblem(await t.call('beheerder', 'PATCH', `/api/organisations/${org.id}`, { name: 'x' }), 422, 'name');
  assertProblem(await t.call('beheerder', 'PATCH', '/api/organisations/99999', { require_second_factor: true }), 404);
  const list = await t.call('beheerder', 'GET', '/api/organisations');
  assert.equal(list.body.items.find((o) => o.id === org.id).require_second_factor, false, 'nothing changed');
  const r = await t.call('beheerder', 'PATCH', `/api/organisations/${org.id}`, { require_second_factor: true });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.require_second_factor, true);
});

test('without a second factor yet, the session reaches only the setup', async () => {
  const { cookie, body } = await sessionOf();
  assert.equal(body.second_factor_setup_required, true);
  for (const path of ['/api/participants', '/api/codes', '/api/signals', '/api/organisations']) {
    const r = await api(t.url, cookie, 'GET', path);
    const p = assertProblem(r, 403);
    assert.match(p.detail, /tweestapsverificatie/, path);
    assert.match(p.detail, /second factor/, path);
  }
  assertProblem(await api(t.url, cookie, 'POST', '/api/participants', { family_name: 'X', given_names: 'Y', birth_date: '1990-01-01' }), 403);
  const me = await api(t.url, cookie, 'GET', '/api/me');
  assert.equal(me.status, 200, me.text);
  assert.equal(me.body.user.username, NAME);
  assert.equal(me.body.second_factor_setup_required, true);
  const st = await api(t.url, cookie, 'GET', '/api/account/second-factor');
  assert.equal(st.status, 200, st.text);
  assert.deepEqual(st.body, { enabled: false, required: true, setting_up: false, recovery_codes_left: 0 });
});

let secret;
let recovery;

test('setup: a secret, an otpauth URI and its QR code; a wrong first code changes nothing; the right one activates it', async () => {
  const { cookie } = await sessionOf();
  const s = await api(t.url, cookie, 'POST', '/api/account/second-factor/setup');
  assert.equal(s.status, 200, s.text);
  assert.match(s.body.secret, /^[A-Z2-7]{32}$/);
  assert.equal(base32Decode(s.body.secret).length, 20);
  assert.equal(s.body.uri, `otpauth://totp/meedoen:${NAME}?secret=${s.body.secret}&issuer=meedoen`);
  const { size, rows } = s.body.qr;
  assert.ok(size >= 21 && (size - 17) % 4 === 0, `a QR code's size: ${size}`);
  assert.equal(rows.length, size);
  assert.ok(rows.every((r) => r.length === size && /^[01]+$/.test(r)));
  // finder patterns in three corners
  for (const [y, x] of [[0, 0], [0, size - 7], [size - 7, 0]]) {
    assert.equal(rows[y].slice(x, x + 7), '1111111');
    assert.equal(rows[y + 1].slice(x, x + 7), '1000001');
    assert.equal(rows[y + 2].slice(x, x + 7), '1011101');
  }
  assert.equal((await api(t.url, cookie, 'GET', '/api/account/second-factor')).body.setting_up, true);

  const wrong = await api(t.url, cookie, 'POST', '/api/account/second-factor/confirm',
    { code: totp(s.body.secret, 5) });
  assertProblem(wrong, 422, 'code');
  assertProblem(await api(t.url, cookie, 'POST', '/api/account/second-factor/confirm', {}), 422, 'code');
  assertProblem(await api(t.url, cookie, 'POST', '/api/account/second-factor/confirm', { code: 123456 }), 422, 'code');
  assertProblem(await api(t.url, cookie, 'GET', '/api/participants'), 403);

  const ok = await api(t.url, cookie, 'POST', '/api/account/second-factor/confirm', { code: totp(s.body.secret) });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.recovery_codes.length, 10);
  assert.ok(ok.body.recovery_codes.every((c) => /^[a-z2-7]{5}-[a-z2-7]{5}$/.test(c)), ok.text);
  assert.equal(new Set(ok.body.recovery_codes).size, 10);
  secret = s.body.secret;
  recovery = ok.body.recovery_codes;

  // the same session now reaches everything its role may
  assert.equal((await api(t.url, cookie, 'GET', '/api/participants')).status, 200);
  const st = await api(t.url, cookie, 'GET', '/api/account/second-factor');
  assert.deepEqual(st.body, { enabled: true, required: true, setting_up: false, recovery_codes_left: 10 });
  assertProblem(await api(t.url, cookie, 'POST', '/api/account/second-factor/setup'), 409);
  const listed = (await t.call('beheerder', 'GET', '/api/users')).body.items.find((u) => u.username === NAME);
  assert.equal(listed.second_factor, true);
  assert.equal(listed.second_factor_required, true);
});

test('the secret and the recovery codes are not stored in plain text', () => {
  const rows = execFileSync('sqlite3', [t.srv.db, 'SELECT secret FROM user_totp'], { encoding: 'utf8' });
  assert.match(rows, /^v1:/);
  assert.ok(!rows.includes(secret));
  const raw = base32Decode(secret);
  for (const f of [t.srv.db, `${t.srv.db}-wal`]) {
    if (!existsSync(f)) continue;
    const bytes = readFileSync(f);
    assert.equal(bytes.indexOf(raw), -1, `raw secret in ${f}`);
    assert.equal(bytes.indexOf(Buffer.from(secret)), -1, `base32 secret in ${f}`);
    assert.equal(bytes.indexOf(Buffer.from(raw.toString('hex'))), -1, `hex secret in ${f}`);
    for (const c of recovery) assert.equal(bytes.indexOf(Buffer.from(c.replace('-', ''))), -1, `recovery code in ${f}`);
  }
});

test('login: the password gives a pending login, not a session; the code opens the session; a code works once', async () => {
  const p = await password();
  assert.equal(p.status, 200, p.text);
  assert.deepEqual(p.body, { second_factor: 'totp' });
  assert.equal(cookieOf(p, 'meedoen_session'), null, 'no session yet');
  const pending = cookieOf(p, 'meedoen_pending');
  assert.match(pending, /^meedoen_pending=[A-Za-z0-9_-]{43}$/);
  assert.match(p.headers.get('set-cookie'), /Path=\/api\/login; HttpOnly; SameSite=Strict; Max-Age=300/);
  // the pending token is no session
  const asSession = `meedoen_session=${pending.split('=')[1]}`;
  assertProblem(await api(t.url, asSession, 'GET', '/api/me'), 401);
  assertProblem(await api(t.url, asSession, 'GET', '/api/participants'), 401);

  assertProblem(await api(t.url, pending, 'POST', '/api/login/totp', { code: '000000' === totp(secret) ? '111111' : '000000' }), 401);
  assertProblem(await api(t.url, null, 'POST', '/api/login/totp', { code: totp(secret, 1) }), 401);
  assertProblem(await api(t.url, pending, 'POST', '/api/login/totp', { kode: '1' }), 422, 'kode');

  const code = totp(secret, 1); // the setup took the current step
  const ok = await api(t.url, pending, 'POST', '/api/login/totp', { code });
  assert.equal(ok.status, 200, ok.text);
  assert.equal(ok.body.user.username, NAME);
  const session = cookieOf(ok, 'meedoen_session');
  assert.ok(session);
  assert.equal((await api(t.url, session, 'GET', '/api/participants')).status, 200);
  // the pending login is spent
  assertProblem(await api(t.url, pending, 'POST', '/api/login/totp', { code: totp(secret) }), 401);

  // the same code cannot be used again within its window
  const p2 = await password();
  const again = await api(t.url, cookieOf(p2, 'meedoen_pending'), 'POST', '/api/login/totp', { code });
  assertProblem(again, 401);
  assert.equal(cookieOf(again, 'meedoen_session'), null);
});

test('a recovery code logs in once', async () => {
  const p = await password();
  const pending = cookieOf(p, 'meedoen_pending');
  const ok = await api(t.url, pending, 'POST', '/api/login/totp', { code: recovery[0].toUpperCase() });
  assert.equal(ok.status, 200, ok.text);
  const p2 = await password();
  assertProblem(await api(t.url, cookieOf(p2, 'meedoen_pending'), 'POST', '/api/login/totp', { code: recovery[0] }), 401);
  const st = await api(t.url, cookieOf(ok, 'meedoen_session'), 'GET', '/api/account/second-factor');
  assert.equal(st.body.recovery_codes_left, 9);
});

test('it cannot be turned off while the organisation requires it', async () => {
  const p = await password();
  const s = await api(t.url, cookieOf(p, 'meedoen_pending'), 'POST', '/api/login/totp', { code: recovery[1] });
  const cookie = cookieOf(s, 'meedoen_session');
  assertProblem(await api(t.url, cookie, 'POST', '/api/account/second-factor/disable', { code: recovery[2] }), 403);
  assert.equal((await api(t.url, cookie, 'GET', '/api/account/second-factor')).body.enabled, true);
});

test('the admin resets it (API): the user\'s sessions end and they set it up again', async () => {
  const p = await password();
  const s = await api(t.url, cookieOf(p, 'meedoen_pending'), 'POST', '/api/login/totp', { code: recovery[3] });
  const cookie = cookieOf(s, 'meedoen_session');
  assertProblem(await t.call('klantmanager', 'POST', `/api/users/${user.id}/second-factor/reset`), 403);
  assertProblem(await t.call('beheerder', 'POST', '/api/users/99999/second-factor/reset'), 404);
  const r = await t.call('beheerder', 'POST', `/api/users/${user.id}/second-factor/reset`);
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.second_factor, false);
  assert.equal(r.body.had_second_factor, true);
  assertProblem(await api(t.url, cookie, 'GET', '/api/me'), 401, undefined);
  assert.match(t.srv.log(), new RegExp(`second factor of user ${NAME.replace('.', '\\.')} \\(id ${user.id}\\) reset by beheerder`));
  // the old recovery codes are gone; the next login is setup-only again
  const again = await sessionOf();
  assert.equal(again.body.second_factor_setup_required, true);
  assertProblem(await api(t.url, again.cookie, 'GET', '/api/participants'), 403);
  ({ secret, codes: recovery } = await setUp(again.cookie));
  assert.equal((await api(t.url, again.cookie, 'GET', '/api/participants')).status, 200);
});

test('the admin resets it (CLI), and sets the organisation\'s flag (CLI)', async () => {
  const r = runCli(['--db', t.srv.db, 'user', 'reset-2fa', NAME]);
  assert.equal(r.status, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`second factor of ${NAME.replace('.', '\\.')} reset`));
  const none = runCli(['--db', t.srv.db, 'user', 'reset-2fa', 'niemand']);
  assert.notEqual(none.status, 0);
  assert.match(none.stderr, /no user "niemand"/);
  const listed = (await t.call('beheerder', 'GET', '/api/users')).body.items.find((u) => u.username === NAME);
  assert.equal(listed.second_factor, false);

  const bad = runCli(['--db', t.srv.db, 'organisation', 'set', String(org.id), '--require-second-factor', 'misschien']);
  assert.notEqual(bad.status, 0);
  assert.match(bad.stderr, /must be yes or no/);
  const off = runCli(['--db', t.srv.db, 'organisation', 'set', String(org.id), '--require-second-factor', 'no', '--json']);
  assert.equal(off.status, 0, off.stderr);
  assert.equal(JSON.parse(off.stdout).require_second_factor, false);
  // without the requirement and without a second factor: an ordinary session
  const s = await sessionOf();
  assert.equal(s.body.second_factor_setup_required, false);
  assert.equal((await api(t.url, s.cookie, 'GET', '/api/participants')).status, 200);
  const on = runCli(['--db', t.srv.db, 'organisation', 'set', String(org.id), '--require-second-factor', 'yes']);
  assert.equal(on.status, 0, on.stderr);
  assert.match(on.stdout, /Gemeente Tweestaps: second factor required/);
  // the requirement holds for a session opened before it was set
  assertProblem(await api(t.url, s.cookie, 'GET', '/api/participants'), 403);
  ({ secret, codes: recovery } = await setUp(s.cookie));
});

test('a user may turn it on without a requirement, and off again with a code', async () => {
  const { cookie } = await sessionOf('regisseur', DEMO_PASSWORD);
  const mine = await setUp(cookie);
  const p = await password('regisseur', DEMO_PASSWORD);
  assert.deepEqual(p.body, { second_factor: 'totp' });
  assertProblem(await api(t.url, cookie, 'POST', '/api/account/second-factor/disable', { code: 'abcde-fghij' }), 422, 'code');
  const off = await api(t.url, cookie, 'POST', '/api/account/second-factor/disable', { code: mine.codes[0] });
  assert.equal(off.status, 204, off.text);
  const again = await password('regisseur', DEMO_PASSWORD);
  assert.equal(again.body.user.username, 'regisseur', 'a plain login again');
});

test('wrong codes share the password back-off: after five, 429 with Retry-After, for codes and passwords', async () => {
  const p = await password();
  const pending = cookieOf(p, 'meedoen_pending');
  const good = totp(secret);
  const wrong = ['000000', '111111', '222222', '333333', '444444', '555555'].filter((c) => c !== good
    && c !== totp(secret, -1) && c !== totp(secret, 1));
  for (let i = 0; i < 5; i++) {
    assertProblem(await api(t.url, pending, 'POST', '/api/login/totp', { code: wrong[i % wrong.length] }), 401);
  }
  const locked = await api(t.url, pending, 'POST', '/api/login/totp', { code: recovery[5] });
  assertProblem(locked, 429);
  assert.ok(Number(locked.headers.get('retry-after')) >= 1);
  const pw = await password();
  assertProblem(pw, 429);
  assert.equal(cookieOf(pw, 'meedoen_pending'), null);
  // other users are not affected
  assert.equal((await password('klantmanager', DEMO_PASSWORD)).status, 200);
});
