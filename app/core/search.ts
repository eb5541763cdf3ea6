/**
 * Answers a query over the passage index: Lunr for terms, then phrases verified against the text,
 * metadata, tag and said: filters, documents ranked by their passages, snippets and highlight offsets.
 */
import lunr from 'lunr';
import type { DocumentHit, Facets, HitCount, PassageHit, QueryError, SearchResponse, SearchTotals } from '../common/contract';
import { contentTerms, spansOfTerms } from './analysis/terms';
import { findPhrase } from './phrase';
import { documentsWithPhraseWords, phraseQuery, phraseSpansIn } from './tokenIndex/phrases';
import type { TokenQuery } from './tokenIndex/patterns';
import { foldForFilter, parseQuery, saidNameMatches, type ParsedQuery } from './query';
import { attributionOf } from './attribution/attribute';
import { docMatchesFilters, hasDocumentFilters, typeAttributeFilters } from './filters';
import { attributeValue } from './attributes';
import type { AttributeInfo } from '../common/documents';
import { SEARCH_PAGE } from '../common/searchTotals';
import { checkPhraseSize, checkQuerySize, QueryBudget, QueryTooCostly, QUERY_TIME_BUDGET_MS } from './queryBudget';
import { evaluate, LunrWouldThrow, type Evaluation } from './evaluator/evaluate';
import { INDEX_FIELDS, passageRef, TITLE_ENTRY, type PassageRef, type SearchIndex } from './searchIndex';
import type { LoadedDocument, Passage } from './types';

/** Lunr's query parser is public API but missing from @types/lunr. */
const QueryParser = (lunr as unknown as { QueryParser: new (text: string, query: lunr.Query) => { parse(): void } }).QueryParser;

export interface TagLookup {
  /** Ranges per document carrying a tag whose name matches (case-insensitive); undefined if no such tag. */
  rangesWithTag(name: string): Map<string, [number, number][]> | undefined;
  tagsOverlapping(docId: string, start: number, end: number): string[];
}

export interface SearchOptions {
  /** Documents returned (default 50). */
  limit?: number;
  /** Documents of the ranking skipped before the ones returned (default 0): the next page is offset + limit. */
  offset?: number;
  /**
   * How totals.hits is counted (see countHits): 'all' (default) within the query's time budget;
   * 'quick' for at most QUICK_HIT_COUNT_MS more (the Search view as you type, which asks for 'all'
   * after, if need be); 'none' not at all (callers that read no totals: the reader's highlights, the
   * library table), hits then 0 and hitsExact false.
   */
  hitCount?: HitCount;
  tags?: TagLookup;
  /** Passages returned (with highlights and snippets) per document; the rest are only counted. */
  passagesPerDocument?: number;
  /** A document whose every matching passage is returned (the reader's hit navigation). */
  allPassagesOf?: string;
  /** How long the query may run before it is stopped with a message (default QUERY_TIME_BUDGET_MS). */
  budgetMs?: number;
  /** Include each returned passage's whole text (default true here; the service leaves it out unless asked). */
  passageText?: boolean;
  /** Make each returned passage's snippet and tag names (default true; the concordance needs only highlights). */
  snippets?: boolean;
}

const DEFAULT_PASSAGES_PER_DOCUMENT = 3;
/**
 * How long a 'quick' hit count may run: about 800 passages' highlights. Counting every passage's
 * costs about 12 µs a passage (its words cut again), so `people` on SOTU (3,614 passages) would add
 * 45 ms to a keystroke whose search takes 3 ms.
 */
export const QUICK_HIT_COUNT_MS = 10;
const NO_SNIPPET: PassageHit['snippet'] = Object.freeze({ text: '', highlights: [], leading: false, trailing: false }) as PassageHit['snippet'];

/** A document's score: its best passage, plus a quarter of the rest, so breadth counts but less. */
const OTHER_PASSAGES_WEIGHT = 0.25;
const SNIPPET_BEFORE = 70;
const SNIPPET_LENGTH = 220;

