/**
 * Parses Lectern's query language: Lunr's own syntax, plus "exact phrases" (verified against the
 * text), and metadata filters speaker:, outlet:, year: (a year or a range 2019..2021), tag:, said: (a
 * speaker's own words, by the attribution layer) and any document attribute (party:Democratic, term:1..2).
 * Filters and phrases are taken out here; what remains goes to Lunr's query parser.
 */
import type { QueryError } from '../common/contract';
import { tokens } from './analysis/tokens';
import { BUILT_IN_FILTERS, INDEX_FIELD_NAMES, type AttributeFilter } from './attributes';
import type { AttributeType } from '../common/documents';
import { fuzzyProblem } from './queryBudget';

export interface Phrase {
  text: string;
  exclude: boolean;
}

export interface ParsedQuery {
  /** What is left for Lunr's own query parser ('' when nothing). */
  lunrText: string;
  phrases: Phrase[];
  speakers: string[];
  outlets: string[];
  /** Inclusive year ranges; a document matches if its year is in any of them. */
  years: [number, number][];
  tags: string[];
  /** said:NAME filters: hits must lie in these speakers' words (direct or reported); any one of them. */
  said: string[];
  /** Other field:value filters: document attributes (checked against the corpus's fields by search). */
  attributes: (AttributeFilter & { start: number; end: number; type?: AttributeType })[];
}

export type ParseResult = { ok: true; query: ParsedQuery } | { ok: false; error: QueryError };

type FilterName = 'speaker' | 'outlet' | 'year' | 'tag' | 'said';
/** The filter that keeps only hits in a speaker's words (`said:hunt`, `said:"Jeremy Hunt"`). */
export const SAID_FILTER = 'said';
/** name:value, where name is a field (speaker:, year:, an attribute such as party:); title: and text: are Lunr's. */
const FILTER = /^([\p{L}_][\p{L}\p{N}_]*):/u;
const OPEN_QUOTES = new Set(['"', '“', '”', '„']);
const CLOSE_QUOTES = new Set(['"', '”', '“']);

function fail(message: string, start: number, end: number): ParseResult {
  return { ok: false, error: { message, start, end } };
}

/** Reads a quoted string starting at `open` (the quote); returns its text and the index after it. */
function readQuoted(input: string, open: number): { text: string; next: number } | null {
  for (let i = open + 1; i < input.length; i++) {
    if (CLOSE_QUOTES.has(input[i])) return { text: input.slice(open + 1, i), next: i + 1 };
  }
  return null;
}

function parseYears(value: string, start: number): [number, number] | QueryError {
  const m = /^(\d{4})?(?:\.\.(\d{4})?)?$/.exec(value);
  if (!m || (!m[1] && !m[2])) {
    return {
      message: `"year:${value}" is not a year or a range. Write year:2019, year:2019..2021, year:2019.. or year:..2021.`,
      start,
      end: start + 5 + value.length,
    };
  }
  const isRange = value.includes('..');
  const from = m[1] ? Number(m[1]) : 0;
  const to = m[2] ? Number(m[2]) : isRange ? 9999 : from;
  if (from > to)
    return { message: `The year range ${value} runs backwards; write the earlier year first (year:${m[2]}..${m[1]}).`, start, end: start + 5 + value.length };
  return [from, to];
}

