/**
 * Scores Lectern against the hand-labelled gold set in test/fixtures/gold/ (see its README for how it
 * was labelled): quotation attribution (precision and recall per genre and split) and phrase search
 * (every highlight an exact occurrence, every occurrence highlighted). `npm run eval` prints the
 * scores; test/unit/eval.test.ts holds them to their floors.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { extractQuotes } from '../../app/core/attribution/quotes';
import type { Quote } from '../../app/common/compare';
import { loadCorpus } from '../../app/core/corpus';
import { findPhraseByFolding } from '../../app/core/phrase';
import { search } from '../../app/core/search';
import { makeSearchIndex } from '../../app/core/searchIndex';
import type { LoadedDocument } from '../../app/core/types';
import { REPO, SHIPPED_CORPUS } from '../helpers/repo';
import { speechDocuments, speechesBetween, readSpeeches, speechId } from '../helpers/sotu';

export const GOLD = path.join(REPO, 'test', 'fixtures', 'gold');

export const FLOORS = { quotationPrecision: 0.9, quotationRecall: 0.8 };

interface GoldQuote {
  text: string;
  speaker: string | null;
  kind: 'speech' | 'other';
  occurrence?: number;
  note?: string;
}

export interface GoldDocument {
  doc: string;
  genre: 'news' | 'transcript';
  split: 'dev' | 'test';
  /** The fresh held-out set: scored apart (never in 'all' or the floors), never looked at while developing. */
  fresh?: boolean;
  quotes: GoldQuote[];
}

interface GoldPhrase {
  query: string;
  corpus: 'seed' | 'sotu50';
  occurrences: Record<string, number>;
  note?: string;
}

/** Counts of one category; precision and recall follow from them. */
export interface Tally {
  /** Gold quotations, and those a system quotation covers. */
  gold: number;
  found: number;
  /** Gold quotations that have a named speaker, and those credited to that speaker. */
  named: number;
  namedRight: number;
  /** Quotations the system credits to someone, and those credited rightly (wrong person, or a person where gold has none, is wrong). */
  credited: number;
  creditedRight: number;
  /** Credited to the document's own speaker (what Compare shows as "own words"), and rightly so. */
  own: number;
  ownRight: number;
  ownGold: number;
}

export interface Mistake {
  doc: string;
  text: string;
  gold: string | null;
  system: string | null;
  cue: string | null;
}

export interface QuotationScores {
  categories: Map<string, Tally>;
  mistakes: Mistake[];
  /** Gold quotations in text the cleaning removed (a "Read more" line): not scored. */
  removedQuotes: string[];
}

const emptyTally = (): Tally => ({ gold: 0, found: 0, named: 0, namedRight: 0, credited: 0, creditedRight: 0, own: 0, ownRight: 0, ownGold: 0 });

export const precision = (t: Tally) => (t.credited ? t.creditedRight / t.credited : 1);
export const recall = (t: Tally) => (t.named ? t.namedRight / t.named : 1);
export const ownPrecision = (t: Tally) => (t.own ? t.ownRight / t.own : 1);
export const ownRecall = (t: Tally) => (t.ownGold ? t.ownRight / t.ownGold : 1);
export const detection = (t: Tally) => (t.gold ? t.found / t.gold : 1);