interface Candidate {
  ref: PassageRef;
  score: number;
  /** The evaluation and entry that found it, to ask which (stemmed) index terms matched — for its highlights, when they are made. */
  matched: { ev: Evaluation; entry: number } | null;
  phraseSpans: [number, number][];
  /**
   * Its highlights, once made (highlightsOf), kept for the totals' hit count and the returned passage
   * alike; a said: filter decides them when it verifies the passage (only those in the speakers' words).
   */
  highlights?: [number, number][];
}

function lunrError(e: unknown, q: ParsedQuery, raw: string): QueryError {
  const err = e as lunr.QueryParseError & { start?: number; end?: number };
  let message = err.message;
  const field = /unrecognised field '([^']*)'/.exec(message);
  if (field)
    message = `Unknown field "${field[1]}:". Fields are title: and text:, and the filters speaker:, outlet:, year:, tag:, said: and the corpus's attributes.`;
  else message = `The query could not be read: ${message}. See the query syntax under Help (?).`;
  const offset = raw.indexOf(q.lunrText.split(' ')[0] ?? '');
  return {
    message,
    start: err.start !== undefined && offset >= 0 ? offset + err.start : undefined,
    end: err.end !== undefined && offset >= 0 ? offset + err.end : undefined,
  };
}

/**
 * Passages the Lunr part of the query matches, with scores, from the evaluator (the result
 * lunr.Index.query gives, without its cost). Documents the metadata filters exclude are never
 * scored. Positive phrases' words are optional support terms: they add candidates and score, and
 * the phrase itself is verified against the text after.
 */
/** The evaluator's matches, in entry order (each document's entries together); objects made only on request. */
interface IndexMatches {
  /** Matching entries, ascending, and their scores. */
  entries: Int32Array;
  scores: Float64Array;
  /** The k-th match as a candidate: the same object each time it is asked for. */
  candidate(k: number): Candidate;
  isFreeTerm: (term: string) => boolean;
  /** Readies every match's matched terms at once, before highlights are made for all of them (Evaluation.prepareAllMatchedTerms). */
  prepareAll(stop: () => boolean): boolean;
}

function indexCandidates(index: SearchIndex, q: ParsedQuery, budget: QueryBudget): IndexMatches {
  const typed = index.typed();
  const query = new lunr.Query([...INDEX_FIELDS]);
  new QueryParser(q.lunrText, query).parse();
  // Metadata filters exclude whole documents before anything is scored.
  const filtered = hasDocumentFilters(q);
  const allowedDocs = filtered ? { allowed: Uint8Array.from(index.documents, (d) => (docMatchesFilters(d, q) ? 1 : 0)), entryDoc: typed.entryDoc } : undefined;
  const supportTerms = q.phrases.filter((p) => !p.exclude).flatMap((p) => contentTerms(p.text).stems);
  let ev: Evaluation;
  try {
    ev = evaluate(typed.ei, typed.expander, typed.pipeline, query, { allowedDocs, supportTerms, budget });
  } catch (e) {
    // Lunr itself would fail on a required term that the pipeline reduces to nothing ("+'"): nothing matches.
    if (!(e instanceof LunrWouldThrow)) throw e;
    return { entries: new Int32Array(0), scores: new Float64Array(0), candidate: () => undefined as never, isFreeTerm: () => false, prepareAll: () => true };
  }
  // One object per match, made when first asked for: the hit count and the returned page share its highlights.
  const made: Candidate[] = [];
  return {
    entries: ev.entries,
    scores: ev.scores,
    candidate: (k) => (made[k] ??= { ref: typed.entries[ev.entries[k]], score: ev.scores[k], matched: { ev, entry: ev.entries[k] }, phraseSpans: [] }),
    isFreeTerm: (term) => ev.freeTerms.has(term),
    prepareAll: (stop) => ev.prepareAllMatchedTerms(stop),
  };
}

/**
 * Passages (and titles) holding a phrase: from the token index's positions (tokenIndex/phrases.ts),
 * in the documents that have all its words, so that a phrase and its concordance find the same
 * places; titles, and a phrase with punctuation at its ends, are read as text.
 */
