/**
 * Lunr's index as typed arrays, for the query evaluator: the sorted terms, each term's Lunr term
 * index, and per (term, field) its posting — the entries that hold the term, in entry order — with
 * the exact weight Lunr stored for it in that entry's field vector. Made once per index, from a
 * lunr.Index, by the typed builder, or decoded from the compact cache (compactIndex.ts), and kept
 * for as long as the index lives.
 */
import type lunr from 'lunr';

export interface EvalIndex {
  fields: string[];
  /** Entry number → Lunr ref ("docId#passageId"). */
  refs: string[];
  refNumber: Map<string, number>;
  /** Sorted, as Lunr's token set lists them. */
  terms: string[];
  termPosition: Map<string, number>;
  /** Sorted position → Lunr's term index (the order of field-vector elements). */
  termIndex: Int32Array;
  /** Postings of (term position p, field f) are [postStart[p·F+f], postStart[p·F+f+1]) of the two arrays below. */
  postStart: Int32Array;
  postRef: Int32Array;
  postWeight: Float64Array;
}

/** Lunr's members that its type definitions leave out. */
interface IndexInternals {
  invertedIndex: Record<string, { _index: number }>;
  fieldVectors: Record<string, lunr.Vector & { elements: number[] }>;
  fields: string[];
}

/** Lunr's separator between field and ref in a field vector's key ("text/doc#p1"). */
export const JOINER = '/';

/**
 * From a lunr.Index (one built by stock Lunr, or loaded): its field vectors read once, in entry
 * order, into postings (each posting's entries ascending), with entries numbered as `refs`.
 */
export function evalIndexOf(index: lunr.Index, refs: string[]): EvalIndex {
  const { invertedIndex, fieldVectors, fields } = index as unknown as IndexInternals;
  const F = fields.length;
  const terms = Object.keys(invertedIndex).sort();
  const T = terms.length;
  const termIndex = Int32Array.from(terms, (t) => invertedIndex[t]._index);
  const refNumber = new Map(refs.map((r, i) => [r, i]));
  // Lunr's term index → sorted position.
  const positionOf = new Int32Array(termIndex.reduce((m, t) => Math.max(m, t), 0) + 1).fill(-1);
  termIndex.forEach((t, p) => (positionOf[t] = p));
  const vectors = Object.keys(fieldVectors).map((fieldRef) => {
    const cut = fieldRef.indexOf(JOINER);
    const ref = refNumber.get(fieldRef.slice(cut + 1));
    if (ref === undefined) throw new Error(`the index holds an entry (${fieldRef.slice(cut + 1)}) that the corpus does not`);
    return { f: fields.indexOf(fieldRef.slice(0, cut)), ref, elements: fieldVectors[fieldRef].elements };
  });
  vectors.sort((a, b) => a.ref - b.ref);
  // Two passes: each posting's length, then its entries and weights.
  const postStart = new Int32Array(T * F + 1);
  for (const v of vectors) for (let k = 0; k < v.elements.length; k += 2) postStart[positionOf[v.elements[k]] * F + v.f + 1]++;
  for (let k = 0; k < T * F; k++) postStart[k + 1] += postStart[k];
  const postRef = new Int32Array(postStart[T * F]);
  const postWeight = new Float64Array(postStart[T * F]);
  const fill = postStart.slice(0, T * F);
  for (const v of vectors) {
    for (let k = 0; k < v.elements.length; k += 2) {
      const at = fill[positionOf[v.elements[k]] * F + v.f]++;
      postRef[at] = v.ref;
      postWeight[at] = v.elements[k + 1];
    }
  }
  return { fields, refs, refNumber, terms, termPosition: new Map(terms.map((t, i) => [t, i])), termIndex, postStart, postRef, postWeight };
}
