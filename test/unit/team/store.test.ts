/**
 * The team store under Tagging, against a real PostgreSQL (test/helpers/postgres.ts): what Tagging holds is
 * what the rows say (read back another way), roles decided on the change itself, two server processes with
 * two coders each writing at once who lose nothing and hear each other through NOTIFY, connections killed
 * mid-write that leave whole writes or none (and a cache that still agrees with the database), and SQL
 * injection attempts in every text field stored verbatim, never run.
 */
import assert from 'node:assert/strict';
import { after, before, test, type TestContext } from 'node:test';
import { LecternError } from '../../../app/common/errors';
import { parseStore, serializeStore, STORE_FORMAT, STORE_VERSION } from '../../../app/core/annotations/storeFormat';
import type { Tagging } from '../../../app/core/annotations/tagging';
import {
  changesSince,
  createAccount,
  listenForChanges,
  openDb,
  readAnnotations,
  readCodebook,
  TeamStore,
  teamTagging,
  type Account,
  type Change,
  type Db,
  type Writer,
} from '../../../app/team';
import { makeDoc } from '../../helpers/docs';
import { killConnections, postgresForTests } from '../../helpers/postgres';
import { freshTeamStore, refused } from '../../helpers/teamStore';
import { Docs } from '../annotations/helpers';

const pg_ = postgresForTests({ before, after });

/** 40 paragraphs of 100 characters: passage i starts at i * 102. */
const TEXT = Array.from({ length: 40 }, (_, i) => `Passage ${String(i).padStart(2, '0')} `.padEnd(100, 'x')).join('\n\n');
const DOC = 'speeches/1961-kennedy';
const docs = new Docs([makeDoc(DOC, TEXT)]);
const at = (i: number) => ({ docId: DOC, start: i * 102, end: i * 102 + 10 });

async function team(db: Db): Promise<{ owner: Account; ada: Account; bob: Account; viewer: Account }> {
  // Account creation costs a scrypt each: made once per test, in parallel.
  const [owner, ada, bob, viewer] = await Promise.all([
    createAccount(db, { name: 'olga', role: 'owner', password: 'owner password' }),
    createAccount(db, { name: 'ada', role: 'coder', password: 'ada password' }),
    createAccount(db, { name: 'bob', role: 'coder', password: 'bob password' }),
    createAccount(db, { name: 'vera', role: 'viewer', password: 'vera password' }),
  ]);
  return { owner, ada, bob, viewer };
}

