/** Compare two sides, keyword in context, near-duplicates and the comparison report, over the current corpus. */
import { Buffer } from 'node:buffer';
import type { Comparison } from '../common/compare';
import type { CompareRequest, LecternApi } from '../common/contract';
import type { LoadedCorpus } from '../core/corpus';
import { LecternError } from '../common/errors';
import { resolveStopList } from '../core/analysis/stopList';
import { compare, compareKwic, type CompareOptions } from '../core/compare/compare';
import { comparisonReport } from '../core/compare/report';
import { requireTagging, type ServiceContext } from './context';
import type { SavedSubcorpora } from '../common/subcorpora';
import { savedSubcorporaFor } from './subcorpora';

type CompareMethods = Pick<LecternApi, 'compare' | 'compareKwic' | 'similar' | 'compareReport'>;

export function compareMethods(ctx: ServiceContext): CompareMethods {
  const documents = () => ctx.keeper.corpus.documents;

  /** The request's narrowing as compare options: tags become their annotation ranges; `saved`, when the caller read them already. */
  async function compareOptions(req: CompareRequest, saved?: SavedSubcorpora): Promise<CompareOptions> {
    if (typeof req?.left !== 'string' || typeof req?.right !== 'string')
      throw new LecternError('Compare needs a left and a right side: document ids or speaker:"Full Name".');
    const options: CompareOptions = {
      threshold: req.threshold,
      quotesOnly: req.quotesOnly,
      keepFormulas: req.keepFormulas,
      wholeDocuments: req.wholeDocuments,
      subcorpora: saved ?? (await savedSubcorporaFor(ctx, req.left, req.right)),
    };
    for (const side of ['left', 'right'] as const) {
      const tagId = req.tagId?.[side];
      if (!tagId) continue;
      const tagging = requireTagging(ctx);
      const tag = (await tagging.codebook({})).find((t) => t.id === tagId);
      if (!tag) throw new LecternError(`There is no tag with id "${tagId}"; it may have been deleted. Choose another tag.`, 'not-found');
      options.tagRanges = { ...options.tagRanges, [side]: tagging.rangesWithTag(tag.name) ?? new Map() };
      options.tagNames = { ...options.tagNames, [side]: tag.name };
    }
    return options;
  }

  /**
   * The last comparison, so that its report (Compare's Report button, `lectern compare --report`) does
   * not compute it again. Reused only for the same request on the same corpus snapshot; a side narrowed
   * to a tag depends on annotations, which change without a new snapshot, so those are never reused.
   */
  let last: { key: string; corpus: LoadedCorpus; result: Promise<Comparison> } | null = null;

  const methods: CompareMethods = {
    async compare(req) {
      // A side named @name is its saved query: saving another query under that name is another comparison.
      const saved = await savedSubcorporaFor(ctx, req.left, req.right);
      const key = JSON.stringify([req.left, req.right, req.threshold, req.quotesOnly, req.keepFormulas, req.wholeDocuments, req.stopList ?? 'none', saved]);
      const corpus = ctx.keeper.corpus;
      // The corpus's stop list is a file that changes without a new snapshot: such a comparison is never reused.
      if (!req.tagId && req.stopList !== 'corpus' && last?.key === key && last.corpus === corpus) return last.result;
      // The term tables' stop list (KWIC needs none: counts are the same with or without it). The
      // corpus's own list is read from its folder on each request: editing it needs no reload.
      const result = Promise.all([compareOptions(req, saved), resolveStopList(req.stopList, ctx.keeper.corpusDir)]).then(([options, stopList]) =>
        compare(corpus.documents, req.left, req.right, { ...options, stopList }),
      );
      last = req.tagId || req.stopList === 'corpus' ? null : { key, corpus, result };
      result.catch(() => {
        if (last?.result === result) last = null;
      });
      return result;
    },
    async compareKwic(req) {
      if (typeof req?.term !== 'string') throw new LecternError('compareKwic needs a term.');
      return compareKwic(documents(), req.left, req.right, req.term, { ...(await compareOptions(req)), stem: req.stem });
    },
    async similar() {
      return ctx.keeper.similar();
    },
    async compareReport(req) {
      const comparison = await methods.compare(req);
      const slug = (s: string) =>
        s
          .replace(/^speaker:/i, '')
          .replace(/[^\p{L}\p{N}]+/gu, '-')
          .replace(/^-|-$/g, '')
          .toLowerCase();
      return {
        filename: `compare-${slug(req.left)}-vs-${slug(req.right)}.md`,
        mime: 'text/markdown',
        base64: Buffer.from(comparisonReport(comparison, documents()), 'utf8').toString('base64'),
      };
    },
  };
  return methods;
}
