// journal-access.test.mjs - who reads and writes which journal notes
// (DESIGN.md §2, the notes column; docs/api.md "Journal of contacts and
// notes"): every role × every note category, for reading and for writing,
// on one participant that is on every role's own caseload or organisation
// with every consent given. Volunteers and welfare workers read and write
// social notes only ("C own (social)"); employers, language providers,
// account managers, department assistants and the admin neither read nor
// write journal notes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { setup, assertProblem, uniqueName, today, addDays, ALL_CATEGORIES } from './helpers.mjs';

const NOTE_CATEGORIES = [...ALL_CATEGORIES, 'social'];

// The expected rights, columns in NOTE_CATEGORIES order: r read, w write,
// b both, . neither. Kept in step with tests/unit/test_access.c.
const TABLE = {
  regisseur: 'rr.rrr.rrrr',
  klantmanager: 'bbbbbbbbbbb',
  jongerenconsulent: 'bbbbbbbbbbb',
  projectleider: 'b..bb..bbbb',
  jobcoach: 'bbbbbbbbbbb',
  accountmanager: '...........',
  afdelingsassistent: '...........',
  vrijwilliger: '..........b',
  welzijn: '..........b',
  taalaanbieder: '...........',
  werkgever: '...........',
  beheerder: '...........',
};

let t;
let p;
const written = new Map(); // category -> entry id (written by the case manager)

before(async () => {
  t = await setup({ participants: 20 });
  p = await t.create({ family_name: uniqueName('Notitie') }, 'jobcoach');
  const link = async (body) => {
    const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/links`, body);
    assert.equal(r.status, 201, `link ${JSON.stringify(body)}: ${r.text}`);
  };
  const users = {};
  for (const u of ['vrijwilliger', 'welzijn', 'jongerenconsulent', 'afdelingsassistent', 'taalaanbieder', 'werkgever']) {
    users[u] = await t.me(u);
  }
  await link({ kind: 'volunteer', user_id: users.vrijwilliger.id });
  await link({ kind: 'welfare', user_id: users.welzijn.id });
  await link({ kind: 'youth_consultant', user_id: users.jongerenconsulent.id });
  await link({ kind: 'department_assistant', user_id: users.afdelingsassistent.id });
  await link({ kind: 'language_course', organisation_id: users.taalaanbieder.organisation_id });
  await link({ kind: 'placement', organisation_id: users.werkgever.organisation_id });
  for (const u of ['vrijwilliger', 'welzijn', 'taalaanbieder', 'werkgever']) {
    for (const category of ALL_CATEGORIES) {
      const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/consents`,
        { organisation_id: users[u].organisation_id, category, given_on: today() });
      assert.equal(r.status, 201, `consent ${u} ${category}: ${r.text}`);
    }
  }
  for (const category of NOTE_CATEGORIES) {
    const r = await t.call('klantmanager', 'POST', `/api/participants/${p.id}/journal`,
      { occurred_on: addDays(today(), -1), kind: 'note', category, text: `notitie over ${category}` });
    assert.equal(r.status, 201, r.text);
    written.set(category, r.body.id);
  }
});
after(async () => { await t?.stop(); });

async function journalCount() {
  const r = await t.call('klantmanager', 'GET', `/api/participants/${p.id}/journal`);
  assert.equal(r.status, 200, r.text);
  return r.body.items.length;
}

for (const [user, row] of Object.entries(TABLE)) {
  test(`journal: ${user} reads exactly the notes the access table gives`, async () => {
    const want = NOTE_CATEGORIES.filter((c, i) => row[i] === 'r' || row[i] === 'b');
    const r = await t.call(user, 'GET', `/api/participants/${p.id}/journal`);
    if (want.length === 0) {
      assertProblem(r, 403);
      return;
    }
    assert.equal(r.status, 200, r.text);
    const seen = new Set(r.body.items.filter((x) => [...written.values()].includes(x.id)).map((x) => x.category));
    assert.deepEqual([...seen].sort(), [...want].sort(), `${user} reads notes of these categories`);
  });

  test(`journal: ${user} writes exactly the notes the access table gives`, async () => {
    for (const [i, category] of NOTE_CATEGORIES.entries()) {
      const may = row[i] === 'w' || row[i] === 'b';
      const before = await journalCount();
      const r = await t.call(user, 'POST', `/api/participants/${p.id}/journal`,
        { occurred_on: today(), kind: 'note', category, text: `door ${user}` });
      if (may) {
        assert.equal(r.status, 201, `${user} writes a ${category} note: ${r.status} ${r.text}`);
        assert.equal(await journalCount(), before + 1);
      } else {
        assertProblem(r, 403);
        assert.equal(await journalCount(), before, `a refused ${category} note by ${user} is not stored`);
      }
    }
  });
}
