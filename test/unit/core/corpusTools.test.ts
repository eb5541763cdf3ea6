/**
 * The corpus tools (issue 16, points 4, 5, 7): each measure against a corpus small enough to work
 * by hand (the working is in the comments), and the tools' counts against each other on SOTU.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { logDice, logLikelihood, mutualInformation, tScore } from '../../../app/core/corpusTools/association';
import { collocates } from '../../../app/core/corpusTools/collocates';
import { concordance } from '../../../app/core/corpusTools/concordance';
import { subcorpusKeyness } from '../../../app/core/corpusTools/keyness';
import { ngrams } from '../../../app/core/corpusTools/ngrams';
import { compare } from '../../../app/core/compare/compare';
import { trend } from '../../../app/core/corpusTools/trend';
import { wordList } from '../../../app/core/corpusTools/wordList';
import { makeSearchIndex } from '../../../app/core/searchIndex';
import { makeDoc } from '../../helpers/docs';
import { speechDocuments, speechesBetween } from '../../helpers/sotu';
import { runCli } from '../../helpers/runCli';

// Passage A: alpha beta gamma alpha beta (5 running words); passage B: beta delta gamma delta (4). N = 9.
const A = makeDoc('a', ['alpha beta gamma alpha beta'], { date: '2000', speakers: ['Ann'], attributes: { party: 'Blue' } });
const B = makeDoc('b', ['beta delta gamma delta'], { date: '2001', speakers: ['Bob'], attributes: { party: 'Red' } });
const near = (actual: number, expected: number, what: string) => assert.ok(Math.abs(actual - expected) < 5e-4, `${what}: ${actual} ≠ ${expected}`);

test('collocates of alpha, window ±1, worked by hand: O11, R1, E11 and all four measures', () => {
  const r = collocates([A, B], 'alpha', { window: 1, minFrequency: 1, measure: 'logdice' });
  // alpha is at positions 0 and 3 of A; the windows cover {1} and {2, 4}: R1 = 3 running words.
  assert.deepEqual([r.nodeFrequency, r.windowWords, r.words], [2, 3, 9]);
  const beta = r.rows.find((x) => x.term === 'beta')!;
  const gamma = r.rows.find((x) => x.term === 'gamma')!;
  assert.deepEqual([beta.together, beta.frequency, gamma.together, gamma.frequency], [2, 3, 1, 2]);
  assert.equal(
    r.rows.find((x) => x.term === 'delta'),
    undefined,
    'never within a window',
  );
  // beta: E11 = R1·C1/N = 3·3/9 = 1. MI = log2(2/1) = 1. t = (2 − 1)/√2 = 0.70711.
  // log-Dice = 14 + log2(2·2/(2 + 3)) = 14 + log2(0.8) = 13.67807.
  // G²: O = [2, 1; 1, 5], E = [1, 2; 2, 4]: 2·(2 ln 2 + ln ½ + ln ½ + 5 ln 1.25) = 2.23144.
  near(beta.mi, 1, 'MI');
  near(beta.t, 0.70711, 't');
  near(beta.logDice, 13.67807, 'log-Dice');
  near(beta.g2, 2.23144, 'G²');
  // gamma: E11 = 3·2/9 = 0.66667. MI = log2(1.5) = 0.58496. t = (1 − 0.66667)/1 = 0.33333.
  // log-Dice = 14 + log2(2/(2 + 2)) = 13. G²: O = [1, 2; 1, 5], E = [0.667, 2.333; 1.333, 4.667]: 0.30889.
  near(gamma.mi, 0.58496, 'MI');
  near(gamma.t, 0.33333, 't');
  near(gamma.logDice, 13, 'log-Dice');
  near(gamma.g2, 0.30889, 'G²');
  assert.deepEqual(
    r.rows.map((x) => x.term),
    ['beta', 'gamma'],
    'ranked by log-Dice',
  );
  // The measures alone, on a table from the literature's usual example shape: fewer together than expected is negative.
  const c = { o11: 1, r1: 10, c1: 10, n: 50, nodeFrequency: 5 };
  assert.ok(mutualInformation(c) < 0 && tScore(c) < 0 && logLikelihood(c) < 0);
  near(logDice(c), 14 + Math.log2(2 / 15), 'log-Dice');
});

test('word list, n-grams and trend, worked by hand', () => {
  const words = wordList([A, B]);
  assert.equal(words.words, 9);
  assert.deepEqual(
    words.rows.map((r) => [r.term, r.frequency, r.documents]),
    [
      ['beta', 3, 2],
      ['alpha', 2, 1],
      ['delta', 2, 1],
      ['gamma', 2, 2],
    ],
  );
  near(words.rows[0].perMillion, 333333.33, 'beta per million (3 of 9 words)');
  // Bigrams: A has alpha beta, beta gamma, gamma alpha, alpha beta; B has beta delta, delta gamma, gamma delta.
  const bi = ngrams([A, B], 2, { minFrequency: 2 });
  assert.equal(bi.total, 7);
  assert.deepEqual(bi.rows, [{ ngram: 'alpha beta', phrase: 'alpha beta', frequency: 2, documents: 1 }]);
  assert.equal(ngrams([A, B], 2, { minFrequency: 1 }).rows.length, 6);
  assert.throws(() => ngrams([A, B], 6), /2 to 5 words/);
  // beta: 2 of 5 words in 2000, 1 of 4 in 2001.
  const t = trend([A, B], ['beta', 'gamma'], 'year');
  assert.deepEqual(
    t.groups.map((g) => [g.key, g.words, g.counts, g.perMillion]),
    [
      ['2000', 5, [2, 1], [400000, 200000]],
      ['2001', 4, [1, 1], [250000, 250000]],
    ],
  );
  assert.deepEqual(
    trend([A, B], ['beta'], 'party').groups.map((g) => g.key),
    ['Blue', 'Red'],
  );
  assert.throws(() => trend([A, B], ['beta'], 'colour'), /No document has the field "colour"/);
});

test('concordance lines sorted by the words left and right of the keyword, then by document and place', () => {
  const index = makeSearchIndex([A, B]);
  const order = (sort: 'L1' | 'R1' | 'doc') => concordance(index, 'beta', { sort }).lines.map((l) => `${l.docId}@${l.start}`);
  // beta is at A 6 (after alpha, before gamma), A 23 (after alpha, at the end) and B 0 (first, before delta).
  assert.deepEqual(order('doc'), ['a@6', 'a@23', 'b@0']);
  assert.deepEqual(order('L1'), ['b@0', 'a@6', 'a@23'], 'nothing left of B’s first sorts first, then alpha, alpha');
  assert.deepEqual(order('R1'), ['a@23', 'b@0', 'a@6'], 'nothing, delta, gamma');
  const line = concordance(index, 'beta', { sort: 'doc' }).lines[0];
  assert.deepEqual([line.before, line.keyword, line.after], ['alpha ', 'beta', ' gamma alpha beta']);
  assert.match(concordance(index, 'beta year:20x').error ?? '', /year/);
});

test('on SOTU, a term’s concordance has as many lines as its word-list frequency, and the CLI’s JSON is the service’s', async () => {
  const docs = speechDocuments(speechesBetween(1990, 2009));
  const index = makeSearchIndex(docs);
  const rows = new Map(wordList(docs, { unit: 'stem' }).rows.map((r) => [r.term, r]));
  for (const [query, stem] of [
    ['war', 'war'],
    ['economy', 'economi'],
    ['children', 'children'],
  ]) {
    const lines = concordance(index, query).lines;
    assert.equal(lines.length, rows.get(stem)!.frequency, query);
    assert.equal(new Set(lines.map((l) => l.docId)).size, rows.get(stem)!.documents, `${query}: documents`);
  }
  const trendByYear = trend(docs, ['war'], 'year');
  assert.equal(
    trendByYear.groups.reduce((n, g) => n + g.counts[0], 0),
    rows.get('war')!.frequency,
    'the trend adds up to the word list',
  );
  // The CLI on the shipped corpus: its --json is the service's answer.
  const cli = await runCli('words', '--json', '--limit', '5');
  assert.equal(cli.code, 0, cli.err);
  const res = JSON.parse(cli.out) as { rows: { term: string; frequency: number }[]; words: number; unit: string };
  assert.equal(res.rows.length, 5);
  assert.equal(res.unit, 'form');
  for (const row of res.rows) {
    const kwic = JSON.parse((await runCli('kwic', '--json', '--unit', 'form', `"${row.term}"`)).out) as { total: number };
    assert.equal(kwic.total, row.frequency, `"${row.term}" has as many KWIC lines as its count`);
  }
});

test('subcorpus keyness: against the rest of the corpus by default, the same G² as Compare gives the two sides', () => {
  const docs = speechDocuments(speechesBetween(1980, 2009));
  const r = subcorpusKeyness(docs, 'year:1980..1989', '', { unit: 'stem' });
  assert.equal(r.targetDocuments + r.referenceDocuments, docs.length);
  const c = compare(docs, 'year:1980..1989', 'year:1990..2009');
  assert.equal(r.targetWords, c.left.wordCount, 'formulas left out alike');
  const fromCompare = new Map(c.distinctive.left.map((k) => [k.stem, k.g2]));
  for (const k of r.over.slice(0, 10)) if (fromCompare.has(k.stem)) near(k.g2, fromCompare.get(k.stem)!, k.stem);
  assert.throws(() => subcorpusKeyness(docs, 'year:1980..1989', 'year:1985..1995'), /share documents/);
  assert.throws(() => subcorpusKeyness(docs, 'year:1900..2100'), /the whole corpus/);
});
