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
 * Runs are read off the token index (content words: running words not on the built-in stop list,
 * by stem) and hashed (FNV-1a per stem number, combined; 30 bits, which Maps key fastest) rather
 * than kept as strings. A collision can only make a run look more common than it is; at SOTU's 1M
 * runs over 2^30 hashes it touches a handful.
 */
import { tokens } from '../analysis/tokens';
import type { ContentTerms } from '../analysis/terms';
import { BUILT_IN_STOP_WORDS } from '../analysis/stopList';
import { StopFilter } from '../tokenIndex/counts';
import { boundaryBefore, PASSAGE_START, tokenSpan, tokensOf, type DocumentTokens } from '../tokenIndex/documentTokens';
import { vocabulary } from '../tokenIndex/vocabulary';
import type { LoadedDocument } from '../types';

const FORMULA_TERMS = 4;
const MIN_DOCUMENTS = 5;
const SHARE_OF_CORPUS = 0.05;
const MASK = 0x3fffffff;

/** A word's hash from its stem's number (FNV-1a over its four bytes). */
function wordHash(stemId: number): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < 4; k++) h = Math.imul(h ^ ((stemId >>> (8 * k)) & 0xff), 0x01000193);
  return h & MASK;
}

/** The words formulas skip: the built-in stop list, whatever list a table uses. */
const STOP = new StopFilter(BUILT_IN_STOP_WORDS);

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

/** Per document: the hash of the run of FORMULA_TERMS content words starting at each, and where each run starts and ends. */
interface DocumentRuns {
  run: Int32Array;
  first: Uint32Array;
  last: Uint32Array;
}

const runsCache = new WeakMap<DocumentTokens, DocumentRuns>();

/**
 * A document's runs, from its token index: content words are the running words not on the built-in
 * stop list, keyed by stem; runs stay within a passage. Made once per document.
 */
function runsOf(doc: LoadedDocument): DocumentRuns {
  const t = tokensOf(doc);
  let r = runsCache.get(t);
  if (r) return r;
  const run: number[] = [];
  const first: number[] = [];
  const last: number[] = [];
  const kept: number[] = []; // token indexes of the passage's content words so far
  const hashes: number[] = [];
  for (let i = 0; i < t.forms.length; i++) {
    if (boundaryBefore(t, i) === PASSAGE_START) {
      kept.length = 0;
      hashes.length = 0;
    }
    const form = t.forms[i];
    if (STOP.out(form)) continue;
    kept.push(i);
    hashes.push(wordHash(vocabulary.unitId('stem', form)));
    const n = kept.length;
    if (n < FORMULA_TERMS) continue;
    let g = hashes[n - FORMULA_TERMS];
    for (let k = n - FORMULA_TERMS + 1; k < n; k++) g = (Math.imul(g, 0x01000193) ^ hashes[k]) & MASK;
    run.push(g);
    first.push(kept[n - FORMULA_TERMS]);
    last.push(i);
  }
  r = { run: Int32Array.from(run), first: Uint32Array.from(first), last: Uint32Array.from(last) };
  runsCache.set(t, r);
  return r;
}

function findFormulas(docs: LoadedDocument[]): Formulas {
  const minDocuments = formulaMinDocuments(docs.length);
  const spans = new Map<string, [number, number][]>();
  if (docs.length < minDocuments) return { spans, minDocuments };
  const runs = docs.map(runsOf);
  // The runs in at least K documents: each document's distinct hashes, all sorted together, counted
  // by runs of equal values (a Map of a million hashes took seconds on SOTU).
  let size = 0;
  const distinct = runs.map(({ run }) => {
    const sorted = run.slice().sort();
    let n = 0;
    for (let i = 0; i < sorted.length; i++) if (i === 0 || sorted[i] !== sorted[i - 1]) sorted[n++] = sorted[i];
    size += n;
    return sorted.subarray(0, n);
  });
  const all = new Int32Array(size);
  let at = 0;
  for (const d of distinct) {
    all.set(d, at);
    at += d.length;
  }
  all.sort();
  const formulaic = new Set<number>();
  for (let i = 0; i < all.length;) {
    let j = i + 1;
    while (j < all.length && all[j] === all[i]) j++;
    if (j - i >= minDocuments) formulaic.add(all[i]);
    i = j;
  }
  docs.forEach((doc, d) => {
    const out: [number, number][] = [];
    const { run, first, last } = runs[d];
    const t = tokensOf(doc);
    for (let i = 0; i < run.length; i++) {
      if (!formulaic.has(run[i])) continue;
      const s = tokenSpan(t, first[i])[0];
      const e = tokenSpan(t, last[i])[1];
      const prev = out[out.length - 1];
      if (prev && s <= prev[1]) prev[1] = Math.max(prev[1], e);
      else out.push([s, e]);
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

/** The formulas of exactly these documents (the same loaded documents), kept for the last few sets asked: keyness asks again as a user pages and sorts. */
const withinCache: { docs: LoadedDocument[]; formulas: Formulas }[] = [];
const WITHIN_CACHE_SIZE = 4;

/**
 * The formulas found within a set of documents (the two sides of a comparison), so that what is
 * left out of a comparison depends only on what is compared: documents outside it cannot make a
 * run formulaic.
 */
export function formulasWithin(docs: LoadedDocument[]): Formulas {
  const sorted = [...docs].sort((a, b) => (a.meta.id < b.meta.id ? -1 : a.meta.id > b.meta.id ? 1 : 0));
  const hit = withinCache.find((c) => c.docs.length === sorted.length && c.docs.every((d, i) => d === sorted[i]));
  if (hit) return hit.formulas;
  const formulas = findFormulas(sorted);
  withinCache.unshift({ docs: sorted, formulas });
  withinCache.length = Math.min(withinCache.length, WITHIN_CACHE_SIZE);
  return formulas;
}
