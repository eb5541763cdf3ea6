import assert from 'node:assert/strict';
import { test } from 'node:test';
import { runCli as run } from '../helpers/runCli';
import { withCorpus } from '../helpers/temp';

test('search --json returns only the AP report for "prime target", with offsets and highlights', async () => {
  const r = await run('search', '"prime target"', '--json');
  assert.equal(r.code, 0);
  const { totals, documents: results } = JSON.parse(r.out);
  assert.deepEqual(totals, { documents: 1, passages: 1, hits: 1, hitsExact: true, titleOnly: 0 });
  assert.equal(results.length, 1);
  assert.equal(results[0].id, '2021-05-12-raab-cooperation-independent');
  assert.equal(results[0].outlet, 'The Independent');
  const p = results[0].passages[0];
  for (const key of ['id', 'start', 'end', 'text', 'highlights']) assert.ok(key in p, key);
  assert.equal(p.text.slice(p.highlights[0][0] - p.start, p.highlights[0][1] - p.start), 'prime target');
});

test('search prints readable results and honours --limit and --offset, with totals over every match', async () => {
  const all = JSON.parse((await run('search', 'cyber', '--json')).out);
  assert.ok(all.documents.length >= 2, 'the fixture: cyber in more than one document');
  const r = await run('search', 'cyber', '--limit', '1');
  assert.equal(r.code, 0);
  const t = all.totals;
  assert.match(r.out, new RegExp(`^Totals: ${t.documents} documents · ${t.passages} passages · ${t.hits} hits$`, 'm'));
  assert.match(r.out, new RegExp(`^Shown: documents 1–1 of ${all.documents.length} \\(the next: --offset 1\\), in [\\d.]+ ms$`, 'm'));
  const second = await run('search', 'cyber', '--limit', '1', '--offset', '1', '--json');
  const page = JSON.parse(second.out);
  assert.deepEqual(page.totals, t);
  assert.equal(page.offset, 1);
  assert.deepEqual(
    page.documents.map((d: { id: string }) => d.id),
    [all.documents[1].id],
  );
  assert.match((await run('search', 'cyber', '--offset', 'x')).err, /--offset needs a whole number/);
});

test('a malformed query is a message and exit code 1, not a stack trace', async () => {
  const r = await run('search', 'year:20x');
  assert.equal(r.code, 1);
  assert.match(r.err, /Query error: "year:20x" is not a year/);
});

test('index reports documents, passages, diagnostics and time', async () => {
  await withCorpus({ 'a.md': 'Hello world.\n\nSecond.', 'b.txt': '' }, async (dir) => {
    const r = await run('index', '--corpus', dir);
    assert.equal(r.code, 0);
    assert.match(r.out, /1 documents, 2 passages, 3 words indexed \(1 analysed, 0 reused\) in \d+ ms/);
    assert.match(r.out, /error: b\.txt: is empty/);
  });
});

test('a corpus folder that does not exist is a clear error', async () => {
  const r = await run('index', '--corpus', '/nonexistent/corpus');
  assert.equal(r.code, 1);
  assert.match(r.err, /does not exist/);
});

test('unknown commands and missing values explain themselves', async () => {
  assert.match((await run('frobnicate')).err, /Unknown command "frobnicate"/);
  assert.match((await run('search', 'x', '--limit')).err, /--limit needs a value/);
});
