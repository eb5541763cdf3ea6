/** The tag methods of the contract, served by the open corpus's tag store (core/annotations). */
import type { LecternApi, TagMethodName } from '../common/contract';
import type { TagLookup } from '../core/search';
import { requireTagging, type ServiceContext } from './context';

export interface TaggingPart extends Pick<LecternApi, TagMethodName>, TagLookup {
  reanchorAll(): Promise<void> | void;
  setCoder(name: string): void;
  coders(): string[];
  /** Why the tag store cannot be used (invalid, or from a newer Lectern), or null. */
  problem?(): string | null;
  /** Catches up with what others wrote to the store since (the sync lookups read the state as last loaded). */
  load?(): Promise<void>;
}

/** Each tag method, passed on to the tag store of whichever corpus is open at the time of the call. */
export function tagMethods(ctx: ServiceContext): Pick<LecternApi, TagMethodName> {
  const t = () => requireTagging(ctx);
  return {
    codebook: (req) => t().codebook(req),
    createTag: (req) => t().createTag(req),
    updateTag: (req) => t().updateTag(req),
    mergeTags: (req) => t().mergeTags(req),
    deleteTag: (req) => t().deleteTag(req),
    tagRange: (req) => t().tagRange(req),
    updateAnnotation: (req) => t().updateAnnotation(req),
    deleteAnnotation: (req) => t().deleteAnnotation(req),
    annotations: (req) => t().annotations(req),
    tagMatrix: (req) => t().tagMatrix(req),
    history: (req) => t().history(req),
    undo: (req) => t().undo(req),
    redo: (req) => t().redo(req),
    exportTags: (req) => t().exportTags(req),
    resolveDisagreement: (req) => t().resolveDisagreement(req),
    importTags: async (req) => {
      const r = await t().importTags(req);
      // Attributes were written to front matter: the library and filters must see them.
      if (r.attributes > 0) await ctx.keeper.reload();
      return r;
    },
  };
}
