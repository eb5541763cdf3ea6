/**
 * Assembles the index from per-document analyses straight into typed arrays (the evaluator's
 * postings, which are also the cache's form), with no Lunr object made. The numbers are stock Lunr's
 * (term indexes in order of first appearance, BM25 with Lunr's b and k1, weights rounded as Lunr
 * rounds them, the same expression in the same operation order as lunr.Builder), so the
 * `lunr.Index` made from the compact form on demand is the one stock Lunr builds (a test checks
 * it byte for byte), and the evaluator answers exactly as Lunr would.
 */
import type lunr from 'lunr';
import { INDEX_FIELDS } from '../searchIndex';
import type { EvalIndex } from '../evaluator/evalIndex';
import { compactOfTyped, type CompactIndex } from './compactIndex';
import type { DocAnalysis } from './analysis';

const B = 0.75;
const K1 = 1.2;

/** lunr.idf's formula, given the count we already tallied. */
function idf(documentsWithTerm: number, documentCount: number): number {
  const x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
  return Math.log(1 + Math.abs(x));
}

export interface TypedBuild {
  typed: EvalIndex;
  /** The cache's form (and the source of a lunr.Index), made when asked. */
  compact(): CompactIndex;
}

export function assembleTyped(analyses: DocAnalysis[], searchPipeline: lunr.Pipeline): TypedBuild {
  const fields = [...INDEX_FIELDS];
  const F = fields.length;
  const refs: string[] = [];
  const termIndexOf = new Map<string, number>();
  const termNames: string[] = [];
  let pairCount = 0;
  for (const a of analyses) for (const e of a.entries) for (const fa of e.fields) pairCount += fa.terms.length;
  // Every (entry, field, term) in pass-1 order, as a term index, so pass 2 needs no string lookups.
  const pairTerm = new Int32Array(pairCount);
  const postingCount: number[] = [];
  const fieldSum = new Float64Array(F);
  let pair = 0;

  // Pass 1, in the order stock Lunr adds documents: term indexes, posting sizes, field lengths.
  for (const a of analyses) {
    for (const e of a.entries) {
      refs.push(e.ref);
      for (let f = 0; f < F; f++) {
        const fa = e.fields[f];
        fieldSum[f] += fa.length;
        for (const term of fa.terms) {
          let t = termIndexOf.get(term);
          if (t === undefined) {
            t = termNames.push(term) - 1;
            termIndexOf.set(term, t);
            for (let g = 0; g < F; g++) postingCount.push(0);
          }
          pairTerm[pair++] = t;
          postingCount[t * F + f]++;
        }
      }
    }
  }
  const R = refs.length;
  const T = termNames.length;
  const avgLength = Array.from(fieldSum, (sum) => sum / R);
  const idfOf = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    let n = 0;
    for (let f = 0; f < F; f++) n += postingCount[t * F + f];
    idfOf[t] = idf(n, R);
  }

  // Sorted positions (the evaluator's and the cache's term order) for every term index.
  const sortedTerms = [...termNames].sort();
  const positionOf = new Int32Array(T);
  const termIndexBySorted = new Int32Array(T);
  sortedTerms.forEach((term, p) => {
    const t = termIndexOf.get(term)!;
    positionOf[t] = p;
    termIndexBySorted[p] = t;
  });
  const postStart = new Int32Array(T * F + 1);
  for (let p = 0; p < T; p++) for (let f = 0; f < F; f++) postStart[p * F + f + 1] = postingCount[termIndexBySorted[p] * F + f];
  for (let k = 0; k < T * F; k++) postStart[k + 1] += postStart[k];
  const postRef = new Int32Array(pairCount);
  const postWeight = new Float64Array(pairCount);
  const fill = postStart.slice(0, T * F);

  // Pass 2: each (entry, field, term)'s weight, as its field vector holds it, into the postings.
  pair = 0;
  let r = 0;
  for (const a of analyses) {
    for (const e of a.entries) {
      for (let f = 0; f < F; f++) {
        const fa = e.fields[f];
        const norm = K1 * (1 - B + B * (fa.length / avgLength[f]));
        for (let j = 0; j < fa.terms.length; j++) {
          const t = pairTerm[pair++];
          const tf = fa.tfs[j];
          // Same expression, same operation order as lunr.Builder#createFieldVectors (boosts are 1).
          const score = (idfOf[t] * ((K1 + 1) * tf)) / (norm + tf);
          const k = fill[positionOf[t] * F + f]++;
          postRef[k] = r;
          postWeight[k] = Math.round(score * 1000) / 1000;
        }
      }
      r++;
    }
  }

  const typed: EvalIndex = {
    fields,
    refs,
    refNumber: new Map(refs.map((x, i) => [x, i])),
    terms: sortedTerms,
    termPosition: new Map(sortedTerms.map((x, i) => [x, i])),
    termIndex: termIndexBySorted,
    postStart,
    postRef,
    postWeight,
  };
  let compact: CompactIndex | null = null;
  return { typed, compact: () => (compact ??= compactOfTyped(typed, searchPipeline)) };
}
