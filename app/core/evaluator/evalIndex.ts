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

interface Vectors {
  count: number;
  /** Field number and entry number of vector v. */
  field(v: number): number;
  ref(v: number): number;
  /** The (term index, weight) pairs of vector v. */
  each(v: number, visit: (termIndex: number, weight: number) => void): void;
}

function assemble(fields: string[], refs: string[], terms: string[], termIndexes: ArrayLike<number>, vectors: Vectors): EvalIndex {
  const F = fields.length;
  const T = terms.length;
  const termIndex = Int32Array.from(termIndexes);
  // Lunr's term index → sorted position.
  let maxIndex = 0;
  for (let p = 0; p < T; p++) if (termIndex[p] > maxIndex) maxIndex = termIndex[p];
  const positionOf = new Int32Array(maxIndex + 1).fill(-1);
  for (let p = 0; p < T; p++) positionOf[termIndex[p]] = p;
  // Two passes over the vectors: count each posting's length, then fill it.
  const counts = new Int32Array(T * F + 1);
  for (let v = 0; v < vectors.count; v++) {
    const f = vectors.field(v);
    vectors.each(v, (ti) => counts[positionOf[ti] * F + f]++);
  }
  const postStart = new Int32Array(T * F + 1);
  for (let k = 0; k < T * F; k++) postStart[k + 1] = postStart[k] + counts[k];
  const total = postStart[T * F];
  const postRef = new Int32Array(total);
  const postWeight = new Float64Array(total);
  const fill = postStart.slice(0, T * F);
  // Vectors in entry order give each posting its entries in ascending entry number.
  const order = Array.from({ length: vectors.count }, (_, v) => v).sort((a, b) => vectors.ref(a) - vectors.ref(b));
  for (const v of order) {
    const f = vectors.field(v);
    const r = vectors.ref(v);
    vectors.each(v, (ti, w) => {
      const k = fill[positionOf[ti] * F + f]++;
      postRef[k] = r;
      postWeight[k] = w;
    });
  }
  return {
    fields,
    refs,
    refNumber: new Map(refs.map((r, i) => [r, i])),
    terms,
    termPosition: new Map(terms.map((t, i) => [t, i])),
    termIndex,
    postStart,
    postRef,
    postWeight,
  };
}

/** Lunr's members that its type definitions leave out. */
interface IndexInternals {
  invertedIndex: Record<string, { _index: number }>;
  fieldVectors: Record<string, lunr.Vector & { elements: number[] }>;
  fields: string[];
}

const JOINER = '/';

/** From a lunr.Index (one built by Lunr, by Lectern's builder, or loaded): reads its vectors once. */
export function evalIndexOf(index: lunr.Index, refs: string[]): EvalIndex {
  const { invertedIndex, fieldVectors, fields } = index as unknown as IndexInternals;
  const terms = Object.keys(invertedIndex).sort();
  const refNumber = new Map(refs.map((r, i) => [r, i]));
  const fieldRefs = Object.keys(fieldVectors);
  const fieldOf = new Int32Array(fieldRefs.length);
  const refOf = new Int32Array(fieldRefs.length);
  fieldRefs.forEach((fr, v) => {
    const cut = fr.indexOf(JOINER);
    fieldOf[v] = fields.indexOf(fr.slice(0, cut));
    const n = refNumber.get(fr.slice(cut + 1));
    if (n === undefined) throw new Error(`the index holds an entry (${fr.slice(cut + 1)}) that the corpus does not`);
    refOf[v] = n;
  });
  return assemble(
    fields,
    refs,
    terms,
    terms.map((t) => invertedIndex[t]._index),
    {
      count: fieldRefs.length,
      field: (v) => fieldOf[v],
      ref: (v) => refOf[v],
      each: (v, visit) => {
        const el = fieldVectors[fieldRefs[v]].elements;
        for (let k = 0; k < el.length; k += 2) visit(el[k], el[k + 1]);
      },
    },
  );
}
