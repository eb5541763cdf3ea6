/**
 * The corpus tools count the text's running words, on the corpus that showed they did not (all 233
 * State of the Union addresses): stop words counted and found, forms shown as written, "U.S." one
 * word, n-gram rows that open their own count, keyness that depends only on what is compared. Each
 * figure is checked against a count made here with a regular expression over the raw texts.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { collocates } from '../../../app/core/corpusTools/collocates';
import { concordance } from '../../../app/core/corpusTools/concordance';
import { subcorpusKeyness } from '../../../app/core/corpusTools/keyness';
import { ngrams } from '../../../app/core/corpusTools/ngrams';
import { wordList } from '../../../app/core/corpusTools/wordList';
import { makeSearchIndex, type SearchIndex } from '../../../app/core/searchIndex';
import { DEFAULT_CONFIG } from '../../../app/core/cleaning';
import { buildDocument } from '../../../app/core/document';
import type { LoadedDocument } from '../../../app/core/types';
import { readSpeeches, speechDocuments, speechFile, speechId } from '../../helpers/sotu';

let docs: LoadedDocument[];
let index: SearchIndex;
before(() => {
  docs = speechDocuments(readSpeeches());
  index = makeSearchIndex(docs);
});

/** Matches of a regular expression over every document's cleaned text. */
const countIn = (re: RegExp) => docs.reduce((n, d) => n + (d.text.match(re)?.length ?? 0), 0);
/**
 * A whole word by the README's rule: not inside a longer word (an apostrophe joins letters, a
 * trailing one does not), nor after "X." (a dotted abbreviation's letter); case as given.
 */
const word = (w: string, flags = 'gu') =>
  new RegExp(`(?<![\\p{L}\\p{N}]|[\\p{L}\\p{N}]['’]|(?<!\\p{L})\\p{L}\\.)${w.replace(/\./g, '\\.')}(?![\\p{L}\\p{N}]|['’][\\p{L}\\p{N}])`, flags);

test('stop words are counted and found: "must" has its 3,299 lines, the word list its "the", "will", "say"', () => {
  const must = countIn(word('must', 'giu'));
  assert.equal(must, 3299, 'the issue’s figure, counted over the texts');
  assert.equal(concordance(index, 'must').total, must);
  assert.equal(concordance(index, '"must"').total, must);
  const lower = new Map(wordList(docs, { unit: 'lower' }).rows.map((r) => [r.term, r.frequency]));
  for (const w of ['the', 'will', 'must', 'say', 'said', 'says', 'wants']) assert.equal(lower.get(w), countIn(word(w, 'giu')), w);
  // The stem row adds up every form of its stem, stop-word forms included.
  const stems = new Map(wordList(docs, { unit: 'stem' }).rows.map((r) => [r.term, r]));
  const want = stems.get('want')!;
  assert.deepEqual(
    want.forms
      .slice(0, 3)
      .map((f) => f.toLowerCase())
      .sort(),
    ['want', 'wanted', 'wants'],
  );
  assert.equal(
    want.frequency,
    ['want', 'wants', 'wanted', 'wanting'].reduce((n, f) => n + (lower.get(f) ?? 0), 0),
  );
  // Every running word is counted: the word list adds up to the running words.
  const all = wordList(docs);
  assert.equal(
    all.rows.reduce((n, r) => n + r.frequency, 0),
    all.words,
  );
  assert.equal(
    all.words,
    docs.reduce((n, d) => n + d.wordCount, 0),
  );
});

