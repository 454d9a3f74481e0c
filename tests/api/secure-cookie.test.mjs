// secure-cookie.test.mjs - behind a TLS proxy (--secure-cookies or
// MEEDOEN_SECURE_COOKIES=1) the session cookie is marked Secure; without it
// it is not, so plain-http development keeps working.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, DEMO_PASSWORD } from '../lib/server.mjs';

let secure;
let plain;

before(async () => {
  secure = await startServer({ participants: 0, env: { MEEDOEN_SECURE_COOKIES: '1' } });
  plain = await startServer({ participants: 0 });
});

after(async () => {
  await secure.stop();
  await plain.stop();
});

async function loginCookie(url) {
  const r = await fetch(`${url}/api/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'regisseur', password: DEMO_PASSWORD }),
  });
  assert.equal(r.status, 200);
  return r.headers.get('set-cookie');
}

test('with MEEDOEN_SECURE_COOKIES=1 the session cookie is Secure', async () => {
  const c = await loginCookie(secure.url);
  assert.match(c, /;\s*Secure/);
  assert.match(c, /HttpOnly/);
  assert.match(c, /SameSite=Strict/);
});

test('without it the cookie is not Secure', async () => {
  const c = await loginCookie(plain.url);
  assert.doesNotMatch(c, /Secure/);
});