const tagger = (store: TeamStore, who: Writer): Tagging => teamTagging(store, '/nowhere', docs, who);
const count = async (db: Db, table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

/** The store's state equals the rows read back by another path (and another connection). */
async function agreesWithDatabase(store: TeamStore, db: Db): Promise<void> {
  await store.refresh();
  const byId = <T extends { id: string }>(xs: T[]) => [...xs].sort((a, b) => a.id.localeCompare(b.id));
  assert.deepEqual(byId(store.state.codebook), byId(await readCodebook(db)));
  assert.deepEqual(byId(store.state.annotations), byId(await readAnnotations(db)));
}

async function setUp(t: TestContext) {
  const s = await freshTeamStore(pg_, t);
  if (!s) return null;
  return { ...s, people: await team(s.db), store: new TeamStore(s.db) };
}

test("Tagging over the team store: each coder's gestures in their layer, read back as the file store's shapes", async (t) => {
  const s = await setUp(t);
  if (!s) return;
  const { db, store, people } = s;
  const ada = tagger(store, people.ada);
  const bob = tagger(store, people.bob);
  const first = await ada.tagRange({ ...at(1), newTags: ['Hope', 'Fear'], note: 'a memo' });
  assert.equal(first.annotation.coder, 'ada');
  const again = await ada.tagRange({ ...at(1), newTags: ['Duty'] });
  assert.equal(again.merged, true, "the same range again joins ada's annotation");
  const theirs = await bob.tagRange({ ...at(1), tagIds: [first.created[0].id] });
  assert.equal(theirs.merged, false, "bob's coding of the same range is his own layer");
  assert.deepEqual(
    (await bob.annotations({ coders: ['ada'] })).map((a) => a.tagIds.length),
    [3],
  );
  assert.deepEqual(
    (await ada.codebook({ coders: ['bob'] })).map((x) => [x.name, x.count]),
    [
      ['Duty', 0],
      ['Fear', 0],
      ['Hope', 1],
    ],
  );

  // One gesture, one undo step, in the database too.
  await ada.undo({});
  assert.deepEqual((await readAnnotations(db, { coders: ['ada'] }))[0].body.length, 3, 'Duty came off, the memo stayed');
  assert.equal(
    (await readCodebook(db)).some((x) => x.name === 'Duty'),
    false,
    'the new code went with its gesture',
  );
  await ada.redo({});
  await agreesWithDatabase(store, db);
  // What the team store holds is a valid file store: the same parser takes it unchanged.
  const file = { format: STORE_FORMAT, version: STORE_VERSION, revision: 1, codebook: await readCodebook(db), annotations: await readAnnotations(db) } as const;
  assert.deepEqual(parseStore(serializeStore(file)), file);
  // A second server process reads the same.
  await agreesWithDatabase(new TeamStore(db), db);
});

test('roles are decided on the change: a viewer writes nothing, a coder only their own layer and new codes, an owner anything', async (t) => {
  const s = await setUp(t);
  if (!s) return;
  const { db, store, people } = s;
  const ada = tagger(store, people.ada);
  const bob = tagger(store, people.bob);
  const vera = tagger(store, people.viewer);
  const owner = tagger(store, people.owner);
  const mine = await ada.tagRange({ ...at(2), newTags: ['Hope'] });
  const hope = mine.created[0];
  const before = await changesSince(db, 0);

  for (const attempt of [
    vera.tagRange({ ...at(3), tagIds: [hope.id] }),
    vera.createTag({ name: 'Mine' }),
    vera.updateAnnotation({ id: mine.annotation.id, note: 'mine now' }),
    vera.deleteAnnotation({ id: mine.annotation.id }),
  ]) {
    const e = await refused(attempt, 'forbidden');
    assert.match(e.message, /^vera is a viewer and cannot change annotations or codes\. A viewer reads everything/);
  }
  for (const attempt of [bob.updateAnnotation({ id: mine.annotation.id, note: 'bob was here' }), bob.deleteAnnotation({ id: mine.annotation.id })]) {
    assert.match((await refused(attempt, 'forbidden')).message, /^bob is a coder and cannot change ada's annotations/);
  }
  for (const attempt of [bob.updateTag({ id: hope.id, name: 'Hopes' }), bob.deleteTag({ id: hope.id })]) {
    assert.match(
      (await refused(attempt, 'forbidden')).message,
      /cannot rename, recolour, move, merge or delete the code ‘Hope’, which ada added \(ask an owner\)/,
    );
  }
  assert.deepEqual(await changesSince(db, 0), before, 'nothing refused reached the database');
  // The owner's prepared codebook is the owner's, used or not.
  const prepared = await owner.createTag({ name: 'Prepared' });
  const sincePrepared = await changesSince(db, 0);
  assert.match((await refused(ada.updateTag({ id: prepared.id, name: 'Mine' }), 'forbidden')).message, /‘Prepared’, which olga added \(ask an owner\)/);
  await refused(ada.deleteTag({ id: prepared.id }), 'forbidden');
  assert.deepEqual(await changesSince(db, 0), sincePrepared, 'nothing refused reached the database');
  await owner.deleteTag({ id: prepared.id });
  await agreesWithDatabase(store, db);

  // A coder adds codes, changes those only they use, and writes the resolved layer; the owner keeps the codebook.
  await ada.updateTag({ id: hope.id, color: '#000000' });
  const theirs = await bob.tagRange({ ...at(2), newTags: ['Fear'] });
  await bob.tagRange({ ...at(4), tagIds: [hope.id] });
  assert.match((await refused(ada.updateTag({ id: hope.id, color: '#111111' }), 'forbidden')).message, /which other coders use \(ask an owner\)/);
  await bob.resolveDisagreement({ tagId: hope.id, annotationIds: [mine.annotation.id] });
  assert.deepEqual((await readAnnotations(db, { coders: ['resolved'] })).length, 1);
  await owner.updateTag({ id: hope.id, name: 'Hopes' });
  await owner.deleteTag({ id: theirs.created[0].id });
  assert.deepEqual(
    (await readCodebook(db)).map((x) => x.name),
    ['Hopes'],
  );
  await agreesWithDatabase(store, db);
});

/** Resolves when `done()` holds, checking after each change heard; rejects after `ms`. */
function until(done: () => boolean, register: (check: () => void) => void, ms: number, what: () => string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms: ${what()}`)), ms);
    const check = () => {
      if (done()) {
        clearTimeout(timer);
        resolve();
      }
    };
    register(check);
    check();
  });
}

test("two server processes, two coders each, writing at once: nothing lost, each hears the other's writes through NOTIFY", async (t) => {
  const s = await setUp(t);
  if (!s) return;
  const { db, config, people } = s;
  // Two processes: two pools, two stores (each with its own cache).
  const otherDb = openDb(config);
  t.after(() => otherDb.end());
  const stores = [new TeamStore(db), new TeamStore(otherDb)];
  const heard: Change[] = [];
  const checks: (() => void)[] = [];
  const listener = await listenForChanges(config, (c) => {
    heard.push(c);
    checks.forEach((f) => f());
  });
  t.after(() => listener.close());
  const seed = await tagger(stores[0], people.owner).createTag({ name: 'Hope' });

  const N = 30;
  const coders = [
    tagger(stores[0], people.ada),
    tagger(stores[1], people.ada), // ada in two tabs on two servers: one layer, two undo histories
    tagger(stores[0], people.bob),
    tagger(stores[1], people.bob),
  ];
  const acknowledged = await Promise.all(
    coders.flatMap((c, k) => Array.from({ length: N }, (_, i) => c.tagRange({ ...at(i), tagIds: [seed.id], newTags: [`k${k} ${i}`] }))),
  );
  // ada's two "tabs" tag the same ranges: the second joins the first (no twin), so the rows are 2 coders × N ranges.
  const rows = await readAnnotations(db);
  assert.equal(rows.length, 2 * N);
  for (const r of rows) assert.equal(r.body.length, 3, `annotation ${r.id} holds Hope and both tabs' codes`);
  for (const a of acknowledged)
    assert.ok(
      rows.some((r) => r.id === a.annotation.id),
      'an acknowledged write is missing',
    );
  assert.equal((await readCodebook(db)).length, 1 + 4 * N);
  for (const store of stores) await agreesWithDatabase(store, db);

  const logged = await changesSince(db, 0, 10_000);
  await until(
    () => heard.length >= logged.length,
    (f) => checks.push(f),
    10_000,
    () => `heard ${heard.length} of ${logged.length}`,
  );
  assert.deepEqual(heard, logged, 'every committed change heard once, in commit order');
});

test('connections killed mid-write leave whole writes or none; acknowledged writes survive; the cache still agrees', async (t) => {
  const s = await setUp(t);
  if (!s) return;
  const { config, people, db } = s;
  // A pool of its own, whose connections the killer below terminates while its writes are in flight.
  const victim = openDb({ ...config, application_name: 'lectern-victim', max: 4 });
  t.after(() => victim.end());
  const store = new TeamStore(victim);
  const codes = await Promise.all(['a', 'b', 'c'].map((name) => tagger(new TeamStore(db), people.owner).createTag({ name })));
  const ada = tagger(store, people.ada);
  const bob = tagger(store, people.bob);
  const attempts = 120;
  // On a loaded machine a storm this fast may cut every write: then the next round kills less often,
  // until some writes are cut and some get through (what this test needs to see both).
  const ok: { i: number; id: string }[] = [];
  const failed: { i: number; error: Error }[] = [];
  let kills = 0;
  for (const pause of [
    [2, 12],
    [10, 40],
    [30, 120],
  ] as [number, number][]) {
    const killer = await killConnections(config, "application_name = 'lectern-victim'", pause, t);
    const outcomes = await Promise.all(
      Array.from({ length: attempts }, (_, i) =>
        (i % 2 ? ada : bob).tagRange({ ...at(i % 40), tagIds: codes.map((c) => c.id), note: `note ${i}` }).then(
          (r) => ({ i, id: r.annotation.id }),
          (e: Error) => ({ i, error: e }),
        ),
      ),
    );
    kills += await killer.stop();
    ok.push(...outcomes.filter((o): o is { i: number; id: string } => 'id' in o));
    failed.push(...outcomes.filter((o): o is { i: number; error: Error } => 'error' in o));
    t.diagnostic(`pauses ${pause.join('–')} ms: ${kills} connections killed so far, ${ok.length} writes acknowledged, ${failed.length} failed`);
    if (ok.length > 0 && failed.length > 0) break;
  }
  assert.ok(kills > 0 && failed.length > 0, 'the killer must have cut some writes, or this test tests nothing');
  assert.ok(ok.length > 0, 'some writes must have gone through');
  for (const f of failed) {
    assert.ok(f.error instanceof LecternError && f.error.code === 'unavailable', `a cut write says so: ${f.error.message}`);
    assert.match(f.error.message, /connection to the team database was lost/);
  }
  const rows = await readAnnotations(db);
  for (const o of ok)
    assert.ok(
      rows.some((r) => r.id === o.id),
      `acknowledged write ${o.i} is lost`,
    );
  // Nothing half-written: every stored annotation has all three codes and a note, and its change in the log.
  const log = new Set((await changesSince(db, 0, 10_000)).map((c) => c.id));
  for (const r of rows) {
    assert.equal(r.body.length, 4, `annotation ${r.id} is half-written`);
    assert.ok(log.has(r.id));
  }
  assert.equal(await count(db, 'annotation_tags'), rows.length * 3);
  // The victim's cache agrees with the database after the storm, and the pool recovered.
  await agreesWithDatabase(store, db);
  await ada.tagRange({ ...at(39), newTags: ['after the storm'] });
  await agreesWithDatabase(store, db);
});

test('SQL injection in every text field is stored verbatim, never run; NUL and broken Unicode are refused with the field named', async (t) => {
  const s = await setUp(t);
  if (!s) return;
  const { db, store, people } = s;
  const plain = tagger(store, people.ada);
  const attacks = ["'; DROP TABLE annotations; --", "x' OR '1'='1", 'back\\slash\\', '$1 $$ E\'\\x27\' "q"', "Robert'); DELETE FROM tags; --", '💥 ünïcode'];
  const hostileDocs = new Docs(attacks.map((s, i) => makeDoc(`${s}/doc`, `${s} before ${s} quoted ${s} after ${i}`)));
  const ada = teamTagging(store, '/nowhere', hostileDocs, people.ada);
  for (const [i, s] of attacks.entries()) {
    const id = `${s}/doc`;
    const text = hostileDocs.get(id)!.text;
    const start = text.indexOf(`${s} quoted`);
    const r = await ada.tagRange({ docId: id, start, end: start + s.length, newTags: [`${s} tag`], note: s });
    await ada.updateTag({ id: r.created[0].id, description: s }).catch((e) => assert.equal((e as LecternError).code, 'forbidden'));
    const [back] = await readAnnotations(db, { document: id });
    assert.equal(back.id, r.annotation.id);
    assert.equal(back.target.selector[0].exact, s);
    assert.equal((await readCodebook(db)).find((x) => x.id === r.created[0].id)?.name, `${s} tag`);
    assert.equal(i + 1, await count(db, 'annotations'));
  }
  await tagger(store, people.owner).updateTag({ id: (await readCodebook(db))[0].id, description: attacks[0] });
  await agreesWithDatabase(store, db);
  assert.equal(await count(db, 'tags'), attacks.length);
  await refused(plain.tagRange({ ...at(1), tagIds: ["' OR 1=1 --"] }), 'not-found'); // a tag id is a value, not SQL

  const bad: [string, () => Promise<unknown>][] = [
    ['the note', () => plain.tagRange({ ...at(1), newTags: ['ok'], note: 'a\u0000b' })],
    ['the tag name', () => plain.tagRange({ ...at(1), newTags: ['nul\u0000'] })],
    [
      'the quoted text',
      () => teamTagging(store, '/nowhere', new Docs([makeDoc('nul', 'a\u0000b')]), people.ada).tagRange({ docId: 'nul', start: 0, end: 3, newTags: ['ok'] }),
    ],
  ];
  for (const [field, attempt] of bad) {
    const e = await refused(attempt(), 'bad-request');
    assert.equal(e.message, `${field} contains a NUL character (U+0000), which cannot be stored: remove it`);
  }
  const half = await refused(plain.tagRange({ ...at(1), newTags: ['ok'], note: 'half \ud83d' }), 'bad-request');
  assert.match(half.message, /the note contains half of a surrogate pair/);
  assert.equal(await count(db, 'annotations'), attacks.length);
  await agreesWithDatabase(store, db);
});

test("undo never takes back another coder's work: a step whose passage was changed again since is refused and taken off the list", async (t) => {
  const s = await setUp(t);
  if (!s) return;
  const { db, store, people } = s;
  const ada = tagger(store, people.ada);
  const bob = tagger(store, people.bob);
  const earlier = await ada.tagRange({ ...at(5), newTags: ['Earlier'] });
  const threat = await ada.tagRange({ ...at(3), newTags: ['Threat', 'Hope'] });
  const [threatCode, hopeCode] = threat.created;
  // ada accepts Threat into the resolved layer; bob then accepts Hope on the same passage: one resolved annotation.
  const accepted = await ada.resolveDisagreement({ tagId: threatCode.id, annotationIds: [threat.annotation.id] });
  await bob.resolveDisagreement({ tagId: hopeCode.id, annotationIds: [threat.annotation.id] });
  const resolvedBefore = await readAnnotations(db, { coders: ['resolved'] });
  assert.equal(resolvedBefore.length, 1);
  assert.equal(resolvedBefore[0].id, accepted.annotations[0].id);

  const e = await refused(ada.undo({}), 'conflict');
  assert.match(e.message, /^“resolve ‘Threat’ on “Passage 03.*” as ‘resolved’” cannot be undone: the passage “Passage 03.*” was changed again since/);
  assert.deepEqual(await readAnnotations(db, { coders: ['resolved'] }), resolvedBefore, "bob's accepted code is still there");
  // The refused step is off the list. The next, the tagging that made Threat and Hope, would delete codes
  // the resolved layer now uses: refused by the store, and off the list too. The one under it goes through.
  assert.match((await ada.history({})).undoLabel ?? '', /^Undo: tagged “Passage 03/);
  await refused(ada.undo({}), 'forbidden');
  assert.match((await ada.history({})).undoLabel ?? '', /^Undo: tagged “Passage 05/);
  await ada.undo({});
  assert.deepEqual(
    (await readAnnotations(db, { coders: ['ada'] })).map((a) => a.id),
    [threat.annotation.id],
  );
  assert.equal(earlier.merged, false);
});
