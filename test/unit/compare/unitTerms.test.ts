/**
 * Compare reads a whole passage's terms from the corpus tools' per-document cache and keeps each
 * unit's formula-free terms: the figures must be those of terms cut afresh, whatever ran before.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentTerms } from '../../../app/core/analysis/terms';
import { compare, compareKwic, resolveSides } from '../../../app/core/compare/compare';
import { unitTerms } from '../../../app/core/compare/kwic';
import { unitOf } from '../../../app/core/corpusTools/units';
import { readSpeeches, speechDocuments } from '../../helpers/sotu';
import { HUNT, seedDocuments } from './helpers';

const RAAB = 'speaker:"Dominic Raab"';

test('a whole passage takes its cached terms, a quotation part is cut from its own text; both equal terms cut afresh', async () => {
  const docs = await seedDocuments();
  const passages = resolveSides(docs, RAAB, HUNT, { wholeDocuments: true }).left.units;
  const terms = unitTerms(passages);
  assert.ok(passages.length > 3);
  passages.forEach((u, i) => {
    assert.equal(terms[i], unitOf(u.doc, u.passageId)!.terms, 'the cached object, not a copy');
    assert.deepEqual(terms[i], contentTerms(u.text, u.start));
  });
  // Runs of the speaker's own words (the default) are cut from their own text too.
  const own = resolveSides(docs, RAAB, HUNT).left.units;
  assert.ok(own.some((u) => unitOf(u.doc, u.passageId)!.passage.start !== u.start));
  unitTerms(own).forEach((t, i) => assert.deepEqual(t, contentTerms(own[i].text, own[i].start)));
  const quotes = resolveSides(docs, RAAB, HUNT, { quotesOnly: { left: true } }).left.units;
  assert.ok(quotes.length > 0 && quotes.every((u) => u.end - u.start < unitOf(u.doc, u.passageId)!.passage.text.length));
  unitTerms(quotes).forEach((t, i) => assert.deepEqual(t, contentTerms(quotes[i].text, quotes[i].start)));
});

test('on SOTU (formulas left out), a comparison and its lines are the same the first time, again and after another threshold', () => {
  // Fresh documents: nothing is cached for them yet.
  const docs = speechDocuments(readSpeeches());
  const L = 'speaker:"Ronald Reagan"';
  const R = 'speaker:"Barack Obama"';
  const without = ({ tookMs: _t, ...c }: ReturnType<typeof compare>) => c;
  const first = compare(docs, L, R);
  const term = first.distinctive.left[0];
  const lines = compareKwic(docs, L, R, term.term, { stem: term.stem });
  // What keyness counted is what KWIC finds (totals are every use, lines the first 200).
  assert.equal(lines.totalLeft, term.countLeft);
  assert.equal(lines.totalRight, term.countRight);
  assert.ok(first.formulas.wordsLeftOut.left > 0, 'SOTU has formulas on the left, so the formula-free terms are exercised');
  const lower = compare(docs, L, R, { threshold: 0.05 });
  assert.ok(lower.pairs.length > first.pairs.length);
  assert.deepEqual(without(compare(docs, L, R)), without(first));
  assert.deepEqual(compareKwic(docs, L, R, term.term, { stem: term.stem }), lines);
  // Formulas kept: the same cached terms, unfiltered, count more words than with them left out.
  const kept = compare(docs, L, R, { keepFormulas: true });
  assert.equal(kept.left.wordCount, first.left.wordCount + first.formulas.wordsLeftOut.left);
});