export function parseQuery(input: string): ParseResult {
  const q: ParsedQuery = { lunrText: '', phrases: [], speakers: [], outlets: [], years: [], tags: [], said: [], attributes: [] };
  const rest: string[] = [];
  let i = 0;
  while (i < input.length) {
    const ch = input[i];
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    // A phrase, optionally marked + (required, the default) or - (excluded).
    const sign = ch === '-' || ch === '+' ? ch : '';
    if (OPEN_QUOTES.has(input[i + sign.length])) {
      const open = i + sign.length;
      const quoted = readQuoted(input, open);
      if (!quoted) return fail(`The phrase starting at character ${open + 1} has no closing quote. Add a " at its end.`, open, input.length);
      if (quoted.text.trim() === '') return fail('An empty phrase "" matches nothing. Put words between the quotes or remove them.', open, quoted.next);
      q.phrases.push({ text: quoted.text.trim(), exclude: sign === '-' });
      i = quoted.next;
      continue;
    }
    // A filter: name:value or name:"quoted value".
    const filter = FILTER.exec(input.slice(i));
    if (filter && !INDEX_FIELD_NAMES.has(filter[1].toLowerCase())) {
      const name = filter[1].toLowerCase() as FilterName;
      const valueStart = i + filter[0].length;
      let value: string;
      if (OPEN_QUOTES.has(input[valueStart])) {
        const quoted = readQuoted(input, valueStart);
        if (!quoted) return fail(`The value of ${name}: has no closing quote. Add a " at its end.`, valueStart, input.length);
        value = quoted.text.trim();
        i = quoted.next;
      } else {
        const m = /^\S*/.exec(input.slice(valueStart))!;
        value = m[0];
        i = valueStart + m[0].length;
      }
      if (!value && name === SAID_FILTER)
        return fail(
          'said: needs the name of the speaker whose words to search, right after the colon: said:hunt (a surname or any one word of the name) or said:"Jeremy Hunt" (the full name).',
          valueStart - name.length - 1,
          i,
        );
      if (!value)
        return fail(
          `${name}: needs a value, for example ${name === 'year' ? 'year:2019..2021' : name === 'speaker' ? 'speaker:raab or speaker:"Jeremy Hunt"' : `${name}:"…"`}.`,
          valueStart - name.length - 1,
          i,
        );
      // said: is not a front-matter field but the attribution layer's: a corpus attribute named "said" is shadowed by it.
      if (name === SAID_FILTER) q.said.push(value);
      else if (!(BUILT_IN_FILTERS as readonly string[]).includes(name)) q.attributes.push({ name, value, start: valueStart - name.length - 1, end: i });
      else if (name === 'year') {
        const years = parseYears(value, valueStart - 5);
        if (!Array.isArray(years)) return { ok: false, error: years };
        q.years.push(years);
      } else if (name === 'speaker') q.speakers.push(value);
      else if (name === 'outlet') q.outlets.push(value);
      else q.tags.push(value);
      continue;
    }
    const m = /^\S+/.exec(input.slice(i))!;
    const glued = gluedPhrase(m[0]);
    if (glued) {
      q.phrases.push(glued);
      i += m[0].length;
      continue;
    }
    const fuzzy = fuzzyProblem(m[0], i);
    if (fuzzy) return { ok: false, error: fuzzy };
    rest.push(m[0]);
    i += m[0].length;
  }
  q.lunrText = rest.join(' ');
  return { ok: true, query: q };
}

/** Lunr's operators and a field prefix ("title:", "party:"): a word using them is query syntax, not a glued word. */
const LUNR_SYNTAX = /[*~^\\]|^[+-]?\p{L}[\p{L}_]*:/u;

/**
 * A query word that the tokeniser cuts into several words ("GNU/Linux", "10:30", "U.S.-Mexico") is
 * the phrase of its parts, as a search engine's analyser makes it (Lucene's auto-generated phrase
 * queries): the text as written, punctuation included, must occur. Loose, its parts would be
 * alternatives and "GNU/Linux" would find every passage with "gnu" or "linux". A word the tokeniser
 * keeps whole ("U.S.", "3.5", "1,000") is one term: Lunr's query lexer cuts a query as scanTokens
 * cuts text (analysis/tokens.ts), so it searches that one token.
 */
function gluedPhrase(word: string): Phrase | null {
  if (LUNR_SYNTAX.test(word)) return null;
  const sign = word[0] === '-' || word[0] === '+' ? word[0] : '';
  const parts = tokens(word.slice(sign.length));
  if (parts.length < 2) return null;
  const body = word.slice(sign.length);
  return { text: body.slice(parts[0].start, parts[parts.length - 1].end), exclude: sign === '-' };
}

/** Case- and accent-insensitive containment used by speaker:/outlet:/tag: filters. */
export function foldForFilter(s: string): string {
  return s.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** A name's words, folded as filters fold (case, accents), curly apostrophes straight: "O’Brien-Smith" is o'brien, smith. */
function nameWords(name: string): string[] {
  return (
    foldForFilter(name)
      .replace(/[’‘]/g, "'")
      .match(/[\p{L}\p{N}']+/gu) ?? []
  );
}

/**
 * Whether a said: value names a speaker: one word is any whole word of the name (`said:hunt`,
 * `said:jeremy`), several words the full name (`said:"Jeremy Hunt"`), case and accents aside.
 */
export function saidNameMatches(value: string, speaker: string): boolean {
  const wanted = nameWords(value);
  const words = nameWords(speaker);
  if (wanted.length === 0) return false;
  if (wanted.length === 1) return words.includes(wanted[0]);
  return wanted.length === words.length && wanted.every((w, i) => w === words[i]);
}
