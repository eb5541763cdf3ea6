/** The core's units and co-occurrence on hand-built documents: what a cell counts, and char units as segments, not characters. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { agreement } from '../../../app/core/agreement/agreement';
import { cooccurrence } from '../../../app/core/agreement/cooccurrence';
import { unitsForCode, codedDocuments, presence, spansByDocument, type CodedSpan, type UnitDocument } from '../../../app/core/agreement/units';
import { makeDoc } from '../../helpers/docs';

const unitDoc = (d: ReturnType<typeof makeDoc>): UnitDocument => ({ id: d.meta.id, length: d.text.length, passages: d.passages });
const span = (id: string, docId: string, start: number, end: number, tagIds: string[], coder = 'A'): CodedSpan => ({ id, docId, start, end, tagIds, coder });

test('overlap mode: an annotation with two codes is a pair with itself; two such annotations overlapping are one more pair; the diagonal counts annotations', () => {
  const doc = unitDoc(makeDoc('d', ['aaaa bbbb cccc', 'dddd eeee']));
  const spans = [span('x', 'd', 0, 9, ['A', 'B']), span('y', 'd', 5, 14, ['A', 'B']), span('z', 'd', 16, 20, ['B'])];
  const { counts, cells } = cooccurrence({ documents: [doc], spans, codes: ['A', 'B'] }, 'overlap');
  // A–B: x with itself, y with itself, x with y = 3. A–A: x, y. B–B: x, y, z.
  assert.deepEqual(counts, [
    [2, 3],
    [3, 3],
  ]);
  const ab = cells.find((c) => c.a === 'A' && c.b === 'B')!;
  assert.deepEqual(
    ab.places.map((p) => [p.start, p.end, p.annotationIds, p.passageId]),
    [
      [0, 9, ['x'], 'd-p0'],
      [5, 9, ['x', 'y'], 'd-p0'],
      [5, 14, ['y'], 'd-p0'],
    ],
  );
  for (const c of cells) assert.equal(c.count, c.places.length);
  // Touching is not overlapping: [0,5) and [5,9) share no character.
  const touching = cooccurrence({ documents: [doc], spans: [span('p', 'd', 0, 5, ['A']), span('q', 'd', 5, 9, ['B'])], codes: ['A', 'B'] }, 'overlap');
  assert.equal(touching.counts[0][1], 0);
});

test('passage mode: a cell counts passages holding both codes; the diagonal counts passages holding the code, so no cell exceeds its diagonals', () => {
  const doc = unitDoc(makeDoc('d', ['one two', 'three four', 'five six']));
  // A spans passages 0 and 1; B is in passage 1; C in passage 2 with A's second annotation.
  const spans = [span('a1', 'd', 0, 12, ['A']), span('b1', 'd', 9, 14, ['B']), span('a2', 'd', 21, 25, ['A']), span('c1', 'd', 21, 29, ['C'])];
  const { counts, cells } = cooccurrence({ documents: [doc], spans, codes: ['A', 'B', 'C'] }, 'passage');
  assert.deepEqual(counts, [
    [3, 1, 1],
    [1, 1, 0],
    [1, 0, 1],
  ]);
  const ac = cells.find((c) => c.a === 'A' && c.b === 'C')!;
  assert.deepEqual(ac.places, [{ docId: 'd', passageId: 'd-p2', start: 21, end: 29, annotationIds: ['a2', 'c1'] }]);
  for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) assert.ok(counts[i][j] <= Math.min(counts[i][i], counts[j][j]));
});

test('char units are segments between annotation boundaries: a 300,000-character document with 400 annotations makes at most 801 units per code', () => {
  const paragraphs = Array.from({ length: 3000 }, (_, i) => `Paragraph ${i} `.padEnd(98, 'x'));
  const doc = unitDoc(makeDoc('big', paragraphs));
  assert.ok(doc.length > 299_000);
  const spans: CodedSpan[] = [];
  for (let k = 0; k < 200; k++) {
    spans.push(span(`a${k}`, 'big', k * 1500, k * 1500 + 700, ['T'], 'A'));
    spans.push(span(`b${k}`, 'big', k * 1500 + 300, k * 1500 + 900, ['T'], 'B'));
  }
  const coders = ['A', 'B'];
  const units = unitsForCode('char', [doc], spansByDocument(spans), 'T', coders, presence([doc], coders, codedDocuments(spans)));
  assert.ok(units.length <= 801, `${units.length} units`);
  assert.equal(
    units.reduce((n, u) => n + (u.weight ?? 1), 0),
    doc.length,
  );
  // Each block: 300 A only, 400 both, 200 B only, 600 neither.
  const started = performance.now();
  const r = agreement({ documents: [doc], spans, codebook: [{ id: 'T', name: 'T' }], textOf: () => '' }, 'char');
  assert.ok(performance.now() - started < 2000);
  const both = 200 * 400;
  const oneSide = 200 * 500;
  assert.equal(Math.round(r.codes[0].measures.percentAgreement.value! * 1e6), Math.round(((doc.length - oneSide) / doc.length) * 1e6));
  assert.equal(r.codes[0].applied.A, 200 * 700);
  assert.ok(both < r.codes[0].applied.B);
});
