/** Search over the current index, with the open corpus's tags for tag:NAME and for marking tagged hits. */
import type { LecternApi } from '../common/contract';
import { LecternError } from '../common/errors';
import { search } from '../core/search';
import type { ServiceContext } from './context';

export function searchMethods(ctx: ServiceContext): Pick<LecternApi, 'search'> {
  return {
    async search(req) {
      if (typeof req?.query !== 'string') throw new LecternError('search needs a query string.');
      const limit = req.limit === undefined ? undefined : Number(req.limit);
      if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new LecternError('The result limit must be a whole number of at least 1.');
      return search(ctx.keeper.index, req.query, { limit, tags: ctx.tagging() ?? undefined, passageText: req.passageText === true });
    },
  };
}
