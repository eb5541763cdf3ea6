/** The corpus tools over the open corpus: concordance, word list, n-grams, collocates, keyness, trend (core/corpusTools). */
import type { LecternApi } from '../common/contract';
import type { StopListChoice } from '../common/corpusTools';
import { resolveStopList } from '../core/analysis/stopList';
import { collocates } from '../core/corpusTools/collocates';
import { concordance, concordanceHits, hitSpan } from '../core/corpusTools/concordance';
import { subcorpusKeyness } from '../core/corpusTools/keyness';
import { ngrams } from '../core/corpusTools/ngrams';
import { corpusOverview } from '../core/corpusTools/overview';
import { trend } from '../core/corpusTools/trend';
import { subcorpusOf } from '../core/corpusTools/units';
import { wordList } from '../core/corpusTools/wordList';
import { formsOfKeys, leadingForm } from '../core/tokenIndex/counts';
import { vocabulary } from '../core/tokenIndex/vocabulary';
import type { ServiceContext } from './context';
import { savedSubcorporaFor } from './subcorpora';

type ToolMethods = Pick<LecternApi, 'concordance' | 'wordList' | 'ngrams' | 'collocates' | 'dispersion' | 'keyness' | 'overview' | 'trend'>;

const DEFAULT_ROWS = 200;

export function corpusToolMethods(ctx: ServiceContext): ToolMethods {
  const docs = () => ctx.keeper.corpus.documents;
  const saved = (...texts: (string | undefined)[]) => savedSubcorporaFor(ctx, ...texts);
  const subcorpus = async (query: string | undefined) => subcorpusOf(docs(), query, await saved(query));
  const stopList = async (choice: StopListChoice | undefined) => {
    const list = await resolveStopList(choice, ctx.keeper.corpusDir);
    return { words: list?.words ?? null, label: list?.label ?? null };
  };
  return {
    async concordance(req) {
      const sort = req.sort ?? 'doc';
      const within = req.subcorpus?.trim() ? new Set((await subcorpus(req.subcorpus)).map((d) => d.meta.id)) : undefined;
      const offset = req.offset ?? 0;
      const r = concordance(ctx.keeper.index, req.query, {
        sort,
        context: req.context,
        tags: ctx.tagging() ?? undefined,
        within,
        unit: req.unit,
        regex: req.regex,
        offset,
        limit: req.limit,
      });
      return { query: req.query, subcorpus: req.subcorpus ?? '', sort, unit: r.unit, offset, total: r.total, lines: r.lines, error: r.error };
    },
    async wordList(req) {
      const documents = await subcorpus(req.subcorpus);
      const stop = await stopList(req.stopList);
      const r = wordList(documents, { unit: req.unit, stopWords: stop.words, pattern: req.pattern, limit: req.limit ?? DEFAULT_ROWS });
      return {
        subcorpus: req.subcorpus ?? '',
        unit: r.unit,
        stopList: stop.label,
        words: r.words,
        counted: r.counted,
        documents: documents.length,
        terms: r.terms,
        matching: r.matching,
        pattern: req.pattern ?? '',
        rows: r.rows,
      };
    },
    async ngrams(req) {
      const min = req.min ?? 2;
      const stop = await stopList(req.stopList);
      const r = ngrams(await subcorpus(req.subcorpus), req.n, { unit: req.unit, minFrequency: min, stopWords: stop.words, limit: req.limit ?? DEFAULT_ROWS });
      return { subcorpus: req.subcorpus ?? '', unit: r.unit, stopList: stop.label, n: req.n, min, total: r.total, distinct: r.distinct, rows: r.rows };
    },
    async collocates(req) {
      const documents = await subcorpus(req.subcorpus);
      const min = req.min ?? 3;
      const stop = await stopList(req.stopList);
      const r = collocates(documents, req.term, { unit: req.unit, window: req.window, measure: req.measure, minFrequency: min, stopWords: stop.words });
      const rows = r.rows.slice(0, req.limit ?? DEFAULT_ROWS);
      const ids = new Set(rows.map((row) => vocabulary.findKey(r.unit, row.term)!));
      const forms = r.unit === 'form' ? null : formsOfKeys(documents, r.unit, ids);
      return {
        subcorpus: req.subcorpus ?? '',
        term: req.term,
        ...r,
        stopList: stop.label,
        min,
        rows: rows.map((row) => ({ ...row, form: forms ? leadingForm(forms.get(vocabulary.findKey(r.unit, row.term)!), row.term) : row.term })),
      };
    },
    async dispersion(req) {
      // Only where each hit starts: no lines are made.
      const { hits, error } = concordanceHits(ctx.keeper.index, req.query, { tags: ctx.tagging() ?? undefined });
      const byDoc = new Map<string, number[]>();
      for (const h of hits) (byDoc.get(h.doc.meta.id) ?? byDoc.set(h.doc.meta.id, []).get(h.doc.meta.id)!).push(hitSpan(h)[0]);
      for (const starts of byDoc.values()) starts.sort((a, b) => a - b);
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
      const stop = await stopList(req.stopList);
      const r = subcorpusKeyness(docs(), req.target, req.reference, {
        limit: req.limit,
        subcorpora: await saved(req.target, req.reference),
        unit: req.unit,
        stopWords: stop.words,
        keepFormulas: req.keepFormulas,
      });
      return { ...r, stopList: stop.label };
    },
    async trend(req) {
      const documents = await subcorpus(req.subcorpus);
      return { subcorpus: req.subcorpus ?? '', by: req.by, terms: req.terms, ...trend(documents, req.terms, req.by, req.unit) };
    },
  };
}
