/**
 * The corpus's words as they are written (lower-cased, trimmed, possessive dropped: before
 * stemming), each with the index term it is indexed under. Lunr matches a prefix or a fuzzy term
 * against stems, which is wrong both ways: `educat*` finds nothing (the stem is "educ"), and
 * `goverment~1` becomes "gover", one edit from "over" and "cover". Lectern matches the pattern
 * against the words the corpus actually has and searches their stems: `educat*` finds education
 * and educated, `goverment~1` finds government.
 */
import { indexTerm, possessive, scanTokens, trimmer } from '../analysis/tokens';
import lunr from 'lunr';
import type { QueryBudget } from '../queryBudget';
import type { LoadedDocument } from '../types';
import type { EvalIndex } from './evalIndex';
import { expandOver } from './expand';

export interface SurfaceWords {
  /** Sorted distinct written forms. */
  words: string[];
  /** For each, the sorted position of its index term in the typed index, or -1 (none: not indexed). */
  termOf: Int32Array;
}

/** A written form as a query term is compared with it: lower-cased, trimmed, possessive dropped. */
export function surfaceForm(word: string): string {
  let t: lunr.Token | undefined = new lunr.Token(word.toLowerCase(), {});
  t = trimmer(t);
  if (t) t = possessive(t);
  return t ? t.toString() : '';
}

/** Collects distinct raw words, document by document (so the work can be spread out), then sorts them into SurfaceWords. */
class Collector {
  private readonly seen = new Set<string>();
  add(doc: LoadedDocument): void {
    // The text cut as the index cuts it (scanTokens, as analysis.ts does).
    const addText = (text: string) => scanTokens(text, (start, end) => this.seen.add(text.slice(start, end).toLowerCase()));
    addText(doc.meta.title);
    for (const p of doc.passages) addText(p.text);
  }
  finish(ei: EvalIndex): SurfaceWords {
    const forms = new Map<string, number>();
    for (const raw of this.seen) {
      const form = surfaceForm(raw);
      if (!form || forms.has(form)) continue;
      const term = indexTerm(raw);
      forms.set(form, term === null ? -1 : (ei.termPosition.get(term) ?? -1));
    }
    const words = [...forms.keys()].sort();
    return { words, termOf: Int32Array.from(words, (w) => forms.get(w)!) };
  }
}

export function surfaceWords(documents: LoadedDocument[], ei: EvalIndex): SurfaceWords {
  const c = new Collector();
  for (const d of documents) c.add(d);
  return c.finish(ei);
}

/** The same, a few documents at a time between other work (made in the background once a corpus is open). */
export async function surfaceWordsInBackground(documents: LoadedDocument[], ei: EvalIndex): Promise<SurfaceWords> {
  const c = new Collector();
  for (const [i, d] of documents.entries()) {
    c.add(d);
    if (i % 20 === 19) await new Promise((r) => setImmediate(r));
  }
  await new Promise((r) => setImmediate(r));
  return c.finish(ei);
}

/** Index-term positions (sorted, distinct) of the written words a wildcard or fuzzy query term matches. */
export function expandSurface(sw: SurfaceWords, term: string, editDistance: number | undefined, budget?: QueryBudget): number[] {
  const out = new Set<number>();
  for (const i of expandOver(sw.words, term, editDistance, budget)) if (sw.termOf[i] >= 0) out.add(sw.termOf[i]);
  return [...out].sort((a, b) => a - b);
}
