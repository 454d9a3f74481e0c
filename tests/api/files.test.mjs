// files.test.mjs - the files meedoen creates hold personal data and are
// readable by their owner only: the database, its WAL and shared-memory
// files are mode 0600 even when the umask would allow more.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { statSync, existsSync } from 'node:fs';
import { startServer, login } from '../lib/server.mjs';

let srv;
before(async () => {
  process.umask(0o022);
  srv = await startServer({ participants: 5 });
});
after(async () => { await srv?.stop(); });

test('the database, its WAL and its shared memory are created mode 0600', async () => {
  // a login writes (a session row), so the WAL is in use
  await login(srv.url, 'klantmanager');
  for (const suffix of ['', '-wal', '-shm']) {
    const path = srv.db + suffix;
    assert.ok(existsSync(path), `${path} exists while the server runs`);
    const mode = statSync(path).mode & 0o777;
    assert.equal(mode.toString(8), '600', `${path} has mode ${mode.toString(8)}`);
  }
});
