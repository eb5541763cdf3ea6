import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { LecternError } from '../../../app/common/errors';
import { Tagging } from '../../../app/core/annotations/tagging';
import { parseStore, STORE_VERSION } from '../../../app/core/annotations/storeFormat';
import { nodeIo } from '../../../app/core/annotations/durableFile';
import { tempDirFor } from '../../helpers/temp';
import { rangeOf, seedDocs, HUNT } from './helpers';

const storeFile = (dir: string) => path.join(dir, '.lectern', 'annotations.json');
const readStore = (dir: string) => parseStore(fs.readFileSync(storeFile(dir), 'utf8'));

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

test('a change is on disk, in the documented format, when its promise resolves', async (ctx) => {
  const dir = tempDirFor(ctx);
  const t = new Tagging(dir, seedDocs());
  const tag = await t.createTag({ name: 'Deterrence' });
  const r = rangeOf(HUNT, 'cybercrime deterrence');
  const a = (await t.tagRange({ docId: '2019-03-07-hunt', ...r, tagIds: [tag.id], note: 'key phrase' })).annotation;
  const disk = readStore(dir);
  assert.equal(disk.version, STORE_VERSION);
  assert.equal(disk.revision, 2);
  assert.deepEqual(
    disk.codebook.map((x) => x.name),
    ['Deterrence'],
  );
  const stored = disk.annotations.find((x) => x.id === a.id)!;
  assert.equal(stored.target.source, '2019-03-07-hunt');
  assert.deepEqual(stored.target.selector[1], { type: 'TextPositionSelector', ...r });
  assert.equal(stored.target.selector[0].exact, 'cybercrime deterrence');
  assert.deepEqual(stored.body[0], { type: 'SpecificResource', purpose: 'tagging', source: tag.id });
  assert.deepEqual(stored.body[1], { type: 'TextualBody', purpose: 'commenting', value: 'key phrase', format: 'text/plain' });
  const leftovers = fs.readdirSync(path.join(dir, '.lectern')).filter((n) => n !== 'annotations.json');
  assert.deepEqual(leftovers, [], 'no temp or lock files are left behind');
});

test('a store edited into invalid JSON is reported, backed up once, and never overwritten', async (ctx) => {
  const dir = tempDirFor(ctx);
  await new Tagging(dir, seedDocs()).createTag({ name: 'Kept' });
  const broken = fs.readFileSync(storeFile(dir), 'utf8').replace('"Kept"', '"Kept",,');
  fs.writeFileSync(storeFile(dir), broken);

  const t = new Tagging(dir, seedDocs());
  assert.deepEqual(await t.codebook({}), []);
  assert.match(t.problem()!, /is not valid: not valid JSON/);
  await assert.rejects(t.createTag({ name: 'New' }), (e: LecternError) => {
    assert.equal(e.code, 'store-unreadable');
    assert.match(e.message, /A copy was saved as .*annotations\.json\.invalid-/);
    assert.match(e.message, /fix the file/);
    return true;
  });
  await assert.rejects(t.createTag({ name: 'Again' }));
  assert.equal(fs.readFileSync(storeFile(dir), 'utf8'), broken, 'the file is left exactly as the user made it');
  const backups = fs.readdirSync(path.join(dir, '.lectern')).filter((n) => n.startsWith('annotations.json.invalid-'));
  assert.equal(backups.length, 1, 'one backup per distinct content');
  assert.equal(fs.readFileSync(path.join(dir, '.lectern', backups[0]), 'utf8'), broken);

  // The user fixes it: the next change goes through on top of their file.
  fs.writeFileSync(storeFile(dir), broken.replace('"Kept",,', '"Kept"'));
  await t.createTag({ name: 'New' });
  assert.deepEqual(
    readStore(dir)
      .codebook.map((x) => x.name)
      .sort(),
    ['Kept', 'New'],
  );
  assert.equal(t.problem(), null);
});

