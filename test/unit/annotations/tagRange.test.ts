/** One tagging gesture is one core action and one undo step; the same range is never tagged twice. */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { Tagging } from '../../../app/core/annotations/tagging';
import { tempDirFor } from '../../helpers/temp';
import { HUNT, rangeOf, seedDocs } from './helpers';

const HUNT_ID = '2019-03-07-hunt';

function fresh(t: TestContext): Tagging {
  return new Tagging(tempDirFor(t), seedDocs());
}

test('tagging with a new tag name creates the tag and the annotation in one undo step', async (t) => {
  const tagging = fresh(t);
  const r = rangeOf(HUNT, 'Glasgow University');
  const res = await tagging.tagRange({ docId: HUNT_ID, ...r, newTags: ['Elections'] });
  assert.equal(res.merged, false);
  assert.deepEqual(
    res.created.map((x) => x.name),
    ['Elections'],
  );
  assert.deepEqual(res.annotation.tagIds, [res.created[0].id]);
  assert.equal((await tagging.history({})).undoLabel, 'Undo: tagged “Glasgow University” with ‘Elections’');
  await tagging.undo({});
  assert.deepEqual(await tagging.codebook({}), [], 'the new tag goes with the one undo');
  assert.deepEqual(await tagging.annotations({}), []);
  assert.equal((await tagging.history({})).canUndo, false);
  await tagging.redo({});
  assert.deepEqual(
    (await tagging.annotations({})).map((a) => a.quote),
    ['Glasgow University'],
  );
});

test('the same range again gets the tag added to its annotation, never a twin; a name in another case is the same tag', async (t) => {
  const tagging = fresh(t);
  const r = rangeOf(HUNT, 'National Offensive Cyber Programme');
  const first = await tagging.tagRange({ docId: HUNT_ID, ...r, newTags: ['Capabilities'] });
  const second = await tagging.tagRange({ docId: HUNT_ID, ...r, newTags: ['Offence', 'capabilities'], note: 'a new unit' });
  assert.equal(second.merged, true);
  assert.equal(second.annotation.id, first.annotation.id);
  assert.deepEqual(
    second.created.map((x) => x.name),
    ['Offence'],
    '"capabilities" is the existing tag',
  );
  const all = await tagging.annotations({});
  assert.equal(all.length, 1);
  assert.equal(all[0].tagIds.length, 2);
  assert.equal(all[0].note, 'a new unit');
  assert.equal((await tagging.history({})).undoLabel, 'Undo: tagged “National Offensive Cyber Programme” with ‘Offence’ and a note');
  await tagging.undo({});
  const back = await tagging.annotations({});
  assert.deepEqual([back.length, back[0].tagIds, back[0].note], [1, [first.created[0].id], '']);
  assert.deepEqual(
    (await tagging.codebook({})).map((x) => x.name),
    ['Capabilities'],
  );
  // A range that only overlaps is a passage of its own.
  await tagging.tagRange({ docId: HUNT_ID, start: r.start, end: r.end - 6, tagIds: [first.created[0].id] });
  assert.equal((await tagging.annotations({})).length, 2);
});

test('an edit that changes nothing is no undo step; a note edit says so; a new tag name on a passage is one step', async (t) => {
  const tagging = fresh(t);
  const r = rangeOf(HUNT, 'Glasgow University');
  const { annotation } = await tagging.tagRange({ docId: HUNT_ID, ...r, newTags: ['Place'], note: 'memo' });
  const before = await tagging.history({});
  await tagging.updateAnnotation({ id: annotation.id, note: ' memo ' });
  assert.deepEqual(await tagging.history({}), before, 'saving the same note again (Ctrl+Enter, then the blur) adds no step');
  await tagging.updateAnnotation({ id: annotation.id, note: 'changed' });
  assert.equal((await tagging.history({})).undoLabel, 'Undo: edited note on “Glasgow University”');
  await tagging.updateAnnotation({ id: annotation.id, newTags: ['Universities'] });
  assert.equal((await tagging.history({})).undoLabel, 'Undo: tagged “Glasgow University” with ‘Universities’');
  await tagging.undo({});
  assert.deepEqual(
    (await tagging.codebook({})).map((x) => x.name),
    ['Place'],
    'the tag created by the edit goes with its undo',
  );
  await tagging.undo({});
  assert.equal((await tagging.annotations({}))[0].note, 'memo');
});
