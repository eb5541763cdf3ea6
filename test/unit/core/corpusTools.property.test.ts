/**
 * Every corpus tool against a plain reference count, over random corpora, in each unit, with and
 * without a stop list. The corpora are built from words and separators chosen here, so the running
 * words and what stands between them are known by construction; the reference counts read those
 * lists with the documented rules (README, "What a word is"), using the libraries named there (Lunr's
 * stemmer, the stopword package's list) and none of Lectern's tokenising or counting code.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import lunr from 'lunr';
import { eng } from 'stopword';
import type { CountUnit } from '../../../app/common/corpusTools';
import { collocates } from '../../../app/core/corpusTools/collocates';
import { concordance } from '../../../app/core/corpusTools/concordance';
import { subcorpusKeyness } from '../../../app/core/corpusTools/keyness';
import { ngrams } from '../../../app/core/corpusTools/ngrams';
import { trend } from '../../../app/core/corpusTools/trend';
import { wordList } from '../../../app/core/corpusTools/wordList';
import { makeSearchIndex } from '../../../app/core/searchIndex';
import type { LoadedDocument } from '../../../app/core/types';
import { makeDoc } from '../../helpers/docs';

// Each is one running word by the rule: abbreviations and numbers whole, apostrophes inside words.
const WORDS = [
  'The',
  'the',
  'THE',
  'state',
  'States',
  'states',
  'U.S.',
  'U.S.S.R.',
  'e.g.',
  '3.5',
  '1,000',
  'must',
  'Must',
  'want',
  'wants',
  'wanted',
  "don't",
  'Russia’s',
  "Russia's",
  'Russia',
  'union',
  'Union',
  'über',
  'Über',
  'said',
  'say',
  'says',
  'of',
  'and',
  'we',
];
/** What may stand between two words, and whether a phrase or an n-gram may join across it. */
const SEPARATORS: [string, boolean][] = [
  [' ', true],
  [' ', true],
  [' ', true],
  ['-', true],
  [', ', false],
  ['. ', false],
  ['; ', false],
  [' — ', false],
  [' (', false],
];

interface Word {
  text: string;
  /** Joined to the word before (false for a paragraph's first word). */
  joined: boolean;
}

const paragraph = fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.constantFrom(...SEPARATORS)), { minLength: 1, maxLength: 25 }).map((pairs) => {
  let text = '';
  const words: Word[] = [];
  pairs.forEach(([w, sep], i) => {
    words.push({ text: w, joined: i > 0 && pairs[i - 1][1][1] });
    text += w + (i < pairs.length - 1 ? sep[0] : '.');
  });
  return { text, words };
});
const corpus = fc.array(fc.array(paragraph, { minLength: 1, maxLength: 4 }), { minLength: 2, maxLength: 6 });

