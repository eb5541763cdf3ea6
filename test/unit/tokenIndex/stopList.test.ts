/** Stop lists: off by default, the built-in list or the corpus's own file, said in every table's header; a missing or oversized file is said, not guessed. */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parseStopList } from '../../../app/core/analysis/stopList';
import { runCli } from '../../helpers/runCli';
import { withService } from '../../helpers/serviceCorpus';

const FILES = {
  'a.md': '---\ntitle: A\ndate: 2020-01-01\nspeakers: [Ann]\n---\n\nThe cat and the dog. The cat sat on the mat, and the dog ran.\n',
  'b.md': '---\ntitle: B\ndate: 2021-01-01\nspeakers: [Bob]\n---\n\nA dog is not a cat; the dog barks.\n',
};

test('every word counts unless a stop list is chosen; the corpus’s own list comes from .lectern/stopwords.txt', async () => {
  await withService(FILES, async (service, dir) => {
    const all = await service.wordList({ unit: 'lower' });
    assert.equal(all.stopList, null);
    assert.equal(all.counted, all.words);
    assert.equal(all.rows[0].term, 'the');
    const builtin = await service.wordList({ unit: 'lower', stopList: 'builtin' });
    assert.match(builtin.stopList ?? '', /^built-in stop list \(108 words\) left out$/);
    assert.ok(!builtin.rows.some((r) => ['the', 'and', 'a', 'is', 'on'].includes(r.term)));
    assert.equal(builtin.words, all.words, 'sizes still count every running word');
    assert.equal(
      builtin.counted,
      builtin.rows.reduce((n, r) => n + r.frequency, 0),
    );

    await assert.rejects(service.wordList({ stopList: 'corpus' }), /no stop list of its own: write one word per line in \.lectern\/stopwords\.txt/);
    writeFileSync(path.join(dir, '.lectern', 'stopwords.txt'), '# our list\ncat\nDog  # case does not matter\n\n');
    const own = await service.wordList({ unit: 'lower', stopList: 'corpus' });
    assert.match(own.stopList ?? '', /corpus stop list \(\.lectern\/stopwords\.txt, 2 words\) left out/);
    assert.ok(!own.rows.some((r) => r.term === 'cat' || r.term === 'dog'));
    assert.ok(own.rows.some((r) => r.term === 'the'));
    // N-grams holding a listed word are not counted; collocates leave listed words out.
    const grams = await service.ngrams({ n: 2, min: 1, unit: 'lower', stopList: 'corpus' });
    assert.ok(grams.rows.every((r) => !/\b(cat|dog)\b/.test(r.ngram)));
    const co = await service.collocates({ term: 'the', min: 1, unit: 'lower', stopList: 'corpus' });
    assert.ok(co.rows.every((r) => r.term !== 'cat' && r.term !== 'dog'));
    // The CLI prints what it counted.
    const cli = await runCli('words', '--corpus', dir, '--stop-list', 'corpus', '--unit', 'lower');
    assert.equal(cli.code, 0, cli.err);
    assert.match(cli.out.split('\n')[0], /^Counting lower-cased word forms; corpus stop list \(\.lectern\/stopwords\.txt, 2 words\) left out\.$/);
    const bad = await runCli('words', '--corpus', dir, '--stop-list', 'french');
    assert.equal(bad.code, 2);
    assert.match(bad.err, /--stop-list is one of none, builtin, corpus, not "french"/);
  });
});

test('a stop list file is words, one per line: comments and blank lines skipped, case and curly apostrophes folded', () => {
  assert.deepEqual([...parseStopList('The\n# c\n  it’s  \n\nIT\r\nthe # again\n')], ['the', "it's", 'it']);
});
