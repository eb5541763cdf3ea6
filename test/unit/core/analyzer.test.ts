/** Highlighting finds words by stem; its shortcut relies on Lunr's stemmer keeping a word's first character. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCorpus } from '../../../app/core/corpus';
import { spansOfStems, stem, words } from '../../../app/core/analyzer';
import { SHIPPED_CORPUS } from '../../helpers/tempCorpus';

const TRICKY = ['ied', 'ies', 'ties', 'yes', 'yearly', 'Yielding', 'sses', 'eed', 'agreed', 'ing', 'sing', 'abs', 'Russia’s', "states'", '_x_', '2019s', 'generalizations', 'oscillators'];

test("Lunr's stemmer never changes a word's first character (the highlight shortcut's premise)", async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  const vocabulary = new Set([...TRICKY, ...docs.flatMap((d) => words(d.text).map((w) => w.text))]);
  for (const w of vocabulary) {
    const s = stem(w);
    if (s) assert.equal(s[0], w.toLowerCase()[0], `"${w}" stems to "${s}"`);
  }
});

test('spansOfStems finds exactly the words whose stem is wanted, as stemming every word would', async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  const wanted = new Set(['cyber', 'elect', 'russia', 'deterr', 'sanction', 'state', 'i', 'ye']);
  for (const d of docs) {
    const naive = words(d.text).filter((w) => wanted.has(stem(w.text))).map((w): [number, number] => [w.start, w.end]);
    assert.ok(naive.length > 0);
    assert.deepEqual(spansOfStems(d.text, wanted), naive, d.meta.id);
  }
  assert.deepEqual(spansOfStems('Yearly yields; Russia’s “elections”.', new Set(['yearli', 'russia', 'elect'])), [[0, 6], [15, 23], [25, 34]]);
});
