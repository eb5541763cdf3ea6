/**
 * Search totals are exact and count every match, not the page returned: documents with a matched
 * passage, passages, hits (highlighted words or phrases) and documents matched by their title alone,
 * each checked against a count written from the rule — a plain regular expression over the corpus
 * files — on the State of the Union addresses and on a generated corpus; and `offset` pages through
 * the whole ranking.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadCorpus } from '../../../app/core/corpus';
import { buildIndex } from '../../../app/core/indexing/buildIndex';
import { search } from '../../../app/core/search';
import { makeSearchIndex, type SearchIndex } from '../../../app/core/searchIndex';
import type { LoadedDocument } from '../../../app/core/types';
import { describeTotals } from '../../../app/common/searchTotals';
import { lanternFiles, lanternTotalsByScan } from '../../helpers/lanternCorpus';
import { readSpeeches, speechDocuments, type Speech } from '../../helpers/sotu';
import { withCorpus } from '../../helpers/temp';

let speeches: Speech[];
let docs: LoadedDocument[];
let index: SearchIndex;
before(async () => {
  speeches = readSpeeches();
  docs = speechDocuments(speeches);
  index = makeSearchIndex(docs, (await buildIndex(docs, { workers: 0 })).index);
});

/** Occurrences of `re` (global) in a text. */
const occurrences = (text: string, re: RegExp) => (text.match(re) ?? []).length;

/**
 * The scan: documents whose address (the dataset's own text) has the word, passages (the units
 * Lectern cuts, read as plain text) that have it, and its occurrences in the addresses.
 */
function scan(re: RegExp) {
  return {
    documents: speeches.filter((s) => occurrences(s.text, re) > 0).length,
    passages: docs.reduce((n, d) => n + d.passages.filter((p) => occurrences(p.text, re) > 0).length, 0),
    hits: speeches.reduce((n, s) => n + occurrences(s.text, re), 0),
  };
}

test('liberty on SOTU: 157 documents, every passage and hit counted, though 50 documents and 3 passages each are returned', () => {
  // liberty and liberties: the forms whose stem is "liberti".
  const expected = scan(/\blibert(?:y|ies)\b/gi);
  assert.deepEqual(expected, { documents: 157, passages: 359, hits: 381 }, 'the fixture');
  const res = search(index, 'liberty');
  assert.equal(res.error, null);
  assert.deepEqual(res.totals, { ...expected, hitsExact: true, titleOnly: 0 });
  assert.equal(res.documents.length, 50);
  assert.ok(res.documents.every((d) => d.passages.length <= 3));
  assert.equal(describeTotals(res.totals), '157 documents · 359 passages · 381 hits');
  // The totals are what the pages add up to: every document's passageTotal, the hits of all its passages.
  const all = search(index, 'liberty', { limit: 1000, passagesPerDocument: 1000 });
  assert.equal(
    all.documents.reduce((n, d) => n + d.passageTotal, 0),
    expected.passages,
  );
  assert.equal(
    all.documents.reduce((n, d) => n + d.passages.reduce((m, p) => m + p.highlights.length, 0), 0),
    expected.hits,
  );
});

test('a phrase: its occurrences are its hits ("public debt")', () => {
  // The phrase rule: its words in a row with white space or a hyphen between ("public-debt", 1946).
  const expected = scan(/\bpublic[\s-]+debt\b/gi);
  assert.ok(expected.hits > expected.passages, 'the fixture has passages with the phrase twice');
  assert.deepEqual(search(index, '"public debt"').totals, { ...expected, hitsExact: true, titleOnly: 0 });
});

test('union on SOTU: the addresses that say it only in their title ("State of the Union 1790") are counted apart', () => {
  // union, unions, unionism, unionize, unionized: the forms whose stem is "union".
  const re = /\bunion(?:s|ism|ize|ized)?\b/gi;
  const expected = scan(re);
  const res = search(index, 'union');
  assert.deepEqual(res.totals, { ...expected, hitsExact: true, titleOnly: speeches.length - expected.documents });
  assert.ok(res.totals.titleOnly > 0, 'the fixture has addresses without the word');
  // Title-only documents are listed (ranked with the others), with no passages.
  const listed = search(index, 'union', { limit: 1000 }).documents;
  assert.equal(listed.length, speeches.length);
  assert.equal(listed.filter((d) => d.passageTotal === 0).length, res.totals.titleOnly);
});

