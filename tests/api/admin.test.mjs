// admin.test.mjs - organisations and users: GET/POST /api/organisations,
// GET/POST /api/users, PATCH /api/users/{id}; only the admin (beheerder)
// manages them, and deactivating a user ends their sessions.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, api, login, assertProblem, uniqueName } from './helpers.mjs';

let t;
let orgs;
before(async () => {
  t = await setup({ participants: 30 });
  orgs = await t.orgs();
});
after(async () => { await t?.stop(); });

const PASSWORD = 'een-lang-wachtwoord';

async function users() {
  const r = await t.call('beheerder', 'GET', '/api/users');
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

async function organisations() {
  const r = await t.call('beheerder', 'GET', '/api/organisations');
  assert.equal(r.status, 200, r.text);
  return r.body.items;
}

function newUser(extra = {}) {
  return {
    username: uniqueName('coach').toLowerCase(),
    display_name: 'Nieuwe Coach',
    password: PASSWORD,
    role: 'job_coach',
    organisation_id: orgs.social_work_company.id,
    ...extra,
  };
}

async function refusedUser(body, status, field, user = 'beheerder') {
  const before = await users();
  const r = await t.call(user, 'POST', '/api/users', body);
  const problem = assertProblem(r, status, field);
  assert.deepEqual(await users(), before, 'no user was added');
  return problem;
}

test('the admin lists users with the documented members', async () => {
  const items = await users();
  assert.ok(items.length >= 13);
  for (const u of items) {
    for (const k of ['id', 'username', 'display_name', 'role', 'organisation_id', 'organisation_name', 'active']) {
      assert.ok(k in u, `user member ${k}`);
    }
    assert.equal(u.password_hash, undefined);
    assert.equal(u.password, undefined);
  }
  const jc = items.find((u) => u.username === 'jobcoach');
  assert.equal(jc.role, 'job_coach');
  assert.equal(jc.active, true);
  assert.equal(jc.organisation_name, orgs.social_work_company.name);
});

test('the admin creates a user who can then log in with that role', async () => {
  const body = newUser();
  const r = await t.call('beheerder', 'POST', '/api/users', body);
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.username, body.username);
  assert.equal(r.body.display_name, body.display_name);
  assert.equal(r.body.role, 'job_coach');
  assert.equal(r.body.organisation_id, orgs.social_work_company.id);
  assert.equal(r.body.active, true);
  assert.equal(r.body.password, undefined);
  assert.equal(typeof r.body.id, 'number');
  assert.ok((await users()).some((u) => u.id === r.body.id));
  const cookie = await login(t.url, body.username, PASSWORD);
  const me = await api(t.url, cookie, 'GET', '/api/me');
  assert.equal(me.body.user.role, 'job_coach');
  assert.equal(me.body.user.organisation_id, orgs.social_work_company.id);
});

test('a password under 10 characters answers 422 naming password', async () => {
  await refusedUser(newUser({ password: 'kort12345' }), 422, 'password');
  await refusedUser(newUser({ password: '' }), 422, 'password');
  const { password, ...noPassword } = newUser();
  await refusedUser(noPassword, 422, 'password');
});

test('a role that does not fit the organisation type answers 422 naming role', async () => {
  await refusedUser(newUser({ role: 'job_coach', organisation_id: orgs.municipality.id }), 422, 'role');
  await refusedUser(newUser({ role: 'volunteer', organisation_id: orgs.employer.id }), 422, 'role');
  await refusedUser(newUser({ role: 'employer', organisation_id: orgs.refugee_support.id }), 422, 'role');
  await refusedUser(newUser({ role: 'case_manager', organisation_id: orgs.social_work_company.id }), 422, 'role');
});

test('unknown role, unknown organisation, bad user name and unknown fields answer 422', async () => {
  await refusedUser(newUser({ role: 'superuser' }), 422, 'role');
  await refusedUser(newUser({ role: 'system' }), 422, 'role');
  await refusedUser(newUser({ organisation_id: 999999 }), 422, 'organisation_id');
  await refusedUser(newUser({ username: 'Has Spaces' }), 422, 'username');
  await refusedUser(newUser({ username: '' }), 422, 'username');
  await refusedUser(newUser({ display_name: '' }), 422, 'display_name');
  const u = await refusedUser(newUser({ is_admin: true }), 422, 'is_admin');
  assert.equal(u.errors.find((e) => e.field === 'is_admin').reason, 'unknown field');
  await refusedUser('{"username": ', 400, 'body');
});

test('a duplicate user name answers 409 naming username', async () => {
  await refusedUser(newUser({ username: 'jobcoach' }), 409, 'username');
  // the existing user keeps the demo password
  assert.ok(await login(t.url, 'jobcoach'));
});

test('an admin may be created for any organisation type', async () => {
  const r = await t.call('beheerder', 'POST', '/api/users',
    newUser({ role: 'admin', organisation_id: orgs.employer.id, username: uniqueName('adm').toLowerCase() }));
  assert.equal(r.status, 201, r.text);
});