test('a store with an invalid shape names the offending field', async (ctx) => {
  const dir = tempDirFor(ctx);
  fs.mkdirSync(path.join(dir, '.lectern'));
  const bad = JSON.stringify({
    format: 'lectern-annotations',
    version: 1,
    revision: 3,
    codebook: [],
    annotations: [{ id: 'x', type: 'Annotation', created: '', modified: '', body: [], target: { source: 'd', selector: [] } }],
  });
  fs.writeFileSync(storeFile(dir), bad);
  const t = new Tagging(dir, seedDocs());
  await t.load();
  assert.match(t.problem()!, /annotations\[0\]\.target\.selector: expected a TextQuoteSelector/);
  await assert.rejects(t.createTag({ name: 'X' }), LecternError);
  assert.equal(fs.readFileSync(storeFile(dir), 'utf8'), bad);
});

test('a store written by a newer format version is refused and left untouched (no backup)', async (ctx) => {
  const dir = tempDirFor(ctx);
  fs.mkdirSync(path.join(dir, '.lectern'));
  const newer = JSON.stringify({ format: 'lectern-annotations', version: STORE_VERSION + 1, revision: 9, codebook: [], annotations: [], futureField: true });
  fs.writeFileSync(storeFile(dir), newer);
  const t = new Tagging(dir, seedDocs());
  await assert.rejects(t.createTag({ name: 'X' }), /newer Lectern \(format version 2; this one reads up to 1\)/);
  assert.equal(fs.readFileSync(storeFile(dir), 'utf8'), newer);
  assert.deepEqual(
    fs.readdirSync(path.join(dir, '.lectern')).filter((n) => n.includes('invalid')),
    [],
  );
});

test('disk full: the change is rejected with a clear message and the previous store stays intact', async (ctx) => {
  const dir = tempDirFor(ctx);
  const good = new Tagging(dir, seedDocs());
  await good.createTag({ name: 'Before' });
  const before = fs.readFileSync(storeFile(dir), 'utf8');

  const full = new Tagging(dir, seedDocs(), {
    io: {
      // Writes part of the file, then the disk fills up, as a real ENOSPC would.
      async writeSynced(file, data) {
        fs.writeFileSync(file, data.slice(0, 10), { flag: 'wx' });
        throw errno('ENOSPC');
      },
    },
  });
  await assert.rejects(full.createTag({ name: 'After' }), (e: LecternError) => {
    assert.ok(e instanceof LecternError);
    assert.equal(e.code, 'disk-full');
    assert.match(e.message, /disk is full.*earlier tags are intact/);
    return true;
  });
  assert.equal(fs.readFileSync(storeFile(dir), 'utf8'), before);
  assert.deepEqual(
    (await full.codebook({})).map((x) => x.name),
    ['Before'],
    'memory matches disk',
  );
  assert.deepEqual(fs.readdirSync(path.join(dir, '.lectern')), ['annotations.json'], 'the partial temp file is removed');
  assert.equal((await full.history({})).canUndo, false, 'a rejected change is not in the history');
});

test('a read-only corpus folder: the change is rejected with a clear message, the store intact', async (ctx) => {
  const dir = tempDirFor(ctx);
  await new Tagging(dir, seedDocs()).createTag({ name: 'Before' });
  const before = fs.readFileSync(storeFile(dir), 'utf8');
  const lectern = path.join(dir, '.lectern');
  fs.chmodSync(lectern, 0o555);
  // Root ignores permissions: detect that and simulate the refusal the OS would give.
  let chmodStopsWrites = true;
  try {
    fs.writeFileSync(path.join(lectern, 'probe'), 'x');
    fs.unlinkSync(path.join(lectern, 'probe'));
    chmodStopsWrites = false;
  } catch {
    /* writes are refused, as for a normal user */
  }
  const io = chmodStopsWrites ? {} : { writeSynced: async () => Promise.reject(errno('EACCES')), fsyncDir: nodeIo.fsyncDir };
  const t = new Tagging(dir, seedDocs(), { io, lock: { timeoutMs: 500 } });
  try {
    await assert.rejects(t.createTag({ name: 'After' }), (e: LecternError) => {
      assert.equal(e.code, 'read-only');
      assert.match(e.message, /read-only/);
      return true;
    });
  } finally {
    fs.chmodSync(lectern, 0o755);
  }
  assert.equal(fs.readFileSync(storeFile(dir), 'utf8'), before);
});

