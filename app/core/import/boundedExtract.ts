/**
 * Extracts an import in a worker thread within a time and memory budget (workerPool.ts): the HTML,
 * PDF and DOCX parsers run on bytes from the web, and a deeply nested page, a 10,000-page PDF or a
 * zip bomb must cost one refused import with a message, never a stalled or crashed app.
 */
import { errorCodeOf, LecternError } from '../../common/errors';
import { importFailure } from '../../common/formats';
import { WorkerPool } from '../workerPool';
import type { ExtractLimits } from './extract';
import type { Extracted } from './types';

/** How long one import may take to extract. */
export const IMPORT_BUDGET_MS = 30_000;

export async function extractBounded(filename: string, bytes: Buffer, options: { budgetMs?: number; limits?: ExtractLimits } = {}): Promise<Extracted> {
  // One worker per import: imports are rare and interactive, and a fresh worker holds nothing of the last one.
  const pool = new WorkerPool<{ filename: string; bytes: Uint8Array; limits?: ExtractLimits }, Extracted>({
    name: 'importWorker',
    size: 1,
    budgetMs: options.budgetMs ?? IMPORT_BUDGET_MS,
  });
  try {
    const outcome = await pool.run({ filename, bytes, limits: options.limits });
    if ('value' in outcome) return outcome.value;
    // The extractors' own refusals arrive as they were thrown; anything else (a parser's stack
    // overflow, the budget, the heap) is this file's problem, said as such.
    const code = errorCodeOf(outcome.code);
    if (code !== 'internal') throw new LecternError(outcome.failed, code);
    throw new LecternError(
      importFailure(filename, `${outcome.failed.replace(/\.$/, '')}. Save a simpler copy (fewer pages, or the article alone) and import that.`),
      'bad-import',
    );
  } finally {
    await pool.close();
  }
}
