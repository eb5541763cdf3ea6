/** Search over the current index, with the open corpus's tags for tag:NAME and for marking tagged hits. */
import type { LecternApi } from '../common/contract';
import { LecternError } from '../common/errors';
import { search } from '../core/search';
import type { ServiceContext } from './context';
import type { TaggingPart } from './tags';
import { expandSubcorpus } from '../core/filters';
import { savedSubcorporaFor } from './subcorpora';

/** The tags as they are now (another window, the CLI or another server process may have tagged since): `tag:` and the marks read them. */
async function freshTags(ctx: ServiceContext): Promise<TaggingPart | undefined> {
  const tagging = ctx.tagging();
  await tagging?.load?.();
  return tagging ?? undefined;
}

export function searchMethods(ctx: ServiceContext): Pick<LecternApi, 'search' | 'libraryMatches'> {
  return {
    async search(req) {
      if (typeof req?.query !== 'string') throw new LecternError('search needs a query string.');
      const limit = req.limit === undefined ? undefined : Number(req.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new LecternError('The result limit must be a whole number of at least 1.');
      const offset = req.offset === undefined ? undefined : Number(req.offset);
      if (offset !== undefined && (!Number.isInteger(offset) || offset < 0)) throw new LecternError('The result offset must be a whole number of at least 0.');
      return search(ctx.keeper.index, req.query, { limit, offset, hitCount: req.hitCount, tags: await freshTags(ctx), passageText: req.passageText === true });
    },

    // The table filter is a search: every document it finds, with its passage count, and no snippets.
    async libraryMatches(req) {
      // A saved subcorpus (`@eighties`) filters as the query it holds.
      const saved = await savedSubcorporaFor(ctx, req.query);
      let query = req.query;
      try {
        query = saved ? expandSubcorpus(req.query, saved).query : req.query;
      } catch (e) {
        if (e instanceof LecternError) return { query: req.query, documents: [], countsPassages: false, error: { message: e.message } };
        throw e;
      }
      const res = search(ctx.keeper.index, query, { limit: Number.MAX_SAFE_INTEGER, passagesPerDocument: 0, hitCount: 'none', tags: await freshTags(ctx) });
      const documents = res.documents.map((d) => ({ id: d.id, passages: d.passageTotal }));
      // A metadata-only query matches documents, not passages: its hits all count 0.
      return { query: req.query, documents, countsPassages: documents.some((d) => d.passages > 0), error: res.error };
    },
  };
}
