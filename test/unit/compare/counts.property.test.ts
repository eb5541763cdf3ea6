/**
 * Invariants for any corpus: a term table's counts, the KWIC lines they open and the report's table
 * are one count; every phrase highlight cut from the text is the phrase (case, spacing and quote
 * style aside) and the highlight count is the number of occurrences.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { compare, compareKwic } from '../../../app/core/compare/compare';
import { comparisonReport } from '../../../app/core/compare/report';
import { findPhraseByFolding } from '../../../app/core/phrase';
import { search } from '../../../app/core/search';
import { makeSearchIndex } from '../../../app/core/searchIndex';
import { makeDoc } from '../../helpers/docs';
import { attributionOf } from '../../../app/core/attribution/attribute';
import { isWordsOf } from '../../../app/common/attribution';

// Words with the shapes that made counts disagree: apostrophes (curly and straight), hyphens, stop words
// that end in 's, stems shared by several forms, non-ASCII letters.
const WORDS = [
  'vote',
  'votes',
  'voted',
  'voting',
  "that's",
  'that’s',
  "it's",
  'wants',
  'want',
  'the',
  'Über',
  'über',
  'café',
  'cyber-security',
  'state',
  'States',
  'strong',
  'stronger',
  'Russia’s',
  "Russia's",
  'elect',
  'elections',
  '—',
  'we',
  'people',
  'People',
];
const sentence = fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 14 }).map((w) => `${w.join(' ')}.`);
const paragraph = fc.array(sentence, { minLength: 1, maxLength: 3 }).map((s) => s.join(' '));
const side = fc.array(paragraph, { minLength: 1, maxLength: 4 });

test('for random corpora and terms: keyness counts = KWIC totals = report counts', () => {
  fc.assert(
    fc.property(side, side, fc.constantFrom(...WORDS), (left, right, typed) => {
      const docs = [makeDoc('a', left, { speakers: ['Ann Lee'] }), makeDoc('b', right, { speakers: ['Bob Ray'] })];
      const c = compare(docs, 'a', 'b', { keyTermLimit: 1000 });
      const md = comparisonReport(c, docs);
      for (const t of [...c.distinctive.left, ...c.distinctive.right, ...c.distinctive.shared]) {
        const k = compareKwic(docs, 'a', 'b', t.term, { stem: t.stem, limit: 0 });
        assert.deepEqual([k.totalLeft, k.totalRight], [t.countLeft, t.countRight], t.term);
        assert.ok(md.includes(` | ${t.countLeft} | ${t.countRight} | `), `report row for ${t.term}`);
      }
      // A typed word counts what the table counts for its stem, a stop word too (or is refused when it has no letter or digit).
      let k;
      try {
        k = compareKwic(docs, 'a', 'b', typed, { limit: 0 });
      } catch (e) {
        assert.match((e as Error).message, /no letters or digits/);
        return;
      }
      const row = [...c.distinctive.left, ...c.distinctive.right, ...c.distinctive.shared].find((t) => t.stem === k.stem);
      if (row) assert.deepEqual([k.totalLeft, k.totalRight], [row.countLeft, row.countRight]);
      else assert.deepEqual([k.totalLeft, k.totalRight], [0, 0], `${typed} is used but has no row`); // every used term has a row (limit 1000)
    }),
    { numRuns: 150 },
  );
});

// News reports in which the speaker is quoted, reported and written about, in random order.
const clause = fc.array(fc.constantFrom(...WORDS.filter((w) => w !== '—')), { minLength: 1, maxLength: 8 }).map((w) => w.join(' '));
const reportSentence = (name: string) =>
  fc.oneof(
    clause.map((c) => `${name} said ${c}.`),
    clause.map((c) => `“${c},” ${name} said.`),
    clause.map((c) => `${c[0].toUpperCase()}${c.slice(1)}, according to ${name}.`),
    clause.map((c) => `The minister met ${c}.`),
  );
const report = (name: string) =>
  fc.array(
    fc.array(reportSentence(name), { minLength: 1, maxLength: 3 }).map((s) => s.join(' ')),
    { minLength: 1, maxLength: 4 },
  );

test('for random news reports, speakers’ own words: keyness counts = KWIC totals, and every line lies in the speaker’s words', () => {
  fc.assert(
    fc.property(report('Lee'), report('Ray'), (left, right) => {
      const docs = [makeDoc('a', left, { speakers: ['Ann Lee'], kind: 'news-report' }), makeDoc('b', right, { speakers: ['Bob Ray'], kind: 'news-report' })];
      let c;
      try {
        c = compare(docs, 'speaker:"Ann Lee"', 'speaker:"Bob Ray"', { keyTermLimit: 1000 });
      } catch (e) {
        // A side whose reports hold none of the speaker's words is refused, and says why.
        assert.match((e as Error).message, /never quotes or reports/);
        return;
      }
      assert.ok(c.left.speakerWords && c.right.speakerWords);
      const own = (id: string) => attributionOf(docs.find((d) => d.meta.id === id)!).spans;
      for (const t of [...c.distinctive.left, ...c.distinctive.right, ...c.distinctive.shared]) {
        const k = compareKwic(docs, 'speaker:"Ann Lee"', 'speaker:"Bob Ray"', t.term, { stem: t.stem, limit: 100_000 });
        assert.deepEqual([k.totalLeft, k.totalRight], [t.countLeft, t.countRight], t.term);
        for (const line of [...k.left, ...k.right]) {
          const speaker = line.docId === 'a' ? 'Ann Lee' : 'Bob Ray';
          assert.ok(
            own(line.docId).some((s) => s.start <= line.start && line.end <= s.end && isWordsOf(s, [speaker])),
            `${t.term} at ${line.start} in ${line.docId} is ${speaker}'s`,
          );
        }
      }
      // "Lee" and "said" are the writer's: never counted as the speaker's.
      assert.ok(![...c.distinctive.left, ...c.distinctive.right, ...c.distinctive.shared].some((t) => /^(lee|ray|said|minister)$/i.test(t.term)));
    }),
    { numRuns: 150 },
  );
});

test('for random corpora and phrases: every phrase highlight is the phrase, and there is one per occurrence', () => {
  fc.assert(
    fc.property(side, fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }), (paragraphs, words) => {
      const doc = makeDoc('a', paragraphs);
      const phrase = words.join(' ');
      const res = search(makeSearchIndex([doc]), `"${phrase}"`, { passagesPerDocument: 1000 });
      if (res.error) return; // a phrase the query syntax refuses says so; not a highlight question
      const highlights = res.documents.flatMap((d) => d.passages.flatMap((p) => p.highlights));
      for (const [s, e] of highlights) {
        const cut = doc.text.slice(s, e);
        // One occurrence, or overlapping ones merged ("the the" twice in "the the the"): from the cut's start to its end.
        const inCut = findPhraseByFolding(cut, phrase);
        assert.ok(inCut.length > 0 && inCut[0][0] === 0 && inCut[inCut.length - 1][1] === cut.length, `"${cut}" is not "${phrase}"`);
        for (let i = 1; i < inCut.length; i++) assert.ok(inCut[i][0] < inCut[i - 1][1], `"${cut}" joins occurrences of "${phrase}" that do not overlap`);
      }
      const occurrences = doc.passages.reduce((n, p) => n + findPhraseByFolding(p.text, phrase).length, 0);
      // Overlapping occurrences ("we we" in "we we we") merge into one highlight.
      assert.ok(
        highlights.length <= occurrences && (occurrences === 0) === (highlights.length === 0),
        `${highlights.length} highlights, ${occurrences} occurrences of "${phrase}"`,
      );
    }),
    { numRuns: 200 },
  );
});
