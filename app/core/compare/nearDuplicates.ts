/**
 * Documents that report the same event. Two kinds of evidence, either is enough:
 *  - text: the wording overlaps (copies, syndicated or trimmed versions): MinHash over 3-word shingles
 *    of content stems (stop words of the built-in list skipped, each token by its own form) estimates
 *    how much of the smaller text's shingles the other one holds;
 *  - event: the front matter says the same speaker spoke on the same date (at the same event when both
 *    name one), and the two reports talk about the same things (their content vocabularies overlap).
 * Two outlets' reports of one speech are often worded apart (the seed's two Raab reports share five
 * 3-word shingles out of ~190), so text alone cannot find them without also flagging unrelated reports.
 */
import type { LoadedDocument } from '../types';
import { isStopWord } from '../analysis/stopList';
import { contentTerms } from '../analysis/terms';
import type { SimilarGroup, SimilarPair } from '../../common/compare';

export const SHINGLE_WORDS = 3;
export const MINHASH_FUNCTIONS = 128;
/** Share of the smaller text's shingles found in the other: at half, one report is largely a copy. */
export const TEXT_CONTAINMENT_THRESHOLD = 0.5;
/** Matching minima needed before a containment estimate is trusted (one match is often chance). */
const MIN_MATCHING_MINIMA = 3;
/**
 * Vocabulary overlap two reports of one speech must reach. The seed's two Raab reports reach 0.18;
 * Raab's and Hunt's reports, both about cyber security, 0.10 and 0.14: so this only guards against
 * front matter that pairs reports on unrelated subjects, it does not decide by itself.
 */
export const EVENT_VOCABULARY_THRESHOLD = 0.1;

/**
 * A bucket (documents sharing a minimum, or a date and speaker) larger than this links each member
 * to its first one only, not every pair: 10,000 copies of one wire story would otherwise make
 * 50 million candidate pairs (beyond what a Map can hold). The groups come out the same; the pair
 * list then names each copy's likeness to the first rather than to every other copy.
 */
const LARGE_BUCKET = 64;

interface Fingerprint {
  doc: LoadedDocument;
  signature: Uint32Array;
  shingleCount: number;
  vocabulary: Set<string>;
}

/** Seeds of the hash functions: fixed, so results are the same on every run and machine. */
const SEEDS = (() => {
  let state = 0x9e3779b9;
  return Uint32Array.from({ length: MINHASH_FUNCTIONS }, () => {
    // mulberry32
    state = (state + 0x6d2b79f5) | 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  });
})();

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

