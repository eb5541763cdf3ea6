/**
 * The index cache's format: Lunr's index as the evaluator's typed arrays (base64), loaded without
 * making one Lunr object.
 *
 * Lunr's own serialisation writes every posting as `{ref: {}}`, repeating each passage's ref once per
 * term it contains (1.3 million times on SOTU: 49 of its 63 MB), and every field vector beside the
 * postings that hold the same numbers. Here the refs are listed once, the terms once (sorted), and
 * each (term, field) posting is a run of entry numbers with the exact weight Lunr stored for it —
 * which is all a field vector holds too. Loading decodes the arrays and the evaluator answers from
 * them. A `lunr.Index` is made from them only if a caller asks for one, with its postings and its
 * field vectors (the postings transposed) made on first use; it is the one `lunr.Index.load` gives
 * (same postings in the same key order, same vectors, same token set; a test checks this).
 *
 * Only for indexes without term metadata (Lectern keeps positions out of the index); an index
 * with metadata has no compact form and is cached in Lunr's own JSON instead.
 */
import os from 'node:os';
import lunr from 'lunr';
import { evalIndexOf, JOINER, type EvalIndex } from '../evaluator/evalIndex';
import { indexWithLazyTokenSet } from './lazyTokenSet';

export interface CompactIndex {
  format: 'lectern-compact-lunr';
  /** 2: typed postings with weights (1 held JSON postings and separate vectors). */
  layout: 2;
  lunrVersion: string;
  fields: string[];
  pipeline: string[];
  /** Entry number → ref, in the order Lunr added them (the order of its field vectors). */
  refs: string[];
  /** Sorted, as Lunr's token set lists them. */
  terms: string[];
  /** Base64 typed arrays (see EvalIndex): Int32 term indexes per sorted term; Int32 posting starts per (term, field); Int32 entries; Float64 weights. */
  termIndex: string;
  postStart: string;
  postRef: string;
  postWeight: string;
  /** The byte order the typed arrays were written in (a cache moved to another machine is refused, not misread). */
  byteOrder: 'LE' | 'BE';
}

const base64 = (a: Int32Array | Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength).toString('base64');

