/** Compares two sides (documents or speakers): aligned passages, distinctive terms and their own words. */
import { LecternError } from '../../common/errors';
import type { SavedSubcorpora } from '../../common/subcorpora';
import type { LoadedDocument } from '../types';
import { alignPassages, DEFAULT_MAX_PARTNERS } from './alignment';
import { formulaMinDocuments, formulasWithin, withoutFormulas } from './formulas';
import { DEFAULT_KEY_TERM_LIMIT, keyTerms } from './keyness';
import { DEFAULT_KWIC_LIMIT, DEFAULT_KWIC_WIDTH, kwicLines, termStem, unitTerms } from './kwic';
import { quotesBy } from '../attribution/quotes';
import { assertDistinctSides, resolveSide, type Side, type SideNarrowing, type SideUnit } from './sides';
import { SurfaceForms, TERM_COUNTING, type ContentTerms } from '../analysis/terms';
import type { StopList } from '../analysis/stopList';
import {
  checkThreshold,
  DEFAULT_THRESHOLD,
  type Comparison,
  type KeyTerm,
  type KwicResult,
  type PassageRef,
  type Range,
  type SharedTerm,
} from '../../common/compare';

export interface CompareOptions {
  /** Lowest TF-IDF cosine for two passages to pair, 0..1 (default DEFAULT_THRESHOLD). */
  threshold?: number;
  /** Partners kept per passage (default 3). */
  maxPartners?: number;
  /** Narrow a side to its speaker's own quotations. */
  quotesOnly?: { left?: boolean; right?: boolean };
  /** Compare whole documents (narration and others' words too) instead of what the sides' speakers said. */
  wholeDocuments?: boolean;
  /** Narrow a side to passages overlapping these ranges per document id (one tag's annotations). */
  tagRanges?: { left?: Map<string, Range[]>; right?: Map<string, Range[]> };
  /** Names of those tags, for labels and messages. */
  tagNames?: { left?: string; right?: string };
  /** Terms listed per side in `distinctive` (default 50). */
  keyTermLimit?: number;
  /** Count the corpus's formulas (greetings, sign-offs: formulas.ts) too; by default they are left out. */
  keepFormulas?: boolean;
  /**
   * A stop list the term tables leave out (resolveStopList: the built-in list or the corpus's own):
   * a term whose most used form is on it has no row; counts, sizes, pairs and KWIC are unchanged.
   */
  stopList?: Pick<StopList, 'words' | 'label'> | null;
  /** The corpus's saved subcorpora, for sides written as @name. */
  subcorpora?: SavedSubcorpora;
}

/** Reads a threshold from user input; a clear message for anything not in 0..1. */

function narrowing(options: CompareOptions, which: 'left' | 'right'): SideNarrowing {
  return {
    quotesOnly: options.quotesOnly?.[which],
    wholeDocuments: options.wholeDocuments,
    tagRanges: options.tagRanges?.[which],
    tagName: options.tagNames?.[which],
  };
}

/** The documents a comparison reads: its formulas are found among these and no others. */
function comparedDocuments(sides: { left: Side; right: Side }): LoadedDocument[] {
  return [...new Set([...sides.left.units, ...sides.right.units].map((u) => u.doc))];
}

/**
 * The terms a comparison counts for each unit of a side: its content terms, without the formulas
 * of the compared documents unless they are kept. Keyness, alignment and KWIC all read these, so a
 * cell's count is the lines it opens either way.
 */
