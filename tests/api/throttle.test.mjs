// throttle.test.mjs - login throttling (issue 10, item 5): a guessing
// attack on one account backs that account off (Retry-After, growing) but
// does not stop another user on the same address; the per-address guard
// is bounded; X-Forwarded-For counts only from a configured trusted proxy;
// unknown user names leave no rows behind.
//
// The server trusts 127.0.0.2 as a proxy; requests are sent from
// 127.0.0.1 (an ordinary client) or 127.0.0.2 (the proxy) by binding the
// local address. The last test exhausts 127.0.0.1's guard, so it runs last.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { execFileSync } from 'node:child_process';
import { startServer, DEMO_PASSWORD } from '../lib/server.mjs';

let srv;
before(async () => {
  srv = await startServer({ participants: 5, env: { MEEDOEN_TRUSTED_PROXIES: '127.0.0.2' } });
});
after(async () => { await srv?.stop(); });

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

// POST /api/login from a chosen local address; { status, retryAfter, cookie, body }.
function login(username, password, { from = '127.0.0.1', xff } = {}) {
  const payload = JSON.stringify({ username, password });
  const headers = { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) };
  if (xff) headers['x-forwarded-for'] = xff;
  return new Promise((ok, fail) => {
    const req = http.request({
      host: '127.0.0.1', port: srv.port, path: '/api/login', method: 'POST', headers, localAddress: from, agent: false,
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => {
        let body = null;
        try { body = JSON.parse(text); } catch { /* empty */ }
        ok({
          status: res.statusCode,
          retryAfter: res.headers['retry-after'] === undefined ? null : Number(res.headers['retry-after']),
          cookie: res.headers['set-cookie'] ? res.headers['set-cookie'][0].split(';')[0] : null,
          body,
          text,
        });
      });
    });
    req.on('error', fail);
    req.end(payload);
  });
}

function tableCounts() {
  const tables = execFileSync('sqlite3', [srv.db, "SELECT name FROM sqlite_master WHERE type = 'table'"],
    { encoding: 'utf8' }).trim().split('\n').filter(Boolean);
  const counts = {};
  for (const t of tables) {
    counts[t] = Number(execFileSync('sqlite3', [srv.db, `SELECT count(*) FROM "${t}"`], { encoding: 'utf8' }).trim());
  }
  return counts;
}

test('a guessing attack on one account does not stop another user on the same address', async () => {
  const statuses = [];
  for (let i = 0; i < 20; i++) statuses.push((await login('accountmanager', `guess-${i}`)).status);
  assert.deepEqual(statuses.slice(0, 5), [401, 401, 401, 401, 401], `first five guesses: ${statuses}`);
  assert.ok(statuses.slice(5).every((s) => s === 401 || s === 429), `then 401 or 429: ${statuses}`);
  assert.ok(statuses.includes(429), `the attacked account is throttled: ${statuses}`);

  const other = await login('klantmanager', DEMO_PASSWORD);
  assert.equal(other.status, 200, `another user on 127.0.0.1 logs in: ${other.text}`);
  assert.match(other.cookie, /^meedoen_session=/);
  // and so does a third, with a wrong password first
  assert.equal((await login('jobcoach', 'typo')).status, 401);
  assert.equal((await login('jobcoach', DEMO_PASSWORD)).status, 200);
});

test('the attacked account answers 429 with Retry-After, its back-off grows, and a success resets it', async () => {
  const waits = [];
  for (let round = 0; round < 3; round++) {
    // wait out the current back-off, then one more wrong guess
    let r = await login('accountmanager', 'still-guessing');
    while (r.status === 429) {
      await sleep(r.retryAfter * 1000 + 100);
      r = await login('accountmanager', 'still-guessing');
    }
    assert.equal(r.status, 401, r.text);
    const locked = await login('accountmanager', DEMO_PASSWORD);
    assert.equal(locked.status, 429, `even the right password waits: ${locked.text}`);
    assert.equal(locked.cookie, null, 'no session while backing off');
    assert.ok(Number.isInteger(locked.retryAfter) && locked.retryAfter >= 1, `Retry-After: ${locked.retryAfter}`);
    assert.equal(locked.body.status, 429);
    waits.push(locked.retryAfter);
  }
  assert.ok(waits[1] > waits[0] && waits[2] > waits[1], `the back-off grows: ${waits}`);
  assert.ok(waits[2] <= 15 * 60, `and is capped: ${waits}`);

  await sleep(waits[2] * 1000 + 100);
  const ok = await login('accountmanager', DEMO_PASSWORD);
  assert.equal(ok.status, 200, ok.text);
  // reset: the next wrong password is an ordinary 401 again
  assert.equal((await login('accountmanager', 'one-typo')).status, 401);
  assert.equal((await login('accountmanager', DEMO_PASSWORD)).status, 200);
});

