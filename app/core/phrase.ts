/**
 * Exact phrase matching against passage text, tolerant only of what a reader would not call a
 * difference: letter case, runs of white space, and curly versus straight quotes and apostrophes.
 * A match starts and ends on token boundaries (analysis/tokens.ts): "U.S." is not found inside
 * "U.S.S.R." or "U.S.A.", nor "3" inside "3.5".
 */
import { scanTokens } from './analysis/tokens';

/** Curly quotes fold to straight ones; Greek final sigma to sigma (lower-casing Σ gives σ, never ς). */
const FOLD: Record<string, string> = { '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'", '‛': "'", ς: 'σ' };

interface Folded {
  text: string;
  /** map[i] = index in the original text of folded character i */
  map: number[];
}

function fold(text: string): Folded {
  let out = '';
  const map: number[] = [];
  let lastSpace = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      if (!lastSpace) {
        out += ' ';
        map.push(i);
      }
      lastSpace = true;
      continue;
    }
    lastSpace = false;
    const f = (FOLD[ch] ?? ch).toLowerCase();
    for (const c of f) {
      out += c;
      map.push(i);
    }
  }
  return { text: out, map };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** Far below the length whose regular expression overflowed, and above any phrase a search lets through. */
const DIRECT_MAX_WORDS = 128;

/**
 * For a phrase in ASCII, one native regular expression finds what folding finds — letter case by
 * the regex's case folding, runs of white space as \s+, each quote as the class of its curly forms —
 * with offsets straight into the text, many times faster than folding every candidate passage.
 * Null for other phrases: their case mapping is not always one character to one, so they are folded.
 */
function directFor(phrase: string): RegExp | null {
  if (!/^[\x20-\x7e\s]*$/.test(phrase)) return null;
  // V8 compiles a regular expression to machine code recursively: one of 1,500 words overflowed its
  // stack ("Invalid regular expression: Stack overflow"). Longer phrases are found by folding.
  if (phrase.trim().split(/\s+/).length > DIRECT_MAX_WORDS) return null;
  const word = (w: string) => [...w].map((ch) => (ch === '"' ? '["“”„]' : ch === "'" ? "['‘’‛]" : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  return new RegExp(phrase.trim().split(/\s+/).map(word).join('\\s+'), 'giu');
}

const prepared = new Map<string, { needle: string; direct: RegExp | null }>();

function prepare(phrase: string): { needle: string; direct: RegExp | null } {
  let p = prepared.get(phrase);
  if (!p) {
    if (prepared.size > 1000) prepared.clear();
    prepared.set(phrase, (p = { needle: fold(phrase.trim()).text, direct: directFor(phrase) }));
  }
  return p;
}

/** All occurrences of phrase in text as [start, end) offsets, on word boundaries. */
export function findPhrase(text: string, phrase: string): [number, number][] {
  const { needle, direct } = prepare(phrase);
  if (!needle) return [];
  if (!direct) return findPhraseByFolding(text, phrase);
  const found: [number, number][] = [];
  const keep = onWordBoundaries(needle, found, text);
  direct.lastIndex = 0;
  for (let m = direct.exec(text); m; m = direct.exec(text)) {
    keep(m.index, m.index + m[0].length, text[m.index - 1], text[m.index + m[0].length]);
    direct.lastIndex = m.index + 1; // overlapping occurrences too, as folding finds them
  }
  return found;
}

/** The reference: fold text and phrase, search, map back. Every phrase can take this path; non-ASCII ones do. */
export function findPhraseByFolding(text: string, phrase: string): [number, number][] {
  const { needle } = prepare(phrase);
  const found: [number, number][] = [];
  if (!needle) return found;
  const keep = onWordBoundaries(needle, found, text);
  const hay = fold(text);
  for (let at = hay.text.indexOf(needle); at >= 0; at = hay.text.indexOf(needle, at + 1)) {
    const endF = at + needle.length;
    keep(hay.map[at], hay.map[endF - 1] + 1, hay.text[at - 1], hay.text[endF]);
  }
  return found;
}

/**
 * Keeps a match unless it starts or ends inside a word (where the phrase itself starts or ends with
 * a letter or digit) or inside a token (`text` offsets: "U.S." ending inside "U.S.S.R.").
 */
function onWordBoundaries(needle: string, found: [number, number][], text: string) {
  const startsWord = WORD_CHAR.test(needle[0]);
  const endsWord = WORD_CHAR.test(needle[needle.length - 1]);
  return (start: number, end: number, before: string | undefined, after: string | undefined) => {
    if ((startsWord && before && WORD_CHAR.test(before)) || (endsWord && after && WORD_CHAR.test(after))) return;
    if (insideToken(text, start) || insideToken(text, end)) return;
    found.push([start, end]);
  };
}

const SPACE = /\s/;

/**
 * True when `at` falls strictly inside a token of `text`. Tokens never hold white space (it is a
 * separator, and no exception keeps it), so only the run of non-space characters around `at` is cut.
 */
export function insideToken(text: string, at: number): boolean {
  if (at <= 0 || at >= text.length || SPACE.test(text[at - 1]) || SPACE.test(text[at])) return false;
  let from = at - 1;
  while (from > 0 && !SPACE.test(text[from - 1])) from--;
  let to = at + 1;
  while (to < text.length && !SPACE.test(text[to])) to++;
  let inside = false;
  const run = text.slice(from, to);
  scanTokens(run, (s, e) => {
    if (from + s < at && at < from + e) inside = true;
  });
  return inside;
}
