/**
 * Formulas (issue 16, point 9): on Reagan against Obama the top aligned pairs were their
 * "God bless America" sign-offs. Wording that recurs across many documents of the corpus is left
 * out of alignment, keyness and KWIC by default, with a count; kept on request.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { compare, compareKwic } from '../../../app/core/compare/compare';
import { formulasOf } from '../../../app/core/compare/formulas';
import type { LoadedDocument } from '../../../app/core/types';
import { makeDoc } from '../../helpers/docs';
import { readSpeeches, speechDocuments } from '../../helpers/sotu';

let sotu: LoadedDocument[];
before(() => {
  sotu = speechDocuments(readSpeeches());
});

const REAGAN = 'speaker:Ronald Reagan';
const OBAMA = 'speaker:Barack Obama';
const blessed = (p: { sharedTerms: { stem: string }[] }) => p.sharedTerms.some((t) => t.stem === 'bless');

test('Reagan against Obama: sign-offs top the pairs when formulas are kept, and are gone by default, with a count', () => {
  const kept = compare(sotu, REAGAN, OBAMA, { keepFormulas: true, wholeDocuments: true });
  assert.ok(kept.pairs.slice(0, 3).every(blessed), 'the problem: the top pairs share "God bless"');
  assert.deepEqual(kept.formulas.wordsLeftOut, { left: 0, right: 0 });
  const c = compare(sotu, REAGAN, OBAMA, { wholeDocuments: true });
  assert.equal(c.formulas.kept, false);
  // The formulas are found within the 15 compared addresses (not the other 218): the sign-offs'
  // "God bless you, and God bless" runs are among them, so the sign-offs no longer hold the top three.
  assert.ok(
    !c.pairs.slice(0, 3).every(blessed),
    c.pairs
      .slice(0, 3)
      .map((p) => p.right.text.slice(0, 60))
      .join('\n'),
  );
  assert.ok(c.pairs[0].score < kept.pairs[0].score, 'the best pair is weaker without the formulas');
  assert.ok(c.formulas.wordsLeftOut.left > 0 && c.formulas.wordsLeftOut.right > 0);
  // What was left out is exactly the difference in the sides' sizes.
  assert.equal(kept.left.wordCount - c.left.wordCount, c.formulas.wordsLeftOut.left);
  assert.equal(kept.right.wordCount - c.right.wordCount, c.formulas.wordsLeftOut.right);
  assert.equal(c.formulas.minDocuments, 5, 'the 15 compared addresses: 5% is less than the minimum of 5');
});

test('a keyness cell still opens the lines it counted, formulas left out or kept', () => {
  for (const keepFormulas of [false, true]) {
    const c = compare(sotu, REAGAN, OBAMA, { keepFormulas });
    const all = [...c.distinctive.left, ...c.distinctive.right, ...c.distinctive.shared];
    const bless = all.find((k) => k.stem === 'bless');
    const kwic = compareKwic(sotu, REAGAN, OBAMA, 'bless', { keepFormulas, stem: 'bless' });
    if (bless) assert.deepEqual([kwic.totalLeft, kwic.totalRight], [bless.countLeft, bless.countRight], `keepFormulas ${keepFormulas}`);
    for (const k of all.slice(0, 5)) {
      const lines = compareKwic(sotu, REAGAN, OBAMA, k.term, { keepFormulas, stem: k.stem });
      assert.deepEqual([lines.totalLeft, lines.totalRight], [k.countLeft, k.countRight], `${k.stem}, keepFormulas ${keepFormulas}`);
    }
  }
});

test('a formula is wording in K documents or more; a small corpus has none, and one passage of it is set aside whole', () => {
  const signOff = 'Thank you. God bless you, and God bless America.';
  const topics = [
    'Farm prices fell sharply.',
    'Railways need investment.',
    'Schools teach reading.',
    'Ships patrol harbours.',
    'Courts hear appeals.',
    'Mines employ miners.',
  ];
  const docs = topics.map((t, i) => makeDoc(`d${i}`, [t, i < 5 ? signOff : 'Farewell.'], { speakers: [i < 3 ? 'Ann' : 'Bob'] }));
  const f = formulasOf(docs);
  assert.equal(f.minDocuments, 5);
  for (let i = 0; i < 5; i++) {
    const d = docs[i];
    assert.deepEqual(
      (f.spans.get(d.meta.id) ?? []).map(([s, e]) => d.text.slice(s, e)),
      ['Thank you. God bless you, and God bless America'],
      d.meta.id,
    );
  }
  assert.equal(f.spans.get('d5'), undefined);
  // Compared, the six documents are the set the formulas are found in.
  const c = compare(docs, 'speaker:Ann', 'speaker:Bob', { wholeDocuments: true });
  assert.deepEqual(c.formulas.passagesLeftOut, { left: 3, right: 2 });
  assert.equal(c.pairs.length, 0, 'the sign-offs no longer pair');
  assert.equal(c.onlyLeft.length, 3, 'a passage that is all formula is set aside, not "only on the left"');
  // Two of them alone are too few for anything to recur in five: nothing is left out.
  assert.deepEqual(compare(docs, 'd0', 'd1').formulas.passagesLeftOut, { left: 0, right: 0 });
  assert.equal(formulasOf(sotu.slice(0, 4)).spans.size, 0, 'four documents: nothing can recur in five');
});
