/**
 * Collocates of a node term: the terms within ±window running words of its uses, ranked by an
 * association measure (association.ts). Windows count running words (stop words included, as
 * AntConc's do) but collocates are terms (stems; stop words are not terms), and a window stops at
 * its passage's end. Where two uses of the node are close, a position in both windows counts once
 * (R1 is the positions covered, O11 the collocate's uses among them).
 */
import { LecternError } from '../../common/errors';
import { score, type Contingency, type Measure } from './association';
import { runningWords, type Unit } from './units';

export interface CollocateRow {
  term: string;
  /** Uses within the node's windows (O11). */
  together: number;
  /** Uses in the corpus (C1). */
  frequency: number;
  score: number;
  logDice: number;
  mi: number;
  t: number;
  g2: number;
}

export interface CollocatesResult {
  node: string;
  nodeFrequency: number;
  window: number;
  measure: Measure;
  /** Running words covered by the node's windows (R1) and in the corpus (N). */
  windowWords: number;
  words: number;
  rows: CollocateRow[];
}

export function collocates(units: Unit[], node: string, options: { window?: number; measure?: Measure; minFrequency?: number } = {}): CollocatesResult {
  const window = options.window ?? 5;
  const measure = options.measure ?? 'logdice';
  const minFrequency = options.minFrequency ?? 3;
  if (!Number.isInteger(window) || window < 1 || window > 10) throw new LecternError(`The window is 1 to 10 words each side; ${window} is not.`, 'bad-request');
  const together = new Map<string, number>();
  const frequency = new Map<string, number>();
  let nodeFrequency = 0;
  let windowWords = 0;
  for (const u of units) {
    const { stems, positions, wordCount } = u.terms;
    for (const s of stems) frequency.set(s, (frequency.get(s) ?? 0) + 1);
    const nodeAt = positions.filter((_, i) => stems[i] === node);
    if (!nodeAt.length) continue;
    nodeFrequency += nodeAt.length;
    // The positions the windows cover, the node's own uses left out.
    const covered = new Uint8Array(wordCount);
    for (const p of nodeAt) for (let q = Math.max(0, p - window); q <= Math.min(wordCount - 1, p + window); q++) covered[q] = 1;
    for (const p of nodeAt) covered[p] = 0;
    for (const c of covered) windowWords += c;
    for (let i = 0; i < stems.length; i++) if (covered[positions[i]]) together.set(stems[i], (together.get(stems[i]) ?? 0) + 1);
  }
  const words = runningWords(units);
  const rows: CollocateRow[] = [];
  for (const [term, o11] of together) {
    if (o11 < minFrequency) continue;
    const c: Contingency = { o11, r1: windowWords, c1: frequency.get(term)!, n: words, nodeFrequency };
    rows.push({
      term,
      together: o11,
      frequency: c.c1,
      score: score(measure, c),
      logDice: score('logdice', c),
      mi: score('mi', c),
      t: score('t', c),
      g2: score('g2', c),
    });
  }
  rows.sort((a, b) => b.score - a.score || b.together - a.together || (a.term < b.term ? -1 : 1));
  return { node, nodeFrequency, window, measure, windowWords, words, rows };
}
