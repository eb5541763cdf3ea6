import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { Tagging } from '../../../app/core/annotations/tagging';
import { parseStore, type StoreData } from '../../../app/core/annotations/storeFormat';
import { tempDirFor } from '../../helpers/temp';
import { HUNT, rangeOf, seedDocs } from './helpers';

const HUNT_ID = '2019-03-07-hunt';
const onDisk = (dir: string) => parseStore(fs.readFileSync(path.join(dir, '.lectern', 'annotations.json'), 'utf8'));
/** The store's content without the revision (which every write, undo included, moves on). */
const content = (d: StoreData) => JSON.stringify({ codebook: d.codebook, annotations: d.annotations });

test('every tagging and codebook action undoes and redoes, durably, with labels', async (ctx) => {
  const dir = tempDirFor(ctx);
  const t = new Tagging(dir, seedDocs());
  assert.deepEqual(await t.history({}), { canUndo: false, canRedo: false, undoLabel: null, redoLabel: null });
  const snapshots: string[] = [JSON.stringify({ codebook: [], annotations: [] })];
  const labels: string[] = [];
  const step = async (action: () => Promise<unknown>) => {
    await action();
    snapshots.push(content(onDisk(dir)));
    labels.push((await t.history({})).undoLabel!);
  };
  let deterrence = '';
  let sanctions = '';
  let annId = '';
  await step(async () => (deterrence = (await t.createTag({ name: 'Deterrence' })).id));
  await step(async () => (sanctions = (await t.createTag({ name: 'Sanctions' })).id));
  await step(() => t.updateTag({ id: sanctions, name: 'Cyber sanctions' }));
  await step(() => t.updateTag({ id: sanctions, color: '#000000' }));
  await step(() => t.updateTag({ id: sanctions, parentId: deterrence }));
  await step(
    async () =>
      (annId = (await t.tagRange({ docId: HUNT_ID, ...rangeOf(HUNT, 'Last October, Britain helped secure a decision'), tagIds: [deterrence] })).annotation.id),
  );
  await step(() => t.tagRange({ docId: HUNT_ID, ...rangeOf(HUNT, 'Glasgow University'), tagIds: [sanctions] }));
  await step(() => t.updateAnnotation({ id: annId, tagIds: [deterrence, sanctions], note: 'memo' }));
  await step(() => t.mergeTags({ sourceId: sanctions, targetId: deterrence }));
  await step(() => t.deleteAnnotation({ id: annId }));
  await step(() => t.deleteTag({ id: deterrence }));

  assert.deepEqual(labels, [
    'Undo: create tag ‘Deterrence’',
    'Undo: create tag ‘Sanctions’',
    'Undo: rename tag ‘Sanctions’ to ‘Cyber sanctions’',
    'Undo: recolour tag ‘Cyber sanctions’',
    'Undo: move tag ‘Cyber sanctions’ under ‘Deterrence’',
    'Undo: tagged “Last October, Britain helped secure a…” with ‘Deterrence’',
    'Undo: tagged “Glasgow University” with ‘Cyber sanctions’',
    'Undo: tagged “Last October, Britain helped secure a…” with ‘Cyber sanctions’ and edited its note',
    'Undo: merge tag ‘Cyber sanctions’ into ‘Deterrence’',
    'Undo: delete tags on “Last October, Britain helped secure a…”',
    'Undo: delete tag ‘Deterrence’',
  ]);

  // Undo all the way back: after each step the file on disk is exactly the state before that action.
  for (let i = snapshots.length - 2; i >= 0; i--) {
    const h = await t.undo({});
    assert.equal(content(onDisk(dir)), snapshots[i], `undo back to step ${i}`);
    if (i > 0) assert.equal(h.undoLabel, labels[i - 1]);
  }
  const bottom = await t.history({});
  assert.equal(bottom.canUndo, false);
  assert.equal(bottom.redoLabel, 'Redo: create tag ‘Deterrence’');
  await t.undo({}); // nothing left: a no-op

  // Redo all the way forward.
  for (let i = 1; i < snapshots.length; i++) {
    await t.redo({});
    assert.equal(content(onDisk(dir)), snapshots[i], `redo to step ${i}`);
  }
  assert.equal((await t.history({})).canRedo, false);

  // A new action clears the redo stack.
  await t.undo({});
  assert.equal((await t.history({})).canRedo, true);
  await t.createTag({ name: 'Fresh' });
  assert.equal((await t.history({})).canRedo, false);
});

test('undo reaches 200 steps deep and each undo is on disk for a new instance', async (ctx) => {
  const dir = tempDirFor(ctx);
  const t = new Tagging(dir, seedDocs());
  const tag = await t.createTag({ name: 'Deep' });
  for (let i = 0; i < 200; i++) await t.tagRange({ docId: HUNT_ID, start: i, end: i + 10, tagIds: [tag.id] });
  assert.equal(onDisk(dir).annotations.length, 200);
  for (let i = 0; i < 200; i++) await t.undo({});
  assert.equal(onDisk(dir).annotations.length, 0);
  const other = new Tagging(dir, seedDocs());
  assert.equal((await other.annotations({})).length, 0);
  assert.equal((await other.codebook({})).length, 1);
  await t.undo({});
  assert.equal((await other.codebook({})).length, 0, 'the other instance sees the undo');
  for (let i = 0; i < 201; i++) await t.redo({});
  assert.equal((await other.annotations({})).length, 200);
});

test('undo applies on top of another instance’s later changes instead of discarding them', async (ctx) => {
  const dir = tempDirFor(ctx);
  const a = new Tagging(dir, seedDocs());
  const b = new Tagging(dir, seedDocs());
  await a.createTag({ name: 'Mine' });
  await b.createTag({ name: 'Theirs' });
  await a.undo({});
  assert.deepEqual(
    onDisk(dir).codebook.map((x) => x.name),
    ['Theirs'],
  );
});

test('a failed undo (disk full) stays undoable', async (ctx) => {
  const dir = tempDirFor(ctx);
  let full = false;
  const t = new Tagging(dir, seedDocs(), {
    io: {
      async writeSynced(file, data) {
        if (full) throw Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' });
        fs.writeFileSync(file, data, { flag: 'wx' });
      },
    },
  });
  await t.createTag({ name: 'X' });
  full = true;
  await assert.rejects(t.undo({}), /disk is full/);
  assert.equal((await t.history({})).undoLabel, 'Undo: create tag ‘X’');
  full = false;
  await t.undo({});
  assert.equal(onDisk(dir).codebook.length, 0);
});