/** Surname comparison: the gold names "Washington" where the system may say "George Washington". */
export function surname(name: string): string {
  return name
    .trim()
    .split(/\s+/)
    .pop()!
    .toLowerCase()
    .replace(/[’']s$/, '');
}

function sameSpeaker(a: string | null, b: string | null): boolean {
  return a !== null && b !== null && surname(a) === surname(b);
}

/** The text with runs of white space as one space, and where each character came from. */
export function squeeze(text: string): { text: string; map: number[] } {
  let out = '';
  const map: number[] = [];
  for (let i = 0; i < text.length; i++) {
    if (/\s/.test(text[i])) {
      if (out.endsWith(' ')) continue;
      out += ' ';
    } else out += text[i];
    map.push(i);
  }
  return { text: out, map };
}

/** Where a gold quotation stands in the document's canonical text (its occurrence-th match), or null. */
function locate(doc: LoadedDocument, squeezed: ReturnType<typeof squeeze>, q: GoldQuote): [number, number] | null {
  return locateText(squeezed, q.text, q.occurrence);
}

/** The occurrence-th match of a gold text (white space squeezed, a final comma or full stop dropped) at or after `from`, or null. */
export function locateText(squeezed: ReturnType<typeof squeeze>, text: string, occurrence = 1, from = 0): [number, number] | null {
  const needle = squeeze(text.trim()).text.replace(/[,.]$/, '');
  if (needle === '') return null;
  let at = squeezed.map.findIndex((m) => m >= from) - 1;
  if (at < -1) return null;
  for (let k = 0; k < occurrence; k++) {
    at = squeezed.text.indexOf(needle, at + 1);
    if (at < 0) return null;
  }
  return [squeezed.map[at], squeezed.map[at + needle.length - 1] + 1];
}

function overlap(q: Quote, [s, e]: [number, number]): number {
  return q.segments.reduce((sum, [a, b]) => sum + Math.max(0, Math.min(b, e) - Math.max(a, s)), 0);
}

export async function goldDocuments(): Promise<Map<string, LoadedDocument>> {
  const out = new Map<string, LoadedDocument>();
  for (const d of (await loadCorpus(SHIPPED_CORPUS)).documents) out.set(`corpus:${d.meta.id}`, d);
  for (const d of (await loadCorpus(path.join(GOLD, 'documents'))).documents) out.set(`gold:${d.meta.id}`, d);
  for (const d of speechDocuments(readSpeeches())) out.set(`sotu:${d.meta.id}`, d);
  return out;
}

export async function scoreQuotations(): Promise<QuotationScores> {
  const gold = JSON.parse(readFileSync(path.join(GOLD, 'quotations.json'), 'utf8')) as GoldDocument[];
  const docs = await goldDocuments();
  const categories = new Map<string, Tally>();
  const mistakes: Mistake[] = [];
  const removedQuotes: string[] = [];
  const tallies = (g: GoldDocument) =>
    (g.fresh ? ['fresh', `${g.genre}/fresh`] : ['all', g.genre, g.split, `${g.genre}/${g.split}`]).map((k) => {
      if (!categories.has(k)) categories.set(k, emptyTally());
      return categories.get(k)!;
    });
  for (const g of gold) {
    const doc = docs.get(g.doc);
    if (!doc) throw new Error(`gold document ${g.doc} is not in the corpora`);
    const system = extractQuotes(doc);
    const squeezed = squeeze(doc.text);
    const own = new Set(doc.meta.speakers.map(surname));
    const matched = new Set<Quote>();
    const ts = tallies(g);
    const add = (f: (t: Tally) => void) => ts.forEach(f);
    for (const q of g.quotes) {
      const span = locate(doc, squeezed, q);
      // validate_quotations.py checks each is in the file: one not in the cleaned text is in page furniture the cleaning removed.
      if (!span) {
        removedQuotes.push(`${g.doc}: ${q.text}`);
        continue;
      }
      // The system quotation covering most of it, if it covers at least half.
      let best: Quote | null = null;
      let bestOverlap = 0;
      for (const s of system) {
        const o = overlap(s, span);
        if (o > bestOverlap) [best, bestOverlap] = [s, o];
      }
      if (best && bestOverlap * 2 < span[1] - span[0]) best = null;
      if (best) matched.add(best);
      const said = best?.speaker ?? null;
      const goldOwn = q.speaker !== null && own.has(surname(q.speaker));
      add((t) => {
        t.gold++;
        if (best) t.found++;
        if (q.speaker) t.named++;
        if (q.speaker && sameSpeaker(said, q.speaker)) t.namedRight++;
        if (said) t.credited++;
        if (said && sameSpeaker(said, q.speaker)) t.creditedRight++;
        if (goldOwn) t.ownGold++;
        if (said && own.has(surname(said))) {
          t.own++;
          if (goldOwn) t.ownRight++;
        }
      });
      if ((said || q.speaker) && !sameSpeaker(said, q.speaker))
        mistakes.push({ doc: g.doc, text: q.text, gold: q.speaker, system: said, cue: best?.cue ?? null });
    }
    // A quotation the system found and credited that the gold does not have: a false credit.
    for (const s of system) {
      if (matched.has(s) || !s.speaker) continue;
      add((t) => {
        t.credited++;
        if (own.has(surname(s.speaker!))) t.own++;
      });
      mistakes.push({ doc: g.doc, text: s.text, gold: null, system: s.speaker, cue: s.cue });
    }
  }
  return { categories, mistakes, removedQuotes };
}

export interface PhraseScore {
  query: string;
  corpus: string;
  /** Occurrences the gold lists, highlights search returned, and highlights that are gold occurrences. */
  gold: number;
  highlighted: number;
  exact: number;
  /** Documents where the counts differ: id → [gold, highlighted]. */
  wrong: Record<string, [number, number]>;
}

export async function scorePhrases(): Promise<PhraseScore[]> {
  const gold = JSON.parse(readFileSync(path.join(GOLD, 'phrases.json'), 'utf8')) as GoldPhrase[];
  const corpora = {
    seed: makeSearchIndex((await loadCorpus(SHIPPED_CORPUS)).documents),
    sotu50: makeSearchIndex(speechDocuments(speechesBetween(1972, 2021))),
  };
  return gold.map((g) => {
    const index = corpora[g.corpus];
    const res = search(index, g.query, { limit: 10_000, passagesPerDocument: 10_000 });
    if (res.error) throw new Error(`${g.query}: ${res.error.message}`);
    const phrase = g.query.replace(/^"|"$/g, '');
    const counts: Record<string, number> = {};
    let highlighted = 0;
    let exact = 0;
    for (const d of res.documents) {
      const text = index.byId.get(d.id)!.text;
      for (const p of d.passages) {
        for (const [s, e] of p.highlights) {
          highlighted++;
          counts[d.id] = (counts[d.id] ?? 0) + 1;
          // Exact: the highlight, read from the text, is the phrase (case, spacing, quote style aside).
          const cut = text.slice(s, e);
          const again = findPhraseByFolding(cut, phrase);
          if (again.length === 1 && again[0][0] === 0 && again[0][1] === cut.length) exact++;
        }
      }
    }
    const wrong: Record<string, [number, number]> = {};
    for (const id of new Set([...Object.keys(g.occurrences), ...Object.keys(counts)])) {
      if ((g.occurrences[id] ?? 0) !== (counts[id] ?? 0)) wrong[id] = [g.occurrences[id] ?? 0, counts[id] ?? 0];
    }
    const goldTotal = Object.values(g.occurrences).reduce((a, b) => a + b, 0);
    return { query: g.query, corpus: g.corpus, gold: goldTotal, highlighted, exact, wrong };
  });
}

export { speechId };
