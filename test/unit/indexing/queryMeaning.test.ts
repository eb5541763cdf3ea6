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

/** The scan: passages with a word whose stem is the stem of a written word that `matches`. */
function scan(matches: (form: string) => boolean): { passages: number; stems: Set<string> } {
  const stems = new Set<string>();
  for (const d of docs) for (const p of d.passages) for (const t of tokens(p.text)) if (matches(surfaceForm(t.text))) stems.add(indexTerm(t.text) ?? '');
  stems.delete('');
  let passages = 0;
  for (const d of docs) for (const p of d.passages) if (tokens(p.text).some((t) => stems.has(indexTerm(t.text) ?? ''))) passages++;
  return { passages, stems };
}

const count = (q: string) => {
  const res = search(index, q, { limit: 10_000 });
  assert.equal(res.error, null, q);
  return res.passageCount;
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
