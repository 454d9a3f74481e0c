// csrf.test.mjs - cross-site requests (issue 10, item 1; docs/api.md
// "Cross-site requests"). A page on any site can make a logged-in user's
// browser send a form (urlencoded, multipart or text/plain, with or without
// its Origin). Every state-changing route in the route table
// (tests/lib/routes.mjs, read from http/routes.c) must refuse that with 403
// before the session is resolved or a handler runs, so the database is
// byte for byte what it was. Same-origin JSON, and uploads with
// X-Meedoen-Upload: 1, still work.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { join } from 'node:path';
import { tmpdir } from 'node:os';
import { setup, api, assertProblem, sleep, uniqueName, startServer, login, runCli, today } from './helpers.mjs';
import { stateChangingRoutes, fillPattern } from '../lib/routes.mjs';

let t;
before(async () => { t = await setup({ participants: 10 }); });
after(async () => { await t?.stop(); });

// A digest of every row of every table (the sqlite3 command line reads
// the database beside the running server; WAL mode allows it).
function dbDigest(db) {
  const dump = execFileSync('sqlite3', [db, '.dump'], { encoding: 'utf8', maxBuffer: 256 << 20 });
  return createHash('sha256').update(dump).digest('hex');
}

// Wait until the database is quiet (the processing log is written in
// batches a moment after the request), then digest it.
async function quietDigest(db) {
  let last = dbDigest(db);
  for (let i = 0; i < 20; i++) {
    await sleep(150);
    const now = dbDigest(db);
    if (now === last) return now;
    last = now;
  }
  return last;
}

const FOREIGN = 'https://evil.example';

// The three ways a page on another site sends a request.
const ATTACKS = [
  ['a form (urlencoded) with a foreign Origin',
    { 'content-type': 'application/x-www-form-urlencoded', origin: FOREIGN }, 'a=1&b=2', /Origin/],
  ['text/plain with Sec-Fetch-Site: cross-site',
    { 'content-type': 'text/plain;charset=UTF-8', 'sec-fetch-site': 'cross-site' }, '{"a":1}', /Sec-Fetch-Site/],
  ['a multipart form without Origin',
    { 'content-type': 'multipart/form-data; boundary=xyz' }, '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xyz--\r\n', /Content-Type/],
];

test('every state-changing route refuses a cross-site form with 403 and changes nothing', async () => {
  const routes = stateChangingRoutes();
  assert.ok(routes.length > 40, `routes from http/routes.c: ${routes.length}`);
  // real ids, so a route that let the request through would act on something
  const p = await t.create();
  const consent = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents`,
    { organisation_id: (await t.me('vrijwilliger')).organisation_id, category: 'education_work', given_on: today() });
  assert.equal(consent.status, 201, consent.text);
  const cid = consent.body.id;
  const cookie = await t.cookie('klantmanager');
  const participants = t.cliTotal(); // (it writes a processing-log entry itself)
  const before = await quietDigest(t.srv.db);
  for (const route of routes) {
    const path = fillPattern(route.pattern, [p.id, cid]);
    for (const [name, headers, body, field] of ATTACKS) {
      const r = await api(t.url, cookie, route.method, path, body, headers);
      const problem = assertProblem(r, 403);
      assert.match(problem.detail, /^cross-site request refused: /, `${route.method} ${route.pattern}, ${name}: ${problem.detail}`);
      assert.ok(problem.errors.some((e) => field.test(e.field)), `${route.method} ${route.pattern}, ${name}: names the header: ${r.text}`);
      assert.equal(r.headers.get('set-cookie'), null, `${route.method} ${route.pattern}: no cookie set or cleared`);
    }
  }
  assert.equal(await quietDigest(t.srv.db), before, 'the database is unchanged, row for row');
  assert.equal(t.cliTotal(), participants);
  // the session survived the refused logouts
  assert.equal((await t.call('klantmanager', 'GET', '/api/me')).status, 200);
  // and the access log shows the refusals
  assert.match(t.srv.log(), / http POST \/api\/participants\/\d+\/consents\/\d+\/revoke 403 \d+ms request_id=[0-9a-f]{32} refused=cross-site/);
});

test('the reported attacks: revoke by form, screening import by text/plain', async () => {
  const p = await t.create();
  const given = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents`,
    { organisation_id: (await t.me('vrijwilliger')).organisation_id, category: 'education_work', given_on: today() });
  assert.equal(given.status, 201, given.text);
  const cookie = await t.cookie('klantmanager');
  const revoke = await api(t.url, cookie, 'POST', `/api/participants/${p.id}/consents/${given.body.id}/revoke`, '',
    { 'content-type': 'application/x-www-form-urlencoded', origin: FOREIGN });
  const problem = assertProblem(revoke, 403, 'Origin');
  assert.equal(problem.detail, `cross-site request refused: Origin "${FOREIGN}" is not this server's origin (${t.url})`);
  const consents = await t.call('klantmanager', 'GET', `/api/participants/${p.id}/consents`);
  const c = consents.body.items.find((x) => x.id === given.body.id);
  assert.equal(c.revoked_at, null, `still in force: ${JSON.stringify(c)}`);

  const tag = uniqueName('Csrf');
  const csv = `external_id,family_name,given_names,birth_date\n${tag}-1,${tag},Omar,1990-04-01\n`;
  const total = await t.total();
  for (const headers of [{ 'content-type': 'text/plain' }, { 'content-type': 'text/plain', 'x-meedoen-upload': '1' },
    { 'content-type': 'text/csv' }, { 'content-type': 'text/csv', origin: FOREIGN, 'x-meedoen-upload': '1' }]) {
    const r = await api(t.url, cookie, 'POST', '/api/import/screening?format=csv', csv, headers);
    assertProblem(r, 403);
  }
  assert.equal(await t.total(), total, 'no participant imported');
});

