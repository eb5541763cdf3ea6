/**
 * Formulas: wording that recurs across many documents of a corpus — greetings ("Mr. Speaker, Mr.
 * Vice President, Members of Congress"), sign-offs ("Thank you. God bless you, and God bless
 * America."), applause notes, the genre's set phrases. In a comparison they pair passages with each
 * other and crowd keyness while saying nothing about either side's positions, so comparisons leave
 * them out by default (a toggle keeps them; the count of words left out is reported).
 *
 * Wording is formulaic when a run of FORMULA_TERMS (4) consecutive terms — stems, stop words
 * skipped, so that "God bless you, and God bless America" and "God bless you and God bless the
 * United States of America" are the same run — occurs in at least K documents of the corpus,
 * K = max(MIN_DOCUMENTS, 5% of its documents); the formula's span runs from its first term to its
 * last. Tried on SOTU against runs of 5 and 7 raw words: raw words miss the sign-offs (each
 * president words them a little differently) or, shorter, mark the language's common phrases ("in
 * the hands of a"); four terms mark 0.3% of the text, and the samples read were all formulas
 * ("Fellow-Citizens of the Senate and House of Representatives", "fiscal year ending June 30",
 * "envoy extraordinary and minister plenipotentiary", "Mr. Speaker, Mr. President", "God bless
 * you, and God bless America"). Reagan against Obama then aligns on the Constitution, schools,
 * housing and arms control instead of on sign-offs.
 *
 * Runs are hashed (FNV-1a per stem, combined; 30 bits, which Maps key fastest) rather than kept as
 * strings. A collision can only make a run look more common than it is; at SOTU's 1M runs over
 * 2^30 hashes it touches a handful.
 */
import { tokens } from '../analysis/tokens';
import { unitsOf } from '../corpusTools/units';
import type { ContentTerms } from '../analysis/terms';
import type { LoadedDocument } from '../types';

const FORMULA_TERMS = 4;
const MIN_DOCUMENTS = 5;
const SHARE_OF_CORPUS = 0.05;
const MASK = 0x3fffffff;

function wordHash(w: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) h = Math.imul(h ^ w.charCodeAt(i), 0x01000193);
  return h & MASK;
}

export interface Formulas {
  /** Formulaic word spans [start, end) in document offsets, merged, per document id. */
  spans: Map<string, [number, number][]>;
  /** Documents a run must occur in (K). */
  minDocuments: number;
}

const cache = new WeakMap<LoadedDocument[], Formulas>();

/** The corpus's formulas, computed once per loaded corpus (its documents array). */
export function formulasOf(docs: LoadedDocument[]): Formulas {
  let f = cache.get(docs);
  if (!f) cache.set(docs, (f = findFormulas(docs)));
  return f;
}

/** K: the documents a run must occur in, for a corpus of `documents`. */
export function formulaMinDocuments(documents: number): number {
  return Math.max(MIN_DOCUMENTS, Math.ceil(SHARE_OF_CORPUS * documents));
}

function findFormulas(docs: LoadedDocument[]): Formulas {
  const minDocuments = formulaMinDocuments(docs.length);
  const spans = new Map<string, [number, number][]>();
  if (docs.length < minDocuments) return { spans, minDocuments };
  // Per passage: its terms' offsets and the hash of the run starting at each term. The terms are the
  // passage's ContentTerms, cut once per document and shared with the corpus tools.
  const runs = docs.map((d) =>
    unitsOf(d).map(({ terms: t }) => {
      const h = t.stems.map(wordHash);
      const run = new Int32Array(Math.max(0, h.length - FORMULA_TERMS + 1));
      for (let i = 0; i < run.length; i++) {
        let g = h[i];
        for (let k = 1; k < FORMULA_TERMS; k++) g = (Math.imul(g, 0x01000193) ^ h[i + k]) & MASK;
        run[i] = g;
      }
      return { start: t.starts, end: t.ends, run };
    }),
  );
  const documentsWith = new Map<number, number>();
  const lastDoc = new Map<number, number>();
  runs.forEach((passages, d) => {
    for (const { run } of passages)
      for (const g of run)
        if (lastDoc.get(g) !== d) {
          lastDoc.set(g, d);
          documentsWith.set(g, (documentsWith.get(g) ?? 0) + 1);
        }
  });
  docs.forEach((doc, d) => {
    const out: [number, number][] = [];
    for (const { start, end, run } of runs[d]) {
      for (let i = 0; i < run.length; i++) {
        if (documentsWith.get(run[i])! < minDocuments) continue;
        const s = start[i];
        const e = end[i + FORMULA_TERMS - 1];
        const last = out[out.length - 1];
        if (last && s <= last[1]) last[1] = Math.max(last[1], e);
        else out.push([s, e]);
      }
    }
    if (out.length) spans.set(doc.meta.id, out);
  });
  return { spans, minDocuments };
}

type FormulaFree = { terms: ContentTerms; wordsLeftOut: number };

/**
 * Each unit's cut, kept beside its terms (a passage's terms come from the per-document cache), so
 * comparing again, a term's lines or keyness do not cut and filter every passage again. Valid while
 * the formulas (the same spans array) are the same.
 */
const formulaFree = new WeakMap<ContentTerms, { spans: [number, number][] | undefined; result: FormulaFree }>();

/**
 * A unit's terms without its formulaic words, and how many running words it loses: the text a
 * comparison counts when formulas are left out.
 */
export function withoutFormulas(terms: ContentTerms, text: string, offset: number, spans: [number, number][] | undefined): FormulaFree {
  const kept = formulaFree.get(terms);
  if (kept && kept.spans === spans) return kept.result;
  const result = cutFormulas(terms, text, offset, spans);
  formulaFree.set(terms, { spans, result });
  return result;
}

function cutFormulas(terms: ContentTerms, text: string, offset: number, spans: [number, number][] | undefined): FormulaFree {
  if (!spans?.length) return { terms, wordsLeftOut: 0 };
  const inFormula = (s: number, e: number) => spans.some(([a, b]) => a <= s && e <= b);
  let wordsLeftOut = 0;
  for (const t of tokens(text)) if (inFormula(offset + t.start, offset + t.end)) wordsLeftOut++;
  if (!wordsLeftOut) return { terms, wordsLeftOut };
  const out: ContentTerms = { stems: [], surfaces: [], starts: [], ends: [], positions: [], wordCount: terms.wordCount - wordsLeftOut };
  for (let i = 0; i < terms.stems.length; i++) {
    if (inFormula(terms.starts[i], terms.ends[i])) continue;
    out.stems.push(terms.stems[i]);
    out.surfaces.push(terms.surfaces[i]);
    out.starts.push(terms.starts[i]);
    out.ends.push(terms.ends[i]);
    out.positions.push(terms.positions[i]);
  }
  return { terms: out, wordsLeftOut };
}