/** Decodes base64 into a fresh (aligned) buffer for a typed array of `width`-byte elements. */
function typed<T>(data: string, width: number, make: (buffer: ArrayBuffer) => T): T {
  const bytes = Buffer.from(data, 'base64');
  if (bytes.byteLength % width !== 0) throw new Error('the compact index is inconsistent (a list is cut short)');
  return make(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
}

/** The cache's form of a typed index (entries in the order Lunr added them). */
export function compactOfTyped(ei: EvalIndex, pipeline: lunr.Pipeline): CompactIndex {
  return {
    format: 'lectern-compact-lunr',
    layout: 2,
    lunrVersion: lunr.version,
    fields: ei.fields,
    pipeline: pipeline.toJSON() as unknown as string[],
    refs: ei.refs,
    terms: ei.terms,
    termIndex: base64(ei.termIndex),
    postStart: base64(ei.postStart),
    postRef: base64(ei.postRef),
    postWeight: base64(ei.postWeight),
    byteOrder: os.endianness(),
  };
}

/** The compact form of a lunr.Index, or null when its postings carry metadata (positions). */
export function toCompact(index: lunr.Index): CompactIndex | null {
  const { invertedIndex, fieldVectors, pipeline } = index as unknown as {
    invertedIndex: Record<string, Record<string, Record<string, object>>>;
    fieldVectors: Record<string, unknown>;
    pipeline: lunr.Pipeline;
  };
  for (const term in invertedIndex) {
    for (const field in invertedIndex[term]) {
      if (field === '_index') continue;
      for (const ref in invertedIndex[term][field]) for (const _key in invertedIndex[term][field][ref]) return null; // metadata: no compact form
    }
  }
  // Entries in the order Lunr added them: the order of its field vectors.
  const refs = [...new Set(Object.keys(fieldVectors).map((fieldRef) => fieldRef.slice(fieldRef.indexOf(JOINER) + 1)))];
  return compactOfTyped(evalIndexOf(index, refs), pipeline);
}

export function isCompactIndex(value: unknown): value is CompactIndex {
  return (value as CompactIndex | null)?.format === 'lectern-compact-lunr' && (value as CompactIndex).layout === 2;
}

/** The typed index a compact form holds, decoded (entries renumbered to `refs` when given). Throws on a malformed value. */
export function evalIndexOfCompact(c: CompactIndex, refs?: string[]): EvalIndex {
  const F = c.fields.length;
  const T = c.terms.length;
  if (c.byteOrder !== os.endianness()) throw new Error(`it was written on a machine of another byte order (${c.byteOrder})`);
  // Scores depend on Lunr's own code: an index from another Lunr is rebuilt, not trusted.
  if (c.lunrVersion !== lunr.version) throw new Error(`it was written for Lunr ${c.lunrVersion}, and this is Lunr ${lunr.version}`);
  for (let i = 1; i < T; i++) if (!(c.terms[i - 1] < c.terms[i])) throw new Error('the compact index is inconsistent (its terms are not sorted)');
  const termIndex = typed(c.termIndex, 4, (b) => new Int32Array(b));
  const postStart = typed(c.postStart, 4, (b) => new Int32Array(b));
  let postRef = typed(c.postRef, 4, (b) => new Int32Array(b));
  const postWeight = typed(c.postWeight, 8, (b) => new Float64Array(b));
  if (termIndex.length !== T || postStart.length !== T * F + 1 || postRef.length !== postWeight.length || postStart[T * F] !== postRef.length) {
    throw new Error('the compact index is inconsistent (its lists differ in length)');
  }
  for (const r of postRef) if (r < 0 || r >= c.refs.length) throw new Error('the compact index is inconsistent (a posting names no entry)');
  let order = c.refs;
  if (refs && refs !== c.refs) {
    // Renumbered: each posting's entries must stay ascending, so every run is sorted again with its weights.
    const position = new Map(refs.map((r, i) => [r, i]));
    const renumber = Int32Array.from(c.refs, (r) => {
      const n = position.get(r);
      if (n === undefined) throw new Error(`the index holds an entry (${r}) that the corpus does not`);
      return n;
    });
    postRef = postRef.map((r) => renumber[r]);
    for (let k = 0; k < T * F; k++) {
      const lo = postStart[k];
      const hi = postStart[k + 1];
      let sorted = true;
      for (let i = lo + 1; i < hi; i++) if (postRef[i - 1] > postRef[i]) sorted = false;
      if (sorted) continue;
      const idx = Array.from({ length: hi - lo }, (_, i) => lo + i).sort((a, b) => postRef[a] - postRef[b]);
      const rs = idx.map((i) => postRef[i]);
      const ws = idx.map((i) => postWeight[i]);
      postRef.set(rs, lo);
      postWeight.set(ws, lo);
    }
    order = refs;
  }
  return {
    fields: c.fields,
    refs: order,
    refNumber: new Map(order.map((r, i) => [r, i])),
    terms: c.terms,
    termPosition: new Map(c.terms.map((t, i) => [t, i])),
    termIndex,
    postStart,
    postRef,
    postWeight,
  };
}

/**
 * A proxy answering as a plain object with lazily made members: `member(key)` makes one (or says
 * there is none), `keys()` lists them all in order. Made members are kept.
 */
function lazyObject<T>(member: (key: string) => T | undefined, keys: () => string[]): Record<string, T> {
  const get = (made: Record<string, T>, key: string | symbol): T | undefined => {
    if (typeof key !== 'string') return undefined;
    if (key in made) return made[key];
    const value = member(key);
    if (value !== undefined) made[key] = value;
    return value;
  };
  return new Proxy(Object.create(null) as Record<string, T>, {
    get,
    has: (made, key) => get(made, key) !== undefined,
    ownKeys: () => keys(),
    getOwnPropertyDescriptor: (made, key) => {
      const value = get(made, key);
      return value === undefined ? undefined : { value, writable: true, enumerable: true, configurable: true };
    },
  });
}

const NO_METADATA = Object.freeze({});

/** A `lunr.Index` over the compact form; postings, vectors and the token set are made on first use. Throws on a malformed value. */
export function fromCompact(c: CompactIndex): lunr.Index {
  const ei = evalIndexOfCompact(c);
  const F = ei.fields.length;
  const R = ei.refs.length;
  const position = ei.termPosition;
  const invertedIndex = lazyObject(
    (term) => {
      const p = position.get(term);
      if (p === undefined) return undefined;
      const posting: Record<string, unknown> & { _index: number } = { _index: ei.termIndex[p] };
      ei.fields.forEach((field, f) => {
        const byRef: Record<string, object> = {};
        for (let i = ei.postStart[p * F + f]; i < ei.postStart[p * F + f + 1]; i++) byRef[ei.refs[ei.postRef[i]]] = NO_METADATA;
        posting[field] = byRef;
      });
      return posting;
    },
    () => ei.terms,
  );
  // Field vectors are the postings transposed: made all at once, the first time one is read.
  let vectors: { start: Int32Array; terms: Int32Array; weights: Float64Array } | null = null;
  const transpose = () => {
    const count = new Int32Array(R * F + 1);
    for (let p = 0; p < ei.terms.length; p++)
      for (let f = 0; f < F; f++) for (let i = ei.postStart[p * F + f]; i < ei.postStart[p * F + f + 1]; i++) count[ei.postRef[i] * F + f + 1]++;
    for (let v = 0; v < R * F; v++) count[v + 1] += count[v];
    const fill = count.slice(0, R * F);
    const terms = new Int32Array(ei.postRef.length);
    const weights = new Float64Array(ei.postRef.length);
    // In ascending term index, so each vector's elements come out sorted, as lunr.Vector keeps them.
    const byIndex = Array.from({ length: ei.terms.length }, (_, p) => p).sort((a, b) => ei.termIndex[a] - ei.termIndex[b]);
    for (const p of byIndex) {
      for (let f = 0; f < F; f++) {
        for (let i = ei.postStart[p * F + f]; i < ei.postStart[p * F + f + 1]; i++) {
          const k = fill[ei.postRef[i] * F + f]++;
          terms[k] = ei.termIndex[p];
          weights[k] = ei.postWeight[i];
        }
      }
    }
    return { start: count, terms, weights };
  };
  const fieldNumber = new Map(ei.fields.map((f, i) => [f, i]));
  let keys: string[] | null = null;
  const fieldVectors = lazyObject(
    (fieldRef) => {
      const cut = fieldRef.indexOf(JOINER);
      const f = fieldNumber.get(fieldRef.slice(0, cut));
      const r = ei.refNumber.get(fieldRef.slice(cut + 1));
      if (cut < 0 || f === undefined || r === undefined) return undefined;
      vectors ??= transpose();
      const elements: number[] = [];
      for (let k = vectors.start[r * F + f]; k < vectors.start[r * F + f + 1]; k++) elements.push(vectors.terms[k], vectors.weights[k]);
      return new lunr.Vector(elements);
    },
    // In the order Lunr added them: entry by entry, field by field.
    () => (keys ??= ei.refs.flatMap((ref) => ei.fields.map((field) => `${field}${JOINER}${ref}`))),
  );
  // The token set as lunr.Index.load builds it (from the sorted terms), but only if a caller asks.
  return indexWithLazyTokenSet({ invertedIndex, fieldVectors, fields: ei.fields, pipeline: lunr.Pipeline.load(c.pipeline) }, () => ei.terms);
}