function phraseCandidates(index: SearchIndex, phrase: string, budget: QueryBudget): Map<string, Candidate> {
  const out = new Map<string, Candidate>();
  const q = phraseQuery(phrase, index.documents);
  // Titles are not in the token index: they are read (they are short).
  for (const doc of index.documents)
    if (findPhrase(doc.meta.title, phrase).length)
      out.set(passageRef(doc.meta.id, TITLE_ENTRY), { ref: index.refs.get(passageRef(doc.meta.id, TITLE_ENTRY))!, score: 1, matched: null, phraseSpans: [] });
  // The text from the token index's positions, in the documents that have all the phrase's words;
  // a phrase with no words (punctuation alone) from the text itself.
  for (const doc of q ? documentsWithPhraseWords(q, index.documents) : index.documents) {
    budget.check();
    let p = 0;
    for (const span of q ? phraseSpansIn(doc, q) : findPhrase(doc.text, phrase)) {
      while (p < doc.passages.length && doc.passages[p].end < span[1]) p++;
      const passage = doc.passages[p];
      if (!passage || span[0] < passage.start) continue; // runs over a passage break (found in the text)
      const key = passageRef(doc.meta.id, passage.id);
      const c = out.get(key) ?? { ref: index.refs.get(key)!, score: 0, matched: null, phraseSpans: [] };
      c.score++;
      c.phraseSpans.push(span); // offsets into the document, as highlights are
      out.set(key, c);
    }
  }
  return out;
}

function allCandidates(index: SearchIndex): Map<string, Candidate> {
  const out = new Map<string, Candidate>();
  for (const [key, ref] of index.refs) out.set(key, { ref, score: 0, matched: null, phraseSpans: [] });
  return out;
}

/** Highlight ranges in a passage: words of the index terms a free clause matched, and verified phrases. */
function passageHighlights(passage: Passage, c: Candidate, isFreeTerm: (term: string) => boolean): [number, number][] {
  const spans: [number, number][] = [...c.phraseSpans];
  const terms = new Set(c.matched ? c.matched.ev.matchedTerms(c.matched.entry).filter(isFreeTerm) : []);
  if (terms.size) for (const [s, e] of spansOfTerms(passage.text, terms)) spans.push([passage.start + s, passage.start + e]);
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: [number, number][] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) last[1] = Math.max(last[1], s[1]);
    else merged.push([s[0], s[1]]);
  }
  return merged;
}

/** A matched passage's highlights, made once and kept on the candidate. */
function highlightsOf(c: Candidate, isFreeTerm: (term: string) => boolean): [number, number][] {
  return (c.highlights ??= passageHighlights(c.ref.passage!, c, isFreeTerm));
}

/** A keyword-in-context window of the passage around its first highlight, cut on word boundaries. */
export function makeSnippet(passage: Passage, highlights: [number, number][]): PassageHit['snippet'] {
  const text = passage.text;
  if (text.length <= SNIPPET_LENGTH) {
    return { text, highlights: highlights.map(([s, e]) => [s - passage.start, e - passage.start]), leading: false, trailing: false };
  }
  const first = highlights.length ? highlights[0][0] - passage.start : 0;
  let start = Math.max(0, first - SNIPPET_BEFORE);
  if (start > 0) {
    const space = text.indexOf(' ', start);
    start = space >= 0 && space < first ? space + 1 : start;
  }
  let end = Math.min(text.length, start + SNIPPET_LENGTH);
  if (end < text.length) {
    const space = text.lastIndexOf(' ', end);
    if (space > first) end = space;
  }
  const rel = highlights
    .map(([s, e]): [number, number] => [s - passage.start - start, e - passage.start - start])
    .filter(([s, e]) => s >= 0 && e <= end - start);
  return { text: text.slice(start, end), highlights: rel, leading: start > 0, trailing: end < text.length };
}

function emptyFacets(): Facets {
  return { speaker: {}, outlet: {}, year: {} };
}

/** A text attribute with more values than this (an id, a URL) is not a facet: a list of ones says nothing. */
const FACET_MAX_VALUES = 50;