test('the admin creates an organisation; every user sees it listed', async () => {
  const name = `Taalschool ${uniqueName('T')}`;
  const r = await t.call('beheerder', 'POST', '/api/organisations', { name, type: 'language_provider' });
  assert.equal(r.status, 201, r.text);
  assert.equal(r.body.name, name);
  assert.equal(r.body.type, 'language_provider');
  assert.equal(typeof r.body.id, 'number');
  const seen = await t.call('vrijwilliger', 'GET', '/api/organisations');
  assert.ok(seen.body.items.some((o) => o.id === r.body.id && o.name === name && o.type === 'language_provider'));
  // and a user can be made for it
  const u = await t.call('beheerder', 'POST', '/api/users',
    newUser({ role: 'language_provider', organisation_id: r.body.id }));
  assert.equal(u.status, 201, u.text);
});

test('organisation validation: unknown type, missing name, unknown field', async () => {
  const before = await organisations();
  assertProblem(await t.call('beheerder', 'POST', '/api/organisations', { name: 'X BV', type: 'bank' }), 422, 'type');
  assertProblem(await t.call('beheerder', 'POST', '/api/organisations', { type: 'employer' }), 422, 'name');
  assertProblem(await t.call('beheerder', 'POST', '/api/organisations', { name: '', type: 'employer' }), 422, 'name');
  assertProblem(await t.call('beheerder', 'POST', '/api/organisations', { name: 'Y BV', type: 'employer', kvk: '123' }),
    422, 'kvk');
  assert.deepEqual(await organisations(), before);
});

test('deactivating a user ends their session and their logins; reactivating lets them in again', async () => {
  const body = newUser();
  const created = (await t.call('beheerder', 'POST', '/api/users', body)).body;
  const cookie = await login(t.url, body.username, PASSWORD);
  assert.equal((await api(t.url, cookie, 'GET', '/api/me')).status, 200);

  const r = await t.call('beheerder', 'PATCH', `/api/users/${created.id}`, { active: false });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.active, false);
  assert.equal((await users()).find((u) => u.id === created.id).active, false);

  assertProblem(await api(t.url, cookie, 'GET', '/api/me'), 401);
  assertProblem(await api(t.url, cookie, 'GET', '/api/participants'), 401);
  const l = await api(t.url, null, 'POST', '/api/login', { username: body.username, password: PASSWORD });
  assertProblem(l, 401);
  assert.equal(l.headers.get('set-cookie'), null);

  const back = await t.call('beheerder', 'PATCH', `/api/users/${created.id}`, { active: true });
  assert.equal(back.status, 200);
  assert.equal(back.body.active, true);
  assert.ok(await login(t.url, body.username, PASSWORD));
});

test('changing a password ends the user\'s sessions; the new password works', async () => {
  const body = newUser();
  const created = (await t.call('beheerder', 'POST', '/api/users', body)).body;
  const cookie = await login(t.url, body.username, PASSWORD);
  const r = await t.call('beheerder', 'PATCH', `/api/users/${created.id}`, { password: 'nog-een-lang-wachtwoord', display_name: 'Andere Naam' });
  assert.equal(r.status, 200, r.text);
  assert.equal(r.body.display_name, 'Andere Naam');
  assertProblem(await api(t.url, cookie, 'GET', '/api/me'), 401);
  assert.ok(await login(t.url, body.username, 'nog-een-lang-wachtwoord'));
});

test('PATCH user validation: short password, non-boolean active, unknown field, unknown user', async () => {
  const body = newUser();
  const created = (await t.call('beheerder', 'POST', '/api/users', body)).body;
  const before = await users();
  assertProblem(await t.call('beheerder', 'PATCH', `/api/users/${created.id}`, { password: 'kort' }), 422, 'password');
  assertProblem(await t.call('beheerder', 'PATCH', `/api/users/${created.id}`, { active: 'no' }), 422, 'active');
  assertProblem(await t.call('beheerder', 'PATCH', `/api/users/${created.id}`, { role: 'admin' }), 422, 'role');
  assertProblem(await t.call('beheerder', 'PATCH', '/api/users/999999', { active: false }), 404);
  assert.deepEqual(await users(), before);
  assert.ok(await login(t.url, body.username, PASSWORD), 'password unchanged');
});

test('the admin cannot deactivate themself', async () => {
  const me = await t.me('beheerder');
  const r = await t.call('beheerder', 'PATCH', `/api/users/${me.id}`, { active: false });
  assertProblem(r, 422, 'active');
  assert.equal((await t.call('beheerder', 'GET', '/api/me')).status, 200);
});

test('non-admins may not manage users or organisations (403), and nothing changes', async () => {
  const beforeUsers = await users();
  const beforeOrgs = await organisations();
  const target = beforeUsers.find((u) => u.username === 'jobcoach2');
  for (const user of ['klantmanager', 'regisseur', 'projectleider']) {
    assertProblem(await t.call(user, 'GET', '/api/users'), 403);
    assertProblem(await t.call(user, 'POST', '/api/users', newUser()), 403);
    assertProblem(await t.call(user, 'POST', '/api/organisations', { name: `Nep ${uniqueName('N')}`, type: 'employer' }), 403);
    assertProblem(await t.call(user, 'PATCH', `/api/users/${target.id}`, { active: false }), 403);
  }
  assert.deepEqual(await users(), beforeUsers);
  assert.deepEqual(await organisations(), beforeOrgs);
  assert.ok(await login(t.url, 'jobcoach2'), 'jobcoach2 still active');
});