test('a query of metadata filters alone counts documents, not passages or hits', () => {
  const lincoln = speeches.filter((s) => s.name === 'Abraham Lincoln').length;
  assert.deepEqual(search(index, 'speaker:lincoln').totals, { documents: lincoln, passages: 0, hits: 0, hitsExact: true, titleOnly: 0 });
});

test('offset pages through the whole ranking: the same totals on every page, each document once', () => {
  const whole = search(index, 'liberty', { limit: 1000 });
  const paged: string[] = [];
  for (let offset = 0; offset < 200; offset += 50) {
    const page = search(index, 'liberty', { offset });
    assert.equal(page.offset, offset);
    assert.deepEqual(page.totals, whole.totals);
    paged.push(...page.documents.map((d) => d.id));
  }
  assert.deepEqual(
    paged,
    whole.documents.map((d) => d.id),
  );
  assert.equal(new Set(paged).size, 157);
  assert.deepEqual(search(index, 'liberty', { offset: 157 }).documents, []);
});

test('hits counted quickly, or not at all, are said to be a lower bound; the other totals stay exact', () => {
  for (const q of ['liberty', 'government', 'america*', '"public debt"']) {
    const all = search(index, q);
    assert.equal(all.totals.hitsExact, true, q);
    const quick = search(index, q, { hitCount: 'quick' });
    const { hits, hitsExact, ...rest } = quick.totals;
    assert.deepEqual(rest, { documents: all.totals.documents, passages: all.totals.passages, titleOnly: all.totals.titleOnly }, q);
    if (hitsExact) assert.equal(hits, all.totals.hits, q);
    else assert.ok(hits <= all.totals.hits, q);
    // The page is the same whatever the count.
    assert.deepEqual(quick.documents, all.documents, q);
    assert.deepEqual(search(index, q, { hitCount: 'none' }).totals, { ...rest, hits: 0, hitsExact: false }, q);
  }
  // A quick count is a few milliseconds: *e* (every passage, thousands of words) cannot be counted in them.
  const broad = search(index, '*e*', { hitCount: 'quick' });
  assert.equal(broad.error, null);
  assert.equal(broad.totals.hitsExact, false);
  assert.equal(describeTotals({ ...broad.totals, hits: 1234 }), `233 documents · ${broad.totals.passages.toLocaleString()} passages · at least 1,234 hits`);
});

test('a generated corpus of 64 reports: totals for lantern as a scan of the Markdown files counts them', async () => {
  const files = lanternFiles();
  const expected = lanternTotalsByScan(files);
  assert.ok(expected.documents > 50 && expected.titleOnly > 0 && expected.hits > expected.passages, JSON.stringify(expected));
  await withCorpus(files, async (dir) => {
    const corpus = await loadCorpus(dir);
    assert.deepEqual(corpus.diagnostics, []);
    const lanterns = makeSearchIndex(corpus.documents);
    const res = search(lanterns, 'lantern');
    assert.deepEqual(res.totals, { ...expected, hitsExact: true });
    assert.equal(
      describeTotals(res.totals),
      `${expected.documents} documents · ${expected.passages} passages · ${expected.hits} hits · ${expected.titleOnly} by title only`,
    );
    // The second page holds the rest of the ranking, title-only documents included.
    const next = search(lanterns, 'lantern', { offset: 50 });
    assert.equal(next.documents.length, expected.documents + expected.titleOnly - 50);
    // The words only: the title-only documents drop out.
    assert.deepEqual(search(lanterns, 'text:lantern').totals, { ...expected, titleOnly: 0, hitsExact: true });
  });
});
