/**
 * The corpus's words as they are written (lower-cased, trimmed, possessive dropped: before
 * stemming), each with the index term it is indexed under. Lunr matches a prefix or a fuzzy term
 * against stems, which is wrong both ways: `educat*` finds nothing (the stem is "educ"), and
 * `goverment~1` becomes "gover", one edit from "over" and "cover". Lectern matches the pattern
 * against the words the corpus actually has and searches their stems: `educat*` finds education
 * and educated, `goverment~1` finds government.
 */
import { indexTerm, possessive, tokens, trimmer } from '../analysis/tokens';
import lunr from 'lunr';
import type { QueryBudget } from '../queryBudget';
import type { LoadedDocument } from '../types';
import type { EvalIndex } from './evalIndex';
import { expandOver } from './expand';

export interface SurfaceWords {
  /** Sorted distinct written forms. */
  words: string[];
  /** For each, the sorted position of its index term in the typed index, or -1 (a stop word, not indexed). */
  termOf: Int32Array;
}

/** A written form as a query term is compared with it: lower-cased, trimmed, possessive dropped. */
export function surfaceForm(word: string): string {
  let t: lunr.Token | undefined = new lunr.Token(word.toLowerCase(), {});
  t = trimmer(t);
  if (t) t = possessive(t);
  return t ? t.toString() : '';
}

export function surfaceWords(documents: LoadedDocument[], ei: EvalIndex): SurfaceWords {
  const seen = new Set<string>();
  for (const d of documents) {
    for (const t of tokens(d.meta.title)) seen.add(t.text);
    for (const p of d.passages) for (const t of tokens(p.text)) seen.add(t.text);
  }
  const forms = new Map<string, number>();
  for (const raw of seen) {
    const form = surfaceForm(raw);
    if (!form || forms.has(form)) continue;
    const term = indexTerm(raw);
    forms.set(form, term === null ? -1 : (ei.termPosition.get(term) ?? -1));
  }
  const words = [...forms.keys()].sort();
  return { words, termOf: Int32Array.from(words, (w) => forms.get(w)!) };
}

/** Index-term positions (sorted, distinct) of the written words a wildcard or fuzzy query term matches. */
export function expandSurface(sw: SurfaceWords, term: string, editDistance: number | undefined, budget?: QueryBudget): number[] {
  const out = new Set<number>();
  for (const i of expandOver(sw.words, term, editDistance, budget)) if (sw.termOf[i] >= 0) out.add(sw.termOf[i]);
  return [...out].sort((a, b) => a - b);
}