test('an unknown name answers like a wrong password and takes as long', async () => {
  const time = async (username) => {
    const t0 = performance.now();
    const r = await login(username, 'wrong-password', { from: '127.0.0.2', xff: '192.0.2.50' });
    assert.equal(r.status, 401);
    return { ms: performance.now() - t0, body: r.body };
  };
  const known = [], unknown = [];
  for (let i = 0; i < 3; i++) {
    known.push(await time('regisseur'));
    unknown.push(await time(`nobody-${i}`));
  }
  assert.equal(unknown[0].body.detail, known[0].body.detail);
  const median = (xs) => xs.map((x) => x.ms).sort((a, b) => a - b)[1];
  const ratio = median(unknown) / median(known);
  assert.ok(ratio > 0.33 && ratio < 3, `unknown ${median(unknown)} ms vs known ${median(known)} ms`);
  assert.equal((await login('regisseur', DEMO_PASSWORD)).status, 200);
});

// Must stay the last test that logs in: it exhausts the guard of 127.0.0.1.
test('1,000 failed logins with random unknown names: bounded by the address guard, no rows; X-Forwarded-For only from a trusted proxy', async () => {
  const before = tableCounts();
  assert.equal(before.login_attempt, undefined, 'no table of attempts keyed by attacker-chosen names');
  const statuses = { 401: 0, 429: 0 };
  let next = 0;
  // the attacker on 127.0.0.1 claims to be 198.51.100.7
  const worker = async () => {
    while (next < 1000) {
      next += 1;
      const name = `spray-${Math.random().toString(36).slice(2)}-${next}`;
      const r = await login(name, 'password123', { from: '127.0.0.1', xff: '198.51.100.7' });
      statuses[r.status] = (statuses[r.status] ?? 0) + 1;
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
  assert.equal(statuses[401] + statuses[429], 1000, JSON.stringify(statuses));
  assert.ok(statuses[401] >= 90 && statuses[401] <= 110, `about 100 guesses got through: ${JSON.stringify(statuses)}`);

  const after = tableCounts();
  for (const [table, n] of Object.entries(after)) {
    assert.ok(n - (before[table] ?? 0) < 20, `table ${table} grew from ${before[table]} to ${n}`);
  }

  // the guard holds the attacker's real address ...
  const own = await login('klantmanager', DEMO_PASSWORD, { from: '127.0.0.1' });
  assert.equal(own.status, 429, own.text);
  assert.ok(own.retryAfter > 60, `the guard's window: ${own.retryAfter}`);
  // ... not the address it claimed (an untrusted peer's header is ignored)
  const claimed = await login('klantmanager', DEMO_PASSWORD, { from: '127.0.0.2', xff: '198.51.100.7' });
  assert.equal(claimed.status, 200, claimed.text);
  // a trusted proxy's header is used: the client it names is the throttled one
  const forwarded = await login('klantmanager', DEMO_PASSWORD, { from: '127.0.0.2', xff: '203.0.113.1, 127.0.0.1' });
  assert.equal(forwarded.status, 429, forwarded.text);
  // the proxy itself, and other clients behind it, are not
  assert.equal((await login('klantmanager', DEMO_PASSWORD, { from: '127.0.0.2' })).status, 200);
  assert.equal((await login('klantmanager', DEMO_PASSWORD, { from: '127.0.0.2', xff: '203.0.113.2' })).status, 200);
});

test('serve refuses a trusted-proxy list that is not addresses, naming the entry', async () => {
  const { runCli } = await import('../lib/server.mjs');
  for (const args of [['--trusted-proxy', 'proxy.example'], ['--trusted-proxy', '10.0.0.1,10.0.0.0/33']]) {
    const r = runCli(['--db', `${srv.dir}/unused.db`, 'serve', '--listen', '127.0.0.1:0', ...args]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /--trusted-proxy: "(proxy\.example|10\.0\.0\.0\/33)" is not an IP address or network/);
  }
  const env = runCli(['--db', `${srv.dir}/unused.db`, 'serve', '--listen', '127.0.0.1:0'],
    { env: { MEEDOEN_TRUSTED_PROXIES: '1.2.3.4, nope' } });
  assert.notEqual(env.status, 0);
  assert.match(env.stderr, /"nope" is not an IP address or network/);
});
