import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { LecternError } from '../../../app/common/errors';
import { Tagging, NO_SPEAKER } from '../../../app/core/annotations/tagging';
import { makeDoc } from '../../helpers/docs';
import { tempDirFor } from '../../helpers/temp';
import { Docs, HUNT, RAAB, rangeOf, seedDocs, speechMeta } from './helpers';

const HUNT_ID = '2019-03-07-hunt';
const RAAB_ID = '2021-05-12-raab';
const isUserError = (pattern: RegExp) => (e: unknown) => e instanceof LecternError && pattern.test(e.message);

test('annotate: several tags and a note, quote with 32 characters of context, timestamps, random ids', async (ctx) => {
  const t = new Tagging(tempDirFor(ctx), seedDocs(), { now: () => new Date('2024-05-01T10:00:00Z') });
  const a = await t.createTag({ name: 'Deterrence' });
  const b = await t.createTag({ name: 'Sanctions' });
  const r = rangeOf(HUNT, 'impose cyber-related sanctions');
  const v = (await t.tagRange({ docId: HUNT_ID, ...r, tagIds: [a.id, b.id, a.id], note: '  a memo  ' })).annotation;
  assert.match(v.id, /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  assert.deepEqual(v.tagIds, [a.id, b.id]);
  assert.equal(v.note, 'a memo');
  assert.equal(v.quote, 'impose cyber-related sanctions');
  assert.deepEqual([v.start, v.end, v.orphan], [r.start, r.end, false]);
  assert.equal(v.created, '2024-05-01T10:00:00.000Z');
  assert.equal(v.modified, v.created);
  assert.deepEqual(v.citation, { docId: HUNT_ID, title: `Title of ${HUNT_ID}`, speakers: ['Jeremy Hunt'], date: '2019-03-07', outlet: 'Defence Online' });
  const stored = t.store.state.annotations[0].target.selector[0];
  assert.equal(stored.prefix, HUNT.slice(r.start - 32, r.start));
  assert.equal(stored.suffix, HUNT.slice(r.end, r.end + 32));
});

test('annotate and update refuse bad requests with messages', async (ctx) => {
  const t = new Tagging(tempDirFor(ctx), seedDocs());
  const tag = await t.createTag({ name: 'T' });
  await assert.rejects(t.tagRange({ docId: 'nope', start: 0, end: 3, tagIds: [tag.id] }), isUserError(/no document “nope”/));
  await assert.rejects(t.tagRange({ docId: HUNT_ID, start: 5, end: 5, tagIds: [tag.id] }), isUserError(/not a passage/));
  await assert.rejects(t.tagRange({ docId: HUNT_ID, start: 0, end: HUNT.length + 1, tagIds: [tag.id] }), isUserError(/not a passage/));
  await assert.rejects(t.tagRange({ docId: HUNT_ID, start: 0, end: 5, tagIds: [] }), isUserError(/at least one tag or write a note/));
  await assert.rejects(t.tagRange({ docId: HUNT_ID, start: 0, end: 5, tagIds: ['ghost'] }), isUserError(/no tag with id/));
  const v = (await t.tagRange({ docId: HUNT_ID, start: 0, end: 5, tagIds: [tag.id] })).annotation;
  await assert.rejects(t.updateAnnotation({ id: v.id, tagIds: [] }), isUserError(/delete the annotation/));
  await assert.rejects(t.updateAnnotation({ id: 'ghost', note: 'x' }), isUserError(/no annotation/));
  await assert.rejects(t.deleteAnnotation({ id: 'ghost' }), isUserError(/no annotation/));
  assert.equal(t.store.state.annotations.length, 1);
});

test('update and delete annotations; listing filters by document, tag and speaker', async (ctx) => {
  const t = new Tagging(tempDirFor(ctx), seedDocs());
  const x = await t.createTag({ name: 'X' });
  const y = await t.createTag({ name: 'Y' });
  const h = (await t.tagRange({ docId: HUNT_ID, ...rangeOf(HUNT, 'Glasgow University'), tagIds: [x.id] })).annotation;
  const r = (await t.tagRange({ docId: RAAB_ID, ...rangeOf(RAAB, 'international coalition'), tagIds: [y.id] })).annotation;
  const upd = await t.updateAnnotation({ id: h.id, tagIds: [x.id, y.id], note: 'both' });
  assert.deepEqual([upd.tagIds, upd.note], [[x.id, y.id], 'both']);
  assert.deepEqual(
    (await t.annotations({ docId: RAAB_ID })).map((a) => a.id),
    [r.id],
  );
  assert.deepEqual(
    (await t.annotations({ tagId: y.id })).map((a) => a.id),
    [h.id, r.id],
  );
  assert.deepEqual(
    (await t.annotations({ speaker: 'Dominic Raab' })).map((a) => a.id),
    [r.id],
  );
  assert.deepEqual(
    (await t.annotations({ speaker: 'Dominic Raab', tagId: x.id })).map((a) => a.id),
    [],
  );
  await t.deleteAnnotation({ id: r.id });
  assert.deepEqual(
    (await t.annotations({})).map((a) => a.id),
    [h.id],
  );
});

test('tag × speaker matrix counts passages per speaker under each tag', async (ctx) => {
  const docs = new Docs([...seedDocs().documents(), makeDoc('anon', 'An unattributed text about cyber deterrence.', speechMeta('anon', { speakers: [] }))]);
  const t = new Tagging(tempDirFor(ctx), docs);
  const x = await t.createTag({ name: 'X' });
  const y = await t.createTag({ name: 'Y' });
  await t.tagRange({ docId: HUNT_ID, ...rangeOf(HUNT, 'Glasgow'), tagIds: [x.id] });
  await t.tagRange({ docId: HUNT_ID, ...rangeOf(HUNT, 'Brexit'), tagIds: [x.id, y.id] });
  await t.tagRange({ docId: RAAB_ID, ...rangeOf(RAAB, 'coalition'), tagIds: [x.id] });
  await t.tagRange({ docId: 'anon', start: 3, end: 15, tagIds: [y.id] });
  const m = await t.tagMatrix({});
  assert.deepEqual(
    m.speakers,
    [NO_SPEAKER, 'Dominic Raab', 'Jeremy Hunt'].sort((a, b) => a.localeCompare(b)),
  );
  assert.deepEqual(m.counts[x.id], { 'Jeremy Hunt': 2, 'Dominic Raab': 1 });
  assert.deepEqual(m.counts[y.id], { 'Jeremy Hunt': 1, [NO_SPEAKER]: 1 });
  assert.deepEqual(
    m.tags.map((tg) => [tg.name, tg.count]),
    [
      ['X', 3],
      ['Y', 2],
    ],
  );
});

test('rangesWithTag (with sub-tags, any case) and tagsOverlapping serve search', async (ctx) => {
  const t = new Tagging(tempDirFor(ctx), seedDocs());
  const parent = await t.createTag({ name: 'Threats' });
  const child = await t.createTag({ name: 'Hostile states', parentId: parent.id });
  const other = await t.createTag({ name: 'Money' });
  const r1 = rangeOf(RAAB, 'cyber attacks by hostile states');
  const r2 = rangeOf(HUNT, 'malign cyber activity');
  const r3 = rangeOf(RAAB, '£22 million');
  await t.tagRange({ docId: RAAB_ID, ...r1, tagIds: [child.id] });
  await t.tagRange({ docId: HUNT_ID, ...r2, tagIds: [parent.id] });
  await t.tagRange({ docId: RAAB_ID, ...r3, tagIds: [other.id] });
  const ranges = t.rangesWithTag('threats')!;
  assert.deepEqual([...ranges.entries()].sort(), [
    [HUNT_ID, [[r2.start, r2.end]]],
    [RAAB_ID, [[r1.start, r1.end]]],
  ]);
  assert.deepEqual([...t.rangesWithTag('HOSTILE STATES')!.keys()], [RAAB_ID]);
  assert.equal(t.rangesWithTag('no such tag'), undefined);
  assert.deepEqual(t.tagsOverlapping(RAAB_ID, 0, RAAB.length), ['Hostile states', 'Money']);
  assert.deepEqual(t.tagsOverlapping(RAAB_ID, r1.end, r3.start), []);
  assert.deepEqual(t.tagsOverlapping(RAAB_ID, r1.end - 1, r1.end), ['Hostile states']);
});

test('after the text changes, views and search follow the passage; reanchorAll saves it; lost passages become orphans', async (ctx) => {
  const dir = tempDirFor(ctx);
  const docs = seedDocs();
  const t = new Tagging(dir, docs);
  const tag = await t.createTag({ name: 'Coalition' });
  const a = (await t.tagRange({ docId: RAAB_ID, ...rangeOf(RAAB, 'an international coalition against cybercrime'), tagIds: [tag.id] })).annotation;
  const b = (await t.tagRange({ docId: RAAB_ID, ...rangeOf(RAAB, '£22 million'), tagIds: [tag.id] })).annotation;

  const edited =
    'A new headline\n\n' +
    RAAB.replace('an international coalition against cybercrime', 'a global coalition against cybercrime').replace(
      /The UK will invest[^\n]*/,
      'Nothing about money.',
    );
  docs.setText(RAAB_ID, edited);
  const views = await t.annotations({});
  const va = views.find((v) => v.id === a.id)!;
  assert.equal(va.orphan, false);
  assert.equal(va.quote, 'a global coalition against cybercrime');
  assert.equal(edited.slice(va.start, va.end), va.quote);
  const vb = views.find((v) => v.id === b.id)!;
  assert.equal(vb.orphan, true);
  assert.equal(vb.quote, '£22 million', 'an orphan is kept and shown with its quote');
  assert.deepEqual(t.rangesWithTag('Coalition')!.get(RAAB_ID), [[va.start, va.end]]);

  await t.reanchorAll();
  assert.deepEqual(t.lastReanchor, { moved: 1, orphans: 1, problem: null });
  const reopened = new Tagging(dir, docs);
  const stored = (await reopened.annotations({})).find((v) => v.id === a.id)!;
  assert.equal(reopened.store.state.annotations.find((x) => x.id === a.id)!.target.selector[0].exact, 'a global coalition against cybercrime');
  assert.deepEqual([stored.start, stored.end], [va.start, va.end]);
  assert.equal(reopened.store.state.annotations.length, 2, 'the orphan is never dropped');
  assert.equal((await t.history({})).undoLabel, 'Undo: tagged “£22 million” with ‘Coalition’', 're-anchoring is not an undo step');

  // The passage comes back: the orphan anchors again from its stored quote.
  docs.setText(RAAB_ID, RAAB);
  assert.equal((await t.annotations({})).find((v) => v.id === b.id)!.orphan, false);

  // An annotation on a document that left the corpus is an orphan too, not an error.
  docs.remove(RAAB_ID);
  assert.ok((await t.annotations({})).every((v) => v.orphan));
  await t.reanchorAll();
  assert.equal(t.lastReanchor!.orphans, 2);
});

test('reanchorAll never throws for a store it cannot write: views stay right, the problem is reported', async (ctx) => {
  const dir = tempDirFor(ctx);
  const docs = seedDocs();
  const t = new Tagging(dir, docs);
  const tag = await t.createTag({ name: 'T' });
  await t.tagRange({ docId: RAAB_ID, ...rangeOf(RAAB, '£22 million'), tagIds: [tag.id] });
  docs.setText(RAAB_ID, 'Inserted.\n\n' + RAAB);
  const file = path.join(dir, '.lectern', 'annotations.json');
  fs.appendFileSync(file, 'garbage');
  await t.reanchorAll();
  assert.match(t.lastReanchor!.problem!, /is not valid/);
  const [v] = await t.annotations({});
  assert.equal(v.quote, '£22 million', 'the last good state is still shown, at its new place');
  assert.equal(docs.get(RAAB_ID)!.text.slice(v.start, v.end), '£22 million');
});
