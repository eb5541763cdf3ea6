/**
 * Builds the search index of a corpus: per-document analysis (reused from the cache when a
 * document's text is unchanged, spread over worker threads when there is a lot to do), then one
 * assembly of the standard lunr.Index. Changing one document re-analyses only that one.
 */
import type lunr from 'lunr';
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { configureBuilder } from '../analysis/tokens';
import type { LoadedDocument } from '../types';
import { Analyzer, analysisInput, analysisKey, lecternPipelines, type AnalysisInput, type DocAnalysis } from './analysis';
import { fromCompact, type CompactIndex } from './compactIndex';
import { packInputs, unpackAnalyses, type PackedAnalyses } from './packedAnalyses';
import { assembleTyped } from './typedBuilder';
import type { EvalIndex } from '../evaluator/evalIndex';
import { startCoreWorker } from '../coreWorker';

/** Below this much text, starting workers costs more than it saves. */
const WORKER_THRESHOLD_CHARS = 2_000_000;
/** A document this long is analysed in a worker whatever the total (about 50 ms of this thread's time). */
const LARGE_DOCUMENT_CHARS = 300_000;

export interface BuildOptions {
  /** Analyses from an earlier build, by analysisKey: reused for unchanged documents. */
  previous?: Map<string, DocAnalysis>;
  /** Worker threads for analysis; 0 analyses in this thread. Default: one per core, at most 4, from three cores up (one for a very large document). */
  workers?: number;
  onProgress?: (done: number, total: number) => void;
  signal?: AbortSignal;
  /** Text size from which workers are used (default 2 MB of text). */
  workerThresholdChars?: number;
}

export interface BuiltIndex {
  /** The standard lunr.Index of the corpus, made from the compact form the first time it is read. */
  readonly index: lunr.Index;
  /** What the evaluator answers from (entries in corpus order). */
  typed: EvalIndex;
  /** The cache's form. */
  compact(): CompactIndex;
  /** This build's analyses by analysisKey, to pass as `previous` to the next build. */
  analyses: Map<string, DocAnalysis>;
  reused: number;
  analysed: number;
}

const pipelines = lecternPipelines(configureBuilder);

export class BuildCancelled extends Error {
  constructor() {
    super('Indexing was cancelled.');
  }
}

function startWorker() {
  return startCoreWorker('analysisWorker', path.join(__dirname, 'analysisWorker.ts'), { maxYoungGenerationSizeMb: 64 });
}

const textLength = (d: AnalysisInput) => d.passages.reduce((n, p) => n + p.text.length, 0);

async function analyseInWorkers(docs: AnalysisInput[], count: number, onDone: (n: number) => void, signal?: AbortSignal): Promise<DocAnalysis[]> {
  // Contiguous shares of about equal text, so results come back in document order.
  const total = docs.reduce((n, d) => n + textLength(d), 0);
  const shares: AnalysisInput[][] = [];
  let current: AnalysisInput[] = [];
  let size = 0;
  for (const d of docs) {
    current.push(d);
    size += textLength(d);
    if (size >= total / count && shares.length < count - 1) {
      shares.push(current);
      current = [];
      size = 0;
    }
  }
  if (current.length) shares.push(current);
  const workers: Worker[] = [];
  try {
    const results = await Promise.all(
      shares.map(
        (share) =>
          new Promise<DocAnalysis[]>((resolve, reject) => {
            const w = startWorker();
            workers.push(w);
            w.once('message', (m: PackedAnalyses) => {
              onDone(share.length);
              resolve(unpackAnalyses(m));
            });
            w.once('error', reject);
            w.once('exit', (code) => code !== 0 && reject(signal?.aborted ? new BuildCancelled() : new Error(`index worker exited with code ${code}`)));
            const packed = packInputs(share);
            w.postMessage(packed, [packed.bytes.buffer as ArrayBuffer, packed.layout.buffer as ArrayBuffer]);
          }),
      ),
    );
    return results.flat();
  } finally {
    signal?.removeEventListener('abort', stopAll);
    await Promise.all(workers.map((w) => w.terminate()));
  }
  function stopAll() {
    for (const w of workers) void w.terminate();
  }
}

async function analyseHere(docs: AnalysisInput[], onDone: (n: number) => void, signal?: AbortSignal): Promise<DocAnalysis[]> {
  const analyzer = new Analyzer(pipelines.pipeline);
  const out: DocAnalysis[] = [];
  for (const [i, d] of docs.entries()) {
    if (signal?.aborted) throw new BuildCancelled();
    out.push(analyzer.document(d));
    onDone(1);
    // Let other work (IPC, HTTP) in every few documents.
    if (i % 50 === 49) await new Promise((r) => setImmediate(r));
  }
  return out;
}

export async function buildIndex(docs: LoadedDocument[], options: BuildOptions = {}): Promise<BuiltIndex> {
  const keys = docs.map(analysisKey);
  const slots: (DocAnalysis | undefined)[] = keys.map((k) => options.previous?.get(k));
  const missing = docs.filter((_, i) => !slots[i]).map(analysisInput);
  let done = docs.length - missing.length;
  const progress = (n: number) => {
    done += n;
    options.onProgress?.(done, docs.length);
  };
  options.onProgress?.(done, docs.length);
  const chars = missing.reduce((n, d) => n + textLength(d), 0);
  // On two cores, workers measured slower than one thread for a large corpus (cloning texts in and
  // terms out costs what the second core gains), so they are only used from three cores up — and
  // always for one very large document, which must not hold this thread (issue 13).
  const cores = os.availableParallelism();
  const spread = options.workers ?? (cores > 2 ? Math.min(4, cores) : 0);
  const large = missing.some((d) => textLength(d) >= LARGE_DOCUMENT_CHARS);
  const workers = large && spread === 0 && options.workers === undefined ? 1 : spread;
  // A single large document goes to a worker too: analysing it here would hold this thread (and
  // every request) for its whole length.
  const threshold = options.workerThresholdChars ?? WORKER_THRESHOLD_CHARS;
  const fresh =
    workers > 0 && (chars >= threshold || large)
      ? await analyseInWorkers(missing, workers, progress, options.signal)
      : await analyseHere(missing, progress, options.signal);
  if (options.signal?.aborted) throw new BuildCancelled();
  let next = 0;
  for (let i = 0; i < slots.length; i++) if (!slots[i]) slots[i] = fresh[next++];
  const analyses = slots as DocAnalysis[];
  // Typed arrays only: Lunr's own objects (postings, vectors, token set) are made if a caller reads `index`.
  const built = assembleTyped(analyses, pipelines.searchPipeline);
  let index: lunr.Index | null = null;
  return {
    get index() {
      return (index ??= fromCompact(built.compact()));
    },
    typed: built.typed,
    compact: built.compact,
    analyses: new Map(analyses.map((a, i) => [keys[i], a])),
    reused: docs.length - missing.length,
    analysed: missing.length,
  };
}
