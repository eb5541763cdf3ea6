import assert from 'node:assert/strict';
import { test } from 'node:test';
import { CRITICAL_G2, keyTerms, logLikelihood, logRatio, ZERO_COUNT_CORRECTION } from '../../../app/core/compare/keyness';
import { BUILT_IN_STOP_WORDS } from '../../../app/core/analysis/stopList';
import { contentTerms } from '../../../app/core/analysis/terms';

test('G² and log ratio match the hand-computed values (23 of 263 words against 551 of 8870)', () => {
  // E1 = 263·574/9133 = 16.529, E2 = 8870·574/9133 = 557.471, G² = 2(23 ln(23/E1) + 551 ln(551/E2))
  assert.ok(Math.abs(logLikelihood(23, 551, 263, 8870) - 2.331) < 0.001, String(logLikelihood(23, 551, 263, 8870)));
  assert.ok(Math.abs(logRatio(23, 551, 263, 8870) - 0.493) < 0.001, String(logRatio(23, 551, 263, 8870)));
});

test('G² is symmetric in the sides and zero for equal rates', () => {
  assert.equal(logLikelihood(23, 551, 263, 8870), logLikelihood(551, 23, 8870, 263));
  assert.equal(logLikelihood(10, 20, 1000, 2000), 0);
  assert.equal(logLikelihood(0, 0, 100, 100), 0);
});

test('a count of zero counts as 0 in G² (0·ln 0 = 0) and as 0.5 in the log ratio', () => {
  // a = 0: G² = 2·b·ln(b/E2) with E2 = d·b/(c+d)
  const b = 10;
  const c = 100;
  const d = 300;
  assert.ok(Math.abs(logLikelihood(0, b, c, d) - 2 * b * Math.log((c + d) / d)) < 1e-12);
  assert.equal(ZERO_COUNT_CORRECTION, 0.5);
  assert.ok(Math.abs(logRatio(0, b, c, d) - Math.log2(0.5 / c / (b / d))) < 1e-12);
  assert.ok(Number.isFinite(logRatio(5, 0, c, d)));
});

test("keyTerms ranks each side's own terms, flags significance at 3.84 and lists the terms both use", () => {
  const left = contentTerms('Cyber attacks. Cyber attacks on elections. Cyber security matters. Gold stays.');
  const right = contentTerms('Gold and silver. Gold coins, silver coins, gold reserves. Security matters.');
  const k = keyTerms([left], [right]);
  assert.equal(k.wordsLeft, left.wordCount);
  assert.equal(k.left[0].stem, 'cyber');
  assert.equal(k.left[0].term, 'Cyber');
  assert.equal(k.left[0].countLeft, 3);
  assert.equal(k.left[0].countRight, 0);
  assert.equal(k.left[0].significant, k.left[0].g2 >= CRITICAL_G2);
  assert.ok(k.left[0].logRatio > 0);
  // Both sides have 11 running words. coin and silver (2:0, G² 2.77), then "and" and reserves (1:0,
  // G² 1.39: stop words are terms), outrank gold (3:1, G² 1.05), which the left side also uses; ties go alphabetically.
  assert.equal(k.wordsRight, 11);
  assert.deepEqual(
    k.right.slice(0, 5).map((t) => t.stem),
    ['coin', 'silver', 'and', 'reserv', 'gold'],
  );
  assert.ok(k.right[0].logRatio < 0);
  assert.ok(k.right.every((t) => t.countRight / k.wordsRight > t.countLeft / k.wordsLeft));
  assert.deepEqual(k.shared.map((t) => t.stem).sort(), ['gold', 'matter', 'secur']);
});

test('a stop list leaves out the rows of its words, and nothing else: counts, sizes and the other rows stay', () => {
  const left = contentTerms('The cyber attacks. The attacks on the elections. Making and make.');
  const right = contentTerms('Gold and silver, and the gold coins. Make, make, making.');
  const all = keyTerms([left], [right]);
  const listed = keyTerms([left], [right], 50, BUILT_IN_STOP_WORDS);
  const stems = (k: typeof all) => [...k.left, ...k.right, ...k.shared].map((t) => t.stem);
  assert.ok(stems(all).includes('the') && stems(all).includes('and'));
  // "the", "and", "on" are on the list; stem "make" goes too: its most used form ("make", 3 of its 5 uses) is on it.
  assert.deepEqual([...new Set(stems(all))].filter((s) => !stems(listed).includes(s)).sort(), ['and', 'make', 'on', 'the']);
  assert.deepEqual([listed.wordsLeft, listed.wordsRight], [all.wordsLeft, all.wordsRight]);
  const row = (k: typeof all, stem: string) => [...k.left, ...k.right].find((t) => t.stem === stem);
  assert.deepEqual(row(listed, 'gold'), row(all, 'gold'));
  // A stem whose most used form is not on the list keeps its row, with every use counted.
  const likely = keyTerms([contentTerms('Likely, likely, like.')], [contentTerms('Gold.')], 50, BUILT_IN_STOP_WORDS);
  assert.deepEqual(
    likely.left.map((t) => [t.stem, t.forms, t.countLeft]),
    [['like', ['likely', 'like'], 3]],
  );
});

test('a side with no words (only a dash): every term of the other side is its own, so the table counts what KWIC counts', () => {
  // The property test's counterexample: "vote." against "—." listed no term at all (a·d > b·c is 0 > 0 when d = 0).
  const k = keyTerms([contentTerms('vote.')], [contentTerms('—.')]);
  assert.equal(k.wordsRight, 0);
  assert.deepEqual(
    k.left.map((t) => [t.stem, t.countLeft, t.countRight]),
    [['vote', 1, 0]],
  );
  assert.deepEqual(k.right, []);
});
