/**
 * The word list: every word of a corpus or subcorpus in the unit asked (forms as written by default,
 * lower-cased forms, or stems with all their forms), with its frequency, the documents it is in
 * (AntConc's "range") and its frequency per million running words. Every running word counts unless
 * a stop list is on. Counted from the token index, as the concordance finds its lines, so a row's
 * frequency is the number of lines its concordance (`query` in `unit`) has.
 */
import type { CountUnit } from '../../common/corpusTools';
import { formList, formsOfKeys, leadingForm, StopFilter, unitCounts } from '../tokenIndex/counts';
import { tokenQuery } from '../tokenIndex/patterns';
import { vocabulary } from '../tokenIndex/vocabulary';
import type { LoadedDocument } from '../types';

export interface WordRow {
  /** The unit's key: the form, the lower-cased form or the stem. */
  term: string;
  /** The form writers use most. */
  form: string;
  /** The forms the row adds up, most used first (one for the form unit). */
  forms: string[];
  frequency: number;
  documents: number;
  perMillion: number;
}

export interface WordListOptions {
  unit?: CountUnit;
  stopWords?: ReadonlySet<string> | null;
  /** Only rows whose key a regular expression matches whole (in the unit's keys). */
  pattern?: string;
  limit?: number;
}

export interface WordList {
  rows: WordRow[];
  unit: CountUnit;
  /** Running words of the documents, every token. */
  words: number;
  /** Running words counted (without the stop list's words). */
  counted: number;
  /** Distinct keys counted, before the limit and the pattern. */
  terms: number;
  /** Distinct keys the pattern kept (= terms without a pattern). */
  matching: number;
}

export const perMillion = (n: number, words: number) => (words ? Math.round((n / words) * 1e6 * 100) / 100 : 0);

export function wordList(documents: LoadedDocument[], options: WordListOptions = {}): WordList {
  const unit = options.unit ?? 'form';
  const stop = new StopFilter(options.stopWords ?? null);
  const counts = unitCounts(documents, unit, stop);
  let keys = counts.keys;
  if (options.pattern?.trim()) {
    const q = tokenQuery(options.pattern.trim(), unit, true);
    const only = q.words[0];
    keys = 'marks' in only ? keys.filter((k) => only.marks[k] === 1) : [];
  }
  const { frequency, range } = counts;
  const top = keys
    .slice()
    .sort((a, b) => frequency[b] - frequency[a] || (vocabulary.key(unit, a) < vocabulary.key(unit, b) ? -1 : 1))
    .slice(0, options.limit ?? Number.MAX_SAFE_INTEGER);
  const forms = unit === 'form' ? new Map<number, Map<string, number>>() : formsOfKeys(documents, unit, new Set(top), stop);
  const rows = top.map((k): WordRow => {
    const key = vocabulary.key(unit, k);
    return {
      term: key,
      form: unit === 'form' ? key : leadingForm(forms.get(k), key),
      forms: unit === 'form' ? [key] : formList(forms.get(k)),
      frequency: frequency[k],
      documents: range[k],
      perMillion: perMillion(frequency[k], counts.words),
    };
  });
  return { rows, unit, words: counts.words, counted: counts.counted, terms: counts.keys.length, matching: keys.length };
}
