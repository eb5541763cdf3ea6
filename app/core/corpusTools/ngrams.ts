/**
 * N-grams (2–5): runs of n consecutive running words, stop words included ("the state of the
 * union"), lower-cased with curly apostrophes folded, never across a passage's end. Frequency and
 * range (documents) per n-gram, kept from a minimum frequency.
 */
import { tokens } from '../analysis/tokens';
import { LecternError } from '../../common/errors';
import type { Unit } from './units';

export interface NgramRow {
  ngram: string;
  frequency: number;
  documents: number;
}

const fold = (w: string) => w.toLowerCase().replace(/[’‘‛]/g, "'");

export function ngrams(units: Unit[], n: number, minFrequency = 2): { rows: NgramRow[]; total: number } {
  if (!Number.isInteger(n) || n < 2 || n > 5) throw new LecternError(`N-grams are 2 to 5 words long; ${n} is not.`, 'bad-request');
  const freq = new Map<string, number>();
  const docsOf = new Map<string, Set<string>>();
  let total = 0;
  for (const u of units) {
    const words = tokens(u.passage.text).map((t) => fold(t.text));
    for (let i = 0; i + n <= words.length; i++) {
      const g = words.slice(i, i + n).join(' ');
      total++;
      freq.set(g, (freq.get(g) ?? 0) + 1);
      (docsOf.get(g) ?? docsOf.set(g, new Set()).get(g)!).add(u.doc.meta.id);
    }
  }
  const rows: NgramRow[] = [];
  for (const [ngram, frequency] of freq) if (frequency >= minFrequency) rows.push({ ngram, frequency, documents: docsOf.get(ngram)!.size });
  rows.sort((a, b) => b.frequency - a.frequency || (a.ngram < b.ngram ? -1 : 1));
  return { rows, total };
}