function countFacets(docs: LoadedDocument[], attributes: Map<string, AttributeInfo>): Facets {
  // Counted in Maps: years as object keys ("1790") would make the object a sparse array.
  const speaker = new Map<string, number>();
  const outlet = new Map<string, number>();
  const year = new Map<string, number>();
  const inc = (m: Map<string, number>, k: string) => {
    if (k) m.set(k, (m.get(k) ?? 0) + 1);
  };
  for (const d of docs) {
    for (const s of d.meta.speakers) inc(speaker, s);
    inc(outlet, d.meta.outlet);
    inc(year, d.meta.date.slice(0, 4));
  }
  const facets: Facets = { speaker: Object.fromEntries(speaker), outlet: Object.fromEntries(outlet), year: Object.fromEntries(year) };
  const names = [...attributes.values()].filter((a) => a.type === 'text' && a.distinct <= FACET_MAX_VALUES).map((a) => a.name);
  if (names.length) facets.attributes = Object.fromEntries(names.map((n) => [n, attributeFacet(docs, n)]));
  return facets;
}

/**
 * Documents per value of a text attribute, values counted as a filter matches them (case- and
 * accent-insensitively, one item of a list each), each shown under its most common spelling (ties:
 * the first in code-unit order, "Democratic" before "democratic").
 */
function attributeFacet(docs: LoadedDocument[], name: string): Record<string, number> {
  const values = new Map<string, { documents: number; spellings: Map<string, number> }>();
  for (const d of docs) {
    const v = attributeValue(d.meta.attributes, name);
    if (!v) continue;
    const seen = new Set<string>();
    for (const item of v.split(/\s*;\s*/)) {
      const key = foldForFilter(item);
      if (!key) continue;
      const entry = values.get(key) ?? values.set(key, { documents: 0, spellings: new Map() }).get(key)!;
      entry.spellings.set(item, (entry.spellings.get(item) ?? 0) + 1);
      if (!seen.has(key)) entry.documents++;
      seen.add(key);
    }
  }
  return Object.fromEntries([...values.values()].map((e) => [[...e.spellings].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0][0], e.documents]));
}

function overlapsAny(ranges: [number, number][] | undefined, start: number, end: number): boolean {
  return !!ranges && ranges.some(([s, e]) => s < end && e > start);
}

function withinAny(ranges: [number, number][], start: number, end: number): boolean {
  return ranges.some(([s, e]) => s <= start && end <= e);
}

/** The said: filters' ranges of one document's text (undefined when it holds none of the speakers' words). */
type SaidRanges = (doc: LoadedDocument) => [number, number][] | undefined;

/**
 * The ranges of a document's text that hold the words (direct or reported) of a speaker any of the
 * said: values names, neighbouring spans joined; read for a document only when one of its passages
 * is a candidate. Attributing a document the first time costs (about 25 ms for a 46,000-character
 * address); it is kept per loaded document, and, as the index's other one-time preparation, it is
 * not counted in the query's time budget.
 */
function saidRanges(values: string[], budget: SearchBudget): SaidRanges {
  const named = new Map<string, boolean>();
  const isNamed = (speaker: string): boolean => {
    let yes = named.get(speaker);
    if (yes === undefined) named.set(speaker, (yes = values.some((v) => saidNameMatches(v, speaker))));
    return yes;
  };
  const byDoc = new Map<LoadedDocument, [number, number][] | undefined>();
  return (doc) => {
    if (byDoc.has(doc)) return byDoc.get(doc);
    const spans = budget.excluding(() => attributionOf(doc).spans);
    const ranges: [number, number][] = [];
    for (const span of spans) {
      if ((span.kind !== 'direct' && span.kind !== 'reported') || span.speaker === null || !isNamed(span.speaker)) continue;
      const last = ranges[ranges.length - 1];
      if (last && span.start <= last[1]) last[1] = Math.max(last[1], span.end);
      else ranges.push([span.start, span.end]);
    }
    byDoc.set(doc, ranges.length ? ranges : undefined);
    return byDoc.get(doc);
  };
}

/** A query's time budget that can leave out one-time preparation met along the way (a document's attribution). */
class SearchBudget extends QueryBudget {
  private readonly started = performance.now();
  private excluded = 0;

  excluding<T>(work: () => T): T {
    const t = performance.now();
    try {
      return work();
    } finally {
      this.excluded += performance.now() - t;
    }
  }

  override check(): void {
    // The base deadline is no later than started + ms: past it, less the time left out, the base check throws.
    if (this.spent()) super.check();
  }

