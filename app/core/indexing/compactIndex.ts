/**
 * The index cache's format: a `lunr.Index` without Lunr's JSON redundancy, loaded lazily.
 *
 * Lunr's own serialisation writes every posting as `{ref: {}}`, repeating each passage's ref once per
 * term it contains (a million times on SOTU: 32 of its 42 MB), and `lunr.Index.load` then builds
 * every posting object before the first query. Here the refs are listed once and postings are
 * arrays of ref numbers (JSON.parse reads integers far faster than keyed objects), and a posting
 * becomes Lunr's object only when a query first reaches its term. The index behaves as the one
 * `lunr.Index.load` gives: same postings with the same key order, same vectors, same token set, so
 * the same results and scores (a test checks this).
 *
 * Only for indexes without term metadata (Lectern keeps positions out of the index); an index
 * with metadata has no compact form and is cached in Lunr's own JSON instead.
 */
import os from 'node:os';
import lunr from 'lunr';
import { indexWithLazyTokenSet } from './lazyTokenSet';

export interface CompactIndex {
  format: 'lectern-compact-lunr';
  lunrVersion: string;
  fields: string[];
  pipeline: string[];
  refs: string[];
  /** In Lunr's serialised order (sorted), which the token set is built from. */
  terms: string[];
  /** Each term's `_index` (its position in the field vectors). */
  termIndexes: number[];
  /** Per term, per field (in `fields` order): the ref numbers of its posting, in the posting's key order. */
  postings: number[][][];
  /** Per field vector, in Lunr's order: field number and ref number, flattened. */
  vectorRefs: number[];
  /** Where each vector's (term index, weight) pairs start in the two arrays below; one more entry for the end. */
  vectorStarts: number[];
  /** Term indexes (Int32) and weights (Float64, exact) of every vector, base64: a float as text takes far longer to parse. */
  vectorTerms: string;
  vectorWeights: string;
  /** The byte order the typed arrays were written in (a cache moved to another machine is refused, not misread). */
  byteOrder: 'LE' | 'BE';
}

type Posting = Record<string, unknown> & { _index: number };

/** Lunr's own members, which its type definitions do not declare. */
interface IndexInternals {
  invertedIndex: Record<string, Posting>;
  fieldVectors: Record<string, lunr.Vector>;
  pipeline: lunr.Pipeline;
  fields: string[];
}

/** Parts of Lunr its type definitions leave out. */
const FieldRef = (lunr as unknown as { FieldRef: { joiner: string; fromString(s: string): { fieldName: string; docRef: string } } }).FieldRef;

const NO_METADATA = Object.freeze({});

/** The compact form of an index, or null when its postings carry metadata (positions). */
export function toCompact(index: lunr.Index): CompactIndex | null {
  const { invertedIndex, fieldVectors, pipeline, fields } = index as unknown as IndexInternals;
  const refs: string[] = [];
  const refNumbers = new Map<string, number>();
  const refNumber = (ref: string) => {
    let n = refNumbers.get(ref);
    if (n === undefined) refNumbers.set(ref, (n = refs.push(ref) - 1));
    return n;
  };
  const terms = Object.keys(invertedIndex).sort();
  const termIndexes: number[] = [];
  const postings: number[][][] = [];
  for (const term of terms) {
    const posting = invertedIndex[term];
    termIndexes.push(posting._index);
    const perField: number[][] = [];
    for (const field of fields) {
      const byRef = posting[field] as Record<string, object>;
      const numbers: number[] = [];
      for (const ref in byRef) {
        for (const _key in byRef[ref]) return null; // metadata: no compact form
        numbers.push(refNumber(ref));
      }
      perField.push(numbers);
    }
    postings.push(perField);
  }
  const vectorRefs: number[] = [];
  const vectorStarts: number[] = [0];
  const terms32: number[] = [];
  const weights: number[] = [];
  for (const fieldRef of Object.keys(fieldVectors)) {
    const { fieldName, docRef } = FieldRef.fromString(fieldRef);
    vectorRefs.push(fields.indexOf(fieldName), refNumber(docRef));
    const elements = fieldVectors[fieldRef].toJSON();
    for (let k = 0; k < elements.length; k += 2) {
      terms32.push(elements[k]);
      weights.push(elements[k + 1]);
    }
    vectorStarts.push(terms32.length);
  }
  return {
    format: 'lectern-compact-lunr',
    lunrVersion: lunr.version,
    fields,
    pipeline: pipeline.toJSON() as unknown as string[],
    refs,
    terms,
    termIndexes,
    postings,
    vectorRefs,
    vectorStarts,
    vectorTerms: Buffer.from(Int32Array.from(terms32).buffer).toString('base64'),
    vectorWeights: Buffer.from(Float64Array.from(weights).buffer).toString('base64'),
    byteOrder: os.endianness(),
  };
}

