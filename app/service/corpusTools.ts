/** The corpus tools over the open corpus: concordance, word list, n-grams, collocates, trend (core/corpusTools). */
import type { LecternApi } from '../common/contract';
import { SurfaceForms } from '../core/analysis/terms';
import { termStem } from '../core/compare/kwic';
import { collocates } from '../core/corpusTools/collocates';
import { concordance } from '../core/corpusTools/concordance';
import { subcorpusKeyness } from '../core/corpusTools/keyness';
import { ngrams } from '../core/corpusTools/ngrams';
import { corpusOverview } from '../core/corpusTools/overview';
import { trend } from '../core/corpusTools/trend';
import { corpusUnits, subcorpusOf } from '../core/corpusTools/units';
import { wordList } from '../core/corpusTools/wordList';
import type { ServiceContext } from './context';
import { savedSubcorporaFor } from './subcorpora';

type ToolMethods = Pick<LecternApi, 'concordance' | 'wordList' | 'ngrams' | 'collocates' | 'dispersion' | 'keyness' | 'overview' | 'trend'>;

const DEFAULT_ROWS = 200;

export function corpusToolMethods(ctx: ServiceContext): ToolMethods {
  const docs = () => ctx.keeper.corpus.documents;
  const saved = (...texts: (string | undefined)[]) => savedSubcorporaFor(ctx, ...texts);
  return {
    async concordance(req) {
      const sort = req.sort ?? 'doc';
      const within = req.subcorpus?.trim() ? new Set(subcorpusOf(docs(), req.subcorpus, await saved(req.subcorpus)).map((d) => d.meta.id)) : undefined;
      const { lines, error } = concordance(ctx.keeper.index, req.query, { sort, context: req.context, tags: ctx.tagging() ?? undefined, within });
      return { query: req.query, subcorpus: req.subcorpus ?? '', sort, total: lines.length, lines: req.limit ? lines.slice(0, req.limit) : lines, error };
    },
    async wordList(req) {
      const documents = subcorpusOf(docs(), req.subcorpus, await saved(req.subcorpus));
      const { rows, words, terms } = wordList(documents, req.limit ?? DEFAULT_ROWS);
      return { subcorpus: req.subcorpus ?? '', words, documents: documents.length, terms, rows };
    },
    async ngrams(req) {
      const min = req.min ?? 2;
      const { rows, total } = ngrams(corpusUnits(docs(), req.subcorpus, await saved(req.subcorpus)).units, req.n, min);
      return { subcorpus: req.subcorpus ?? '', n: req.n, min, total, distinct: rows.length, rows: rows.slice(0, req.limit ?? DEFAULT_ROWS) };
    },
    async collocates(req) {
      const { units } = corpusUnits(docs(), req.subcorpus, await saved(req.subcorpus));
      const min = req.min ?? 3;
      const node = termStem(req.term);
      const r = collocates(units, node, { window: req.window, measure: req.measure, minFrequency: min });
      const forms = new SurfaceForms();
      for (const u of units) forms.addAll(u.terms);
      return {
        subcorpus: req.subcorpus ?? '',
        term: req.term,
        ...r,
        min,
        rows: r.rows.slice(0, req.limit ?? DEFAULT_ROWS).map((row) => ({ ...row, form: forms.of(row.term) })),
      };
    },
    async dispersion(req) {
      const { lines, error } = concordance(ctx.keeper.index, req.query, { sort: 'doc', tags: ctx.tagging() ?? undefined });
      const byDoc = new Map<string, number[]>();
      for (const l of lines) (byDoc.get(l.docId) ?? byDoc.set(l.docId, []).get(l.docId)!).push(l.start);
      const documents = [...byDoc].map(([docId, hits]) => {
        const doc = ctx.keeper.index.byId.get(docId)!;
        return { docId, title: doc.meta.title, date: doc.meta.date, chars: doc.text.length, words: doc.wordCount, hits };
      });
      documents.sort((a, b) => a.date.localeCompare(b.date) || a.docId.localeCompare(b.docId));
      return { query: req.query, error, documents };
    },
    async overview() {
      const tagging = ctx.tagging();
      const recentTags = tagging ? (await tagging.annotations({})).sort((a, b) => b.modified.localeCompare(a.modified)).slice(0, 5) : [];
      const similar = await ctx.keeper.similar();
      return { ...corpusOverview(docs()), recentTags, sameEvent: similar.groups.slice(0, 5) };
    },
    async keyness(req) {
      return subcorpusKeyness(docs(), req.target, req.reference, { limit: req.limit, subcorpora: await saved(req.target, req.reference) });
    },
    async trend(req) {
      const documents = subcorpusOf(docs(), req.subcorpus, await saved(req.subcorpus));
      return { subcorpus: req.subcorpus ?? '', by: req.by, terms: req.terms, ...trend(documents, req.terms, req.by) };
    },
  };
}
