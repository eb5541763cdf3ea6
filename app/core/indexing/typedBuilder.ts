/**
 * Assembles the index from per-document analyses straight into typed arrays: the evaluator's
 * postings and the compact cache's vectors, with no Lunr object made. The numbers are stock Lunr's
 * (term indexes in order of first appearance, BM25 with Lunr's b and k1, weights rounded as Lunr
 * rounds them, the same expression in the same operation order as lunr.Builder), so the
 * `lunr.Index` made from the compact form on demand is the one stock Lunr builds (a test checks
 * it byte for byte), and the evaluator answers exactly as Lunr would.
 */
import lunr from 'lunr';
import os from 'node:os';
import { INDEX_FIELDS } from '../searchIndex';
import type { EvalIndex } from '../evaluator/evalIndex';
import type { CompactIndex } from './compactIndex';
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

  // Pass 2: each field vector, sorted by term index (as lunr.Vector keeps them), and the postings.
  const vectorStarts = new Int32Array(R * F + 1);
  const vectorTerms = new Int32Array(pairCount);
  const vectorWeights = new Float64Array(pairCount);
  let order = new Uint32Array(1024);
  let scores = new Float64Array(1024);
  let indexes = new Int32Array(1024);
  pair = 0;
  let v = 0;
  let r = 0;
  for (const a of analyses) {
    for (const e of a.entries) {
      for (let f = 0; f < F; f++) {
        const fa = e.fields[f];
        const n = fa.terms.length;
        if (n > order.length) {
          order = new Uint32Array(n * 2);
          scores = new Float64Array(n * 2);
          indexes = new Int32Array(n * 2);
        }
        const norm = K1 * (1 - B + B * (fa.length / avgLength[f]));
        for (let j = 0; j < n; j++) {
          const t = pairTerm[pair++];
          const tf = fa.tfs[j];
          // Same expression, same operation order as lunr.Builder#createFieldVectors (boosts are 1).
          const score = (idfOf[t] * ((K1 + 1) * tf)) / (norm + tf);
          indexes[j] = t;
          scores[j] = Math.round(score * 1000) / 1000;
          order[j] = j;
          const k = fill[positionOf[t] * F + f]++;
          postRef[k] = r;
          postWeight[k] = scores[j];
        }
        const sorted = order.subarray(0, n).sort((x, y) => indexes[x] - indexes[y]);
        const at = vectorStarts[v];
        for (let j = 0; j < n; j++) {
          vectorTerms[at + j] = indexes[sorted[j]];
          vectorWeights[at + j] = scores[sorted[j]];
        }
        vectorStarts[++v] = at + n;
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
    vectorCount: R * F,
  };
  let compact: CompactIndex | null = null;
  return {
    typed,
    compact: () =>
      (compact ??= {
        format: 'lectern-compact-lunr',
        lunrVersion: lunr.version,
        fields,
        pipeline: searchPipeline.toJSON() as unknown as string[],
        refs,
        terms: sortedTerms,
        termIndexes: Array.from(termIndexBySorted),
        postings: sortedTerms.map((_, p) => fields.map((__, f) => Array.from(postRef.subarray(postStart[p * F + f], postStart[p * F + f + 1])))),
        vectorRefs: Array.from({ length: R * F * 2 }, (_, i) => (i % 2 === 0 ? (i >> 1) % F : Math.floor((i >> 1) / F))),
        vectorStarts: Array.from(vectorStarts),
        vectorTerms: Buffer.from(vectorTerms.buffer, vectorTerms.byteOffset, vectorTerms.byteLength).toString('base64'),
        vectorWeights: Buffer.from(vectorWeights.buffer, vectorWeights.byteOffset, vectorWeights.byteLength).toString('base64'),
        byteOrder: os.endianness(),
      }),
  };
}
