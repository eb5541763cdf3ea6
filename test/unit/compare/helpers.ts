/** The shipped seed corpus for compare's tests, loaded once, and its documents' ids. */
import { loadCorpus } from '../../../app/core/corpus';
import type { LoadedDocument } from '../../../app/core/types';
import { SHIPPED_CORPUS } from '../../helpers/repo';

export const HUNT = '2019-03-07-hunt-cybercrime-deterrence';
export const RAAB_AP = '2021-05-12-raab-cooperation-independent';
export const RAAB_WEB = '2021-05-12-raab-international-coalition';

let seeds: Promise<LoadedDocument[]> | null = null;

export function seedDocuments(): Promise<LoadedDocument[]> {
  seeds ??= loadCorpus(SHIPPED_CORPUS).then((c) => {
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
