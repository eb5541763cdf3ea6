/**
 * The corpus tools on SOTU (issue 16's speed targets): word list < 300 ms, a KWIC < 100 ms,
 * collocates of a common term < 300 ms, a trend < 100 ms. Each is timed cold (the first call on a
 * freshly loaded corpus, which cuts every passage into terms once) and warm (median of 5, what the
 * next tool on the same corpus costs). Prints figures; asserts nothing.
 */
import { collocates } from '../app/core/corpusTools/collocates';
import { concordance } from '../app/core/corpusTools/concordance';
import { ngrams } from '../app/core/corpusTools/ngrams';
import { trend } from '../app/core/corpusTools/trend';
import { wordList } from '../app/core/corpusTools/wordList';
import { makeSearchIndex } from '../app/core/searchIndex';
import { buildIndex } from '../app/core/indexing/buildIndex';
import type { LoadedDocument } from '../app/core/types';

export interface ToolTiming {
  tool: string;
  coldMs: number;
  warmMs: number;
  targetMs: number | null;
}

function time(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

export async function runCorpusToolsBench(load: () => Promise<LoadedDocument[]>): Promise<ToolTiming[]> {
  const docs = await load();
  const index = makeSearchIndex(docs, (await buildIndex(docs)).index);
  const tools: [string, number | null, () => unknown][] = [
    ['word list (whole corpus, 500 rows as the page asks)', 300, () => wordList(docs, { limit: 500 })],
    ['KWIC "government" (all lines, sorted L1)', 100, () => concordance(index, 'government', { sort: 'L1' })],
    ['KWIC "public debt"', 100, () => concordance(index, '"public debt"')],
    ['collocates of "government" (±5, log-Dice)', 300, () => collocates(docs, 'government', { window: 5 })],
    ['trend "war peace" by year', 100, () => trend(docs, ['war', 'peace'], 'year')],
    ['3-grams (min 2)', null, () => ngrams(docs, 3, { limit: 500 })],
  ];
  const out: ToolTiming[] = [];
  for (const [tool, targetMs, fn] of tools) {
    const coldMs = time(fn);
    const warm = Array.from({ length: 5 }, () => time(fn)).sort((a, b) => a - b)[2];
    out.push({ tool, coldMs: Math.round(coldMs), warmMs: Math.round(warm), targetMs });
  }
  return out;
}
