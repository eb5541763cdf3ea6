/**
 * The word list: every term (stem) of a corpus or subcorpus with its frequency, the documents it is
 * in (AntConc's "range") and its frequency per million running words. Counted from the same
 * ContentTerms as keyness and KWIC, so a row's frequency is the number of lines its concordance has.
 */
import { SurfaceForms } from '../analysis/terms';
import type { Unit } from './units';
import { runningWords } from './units';

export interface WordRow {
  term: string;
  /** The form writers use most. */
  form: string;
  forms: string[];
  frequency: number;
  documents: number;
  perMillion: number;
}

export function wordList(units: Unit[]): { rows: WordRow[]; words: number } {
  const freq = new Map<string, number>();
  const docsOf = new Map<string, Set<string>>();
  const forms = new SurfaceForms();
  for (const u of units) {
    forms.addAll(u.terms);
    for (const s of u.terms.stems) {
      freq.set(s, (freq.get(s) ?? 0) + 1);
      (docsOf.get(s) ?? docsOf.set(s, new Set()).get(s)!).add(u.doc.meta.id);
    }
  }
  const words = runningWords(units);
  const rows = [...freq].map(([term, frequency]): WordRow => ({
    term,
    form: forms.of(term),
    forms: forms.formsOf(term),
    frequency,
    documents: docsOf.get(term)!.size,
    perMillion: Math.round((frequency / words) * 1e6 * 100) / 100,
  }));
  rows.sort((a, b) => b.frequency - a.frequency || (a.term < b.term ? -1 : 1));
  return { rows, words };
}
