/**
 * A document's running words in typed arrays: per token its form id (4 bytes) and one byte for what
 * stands between it and the token before (the boundary class, and the gap's length), plus a start
 * offset every 64 tokens. That is 5 bytes and a sixteenth per running word; a token's offsets are
 * found from the nearest checkpoint by adding form lengths and gaps.
 *
 * Boundaries decide which words a phrase or an n-gram may join: only words with nothing but white
 * space or a hyphen between them ("cyber security", "cyber-security"). Any other punctuation, a
 * sentence end or a passage's start stops both alike, so an n-gram row and the concordance of its
 * phrase find the same places.
 */
import { scanTokens } from '../analysis/tokens';
import type { LoadedDocument } from '../types';
import { doubled } from './typedArrays';
import { vocabulary } from './vocabulary';

/** What stands before a token. */
export const OPEN = 0;
/** Punctuation that is not a sentence end: , ; : quotes, brackets, dashes … */
export const PUNCTUATION = 1;
/** . ! ? … (outside an abbreviation, whose stop is part of its token). */
export const SENTENCE_END = 2;
/** The token opens a passage (a paragraph): nothing joins across. */
export const PASSAGE_START = 3;

const CHECKPOINT_SHIFT = 6;
const GAP_ESCAPE = 63;

export interface DocumentTokens {
  /** Form id per token, in text order. */
  forms: Uint32Array;
  /** Per token: bits 0–1 the boundary before it, bits 2–7 the characters since the previous token's end (63: see `farStarts`). */
  gaps: Uint8Array;
  /** Start offset (UTF-16, into the document's text) of every 64th token. */
  checkpoints: Uint32Array;
  /** Starts of tokens whose gap is 63 characters or more. */
  farStarts: Map<number, number>;
  /** Index of each passage's first token, and the token count last (length = passages + 1). */
  passageFirst: Uint32Array;
}

function classify(text: string, from: number, to: number): number {
  let boundary = OPEN;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // white space, hyphen-minus, the Unicode hyphens ‐ ‑
    if (c === 32 || c === 45 || c === 0x2010 || c === 0x2011 || (c >= 9 && c <= 13) || c === 0xa0) continue;
    // . ! ? …
    if (c === 46 || c === 33 || c === 63 || c === 0x2026) return SENTENCE_END;
    boundary = PUNCTUATION;
  }
  return boundary;
}

export function buildDocumentTokens(doc: LoadedDocument): DocumentTokens {
  const text = doc.text;
  let forms = new Uint32Array(Math.max(16, doc.wordCount + 16));
  let gaps = new Uint8Array(forms.length);
  const starts: number[] = [];
  const farStarts = new Map<number, number>();
  const passageFirst = new Uint32Array(doc.passages.length + 1);
  let n = 0;
  let prevEnd = 0;
  doc.passages.forEach((p, k) => {
    passageFirst[k] = n;
    let first = true;
    const offset = p.start;
    scanTokens(p.text, (s, e) => {
      const start = offset + s;
      if (n === forms.length) [forms, gaps] = [doubled(forms), doubled(gaps)];
      const form = text.slice(start, offset + e);
      forms[n] = vocabulary.formId(form);
      const boundary = first ? PASSAGE_START : classify(text, prevEnd, start);
      const gap = start - prevEnd;
      if (gap >= GAP_ESCAPE) farStarts.set(n, start);
      gaps[n] = (Math.min(gap, GAP_ESCAPE) << 2) | boundary;
      if ((n & ((1 << CHECKPOINT_SHIFT) - 1)) === 0) starts.push(start);
      prevEnd = offset + e;
      first = false;
      n++;
    });
  });
  passageFirst[doc.passages.length] = n;
  return { forms: forms.slice(0, n), gaps: gaps.slice(0, n), checkpoints: Uint32Array.from(starts), farStarts, passageFirst };
}

export const boundaryBefore = (t: DocumentTokens, i: number) => t.gaps[i] & 3;

/** Start offset of token i. */
export function tokenStart(t: DocumentTokens, i: number): number {
  const base = i >> CHECKPOINT_SHIFT;
  let j = base << CHECKPOINT_SHIFT;
  let start = t.checkpoints[base];
  while (j < i) {
    const end = start + vocabulary.length(t.forms[j]);
    j++;
    const g = t.gaps[j] >> 2;
    start = g === GAP_ESCAPE ? t.farStarts.get(j)! : end + g;
  }
  return start;
}

/** Calls visit(i, start) for every token in order: offsets for a whole document without a walk per token. */
export function forEachToken(t: DocumentTokens, visit: (i: number, start: number) => void): void {
  let end = 0;
  for (let i = 0; i < t.forms.length; i++) {
    const g = t.gaps[i] >> 2;
    const start = g === GAP_ESCAPE ? t.farStarts.get(i)! : end + g;
    visit(i, start);
    end = start + vocabulary.length(t.forms[i]);
  }
}

/** [start, end) of token i. */
export function tokenSpan(t: DocumentTokens, i: number): [number, number] {
  const s = tokenStart(t, i);
  return [s, s + vocabulary.length(t.forms[i])];
}

/** The last index of sorted[0…end) whose value is at most x (0 when none is). */
function lastAtMost(sorted: Uint32Array, x: number, end: number): number {
  let lo = 0;
  let hi = end - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (sorted[mid] <= x) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** The passage (its index in doc.passages) token i is in. */
export function passageOfToken(t: DocumentTokens, i: number): number {
  return lastAtMost(t.passageFirst, i, t.passageFirst.length - 1);
}

/** The token whose span holds `offset` (the last token starting at or before it). */
export function tokenAt(t: DocumentTokens, offset: number): number {
  let i = lastAtMost(t.checkpoints, offset, t.checkpoints.length) << CHECKPOINT_SHIFT;
  while (i + 1 < t.forms.length && tokenStart(t, i + 1) <= offset) i++;
  return i;
}

/** Bytes the arrays take (what the bench reports per running word). */
export function tokenBytes(t: DocumentTokens): number {
  return t.forms.byteLength + t.gaps.byteLength + t.checkpoints.byteLength + t.passageFirst.byteLength + t.farStarts.size * 16;
}

const cache = new WeakMap<LoadedDocument, DocumentTokens>();

/** The document's tokens, made once per loaded document (an unchanged file keeps its document across reloads). */
export function tokensOf(doc: LoadedDocument): DocumentTokens {
  let t = cache.get(doc);
  if (!t) cache.set(doc, (t = buildDocumentTokens(doc)));
  return t;
}

/** Gives a document tokens read from the cache (tokenCache.ts). */
export function adoptTokens(doc: LoadedDocument, t: DocumentTokens): void {
  cache.set(doc, t);
}

/** Makes every document's tokens, so that the vocabulary knows their words before a query's words are looked up in it. */
export function knowWordsOf(docs: LoadedDocument[]): void {
  for (const d of docs) tokensOf(d);
}

/** Whether the document's tokens are made already. */
export const hasTokens = (doc: LoadedDocument) => cache.has(doc);

/** Makes the tokens of documents a few at a time between other work, so the first table finds them ready. */
export async function warmTokens(docs: LoadedDocument[], stillWanted: () => boolean = () => true): Promise<void> {
  let since = performance.now();
  for (const d of docs) {
    if (!stillWanted()) return;
    tokensOf(d);
    if (performance.now() - since > 20) {
      await new Promise((r) => setImmediate(r));
      since = performance.now();
    }
  }
}
