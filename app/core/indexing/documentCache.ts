/**
 * The corpus's built documents (cleaned text, passages), cached in <corpus>/.lectern/cache/ so that
 * a restart does not parse and clean every file again: a file is rebuilt only if its bytes or the
 * cleaning configuration changed (LoadedDocument.contentHash, configKey).
 */
import path from 'node:path';
import { LOADER_VERSION } from '../cleaning';
import type { LoadedDocument, Passage } from '../types';
import { readCache, saveCache } from './cacheFile';
import { cacheDir } from './indexCache';

const FILE = 'documents.json';

/** A passage's text is its slice of the document's text: the cache leaves it out (a third of the file) and slices it back. */
type CachedDocument = Omit<LoadedDocument, 'passages'> & { passages: (Omit<Passage, 'text'> & { text?: string })[] };

export async function readDocumentCache(corpusDir: string): Promise<Map<string, LoadedDocument> | undefined> {
  const r = await readCache<CachedDocument[]>(path.join(cacheDir(corpusDir), FILE), 'documents', LOADER_VERSION, null);
  // A bad documents cache only costs time: the files are read again (the index cache reports problems).
  if (r.status !== 'ok') return undefined;
  return new Map(r.value.map((d) => [d.meta.path, { ...d, passages: d.passages.map((p) => ({ ...p, text: p.text ?? d.text.slice(p.start, p.end) })) }]));
}

export async function writeDocumentCache(corpusDir: string, docs: LoadedDocument[]): Promise<void> {
  const cached: CachedDocument[] = docs.map((d) => ({ ...d, passages: d.passages.map(({ text: _text, ...p }) => p) }));
  await saveCache(corpusDir, path.join(cacheDir(corpusDir), FILE), 'documents', LOADER_VERSION, '', cached);
}
