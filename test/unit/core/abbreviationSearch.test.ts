/**
 * "U.S." is one token (analysis/tokens.ts): the query word and the phrase find it, and neither is
 * found inside "U.S.S.R." or "U.S.A.", on SOTU (which says all three), checked against a scan of the text.
 */
import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { buildIndex } from '../../../app/core/indexing/buildIndex';
import { findPhrase } from '../../../app/core/phrase';
import { search } from '../../../app/core/search';
import { makeSearchIndex, type SearchIndex } from '../../../app/core/searchIndex';
import type { LoadedDocument } from '../../../app/core/types';
import { readSpeeches, speechDocuments } from '../../helpers/sotu';

let docs: LoadedDocument[];
let index: SearchIndex;
before(async () => {
  docs = speechDocuments(readSpeeches());
  index = makeSearchIndex(docs, (await buildIndex(docs, { workers: 0 })).index);
});

/** Occurrences of `re` in passages, as [document id, offset in the document]. */
function scan(re: RegExp): string[] {
  return docs.flatMap((d) => d.passages.flatMap((p) => [...p.text.matchAll(re)].map((m) => `${d.meta.id}@${p.start + m.index}`))).sort();
}

function highlights(q: string): string[] {
  const res = search(index, q, { limit: 10_000, passagesPerDocument: 10_000 });
  assert.equal(res.error, null, q);
  assert.ok(res.totals.hitsExact, q);
  const out = res.documents.flatMap((d) => d.passages.flatMap((p) => p.highlights.map(([s]) => `${d.id}@${s}`))).sort();
  assert.equal(res.totals.hits, out.length, q);
  return out;
}

test('U.S. (a query word or a phrase) finds every "U.S." and none inside "U.S.S.R." or "U.S.A."', () => {
  const longer = scan(/U\.S\.(?=[SA]\.)/g);
  assert.ok(longer.length >= 10, `fixture: SOTU says U.S.S.R. or U.S.A. (${longer.length} times)`);
  // "U.S" with or without its last stop, not followed by more of an abbreviation or a word, not preceded by one.
  const expected = scan(/(?<![\p{L}\p{N}_'’]|\p{L}\.)U\.S(?!\.?[\p{L}\p{N}])/giu);
  assert.ok(expected.length > 100, `fixture: ${expected.length} uses of U.S.`);
  assert.deepEqual(highlights('U.S.'), expected);
  assert.deepEqual(highlights('"U.S."'), expected);
  for (const hit of longer) assert.ok(!highlights('U.S.').includes(hit), hit);
  // Not the word "us" either, nor every passage with an "s".
  assert.ok(!highlights('us').some((h) => expected.includes(h)));
});

test('a phrase starts and ends on token boundaries: "U.S." not inside "U.S.S.R.", "3" not inside "3.5"', () => {
  const text = 'The U.S.S.R. and the U.S.A., then the U.S. Also 3.5 and 3, 1,000 and 1.';
  const at = (s: string, from = 0): [number, number] => [text.indexOf(s, from), text.indexOf(s, from) + s.length];
  assert.deepEqual(
    findPhrase(text, 'U.S.'),
    [at('U.S. Also')].map(([s]) => [s, s + 4]),
  );
  assert.deepEqual(
    findPhrase(text, 'the U.S.'),
    [at('the U.S. ')].map(([s]) => [s, s + 8]),
  );
  assert.deepEqual(
    findPhrase(text, '3'),
    [at('3,')].map(([s]) => [s, s + 1]),
  );
  assert.deepEqual(
    findPhrase(text, '1'),
    [at('1.', text.indexOf('and 1.'))].map(([s]) => [s, s + 1]),
  );
  assert.deepEqual(findPhrase(text, 'S.R.'), []);
  assert.deepEqual(findPhrase(text, 'U.S.S.R.'), [at('U.S.S.R.')]);
});

test('a decimal number is one word: 3.5 finds "3.5", not "3" or "5" alone', () => {
  const expected = scan(/(?<![\p{L}\p{N}_'’]|\d[.,])3\.5(?![\p{L}\p{N}]|[.,]\d)/gu);
  assert.ok(expected.length > 0, 'fixture: SOTU says 3.5');
  assert.deepEqual(highlights('3.5'), expected);
  assert.deepEqual(highlights('"3.5"'), expected);
});
