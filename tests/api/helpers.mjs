// helpers.mjs - shared pieces of the API tests (tests/api/*.test.mjs):
// one server per test file, cached logins per demo user, assertions for the
// problem+json shape of docs/api.md, and small fixtures (participants,
// organisations by type, user ids) built through the API itself so the
// tests do not depend on the random draws of `meedoen demo`.
import assert from 'node:assert/strict';
import { startServer, login, api, runCli, DEMO_PASSWORD } from '../lib/server.mjs';
import { isoNL } from '../lib/dates.mjs';

export { startServer, login, api, runCli, DEMO_PASSWORD };

export const TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;
export const LOG_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
export const DATE = /^\d{4}-\d{2}-\d{2}$/;

export const ALL_CATEGORIES = ['identity', 'contact', 'bsn', 'education_work', 'civic_integration', 'income',
  'health', 'path', 'assessments', 'notes'];

// Today as YYYY-MM-DD in Amsterdam, the server's "today" (unless
// MEEDOEN_NOW pins its clock).
export function today() {
  return isoNL();
}

export function addDays(date, days) {
  const d = new Date(`${date}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

let counter = 0;
// A name unique within this process, letters only (so it survives search
// folding and is a valid family name).
export function uniqueName(prefix = 'Test') {
  counter += 1;
  const letters = (Date.now() % 1e8).toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[d]);
  const n = counter.toString(26).replace(/[0-9]/g, (d) => 'qrstuvwxyz'[d]);
  return `${prefix}${letters}${n}`;
}

export function sleep(ms) {
  return new Promise((r) => setTimeout(r, ms));
}

// A test context for one file: the server, cached sessions, a call helper.
export async function setup(options = {}) {
  const srv = await startServer({ participants: 40, ...options });
  const sessions = new Map();
  const ctx = {
    srv,
    url: srv.url,
    async cookie(user) {
      if (!sessions.has(user)) sessions.set(user, await login(srv.url, user));
      return sessions.get(user);
    },
    forget(user) {
      sessions.delete(user);
    },
    // call('klantmanager', 'GET', '/api/me') ; user null = no cookie
    async call(user, method, path, body, headers) {
      const cookie = user ? await ctx.cookie(user) : undefined;
      return api(srv.url, cookie, method, path, body, headers);
    },
    async me(user) {
      const r = await ctx.call(user, 'GET', '/api/me');
      assert.equal(r.status, 200, r.text);
      return r.body.user;
    },
    // organisations by type: { municipality: {id,name,type}, ... } (first of each type)
    async orgs() {
      const r = await ctx.call('klantmanager', 'GET', '/api/organisations');
      assert.equal(r.status, 200, r.text);
      const out = {};
      for (const o of r.body.items) out[o.type] ??= o;
      return out;
    },
    // Register a participant as `user` (default klantmanager); returns the body.
    async create(fields = {}, user = 'klantmanager') {
      const body = {
        family_name: uniqueName('Fam'),
        given_names: 'Test',
        birth_date: '1990-04-01',
        ...fields,
      };
      const r = await ctx.call(user, 'POST', '/api/participants', body);
      assert.equal(r.status, 201, `create participant: ${r.status} ${r.text}`);
      return r.body;
    },
    // The whole participant as the case manager sees it (every category).
    async full(id) {
      const r = await ctx.call('klantmanager', 'GET', `/api/participants/${id}`);
      assert.equal(r.status, 200, r.text);
      return r.body;
    },
    // Number of participants in the database (case manager sees all).
    async total(query = '') {
      const r = await ctx.call('klantmanager', 'GET', `/api/participants?per_page=1${query}`);
      assert.equal(r.status, 200, r.text);
      return r.body.total;
    },
    // Total through the command line, independent of the HTTP layer.
    cliTotal() {
      const r = runCli(['--db', srv.db, 'participant', 'list', '--per-page', '1', '--json']);
      assert.equal(r.status, 0, `meedoen participant list: status ${r.status} ${r.signal ?? ''}: ${r.stderr} ${r.stdout}`);
      return JSON.parse(r.stdout).total;
    },
    // Stop the server and check it ended cleanly: exit status 0, no
    // sanitizer report, no 5xx answer in the access log.
    async stop() {
      const code = await srv.stop();
      const log = srv.log();
      const sanitizer = log.split('\n').filter((l) => /Sanitizer|runtime error:/.test(l));
      assert.deepEqual(sanitizer, [], `sanitizer reports in the server log:\n${log.slice(-4000)}`);
      const fivexx = log.split('\n').filter((l) => / http [A-Z]+ \S+ 5\d\d /.test(l));
      assert.deepEqual(fivexx, [], 'no request answered 5xx');
      assert.equal(code, 0, `server exit status:\n${log.slice(-2000)}`);
      return code;
    },
  };
  return ctx;
}

// Assert a problem+json answer with the given status; when `field` is
// given, errors[] must name it. Returns the body.
export function assertProblem(res, status, field) {
  assert.equal(res.status, status, `expected status ${status}, got ${res.status}: ${res.text}`);
  const ct = res.headers.get('content-type') ?? '';
  assert.match(ct, /^application\/problem\+json/, `content-type of a ${status}: "${ct}"`);
  assert.ok(res.body && typeof res.body === 'object', `problem body is a JSON object: ${res.text}`);
  assert.equal(res.body.status, status, 'problem "status" member');
  assert.equal(typeof res.body.title, 'string', 'problem "title" member');
  assert.equal(typeof res.body.type, 'string', 'problem "type" member');
  assert.equal(typeof res.body.request_id, 'string', 'problem "request_id" member');
  assert.equal(typeof res.body.detail, 'string', 'problem "detail" member');
  assert.equal(res.body.request_id, res.headers.get('x-request-id'), 'request_id matches X-Request-Id');
  assert.ok(Array.isArray(res.body.errors), `problem "errors" is an array: ${res.text}`);
  for (const e of res.body.errors) {
    assert.equal(typeof e.field, 'string', `errors[].field: ${JSON.stringify(e)}`);
    assert.equal(typeof e.reason, 'string', `errors[].reason: ${JSON.stringify(e)}`);
  }
  if (field !== undefined) {
    assert.ok(res.body.errors.some((e) => e.field === field),
      `errors[] names field "${field}": ${JSON.stringify(res.body.errors)}`);
  }
  return res.body;
}

export function reasonOf(body, field) {
  return body.errors.find((e) => e.field === field)?.reason;
}