  /** Whether the query has used up its time (the time left out not counted): a check that does not throw. */
  spent(): boolean {
    return performance.now() - this.excluded - this.started > this.ms;
  }
}

type Respond = (documents: DocumentHit[], facets: Facets, totals: SearchTotals, error: QueryError | null) => SearchResponse;

/** The totals of a query that matches nothing (or could not be read). */
const noTotals = (): SearchTotals => ({ documents: 0, passages: 0, hits: 0, hitsExact: true, titleOnly: 0 });

/**
 * Answers a query, within its time budget. A query or phrase over the size caps is refused with a
 * LecternError ('too-large'); syntax problems, and a query stopped by its budget, are query errors.
 */
export function search(index: SearchIndex, input: string, options: SearchOptions = {}): SearchResponse {
  const t0 = performance.now();
  checkQuerySize(input);
  // One-time preparation (the typed index; the written words, for a wildcard or fuzzy term) is not
  // the query's cost: it happens before its time budget starts (and in the background after a load).
  if (/\S/.test(input)) {
    const typed = index.typed();
    if (/[*~]/.test(input)) typed.expander.prepareWrittenWords();
  }
  const budget = new SearchBudget(options.budgetMs ?? QUERY_TIME_BUDGET_MS);
  const respond: Respond = (documents, facets, totals, error) => ({
    query: input,
    documents,
    facets,
    totals,
    offset: options.offset ?? 0,
    error,
    tookMs: Math.round((performance.now() - t0) * 100) / 100,
  });
  try {
    return answer(index, input, options, budget, respond);
  } catch (e) {
    if (e instanceof QueryTooCostly) return respond([], emptyFacets(), noTotals(), { message: e.message });
    throw e;
  }
}

