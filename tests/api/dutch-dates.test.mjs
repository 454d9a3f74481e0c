// dutch-dates.test.mjs - "today" is the Dutch date (issue 11, item 1):
// with the clock pinned at 00:30 in Amsterdam - 23:30 UTC in winter, 22:30
// UTC in summer, when the UTC date is still yesterday - a form dated today
// is accepted and tomorrow is "in the future"; the processing log's
// timestamps stay UTC. On the UTC clock the first was refused.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { setup } from './helpers.mjs';

const cases = [
  { season: 'winter (CET)', now: '2026-01-14T23:30:00Z', today: '2026-01-15', tomorrow: '2026-01-16' },
  { season: 'summer (CEST)', now: '2026-07-14T22:30:00Z', today: '2026-07-15', tomorrow: '2026-07-16' },
];

for (const c of cases) {
  test(`00:30 in Amsterdam in ${c.season}: today is ${c.today}, the log stays UTC`, async () => {
    const t = await setup({ participants: 5, env: { MEEDOEN_NOW: c.now } });
    try {
      const p = await t.create();
      const ok = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/ladder`, { assessed_on: c.today, level: 3 });
      assert.equal(ok.status, 201, `a ladder step dated today (${c.today}): ${ok.text}`);
      const future = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/ladder`, { assessed_on: c.tomorrow, level: 4 });
      assert.equal(future.status, 422, future.text);
      assert.deepEqual(future.body.errors.map((e) => [e.field, e.reason]), [['assessed_on', 'lies in the future']]);
      const log = await t.call('klantmanager', 'GET', `/api/participants/${p.id}/log`);
      assert.equal(log.status, 200, log.text);
      assert.ok(log.body.items.length > 0);
      for (const entry of log.body.items) {
        assert.ok(entry.started_at.startsWith(c.now.slice(0, 14)), `UTC timestamp ${entry.started_at} in the hour of ${c.now}`);
        assert.match(entry.started_at, /Z$/);
      }
    } finally {
      await t.stop();
    }
  });
}

test('an unknown MEEDOEN_TIME_ZONE stops meedoen with a clear message', async () => {
  const { runCli } = await import('../lib/server.mjs');
  const r = runCli(['--db', '/nonexistent/never.db', 'init'], { env: { MEEDOEN_TIME_ZONE: 'Mars/Olympus' } });
  assert.equal(r.status, 2);
  assert.match(r.stderr, /MEEDOEN_TIME_ZONE: "Mars\/Olympus" is not a time zone this system knows/);
});