function countedTerms(
  compared: LoadedDocument[],
  side: Side,
  keepFormulas: boolean,
): { terms: ContentTerms[]; wordsLeftOut: number; unitsLeftOut: Set<number>; usesLeftOut: Map<string, number> } {
  const all = unitTerms(side.units);
  const unitsLeftOut = new Set<number>();
  const usesLeftOut = new Map<string, number>();
  if (keepFormulas) return { terms: all, wordsLeftOut: 0, unitsLeftOut, usesLeftOut };
  const { spans } = formulasWithin(compared);
  let wordsLeftOut = 0;
  const terms = all.map((t, i) => {
    const u = side.units[i];
    const r = withoutFormulas(t, u.text, u.start, spans.get(u.doc.meta.id));
    wordsLeftOut += r.wordsLeftOut;
    // Each term's uses inside formulas: its uses in the unit less those kept.
    if (r.terms !== t) {
      for (const stem of t.stems) usesLeftOut.set(stem, (usesLeftOut.get(stem) ?? 0) + 1);
      for (const stem of r.terms.stems) usesLeftOut.set(stem, usesLeftOut.get(stem)! - 1);
    }
    // A unit that is nothing but formula (a sign-off paragraph) is set aside whole.
    if (r.wordsLeftOut > 0 && r.terms.wordCount === 0) unitsLeftOut.add(i);
    return r.terms;
  });
  for (const [stem, n] of usesLeftOut) if (n === 0) usesLeftOut.delete(stem);
  return { terms, wordsLeftOut, unitsLeftOut, usesLeftOut };
}

/** Resolves both sides and checks they may be compared: the errors a user can cause, before any work. */
export function resolveSides(docs: LoadedDocument[], left: string, right: string, options: CompareOptions = {}): { left: Side; right: Side } {
  const l = resolveSide(docs, left, narrowing(options, 'left'), options.subcorpora);
  const r = resolveSide(docs, right, narrowing(options, 'right'), options.subcorpora);
  assertDistinctSides(l, r);
  return { left: l, right: r };
}

export function compare(docs: LoadedDocument[], left: string, right: string, options: CompareOptions = {}): Comparison {
  const started = performance.now();
  const threshold = options.threshold === undefined ? DEFAULT_THRESHOLD : checkThreshold(options.threshold);
  const sides = resolveSides(docs, left, right, options);
  const keepFormulas = options.keepFormulas ?? false;
  const compared = comparedDocuments(sides);
  const countedLeft = countedTerms(compared, sides.left, keepFormulas);
  const countedRight = countedTerms(compared, sides.right, keepFormulas);
  const leftTerms = countedLeft.terms;
  const rightTerms = countedRight.terms;
  const maxPartners = options.maxPartners ?? DEFAULT_MAX_PARTNERS;

  const alignment = alignPassages(leftTerms, rightTerms, { threshold, maxPartners });
  const keyness = keyTerms(leftTerms, rightTerms, options.keyTermLimit ?? DEFAULT_KEY_TERM_LIMIT, options.stopList?.words ?? null);
  const ref = (u: SideUnit): PassageRef => ({ docId: u.doc.meta.id, passageId: u.passageId, start: u.start, end: u.end, text: u.text });

  // One order everywhere: best score first, then reading order on the left, then on the right.
  const ordered = [...alignment.pairs].sort((a, b) => b.score - a.score || a.left - b.left || a.right - b.right);
  const pairs = ordered.map((p) => ({
    left: ref(sides.left.units[p.left]),
    right: ref(sides.right.units[p.right]),
    score: round(p.score),
    sharedTerms: sharedTerms(p.sharedStems, leftTerms[p.left], rightTerms[p.right]),
    bestForLeft: p.bestForLeft,
    bestForRight: p.bestForRight,
  }));

  const split = (side: Side) => {
    const own = quotesBy(side.quotes, side.description.speakers);
    return {
      own,
      unattributed: side.quotes.filter((q) => q.speaker === null),
      others: side.quotes.filter((q) => q.speaker !== null && !own.includes(q)),
    };
  };
  const ql = split(sides.left);
  const qr = split(sides.right);
  // A row says how many of its uses the formulas took, on each side.
  const leftOutOf = (k: KeyTerm): KeyTerm => {
    const out: [number, number] = [countedLeft.usesLeftOut.get(k.stem) ?? 0, countedRight.usesLeftOut.get(k.stem) ?? 0];
    return out[0] || out[1] ? { ...k, inFormulas: out } : k;
  };
  return {
    left: { ...sides.left.description, wordCount: keyness.wordsLeft },
    right: { ...sides.right.description, wordCount: keyness.wordsRight },
    threshold,
    pairDefinition: pairDefinition(threshold, maxPartners),
    counting: TERM_COUNTING,
    stopList: options.stopList?.label ?? null,
    pairs,
    onlyLeft: alignment.onlyLeft.filter((i) => !countedLeft.unitsLeftOut.has(i)).map((i) => ref(sides.left.units[i])),
    onlyRight: alignment.onlyRight.filter((j) => !countedRight.unitsLeftOut.has(j)).map((j) => ref(sides.right.units[j])),
    formulas: {
      kept: keepFormulas,
      minDocuments: formulaMinDocuments(compared.length),
      wordsLeftOut: { left: countedLeft.wordsLeftOut, right: countedRight.wordsLeftOut },
      passagesLeftOut: { left: countedLeft.unitsLeftOut.size, right: countedRight.unitsLeftOut.size },
    },
    distinctive: {
      left: keyness.left.map(roundKey).map(leftOutOf),
      right: keyness.right.map(roundKey).map(leftOutOf),
      shared: keyness.shared.map(roundKey).map(leftOutOf),
    },
    quotes: {
      left: ql.own,
      right: qr.own,
      unattributed: { left: ql.unattributed, right: qr.unattributed },
      others: { left: ql.others, right: qr.others },
    },
    tookMs: Math.round(performance.now() - started),
  };
}