export function isCompactIndex(value: unknown): value is CompactIndex {
  return (value as CompactIndex | null)?.format === 'lectern-compact-lunr';
}

/** A `lunr.Index` over the compact form; postings and vectors are built on first use. Throws on a malformed value. */
export function fromCompact(c: CompactIndex): lunr.Index {
  const n = c.terms.length;
  if (c.termIndexes.length !== n || c.postings.length !== n || c.vectorRefs.length !== 2 * (c.vectorStarts.length - 1)) {
    throw new Error('the compact index is inconsistent (its lists differ in length)');
  }
  for (let i = 1; i < n; i++) if (!(c.terms[i - 1] < c.terms[i])) throw new Error('the compact index is inconsistent (its terms are not sorted)');
  if (c.byteOrder !== os.endianness()) throw new Error(`it was written on a machine of another byte order (${c.byteOrder})`);
  // Scores depend on Lunr's own code: an index from another Lunr is rebuilt, not trusted.
  if (c.lunrVersion !== lunr.version) throw new Error(`it was written for Lunr ${c.lunrVersion}, and this is Lunr ${lunr.version}`);
  // The token set as lunr.Index.load builds it (from the sorted terms), but only if a caller asks.
  return indexWithLazyTokenSet(
    { invertedIndex: lazyPostings(c), fieldVectors: lazyVectors(c), fields: c.fields, pipeline: lunr.Pipeline.load(c.pipeline) },
    () => c.terms,
  );
}

/** Decodes base64 into a fresh (aligned) buffer for a typed array. */
function typed<T>(base64: string, make: (buffer: ArrayBuffer) => T): T {
  const bytes = Buffer.from(base64, 'base64');
  return make(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer);
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

/** Lunr's fieldVectors object; a vector is made when a query first scores its passage. */
function lazyVectors(c: CompactIndex): Record<string, lunr.Vector> {
  const termIndexes = typed(c.vectorTerms, (b) => new Int32Array(b));
  const weights = typed(c.vectorWeights, (b) => new Float64Array(b));
  const count = c.vectorStarts.length - 1;
  if (termIndexes.length !== weights.length || termIndexes.length !== c.vectorStarts[count])
    throw new Error('the compact index is inconsistent (its vectors differ in length)');
  const refNumbers = new Map<string, number>();
  c.refs.forEach((ref, i) => refNumbers.set(ref, i));
  // (field number, ref number) → vector number
  const vectorOf = new Map<number, number>();
  for (let v = 0; v < count; v++) vectorOf.set(c.vectorRefs[2 * v] * c.refs.length + c.vectorRefs[2 * v + 1], v);
  const fieldNumbers = new Map(c.fields.map((f, i) => [f, i]));
  let keys: string[] | null = null;
  return lazyObject(
    (fieldRef) => {
      const cut = fieldRef.indexOf(FieldRef.joiner);
      const field = fieldNumbers.get(fieldRef.slice(0, cut));
      const ref = refNumbers.get(fieldRef.slice(cut + 1));
      const v = cut < 0 || field === undefined || ref === undefined ? undefined : vectorOf.get(field * c.refs.length + ref);
      if (v === undefined) return undefined;
      const elements: number[] = [];
      for (let k = c.vectorStarts[v]; k < c.vectorStarts[v + 1]; k++) elements.push(termIndexes[k], weights[k]);
      return new lunr.Vector(elements);
    },
    // Only a query that is all exclusions lists every vector.
    () => (keys ??= Array.from({ length: count }, (_, v) => `${c.fields[c.vectorRefs[2 * v]]}${FieldRef.joiner}${c.refs[c.vectorRefs[2 * v + 1]]}`)),
  );
}

/** Lunr's invertedIndex object; a posting is made when a query first reaches its term. */
function lazyPostings(c: CompactIndex): Record<string, Posting> {
  const position = new Map<string, number>();
  c.terms.forEach((term, i) => position.set(term, i));
  return lazyObject(
    (term) => {
      const i = position.get(term);
      if (i === undefined) return undefined;
      const posting: Posting = { _index: c.termIndexes[i] };
      c.fields.forEach((field, f) => {
        const byRef: Record<string, object> = {};
        for (const ref of c.postings[i][f]) byRef[c.refs[ref]] = NO_METADATA;
        posting[field] = byRef;
      });
      return posting;
    },
    () => c.terms,
  );
}
