/**
 * Writes a file so that a crash leaves either the old or the new content, never a torn mix (the
 * tag store's durable replace, see annotations/durableFile.ts). A write into a corpus names the
 * corpus (`within`): it lands only on a real path inside it (see corpusJail.ts).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { nodeIo, replaceFile, type DurableIo } from './annotations/durableFile';
import { confirmWriteFolder, realPathInCorpus } from './corpusJail';

export interface AtomicWriteOptions {
  /** The corpus folder the file belongs to: links out of it are refused (LecternError 'forbidden'). */
  within?: string;
  /** The file operations (tests swap one out to simulate a full disk). */
  io?: Partial<DurableIo>;
}

export async function writeFileAtomic(file: string, content: string | Uint8Array, options: AtomicWriteOptions = {}): Promise<void> {
  const target = options.within ? await realPathInCorpus(options.within, file) : file;
  await fs.mkdir(path.dirname(target), { recursive: true });
  if (options.within) await confirmWriteFolder(options.within, target);
  await replaceFile(target, content, { ...nodeIo, ...options.io });
}
