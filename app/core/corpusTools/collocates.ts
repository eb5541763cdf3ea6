/**
 * Collocates of a node word: the words within ±window running words of its uses, in one unit
 * (lower-cased forms by default), ranked by an association measure (association.ts). Windows count
 * running words, stop words included, as AntConc's do, and stop at the node's passage's edges; a
 * stop list leaves its words out as collocates (they still take their place in the window). Where two
 * uses of the node are close, a position in both windows counts once (R1 is the positions covered,
 * O11 the collocate's uses among them). Counted from the token index, as the word list is: C1 is the
 * collocate's row in the word list of the same unit.
 */
import type { CountUnit } from '../../common/corpusTools';
import { LecternError } from '../../common/errors';
import { StopFilter, unitCounts } from '../tokenIndex/counts';
import { boundaryBefore, PASSAGE_START, tokensOf } from '../tokenIndex/documentTokens';
import { vocabulary } from '../tokenIndex/vocabulary';
import type { LoadedDocument } from '../types';
import { score, type Contingency, type Measure } from './association';

export interface CollocateRow {
  /** The collocate's key in the unit. */
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
  unit: CountUnit;
  nodeFrequency: number;
  window: number;
  measure: Measure;
  /** Running words covered by the node's windows (R1) and in the corpus (N). */
  windowWords: number;
  words: number;
  rows: CollocateRow[];
}

export interface CollocateOptions {
  unit?: CountUnit;
  window?: number;
  measure?: Measure;
  minFrequency?: number;
  stopWords?: ReadonlySet<string> | null;
}

export function collocates(documents: LoadedDocument[], nodeWord: string, options: CollocateOptions = {}): CollocatesResult {
  const window = options.window ?? 5;
  const measure = options.measure ?? 'logdice';
  const minFrequency = options.minFrequency ?? 3;
  const unit = options.unit ?? 'lower';
  if (!Number.isInteger(window) || window < 1 || window > 10) throw new LecternError(`The window is 1 to 10 words each side; ${window} is not.`, 'bad-request');
  const stop = new StopFilter(options.stopWords ?? null);
  const counts = unitCounts(documents, unit, stop);
  const node = vocabulary.findKey(unit, vocabulary.keyOfWord(unit, nodeWord));
  const together = new Map<number, number>();
  let nodeFrequency = 0;
  let windowWords = 0;
  if (node !== undefined) {
    for (const doc of documents) {
      const t = tokensOf(doc);
      const n = t.forms.length;
      let covered: Uint8Array | null = null;
      for (let i = 0; i < n; i++) {
        if (vocabulary.unitId(unit, t.forms[i]) !== node) continue;
        nodeFrequency++;
        covered ??= new Uint8Array(n);
        // The window, cut at the passage's edges.
        let from = i;
        while (from > i - window && from > 0 && boundaryBefore(t, from) !== PASSAGE_START) from--;
        let to = i;
        while (to < i + window && to + 1 < n && boundaryBefore(t, to + 1) !== PASSAGE_START) to++;
        for (let q = from; q <= to; q++) covered[q] = 1;
      }
      if (!covered) continue;
      // The node's own uses are not in any window.
      for (let i = 0; i < n; i++) if (covered[i] && vocabulary.unitId(unit, t.forms[i]) === node) covered[i] = 0;
      for (let i = 0; i < n; i++) {
        if (!covered[i]) continue;
        windowWords++;
        if (stop.out(t.forms[i])) continue;
        const k = vocabulary.unitId(unit, t.forms[i]);
        together.set(k, (together.get(k) ?? 0) + 1);
      }
    }
  }
  const words = counts.words;
  const rows: CollocateRow[] = [];
  for (const [k, o11] of together) {
    if (o11 < minFrequency) continue;
    const c: Contingency = { o11, r1: windowWords, c1: counts.frequency[k], n: words, nodeFrequency };
    rows.push({
      term: vocabulary.key(unit, k),
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
  return {
    node: node === undefined ? vocabulary.keyOfWord(unit, nodeWord) : vocabulary.key(unit, node),
    unit,
    nodeFrequency,
    window,
    measure,
    windowWords,
    words,
    rows,
  };
}
