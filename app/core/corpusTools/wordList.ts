/**
 * The word list: every term (stem) of a corpus or subcorpus with its frequency, the documents it is
 * in (AntConc's "range") and its frequency per million running words. Counted from the same
 * ContentTerms as keyness and KWIC, so a row's frequency is the number of lines its concordance has.
 * Each document's counts are made once and kept while it is loaded: a word list of the whole of
 * SOTU then adds up 233 tables instead of walking 1.8M words.
 */
import { SurfaceForms } from '../analysis/terms';
import type { LoadedDocument } from '../types';
import { unitsOf } from './units';

export interface WordRow {
  term: string;
  /** The form writers use most. */
  form: string;
  forms: string[];
  frequency: number;
  documents: number;
  perMillion: number;
}

interface DocumentCounts {
  words: number;
  counts: Map<string, number>;
  /** term → surface form → uses */
  forms: Map<string, Map<string, number>>;
}

const cache = new WeakMap<LoadedDocument, DocumentCounts>();

function countsOf(doc: LoadedDocument): DocumentCounts {
  let c = cache.get(doc);
  if (c) return c;
  c = { words: 0, counts: new Map(), forms: new Map() };
  for (const u of unitsOf(doc)) {
    c.words += u.terms.wordCount;
    const { stems, surfaces } = u.terms;
    for (let i = 0; i < stems.length; i++) {
      c.counts.set(stems[i], (c.counts.get(stems[i]) ?? 0) + 1);
      const f = c.forms.get(stems[i]) ?? c.forms.set(stems[i], new Map()).get(stems[i])!;
      f.set(surfaces[i], (f.get(surfaces[i]) ?? 0) + 1);
    }
  }
  cache.set(doc, c);
  return c;
}

/**
 * The word list, most frequent first. Every term is counted (the total and the order need them all),
 * but the surface forms, which cost a merge per term and document, are gathered only for the first
 * `limit` rows: the rows anyone is shown.
 */
export function wordList(documents: LoadedDocument[], limit = Number.MAX_SAFE_INTEGER): { rows: WordRow[]; words: number; terms: number } {
  const freq = new Map<string, number>();
  const range = new Map<string, number>();
  const counted = documents.map(countsOf);
  let words = 0;
  for (const c of counted) {
    words += c.words;
    for (const [term, n] of c.counts) {
      freq.set(term, (freq.get(term) ?? 0) + n);
      range.set(term, (range.get(term) ?? 0) + 1);
    }
  }
  const top = [...freq].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, limit);
  const forms = new SurfaceForms();
  for (const [term] of top) for (const c of counted) for (const [surface, n] of c.forms.get(term) ?? []) forms.add(term, surface, n);
  const rows = top.map(([term, frequency]): WordRow => ({
    term,
    form: forms.of(term),
    forms: forms.formsOf(term),
    frequency,
    documents: range.get(term)!,
    perMillion: Math.round((frequency / words) * 1e6 * 100) / 100,
  }));
  return { rows, words, terms: freq.size };
}
