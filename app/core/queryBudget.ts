/**
 * What one query may cost. Search runs on the thread that answers every other request (the HTTP
 * server, the desktop app's main process), so a query that takes seconds stalls the whole app:
 * sizes are capped with a message up front, fuzzy terms are kept where Lunr's automaton stays small,
 * and what is left runs against a time budget. No message here repeats the query: a request of
 * kilobytes gets an answer of a sentence.
 */
import type { QueryError } from '../common/contract';
import { LecternError } from '../common/errors';

/** Far more than any query a person types or pastes (a few sentences in quotes and some filters). */
export const MAX_QUERY_CHARS = 2000;
/** A quotation of several sentences; a longer one is better found by a distinctive part of it. */
export const MAX_PHRASE_WORDS = 100;
/**
 * Lunr builds a fuzzy term's automaton by enumerating edits, and walks it against the whole
 * vocabulary without memoising: the cost grows exponentially with the edit distance (a 16-letter
 * term took 21 ms at ~2, 1.4 s at ~4, 16.7 s at ~5). Two edits is also where Lucene stops.
 */
export const MAX_EDIT_DISTANCE = 2;
/** The automaton grows with the term's length too (an 80-letter term ~2 takes 0.4 s to build): fuzzy matching is for words. */
export const MAX_FUZZY_TERM_CHARS = 40;
/** The longest any one query may run before it is stopped with a message. */
export const QUERY_TIME_BUDGET_MS = 2000;

const count = (n: number) => n.toLocaleString('en-GB');

/** Refuses a query longer than MAX_QUERY_CHARS (a LecternError: the request itself is too large). */
export function checkQuerySize(input: string): void {
  if (input.length > MAX_QUERY_CHARS) {
    throw new LecternError(
      `A query can be at most ${count(MAX_QUERY_CHARS)} characters long (this one has ${count(input.length)}). Shorten it: quote a distinctive part of a passage rather than all of it.`,
      'too-large',
    );
  }
}

/** Refuses a quoted phrase of more than MAX_PHRASE_WORDS words. */
export function checkPhraseSize(phrases: { text: string }[]): void {
  for (const p of phrases) {
    const words = p.text.trim().split(/\s+/).length;
    if (words > MAX_PHRASE_WORDS) {
      throw new LecternError(
        `A quoted phrase can have at most ${MAX_PHRASE_WORDS} words (this one has ${count(words)}). Quote a shorter, distinctive part of it.`,
        'too-large',
      );
    }
  }
}

/**
 * The first fuzzy term (Lunr's term~N) in a word of the query that asks for more than Lunr can
 * answer quickly, as a query error over its ~N (or its term); `at` is the word's offset in the query.
 */
export function fuzzyProblem(word: string, at: number): QueryError | null {
  // A term ends at Lunr's separators (white space, hyphen) and its field, presence and boost marks.
  for (const m of word.matchAll(/([^\s:~^+-]*)~(\d+)/g)) {
    const start = at + m.index + m[1].length;
    const end = start + 1 + m[2].length;
    if (Number(m[2]) > MAX_EDIT_DISTANCE) {
      return {
        message: `A fuzzy term allows at most ${MAX_EDIT_DISTANCE} edits (~1 or ~2); this one asks for ${m[2]}. More edits make the search take minutes.`,
        start,
        end,
      };
    }
    if (m[1].length > MAX_FUZZY_TERM_CHARS) {
      return {
        message: `A fuzzy term can be at most ${MAX_FUZZY_TERM_CHARS} characters long (this one has ${count(m[1].length)}): fuzzy matching (~) is for single words.`,
        start: start - m[1].length,
        end,
      };
    }
  }
  return null;
}

/** Thrown when a query runs out of its time; search answers it as a query error. */
export class QueryTooCostly extends Error {}

/** A deadline for one query, checked between the steps of its work. */
export class QueryBudget {
  private readonly deadline: number;

  constructor(readonly ms: number = QUERY_TIME_BUDGET_MS) {
    this.deadline = performance.now() + ms;
  }

  check(): void {
    if (performance.now() > this.deadline) {
      throw new QueryTooCostly(
        `This query took too long (over ${count(this.ms / 1000)} seconds) and was stopped: its wildcards or fuzzy terms match too many words, or it has too many of them. Make them more specific (cyber* rather than *e*), or search for fewer at once.`,
      );
    }
  }
}