const STOP = new Set(eng.map((w) => w.toLowerCase()));
const lower = (w: string) => w.toLowerCase().replace(/[’‘]/g, "'");
/** The documented stem: the lower-cased form, a possessive 's dropped, Porter-stemmed by Lunr; abbreviations and numbers are their own stem. */
const stem = (w: string) => (/[.,]/.test(w) ? lower(w) : lunr.stemmer(new lunr.Token(lower(w).replace(/'s?$/, '') || lower(w), {})).toString());
const keyOf = (unit: CountUnit, w: string) => (unit === 'form' ? w : unit === 'lower' ? lower(w) : stem(w));

function build(spec: { text: string; words: Word[] }[][]): { docs: LoadedDocument[]; words: Word[][][] } {
  const docs = spec.map((paras, d) =>
    makeDoc(
      `d${d}`,
      paras.map((p) => p.text),
      { date: `${2000 + (d % 3)}-01-01`, speakers: [d % 2 ? 'Odd' : 'Even'] },
    ),
  );
  return { docs, words: spec.map((paras) => paras.map((p) => p.words)) };
}

function counts<K>(items: K[]): Map<K, number> {
  const m = new Map<K, number>();
  for (const k of items) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
}

for (const unit of ['form', 'lower', 'stem'] as CountUnit[]) {
  for (const withStop of [false, true]) {
    test(`word list, n-grams, concordance, trend, keyness and collocates equal a plain count (${unit}${withStop ? ', built-in stop list' : ''})`, () => {
      fc.assert(
        fc.property(corpus, (spec) => {
          const { docs, words } = build(spec);
          const stopWords = withStop ? STOP : null;
          const out = (w: string) => withStop && STOP.has(lower(w));
          const all = words.flat(2);

          // Word list: every running word's key; sizes are all running words.
          const wl = wordList(docs, { unit, stopWords });
          const expected = counts(all.filter((w) => !out(w.text)).map((w) => keyOf(unit, w.text)));
          assert.equal(wl.words, all.length);
          assert.deepEqual(new Map(wl.rows.map((r) => [r.term, r.frequency])), expected);
          for (const r of wl.rows) {
            const docsWith = words.filter((d) => d.flat().some((w) => !out(w.text) && keyOf(unit, w.text) === r.term)).length;
            assert.equal(r.documents, docsWith, `range of ${r.term}`);
          }

          // N-grams: runs of joined words within a paragraph, none stop-listed; each row opens its count.
          const index = makeSearchIndex(docs);
          for (const n of [2, 3]) {
            const grams: string[] = [];
            for (const paras of words)
              for (const p of paras)
                for (let i = 0; i + n <= p.length; i++) {
                  const run = p.slice(i, i + n);
                  if (run.slice(1).every((w) => w.joined) && !run.some((w) => out(w.text))) grams.push(run.map((w) => keyOf(unit, w.text)).join(' '));
                }
            const g = ngrams(docs, n, { unit, stopWords, minFrequency: 1 });
            assert.equal(g.total, grams.length);
            assert.deepEqual(new Map(g.rows.map((r) => [r.ngram, r.frequency])), counts(grams));
            for (const r of g.rows.slice(0, 5)) assert.equal(concordance(index, `"${r.phrase}"`, { unit }).total, r.frequency, `concordance of "${r.phrase}"`);
          }

          // The concordance of a word-list row (its leading form, in the unit) has the row's count, stop list or not.
          for (const r of wl.rows.slice(0, 6)) {
            const c = concordance(index, `"${r.form}"`, { unit });
            assert.equal(c.total, r.frequency, `concordance of ${r.form}`);
            for (const l of c.lines) assert.equal(keyOf(unit, l.keyword), r.term);
          }

          // Trend by year adds each document's uses of the word to its year.
          const word = all[0].text;
          const t = trend(docs, [word], 'year', unit);
          for (const grp of t.groups) {
            const inYear = words.filter((_, d) => docs[d].meta.date.startsWith(grp.key)).flat(2);
            assert.equal(grp.counts[0], inYear.filter((w) => keyOf(unit, w.text) === keyOf(unit, word)).length);
            assert.equal(grp.words, inYear.length);
          }

          // Keyness: each side's counts are its documents' (formulas kept: the counts alone are checked here).
          if (docs.length >= 2) {
            const k = subcorpusKeyness(docs, 'speaker:Even', 'speaker:Odd', { unit, stopWords, keepFormulas: true });
            const side = (name: string) =>
              counts(
                words
                  .filter((_, d) => docs[d].meta.speakers[0] === name)
                  .flat(2)
                  .filter((w) => !out(w.text))
                  .map((w) => keyOf(unit, w.text)),
              );
            const even = side('Even');
            const odd = side('Odd');
            for (const row of [...k.over, ...k.under]) {
              assert.equal(row.countLeft, even.get(row.stem) ?? 0, `target count of ${row.stem}`);
              assert.equal(row.countRight, odd.get(row.stem) ?? 0, `reference count of ${row.stem}`);
            }
          }

          // Collocates (window ±2, within a paragraph): uses of each word near the node's uses, each position once.
          const node = keyOf(unit, all[0].text);
          const together = new Map<string, number>();
          let nodeFrequency = 0;
          let windowWords = 0;
          for (const paras of words)
            for (const p of paras) {
              const covered = new Set<number>();
              p.forEach((w, i) => {
                if (keyOf(unit, w.text) !== node) return;
                nodeFrequency++;
                for (let q = Math.max(0, i - 2); q <= Math.min(p.length - 1, i + 2); q++) covered.add(q);
              });
              for (const q of covered) {
                if (keyOf(unit, p[q].text) === node) continue;
                windowWords++;
                if (out(p[q].text)) continue;
                const key = keyOf(unit, p[q].text);
                together.set(key, (together.get(key) ?? 0) + 1);
              }
            }
          const co = collocates(docs, all[0].text, { unit, window: 2, minFrequency: 1, stopWords });
          assert.deepEqual([co.nodeFrequency, co.windowWords, co.words], [nodeFrequency, windowWords, all.length]);
          assert.deepEqual(new Map(co.rows.map((r) => [r.term, r.together])), together);
          for (const r of co.rows) assert.equal(r.frequency, expected.get(r.term), `C1 of ${r.term} is its word-list count`);
        }),
        { numRuns: 60 },
      );
    });
  }
}
