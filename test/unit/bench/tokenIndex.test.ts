/**
 * The token-index bench's independent check (bench/tokenIndex.ts) on a few SOTU addresses: every tool
 * with a floor answers what its floor counts, the table renders, so a bench that prints "answers
 * equal" has compared them.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { measureTools, tokenTable, type TokenBenchResult } from '../../../bench/tokenIndex';
import { speechDocuments, speechesBetween } from '../../helpers/sotu';

test('each corpus tool equals its floor on SOTU 1975–1995', async () => {
  const docs = speechDocuments(speechesBetween(1975, 1995));
  const words = docs.reduce((n, d) => n + d.wordCount, 0);
  const warnings: string[] = [];
  const tools = await measureTools('sotu', docs, words, warnings, { quiet: true, reps: 1 });
  assert.deepEqual(warnings, []);
  const withFloor = tools.filter((t) => t.floor);
  assert.ok(withFloor.length >= 6, 'word list, concordance, collocates, n-grams, overview and trend have floors');
  for (const t of withFloor) assert.match(t.check ?? '', /^equal/, `${t.tool}: ${t.check}`);

  const result: TokenBenchResult = {
    date: new Date().toISOString(),
    corpora: [
      {
        corpus: 'sotu',
        documents: docs.length,
        runningWords: words,
        wordCount: words,
        forms: 1,
        coldBuildMs: 100,
        coldBuildsMs: [100, 120],
        tokenBuildMs: 20,
        tokenBuildKnownWordsMs: 10,
        bytesPerWord: 5.1,
        heapGrowth: { heapUsedMb: 1, externalMb: 1, rssMb: 1, bytesPerWord: 6 },
        phrase: {
          query: '"public debt"',
          concordance: { p50Ms: 1, p95Ms: 2, lines: 3 },
          search: { p50Ms: 1, p95Ms: 2, documents: 3, hits: 3, error: null, errorCalls: 0 },
          minisearch: { p50Ms: 1, p95Ms: 2, results: 3 },
          minisearchPhrase: { p50Ms: 1, p95Ms: 2, results: 3 },
          winner: 'MiniSearch (AND)',
        },
        tools,
        warnings: [],
        loadAverage: [1, 1],
      },
    ],
    launch: null,
    mismatches: 0,
  };
  const rows = tokenTable(result);
  assert.equal(rows.find((r) => r.measure.startsWith('token index build'))?.pass, true);
  assert.equal(rows.filter((r) => r.measure.includes('first call after a warm launch')).length, tools.length);
});
