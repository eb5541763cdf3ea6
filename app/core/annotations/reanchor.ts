/**
 * Finds where an annotation's passage is in a document's current text, the way the Hypothesis
 * client does (src/annotator/anchoring/match-quote.ts): the stored position if the text there is
 * unchanged, else the exact quote (the occurrence whose context and position fit best), else an
 * approximate match of the quote scored by quote similarity, prefix/suffix context and position.
 * When nothing fits well enough the caller keeps the annotation as an orphan.
 */
import { occurrences } from '../../common/text';
import search from 'approx-string-match';
import { pairSafeEnd, pairSafeStart } from '../../common/codePoints';

export const CONTEXT_LENGTH = 32;

export interface QuoteSelector {
  exact: string;
  prefix: string;
  suffix: string;
  /** Where the quote was last seen (a hint: the text may have moved). */
  start: number;
  end: number;
}

export type AnchorMethod = 'position' | 'quote' | 'fuzzy';

export interface Anchor {
  start: number;
  end: number;
  method: AnchorMethod;
}

/** The quote and its context at [start, end) of `text`. */
export function describeRange(text: string, start: number, end: number): { exact: string; prefix: string; suffix: string } {
  // The context is cut at whole characters: half an emoji would be a lone surrogate in the JSON.
  return {
    exact: text.slice(start, end),
    prefix: text.slice(pairSafeStart(text, Math.max(0, start - CONTEXT_LENGTH)), start),
    suffix: text.slice(end, pairSafeEnd(text, Math.min(text.length, end + CONTEXT_LENGTH))),
  };
}

// Hypothesis's weights: the quote matters most, context next, position only breaks ties.
const QUOTE_WEIGHT = 50;
const PREFIX_WEIGHT = 20;
const SUFFIX_WEIGHT = 20;
const POSITION_WEIGHT = 2;

/** Error budget of the fuzzy search, as a share of the quote's length (Hypothesis uses 1/2). */
const MAX_ERROR_RATE = 0.5;
/** A fuzzy match is accepted when the quote is this similar on its own… */
const SURE_QUOTE = 0.75;
/** …or at least this similar, with the surrounding context this similar. */
const WEAK_QUOTE = 0.5;
const SURE_CONTEXT = 0.75;
/** Shorter quotes are only found exactly: a fuzzy hit on three letters means nothing. */
const MIN_FUZZY_LENGTH = 5;

export function anchorQuote(text: string, sel: QuoteSelector): Anchor | null {
  const { exact } = sel;
  if (exact.length === 0) return null;
  if (sel.end <= text.length && text.slice(sel.start, sel.end) === exact) {
    return { start: sel.start, end: sel.end, method: 'position' };
  }
  const exactHits = occurrences(text, exact);
  if (exactHits.length > 0) {
    const best = pickBest(
      text,
      sel,
      exactHits.map((start) => ({ start, end: start + exact.length, errors: 0 })),
    );
    return { start: best.start, end: best.end, method: 'quote' };
  }
  if (exact.length < MIN_FUZZY_LENGTH) return null;
  const maxErrors = Math.min(256, Math.floor(exact.length * MAX_ERROR_RATE));
  const hits = search(text, exact, maxErrors);
  if (hits.length === 0) return null;
  const best = pickBest(text, sel, hits);
  const quoteSim = 1 - best.errors / exact.length;
  const contextSim = (best.prefixScore + best.suffixScore) / 2;
  if (quoteSim >= SURE_QUOTE || (quoteSim >= WEAK_QUOTE && contextSim >= SURE_CONTEXT)) {
    const refined = refineWithContext(text, sel, best.start, best.end);
    return { ...snapToWords(text, sel, refined.start, refined.end), method: 'fuzzy' };
  }
  return null;
}

/** Context must match at least this well to move a fuzzy match's boundary. */
const CONTEXT_ERROR_RATE = 0.25;

/**
 * Where the quote lost or gained words at an edge, an approximate match can swallow neighbouring
 * words at no extra cost ("called for | a global coalition"). If the stored prefix (suffix) is
 * found close to the match's start (end), the passage starts right after it (ends right before it).
 */
function refineWithContext(text: string, sel: QuoteSelector, start: number, end: number): { start: number; end: number } {
  if (sel.prefix.length >= 8) {
    const from = Math.max(0, start - sel.prefix.length);
    const hits = search(text.slice(from, start + Math.floor((end - start) / 2)), sel.prefix, Math.floor(sel.prefix.length * CONTEXT_ERROR_RATE));
    const best = hits.sort((a, b) => a.errors - b.errors || b.end - a.end)[0];
    if (best && from + best.end < end) start = from + best.end;
  }
  if (sel.suffix.length >= 8) {
    const from = start + Math.floor((end - start) / 2);
    const hits = search(text.slice(from, end + sel.suffix.length), sel.suffix, Math.floor(sel.suffix.length * CONTEXT_ERROR_RATE));
    const best = hits.sort((a, b) => a.errors - b.errors || a.start - b.start)[0];
    if (best && from + best.start > start) end = from + best.start;
  }
  return { start, end };
}

const WORD = /[\p{L}\p{N}]/u;
const isWord = (ch: string | undefined) => ch !== undefined && WORD.test(ch);

/**
 * An approximate match may stop inside a word ("public|ly" for a quote that ended "public"):
 * when the original quote began or ended on a word boundary, widen the match to one as well.
 */
function snapToWords(text: string, sel: QuoteSelector, start: number, end: number): { start: number; end: number } {
  const startsOnBoundary = isWord(sel.exact[0]) && !isWord(sel.prefix.at(-1));
  const endsOnBoundary = isWord(sel.exact.at(-1)) && !isWord(sel.suffix[0]);
  if (startsOnBoundary) while (start > 0 && isWord(text[start - 1]) && isWord(text[start])) start--;
  if (endsOnBoundary) while (end < text.length && isWord(text[end]) && isWord(text[end - 1])) end++;
  return { start, end };
}

interface Candidate {
  start: number;
  end: number;
  errors: number;
}

function pickBest(text: string, sel: QuoteSelector, candidates: Candidate[]) {
  let best: (Candidate & { score: number; prefixScore: number; suffixScore: number }) | null = null;
  for (const c of candidates) {
    const prefixScore = sel.prefix ? similarity(text.slice(Math.max(0, c.start - sel.prefix.length), c.start), sel.prefix) : 1;
    const suffixScore = sel.suffix ? similarity(text.slice(c.end, c.end + sel.suffix.length), sel.suffix) : 1;
    const positionScore = 1 - Math.abs(c.start - sel.start) / Math.max(text.length, 1);
    const score =
      QUOTE_WEIGHT * (1 - c.errors / sel.exact.length) + PREFIX_WEIGHT * prefixScore + SUFFIX_WEIGHT * suffixScore + POSITION_WEIGHT * positionScore;
    if (!best || score > best.score) best = { ...c, score, prefixScore, suffixScore };
  }
  return best!;
}

/** 1 when `expected` occurs in `actual` unchanged, falling towards 0 with each edit needed. */
function similarity(actual: string, expected: string): number {
  if (expected.length === 0) return 1;
  if (actual.length === 0) return 0;
  const hits = search(actual, expected, expected.length);
  if (hits.length === 0) return 0;
  return 1 - Math.min(...hits.map((h) => h.errors)) / expected.length;
}
