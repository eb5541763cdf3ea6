/**
 * A query's cost is bounded (issue 13, finding 4): Lunr's fuzzy expansion grows exponentially with
 * the edit distance and the term's length, one regular expression per phrase overflowed the regex
 * stack, and a query of many wide wildcards kept the server busy for seconds. Each is refused with
 * a short message that does not repeat the query.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { LecternError } from '../../../app/common/errors';
import { loadCorpus } from '../../../app/core/corpus';
import { findPhrase, findPhraseByFolding } from '../../../app/core/phrase';
import { MAX_PHRASE_WORDS, MAX_QUERY_CHARS } from '../../../app/core/queryBudget';
import { search } from '../../../app/core/search';
import { makeSearchIndex, type SearchIndex } from '../../../app/core/searchIndex';
import { sizedCorpus } from '../../helpers/sizedCorpus';

let index: SearchIndex;
const corpus = sizedCorpus(35);
before(async () => {
  index = makeSearchIndex((await loadCorpus(corpus.dir)).documents);
  assert.equal(index.documents.length, 35);
});
after(() => corpus.cleanup());

function timed<T>(fn: () => T): { value: T; ms: number } {
  const t0 = performance.now();
  const value = fn();
  return { value, ms: performance.now() - t0 };
}

test('a fuzzy term asking for more than 2 edits is refused at once, with the range of its ~N', () => {
  const { value: res, ms } = timed(() => search(index, 'cyber abcdefghijklmnop~5'));
  assert.ok(ms < 2000, `answered in ${Math.round(ms)} ms`);
  assert.ok(res.error, 'a query error');
  assert.match(res.error.message, /at most 2 edits/);
  assert.equal('cyber abcdefghijklmnop~5'.slice(res.error.start, res.error.end), '~5');
  assert.equal(res.documents.length, 0);
});

test('fuzzy terms of 1 and 2 edits still match', () => {
  assert.ok(search(index, 'cybr~1').documents.length > 0);
  assert.ok(search(index, 'cybrcrime~2').documents.length > 0);
});

test('a fuzzy term longer than a word is refused: its automaton grows with its length', () => {
  const q = `${'ab'.repeat(100)}~2`;
  const { value: res, ms } = timed(() => search(index, q));
  assert.ok(ms < 2000, `answered in ${Math.round(ms)} ms`);
  assert.match(res.error?.message ?? '', /at most 40 characters/);
  assert.ok(!res.error!.message.includes('abab'), 'the message does not repeat the term');
});

test('a query of many wide wildcards is answered, or stopped by the time budget with a message', () => {
  // 400 different inner wildcards, each expanded over the whole vocabulary.
  const q = Array.from({ length: 400 }, (_, i) => `*${String.fromCharCode(97 + (i % 26))}${String.fromCharCode(97 + ((i * 7) % 26))}*`).join(' ');
  const answered = timed(() => search(index, q, { budgetMs: 2000 }));
  assert.ok(answered.ms < 3000, `answered in ${Math.round(answered.ms)} ms`);
  assert.ok(answered.value.error === null ? answered.value.documents.length > 0 : /took too long/.test(answered.value.error.message));
  // With a budget it cannot meet, the same query is stopped, with a message and no partial result.
  const { value: res, ms } = timed(() => search(index, q, { budgetMs: 1 }));
  assert.ok(ms < 3000, `stopped after ${Math.round(ms)} ms`);
  assert.match(res.error?.message ?? '', /took too long/);
  assert.equal(res.documents.length, 0);
});

test('a quoted phrase of 1,500 words is refused with a short message, not a regex stack overflow', () => {
  const phrase = Array.from({ length: 1500 }, (_, i) => `w${i % 7}`).join(' ');
  assert.ok(phrase.length < MAX_QUERY_CHARS * 10);
  const attempt = () => search(index, `"${phrase.slice(0, MAX_QUERY_CHARS - 2).replace(/\s\S*$/, '')}"`);
  assert.throws(attempt, (e: unknown) => {
    assert.ok(e instanceof LecternError, String(e));
    assert.equal(e.code, 'too-large');
    assert.match(e.message, new RegExp(`at most ${MAX_PHRASE_WORDS} words`));
    assert.ok(e.message.length < 300 && !e.message.includes('w1 w2'), 'short, and does not repeat the phrase');
    return true;
  });
});

test('a query over the length cap is refused with a short message', () => {
  assert.throws(
    () => search(index, 'cyber '.repeat(MAX_QUERY_CHARS)),
    (e: unknown) => e instanceof LecternError && e.code === 'too-large' && /at most 2,000 characters/.test(e.message) && !e.message.includes('cyber cyber'),
  );
});

test('findPhrase itself cannot overflow the regex stack on a long phrase, and agrees with folding', () => {
  // One regular expression of 1,500 words overflowed V8's regex compiler once it ran over documents.
  const phrase = Array(1500).fill('word').join(' ');
  for (const doc of index.documents) {
    assert.deepEqual(findPhrase(doc.meta.title, phrase), []);
    assert.deepEqual(findPhrase(doc.text, phrase), []);
  }
  const text = `before ${phrase} after`;
  assert.deepEqual(findPhrase(text, phrase), [[7, 7 + phrase.length]]);
  assert.deepEqual(findPhrase(text, phrase), findPhraseByFolding(text, phrase));
});
