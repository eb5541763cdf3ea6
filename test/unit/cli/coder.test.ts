/**
 * Coders (issue 17): every annotation records who made it: --coder, else LECTERN_CODER, else the
 * preference, else the OS user name. Two coders on one quote are two layers; another coder's export
 * imported adds their layer and never changes yours.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { openService } from '../../../app/service/openService';
import { runCli } from '../../helpers/runCli';
import { copyShippedCorpus, tempDirFor } from '../../helpers/temp';

const HUNT_ID = '2019-03-07-hunt-cybercrime-deterrence';
const QUOTE = 'National Offensive Cyber Programme';

interface Row {
  id: string;
  quote: string;
  tags: string[];
  coder: string;
}
const list = async (dir: string): Promise<Row[]> => JSON.parse((await runCli('tags', 'list', '--json', '--corpus', dir)).out);

/** Runs with LECTERN_CODER set (or unset) for the call only. */
async function withEnv<T>(value: string | undefined, run: () => Promise<T>): Promise<T> {
  const before = process.env.LECTERN_CODER;
  if (value === undefined) delete process.env.LECTERN_CODER;
  else process.env.LECTERN_CODER = value;
  try {
    return await run();
  } finally {
    if (before === undefined) delete process.env.LECTERN_CODER;
    else process.env.LECTERN_CODER = before;
  }
}

test('--coder, then LECTERN_CODER, then the OS user name; one quote tagged by two coders is two layers', async (t) => {
  const corpus = copyShippedCorpus();
  t.after(corpus.cleanup);
  const add = (tag: string, ...more: string[]) => runCli('tags', 'add', HUNT_ID, '--quote', QUOTE, '--tag', tag, '--corpus', corpus.dir, ...more);
  await withEnv('Bea', async () => {
    assert.equal((await add('Capabilities', '--coder', 'Ada')).code, 0);
    assert.equal((await add('Offence')).code, 0); // Bea, from the environment
    assert.equal((await add('Deterrence', '--coder', 'Ada')).code, 0); // Ada's annotation gets the tag
  });
  await withEnv(undefined, async () => assert.equal((await add('Law')).code, 0));
  const rows = await list(corpus.dir);
  const byCoder = Object.fromEntries(rows.map((r) => [r.coder, [...r.tags].sort()]));
  assert.deepEqual(byCoder, { Ada: ['Capabilities', 'Deterrence'], Bea: ['Offence'], [os.userInfo().username]: ['Law'] });
  assert.equal(rows.length, 3);
  // The CSV export has the coder column, filled.
  const csv = await runCli('tags', 'export', '--format', 'csv', '--corpus', corpus.dir);
  assert.equal(csv.code, 0, csv.err);
  for (const name of ['Ada', 'Bea']) assert.match(csv.out, new RegExp(`,${name},`));
});

test('the preference is kept in the data folder, a name given for the run wins, and bad names are refused', async (t) => {
  const corpus = copyShippedCorpus();
  t.after(corpus.cleanup);
  const dataDir = tempDirFor(t);
  await withEnv(undefined, async () => {
    const service = await openService(corpus.dir, { dataDir });
    assert.deepEqual(await service.coder({}), { name: os.userInfo().username, source: 'system', coders: [] });
    assert.deepEqual(await service.setCoder({ name: '  Grace   Hopper ' }), { name: 'Grace Hopper', source: 'preference', coders: [] });
    assert.equal(JSON.parse(readFileSync(path.join(dataDir, 'preferences.json'), 'utf8')).coder, 'Grace Hopper');
    const [doc] = (await service.library({})).documents;
    await service.tagRange({ docId: doc.id, start: 0, end: 20, newTags: ['First'] });
    assert.deepEqual((await service.coder({})).coders, ['Grace Hopper']);
    await assert.rejects(service.setCoder({ name: 'a\u0007b' }), /control characters/);
    await assert.rejects(service.setCoder({ name: 'x'.repeat(61) }), /at most 60 characters/);

    // A new Lectern reads the preference; --coder (here the option) wins without changing it.
    const again = await openService(corpus.dir, { dataDir });
    assert.equal((await again.coder({})).name, 'Grace Hopper');
    const given = await openService(corpus.dir, { dataDir, coder: 'Ada' });
    assert.deepEqual(await given.coder({}), { name: 'Ada', source: 'option', coders: ['Grace Hopper'] });
    // Layers: each coder's annotations, counted and listed apart; every coder's together by default.
    await given.tagRange({ docId: doc.id, start: 0, end: 20, newTags: ['First'] });
    await given.tagRange({ docId: doc.id, start: 30, end: 40, newTags: ['Second'] });
    const count = async (coders?: string[]) => Object.fromEntries((await given.codebook({ coders })).map((t) => [t.name, t.count]));
    assert.deepEqual(await count(), { First: 2, Second: 1 });
    assert.deepEqual(await count(['Ada']), { First: 1, Second: 1 });
    assert.deepEqual(await count(['Grace Hopper']), { First: 1, Second: 0 });
    assert.deepEqual(await count([]), { First: 0, Second: 0 });
    assert.deepEqual(
      (await given.annotations({ coders: ['Grace Hopper'] })).map((a) => [a.coder, a.start]),
      [['Grace Hopper', 0]],
    );
    const matrix = await given.tagMatrix({ coders: ['Ada'] });
    const first = matrix.tags.find((t) => t.name === 'First')!;
    assert.equal(
      Object.values(matrix.counts[first.id]).reduce((a, b) => a + b, 0),
      1,
    );
    // Empty goes back to the OS user name.
    assert.equal((await again.setCoder({ name: '' })).source, 'system');
    for (const s of [service, again, given]) await s.close();
  });
});

test("importing another coder's export adds their layer and leaves yours as it was", async (t) => {
  const mine = copyShippedCorpus();
  const theirs = copyShippedCorpus();
  t.after(mine.cleanup);
  t.after(theirs.cleanup);
  const add = (dir: string, coder: string, tag: string) => runCli('tags', 'add', HUNT_ID, '--quote', QUOTE, '--tag', tag, '--corpus', dir, '--coder', coder);
  assert.equal((await add(mine.dir, 'Ada', 'Capabilities')).code, 0);
  assert.equal((await add(theirs.dir, 'Bea', 'Offence')).code, 0);
  const before = await list(mine.dir);
  for (const format of ['w3c', 'qdpx'] as const) {
    const file = path.join(tempDirFor(t), `bea.${format === 'w3c' ? 'jsonld' : 'qdpx'}`);
    const out = await runCli('tags', 'export', '--format', format, '--out', file, '--corpus', theirs.dir);
    assert.equal(out.code, 0, out.err);
    const imported = await runCli('tags', 'import', file, '--corpus', mine.dir, '--coder', 'Ada');
    assert.equal(imported.code, 0, imported.err);
    const after = await list(mine.dir);
    // Ada's annotation is untouched; Bea's is there once (the second import finds it already here).
    assert.deepEqual(
      after.filter((r) => r.coder === 'Ada'),
      before,
    );
    assert.deepEqual(
      after.filter((r) => r.coder === 'Bea').map((r) => [r.quote, r.tags]),
      [[QUOTE, ['Offence']]],
    );
  }
});