test('forms are shown as written and "U.S." is one word: no "U" and "S", no hits inside U.S.S.R. or U.S.A.', () => {
  const forms = new Map(wordList(docs).rows.map((r) => [r.term, r.frequency]));
  // A possessive is part of its word ("U.S.S.R.'s" is not the word "U.S.S.R.").
  const usAlone = countIn(/(?<![\p{L}.])U\.S\.(?![\p{L}]|['’]s)/gu);
  assert.equal(forms.get('U.S.'), usAlone);
  assert.equal(concordance(index, '"U.S."').total, usAlone);
  assert.equal(concordance(index, '"U.S.S.R."').total, countIn(/(?<![\p{L}.])U\.S\.S\.R\.(?![\p{L}]|['’]s)/gu));
  // "United" is United, not units and unite; "States" is not "stated".
  assert.equal(forms.get('United'), countIn(word('United')));
  assert.equal(forms.get('States'), countIn(word('States')));
  // A capital S standing alone is never the S of "U.S.".
  const s = concordance(index, '"S"', { unit: 'form' });
  assert.equal(s.total, forms.get('S') ?? 0);
  assert.ok(
    s.lines.every((l) => !/U\.$/.test(l.before)),
    'no S after "U."',
  );
  // Collocates name words, not stems ("liberti").
  const co = collocates(docs, 'liberty', { unit: 'stem' });
  assert.ok(co.rows.length > 0);
  assert.ok(!co.rows.some((r) => r.term === 'liberti'), 'the node is not among its collocates');
  const keys = subcorpusKeyness(docs, 'year:1980..1989', 'year:2010..2018', {});
  for (const k of [...keys.over, ...keys.under].slice(0, 40)) assert.ok(!['u', 's'].includes(k.term.toLowerCase()), `${k.term} is no word`);
});

test('every n-gram row opens a concordance with exactly its count (none crosses punctuation or a sentence end)', () => {
  const tri = ngrams(docs, 3, { limit: 60 });
  const four = ngrams(docs, 4, { limit: 30, unit: 'lower' });
  for (const [rows, unit] of [
    [tri.rows, 'form'],
    [four.rows, 'lower'],
  ] as const)
    for (const r of rows) assert.equal(concordance(index, `"${r.phrase}"`, { unit }).total, r.frequency, r.ngram);
  const tsa = ngrams(docs, 4, { unit: 'lower', minFrequency: 1, limit: 100000 }).rows.find((r) => r.ngram === 'the united states and')!;
  assert.equal(concordance(index, '"the united states and"').total, tsa.frequency);
  // "progress. The" is no n-gram: a sentence ends between them.
  const progressThe = ngrams(docs, 2, { unit: 'lower', minFrequency: 1, limit: 1_000_000 }).rows.find((r) => r.ngram === 'progress the');
  assert.equal(progressThe?.frequency ?? 0, concordance(index, '"progress the"').total);
  assert.equal(progressThe?.frequency ?? 0, countIn(/(?<![\p{L}])progress[ \t\n-]+the(?![\p{L}])/giu));
});

test('keyness depends only on the two sides: twelve copies of an 1850 address change nothing, and rows say what formulas left out', () => {
  const base = subcorpusKeyness(docs, 'year:1980..1989', 'year:2010..2018', { limit: 2000 });
  const s1850 = readSpeeches().find((s) => s.year === 1850)!;
  const copies = Array.from({ length: 12 }, (_, k) => buildDocument(speechFile(s1850, speechId(s1850, k + 1)), DEFAULT_CONFIG).document);
  const more = subcorpusKeyness([...docs, ...copies], 'year:1980..1989', 'year:2010..2018', { limit: 2000 });
  assert.deepEqual(more, base);
  assert.ok(base.formulaWords[0] + base.formulaWords[1] > 0, 'the sides share formulas (greetings, sign-offs)');
  const withFormulas = [...base.over, ...base.under].filter((k) => k.inFormulas);
  assert.ok(withFormulas.length > 0);
  // A row's uses plus those left out are its uses in the two sides.
  const both = docs.filter((d) => /^(198\d|201\d)/.test(d.meta.date));
  const kept = subcorpusKeyness(docs, 'year:1980..1989', 'year:2010..2018', { limit: 2000, keepFormulas: true });
  const keptRow = new Map([...kept.over, ...kept.under].map((k) => [k.stem, k]));
  for (const k of withFormulas.slice(0, 20)) {
    const all = keptRow.get(k.stem);
    if (!all) continue;
    assert.equal(k.countLeft + k.inFormulas![0], all.countLeft, k.stem);
    assert.equal(k.countRight + k.inFormulas![1], all.countRight, k.stem);
  }
  assert.ok(both.length > 0);
});