/** Keyword-in-context lines for one term on both sides of a comparison (what clicking a term shows). */
export function compareKwic(
  docs: LoadedDocument[],
  left: string,
  right: string,
  term: string,
  options: CompareOptions & { width?: number; limit?: number; stem?: string } = {},
): KwicResult {
  if (term.trim() === '') throw new LecternError('No term given. Click a term or type a word to see it in context.', 'bad-request');
  const sides = resolveSides(docs, left, right, options);
  // A term clicked in a table comes with the stem the table counted: the same query, not a re-stemming.
  const stem = options.stem ?? termStem(term);
  const width = options.width ?? DEFAULT_KWIC_WIDTH;
  const limit = options.limit ?? DEFAULT_KWIC_LIMIT;
  const keepFormulas = options.keepFormulas ?? false;
  const compared = comparedDocuments(sides);
  const onLeft = kwicLines(sides.left.units, stem, width, limit, countedTerms(compared, sides.left, keepFormulas).terms);
  const onRight = kwicLines(sides.right.units, stem, width, limit, countedTerms(compared, sides.right, keepFormulas).terms);
  return { term, stem, left: onLeft.lines, right: onRight.lines, totalLeft: onLeft.total, totalRight: onRight.total };
}

/** The one definition of an aligned pair, as every surface states it. */
export function pairDefinition(threshold: number, maxPartners: number): string {
  return (
    `A pair is a passage of each side whose similarity (TF-IDF cosine over stems, the built-in stop words left out) is ${threshold} or more, ` +
    `where either passage is among the other's ${maxPartners} most similar; a passage can be in several pairs.`
  );
}

/** Where each shared stem occurs in the two passages, shown by its most frequent form there. */
function sharedTerms(stems: string[], left: ContentTerms, right: ContentTerms): SharedTerm[] {
  const wanted = new Set(stems);
  const forms = new SurfaceForms();
  const where = new Map<string, { left: Range[]; right: Range[] }>(stems.map((s) => [s, { left: [], right: [] }]));
  const collect = (t: ContentTerms, side: 'left' | 'right') => {
    for (let i = 0; i < t.stems.length; i++) {
      if (!wanted.has(t.stems[i])) continue;
      forms.add(t.stems[i], t.surfaces[i]);
      where.get(t.stems[i])![side].push([t.starts[i], t.ends[i]]);
    }
  };
  collect(left, 'left');
  collect(right, 'right');
  return stems.map((stem) => ({ term: forms.of(stem), stem, ...where.get(stem)! }));
}

function round(x: number): number {
  return Math.round(x * 10000) / 10000;
}

function roundKey<T extends { g2: number; logRatio: number }>(k: T): T {
  return { ...k, g2: Math.round(k.g2 * 1000) / 1000, logRatio: Math.round(k.logRatio * 1000) / 1000 };
}
