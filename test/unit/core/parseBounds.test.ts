/**
 * Files that made the Markdown parser crash or stall (issue 13): read within bounds, off the main
 * thread, each with a message; the rest of the corpus loads and the service keeps answering.
 */
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadCorpus } from '../../../app/core/corpus';
import { MAX_MARKDOWN_DEPTH, markdownDepth } from '../../../app/core/markdownDepth';
import type { ParsePool } from '../../../app/core/corpus';
import { WorkerPool } from '../../../app/core/workerPool';
import { openService } from '../../../app/service/openService';
import { runCli } from '../../helpers/runCli';
import { copyShippedCorpus, withCorpus } from '../../helpers/temp';

const nestedList = (levels: number) => Array.from({ length: levels }, (_, i) => `${'  '.repeat(i)}- item\n`).join('');
/** About 1.5 s of marked on this machine: long enough to sample `status` while it is read. */
const slowMarkdown = () => '[a](http://x) '.repeat(200_000);

test('nesting depth is read from the lines: list indents and quote markers', () => {
  assert.equal(markdownDepth('- a\n  - b\n    1. c\n'), 3);
  assert.equal(markdownDepth('> > > x\n>>y'), 3);
  assert.equal(markdownDepth('plain\n\n    code\n'), 0);
  assert.equal(markdownDepth(nestedList(3000)), 3000);
});

test('3,000 nested list items (9 MB) load as plain text with a message; the other documents load; `lectern index` exits 0', async () => {
  const corpus = copyShippedCorpus();
  try {
    writeFileSync(path.join(corpus.dir, 'nested.md'), nestedList(3000));
    const c = await loadCorpus(corpus.dir);
    assert.equal(c.documents.length, 4);
    const d = c.diagnostics.find((x) => x.file === 'nested.md');
    assert.match(d?.message ?? '', new RegExp(`3000 levels deep .*up to ${MAX_MARKDOWN_DEPTH}.*plain text`));
    assert.ok(c.documents.find((x) => x.meta.id === 'nested')!.text.includes('- item'));
    const cli = await runCli('index', '--corpus', corpus.dir);
    assert.equal(cli.code, 0, cli.err);
    assert.match(cli.out, /4 documents/);
  } finally {
    corpus.cleanup();
  }
});

test('a file that takes longer than its budget is stopped; the pool goes on with the next file', async () => {
  const pool: ParsePool = new WorkerPool({ name: 'parseWorker', size: 1, budgetMs: 1000 });
  try {
    const config = { rules: [], userParagraphs: new Set<string>(), key: 'k' };
    const file = (relPath: string, source: string) => ({ relPath, format: 'md' as const, source, bytes: Buffer.from(source), stamp: null });
    const slow = await pool.run({ file: file('slow.md', '- a\n'.repeat(300_000)), config });
    assert.ok('failed' in slow && /longer than 1 s/.test(slow.failed), JSON.stringify(slow).slice(0, 200));
    const next = await pool.run({ file: file('ok.md', `${'Fine words. '.repeat(5000)}\n`), config });
    assert.ok('value' in next && next.value.document.passages.length > 0, JSON.stringify(next).slice(0, 200));
  } finally {
    await pool.close();
  }
});

test('the service answers `status` within 100 ms while a slow file is read', async () => {
  await withCorpus({ 'a.md': 'A short one.' }, async (dir) => {
    const service = await openService(dir, { saveDelayMs: 0 });
    try {
      writeFileSync(path.join(dir, 'slow.md'), slowMarkdown());
      const reload = service.reload();
      let done = false;
      void reload.finally(() => (done = true));
      const waits: number[] = [];
      while (!done) {
        const t0 = performance.now();
        await service.status({});
        await new Promise((r) => setImmediate(r));
        waits.push(performance.now() - t0);
        await new Promise((r) => setTimeout(r, 10));
      }
      await reload;
      assert.equal((await service.library({})).documents.length, 2);
      assert.ok(waits.length >= 5, `sampled ${waits.length} times`);
      // The worst wait, past the first sample (the reload's own start, reading the folder, runs here).
      assert.ok(Math.max(...waits.slice(1)) < 100, `status waited ${Math.round(Math.max(...waits.slice(1)))} ms`);
    } finally {
      await service.close();
    }
  });
});
