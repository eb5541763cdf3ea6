/**
 * What the corpus tools look for in the token index: a sequence of word patterns (a word, a phrase,
 * a wildcard word, or regular expressions over word forms) in one unit, and the one matcher that
 * finds it. A phrase's words must stand as its own words do: with only white space or a hyphen
 * between them where the phrase has that, and the same kind of punctuation where it has some
 * ("Mr. Speaker"). N-gram rows are phrases of open gaps, so a row and its concordance are one match.
 */
import vm from 'node:vm';
import type { CountUnit } from '../../common/corpusTools';
import { LecternError } from '../../common/errors';
import { scanTokens } from '../analysis/tokens';
import { boundaryBefore, OPEN, tokenSpan, type DocumentTokens } from './documentTokens';
import { vocabulary } from './vocabulary';

/** The keys of one unit a word position accepts: one key, or a set marked over the unit's key ids. */
export type WordPattern = { unit: CountUnit; id: number | undefined } | { unit: CountUnit; marks: Uint8Array };

export interface TokenQuery {
  words: WordPattern[];
  /** The boundary class required before each word after the first (gaps[k] stands before words[k + 1]). */
  gaps: number[];
  /** The query as it reads, for messages. */
  text: string;
}

/** How long matching a regular expression against the vocabulary may take. */
export const PATTERN_TIME_MS = 2000;
const MAX_PATTERN_LENGTH = 500;
const MAX_WORDS = 12;

/** Marks the unit's keys a regular expression matches whole; run in a separate context with a time limit, so a pathological expression is stopped rather than holding the process. */
function marksOfRegex(unit: CountUnit, source: string, flags: string): Uint8Array {
  try {
    new RegExp(source, flags);
  } catch (e) {
    throw new LecternError(`"${source}" is not a regular expression: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}.`, 'bad-request');
  }
  const count = vocabulary.keyCount(unit);
  const keys = Array.from({ length: count }, (_, i) => vocabulary.key(unit, i));
  const context = vm.createContext({ keys, source: `^(?:${source})$`, flags, out: new Uint8Array(count) });
  try {
    vm.runInContext('const re = new RegExp(source, flags); for (let i = 0; i < keys.length; i++) if (re.test(keys[i])) out[i] = 1;', context, {
      timeout: PATTERN_TIME_MS,
    });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ERR_SCRIPT_EXECUTION_TIMEOUT')
      throw new LecternError(
        `The regular expression "${source}" took longer than ${PATTERN_TIME_MS / 1000} s to test against the corpus's ${count} words and was stopped; simplify it (nested repeats such as (a+)+ are slow).`,
        'too-large',
      );
    throw e;
  }
  return context.out as Uint8Array;
}

/** A wildcard word ("govern*", "*ism", "wom?n") as a regular expression over keys. */
function globSource(word: string): string {
  return word
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
}

function wordPattern(word: string, unit: CountUnit, regex: boolean): WordPattern {
  const flags = unit === 'form' ? 'u' : 'iu';
  if (regex) return { unit, marks: marksOfRegex(unit, word, flags) };
  const key = vocabulary.keyOfWord(unit, word);
  if (/[*?]/.test(word)) return { unit, marks: marksOfRegex(unit, globSource(key), flags) };
  return { unit, id: vocabulary.findKey(unit, key) };
}

const isWildcard = (c: string) => c === '*' || c === '?';

/**
 * A phrase's gap that is a hyphen: it joins as white space does, but the text must have a hyphen
 * there ("middle-class" is not "middle class"), while a space in a phrase also finds a hyphen (the
 * n-gram "cyber security" counts "cyber-security", and its phrase opens that count).
 */
export const HYPHEN = 4;
const HYPHENS = /[-\u2010\u2011]/;

/** The boundary class of a phrase's own gap between two of its words. */
function gapClass(text: string): number {
  if (/^[\s\-\u2010\u2011]*$/.test(text)) return HYPHENS.test(text) ? HYPHEN : OPEN;
  return /[.!?…]/.test(text) ? 2 : 1;
}

/**
 * A sequence query: the words of a phrase (cut by the one token rule), or with `regex`, expressions
 * separated by spaces, each matched against a whole word's key in `unit`.
 */
export function tokenQuery(text: string, unit: CountUnit, regex = false): TokenQuery {
  if (text.length > MAX_PATTERN_LENGTH)
    throw new LecternError(`A pattern is at most ${MAX_PATTERN_LENGTH} characters; this one has ${text.length}.`, 'too-large');
  const words: WordPattern[] = [];
  const gaps: number[] = [];
  if (regex) {
    for (const part of text.trim().split(/\s+/)) {
      if (words.length) gaps.push(OPEN);
      words.push(wordPattern(part, unit, true));
    }
  } else {
    // The token rule trims "*" and "?" off a word's ends: a wildcard word takes them back.
    let prevEnd = -1;
    scanTokens(text, (s, e) => {
      while (s > prevEnd + 1 && isWildcard(text[s - 1])) s--;
      while (e < text.length && isWildcard(text[e])) e++;
      if (s < prevEnd) return; // "a*b" scanned as two tokens is one wildcard word
      if (prevEnd >= 0) gaps.push(gapClass(text.slice(prevEnd, s)));
      words.push(wordPattern(text.slice(s, e), unit, false));
      prevEnd = e;
    });
    // A lone wildcard ("*") has no token to scan.
    if (!words.length && /^[*?]+$/.test(text.trim())) words.push(wordPattern(text.trim(), unit, false));
  }
  if (!words.length) throw new LecternError(`"${text}" has no words to look for.`, 'bad-request');
  if (words.length > MAX_WORDS)
    throw new LecternError(`A phrase in the corpus tools is at most ${MAX_WORDS} words; this one has ${words.length}.`, 'too-large');
  return { words, gaps, text };
}

function accepts(p: WordPattern, formId: number): boolean {
  const id = vocabulary.unitId(p.unit, formId);
  return 'marks' in p ? p.marks[id] === 1 : p.id === id;
}

/** Whether the query's words stand at tokens first, first + 1, … of the document (`text`: its text, read only where the phrase has a hyphen). */
export function matchesAt(t: DocumentTokens, q: TokenQuery, first: number, text: string): boolean {
  if (first + q.words.length > t.forms.length) return false;
  for (let k = 0; k < q.words.length; k++) {
    if (!accepts(q.words[k], t.forms[first + k])) return false;
    if (k > 0) {
      const b = boundaryBefore(t, first + k);
      const wanted = q.gaps[k - 1];
      if (b !== (wanted === HYPHEN ? OPEN : wanted)) return false;
      if (wanted === HYPHEN && !HYPHENS.test(text.slice(tokenSpan(t, first + k - 1)[1], tokenSpan(t, first + k)[0]))) return false;
    }
  }
  return true;
}

/** Calls visit(first) for every place the query matches in the document `text` (or its tokens from…to), in text order. */
export function findMatches(t: DocumentTokens, q: TokenQuery, text: string, visit: (first: number) => void, from = 0, to = t.forms.length): void {
  const head = q.words[0];
  if (!('marks' in head) && head.id === undefined) return;
  const n = Math.min(to, t.forms.length) - q.words.length + 1;
  for (let i = from; i < n; i++) if (accepts(head, t.forms[i]) && (q.words.length === 1 || matchesAt(t, q, i, text))) visit(i);
}
