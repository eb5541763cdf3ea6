/** Hand-built documents for compare's tests, and the shipped seed corpus loaded once. */
import path from 'node:path';
import { loadCorpus } from '../../../app/core/corpus';
import type { DocumentMeta, LoadedDocument } from '../../../app/core/types';

/** A document whose passages are the given paragraphs, joined by blank lines as the loader does. */
export function makeDoc(id: string, paragraphs: string[], meta: Partial<DocumentMeta> = {}): LoadedDocument {
  let offset = 0;
  const passages = paragraphs.map((text, index) => {
    const start = offset;
    offset += text.length + 2;
    return { id: `${id}-p${index}`, index, start, end: start + text.length, text, html: `<p>${text}</p>` };
  });
  const text = paragraphs.join('\n\n');
  return {
    meta: { id, title: id, speakers: [], date: '', event: '', place: '', outlet: '', kind: '', language: 'en', author: '', source: '', path: `${id}.md`, ...meta },
    text,
    passages,
    removed: [],
    wordCount: text.split(/\s+/).filter(Boolean).length,
    contentHash: id,
    configKey: '',
  };
}

export const SEED_CORPUS = path.resolve(__dirname, '..', '..', '..', 'corpus');
export const HUNT = '2019-03-07-hunt-cybercrime-deterrence';
export const RAAB_AP = '2021-05-12-raab-cooperation-independent';
export const RAAB_WEB = '2021-05-12-raab-international-coalition';

let seeds: Promise<LoadedDocument[]> | null = null;

export function seedDocuments(): Promise<LoadedDocument[]> {
  seeds ??= loadCorpus(SEED_CORPUS).then((c) => {
    if (c.error || c.documents.length !== 3) throw new Error(`seed corpus did not load: ${c.error ?? c.documents.length}`);
    return c.documents;
  });
  return seeds;
}

export function byId(docs: LoadedDocument[], id: string): LoadedDocument {
  const doc = docs.find((d) => d.meta.id === id);
  if (!doc) throw new Error(`no document ${id}`);
  return doc;
}
