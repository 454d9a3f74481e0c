// http.test.mjs - protocol-level behaviour: unknown routes, wrong methods
// (405 + Allow), keep-alive, the static web UI with its security headers,
// and path traversal attempts.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { rawRequest, statusOf } from '../lib/raw.mjs';
import { setup, api, assertProblem } from './helpers.mjs';

let t;
before(async () => { t = await setup({ participants: 30 }); });
after(async () => { await t?.stop(); });

const raw = (request) => rawRequest(t.srv.port, request, 5000);

test('unknown API routes answer 404 problem+json', async () => {
  for (const path of ['/api/nope', '/api/participants/1/nope', '/api/participants/1/links/2']) {
    const r = await t.call('klantmanager', 'GET', path);
    assertProblem(r, 404);
  }
});

test('a non-numeric or zero participant id is 404, not a crash or 400', async () => {
  for (const path of ['/api/participants/abc', '/api/participants/1abc', '/api/participants/-1',
    '/api/participants/0', '/api/participants/1.5', '/api/participants/99999999999999999999']) {
    const r = await t.call('klantmanager', 'GET', path);
    assertProblem(r, 404);
  }
});

test('wrong method answers 405 with an Allow header listing the right ones', async () => {
  const cases = [
    ['DELETE', '/api/participants/1', ['GET', 'PATCH']],
    ['PUT', '/api/participants', ['GET', 'POST']],
    ['GET', '/api/login', ['POST']],
    ['GET', '/api/logout', ['POST']],
    ['POST', '/healthz', ['GET']],
    ['GET', '/api/participants/1/consents/1/revoke', ['POST']],
    ['DELETE', '/api/users/1', ['PATCH']],
  ];
  for (const [method, path, allowed] of cases) {
    const r = await t.call('klantmanager', method, path, method === 'PUT' ? {} : undefined);
    assertProblem(r, 405);
    const allow = (r.headers.get('allow') ?? '').split(',').map((s) => s.trim()).filter(Boolean).sort();
    assert.deepEqual(allow, [...allowed].sort(), `${method} ${path}: Allow header`);
  }
});

test('405 does not change anything (DELETE of a participant keeps it)', async () => {
  const p = await t.create();
  const r = await t.call('klantmanager', 'DELETE', `/api/participants/${p.id}`);
  assertProblem(r, 405);
  const again = await t.call('klantmanager', 'GET', `/api/participants/${p.id}`);
  assert.equal(again.status, 200);
  assert.equal(again.body.family_name, p.family_name);
});

test('keep-alive: two sequential requests reuse one connection', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const get = (path) => new Promise((ok, fail) => {
    const req = http.request({ host: '127.0.0.1', port: t.srv.port, path, method: 'GET', agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { body += d; });
      res.on('end', () => ok({ status: res.statusCode, body, reused: req.reusedSocket, socket: req.socket }));
    });
    req.on('error', fail);
    req.end();
  });
  try {
    const a = await get('/healthz');
    const b = await get('/healthz');
    assert.equal(a.status, 200);
    assert.equal(b.status, 200);
    assert.equal(a.reused, false);
    assert.equal(b.reused, true, 'second request went over the first connection');
    assert.equal(a.socket, b.socket);
    // also after an error answer and an API answer with a body
    const c = await get('/api/me');
    assert.equal(c.status, 401);
    const d = await get('/healthz');
    assert.equal(d.status, 200);
    assert.equal(d.reused, true, 'connection kept after a 401');
  } finally {
    agent.destroy();
  }
});

test('keep-alive survives a POST with a body', async () => {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const send = (method, path, body) => new Promise((ok, fail) => {
    const headers = body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {};
    const req = http.request({ host: '127.0.0.1', port: t.srv.port, path, method, agent, headers }, (res) => {
      res.resume();
      res.on('end', () => ok({ status: res.statusCode, reused: req.reusedSocket }));
    });
    req.on('error', fail);
    req.end(body);
  });
  try {
    const a = await send('POST', '/api/login', JSON.stringify({ username: 'nobody-here', password: 'x' }));
    assert.equal(a.status, 401);
    const b = await send('GET', '/healthz');
    assert.equal(b.status, 200);
    assert.equal(b.reused, true);
  } finally {
    agent.destroy();
  }
});

test('GET / serves the web UI as HTML with a Content-Security-Policy', async () => {
  const r = await fetch(`${t.url}/`);
  const body = await r.text();
  assert.equal(r.status, 200);
  assert.match(r.headers.get('content-type'), /^text\/html/);
  assert.match(body, /<html/i);
  const csp = r.headers.get('content-security-policy');
  assert.ok(csp, 'Content-Security-Policy header');
  assert.match(csp, /default-src 'self'/);
  assert.match(csp, /frame-ancestors 'none'/);
  assert.equal(r.headers.get('x-content-type-options'), 'nosniff');
  assert.ok(r.headers.get('x-request-id'));
});

test('static .js and .css files have their content types', async () => {
  const html = await (await fetch(`${t.url}/`)).text();
  const js = /src="\/?([^"]+\.js)"/.exec(html);
  const css = /href="\/?([^"]+\.css)"/.exec(html);
  if (js) {
    const r = await fetch(`${t.url}/${js[1]}`);
    assert.equal(r.status, 200, `/${js[1]}`);
    assert.match(r.headers.get('content-type'), /javascript/);
  }
  if (css) {
    const r = await fetch(`${t.url}/${css[1]}`);
    await r.arrayBuffer();
    assert.equal(r.status, 200, `/${css[1]}`);
    assert.match(r.headers.get('content-type'), /^text\/css/);
  }
});

test('path traversal attempts answer 404 and never serve files outside web/', async () => {
  const paths = [
    '/../etc/passwd',
    '/../../../../etc/passwd',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/..%2f..%2f..%2fetc%2fpasswd',
    '/vendor/../../../etc/passwd',
    '/vendor/%2e%2e/%2e%2e/%2e%2e/etc/passwd',
    '//etc/passwd',
    '/etc/passwd',
    '/.git/config',
  ];
  for (const p of paths) {
    const answer = await raw(`GET ${p} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    const status = statusOf(answer);
    assert.equal(status, 404, `GET ${p}: ${answer.slice(0, 200)}`);
    assert.ok(!answer.includes('root:'), `GET ${p} leaked /etc/passwd`);
    assert.match(answer, /\r\nX-Request-Id: /i, `GET ${p} has X-Request-Id`);
  }
});

test('a directory or an unknown extension is not served', async () => {
  for (const p of ['/js', '/js/', '/vendor/', '/CMakeLists.txt.bak']) {
    const r = await api(t.url, null, 'GET', p);
    assert.equal(r.status, 404, `GET ${p}`);
  }
});

test('concurrent requests: parallel registrations and reads all succeed', async () => {
  const before = await t.total();
  const tag = `Parallel${Date.now().toString(36).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[d])}`;
  const cookie = await t.cookie('klantmanager');
  const writes = Array.from({ length: 16 }, (_, i) => api(t.url, cookie, 'POST', '/api/participants',
    { family_name: tag, given_names: `Nr ${'abcdefghijklmnop'[i]}`, birth_date: '1990-01-01' }));
  const reads = Array.from({ length: 16 }, () => api(t.url, cookie, 'GET', '/api/participants?per_page=50'));
  const all = await Promise.all([...writes, ...reads]);
  for (const r of all.slice(0, 16)) assert.equal(r.status, 201, r.text);
  for (const r of all.slice(16)) assert.equal(r.status, 200, r.text);
  assert.equal(await t.total(), before + 16);
  assert.equal(await t.total(`&q=${tag}`), 16);
});
