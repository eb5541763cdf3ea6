/** What every part of the service shares: the index keeper, the tag store of the open corpus, and the checks they all make. */
import type { LibraryView } from '../common/contract';
import { LecternError } from '../common/errors';
import type { TaggingPart } from './tags';
import type { IndexKeeper } from './indexKeeper';
import type { LoadedDocument } from '../core/types';

export interface ServiceContext {
  readonly keeper: IndexKeeper;
  /** The tags of the open corpus, or null when it has none (an unreadable folder). */
  tagging(): TaggingPart | null;
  /** Closes the open corpus and opens the (checked) folder `dir`. */
  switchTo(dir: string): Promise<LibraryView>;
  library(): Promise<LibraryView>;
}

export function requireDoc(ctx: ServiceContext, id: unknown): LoadedDocument {
  if (typeof id !== 'string' || id === '') throw new LecternError('A document id is required.');
  const doc = ctx.keeper.index.byId.get(id);
  if (!doc) throw new LecternError(`There is no document "${id}" in this corpus. It may have been renamed or removed; reload the library.`, 'not-found');
  return doc;
}

export function requireTagging(ctx: ServiceContext): TaggingPart {
  const tagging = ctx.tagging();
  if (!tagging) throw new LecternError(ctx.keeper.corpus.error ?? 'Tagging is not available for this corpus.', 'unavailable');
  return tagging;
}

/** Importing or editing needs a corpus folder Lectern could read. */
export function requireWritableCorpus(ctx: ServiceContext): void {
  const error = ctx.keeper.corpus.error;
  if (error) throw new LecternError(`${error} Open another corpus before importing.`, 'unavailable');
}
