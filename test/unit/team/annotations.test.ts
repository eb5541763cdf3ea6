/**
 * The team store's codebook and annotations against a real PostgreSQL (test/helpers/postgres.ts): the file
 * store's shapes read back, a viewer who cannot write, two coders writing at once who lose nothing and hear
 * each other through NOTIFY, connections killed mid-write that leave whole writes or none, and SQL
 * injection attempts in every text field stored verbatim or refused, never run.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { LecternError } from '../../../app/common/errors';
import { noteOf, parseStore, serializeStore, STORE_FORMAT, STORE_VERSION, tagIdsOf } from '../../../app/core/annotations/storeFormat';
import {
  changesSince,
  createAccount,
  createTag,
  deleteAnnotation,
  listAnnotations,
  listCodebook,
  listenForChanges,
  openDb,
  putAnnotation,
  type Account,
  type AnnotationInput,
  type Change,
  type Db,
} from '../../../app/team';
import { postgresForTests } from '../../helpers/postgres';
import { freshTeamStore, refused } from '../../helpers/teamStore';

const pg_ = postgresForTests({ before, after });

const passage = (n: number, tagIds: string[], note = ''): AnnotationInput => ({
  document: 'speeches/1961-kennedy',
  quote: { exact: `passage ${n}`, prefix: 'before ', suffix: ' after' },
  start: n * 100,
  end: n * 100 + 9,
  tagIds,
  note,
});

async function team(db: Db): Promise<{ owner: Account; ada: Account; bob: Account; viewer: Account }> {
  // Account creation costs a scrypt each: made once per test, in parallel.
  const [owner, ada, bob, viewer] = await Promise.all([
    createAccount(db, { name: 'owner', role: 'owner', password: 'owner password' }),
    createAccount(db, { name: 'ada', role: 'coder', password: 'ada password' }),
    createAccount(db, { name: 'bob', role: 'coder', password: 'bob password' }),
    createAccount(db, { name: 'vera', role: 'viewer', password: 'vera password' }),
  ]);
  return { owner, ada, bob, viewer };
}

const count = async (db: Db, table: string) => (await db.query(`SELECT count(*)::int AS n FROM ${table}`)).rows[0].n as number;

test("annotations read back in the file store's shape, with their coder", async (t) => {
  const store = await freshTeamStore(pg_, t);
  if (!store) return;
  const { db } = store;
  const { ada, bob } = await team(db);
  const hope = await createTag(db, ada, { name: 'Hope', color: '#1F77B4' });
  const fear = await createTag(db, bob, { name: 'Fear', color: '#d62728', description: 'threats', parentId: hope.id });
  assert.equal(hope.color, '#1f77b4');
  assert.deepEqual(await listCodebook(db), [fear, hope]); // by name
  await refused(createTag(db, bob, { name: 'Hope', color: '#000000' }), 'duplicate-tag');
  await refused(createTag(db, bob, { name: 'Odd', color: 'red' }), 'bad-request');

  const a1 = await putAnnotation(db, ada, passage(2, [hope.id, fear.id], 'a memo'));
  const b1 = await putAnnotation(db, bob, passage(1, [fear.id]));
  assert.deepEqual(a1.creator, { type: 'Person', name: 'ada' });
  assert.deepEqual(tagIdsOf(a1), [hope.id, fear.id]);
  assert.equal(noteOf(a1), 'a memo');
  assert.deepEqual(a1.target.selector, [
    { type: 'TextQuoteSelector', exact: 'passage 2', prefix: 'before ', suffix: ' after' },
    { type: 'TextPositionSelector', start: 200, end: 209 },
  ]);
  assert.deepEqual(await listAnnotations(db), [b1, a1]); // by position
  assert.deepEqual(await listAnnotations(db, { coders: ['ada'] }), [a1]);
  assert.deepEqual(await listAnnotations(db, { document: 'other' }), []);

  // What the team store holds is a valid file store: the same parser takes it unchanged.
  const file = { format: STORE_FORMAT, version: STORE_VERSION, revision: 1, codebook: await listCodebook(db), annotations: await listAnnotations(db) } as const;
  assert.deepEqual(parseStore(serializeStore(file)), file);

  // Replacing keeps the id and created time, and re-tags.
  const a2 = await putAnnotation(db, ada, { ...passage(2, [fear.id]), id: a1.id });
  assert.equal(a2.id, a1.id);
  assert.equal(a2.created, a1.created);
  assert.ok(a2.modified >= a1.modified);
  assert.deepEqual(tagIdsOf((await listAnnotations(db, { coders: ['ada'] }))[0]), [fear.id]);

  // A coder changes only their own layer.
  await refused(putAnnotation(db, bob, { ...passage(2, [hope.id]), id: a1.id }), 'forbidden');
  await refused(deleteAnnotation(db, bob, a1.id), 'forbidden');
  await refused(putAnnotation(db, ada, passage(3, ['no-such-tag'])), 'not-found');
  await refused(putAnnotation(db, ada, passage(3, [])), 'bad-request');
  await deleteAnnotation(db, ada, a1.id);
  await refused(deleteAnnotation(db, ada, a1.id), 'not-found');
  assert.deepEqual(await listAnnotations(db), [b1]);
  assert.equal(await count(db, 'annotation_tags'), 1); // the deleted one's tags went with it
});

test('a viewer reads but cannot write anything', async (t) => {
  const store = await freshTeamStore(pg_, t);
  if (!store) return;
  const { db } = store;
  const { ada, viewer } = await team(db);
  const hope = await createTag(db, ada, { name: 'Hope', color: '#1f77b4' });
  const mine = await putAnnotation(db, ada, passage(1, [hope.id]));
  const before = await changesSince(db, 0);
  for (const attempt of [
    createTag(db, viewer, { name: 'Mine', color: '#000000' }),
    putAnnotation(db, viewer, passage(2, [hope.id])),
    putAnnotation(db, viewer, { ...passage(1, [hope.id]), id: mine.id }),
    deleteAnnotation(db, viewer, mine.id),
  ]) {
    const e = await refused(attempt, 'forbidden');
    assert.match(e.message, /vera is a viewer: viewers can read the team's annotations but not change them/);
  }
  assert.deepEqual(await listAnnotations(db), [mine]);
  assert.equal((await listCodebook(db)).length, 1);
  assert.deepEqual(await changesSince(db, 0), before);
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

test("two coders writing at once lose nothing and hear each other's writes through NOTIFY", async (t) => {
  const store = await freshTeamStore(pg_, t);
  if (!store) return;
  const { db, config } = store;
  const { ada, bob } = await team(db);
  const hope = await createTag(db, ada, { name: 'Hope', color: '#1f77b4' });
  const fear = await createTag(db, bob, { name: 'Fear', color: '#d62728' });

  const heard = { ada: [] as Change[], bob: [] as Change[] };
  const checks: (() => void)[] = [];
  const listen = (who: 'ada' | 'bob') =>
    listenForChanges(config, (c) => {
      heard[who].push(c);
      checks.forEach((f) => f());
    });
  const listeners = await Promise.all([listen('ada'), listen('bob')]);
  t.after(() => Promise.all(listeners.map((l) => l.close())));

  const N = 60;
  const writes = await Promise.all(
    Array.from({ length: N }, (_, i) => [
      putAnnotation(db, ada, passage(i, [hope.id], `ada ${i}`)),
      putAnnotation(db, bob, passage(i, [fear.id, hope.id], `bob ${i}`)),
    ]).flat(),
  );
  const adaIds = new Set(writes.filter((w) => w.creator?.name === 'ada').map((w) => w.id));
  const bobIds = new Set(writes.filter((w) => w.creator?.name === 'bob').map((w) => w.id));
  assert.equal(adaIds.size, N);
  assert.equal(bobIds.size, N);

  const stored = await listAnnotations(db);
  assert.equal(stored.length, 2 * N);
  assert.deepEqual(new Set(stored.map((a) => a.id)), new Set(writes.map((w) => w.id)));
  for (const a of stored) {
    const i = a.target.selector[1].start / 100;
    assert.equal(noteOf(a), `${a.creator?.name} ${i}`);
    assert.deepEqual(tagIdsOf(a), a.creator?.name === 'ada' ? [hope.id] : [fear.id, hope.id]);
  }

  // Each hears every one of the other's writes (and its own), once, in commit order.
  const heardIds = (who: 'ada' | 'bob', by: Account) => new Set(heard[who].filter((c) => c.kind === 'annotation' && c.by === by.id).map((c) => c.id));
  await until(
    () => heardIds('ada', bob).size === N && heardIds('bob', ada).size === N,
    (f) => checks.push(f),
    10_000,
    () => `ada heard ${heardIds('ada', bob).size} of bob's ${N}, bob heard ${heardIds('bob', ada).size} of ada's`,
  );
  assert.deepEqual(heardIds('ada', bob), bobIds);
  assert.deepEqual(heardIds('bob', ada), adaIds);
  for (const who of ['ada', 'bob'] as const) {
    const seqs = heard[who].map((c) => c.seq);
    assert.deepEqual(
      seqs,
      [...seqs].sort((x, y) => x - y),
    );
    assert.equal(new Set(seqs).size, seqs.length);
  }
  // The change log agrees: the two tags and the 2N annotations, each once.
  const log = await changesSince(db, 0);
  assert.equal(log.length, 2 + 2 * N);
  assert.deepEqual(new Set(log.filter((c) => c.kind === 'annotation').map((c) => c.id)), new Set(writes.map((w) => w.id)));
  assert.deepEqual(await changesSince(db, log[log.length - 2].seq), [log[log.length - 1]]);
});

test('connections killed mid-write leave whole writes or none, and every acknowledged write survives', async (t) => {
  const store = await freshTeamStore(pg_, t);
  if (!store) return;
  const { db, config } = store;
  const { ada, bob } = await team(db);
  const tags = await Promise.all(['a', 'b', 'c', 'd', 'e'].map((name, i) => createTag(db, ada, { name, color: `#00000${i}` })));
  const tagIds = tags.map((x) => x.id);

  // A pool of its own, whose connections the killer below terminates while its writes are in flight.
  const victim = openDb({ ...config, application_name: 'lectern-victim', max: 6 });
  t.after(() => victim.end());
  const killer = new pg.Client(config);
  await killer.connect();
  t.after(() => killer.end());
  // NOTIFY is sent on COMMIT only: the listener must hear exactly the writes that are stored, cut or not.
  const heard = new Set<string>();
  const listener = await listenForChanges(config, (c) => c.kind === 'annotation' && heard.add(c.id));
  t.after(() => listener.close());
  let killing = true;
  let kills = 0;
  const killLoop = (async () => {
    while (killing) {
      // One connection at a time, caught in the middle of a write (in a statement, or between two of a transaction).
      const { rowCount } = await killer.query(
        "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = 'lectern-victim' AND state IN ('active', 'idle in transaction') ORDER BY random() LIMIT 1",
      );
      kills += rowCount ?? 0;
      await new Promise((r) => setTimeout(r, 5 + Math.random() * 20));
    }
  })();

  const attempts = 200;
  const outcomes = await Promise.all(
    Array.from({ length: attempts }, (_, i) =>
      putAnnotation(victim, i % 2 ? ada : bob, passage(i, tagIds, `note ${i}`)).then(
        (a) => ({ i, acknowledged: a.id }),
        (e: Error) => ({ i, error: e }),
      ),
    ),
  );
  killing = false;
  await killLoop;

  const acknowledged = outcomes.filter((o): o is { i: number; acknowledged: string } => 'acknowledged' in o);
  const failed = outcomes.filter((o): o is { i: number; error: Error } => 'error' in o);
  t.diagnostic(`${kills} connections killed: ${acknowledged.length} writes acknowledged, ${failed.length} failed`);
  assert.ok(kills > 0 && failed.length > 0, 'the killer must have cut some writes, or this test tests nothing');
  assert.ok(acknowledged.length > 0, 'some writes must have gone through');
  for (const f of failed) assert.ok(!(f.error instanceof LecternError), `a cut write fails with the driver's error, not a user error: ${f.error.message}`);

  // Read back through a fresh connection (the store reconnects; nothing is cached).
  const reader = openDb(config);
  t.after(() => reader.end());
  const stored = await listAnnotations(reader);
  const byId = new Map(stored.map((a) => [a.id, a]));
  for (const a of acknowledged) assert.ok(byId.has(a.acknowledged), `acknowledged write ${a.i} is lost`);
  // Nothing half-written: every stored annotation has all five tags, its note, and its change in the log.
  const logged = new Set((await changesSince(reader, 0, 10_000)).filter((c) => c.kind === 'annotation').map((c) => c.id));
  for (const a of stored) {
    assert.deepEqual(tagIdsOf(a), tagIds, `annotation ${a.id} lost some of its tags`);
    assert.match(noteOf(a), /^note \d+$/);
    assert.ok(logged.has(a.id), `annotation ${a.id} has no change in the log`);
  }
  assert.equal(await count(reader, 'annotation_tags'), stored.length * tagIds.length);
  // A write that failed is either wholly there (its COMMIT landed, the reply did not) or absent; at most one per cut.
  assert.ok(stored.length >= acknowledged.length && stored.length <= attempts);
  const notes = new Set(stored.map(noteOf));
  assert.ok(acknowledged.every((a) => notes.has(`note ${a.i}`)));
  const storedIds = new Set(stored.map((a) => a.id));
  await until(
    () => heard.size >= storedIds.size,
    (f) => {
      const poll = setInterval(f, 20);
      t.after(() => clearInterval(poll));
    },
    10_000,
    () => `heard ${heard.size} of ${storedIds.size} stored writes`,
  );
  assert.deepEqual(heard, storedIds);
  // The pool recovered: a write after the storm goes through.
  await putAnnotation(victim, ada, passage(999, [tagIds[0]]));
});

test('SQL injection in every text field is stored verbatim, never run; NUL and broken Unicode are refused', async (t) => {
  const store = await freshTeamStore(pg_, t);
  if (!store) return;
  const { db } = store;
  const { ada } = await team(db);
  const attacks = ["'; DROP TABLE annotations; --", "x' OR '1'='1", 'back\\slash\\', '$1 $$ E\'\\x27\' "q"', "Robert'); DELETE FROM tags; --", '💥 ünïcode'];
  for (const [i, s] of attacks.entries()) {
    const tag = await createTag(db, ada, { name: `${s} tag`, color: '#123456', description: s });
    const a = await putAnnotation(db, ada, {
      document: `${s}/doc`,
      quote: { exact: s, prefix: s, suffix: s },
      start: i,
      end: i + 1,
      tagIds: [tag.id],
      note: s,
    });
    const [back] = await listAnnotations(db, { document: `${s}/doc` });
    assert.deepEqual(back, a);
    assert.equal(noteOf(back), s);
    assert.equal(back.target.selector[0].exact, s);
    assert.equal((await listCodebook(db)).find((x) => x.id === tag.id)?.description, s);
  }
  assert.equal(await count(db, 'annotations'), attacks.length);
  assert.equal(await count(db, 'tags'), attacks.length);
  await refused(putAnnotation(db, ada, { ...passage(1, ["' OR 1=1 --"]) }), 'not-found'); // a tag id is a value, not SQL

  const hope = await createTag(db, ada, { name: 'Hope', color: '#1f77b4' });
  const base = passage(1, [hope.id], 'fine');
  const bad: [string, AnnotationInput | (() => Promise<unknown>)][] = [
    ['the note', { ...base, note: 'a\u0000b' }],
    ['the document id', { ...base, document: 'doc\u0000' }],
    ['the quoted text', { ...base, quote: { ...base.quote, exact: '\u0000' } }],
    ['the text before the quote', { ...base, quote: { ...base.quote, prefix: 'x\u0000' } }],
    ['the text after the quote', { ...base, quote: { ...base.quote, suffix: '\u0000y' } }],
    ['a tag id', { ...base, tagIds: ['\u0000'] }],
    ['the tag name', () => createTag(db, ada, { name: 'nul\u0000', color: '#000000' })],
    ['the description', () => createTag(db, ada, { name: 'nul', color: '#000000', description: '\u0000' })],
  ];
  for (const [field, input] of bad) {
    const e = await refused(typeof input === 'function' ? input() : putAnnotation(db, ada, input), 'bad-request');
    assert.equal(e.message, `${field} contains a NUL character (U+0000), which cannot be stored: remove it`);
  }
  const half = await refused(putAnnotation(db, ada, { ...base, note: 'half \ud83d' }), 'bad-request');
  assert.match(half.message, /the note contains half of a surrogate pair/);
  assert.equal(await count(db, 'annotations'), attacks.length);
});
