/** `lectern subcorpus …` and `@name` on the command line: JSON shapes, messages and exit codes, on a copy of the shipped corpus. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli } from '../../helpers/runCli';
import { withShippedCorpus } from '../../helpers/temp';

/** The shipped corpus: two documents of 2021 (Raab) and one of 2019 (Hunt). */
test('subcorpus save, list --json, delete; @name in words, kwic, ngrams, collocates, keyness and compare gives what its query gives', async () => {
  await withShippedCorpus(async (dir) => {
    const cli = (...argv: string[]) => runCli(...argv, '--corpus', dir);
    const json = async (...argv: string[]) => {
      const r = await cli(...argv, '--json');
      assert.equal(r.code, 0, r.err);
      return JSON.parse(r.out);
    };

    const empty = await cli('subcorpus', 'list');
    assert.deepEqual([empty.code, empty.out], [0, 'No subcorpus is saved yet. Save one with lectern subcorpus save NAME QUERY.']);

    const saved = await cli('subcorpus', 'save', 'Raab 2021', 'year:2021');
    assert.equal(saved.code, 0, saved.err);
    assert.equal(saved.out, 'Saved @Raab 2021  year:2021  (2 documents). Use it as @Raab 2021.');
    const list = await json('subcorpus', 'list');
    assert.deepEqual(Object.keys(list).sort(), ['problem', 'subcorpora']);
    assert.equal(list.problem, null);
    assert.equal(list.subcorpora.length, 1);
    const [entry] = list.subcorpora;
    assert.deepEqual(Object.keys(entry).sort(), ['created', 'documents', 'name', 'problem', 'query', 'updated']);
    assert.deepEqual([entry.name, entry.query, entry.documents, entry.problem], ['Raab 2021', 'year:2021', 2, null]);
    assert.ok(!Number.isNaN(Date.parse(entry.created)) && entry.created === entry.updated);

    const without = <T extends Record<string, unknown>>(o: T, ...keys: string[]) => Object.fromEntries(Object.entries(o).filter(([k]) => !keys.includes(k)));
    for (const tool of [['words'], ['ngrams', '--n', '2'], ['collocates', 'cyber'], ['kwic', 'elections']]) {
      const byName = await json(...tool, '--subcorpus', '@raab 2021');
      const byQuery = await json(...tool, '--subcorpus', 'year:2021');
      assert.equal(byName.subcorpus, '@raab 2021', tool[0]);
      assert.deepEqual(without(byName, 'subcorpus'), without(byQuery, 'subcorpus'), tool[0]);
    }
    // kwic --subcorpus keeps only the subcorpus's lines: 2 of the 6 "elections" (Hunt's speech has the other 4).
    const [inRaab, all] = [await json('kwic', 'elections', '--subcorpus', '@Raab 2021'), await json('kwic', 'elections')];
    assert.deepEqual([inRaab.total, all.total], [2, 6]);
    assert.ok(inRaab.lines.every((l: { docId: string }) => l.docId.startsWith('2021-05-12-raab')));

    const keyness = await json('keyness', '@Raab 2021');
    assert.deepEqual(without(keyness, 'target'), without(await json('keyness', 'year:2021'), 'target'));
    assert.deepEqual([keyness.targetDocuments, keyness.referenceDocuments], [2, 1]);

    const compared = await json('compare', '@Raab 2021', 'speaker:"Jeremy Hunt"');
    const byQuery = await json('compare', 'year:2021', 'speaker:"Jeremy Hunt"');
    assert.deepEqual([compared.left.label, compared.left.documentIds.length], ['@Raab 2021', 2]);
    assert.deepEqual([compared.pairs.length, compared.left.wordCount], [byQuery.pairs.length, byQuery.left.wordCount]);

    // An unknown name: a user error (exit 1) naming the saved ones.
    const unknown = await cli('words', '--subcorpus', '@raab');
    assert.equal(unknown.code, 1);
    assert.equal(unknown.err, 'lectern: There is no saved subcorpus "@raab". The saved ones are @Raab 2021.');
    const badQuery = await cli('subcorpus', 'save', 'x', 'party:Democratic');
    assert.equal(badQuery.code, 1);
    assert.match(badQuery.err, /^lectern: There is no field "party:" in this corpus\. Its fields are speaker:, outlet:, year:, tag:/);

    const deleted = await json('subcorpus', 'delete', 'raab 2021');
    assert.deepEqual([deleted.deleted, deleted.subcorpora, deleted.problem], ['Raab 2021', [], null]);
    assert.equal((await cli('subcorpus', 'delete', 'raab 2021')).code, 1);
  });
});

test('subcorpus used wrongly exits 2 with its usage', async () => {
  for (const argv of [
    ['subcorpus'],
    ['subcorpus', 'drop', 'x'],
    ['subcorpus', 'save', 'only-a-name'],
    ['subcorpus', 'list', 'extra'],
    ['subcorpus', 'list', '--all'],
  ]) {
    const r = await runCli(...argv);
    assert.equal(r.code, 2, argv.join(' '));
    assert.match(r.err, /Usage:\n {2}lectern subcorpus list/, argv.join(' '));
  }
});