test('two store instances in one process never overwrite each other', async (ctx) => {
  const dir = tempDirFor(ctx);
  const docs = seedDocs();
  const a = new Tagging(dir, docs);
  const b = new Tagging(dir, docs);
  await a.load();
  await b.load();
  const ta = await a.createTag({ name: 'From A' });
  const tb = await b.createTag({ name: 'From B' }); // b has not seen A's tag: it must re-read first
  assert.deepEqual(
    readStore(dir)
      .codebook.map((x) => x.name)
      .sort(),
    ['From A', 'From B'],
  );
  await assert.rejects(b.createTag({ name: 'from a' }), /already exists/, 'b checks names against the latest state');

  // Thirty different ranges: the same range twice would be one annotation, by design.
  const writes = [];
  for (let i = 0; i < 15; i++) {
    writes.push(a.tagRange({ docId: '2019-03-07-hunt', start: 2 * i, end: 2 * i + 10, tagIds: [ta.id], note: `a${i}` }));
    writes.push(b.tagRange({ docId: '2019-03-07-hunt', start: 2 * i + 1, end: 2 * i + 11, tagIds: [tb.id], note: `b${i}` }));
  }
  const views = (await Promise.all(writes)).map((w) => w.annotation);
  const disk = readStore(dir);
  assert.equal(disk.annotations.length, 30);
  assert.deepEqual(new Set(disk.annotations.map((x) => x.id)), new Set(views.map((v) => v.id)));
  assert.equal(disk.revision, 2 + 30);
  // Each instance's reads pick up the other's writes.
  assert.equal((await a.annotations({})).length, 30);
  assert.equal((await b.codebook({})).find((x) => x.name === 'From A')!.count, 15);
});

test('a valid hand edit made while Lectern runs is kept, not overwritten by the next change', async (ctx) => {
  const dir = tempDirFor(ctx);
  const t = new Tagging(dir, seedDocs());
  await t.createTag({ name: 'Original' });
  const data = readStore(dir);
  data.codebook[0].name = 'Renamed by hand'; // same revision number: only the content changed
  fs.writeFileSync(storeFile(dir), JSON.stringify(data, null, 2));
  await t.createTag({ name: 'Second' });
  assert.deepEqual(
    readStore(dir)
      .codebook.map((x) => x.name)
      .sort(),
    ['Renamed by hand', 'Second'],
  );
});

test('a lock left by a dead process is broken; a live one makes the change wait, then fail clearly', async (ctx) => {
  const dir = tempDirFor(ctx);
  fs.mkdirSync(path.join(dir, '.lectern'));
  const lock = path.join(dir, '.lectern', 'annotations.lock');
  const dead = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))']).stdout.toString();
  fs.writeFileSync(lock, JSON.stringify({ pid: Number(dead), host: os.hostname(), time: Date.now(), token: 'dead' }));
  const t = new Tagging(dir, seedDocs(), { lock: { timeoutMs: 2000 } });
  await t.createTag({ name: 'Through' });
  assert.ok(!fs.existsSync(lock));

  fs.writeFileSync(lock, JSON.stringify({ pid: process.pid, host: os.hostname(), time: Date.now(), token: 'live' }));
  const slow = new Tagging(dir, seedDocs(), { lock: { timeoutMs: 200 } });
  await assert.rejects(slow.createTag({ name: 'Blocked' }), (e: LecternError) => {
    assert.equal(e.code, 'store-locked');
    assert.match(e.message, new RegExp(`locked by process ${process.pid}`));
    return true;
  });
  fs.unlinkSync(lock);
  await slow.createTag({ name: 'Blocked' });
});
