/**
 * Passage alignment: for each passage on one side, the most similar passages on the other, by TF-IDF
 * cosine over content stems. Vectors are sparse and the right side is an inverted index, so the cost
 * follows the terms the two sides share, not the product of their passage counts.
 *
 * Stop words (the built-in list, each token by its own form) are left out of the vectors: passages
 * are similar by what they talk about, not by sharing "he said", "the" and "of". Smoothed IDF never
 * reaches zero, so with them in, two passages of four words, "he said" among them, scored 1, and
 * every pair's strongest shared terms were function words.
 */
import { isStopWord } from '../analysis/stopList';
import type { ContentTerms } from '../analysis/terms';

export interface AlignmentOptions {
  /** Lowest cosine that counts as a partner, 0..1. */
  threshold: number;
  /** How many partners each passage keeps (its best ones). */
  maxPartners: number;
}

export const DEFAULT_MAX_PARTNERS = 3;

export interface Alignment {
  /** Indices into the left and right unit lists; ordered by left index, then best score first. */
  pairs: { left: number; right: number; score: number; bestForLeft: boolean; bestForRight: boolean; sharedStems: string[] }[];
  onlyLeft: number[];
  onlyRight: number[];
}

/** A unit as a sparse, L2-normalised vector: term ids ascending, weights beside them. */
interface SparseVector {
  ids: Int32Array;
  weights: Float64Array;
}

export function alignPassages(left: ContentTerms[], right: ContentTerms[], options: AlignmentOptions): Alignment {
  const vocabulary = new Map<string, number>();
  const counted = [...left, ...right].map((t) => termCounts(contentStems(t), vocabulary));
  // IDF over the passages of both sides: a term every passage uses says nothing about which pair belongs together.
  const df = new Int32Array(vocabulary.size);
  for (const counts of counted) for (const id of counts.keys()) df[id]++;
  const n = counted.length;
  // Smoothed IDF (as scikit-learn's): never zero, so two passages that share only common terms still score a little.
  const idf = Float64Array.from(df, (d) => Math.log((1 + n) / (1 + d)) + 1);
  const vectors = counted.map((counts) => toVector(counts, idf));
  const leftVectors = vectors.slice(0, left.length);
  const rightVectors = vectors.slice(left.length);
  const stems = [...vocabulary.keys()];

  // Inverted index of the right side in compressed rows: for term t, units[offsets[t]..offsets[t+1]).
  const offsets = new Int32Array(vocabulary.size + 1);
  for (const v of rightVectors) for (const id of v.ids) offsets[id + 1]++;
  for (let t = 0; t < vocabulary.size; t++) offsets[t + 1] += offsets[t];
  const postingUnit = new Int32Array(offsets[vocabulary.size]);
  const postingWeight = new Float64Array(offsets[vocabulary.size]);
  const fill = offsets.slice(0, vocabulary.size);
  rightVectors.forEach((v, j) => {
    for (let k = 0; k < v.ids.length; k++) {
      const slot = fill[v.ids[k]]++;
      postingUnit[slot] = j;
      postingWeight[slot] = v.weights[k];
    }
  });

  const threshold = Math.max(options.threshold, Number.MIN_VALUE);
  const bestOfLeft = leftVectors.map(() => new TopK(options.maxPartners));
  const bestOfRight = rightVectors.map(() => new TopK(options.maxPartners));
  const scores = new Float64Array(rightVectors.length);
  const touched: number[] = [];
  leftVectors.forEach((v, i) => {
    for (let k = 0; k < v.ids.length; k++) {
      const id = v.ids[k];
      const w = v.weights[k];
      for (let p = offsets[id]; p < offsets[id + 1]; p++) {
        const j = postingUnit[p];
        if (scores[j] === 0) touched.push(j);
        scores[j] += w * postingWeight[p];
      }
    }
    for (const j of touched) {
      const score = Math.min(1, scores[j]);
      if (score >= threshold) {
        bestOfLeft[i].offer(j, score);
        bestOfRight[j].offer(i, score);
      }
      scores[j] = 0;
    }
    touched.length = 0;
  });

  const pairKeys = new Map<string, { left: number; right: number; score: number }>();
  bestOfLeft.forEach((top, i) => top.items.forEach(({ index: j, score }) => pairKeys.set(`${i}:${j}`, { left: i, right: j, score })));
  bestOfRight.forEach((top, j) => top.items.forEach(({ index: i, score }) => pairKeys.set(`${i}:${j}`, { left: i, right: j, score })));
  const pairs = [...pairKeys.values()]
    .sort((a, b) => a.left - b.left || b.score - a.score || a.right - b.right)
    .map((p) => ({
      ...p,
      bestForLeft: bestOfLeft[p.left].items[0]?.index === p.right,
      bestForRight: bestOfRight[p.right].items[0]?.index === p.left,
      sharedStems: sharedByContribution(leftVectors[p.left], rightVectors[p.right]).map((id) => stems[id]),
    }));
  return {
    pairs,
    onlyLeft: bestOfLeft.flatMap((top, i) => (top.items.length === 0 ? [i] : [])),
    onlyRight: bestOfRight.flatMap((top, j) => (top.items.length === 0 ? [j] : [])),
  };
}

/** A unit's stems without its stop words (each token judged by its own form, as stop lists compare); kept per unit's terms, which are themselves kept per document. */
function contentStems(t: ContentTerms): string[] {
  let stems = contentStemsOf.get(t);
  if (!stems) contentStemsOf.set(t, (stems = t.stems.filter((_, i) => !isStopWord(t.surfaces[i]))));
  return stems;
}
const contentStemsOf = new WeakMap<ContentTerms, string[]>();

function termCounts(stems: string[], vocabulary: Map<string, number>): Map<number, number> {
  const counts = new Map<number, number>();
  for (const stem of stems) {
    let id = vocabulary.get(stem);
    if (id === undefined) vocabulary.set(stem, (id = vocabulary.size));
    counts.set(id, (counts.get(id) ?? 0) + 1);
  }
  return counts;
}

/** Sublinear TF (1 + ln tf) times IDF, normalised: a word repeated in one passage should not swamp it. */
function toVector(counts: Map<number, number>, idf: Float64Array): SparseVector {
  const ids = Int32Array.from(counts.keys()).sort();
  const weights = Float64Array.from(ids, (id) => (1 + Math.log(counts.get(id)!)) * idf[id]);
  const norm = Math.hypot(...weights) || 1;
  for (let k = 0; k < weights.length; k++) weights[k] /= norm;
  return { ids, weights };
}

/** Term ids two vectors share, the ones adding most to their cosine first. */
function sharedByContribution(a: SparseVector, b: SparseVector): number[] {
  const shared: { id: number; contribution: number }[] = [];
  let i = 0;
  let j = 0;
  while (i < a.ids.length && j < b.ids.length) {
    if (a.ids[i] === b.ids[j]) {
      shared.push({ id: a.ids[i], contribution: a.weights[i] * b.weights[j] });
      i++;
      j++;
    } else if (a.ids[i] < b.ids[j]) i++;
    else j++;
  }
  return shared.sort((x, y) => y.contribution - x.contribution).map((s) => s.id);
}

/** The k best (index, score) offers, best first; ties keep the earlier index. */
class TopK {
  readonly items: { index: number; score: number }[] = [];
  constructor(private readonly k: number) {}

  offer(index: number, score: number): void {
    const items = this.items;
    if (items.length === this.k && score <= items[items.length - 1].score) return;
    let at = items.length;
    while (at > 0 && items[at - 1].score < score) at--;
    items.splice(at, 0, { index, score });
    if (items.length > this.k) items.pop();
  }
}
