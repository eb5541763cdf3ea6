/** The library, a document as the reader shows it, boilerplate marks, re-reading, and switching corpora. */
import type { DocSummary, LecternApi, LibraryView } from '../common/contract';
import { LecternError } from '../common/errors';
import { normaliseParagraph } from '../core/cleaning';
import { similarTo } from '../core/compare/nearDuplicates';
import { readMarkedParagraphs, ruleDescriptions, writeMarkedParagraphs } from '../core/corpusConfig';
import { checkCorpusFolder, makeCorpusFolder } from '../core/corpusFolder';
import { hitHighlights, search } from '../core/search';
import { requireDoc, type ServiceContext } from './context';
import type { RecentCorpora } from './recentCorpora';
import { writeSotuSample } from '../core/sample/sotu';
import { attributeSchema } from '../core/attributes';
import { attributionOf } from '../core/attribution/attribute';

type CorpusMethods = Pick<
  LecternApi,
  | 'library'
  | 'status'
  | 'document'
  | 'attribution'
  | 'markBoilerplate'
  | 'unmarkBoilerplate'
  | 'reindex'
  | 'cancelIndexing'
  | 'openCorpus'
  | 'newCorpus'
  | 'recentCorpora'
  | 'sampleCorpus'
>;

/** The library as the renderer lists it: newest first, with the tag store's problem said at once. */
export function libraryView(ctx: ServiceContext): LibraryView {
  const { keeper } = ctx;
  const corpus = keeper.corpus;
  const similar = similarTo(keeper.similar().pairs);
  const documents: DocSummary[] = corpus.documents.map((d) => ({
    ...d.meta,
    wordCount: d.wordCount,
    passageCount: d.passages.length,
    similarTo: similar.get(d.meta.id) ?? [],
    revision: `${d.contentHash}:${d.configKey}`,
  }));
  documents.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.title.localeCompare(b.title)));
  // A tag store that cannot be used is said at once, in the library, not only at the next change:
  // otherwise months of tags would look simply gone.
  const storeProblem = ctx.tagging()?.problem?.();
  const diagnostics = storeProblem
    ? [{ file: '.lectern/annotations.json', severity: 'error' as const, message: storeProblem }, ...corpus.diagnostics]
    : corpus.diagnostics;
  return {
    corpusDir: keeper.corpusDir,
    documents,
    diagnostics,
    error: corpus.error,
    indexing: keeper.indexing,
    index: keeper.indexInfo,
    generation: keeper.generation,
    attributes: attributeSchema(corpus.documents.map((d) => d.meta)),
  };
}

export function corpusMethods(ctx: ServiceContext, recent: RecentCorpora): CorpusMethods {
  const { keeper } = ctx;
  return {
    library: () => ctx.library(),

    async status() {
      return { generation: keeper.generation, indexing: keeper.indexing };
    },

    async attribution(req) {
      return attributionOf(requireDoc(ctx, req?.id));
    },

    async document(req) {
      const doc = requireDoc(ctx, req?.id);
      const descriptions = ruleDescriptions(keeper.corpus.config);
      let highlights: [number, number][] = [];
      let queryError = null;
      if (req.query && req.query.trim()) {
        try {
          const res = search(keeper.index, req.query, { limit: 0, allPassagesOf: doc.meta.id, hitCount: 'none', tags: ctx.tagging() ?? undefined });
          queryError = res.error;
          highlights = hitHighlights(res, doc.meta.id);
        } catch (e) {
          // A query over the size caps still opens the document, without highlights.
          if (!(e instanceof LecternError && e.code === 'too-large')) throw e;
          queryError = { message: e.message };
        }
      }
      return {
        meta: doc.meta,
        text: doc.text,
        passages: doc.passages.map(({ id, index, start, end, text, html }) => ({ id, index, start, end, text, html })),
        removed: doc.removed.map((r) => ({ ...r, ruleDescription: descriptions.get(r.rule) ?? r.rule })),
        wordCount: doc.wordCount,
        highlights,
        queryError,
      };
    },

    async markBoilerplate(req) {
      const doc = requireDoc(ctx, req?.docId);
      const passage = doc.passages.find((p) => p.id === req.passageId);
      if (!passage) throw new LecternError(`Document "${doc.meta.id}" has no passage "${req.passageId}". Reload the document and try again.`, 'not-found');
      const marked = await readMarkedParagraphs(keeper.corpusDir);
      if (!marked.some((p) => normaliseParagraph(p.text) === normaliseParagraph(passage.text))) {
        marked.push({ text: passage.text, docId: doc.meta.id, markedAt: new Date().toISOString() });
        await writeMarkedParagraphs(keeper.corpusDir, marked);
      }
      await keeper.reload();
      return ctx.library();
    },

    async unmarkBoilerplate(req) {
      if (typeof req?.text !== 'string') throw new LecternError('unmarkBoilerplate needs the paragraph text.');
      const marked = await readMarkedParagraphs(keeper.corpusDir);
      const kept = marked.filter((p) => normaliseParagraph(p.text) !== normaliseParagraph(req.text));
      if (kept.length === marked.length) throw new LecternError('That paragraph is not marked as boilerplate.', 'not-found');
      await writeMarkedParagraphs(keeper.corpusDir, kept);
      await keeper.reload();
      return ctx.library();
    },

    async reindex() {
      void keeper.reload().catch((e) => console.error('lectern: re-indexing failed:', e));
      return ctx.library();
    },

    async cancelIndexing() {
      keeper.cancel();
      return ctx.library();
    },

    async openCorpus(req) {
      return ctx.switchTo(await checkCorpusFolder(req.dir));
    },

    async newCorpus(req) {
      return ctx.switchTo(await makeCorpusFolder(req.dir));
    },

    async recentCorpora() {
      return recent.list();
    },

    async sampleCorpus(req) {
      const written = await writeSotuSample(req.dir);
      return { ...written, library: req.open ? await ctx.switchTo(written.dir) : null };
    },
  };
}
