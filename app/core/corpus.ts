/** Loads a corpus folder into cleaned documents with passages, collecting per-file diagnostics. */
import { readCleaningConfig } from './corpusConfig';
import { CorpusFolderError, currentStamp, listCorpusFiles, readCorpusFile, type CorpusFile } from './corpusFiles';
import type { CleaningConfig } from './cleaning';
import { buildDocument, documentId, fileHash } from './document';
import { WORKER_PARSE_CHARS, WorkerPool } from './workerPool';
import type { Diagnostic, LoadedDocument } from './types';

export interface LoadedCorpus {
  dir: string;
  documents: LoadedDocument[];
  diagnostics: Diagnostic[];
  /** Set when the folder itself cannot be read; documents is then empty. */
  error: string | null;
  config: CleaningConfig;
  /** Whether any document differs from `previous` (built anew, or with a new stamp): the documents cache is then out of date. */
  changed: boolean;
}

export interface LoadOptions {
  /** Documents built earlier, by path: reused when the cleaning config is the same and the file is unchanged (by its stamp, else its bytes). */
  previous?: Map<string, LoadedDocument>;
  onProgress?: (done: number, total: number) => void;
  /** How many files are read at once: enough to hide I/O latency, few enough for 10,000 files. */
  concurrency?: number;
}

export async function loadCorpus(dir: string, options: LoadOptions = {}): Promise<LoadedCorpus> {
  const diagnostics: Diagnostic[] = [];
  let files: string[];
  try {
    files = await listCorpusFiles(dir, diagnostics);
  } catch (e) {
    if (e instanceof CorpusFolderError) {
      return { dir, documents: [], diagnostics, error: e.message, config: { rules: [], userParagraphs: new Set(), key: '' }, changed: true };
    }
    throw e;
  }
  const config = await readCleaningConfig(dir, diagnostics);
  const slots: (LoadedDocument | null)[] = new Array(files.length).fill(null);
  let next = 0;
  let done = 0;
  let pool: ParsePool | undefined;
  async function worker(): Promise<void> {
    while (next < files.length) {
      const i = next++;
      const earlier = options.previous?.get(files[i]);
      const reusable = earlier?.configKey === config.key;
      // Unchanged by its stamp: not even read.
      if (reusable && earlier.stamp && earlier.stamp === (await currentStamp(dir, files[i]))) {
        slots[i] = earlier;
        if (earlier.diagnostics) diagnostics.push(...earlier.diagnostics);
        options.onProgress?.(++done, files.length);
        continue;
      }
      const file = await readCorpusFile(dir, files[i]);
      if ('message' in file) diagnostics.push(file);
      else {
        if (reusable && earlier.contentHash === fileHash(file.bytes)) {
          slots[i] = earlier.stamp === file.stamp ? earlier : { ...earlier, stamp: file.stamp };
          if (earlier.diagnostics) diagnostics.push(...earlier.diagnostics);
          options.onProgress?.(++done, files.length);
          continue;
        }
        const built = await buildFile(file, config, () => (pool ??= new WorkerPool({ name: 'parseWorker' })));
        if ('failed' in built) diagnostics.push({ file: files[i], severity: 'error', message: built.failed });
        else {
          slots[i] = built.document;
          diagnostics.push(...built.diagnostics);
        }
      }
      options.onProgress?.(++done, files.length);
    }
  }
  try {
    await Promise.all(Array.from({ length: Math.min(options.concurrency ?? 16, files.length) }, worker));
  } finally {
    await pool?.close();
  }

  // Two files can map to one id (a.md and a.txt): keep the first, report the second.
  const byId = new Map<string, LoadedDocument>();
  for (const doc of slots) {
    if (!doc) continue;
    if (byId.has(doc.meta.id)) {
      diagnostics.push({
        file: doc.meta.path,
        severity: 'error',
        message: `has the same document id "${documentId(doc.meta.path)}" as ${byId.get(doc.meta.id)!.meta.path}; rename one of them.`,
      });
    } else byId.set(doc.meta.id, doc);
  }
  diagnostics.sort((a, b) => a.file.localeCompare(b.file));
  const documents = [...byId.values()];
  const changed = documents.length !== (options.previous?.size ?? -1) || documents.some((d) => options.previous!.get(d.meta.path) !== d);
  return { dir, documents, diagnostics, error: null, config, changed };
}

/**
 * Builds one file: a small one here, a large one in a worker within its time and memory budget
 * (parsePool.ts). A Markdown file the worker cannot read is read again as plain text, with a message.
 */
type Built = ReturnType<typeof buildDocument>;
export type ParsePool = WorkerPool<{ file: CorpusFile; config: CleaningConfig }, Built>;

async function buildFile(file: CorpusFile, config: CleaningConfig, pool: () => ParsePool): Promise<Built | { failed: string }> {
  if (file.source.length < WORKER_PARSE_CHARS) {
    try {
      return buildDocument(file, config);
    } catch (e) {
      return { failed: `could not be read as a document (${(e as Error).message}); it was skipped.` };
    }
  }
  const parsed = await pool().run({ file, config });
  if ('value' in parsed) return parsed.value;
  if (file.format === 'md') {
    const plain = await pool().run({ file: { ...file, format: 'txt' }, config });
    if ('value' in plain) {
      const note = {
        file: file.relPath,
        severity: 'warning' as const,
        message: `could not be read as Markdown (${parsed.failed}); it was read as plain text.`,
      };
      const diagnostics = [note, ...plain.value.diagnostics];
      return { document: { ...plain.value.document, diagnostics }, diagnostics };
    }
  }
  return { failed: `could not be read (${parsed.failed}); it was skipped. Split it into smaller files.` };
}