function answer(index: SearchIndex, input: string, options: SearchOptions, budget: SearchBudget, respond: Respond): SearchResponse {
  if (input.trim() === '') return respond([], emptyFacets(), noTotals(), null);
  const parsed = parseQuery(input);
  if (!parsed.ok) return respond([], emptyFacets(), noTotals(), parsed.error);
  const q = parsed.query;
  checkPhraseSize(q.phrases);
  const fieldError = typeAttributeFilters(index.attributes(), q);
  if (fieldError) return respond([], emptyFacets(), noTotals(), fieldError);

  // Tag filters become passage ranges; an unknown tag is a message, not an empty result.
  const tagRanges: Map<string, [number, number][]>[] = [];
  for (const name of q.tags) {
    const ranges = options.tags?.rangesWithTag(name);
    if (!ranges) return respond([], emptyFacets(), noTotals(), { message: `There is no tag "${name}". Check its spelling in the Tags view.` });
    tagRanges.push(ranges);
  }

  // said: filters become ranges of the speakers' words, read per document as candidates come; an unknown name finds nothing.
  const said = q.said.length ? saidRanges(q.said, budget) : undefined;

  const usesIndex = q.lunrText !== '';
  const firstPhrase = q.phrases.find((p) => !p.exclude);
  // A phrase-only query's candidates come from its first phrase's occurrences, found once: not verified again below.
  const prefound = usesIndex ? undefined : firstPhrase;
  let matches: IndexMatches | null = null;
  let candidates: Iterable<Candidate>;
  let isFreeTerm: (term: string) => boolean = () => false;
  try {
    if (usesIndex) {
      matches = indexCandidates(index, q, budget);
      isFreeTerm = matches.isFreeTerm;
      const m = matches;
      candidates = {
        *[Symbol.iterator]() {
          for (let k = 0; k < m.entries.length; k++) yield m.candidate(k);
        },
      };
    } else candidates = (prefound ? phraseCandidates(index, prefound.text, budget) : allCandidates(index)).values();
  } catch (e) {
    if (e instanceof lunr.QueryParseError) return respond([], emptyFacets(), noTotals(), lunrError(e, q, input));
    throw e;
  }
  const filtersOnly = !usesIndex && !firstPhrase && !q.tags.length && !said;

  let ranked: Ranked[];
  let counts: MatchCounts;
  /** Every matched passage (not title entries), in no particular order: what totals.hits counts over. */
  let matchedPassages: () => Iterable<Candidate>;
  if (matches && q.phrases.length === 0 && tagRanges.length === 0 && !said) {
    // Nothing left to verify per passage: documents are grouped and ranked on the evaluator's
    // arrays, and objects are made only for the documents returned (and for the hit count).
    const m = matches;
    ({ ranked, counts } = rankMatches(m, index, budget));
    const { entries } = index.typed();
    matchedPassages = function* () {
      for (let k = 0; k < m.entries.length; k++) if (entries[m.entries[k]].passage) yield m.candidate(k);
    };
  } else {
    const kept = verified(candidates, q, prefound, tagRanges, usesIndex, budget, said, isFreeTerm, index.documents);
    ({ ranked, counts } = rankCandidates(kept));
    matchedPassages = () => kept.filter((c) => c.ref.passage);
  }
  // A query of metadata filters alone matches whole documents: no passage is matched, none is a hit.
  if (filtersOnly) counts = { documents: ranked.length, passages: 0, titleOnly: 0 };
  ranked.sort(
    (a, b) =>
      b.score - a.score || (a.doc.meta.date < b.doc.meta.date ? 1 : a.doc.meta.date > b.doc.meta.date ? -1 : a.doc.meta.id.localeCompare(b.doc.meta.id)),
  );
  const limit = options.limit ?? SEARCH_PAGE;
  const offset = options.offset ?? 0;
  const perDoc = options.passagesPerDocument ?? DEFAULT_PASSAGES_PER_DOCUMENT;
  const returned = ranked.slice(offset, offset + limit);
  const extra = options.allPassagesOf ? ranked.find((r) => r.doc.meta.id === options.allPassagesOf) : undefined;
  if (extra && !returned.includes(extra)) returned.push(extra);
  const hitCount = options.hitCount ?? 'all';
  const { hits: hitTotal, hitsExact } = filtersOnly
    ? { hits: 0, hitsExact: true }
    : hitCount === 'none'
      ? { hits: 0, hitsExact: false }
      : countHits(matchedPassages(), {
          isFreeTerm,
          budget,
          matches,
          ms: hitCount === 'quick' ? QUICK_HIT_COUNT_MS : Infinity,
          returned: new Set(returned.map((r) => r.doc)),
        });
  const totals: SearchTotals = { documents: counts.documents, passages: counts.passages, hits: hitTotal, hitsExact, titleOnly: counts.titleOnly };
  const hits: DocumentHit[] = returned.map(({ doc, list, score }) => {
    const textMatches = list().filter((c) => c.ref.passage);
    const shown = filtersOnly ? [] : doc.meta.id === options.allPassagesOf ? textMatches : textMatches.slice(0, perDoc);
    const passages: PassageHit[] = shown.map((c) => {
      const passage = c.ref.passage!;
      const highlights = highlightsOf(c, isFreeTerm);
      return {
        id: passage.id,
        start: passage.start,
        end: passage.end,
        ...(options.passageText === false ? {} : { text: passage.text }),
        highlights,
        snippet: options.snippets === false ? NO_SNIPPET : makeSnippet(passage, highlights),
        score: Math.round(c.score * 1000) / 1000,
        tags: options.snippets === false ? [] : (options.tags?.tagsOverlapping(doc.meta.id, passage.start, passage.end) ?? []),
      };
    });
    return {
      id: doc.meta.id,
      title: doc.meta.title,
      speakers: doc.meta.speakers,
      date: doc.meta.date,
      outlet: doc.meta.outlet,
      score: Math.round(score * 1000) / 1000,
      passages,
      passageTotal: filtersOnly ? 0 : textMatches.length,
    };
  });
  const facets = countFacets(
    ranked.map((r) => r.doc),
    index.attributes(),
  );
  return respond(hits, facets, totals, null);
}

/** What a ranking holds, counted as it is made (SearchTotals but the hits). */
interface MatchCounts {
  /** Documents with at least one matched passage. */
  documents: number;
  /** Matched passages, over all documents. */
  passages: number;
  /** Documents matched by their title and by none of their passages. */
  titleOnly: number;
}

