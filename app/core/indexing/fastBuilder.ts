/**
 * Assembles a standard lunr.Index from per-document analyses: the same inverted index, field
 * vectors (BM25 with Lunr's b and k1, rounded as Lunr rounds) and token set that stock Lunr's
 * Builder produces from the same documents in the same order, so lunr.Index.load and every query
 * behave identically. Bookkeeping is keyed on strings, and corpus-wide statistics (IDF, average
 * field length) are computed once, after all analyses are in.
 */
import lunr from 'lunr';
import { INDEX_FIELDS } from '../searchIndex';
import type { DocAnalysis } from './analysis';
import { indexWithLazyTokenSet } from './lazyTokenSet';

const B = 0.75;
const K1 = 1.2;

type Posting = Record<string, unknown> & { _index: number };

/**
 * Stock Lunr gives every (term, field, document) its own empty metadata object. Search only reads
 * them (MatchData copies what it needs), and without metadata they are all empty, so one frozen
 * object serves them all: a million fewer allocations on a large corpus, the same JSON.
 */
const NO_METADATA = Object.freeze(Object.create(null));

/** lunr.idf's formula, given the document count we already tallied (it would count Object.keys). */
function idf(documentsWithTerm: number, documentCount: number): number {
  const x = (documentCount - documentsWithTerm + 0.5) / (documentsWithTerm + 0.5);
  return Math.log(1 + Math.abs(x));
}

export function assembleIndex(analyses: DocAnalysis[], searchPipeline: lunr.Pipeline): lunr.Index {
  const fields = [...INDEX_FIELDS];
  const fieldCount = fields.length;
  /** Per term, in order of first appearance: its postings as ref lists per field (filled in pass 1). */
  const termRecords = new Map<string, { index: number; refs: string[][]; count: number }>();
  const records: { index: number; refs: string[][]; count: number }[] = [];
  let termIndex = 0;
  let pairCount = 0;
  for (const a of analyses) for (const entry of a.entries) for (const fa of entry.fields) pairCount += fa.terms.length;
  /** Every (field, term) occurrence's term index, in pass-1 order, so pass 2 needs no string lookups. */
  const pairTerm = new Int32Array(pairCount);
  let pair = 0;
  let documentCount = 0;
  const fieldSum = new Array(fieldCount).fill(0);
  const fieldDocs = new Array(fieldCount).fill(0);

  // Pass 1, in the order stock Lunr adds documents: term indexes, postings, field lengths.
  for (const a of analyses) {
    for (const entry of a.entries) {
      documentCount++;
      for (let f = 0; f < fieldCount; f++) {
        const fa = entry.fields[f];
        fieldSum[f] += fa.length;
        fieldDocs[f]++;
        for (const term of fa.terms) {
          let rec = termRecords.get(term);
          if (rec === undefined) {
            rec = { index: termIndex++, refs: Array.from({ length: fieldCount }, () => []), count: 0 };
            termRecords.set(term, rec);
            records.push(rec);
          }
          pairTerm[pair++] = rec.index;
          rec.refs[f].push(entry.ref);
          rec.count++;
        }
      }
    }
  }
  // The inverted index as Lunr holds it, built term by term (far cheaper than interleaved inserts).
  const invertedIndex: Record<string, Posting> = Object.create(null);
  for (const [term, rec] of termRecords) {
    const posting = Object.create(null) as Posting;
    posting._index = rec.index;
    for (let f = 0; f < fieldCount; f++) {
      const byRef: Record<string, unknown> = Object.create(null);
      for (const ref of rec.refs[f]) byRef[ref] = NO_METADATA;
      posting[fields[f]] = byRef;
    }
    invertedIndex[term] = posting;
  }
  const avgLength = fieldSum.map((sum, f) => sum / fieldDocs[f]);

  // Pass 2: field vectors, with each term's IDF computed once.
  const idfOf = new Float64Array(records.length);
  for (const rec of records) idfOf[rec.index] = idf(rec.count, documentCount);
  pair = 0;
  const fieldVectors: Record<string, lunr.Vector> = {};
  let order = new Uint32Array(1024);
  let indexes = new Uint32Array(1024);
  let scores = new Float64Array(1024);
  for (const a of analyses) {
    for (const entry of a.entries) {
      for (let f = 0; f < fields.length; f++) {
        const fa = entry.fields[f];
        const n = fa.terms.length;
        if (n > order.length) {
          order = new Uint32Array(n * 2);
          indexes = new Uint32Array(n * 2);
          scores = new Float64Array(n * 2);
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
        }
        // lunr.Vector keeps its elements sorted by term index.
        const sorted = order.subarray(0, n).sort((x, y) => indexes[x] - indexes[y]);
        const elements: number[] = new Array(n * 2);
        for (let j = 0; j < n; j++) {
          elements[2 * j] = indexes[sorted[j]];
          elements[2 * j + 1] = scores[sorted[j]];
        }
        fieldVectors[`${fields[f]}/${entry.ref}`] = new lunr.Vector(elements);
      }
    }
  }

  // The token set only serves lunr.Index.query: built if a caller ever asks for it.
  return indexWithLazyTokenSet({ invertedIndex, fieldVectors, fields, pipeline: searchPipeline }, () => Object.keys(invertedIndex).sort());
}
