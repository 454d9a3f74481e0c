// setup.test.mjs - the newcomer's setup (issue 11, item 10): `make run` and
// `make check` start with scripts/install-deps.sh, which stops at once with
// a clear message when Node.js is older than 20 or missing (on Debian 12's
// own Node 18 every browser test used to fail with no clear cause).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, chmodSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ROOT } from '../lib/server.mjs';

// Run install-deps.sh with a PATH whose `node` says `version` (none when
// null), besides the system's tools.
function installDeps(version) {
  const dir = mkdtempSync(join(tmpdir(), 'meedoen-fake-node-'));
  try {
    if (version) {
      writeFileSync(join(dir, 'node'), `#!/bin/sh\necho ${version}\n`);
      chmodSync(join(dir, 'node'), 0o755);
    }
    // only the tools the script needs before its Node check, so a real node
    // elsewhere on PATH cannot answer instead
    for (const tool of ['sh', 'sed', 'head', 'dirname', 'npm']) {
      const where = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' }).stdout.trim();
      if (where && tool !== 'npm') symlinkSync(where, join(dir, tool));
    }
    writeFileSync(join(dir, 'npm'), '#!/bin/sh\necho 10.0.0\n');
    chmodSync(join(dir, 'npm'), 0o755);
    return spawnSync('/bin/sh', [join(ROOT, 'scripts', 'install-deps.sh')], { encoding: 'utf8', env: { PATH: dir } });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('Node 18 stops the setup at once, naming the version and what is needed', () => {
  const r = installDeps('v18.19.0');
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /meedoen needs Node\.js 20 or newer and npm .*: this node is v18\.19\.0/);
  assert.doesNotMatch(r.stdout, /installing/);
});

test('no node at all is named too', () => {
  const r = installDeps(null);
  assert.equal(r.status, 1, r.stderr);
  assert.match(r.stderr, /node was not found on PATH/);
});
