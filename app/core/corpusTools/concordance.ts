/**
 * The concordance (KWIC) of a query: one line per hit with its context, sorted by the 1st–3rd word
 * left or right of the keyword (AntConc's L1…R3), by document or by date.
 *
 * A word, a phrase, a wildcard word or regular expressions are found in the token index
 * (tokenIndex/patterns.ts), the matcher n-gram rows and word-list rows are counted with: a bare word
 * matches its stem (as search does: "want" finds wants), a phrase or a wildcard word the lower-cased
 * forms, unless the request names a unit. Anything else the search language says (field filters,
 * tag:, said:, several words, fuzzy terms) is answered by search, each of its highlights a line.
 * Either way the hits are sorted by keys read off the token index, and only the page asked for is
 * made into lines: a concordance of a common word costs its hits, not its lines.
 */
import type { ConcordanceLine, ConcordanceSort, CountUnit } from '../../common/corpusTools';
import { LecternError } from '../../common/errors';
import { parseQuery } from '../query';
import { search, type SearchOptions } from '../search';
import type { SearchIndex } from '../searchIndex';
import { knowWordsOf, passageOfToken, tokenAt, tokenSpan, tokensOf, PASSAGE_START, boundaryBefore, type DocumentTokens } from '../tokenIndex/documentTokens';
import { findMatches, tokenQuery, type TokenQuery } from '../tokenIndex/patterns';
import { vocabulary } from '../tokenIndex/vocabulary';
import type { LoadedDocument } from '../types';

export const DEFAULT_CONTEXT = 60;

/** Runs of white space as one space; most contexts have none to fold, and are returned as they are. */
const flatten = (s: string) => (/\s\s|[\t\n\r\f\v\u00a0\u2028\u2029]/.test(s) ? s.replace(/\s+/g, ' ') : s);

/** The context of a side, cut at a word boundary where the window cut a word. */
export function contextOf(text: string, start: number, end: number, side: 'before' | 'after'): string {
  const s = text.slice(Math.max(0, start), Math.min(text.length, end));
  if (side === 'before') return flatten(start > 0 ? s.replace(/^\S*\s/, '') : s);
  return flatten(end < text.length ? s.replace(/\s\S*$/, '') : s);
}

export interface ConcordanceOptions {
  sort?: ConcordanceSort;
  context?: number;
  tags?: SearchOptions['tags'];
  /** Only the lines in these documents (a subcorpus's, by id); all when absent. */
  within?: ReadonlySet<string>;
  /** What a word of the query is compared by; default: a bare word its stem, a phrase or pattern its lower-cased forms. */
  unit?: CountUnit;
  /** The query is regular expressions over words (one per word of a sequence), not the search language. */
  regex?: boolean;
  /** The page of lines made: from `offset`, at most `limit` (all by default). */
  offset?: number;
  limit?: number;
}

export interface Concordance {
  lines: ConcordanceLine[];
  /** Every hit the query has, not only the lines made. */
  total: number;
  error: string | null;
  /** The unit the token index compared words by; null when search answered. */
  unit: CountUnit | null;
}

/** One hit: a document, its first and last token (inclusive), and, from search, the exact offsets. */
export interface Hit {
  doc: LoadedDocument;
  first: number;
  last: number;
  span?: [number, number];
}

const PLAIN_WORD = /^[^\s:+\-~^"“”„][^\s:~^"“”„]*$/u;

/** The token query a concordance query is, or null when it needs the search language. */
function asTokenQuery(query: string, options: ConcordanceOptions): { q: TokenQuery; unit: CountUnit } | null {
  if (options.regex) {
    const unit = options.unit ?? 'lower';
    return { q: tokenQuery(query, unit, true), unit };
  }
  const parsed = parseQuery(query);
  if (!parsed.ok) return null;
  const p = parsed.query;
  const filtered = p.speakers.length || p.outlets.length || p.years.length || p.tags.length || p.said.length || p.attributes.length;
  if (filtered) return null;
  if (p.phrases.length === 1 && !p.phrases[0].exclude && p.lunrText.trim() === '') {
    const unit = options.unit ?? 'lower';
    return { q: tokenQuery(p.phrases[0].text, unit), unit };
  }
  const word = p.lunrText.trim();
  if (p.phrases.length === 0 && PLAIN_WORD.test(word)) {
    const unit = options.unit ?? (/[*?]/.test(word) ? 'lower' : 'stem');
    return { q: tokenQuery(word, unit), unit };
  }
  return null;
}

