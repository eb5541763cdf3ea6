import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { LecternError } from '../../../app/common/errors';
import { PALETTE } from '../../../app/core/annotations/codebook';
import { Tagging } from '../../../app/core/annotations/tagging';
import { tempDirFor } from '../../helpers/temp';
import { HUNT, RAAB, rangeOf, seedDocs } from './helpers';

const fresh = (ctx: TestContext) => new Tagging(tempDirFor(ctx), seedDocs());
const isUserError = (pattern: RegExp) => (e: unknown) => e instanceof LecternError && pattern.test(e.message);

test('create: names are trimmed, colours default to distinct palette colours', async (ctx) => {
  const t = fresh(ctx);
  const a = await t.createTag({ name: '  Deterrence  ', description: 'Threat of response' });
  const b = await t.createTag({ name: 'Sanctions' });
  assert.equal(a.name, 'Deterrence');
  assert.equal(a.description, 'Threat of response');
  assert.equal(a.color, PALETTE[0]);
  assert.equal(b.color, PALETTE[1]);
  assert.equal(a.count, 0);
  assert.equal(a.parentId, null);
  const c = await t.createTag({ name: 'Red', color: '#F00' });
  assert.equal(c.color, '#ff0000');
});

test('create: an empty or duplicate name (any case, anywhere in the hierarchy) is refused with a message', async (ctx) => {
  const t = fresh(ctx);
  const parent = await t.createTag({ name: 'Threats' });
  await assert.rejects(t.createTag({ name: '   ' }), isUserError(/needs a name/));
  await assert.rejects(t.createTag({ name: 'threats' }), isUserError(/already exists \(as “Threats”\)/));
  await assert.rejects(t.createTag({ name: 'THREATS', parentId: parent.id }), isUserError(/already exists/));
  await assert.rejects(t.createTag({ name: 'X', color: 'blue' }), isUserError(/not a colour/));
  await assert.rejects(t.createTag({ name: 'X', parentId: 'nope' }), isUserError(/no tag with id/));
  assert.equal((await t.codebook({})).length, 1);
});

test('update: rename, recolour, describe and re-parent; cycles and duplicate renames are refused', async (ctx) => {
  const t = fresh(ctx);
  const a = await t.createTag({ name: 'A' });
  const b = await t.createTag({ name: 'B', parentId: a.id });
  const c = await t.createTag({ name: 'C', parentId: b.id });
  const renamed = await t.updateTag({ id: a.id, name: 'Alpha', color: '#123456', description: 'first' });
  assert.deepEqual([renamed.name, renamed.color, renamed.description], ['Alpha', '#123456', 'first']);
  await assert.rejects(t.updateTag({ id: a.id, parentId: c.id }), isUserError(/inside the tag being moved/));
  await assert.rejects(t.updateTag({ id: a.id, parentId: a.id }), isUserError(/inside the tag being moved/));
  await assert.rejects(t.updateTag({ id: c.id, name: 'alpha' }), isUserError(/already exists/));
  const moved = await t.updateTag({ id: c.id, parentId: null });
  assert.equal(moved.parentId, null);
  assert.equal((await t.updateTag({ id: b.id, name: 'B' })).name, 'B', 'renaming to its own name is fine');
  assert.deepEqual(
    (await t.codebook({})).map((x) => x.name),
    ['Alpha', 'B', 'C'],
    'depth-first, siblings by name',
  );
});

test('merge: passages move to the survivor without duplicate tags; sub-tags follow', async (ctx) => {
  const t = fresh(ctx);
  const src = await t.createTag({ name: 'Cyber attacks' });
  const dst = await t.createTag({ name: 'Attacks' });
  const child = await t.createTag({ name: 'Ransomware', parentId: src.id });
  const r1 = rangeOf(HUNT, 'malign cyber activity');
  const r2 = rangeOf(RAAB, 'cyber attacks by hostile states');
  const both = (await t.tagRange({ docId: '2019-03-07-hunt', ...r1, tagIds: [src.id, dst.id] })).annotation;
  await t.tagRange({ docId: '2021-05-12-raab', ...r2, tagIds: [src.id] });
  const survivor = await t.mergeTags({ sourceId: src.id, targetId: dst.id });
  assert.equal(survivor.id, dst.id);
  assert.equal(survivor.count, 2);
  const tags = await t.codebook({});
  assert.ok(!tags.some((x) => x.id === src.id));
  assert.equal(tags.find((x) => x.id === child.id)!.parentId, dst.id);
  const merged = (await t.annotations({})).find((a) => a.id === both.id)!;
  assert.deepEqual(merged.tagIds, [dst.id], 'no duplicate tag id on one annotation');
  await assert.rejects(t.mergeTags({ sourceId: dst.id, targetId: dst.id }), isUserError(/into itself/));
});

test('merge: a parent merged into its own child leaves no cycle', async (ctx) => {
  const t = fresh(ctx);
  const p = await t.createTag({ name: 'P' });
  const k = await t.createTag({ name: 'K', parentId: p.id });
  const s = await t.createTag({ name: 'S', parentId: p.id });
  await t.mergeTags({ sourceId: p.id, targetId: k.id });
  const tags = await t.codebook({});
  assert.equal(tags.find((x) => x.id === k.id)!.parentId, null);
  assert.equal(tags.find((x) => x.id === s.id)!.parentId, k.id);
});

test('delete: reports how many passages carried it; bare annotations go, noted ones stay', async (ctx) => {
  const t = fresh(ctx);
  const gone = await t.createTag({ name: 'Gone' });
  const other = await t.createTag({ name: 'Other' });
  const child = await t.createTag({ name: 'Child', parentId: gone.id });
  const onlyTag = (await t.tagRange({ docId: '2019-03-07-hunt', ...rangeOf(HUNT, 'Glasgow University'), tagIds: [gone.id] })).annotation;
  const withNote = (await t.tagRange({ docId: '2019-03-07-hunt', ...rangeOf(HUNT, 'Last October'), tagIds: [gone.id], note: 'keep me' })).annotation;
  const withOther = (await t.tagRange({ docId: '2019-03-07-hunt', ...rangeOf(HUNT, 'Brexit'), tagIds: [gone.id, other.id] })).annotation;
  assert.equal((await t.codebook({})).find((x) => x.id === gone.id)!.count, 3, 'the count the UI shows before asking');
  const res = await t.deleteTag({ id: gone.id });
  assert.deepEqual(res, { deleted: gone.id, annotationsAffected: 3 });
  const left = await t.annotations({});
  assert.deepEqual(left.map((a) => a.id).sort(), [withNote.id, withOther.id].sort());
  assert.ok(!left.some((a) => a.id === onlyTag.id));
  assert.deepEqual(left.find((a) => a.id === withOther.id)!.tagIds, [other.id]);
  assert.equal((await t.codebook({})).find((x) => x.id === child.id)!.parentId, null, 'sub-tags move up');
  await assert.rejects(t.deleteTag({ id: gone.id }), isUserError(/no tag with id/));
});
