/**
 * The corpus's built documents (cleaned text, passages), cached in <corpus>/.lectern/cache/ so that
 * a restart does not parse and clean every file again: a file is rebuilt only if its bytes or the
 * cleaning configuration changed (LoadedDocument.contentHash, configKey).
 */
import path from 'node:path';
import { LOADER_VERSION } from '../cleaning';
import type { LoadedDocument } from '../types';
import { readCache, writeCache } from './cacheFile';
import { cacheDir } from './indexCache';

const FILE = 'documents.json';

export async function readDocumentCache(corpusDir: string): Promise<Map<string, LoadedDocument> | undefined> {
  const r = await readCache<LoadedDocument[]>(path.join(cacheDir(corpusDir), FILE), 'documents', LOADER_VERSION, null);
  // A bad documents cache only costs time: the files are read again (the index cache reports problems).
  return r.status === 'ok' ? new Map(r.value.map((d) => [d.meta.path, d])) : undefined;
}

export async function writeDocumentCache(corpusDir: string, docs: LoadedDocument[]): Promise<void> {
  try {
    await writeCache(path.join(cacheDir(corpusDir), FILE), 'documents', LOADER_VERSION, '', docs);
  } catch {
    // read-only corpus: no cache, nothing lost
  }
}
