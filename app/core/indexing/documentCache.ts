/**
 * The corpus's built documents (cleaned text, passages), cached in <corpus>/.lectern/cache/ so that
 * a restart does not parse and clean every file again: a file is rebuilt only if its bytes or the
 * cleaning configuration changed (LoadedDocument.contentHash, configKey).
 */
import path from 'node:path';
import { LOADER_VERSION } from '../cleaning';
import type { LoadedDocument, Passage } from '../types';
import { analysisKey, ANALYZER_VERSION, knownAnalysisKey } from './analysis';
import { readCache, saveCache } from './cacheFile';
import { cacheDir } from './indexCache';

const FILE = 'documents.json';

/** A passage's text is its slice of the document's text: the cache leaves it out (a third of the file) and slices it back. */
type CachedDocument = Omit<LoadedDocument, 'passages'> & {
  passages: (Omit<Passage, 'text'> & { text?: string })[];
  /** The document's analysisKey and the analyser it was computed for: hashing every text again at each launch took 0.3 s on 6,000 e-mails. */
  analysis?: { version: number; key: string };
};

export async function readDocumentCache(corpusDir: string): Promise<Map<string, LoadedDocument> | undefined> {
  const r = await readCache<CachedDocument[]>(path.join(cacheDir(corpusDir), FILE), 'documents', LOADER_VERSION, null);
  // A bad documents cache only costs time: the files are read again (the index cache reports problems).
  if (r.status !== 'ok') return undefined;
  return new Map(
    r.value.map(({ analysis, ...d }) => {
      const doc: LoadedDocument = { ...d, passages: d.passages.map((p) => ({ ...p, text: p.text ?? d.text.slice(p.start, p.end) })) };
      if (analysis?.version === ANALYZER_VERSION) knownAnalysisKey(doc, analysis.key);
      return [d.meta.path, doc];
    }),
  );
}

export async function writeDocumentCache(corpusDir: string, docs: LoadedDocument[]): Promise<void> {
  const cached: CachedDocument[] = docs.map((d) => ({
    ...d,
    passages: d.passages.map(({ text: _text, ...p }) => p),
    analysis: { version: ANALYZER_VERSION, key: analysisKey(d) },
  }));
  await saveCache(corpusDir, path.join(cacheDir(corpusDir), FILE), 'documents', LOADER_VERSION, '', cached);
}
