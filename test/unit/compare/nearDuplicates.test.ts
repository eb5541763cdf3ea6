import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fingerprint, nearDuplicates, sameEvent, similarTo } from '../../../app/core/compare/nearDuplicates';
import { makeDoc } from '../../helpers/docs';
import { byId, HUNT, RAAB_AP, RAAB_WEB, seedDocuments } from './helpers';

test("seed corpus: the two Raab reports are one group of near-duplicates; Hunt's report is in none", async () => {
  const docs = await seedDocuments();
  const { pairs, groups } = nearDuplicates(docs);
  assert.equal(groups.length, 1);
  assert.deepEqual(groups[0].documentIds, [RAAB_AP, RAAB_WEB]);
  assert.equal(pairs.length, 1);
  assert.equal(pairs[0].reason, 'event');
  assert.ok(pairs[0].similarity > 0 && pairs[0].similarity <= 1);
  assert.ok(!pairs.some((p) => p.a === HUNT || p.b === HUNT));
  assert.deepEqual(similarTo(pairs).get(RAAB_WEB), [{ id: RAAB_AP, similarity: pairs[0].similarity }]);
  assert.equal(similarTo(pairs).get(HUNT), undefined);
});

test("seed corpus: the Raab reports share an event (speaker and date); Hunt's report does not", async () => {
  const docs = await seedDocuments();
  const hunt = byId(docs, HUNT);
  const raab = byId(docs, RAAB_AP);
  assert.equal(sameEvent(raab, byId(docs, RAAB_WEB)), true);
  assert.equal(sameEvent(hunt, raab), false);
});

test('fingerprints are deterministic: the same text gives the same signature on every run', async () => {
  const doc = byId(await seedDocuments(), RAAB_AP);
  assert.deepEqual(fingerprint(doc).signature, fingerprint({ ...doc }).signature);
});

test('a copy of most of a report is found by its wording alone, without front matter', async () => {
  const docs = await seedDocuments();
  const ap = byId(docs, RAAB_AP);
  const copy = makeDoc(
    'syndicated-copy',
    ap.passages.slice(0, 10).map((p) => p.text),
  );
  const { pairs } = nearDuplicates([...docs, copy]);
  const found = pairs.find((p) => p.b === 'syndicated-copy' || p.a === 'syndicated-copy');
  assert.ok(found);
  assert.equal(found.reason, 'text');
  assert.ok(found.textContainment >= 0.5);
  assert.ok(pairs.filter((p) => p.a === 'syndicated-copy' || p.b === 'syndicated-copy').length === 1);
});

test('same speaker and date but different events, or unrelated subjects, are not the same event', () => {
  const text = ['The budget will cut taxes on bread and milk for every family this winter.'];
  const a = makeDoc('a', text, { speakers: ['Ann Lee'], date: '2020-01-01', event: 'Budget speech' });
  const b = makeDoc('b', ['Our football team won the regional cup after a long season of training.'], {
    speakers: ['Ann Lee'],
    date: '2020-01-01',
    event: 'Budget speech',
  });
  const c = makeDoc(
    'c',
    text.map((t) => t.replace('winter', 'spring')),
    { speakers: ['Ann Lee'], date: '2020-01-01', event: 'Press conference' },
  );
  assert.equal(sameEvent(a, c), false);
  const { pairs } = nearDuplicates([a, b]);
  assert.deepEqual(pairs, []);
});

test('documents without text are skipped, not compared', () => {
  assert.deepEqual(nearDuplicates([makeDoc('empty', []), makeDoc('x', ['Some words here.'])]).groups, []);
});
