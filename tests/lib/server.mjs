// server.mjs - start a real meedoen server on a free loopback port for a
// test file: a fresh SQLite database in a temporary folder, demo data, and
// `meedoen serve`. The binary is $MEEDOEN_BIN or build/meedoen.
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import net from 'node:net';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
export const BIN = process.env.MEEDOEN_BIN
  ? resolve(process.env.MEEDOEN_BIN)
  : join(ROOT, 'build', 'meedoen');
export const DEMO_PASSWORD = 'meedoen-demo';

export function freePort() {
  return new Promise((ok, fail) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', fail);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => ok(port));
    });
  });
}

// Run the meedoen binary synchronously; returns { status, stdout, stderr }.
export function runCli(args, opts = {}) {
  try {
    const stdout = execFileSync(BIN, args, { encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], input: opts.input ?? '', env: { ...process.env, ...(opts.env || {}) } });
    return { status: 0, stdout, stderr: '' };
  } catch (e) {
    return { status: e.status, stdout: e.stdout?.toString() ?? '', stderr: e.stderr?.toString() ?? '' };
  }
}

// Start a server. options: participants (demo size, default 40), seed, env,
// args (more `meedoen serve` options).
// Returns { url, port, db, dir, stop(), log() }.
export async function startServer(options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'meedoen-test-'));
  const db = join(dir, 'meedoen.db');
  const n = String(options.participants ?? 40);
  const seed = String(options.seed ?? 1);
  const demo = runCli(['--db', db, 'demo', '--participants', n, '--seed', seed]);
  if (demo.status !== 0) throw new Error(`meedoen demo failed: ${demo.stderr}`);
  const port = await freePort();
  const args = ['--db', db, 'serve', '--listen', `127.0.0.1:${port}`, '--web', join(ROOT, 'web'), '--vendor', join(ROOT, 'node_modules'), ...(options.args || [])];
  const child = spawn(BIN, args, { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, ...(options.env || {}) } });
  let output = '';
  child.stdout.on('data', (d) => { output += d; });
  child.stderr.on('data', (d) => { output += d; });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 200; i++) {
    if (child.exitCode !== null) throw new Error(`meedoen serve exited: ${output}`);
    try {
      const r = await fetch(`${url}/healthz`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, port, db, dir,
    log: () => output,
    // Stop the server; it must exit cleanly (under the sanitizer build a
    // leak or undefined behaviour makes the exit status non-zero).
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
      rmSync(dir, { recursive: true, force: true });
      const code = child.exitCode ?? child.signalCode;
      if (code !== 0) throw new Error(`meedoen serve exited with ${code}:\n${output.slice(-4000)}`);
      return code;
    },
  };
}

// Log in through the API; returns a cookie header value for later requests.
export async function login(url, username, password = DEMO_PASSWORD) {
  const r = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (r.status !== 200) throw new Error(`login ${username}: ${r.status} ${await r.text()}`);
  const cookie = r.headers.get('set-cookie');
  return cookie.split(';')[0];
}

// fetch with a session cookie and JSON body; returns { status, headers, body }.
export async function api(url, cookie, method, path, body, headers = {}) {
  const h = { ...headers };
  if (cookie) h.cookie = cookie;
  let payload = body;
  if (body !== undefined && typeof body !== 'string' && !(body instanceof Uint8Array)) {
    payload = JSON.stringify(body);
    h['content-type'] ??= 'application/json';
  } else if (typeof body === 'string') {
    h['content-type'] ??= 'application/json';
  }
  const r = await fetch(`${url}${path}`, { method, headers: h, body: payload });
  const text = await r.text();
  let json = null;
  try { json = text ? JSON.parse(text) : null; } catch { json = null; }
  return { status: r.status, headers: r.headers, body: json, text };
}
