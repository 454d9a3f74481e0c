// health.test.mjs - GET /healthz, the X-Request-Id header on every kind of
// answer, and one access-log line per request.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, api, sleep } from './helpers.mjs';

let t;
before(async () => { t = await setup({ participants: 30 }); });
after(async () => { await t?.stop(); });

test('GET /healthz answers 200 {"status":"ok"} without a session', async () => {
  const r = await api(t.url, null, 'GET', '/healthz');
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.deepEqual(r.body, { status: 'ok' });
});

test('every response carries an X-Request-Id, different per request', async () => {
  const cookie = await t.cookie('klantmanager');
  const requests = [
    ['GET', '/healthz', null, undefined, 200],
    ['GET', '/api/me', null, undefined, 401],
    ['GET', '/api/me', cookie, undefined, 200],
    ['GET', '/api/no-such-route', cookie, undefined, 404],
    ['DELETE', '/healthz', null, undefined, 405],
    ['POST', '/api/participants', cookie, '{"broken": ', 400],
    ['POST', '/api/participants', cookie, {}, 422],
    ['POST', '/api/login', null, { username: 'regisseur', password: 'wrong-password' }, 401],
    ['GET', '/', null, undefined, 200],
    ['GET', '/no-such-file.html', null, undefined, 404],
  ];
  const seen = new Set();
  for (const [method, path, c, body, status] of requests) {
    const r = await api(t.url, c, method, path, body);
    assert.equal(r.status, status, `${method} ${path}: ${r.text}`);
    const id = r.headers.get('x-request-id');
    assert.ok(id && id.length >= 8, `${method} ${path} (${status}) has X-Request-Id, got ${id}`);
    assert.ok(!seen.has(id), `request ids differ per request (${id} repeated)`);
    seen.add(id);
  }
});

test('logout answers with an X-Request-Id too', async () => {
  const r = await api(t.url, null, 'POST', '/api/logout');
  assert.equal(r.status, 204);
  assert.ok(r.headers.get('x-request-id'));
});

async function waitForLog(predicate, ms = 3000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (predicate(t.srv.log())) return true;
    await sleep(25);
  }
  return predicate(t.srv.log());
}

test('every request writes one access-log line naming its path and request id', async () => {
  const path = `/api/access-log-probe-${Date.now()}`;
  const ids = [];
  for (let i = 0; i < 3; i++) {
    const r = await api(t.url, null, 'GET', path);
    assert.equal(r.status, 404);
    ids.push(r.headers.get('x-request-id'));
  }
  const count = (log) => log.split('\n').filter((l) => l.includes(path)).length;
  assert.ok(await waitForLog((log) => count(log) >= 3), `three log lines for ${path}:\n${t.srv.log().slice(-2000)}`);
  await sleep(100);
  assert.equal(count(t.srv.log()), 3, 'exactly one line per request');
  const lines = t.srv.log().split('\n').filter((l) => l.includes(path));
  for (const id of ids) assert.ok(lines.some((l) => l.includes(id)), `a log line carries request id ${id}`);
  for (const l of lines) assert.match(l, /\b404\b/, `the log line carries the status: ${l}`);
});

test('successful API requests and static files are logged as well', async () => {
  const r1 = await api(t.url, null, 'GET', '/healthz');
  const r2 = await api(t.url, null, 'GET', '/login.html');
  const r3 = await t.call('regisseur', 'GET', '/api/participants?per_page=2');
  assert.equal(r1.status, 200);
  assert.equal(r2.status, 200);
  assert.equal(r3.status, 200);
  for (const r of [r1, r2, r3]) {
    const id = r.headers.get('x-request-id');
    assert.ok(await waitForLog((log) => log.includes(id)), `log has a line with request id ${id}`);
  }
  const line = t.srv.log().split('\n').find((l) => l.includes(r3.headers.get('x-request-id')));
  assert.ok(line.includes('/api/participants'), `line names the path: ${line}`);
});