/** Murmur3's finaliser over the shingle's hash xor a seed: one independent-looking hash per seed. */
function mix(x: number, seed: number): number {
  let h = (x ^ seed) >>> 0;
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

export function fingerprint(doc: LoadedDocument): Fingerprint {
  let print = fingerprints.get(doc);
  if (!print) fingerprints.set(doc, (print = computeFingerprint(doc)));
  return print;
}

/** A loaded document never changes, and an unchanged file keeps its object across reloads: after an edit only that document is fingerprinted again. */
const fingerprints = new WeakMap<LoadedDocument, Fingerprint>();

function computeFingerprint(doc: LoadedDocument): Fingerprint {
  const terms = contentTerms(doc.text);
  const stems = terms.stems.filter((_, i) => !isStopWord(terms.surfaces[i]));
  const shingles = new Set<number>();
  for (let i = 0; i + SHINGLE_WORDS <= stems.length; i++) shingles.add(fnv1a(stems.slice(i, i + SHINGLE_WORDS).join(' ')));
  if (shingles.size === 0 && stems.length > 0) shingles.add(fnv1a(stems.join(' '))); // a text shorter than one shingle
  const signature = new Uint32Array(MINHASH_FUNCTIONS).fill(0xffffffff);
  for (const x of shingles) {
    for (let k = 0; k < MINHASH_FUNCTIONS; k++) {
      const h = mix(x, SEEDS[k]);
      if (h < signature[k]) signature[k] = h;
    }
  }
  return { doc, signature, shingleCount: shingles.size, vocabulary: new Set(stems) };
}

/** Pairs of near-duplicate documents, and the groups they join into. */
export function nearDuplicates(docs: LoadedDocument[]): { pairs: SimilarPair[]; groups: SimilarGroup[] } {
  const prints = docs.filter((d) => d.text.trim() !== '').map(fingerprint);
  const candidates = new Map<string, [number, number]>();
  const addCandidate = (i: number, j: number) => {
    const [a, b] = i < j ? [i, j] : [j, i];
    if (a !== b) candidates.set(`${a}:${b}`, [a, b]);
  };
  const addBucket = (bucket: number[]) => {
    if (bucket.length > LARGE_BUCKET) for (let y = 1; y < bucket.length; y++) addCandidate(bucket[0], bucket[y]);
    else for (let x = 0; x < bucket.length; x++) for (let y = x + 1; y < bucket.length; y++) addCandidate(bucket[x], bucket[y]);
  };
  // Text candidates: documents sharing a minimum under some hash function (each such bucket is
  // exactly one position where their signatures agree), so no pair is compared for nothing.
  const buckets = new Map<string, number[]>();
  prints.forEach((p, i) =>
    p.signature.forEach((h, k) => {
      const key = `${k}:${h}`;
      const bucket = buckets.get(key);
      if (bucket) bucket.push(i);
      else buckets.set(key, [i]);
    }),
  );
  for (const bucket of buckets.values()) addBucket(bucket);
  // Event candidates: same date and speaker.
  const events = new Map<string, number[]>();
  prints.forEach((p, i) => {
    if (!p.doc.meta.date) return;
    for (const s of p.doc.meta.speakers) {
      const key = `${p.doc.meta.date}\u0000${s.toLowerCase()}`;
      const group = events.get(key);
      if (group) group.push(i);
      else events.set(key, [i]);
    }
  });
  for (const group of events.values()) addBucket(group);

  const pairs: SimilarPair[] = [];
  for (const [i, j] of candidates.values()) {
    const pair = judge(prints[i], prints[j]);
    if (pair) pairs.push(pair);
  }
  pairs.sort((x, y) => y.similarity - x.similarity || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
  return { pairs, groups: groupPairs(pairs) };
}

function judge(p: Fingerprint, q: Fingerprint): SimilarPair | null {
  let matches = 0;
  for (let k = 0; k < MINHASH_FUNCTIONS; k++) if (p.signature[k] === q.signature[k]) matches++;
  const textJaccard = matches / MINHASH_FUNCTIONS;
  // |A∩B| = J(|A|+|B|)/(1+J); containment is that over the smaller set.
  const smaller = Math.min(p.shingleCount, q.shingleCount);
  const textContainment = smaller === 0 ? 0 : Math.min(1, (textJaccard * (p.shingleCount + q.shingleCount)) / (1 + textJaccard) / smaller);
  const vocabularyJaccard = jaccard(p.vocabulary, q.vocabulary);
  const a = p.doc.meta.id < q.doc.meta.id ? p.doc.meta.id : q.doc.meta.id;
  const b = a === p.doc.meta.id ? q.doc.meta.id : p.doc.meta.id;
  const base = { a, b, textJaccard: round(textJaccard), textContainment: round(textContainment), vocabularyJaccard: round(vocabularyJaccard) };
  if (matches >= MIN_MATCHING_MINIMA && textContainment >= TEXT_CONTAINMENT_THRESHOLD) return { ...base, similarity: round(textContainment), reason: 'text' };
  if (sameEvent(p.doc, q.doc) && vocabularyJaccard >= EVENT_VOCABULARY_THRESHOLD) return { ...base, similarity: round(vocabularyJaccard), reason: 'event' };
  return null;
}

/** Same speech by the front matter: a shared speaker, the same date, and no two different events. */
export function sameEvent(x: LoadedDocument, y: LoadedDocument): boolean {
  if (!x.meta.date || x.meta.date !== y.meta.date) return false;
  const speakers = new Set(x.meta.speakers.map((s) => s.toLowerCase()));
  if (!y.meta.speakers.some((s) => speakers.has(s.toLowerCase()))) return false;
  const ex = normalEvent(x.meta.event);
  const ey = normalEvent(y.meta.event);
  return ex === '' || ey === '' || ex === ey;
}

function normalEvent(event: string): string {
  return event
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

function jaccard(x: Set<string>, y: Set<string>): number {
  const [small, large] = x.size < y.size ? [x, y] : [y, x];
  let inter = 0;
  for (const s of small) if (large.has(s)) inter++;
  const union = x.size + y.size - inter;
  return union === 0 ? 0 : inter / union;
}

/** Connected documents form one group; its similarity is its weakest link. */
function groupPairs(pairs: SimilarPair[]): SimilarGroup[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    // Path halving keeps the chains short when thousands of copies join one group.
    while (parent.get(x)! !== x) {
      const up = parent.get(parent.get(x)!)!;
      parent.set(x, up);
      x = up;
    }
    return x;
  };
  for (const p of pairs) {
    for (const id of [p.a, p.b]) if (!parent.has(id)) parent.set(id, id);
    const [ra, rb] = [find(p.a), find(p.b)];
    if (ra !== rb) parent.set(ra < rb ? rb : ra, ra < rb ? ra : rb);
  }
  const groups = new Map<string, { ids: Set<string>; similarity: number; pairs: SimilarPair[] }>();
  for (const p of pairs) {
    const root = find(p.a);
    const g = groups.get(root) ?? { ids: new Set<string>(), similarity: 1, pairs: [] };
    g.pairs.push(p);
    g.similarity = Math.min(g.similarity, p.similarity);
    g.ids.add(p.a).add(p.b);
    groups.set(root, g);
  }
  return [...groups.values()]
    .map(({ ids, similarity, pairs: groupPairs }) => ({ documentIds: [...ids].sort(), similarity, pairs: groupPairs }))
    .sort((x, y) => y.similarity - x.similarity || x.documentIds[0].localeCompare(y.documentIds[0]));
}

/** For the library view: each document's near-duplicates, most similar first. */
export function similarTo(pairs: SimilarPair[]): Map<string, { id: string; similarity: number }[]> {
  const out = new Map<string, { id: string; similarity: number }[]>();
  for (const p of pairs) {
    for (const [from, to] of [
      [p.a, p.b],
      [p.b, p.a],
    ]) {
      const list = out.get(from);
      if (list) list.push({ id: to, similarity: p.similarity });
      else out.set(from, [{ id: to, similarity: p.similarity }]);
    }
  }
  for (const list of out.values()) list.sort((x, y) => y.similarity - x.similarity || x.id.localeCompare(y.id));
  return out;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}