/** How often to look at the clock while counting hits (a passage's highlights take about 12 µs). */
const HIT_COUNT_CHECK_EVERY = 16;

/**
 * totals.hits: the highlights of every matched passage, made by the function that makes a returned
 * passage's highlights (and kept on its candidate, so the returned page does not make them again), so
 * a hit here is exactly a highlighted word or phrase there: merged ranges, a said: filter's hits only
 * inside the speakers' words.
 *
 * It costs about 12 µs a passage (its words are cut again; SOTU's 6,219 passages with "government"
 * take 75 ms), so it runs on a clock, and it never fails the query: the other totals are exact
 * already and the results are ready. It stops when the query's time budget is spent, or after `ms`
 * of counting (a 'quick' count), and says so: `hits` is then the hits of the passages counted so far
 * (a lower bound; 0 if the query's terms were not yet gathered) and `hitsExact` is false. The
 * highlights made are kept for the returned documents' passages only (the page shows them); the
 * others are counted and dropped.
 */
function countHits(
  passages: Iterable<Candidate>,
  how: { isFreeTerm: (term: string) => boolean; budget: SearchBudget; matches: IndexMatches | null; ms: number; returned: Set<LoadedDocument> },
): { hits: number; hitsExact: boolean } {
  const { isFreeTerm, budget, returned } = how;
  const until = performance.now() + how.ms;
  const stop = () => budget.spent() || performance.now() > until;
  // Every match's index terms in one walk of the query's postings, rather than a search per passage.
  if (how.matches && !how.matches.prepareAll(stop)) return { hits: 0, hitsExact: false };
  let hits = 0;
  let n = 0;
  for (const c of passages) {
    if (++n % HIT_COUNT_CHECK_EVERY === 0 && stop()) return { hits, hitsExact: false };
    hits += (returned.has(c.ref.doc) ? highlightsOf(c, isFreeTerm) : (c.highlights ?? passageHighlights(c.ref.passage!, c, isFreeTerm))).length;
  }
  return { hits, hitsExact: true };
}

/** A document in the ranking: its score, and its matching entries best first (made when asked). */
interface Ranked {
  doc: LoadedDocument;
  score: number;
  list(): Candidate[];
}

/**
 * A document's score: its best passage, plus a quarter of the rest. `total` is the sum of all its
 * passages' scores in reading order, as both rankings below add them, so they agree to the bit.
 */
function documentScore(best: number, total: number): number {
  return best + OTHER_PASSAGES_WEIGHT * (total - best);
}

/**
 * Candidates that pass the filters, tag filters and phrases; and, with said: filters, the passages
 * whose hits lie in the speakers' words (only those hits kept as its highlights), or that hold their
 * words at all when the query has nothing to highlight (`said:raab` alone, or only excluded words).
 */
function verified(
  candidates: Iterable<Candidate>,
  q: ParsedQuery,
  prefound: ParsedQuery['phrases'][number] | undefined,
  tagRanges: Map<string, [number, number][]>[],
  usesIndex: boolean,
  budget: QueryBudget,
  said: SaidRanges | undefined,
  isFreeTerm: (term: string) => boolean,
  documents: LoadedDocument[],
): Candidate[] {
  const kept: Candidate[] = [];
  let checked = 0;
  const compiled = new Map<string, TokenQuery | null>();
  const phraseTokens = (text: string) => (compiled.has(text) ? compiled.get(text)! : compiled.set(text, phraseQuery(text, documents)).get(text)!);
  for (const c of candidates) {
    if (++checked % 64 === 0) budget.check();
    const { doc, passage } = c.ref;
    // The index path scored only documents the filters allow.
    if (!usesIndex && !docMatchesFilters(doc, q)) continue;
    if (tagRanges.length && (!passage || !tagRanges.every((m) => overlapsAny(m.get(doc.meta.id), passage.start, passage.end)))) continue;
    const saidRanges = said && passage ? said(doc) : undefined;
    if (said && (!passage || !overlapsAny(saidRanges, passage.start, passage.end))) continue;
    let ok = true;
    for (const phrase of q.phrases) {
      if (phrase === prefound) continue;
      // A passage's phrases from the token index (document offsets), a title's from its text.
      const tokens = passage ? phraseTokens(phrase.text) : null;
      const spans = !passage
        ? findPhrase(doc.meta.title, phrase.text)
        : tokens
          ? phraseSpansIn(doc, tokens, passage.index)
          : findPhrase(passage.text, phrase.text).map(([s, e]): [number, number] => [passage.start + s, passage.start + e]);
      if (phrase.exclude ? spans.length > 0 : spans.length === 0) {
        ok = false;
        break;
      }
      if (!phrase.exclude && passage) c.phraseSpans.push(...spans);
    }
    if (ok && saidRanges && passage) {
      // A hit counts when its word (or phrase) lies within the speakers' words.
      const all = passageHighlights(passage, c, isFreeTerm);
      c.highlights = all.filter(([s, e]) => withinAny(saidRanges, s, e));
      if (all.length > 0 && c.highlights.length === 0) ok = false;
    }
    if (ok) kept.push(c);
  }
  return kept;
}

