/**
 * Query meaning where Lunr's is wrong (issue 15), checked against a scan of the text: a prefix or a
 * fuzzy term matches the corpus's written words, then searches their stems. Lunr matches it
 * against stems instead: `educat*` finds nothing (the stem is "educ"), and `goverment~1` becomes
 * "gover", which also matches "over" and "cover".
 */
import { before, test } from 'node:test';
import assert from 'node:assert/strict';
import { indexTerm, tokens } from '../../../app/core/analysis/tokens';
import { surfaceForm } from '../../../app/core/evaluator/surfaceWords';
import { buildIndex } from '../../../app/core/indexing/buildIndex';
import { search } from '../../../app/core/search';
import { makeSearchIndex, type SearchIndex } from '../../../app/core/searchIndex';
import type { LoadedDocument } from '../../../app/core/types';
import { documentsFrom, emailFiles } from '../../../bench/publicCorpora';
import { readSpeeches, speechDocuments } from '../../helpers/sotu';

let docs: LoadedDocument[];
let index: SearchIndex;
before(async () => {
  docs = speechDocuments(readSpeeches());
  index = makeSearchIndex(docs, (await buildIndex(docs, { workers: 0 })).index);
});

/** Optimal string alignment distance (edits: insert, delete, substitute, swap two neighbours). */
function osa(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
    }
  }
  return d[a.length][b.length];
}

/** Every passage's written words, cut once: the scans below read them many times. */
let passageWords: string[][];

/** The scan: passages with a word whose stem is the stem of a written word that `matches`. */
function scan(matches: (form: string) => boolean): { passages: number; stems: Set<string> } {
  passageWords ??= docs.flatMap((d) => d.passages.map((p) => tokens(p.text).map((t) => t.text)));
  const stems = new Set<string>();
  for (const words of passageWords) for (const w of words) if (matches(surfaceForm(w))) stems.add(indexTerm(w) ?? '');
  stems.delete('');
  const passages = passageWords.filter((words) => words.some((w) => stems.has(indexTerm(w) ?? ''))).length;
  return { passages, stems };
}

const count = (q: string) => {
  const res = search(index, q, { limit: 10_000 });
  assert.equal(res.error, null, q);
  return res.totals.passages;
};

test('a prefix matches written words: educat* finds the passages on education that Lunr’s stem match misses', () => {
  const expected = scan((w) => w.startsWith('educat'));
  assert.ok(expected.passages > 100, `fixture: ${expected.passages} passages on education`);
  assert.equal(count('educat*'), expected.passages);
  // governm* (written words) and govern* agree with their scans too.
  for (const prefix of ['governm', 'govern', 'railr']) assert.equal(count(`${prefix}*`), scan((w) => w.startsWith(prefix)).passages, `${prefix}*`);
});

test('a fuzzy term matches written words within its edits: goverment~1 finds government, not “over” or “cover”', () => {
  const expected = scan((w) => Math.abs(w.length - 9) <= 1 && osa(w, 'goverment') <= 1);
  assert.ok(expected.stems.has('govern'));
  assert.ok(!expected.stems.has('over') && !expected.stems.has('cover'));
  assert.equal(count('goverment~1'), expected.passages);
  const over = scan((w) => w === 'over').passages;
  assert.ok(count('goverment~1') < count('govern') + over, 'none of the passages that only say “over” come in');
});

// ---- Words glued to punctuation, on a messy corpus (SpamAssassin e-mails: ham about Linux, then spam). ----

let mail: LoadedDocument[];
let mailIndex: SearchIndex;
before(async () => {
  mail = documentsFrom(emailFiles(5000).slice(3400));
  mailIndex = makeSearchIndex(mail, (await buildIndex(mail, { workers: 0 })).index);
});

const mailCount = (q: string) => {
  const res = search(mailIndex, q, { limit: 100_000 });
  assert.equal(res.error, null, q);
  return res.totals.passages;
};

/** Passages of the mail corpus whose text matches `re` (the scan: no tokeniser involved). */
const mailScan = (re: RegExp) => mail.reduce((n, d) => n + d.passages.filter((p) => re.test(p.text)).length, 0);
/** A word as a scan sees it: a run of letters, digits, marks, "_" and apostrophes, whatever is around it. */
const WORDS = /[\p{L}\p{N}\p{M}_'’]+/gu;

test('a word glued to punctuation is indexed: linux finds "GNU/Linux", "linux.org", "(Linux)"', () => {
  const glued = mailScan(/[\p{L}\p{N}][/.:]linux|linux[/.:][\p{L}\p{N}]/iu);
  assert.ok(glued > 20, `fixture: ${glued} passages with linux glued to a neighbour`);
  const expected = mail.reduce((n, d) => n + d.passages.filter((p) => (p.text.match(WORDS) ?? []).some((w) => indexTerm(w) === 'linux')).length, 0);
  assert.equal(mailCount('linux'), expected);
});

test('a phrase is found where its words touch punctuation: "click here" in "now.Click here" or "(click here)"', () => {
  const expected = mailScan(/(?<![\p{L}\p{N}_])click\s+here(?![\p{L}\p{N}_])/iu);
  assert.ok(mailScan(/[\p{L}\p{N}][/.:,;!?()"]click\s+here/iu) > 0 && expected > 100, `fixture: ${expected} passages`);
  assert.equal(mailCount('"click here"'), expected);
});

test('a glued query word is the phrase of its parts: GNU/Linux is found as written, not as alternatives', () => {
  assert.equal(mailCount('GNU/Linux'), mailScan(/(?<![\p{L}\p{N}_])gnu\/linux(?![\p{L}\p{N}_])/iu));
  assert.ok(mailCount('GNU/Linux') > 0);
  assert.ok(mailCount('GNU/Linux') < mailCount('linux'), 'not every passage with "linux"');
});

test('an abbreviation is one word: U.S. finds "U.S." and "U.S", not "us", "U.S.A." or "U.S.S.R."', () => {
  // The scan: "U.S" with or without its last stop, not inside a longer abbreviation or word.
  const us = mailScan(/(?<![\p{L}\p{N}_'’*~^]|\p{L}\.)u\.s(?!\.?[\p{L}\p{N}])/iu);
  assert.ok(us > 0, 'fixture: the mail says U.S.');
  assert.equal(mailCount('U.S.'), us);
  assert.equal(mailCount('U.S'), us);
  assert.ok(mailScan(/u\.s\.a\b/iu) > 0, 'fixture: the mail says U.S.A.');
  assert.notEqual(mailCount('U.S.'), mailCount('us'));
  assert.ok(mailCount('U.S.') < mailCount('s'), 'not every passage with an "s"');
});

test('no empty term: a token of punctuation only is not indexed, and every term is a word', () => {
  const typed = mailIndex.typed();
  assert.ok(!typed.ei.terms.includes(''));
  const punctuation = typed.ei.terms.filter((t) => !/[\p{L}\p{N}]/u.test(t));
  assert.deepEqual(punctuation, [], 'terms without a letter or digit');
});