test('same-origin requests pass: JSON with its Origin, uploads with X-Meedoen-Upload, body-less posts', async () => {
  const cookie = await t.cookie('klantmanager');
  const own = { origin: t.url, 'sec-fetch-site': 'same-origin' };
  const created = await api(t.url, cookie, 'POST', '/api/participants',
    { family_name: uniqueName('Same'), given_names: 'A', birth_date: '1990-01-01' }, own);
  assert.equal(created.status, 201, created.text);
  // a mixed-case Host/Origin is the same origin
  const upper = await api(t.url, cookie, 'PATCH', `/api/participants/${created.body.id}`, { city: 'Delft' },
    { origin: t.url.toUpperCase().replace('HTTP://', 'http://') });
  assert.equal(upper.status, 200, upper.text);
  // no Origin at all (curl, scripts) with JSON is fine; Sec-Fetch-Site none (typed address) too
  const plain = await api(t.url, cookie, 'PATCH', `/api/participants/${created.body.id}`, { city: 'Leiden' },
    { 'sec-fetch-site': 'none' });
  assert.equal(plain.status, 200, plain.text);
  const tag = uniqueName('Up');
  const csv = `external_id,family_name,given_names,birth_date\n${tag}-1,${tag},Omar,1990-04-01\n`;
  const up = await api(t.url, cookie, 'POST', '/api/import/screening?format=csv', csv,
    { 'content-type': 'text/csv; charset=utf-8', 'x-meedoen-upload': '1', ...own });
  assert.equal(up.status, 200, up.text);
  assert.equal(up.body.created, 1);
  // a body-less post with no content type, or with application/json
  const l = await t.call('klantmanager', 'POST', `/api/participants/${created.body.id}/links`,
    { kind: 'volunteer', user_id: (await t.me('vrijwilliger')).id });
  assert.equal(l.status, 201, l.text);
  const end = await api(t.url, cookie, 'POST', `/api/participants/${created.body.id}/links/${l.body.id}/end`, undefined, own);
  assert.equal(end.status, 200, end.text);
  const l2 = await t.call('klantmanager', 'POST', `/api/participants/${created.body.id}/links`,
    { kind: 'volunteer', user_id: (await t.me('vrijwilliger')).id });
  const end2 = await api(t.url, cookie, 'POST', `/api/participants/${created.body.id}/links/${l2.body.id}/end`, undefined,
    { 'content-type': 'application/json', ...own });
  assert.equal(end2.status, 200, end2.text);
  // GET is never refused, whatever its Origin
  const get = await api(t.url, cookie, 'GET', '/api/me', undefined, { origin: FOREIGN, 'sec-fetch-site': 'cross-site' });
  assert.equal(get.status, 200);
  // https is another origin than http on the same host
  const scheme = await api(t.url, cookie, 'POST', '/api/participants',
    { family_name: uniqueName('Sch'), given_names: 'A', birth_date: '1990-01-01' }, { origin: t.url.replace('http:', 'https:') });
  assertProblem(scheme, 403, 'Origin');
  for (const origin of ['null', `${t.url}.evil.example`, `${t.url}/`, 'http://127.0.0.1']) {
    assertProblem(await api(t.url, cookie, 'POST', '/api/logout', undefined, { origin }), 403, 'Origin');
  }
  for (const site of ['same-site', 'cross-site', 'SAME-ORIGIN']) {
    assertProblem(await api(t.url, cookie, 'POST', '/api/logout', undefined, { 'sec-fetch-site': site }), 403, 'Sec-Fetch-Site');
  }
  // logout from the own origin works
  const out = await api(t.url, cookie, 'POST', '/api/logout', undefined, own);
  assert.ok(out.status < 300, out.text);
  t.forget('klantmanager');
});

test('with --origin the public origin counts, not the Host header', async () => {
  const srv = await startServer({ participants: 3, args: ['--origin', 'https://meedoen.example.nl/'] });
  try {
    const body = JSON.stringify({ username: 'klantmanager', password: 'meedoen-demo' });
    const direct = await api(srv.url, null, 'POST', '/api/login', body, { origin: srv.url });
    assertProblem(direct, 403, 'Origin');
    assert.match(direct.body.detail, /not this server's origin \(https:\/\/meedoen\.example\.nl\)/);
    const proxied = await api(srv.url, null, 'POST', '/api/login', body, { origin: 'https://meedoen.example.nl' });
    assert.equal(proxied.status, 200, proxied.text);
    // no Origin (not a browser): passes
    assert.equal((await login(srv.url, 'jobcoach')).startsWith('meedoen_session='), true);
  } finally {
    await srv.stop();
  }
  for (const origin of ['meedoen.example.nl', 'https://meedoen.example.nl/app', 'ftp://x']) {
    const bad = runCli(['--db', join(tmpdir(), 'meedoen-csrf-unused.db'), 'serve', '--origin', origin, '--listen', '127.0.0.1:0']);
    assert.notEqual(bad.status, 0, `--origin ${origin} is refused at start`);
    assert.match(bad.stderr, /--origin .*must/, bad.stderr);
  }
});

test('with secure cookies the own origin is https', async () => {
  const srv = await startServer({ participants: 3, env: { MEEDOEN_SECURE_COOKIES: '1' } });
  try {
    const body = JSON.stringify({ username: 'klantmanager', password: 'meedoen-demo' });
    assertProblem(await api(srv.url, null, 'POST', '/api/login', body, { origin: srv.url }), 403, 'Origin');
    const ok = await api(srv.url, null, 'POST', '/api/login', body, { origin: srv.url.replace('http:', 'https:') });
    assert.equal(ok.status, 200, ok.text);
  } finally {
    await srv.stop();
  }
});