function hitsFromSearch(index: SearchIndex, query: string, options: ConcordanceOptions): { hits: Hit[]; error: string | null } {
  // Only the highlights are read: no snippets, no tag names (thousands of passages for a common word).
  const res = search(index, query, {
    limit: Number.MAX_SAFE_INTEGER,
    passagesPerDocument: Number.MAX_SAFE_INTEGER,
    passageText: false,
    snippets: false,
    tags: options.tags,
  });
  if (res.error) return { hits: [], error: res.error.message };
  const hits: Hit[] = [];
  for (const h of res.documents) {
    if (options.within && !options.within.has(h.id)) continue;
    const doc = index.byId.get(h.id)!;
    const t = tokensOf(doc);
    for (const p of h.passages)
      for (const [start, end] of p.highlights) hits.push({ doc, first: tokenAt(t, start), last: tokenAt(t, Math.max(start, end - 1)), span: [start, end] });
  }
  return { hits, error: null };
}

function hitsFromTokens(docs: LoadedDocument[], q: TokenQuery, within: ReadonlySet<string> | undefined): Hit[] {
  const hits: Hit[] = [];
  const n = q.words.length;
  for (const doc of docs) {
    if (within && !within.has(doc.meta.id)) continue;
    findMatches(tokensOf(doc), q, doc.text, (first) => hits.push({ doc, first, last: first + n - 1 }));
  }
  return hits;
}

/** The lower-cased word k tokens left (negative) or right of a hit, within its passage; '' past the passage's edge. */
function neighbour(t: DocumentTokens, hit: Hit, k: number): string {
  if (k < 0) {
    for (let i = hit.first; i > hit.first + k; i--) if (i <= 0 || boundaryBefore(t, i) === PASSAGE_START) return '';
    return vocabulary.key('lower', vocabulary.lowerId(t.forms[hit.first + k]));
  }
  const i = hit.last + k;
  if (i >= t.forms.length) return '';
  for (let j = hit.last + 1; j <= i; j++) if (boundaryBefore(t, j) === PASSAGE_START) return '';
  return vocabulary.key('lower', vocabulary.lowerId(t.forms[i]));
}

/** The hits of a query, unsorted, with the unit the token index matched by (null: search answered); a query error as its message. */
export function concordanceHits(
  index: SearchIndex,
  query: string,
  options: ConcordanceOptions = {},
): { hits: Hit[]; error: string | null; unit: CountUnit | null } {
  knowWordsOf(index.documents);
  try {
    const tq = asTokenQuery(query, options);
    return tq
      ? { hits: hitsFromTokens(index.documents, tq.q, options.within), error: null, unit: tq.unit }
      : { ...hitsFromSearch(index, query, options), unit: null };
  } catch (e) {
    // A pattern that is no regular expression, too long or too slow is the query's problem, said as search says its own.
    if (e instanceof LecternError) return { hits: [], error: e.message, unit: null };
    throw e;
  }
}

/** Where a hit starts and ends in its document's text. */
export function hitSpan(h: Hit): [number, number] {
  if (h.span) return h.span;
  const t = tokensOf(h.doc);
  return [tokenSpan(t, h.first)[0], tokenSpan(t, h.last)[1]];
}

export function concordance(index: SearchIndex, query: string, options: ConcordanceOptions = {}): Concordance {
  const found = concordanceHits(index, query, options);
  const { hits } = found;
  const sort = options.sort ?? 'doc';
  const keys = hits.map((h) => sortKey(sort, h));
  // Ties (the same word at L1, the same document) in corpus order: by document id, then reading order.
  const order = hits.map((_, i) => i);
  order.sort((i, j) => {
    const a = hits[i];
    const b = hits[j];
    return keys[i] < keys[j] ? -1 : keys[i] > keys[j] ? 1 : a.doc.meta.id < b.doc.meta.id ? -1 : a.doc.meta.id > b.doc.meta.id ? 1 : a.first - b.first;
  });
  const from = options.offset ?? 0;
  const page = order.slice(from, options.limit === undefined ? undefined : from + options.limit);
  const width = options.context ?? DEFAULT_CONTEXT;
  const lines = page.map((i): ConcordanceLine => {
    const h = hits[i];
    const t = tokensOf(h.doc);
    const [start, end] = hitSpan(h);
    const text = h.doc.text;
    return {
      docId: h.doc.meta.id,
      passageId: h.doc.passages[passageOfToken(t, h.first)].id,
      start,
      end,
      before: contextOf(text, start - width, start, 'before'),
      keyword: text.slice(start, end),
      after: contextOf(text, end, end + width, 'after'),
      title: h.doc.meta.title,
      date: h.doc.meta.date,
    };
  });
  return { lines, total: hits.length, error: found.error, unit: found.unit };

  function sortKey(s: ConcordanceSort, h: Hit): string {
    if (s === 'doc') return h.doc.meta.id;
    if (s === 'date') return `${h.doc.meta.date || '9999'}\u0000${h.doc.meta.id}`;
    const k = Number(s[1]);
    return neighbour(tokensOf(h.doc), h, s[0] === 'L' ? -k : k);
  }
}