const byScoreThenReading = (a: Candidate, b: Candidate) => b.score - a.score || (a.ref.passage?.index ?? -1) - (b.ref.passage?.index ?? -1);

function rankCandidates(kept: Candidate[]): { ranked: Ranked[]; counts: MatchCounts } {
  const byDoc = new Map<string, Candidate[]>();
  for (const c of kept) {
    const list = byDoc.get(c.ref.doc.meta.id) ?? [];
    list.push(c);
    byDoc.set(c.ref.doc.meta.id, list);
  }
  const counts: MatchCounts = { documents: 0, passages: 0, titleOnly: 0 };
  const ranked = [...byDoc.values()].map((list) => {
    let total = 0;
    let passages = 0;
    for (const c of list) {
      total += c.score; // reading order: candidates come in it
      if (c.ref.passage) passages++;
    }
    counts.passages += passages;
    if (passages) counts.documents++;
    else counts.titleOnly++;
    // Without scores (filters or phrases only) keep reading order; else best first.
    list.sort(byScoreThenReading);
    return { doc: list[0].ref.doc, score: documentScore(list[0].score, total), list: () => list };
  });
  return { ranked, counts };
}

/**
 * The same ranking from the evaluator's arrays: each document's entries are consecutive, in reading
 * order, so one pass finds each document's best and total; a document's entries are sorted only if
 * it is among those returned.
 */
function rankMatches(m: IndexMatches, index: SearchIndex, budget: QueryBudget): { ranked: Ranked[]; counts: MatchCounts } {
  const { entries, entryDoc } = index.typed();
  const ranked: Ranked[] = [];
  const passageIndex = (k: number) => entries[m.entries[k]].passage?.index ?? -1;
  const counts: MatchCounts = { documents: 0, passages: 0, titleOnly: 0 };
  for (let k = 0; k < m.entries.length;) {
    if (ranked.length % 64 === 63) budget.check();
    const doc = entryDoc[m.entries[k]];
    let best = m.scores[k];
    let total = 0;
    let passages = 0;
    let j = k;
    for (; j < m.entries.length && entryDoc[m.entries[j]] === doc; j++) {
      const score = m.scores[j];
      total += score;
      if (score > best) best = score;
      if (entries[m.entries[j]].passage) passages++;
    }
    counts.passages += passages;
    if (passages) counts.documents++;
    else counts.titleOnly++;
    const from = k;
    const to = j;
    const list = () =>
      Array.from({ length: to - from }, (_, i) => from + i)
        // Best first, then reading order: the order rankCandidates gives.
        .sort((a, b) => m.scores[b] - m.scores[a] || passageIndex(a) - passageIndex(b))
        .map((x) => m.candidate(x));
    ranked.push({ doc: entries[m.entries[k]].doc, score: documentScore(best, total), list });
    k = j;
  }
  return { ranked, counts };
}

/** Every highlight of a search response in one document, in reading order (the reader's hit navigation). */
export function hitHighlights(res: SearchResponse, docId: string): [number, number][] {
  const hit = res.documents.find((d) => d.id === docId);
  return hit ? hit.passages.flatMap((p) => p.highlights).sort((a, b) => a[0] - b[0]) : [];
}
