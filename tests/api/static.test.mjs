// static.test.mjs - the static files' two holes of issue 10 (item 7): a
// request target with a NUL byte, raw or as %00, is 400 (it used to cut the
// path short: /index.html%00.js served index.html); and under /vendor/ only
// the files the UI loads are served (the NL Design System CSS), never
// package.json, lock files, READMEs, scripts or other packages.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { rawRequest, statusOf } from '../lib/raw.mjs';
import { setup, assertProblem } from './helpers.mjs';
import { ROOT } from '../lib/server.mjs';

let t;
before(async () => { t = await setup({ participants: 5 }); });
after(async () => { await t?.stop(); });

const raw = (request) => rawRequest(t.srv.port, request, 3000);

test('a request target with %00 or a NUL byte answers 400 and serves nothing', async () => {
  const targets = [
    '/index.html%00.js', '/index.html%00', '/%00', '/app.css%00.html', '/js/api.js%00.css',
    '/vendor/@utrecht/component-library-css/dist/index.css%00.json', '/api/participants%00', '/healthz?x=%00',
    '/index.html?next=%00',
  ];
  for (const target of targets) {
    const answer = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(answer), 400, `${target}: ${answer.slice(0, 300)}`);
    assert.doesNotMatch(answer, /<html|<!doctype/i, `${target} serves no page`);
    assert.match(answer, /NUL/, `${target}: the problem names the NUL`);
  }
  // a raw NUL byte inside the target
  for (const target of ['/index.html\0.js', '/index.html\0HTTP/1.1\0.js', '/\0']) {
    const answer = await raw(`GET ${target} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n`);
    assert.equal(statusOf(answer), 400, `${JSON.stringify(target)}: ${answer.slice(0, 300)}`);
    assert.doesNotMatch(answer, /<html|<!doctype/i);
  }
  // through fetch too, with the problem+json shape
  const r = await t.call(null, 'GET', '/index.html%00.js');
  assertProblem(r, 400, 'path');
  // an ordinary percent-encoded path still works
  assert.equal((await fetch(`${t.url}/index%2Ehtml`)).status, 200);
});

// Every /vendor/ file the web UI refers to.
function vendorFilesOfTheUi() {
  const files = new Set();
  const walk = (dir) => {
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(html|js|css)$/.test(e.name)) {
        for (const m of readFileSync(p, 'utf8').matchAll(/\/vendor\/[^"'`)\s]+/g)) files.add(m[0]);
      }
    }
  };
  walk(join(ROOT, 'web'));
  return [...files];
}

test('/vendor/ serves every file the UI loads', async () => {
  const files = vendorFilesOfTheUi();
  assert.ok(files.length >= 2, `the UI loads vendor files: ${files}`);
  for (const path of files) {
    const r = await fetch(`${t.url}${path}`);
    assert.equal(r.status, 200, path);
    assert.match(r.headers.get('content-type') ?? '', /^text\/css|^font\/|^text\/javascript/, path);
    await r.arrayBuffer();
  }
});

test('/vendor/ serves nothing else: no package.json, lock file, README, script or other package', async () => {
  const refused = [
    '/vendor/.package-lock.json',
    '/vendor/@utrecht/component-library-css/package.json',
    '/vendor/@utrecht/component-library-css/README.md',
    '/vendor/@utrecht/component-library-css/LICENSE.md',
    '/vendor/@nl-design-system-unstable/voorbeeld-design-tokens/package.json',
    '/vendor/@nl-design-system-unstable/voorbeeld-design-tokens/dist/tokens.json',
    '/vendor/@nl-design-system-unstable/voorbeeld-design-tokens/dist/variables.mjs',
    '/vendor/@nl-design-system-unstable/voorbeeld-design-tokens/src/config.json',
    '/vendor/@nl-design-system-unstable/voorbeeld-design-tokens/tsconfig.json',
    '/vendor/axe-core/axe.min.js',
    '/vendor/axe-core/package.json',
    '/vendor/axe-core/sri-history.json',
    '/vendor/playwright-core/package.json',
    '/vendor/@utrecht/button-css/dist/index.css',
    '/vendor/@utrecht/component-library-css/dist',
    '/vendor/',
  ];
  for (const path of refused) {
    const r = await fetch(`${t.url}${path}`);
    const text = await r.text();
    assert.equal(r.status, 404, `${path} answered ${r.status}: ${text.slice(0, 100)}`);
    assert.doesNotMatch(text, /"name"\s*:|"version"\s*:|lockfileVersion/, `${path} leaks nothing`);
  }
});
