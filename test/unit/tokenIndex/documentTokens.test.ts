/** The token index of one document: its words, what stands between them, their offsets, its size. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { concordance } from '../../../app/core/corpusTools/concordance';
import { makeSearchIndex } from '../../../app/core/searchIndex';
import {
  boundaryBefore,
  buildDocumentTokens,
  OPEN,
  PASSAGE_START,
  PUNCTUATION,
  SENTENCE_END,
  tokenBytes,
  tokenSpan,
} from '../../../app/core/tokenIndex/documentTokens';
import { PATTERN_TIME_MS } from '../../../app/core/tokenIndex/patterns';
import { vocabulary } from '../../../app/core/tokenIndex/vocabulary';
import { makeDoc } from '../../helpers/docs';
import { speechDocuments, speechesBetween } from '../../helpers/sotu';

test('words as written, and what stands before each: nothing, punctuation, a sentence end or a new paragraph', () => {
  const doc = makeDoc('d', ['The U.S. economy grew 3.5% in 2019, e.g. in cyber-security. Then: “growth”', 'Next paragraph (here)']);
  const t = buildDocumentTokens(doc);
  const words = Array.from(t.forms, (f) => vocabulary.form(f));
  assert.deepEqual(words, [
    'The',
    'U.S.',
    'economy',
    'grew',
    '3.5',
    'in',
    '2019',
    'e.g.',
    'in',
    'cyber',
    'security',
    'Then',
    'growth',
    'Next',
    'paragraph',
    'here',
  ]);
  const kinds = words.map((_, i) => boundaryBefore(t, i));
  assert.deepEqual(kinds, [
    PASSAGE_START,
    OPEN,
    OPEN,
    OPEN,
    OPEN,
    PUNCTUATION, // "%"
    OPEN,
    PUNCTUATION, // ", "
    OPEN,
    OPEN,
    OPEN, // a hyphen joins
    SENTENCE_END,
    PUNCTUATION, // ": “"
    PASSAGE_START,
    OPEN,
    PUNCTUATION, // " ("
  ]);
  // Offsets from the checkpoints give back each word as written.
  for (let i = 0; i < words.length; i++) {
    const [s, e] = tokenSpan(t, i);
    assert.equal(doc.text.slice(s, e), words[i]);
  }
});

test('offsets hold across long gaps and checkpoints; the index takes at most 6 bytes per running word', () => {
  // Gaps of 80 spaces (over the 63 a gap byte holds) every third word, across several 64-word checkpoints.
  const long = makeDoc('long', [Array.from({ length: 300 }, (_, i) => `w${i}${i % 3 === 0 ? ' '.repeat(80) : ' '}`).join(''), 'tail end']);
  const t = buildDocumentTokens(long);
  for (let i = 0; i < t.forms.length; i++) assert.equal(long.text.slice(...tokenSpan(t, i)), vocabulary.form(t.forms[i]));
  const docs = speechDocuments(speechesBetween(1990, 2009));
  let bytes = 0;
  let words = 0;
  for (const d of docs) {
    const x = buildDocumentTokens(d);
    bytes += tokenBytes(x);
    words += x.forms.length;
    assert.equal(x.forms.length, d.wordCount, 'one token per running word');
  }
  assert.ok(bytes / words <= 6, `${(bytes / words).toFixed(2)} bytes per running word`);
});

test('regular expressions: a bad one is said, a slow one is stopped, neither holds the process', () => {
  const docs = [makeDoc('a', ['government governs governor ' + 'a'.repeat(40) + '!'])];
  const index = makeSearchIndex(docs);
  assert.equal(concordance(index, 'gov.*', { regex: true }).total, 3);
  assert.match(concordance(index, 'gov(', { regex: true }).error ?? '', /is not a regular expression/);
  const t0 = performance.now();
  const slow = concordance(index, '(a+)+b', { regex: true });
  assert.match(slow.error ?? '', /took longer than .* and was stopped/);
  assert.ok(performance.now() - t0 < PATTERN_TIME_MS * 3);
});
