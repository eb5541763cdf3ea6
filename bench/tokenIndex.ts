/**
 * The token index under the corpus tools (app/core/tokenIndex/), measured against floors taken in the
 * same run (`npm run bench -- --tokens`, and part of the full run):
 * 1. building it adds ≤ 25% to a cold build (buildIndex of the search index over the same documents);
 * 2. on SOTU the first word list (500 rows), concordance of "government" sorted by L1 (1,000 lines),
 *    collocates of "government" and 3-grams (500 rows) answer in < 300 ms after a warm launch (the
 *    tokens made by warmTokens, every per-tool cache cold), on SOTU × 10 in < 2 s; each beside a
 *    straightforward single-pass count written here (its floor), whose answer it must equal;
 * 3. the overview < 500 ms on SOTU;
 * 4. a phrase: the concordance and search of '"public debt"' against MiniSearch's phrase-ish query;
 * 5. ≤ 6 bytes per running word (tokenBytes), and the heap's growth around warmTokens;
 * 6. a warm launch of SOTU (second open of a corpus folder) to the first word list < 1 s.
 * Each corpus is measured in a fresh process (bench/tokenChild.ts): the vocabulary is one per process
 * and only grows, so a corpus measured after another would find its words known already.
 * A mismatch between a tool and its floor is printed loudly and makes the run exit non-zero.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { scanTokens } from '../app/core/analysis/tokens';
import { stopKey } from '../app/core/analysis/stopList';
import { collocates, type CollocatesResult } from '../app/core/corpusTools/collocates';
import { concordance, type Concordance } from '../app/core/corpusTools/concordance';
import { subcorpusKeyness } from '../app/core/corpusTools/keyness';
import { ngrams, type NgramRow } from '../app/core/corpusTools/ngrams';
import { corpusOverview } from '../app/core/corpusTools/overview';
import { trend } from '../app/core/corpusTools/trend';
import { wordList, type WordList } from '../app/core/corpusTools/wordList';
import { buildIndex, type BuiltIndex } from '../app/core/indexing/buildIndex';
import { search } from '../app/core/search';
import { buildLunrIndex, makeSearchIndex, type SearchIndex } from '../app/core/searchIndex';
import { hasTokens, OPEN, PASSAGE_START, tokenBytes, tokensOf, warmTokens } from '../app/core/tokenIndex/documentTokens';
import { stemOf, vocabulary } from '../app/core/tokenIndex/vocabulary';
import type { LoadedDocument } from '../app/core/types';
import { openService } from '../app/service/openService';
import { documentsOf, writeCorpusFolder, type CorpusName } from './corpora';
import { queriesFor } from './queries';
import { percentile } from './stats';

/** The corpora measured: SOTU and SOTU × 10 with every tool; the e-mails and READMEs for the build, memory and the phrase. */
export const TOKEN_CORPORA: { name: CorpusName; tools: boolean }[] = [
  { name: 'sotu', tools: true },
  { name: 'sotu10', tools: true },
  { name: 'emails', tools: false },
  { name: 'readmes', tools: false },
];

const BUILD_TARGET = 0.25;
const BYTES_TARGET = 6;
const LAUNCH_TARGET_MS = 1000;
const WORD_LIST_ROWS = 500;
const KWIC_LINES = 1000;
const NGRAM_ROWS = 500;
const NODE = 'government';

export interface Latency {
  p50Ms: number;
  p95Ms: number;
}

export interface PhraseTiming {
  query: string;
  /** concordance(index, query): every line. */
  concordance: Latency & { lines: number };
  /** search(index, query) with its default options (50 documents, passages with text and snippets, every hit counted): hits of the last call, the calls (of 51) that answered with an error and the first error. */
  search: Latency & { documents: number; hits: number; error: string | null; errorCalls: number };
  /** MiniSearch over the same passages (title, text), the words with combineWith AND: no phrase, the words anywhere in a passage. */
  minisearch: Latency & { results: number };
  /** The same, its results kept only where a regular expression finds the phrase (what a phrase query costs MiniSearch's user). */
  minisearchPhrase: Latency & { results: number };
  /** Fastest p50 of the three answers (concordance, search, MiniSearch AND). */
  winner: string;
}

export interface TokenToolTiming {
  tool: string;
  /** The first call after a warm launch: freshly loaded documents whose tokens warmTokens made, every per-tool cache cold. */
  firstMs: number;
  /** The same measured again on other freshly loaded documents (how noisy `firstMs` is). */
  againMs: number[];
  /** The truly cold first call: fresh documents without tokens, made by the call (the vocabulary already knows their words). */
  coldMs: number;
  /** The call after the first, on the same documents (per-tool caches warm). */
  nextMs: number;
  floor: string | null;
  floorMs: number | null;
  targetMs: number | null;
  /** 'equal: …' when the answer equals the floor's, 'MISMATCH: …' when not, null without a floor. */
  check: string | null;
}

export interface TokenCorpusTiming {
  corpus: CorpusName;
  documents: number;
  /** Tokens in the token index. */
  runningWords: number;
  /** Sum of the documents' wordCount (must equal runningWords). */
  wordCount: number;
  /** Distinct forms the vocabulary holds after the corpus. */
  forms: number;
  /** Cold build: `await buildIndex(docs)` (the search index, as the app builds it on a cache miss; Lunr's objects are made lazily and not included); the faster of two, one before the token index and one after. */
  coldBuildMs: number;
  /** Both cold builds. */
  coldBuildsMs: [number, number];
  /** warmTokens over the documents, right after the cold build, in a process whose vocabulary is empty (what a cold launch adds). */
  tokenBuildMs: number;
  /** The same over freshly loaded copies of the documents, the vocabulary knowing every word. */
  tokenBuildKnownWordsMs: number;
  /** Sum of tokenBytes over documents, per running word. */
  bytesPerWord: number;
  /** After gc(), around warmTokens (the vocabulary made too): heapUsed and external (typed arrays) growth. */
  heapGrowth: { heapUsedMb: number; externalMb: number; rssMb: number; bytesPerWord: number };
  phrase: PhraseTiming;
  tools?: TokenToolTiming[];
  /** When a tool asked for the Lunr index it should not need (its time would include building it), or tokens disagree with the documents. */
  warnings: string[];
  /** The machine's 1-minute load average when the corpus started and ended (other processes make every figure noisier). */
  loadAverage: [number, number];
}

interface LaunchRun {
  openMs: number;
  wordListMs: number;
  source: string;
  rows: number;
  /** Documents whose tokens were made when the word list was asked for. */
  tokensReady: string;
}

export interface TokenLaunch {
  corpus: CorpusName;
  /** Warm launches (each a fresh process, second open onwards): open to the first word list answered. */
  totalMs: number[];
  openMs: number[];
  wordListMs: number[];
  source: string;
  rows: number;
  /** Per launch: documents whose tokens were made when the word list was asked for. */
  tokensReady: string[];
}

export interface TokenBenchResult {
  date: string;
  corpora: TokenCorpusTiming[];
  launch: TokenLaunch | null;
  mismatches: number;
}

// ---------------------------------------------------------------------------------------------
// Helpers

const gc = () => (globalThis as { gc?: () => void }).gc?.();
/** A full collection, twice, with time between for V8 to release the typed arrays' backing stores (their sweeper runs in the background). */
async function settle(): Promise<void> {
  for (let i = 0; i < 2; i++) {
    gc();
    await new Promise((r) => setTimeout(r, 200));
  }
}
const round = (x: number, digits = 0) => Math.round(x * 10 ** digits) / 10 ** digits;
const log = (s: string) => process.stderr.write(`${s}\n`);

/** Freshly loaded documents: the same texts as new objects, so every per-document cache (tokens, counts) starts cold. */
const fresh = (docs: LoadedDocument[]) => docs.map((d) => ({ ...d }));

function msOf(fn: () => unknown): number {
  const t = performance.now();
  fn();
  return performance.now() - t;
}

const WARMUP = 10;
const RUNS = 40;

/** Steady-state latency, as run.ts measures queries: a warm-up, then p50/p95 of 40 calls. */
function latency(fn: () => unknown): Latency {
  for (let i = 0; i < WARMUP; i++) fn();
  gc();
  const ms: number[] = [];
  for (let i = 0; i < RUNS; i++) ms.push(msOf(fn));
  ms.sort((a, b) => a - b);
  return { p50Ms: round(percentile(ms, 50), 3), p95Ms: round(percentile(ms, 95), 3) };
}

/** A search index over documents whose Lunr index is made only if something reads it (the token tools should not). */
function lazyIndex(docs: LoadedDocument[], warnings: string[], tool: string): SearchIndex {
  return makeSearchIndex(docs, () => {
    warnings.push(`${tool} built a Lunr index`);
    return buildLunrIndex(docs);
  });
}

// ---------------------------------------------------------------------------------------------
// Floors: the same counts, written plainly, one pass each. Each returns what its tool's answer is checked against.

interface FloorRow {
  term: string;
  frequency: number;
  documents: number;
}

const byFrequencyThenTerm = (a: FloorRow, b: FloorRow) => b.frequency - a.frequency || (a.term < b.term ? -1 : a.term > b.term ? 1 : 0);

/** Word list floor: one pass over every document's form ids counting into a Map, then a sort. */
function wordListFloor(docs: LoadedDocument[]): { rows: FloorRow[]; words: number; terms: number } {
  const counts = new Map<number, [number, number, number]>(); // frequency, documents, last document
  let words = 0;
  docs.forEach((doc, d) => {
    const forms = tokensOf(doc).forms;
    words += forms.length;
    for (let i = 0; i < forms.length; i++) {
      let c = counts.get(forms[i]);
      if (!c) counts.set(forms[i], (c = [0, 0, -1]));
      c[0]++;
      if (c[2] !== d) {
        c[2] = d;
        c[1]++;
      }
    }
  });
  const rows = [...counts].map(([id, c]) => ({ term: vocabulary.form(id), frequency: c[0], documents: c[1] }));
  rows.sort(byFrequencyThenTerm);
  return { rows: rows.slice(0, WORD_LIST_ROWS), words, terms: counts.size };
}

/** The independent check of the token index: the tokenising rule over the passages' texts, counting strings. */
function wordListScan(docs: LoadedDocument[]): FloorRow[] {
  const counts = new Map<string, number>();
  for (const doc of docs)
    for (const p of doc.passages) {
      const text = p.text;
      scanTokens(text, (s, e) => {
        const w = text.slice(s, e);
        counts.set(w, (counts.get(w) ?? 0) + 1);
      });
    }
  const rows = [...counts].map(([term, frequency]) => ({ term, frequency, documents: 0 }));
  rows.sort(byFrequencyThenTerm);
  return rows.slice(0, WORD_LIST_ROWS);
}

function compareWordList(app: WordList, floor: { rows: FloorRow[]; words: number; terms: number }, scan: FloorRow[]): string {
  const problems: string[] = [];
  if (app.words !== floor.words) problems.push(`running words ${app.words} ≠ ${floor.words}`);
  if (app.terms !== floor.terms) problems.push(`distinct forms ${app.terms} ≠ ${floor.terms}`);
  if (app.rows.length !== floor.rows.length) problems.push(`${app.rows.length} rows ≠ ${floor.rows.length}`);
  const i = floor.rows.findIndex((f, k) => {
    const a = app.rows[k];
    return !a || a.term !== f.term || a.frequency !== f.frequency || a.documents !== f.documents;
  });
  if (i >= 0)
    problems.push(
      `row ${i + 1}: ${JSON.stringify(app.rows[i] && [app.rows[i].term, app.rows[i].frequency, app.rows[i].documents])} ≠ ${JSON.stringify([floor.rows[i].term, floor.rows[i].frequency, floor.rows[i].documents])}`,
    );
  const j = scan.findIndex((f, k) => app.rows[k]?.term !== f.term || app.rows[k]?.frequency !== f.frequency);
  if (j >= 0) problems.push(`against the texts scanned: row ${j + 1} ${app.rows[j]?.term}=${app.rows[j]?.frequency} ≠ ${scan[j].term}=${scan[j].frequency}`);
  return problems.length
    ? `MISMATCH: ${problems.join('; ')}`
    : `equal: top ${floor.rows.length} forms, frequencies and ranges, running words, distinct forms; and the top ${scan.length} against the texts scanned`;
}

interface FloorHit {
  docId: string;
  start: number;
  end: number;
  l1: string;
}

/**
 * Concordance floor: a regular expression finds the passages that may hold the word; the tokenising
 * rule cuts those, keeping each token whose stem is the query's (a bare word matches its stem, as search
 * does) and the word before it in its passage (L1); sorted by L1, then document, then place; the first
 * page made into lines.
 */
function concordanceFloor(docs: LoadedDocument[], word: string, limit: number): { total: number; lines: (FloorHit & { before: string; after: string })[] } {
  const stem = stemOf(word);
  const near = new RegExp(stem.slice(0, -1).replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'i');
  const first = stem.charCodeAt(0);
  const hits: FloorHit[] = [];
  for (const doc of docs)
    for (const p of doc.passages) {
      const text = p.text;
      if (!near.test(text)) continue;
      let prevStart = -1;
      let prevEnd = -1;
      scanTokens(text, (s, e) => {
        if (e - s >= stem.length - 1 && (text.charCodeAt(s) | 32) === first) {
          const lower = stopKey(text.slice(s, e));
          if (stemOf(lower) === stem)
            hits.push({ docId: doc.meta.id, start: p.start + s, end: p.start + e, l1: prevStart < 0 ? '' : stopKey(text.slice(prevStart, prevEnd)) });
        }
        prevStart = s;
        prevEnd = e;
      });
    }
  hits.sort((a, b) => (a.l1 < b.l1 ? -1 : a.l1 > b.l1 ? 1 : a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start));
  const byId = new Map(docs.map((d) => [d.meta.id, d]));
  const lines = hits.slice(0, limit).map((h) => {
    const text = byId.get(h.docId)!.text;
    return { ...h, before: text.slice(Math.max(0, h.start - 60), h.start), after: text.slice(h.end, h.end + 60) };
  });
  return { total: hits.length, lines };
}

function compareConcordance(app: Concordance, floor: ReturnType<typeof concordanceFloor>): string {
  const problems: string[] = [];
  if (app.error) problems.push(`error: ${app.error}`);
  if (app.total !== floor.total) problems.push(`${app.total} hits ≠ ${floor.total}`);
  if (app.lines.length !== floor.lines.length) problems.push(`${app.lines.length} lines ≠ ${floor.lines.length}`);
  const i = floor.lines.findIndex((f, k) => app.lines[k]?.docId !== f.docId || app.lines[k]?.start !== f.start || app.lines[k]?.end !== f.end);
  if (i >= 0)
    problems.push(`line ${i + 1}: ${app.lines[i]?.docId}@${app.lines[i]?.start} ≠ ${floor.lines[i].docId}@${floor.lines[i].start} (L1 "${floor.lines[i].l1}")`);
  return problems.length
    ? `MISMATCH: ${problems.join('; ')}`
    : `equal: ${floor.total} hits, the first ${floor.lines.length} lines in the same order at the same offsets`;
}

/**
 * Collocates floor: one pass over every passage's tokens (lower-cased form ids), counting each form's
 * uses (C1) and, for the positions within ±window of a use of the node (not the node itself, not across
 * the passage's edge), the words there (O11); a pointer to the node's next use looks ahead.
 */
function collocatesFloor(docs: LoadedDocument[], word: string, window: number, minFrequency: number) {
  const node = vocabulary.findKey('lower', vocabulary.keyOfWord('lower', word));
  const size = vocabulary.keyCount('lower');
  const frequency = new Float64Array(size);
  const together = new Float64Array(size);
  let nodeFrequency = 0;
  let windowWords = 0;
  for (const doc of docs) {
    const t = tokensOf(doc);
    const forms = t.forms;
    for (let p = 0; p + 1 < t.passageFirst.length; p++) {
      const from = t.passageFirst[p];
      const to = t.passageFirst[p + 1];
      let last = -Infinity;
      let next = from - 1;
      const advance = (after: number) => {
        let j = after + 1;
        while (j < to && vocabulary.lowerId(forms[j]) !== node) j++;
        return j < to ? j : Infinity;
      };
      next = advance(next);
      for (let i = from; i < to; i++) {
        const id = vocabulary.lowerId(forms[i]);
        frequency[id]++;
        if (id === node) {
          nodeFrequency++;
          last = i;
          next = advance(i);
        } else if (i - last <= window || next - i <= window) {
          windowWords++;
          together[id]++;
        }
      }
    }
  }
  const rows = new Map<string, { together: number; frequency: number }>();
  for (let id = 0; id < size; id++)
    if (together[id] >= minFrequency) rows.set(vocabulary.key('lower', id), { together: together[id], frequency: frequency[id] });
  return { nodeFrequency, windowWords, rows };
}

function compareCollocates(app: CollocatesResult, floor: ReturnType<typeof collocatesFloor>): string {
  const problems: string[] = [];
  if (app.nodeFrequency !== floor.nodeFrequency) problems.push(`node uses ${app.nodeFrequency} ≠ ${floor.nodeFrequency}`);
  if (app.windowWords !== floor.windowWords) problems.push(`window words ${app.windowWords} ≠ ${floor.windowWords}`);
  if (app.rows.length !== floor.rows.size) problems.push(`${app.rows.length} collocates ≠ ${floor.rows.size}`);
  const bad = app.rows.find((r) => {
    const f = floor.rows.get(r.term);
    return !f || f.together !== r.together || f.frequency !== r.frequency;
  });
  if (bad) problems.push(`"${bad.term}": ${bad.together}/${bad.frequency} ≠ ${JSON.stringify(floor.rows.get(bad.term))}`);
  return problems.length
    ? `MISMATCH: ${problems.join('; ')}`
    : `equal: ${floor.nodeFrequency} uses, ${floor.windowWords} window words, ${floor.rows.size} collocates with their O11 and C1`;
}

/** N-gram floor: one pass building string keys of runs of n forms joined by open gaps (white space or a hyphen), counted in Maps. */
function ngramFloor(docs: LoadedDocument[], n: number, minFrequency: number, limit: number) {
  // Sharded by the last word: one Map holds at most 2^24 keys, and SOTU × 10 has more distinct runs than that may allow.
  const shards = Array.from({ length: 16 }, () => new Map<string, [number, number, number]>());
  let total = 0;
  docs.forEach((doc, d) => {
    const t = tokensOf(doc);
    const forms = t.forms;
    let joined = 0;
    for (let i = 0; i < forms.length; i++) {
      joined = i > 0 && (t.gaps[i] & 3) === OPEN ? joined + 1 : 1;
      if (joined < n) continue;
      let key = vocabulary.form(forms[i - n + 1]);
      for (let k = i - n + 2; k <= i; k++) key += ' ' + vocabulary.form(forms[k]);
      const shard = shards[forms[i] & 15];
      let c = shard.get(key);
      if (!c) shard.set(key, (c = [0, 0, -1]));
      total++;
      c[0]++;
      if (c[2] !== d) {
        c[2] = d;
        c[1]++;
      }
    }
  });
  const rows: FloorRow[] = [];
  for (const shard of shards) for (const [term, c] of shard) if (c[0] >= minFrequency) rows.push({ term, frequency: c[0], documents: c[1] });
  rows.sort(byFrequencyThenTerm);
  return { total, distinct: rows.length, rows: rows.slice(0, limit) };
}

function compareNgrams(app: { rows: NgramRow[]; total: number; distinct: number }, floor: ReturnType<typeof ngramFloor>): string {
  const problems: string[] = [];
  if (app.total !== floor.total) problems.push(`${app.total} runs ≠ ${floor.total}`);
  if (app.distinct !== floor.distinct) problems.push(`${app.distinct} distinct ≠ ${floor.distinct}`);
  if (app.rows.length !== floor.rows.length) problems.push(`${app.rows.length} rows ≠ ${floor.rows.length}`);
  const i = floor.rows.findIndex((f, k) => app.rows[k]?.ngram !== f.term || app.rows[k]?.frequency !== f.frequency || app.rows[k]?.documents !== f.documents);
  if (i >= 0)
    problems.push(
      `row ${i + 1}: ${JSON.stringify(app.rows[i] && [app.rows[i].ngram, app.rows[i].frequency, app.rows[i].documents])} ≠ ${JSON.stringify([floor.rows[i].term, floor.rows[i].frequency, floor.rows[i].documents])}`,
    );
  return problems.length ? `MISMATCH: ${problems.join('; ')}` : `equal: ${floor.total} runs, ${floor.distinct} at 2 or more, the top ${floor.rows.length} rows`;
}

/** Overview floor: one pass counting every document's lower-cased forms into a Map, added up over the corpus (the counts its distinctive terms read). */
function overviewFloor(docs: LoadedDocument[]): { words: number; terms: number } {
  const total = new Map<number, number>();
  let words = 0;
  for (const doc of docs) {
    const mine = new Map<number, number>();
    const forms = tokensOf(doc).forms;
    words += forms.length;
    for (let i = 0; i < forms.length; i++) {
      const k = vocabulary.lowerId(forms[i]);
      mine.set(k, (mine.get(k) ?? 0) + 1);
    }
    for (const [k, v] of mine) total.set(k, (total.get(k) ?? 0) + v);
  }
  return { words, terms: total.size };
}

/** Trend floor: one pass over the form ids counting the terms' stems per year. */
function trendFloor(docs: LoadedDocument[], terms: string[]): Map<string, number[]> {
  const ids = terms.map((t) => vocabulary.findKey('stem', vocabulary.keyOfWord('stem', t)));
  const out = new Map<string, number[]>();
  for (const doc of docs) {
    if (!doc.meta.date) continue;
    const year = doc.meta.date.slice(0, 4);
    const c =
      out.get(year) ??
      out
        .set(
          year,
          terms.map(() => 0),
        )
        .get(year)!;
    const forms = tokensOf(doc).forms;
    for (let i = 0; i < forms.length; i++) {
      const k = ids.indexOf(vocabulary.unitId('stem', forms[i]));
      if (k >= 0) c[k]++;
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The tools

interface Spec<A, F> {
  tool: string;
  targetMs: number | null;
  run(docs: LoadedDocument[], index: SearchIndex): A;
  floor?: { what: string; run(docs: LoadedDocument[]): F; compare(app: A, floor: F, docs: LoadedDocument[]): string };
}
const spec = <A, F>(s: Spec<A, F>) => s as unknown as Spec<unknown, unknown>;

function toolSpecs(name: CorpusName): Spec<unknown, unknown>[] {
  const scale = name === 'sotu' ? 1 : name === 'sotu10' ? 10 : 0;
  const target = (sotu: number, x10: number | null) => (scale === 1 ? sotu : scale === 10 ? x10 : null);
  const TREND = ['war', 'peace'];
  return [
    spec({
      tool: `word list (${WORD_LIST_ROWS} rows)`,
      targetMs: target(300, 2000),
      run: (docs) => wordList(docs, { limit: WORD_LIST_ROWS }),
      floor: {
        what: 'one pass over form ids into a Map, sorted',
        run: (docs) => wordListFloor(docs),
        // The scan of the texts checks the token index itself; it is not the floor (it cuts every text again).
        compare: (app: WordList, floor: ReturnType<typeof wordListFloor>, docs) => {
          let scan: FloorRow[] = [];
          const ms = msOf(() => (scan = wordListScan(docs)));
          return `${compareWordList(app, floor, scan)} (the scan ${Math.round(ms)} ms)`;
        },
      },
    }),
    spec({
      tool: `concordance "${NODE}" sorted L1 (first ${KWIC_LINES} lines)`,
      targetMs: target(300, 2000),
      run: (_docs, index) => concordance(index, NODE, { sort: 'L1', limit: KWIC_LINES }),
      floor: {
        what: 'regex over the texts, tokenising rule on the passages found, sort by L1',
        run: (docs) => concordanceFloor(docs, NODE, KWIC_LINES),
        compare: compareConcordance,
      },
    }),
    spec({
      tool: `collocates "${NODE}" (±5, lower, log-Dice)`,
      targetMs: target(300, 2000),
      run: (docs) => collocates(docs, NODE),
      floor: { what: 'one pass over lower-cased ids, counting windows', run: (docs) => collocatesFloor(docs, NODE, 5, 3), compare: compareCollocates },
    }),
    spec({
      tool: `3-grams (${NGRAM_ROWS} rows, min 2)`,
      targetMs: target(300, 2000),
      run: (docs) => ngrams(docs, 3, { limit: NGRAM_ROWS }),
      floor: { what: 'one pass building string keys', run: (docs) => ngramFloor(docs, 3, 2, NGRAM_ROWS), compare: compareNgrams },
    }),
    spec({
      tool: 'overview',
      targetMs: target(500, null),
      run: (docs) => corpusOverview(docs),
      floor: {
        what: "one pass counting each document's lower-cased forms (no formulas, no keyness)",
        run: (docs) => overviewFloor(docs),
        compare: (app: ReturnType<typeof corpusOverview>, floor: { words: number; terms: number }) =>
          app.words === floor.words
            ? `equal: ${floor.words} words (documents' wordCount = tokens)`
            : `MISMATCH: overview ${app.words} words ≠ ${floor.words} tokens`,
      },
    }),
    spec({
      tool: `trend "${TREND.join(' ')}" by year`,
      targetMs: null,
      run: (docs) => trend(docs, TREND, 'year'),
      floor: {
        what: 'one pass counting the stems per year',
        run: (docs) => trendFloor(docs, TREND),
        compare: (app: ReturnType<typeof trend>, floor: Map<string, number[]>) => {
          const bad = app.groups.find((g) => JSON.stringify(floor.get(g.key)) !== JSON.stringify(g.counts));
          return bad || app.groups.length !== floor.size
            ? `MISMATCH: ${bad ? `${bad.key} ${JSON.stringify(bad.counts)} ≠ ${JSON.stringify(floor.get(bad.key))}` : `${app.groups.length} groups ≠ ${floor.size}`}`
            : `equal: ${floor.size} years`;
        },
      },
    }),
    spec({ tool: 'keyness year:1980..1989 vs the rest', targetMs: null, run: (docs) => subcorpusKeyness(docs, 'year:1980..1989') }),
  ];
}

export async function measureTools(
  name: CorpusName,
  docs: LoadedDocument[],
  runningWords: number,
  warnings: string[],
  options: { quiet?: boolean; reps?: number } = {},
): Promise<TokenToolTiming[]> {
  const say = options.quiet ? () => undefined : log;
  const reps = options.reps ?? (runningWords > 5e6 ? 2 : 3);
  const floorRuns = Math.min(reps, runningWords > 5e6 ? 1 : 3);
  const out: TokenToolTiming[] = [];
  for (const s of toolSpecs(name)) {
    const first: number[] = [];
    let nextMs = 0;
    let floorMs: number | null = null;
    let check: string | null = null;
    for (let rep = 0; rep < reps; rep++) {
      const loaded = fresh(docs);
      await warmTokens(loaded);
      const index = lazyIndex(loaded, warnings, s.tool);
      gc();
      let answer: unknown;
      first.push(msOf(() => (answer = s.run(loaded, index))));
      if (rep > 0) continue;
      nextMs = msOf(() => s.run(loaded, index));
      if (s.floor) {
        let floorAnswer: unknown;
        let best = Infinity;
        for (let k = 0; k < floorRuns; k++) {
          gc();
          best = Math.min(
            best,
            msOf(() => (floorAnswer = s.floor!.run(loaded))),
          );
        }
        floorMs = best;
        check = s.floor.compare(answer, floorAnswer, loaded);
      }
    }
    const cold = fresh(docs);
    const coldIndex = lazyIndex(cold, warnings, s.tool);
    gc();
    const coldMs = msOf(() => s.run(cold, coldIndex));
    const row: TokenToolTiming = {
      tool: s.tool,
      firstMs: Math.round(first[0]),
      againMs: first.slice(1).map((x) => Math.round(x)),
      coldMs: Math.round(coldMs),
      nextMs: Math.round(nextMs),
      floor: s.floor?.what ?? null,
      floorMs: floorMs === null ? null : Math.round(floorMs),
      targetMs: s.targetMs,
      check,
    };
    say(
      `  ${row.tool}: first ${row.firstMs} ms (again ${row.againMs.join(', ')}), truly cold ${row.coldMs} ms, next ${row.nextMs} ms; floor ${row.floorMs ?? '—'} ms${row.targetMs ? `; target < ${row.targetMs} ms` : ''}`,
    );
    if (check) say(`    ${check.startsWith('MISMATCH') ? '!!!!!!!! ' : ''}${check}`);
    out.push(row);
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The phrase against MiniSearch

function measurePhrase(name: CorpusName, docs: LoadedDocument[], built: BuiltIndex): PhraseTiming {
  const q = queriesFor(name).find((x) => x.kind === 'phrase')!;
  const index = makeSearchIndex(
    docs,
    () => built.index,
    () => built.typed,
  );
  const passages = docs.flatMap((d) => d.passages.map((p) => ({ id: `${d.meta.id}#${p.id}`, title: d.meta.title, text: p.text })));
  const textOf = new Map(passages.map((p) => [p.id, p.text]));
  const mini = new MiniSearch({ fields: ['title', 'text'] });
  mini.addAll(passages);
  const words = q.minisearch.text;
  const phrase = new RegExp(`(?<![\\p{L}\\p{N}])${words.split(' ').join('[\\s\\-]+')}(?![\\p{L}\\p{N}])`, 'iu');
  const kwic = concordance(index, q.lectern);
  let found = search(index, q.lectern);
  let errorCalls = 0;
  let error: string | null = null;
  const searchOnce = () => {
    if (found.error) {
      errorCalls++;
      error ??= found.error.message;
    }
    found = search(index, q.lectern);
  };
  const miniResults = mini.search(words, { combineWith: 'AND' });
  const miniPhrase = () => mini.search(words, { combineWith: 'AND' }).filter((r) => phrase.test(textOf.get(r.id as string) ?? ''));
  const out = {
    query: q.lectern,
    concordance: { ...latency(() => concordance(index, q.lectern)), lines: kwic.total },
    search: {
      ...latency(searchOnce),
      documents: found.documents.length,
      hits: found.totals.hits,
      error: (found.error?.message ?? null) || error,
      errorCalls: errorCalls + (found.error ? 1 : 0),
    },
    minisearch: { ...latency(() => mini.search(words, { combineWith: 'AND' })), results: miniResults.length },
    minisearchPhrase: { ...latency(miniPhrase), results: miniPhrase().length },
  };
  const contenders: [string, number][] = [
    ['Lectern concordance', out.concordance.p50Ms],
    ['Lectern search', out.search.p50Ms],
    ['MiniSearch (AND)', out.minisearch.p50Ms],
  ];
  const winner = contenders.sort((a, b) => a[1] - b[1])[0][0];
  return { ...out, winner };
}

// ---------------------------------------------------------------------------------------------
// One corpus, in its own process (bench/tokenChild.ts)

export async function measureCorpus(name: CorpusName, withTools: boolean): Promise<TokenCorpusTiming> {
  log(`\n## token index: ${name}`);
  const loadAtStart = round(os.loadavg()[0], 1);
  let t = performance.now();
  const docs = await documentsOf(name);
  log(`  ${docs.length} documents loaded in ${Math.round(performance.now() - t)} ms`);
  const warnings: string[] = [];

  gc();
  t = performance.now();
  const built = await buildIndex(docs);
  const coldBuildMs = performance.now() - t;

  await settle();
  const before = process.memoryUsage();
  t = performance.now();
  await warmTokens(docs);
  const tokenBuildMs = performance.now() - t;
  await settle();
  const after = process.memoryUsage();

  let runningWords = 0;
  let bytes = 0;
  const badCounts: string[] = [];
  for (const d of docs) {
    const tokens = tokensOf(d);
    runningWords += tokens.forms.length;
    bytes += tokenBytes(tokens);
    if (tokens.forms.length !== d.wordCount) badCounts.push(d.meta.id);
    if (tokens.passageFirst[tokens.passageFirst.length - 1] !== tokens.forms.length) badCounts.push(`${d.meta.id} (passageFirst)`);
    // Every passage's first token says so: what windows and n-grams stop at.
    for (let p = 0; p + 1 < tokens.passageFirst.length; p++)
      if (tokens.passageFirst[p] < tokens.passageFirst[p + 1] && (tokens.gaps[tokens.passageFirst[p]] & 3) !== PASSAGE_START)
        badCounts.push(`${d.meta.id} passage ${p}`);
  }
  if (badCounts.length) {
    const message = `MISMATCH: ${badCounts.length} documents whose tokens disagree with wordCount or passages, e.g. ${badCounts.slice(0, 3).join(', ')}`;
    warnings.push(message);
    log(`!!!!!!!! ${message}`);
  }
  const wordCount = docs.reduce((n, d) => n + d.wordCount, 0);
  const growth = after.heapUsed - before.heapUsed + (after.external - before.external);

  const copies = fresh(docs);
  gc();
  t = performance.now();
  for (const d of copies) tokensOf(d);
  const tokenBuildKnownWordsMs = performance.now() - t;
  copies.length = 0;

  // The cold build again (nothing of the first reused), so that one slow moment of the machine does not make the ratio.
  gc();
  t = performance.now();
  await buildIndex(docs);
  const coldBuildAgainMs = performance.now() - t;

  const result: TokenCorpusTiming = {
    corpus: name,
    documents: docs.length,
    runningWords,
    wordCount,
    forms: vocabulary.size,
    coldBuildMs: Math.round(Math.min(coldBuildMs, coldBuildAgainMs)),
    coldBuildsMs: [Math.round(coldBuildMs), Math.round(coldBuildAgainMs)],
    tokenBuildMs: Math.round(tokenBuildMs),
    tokenBuildKnownWordsMs: Math.round(tokenBuildKnownWordsMs),
    bytesPerWord: round(bytes / runningWords, 2),
    heapGrowth: {
      heapUsedMb: round((after.heapUsed - before.heapUsed) / 1048576, 1),
      externalMb: round((after.external - before.external) / 1048576, 1),
      rssMb: round((after.rss - before.rss) / 1048576, 1),
      bytesPerWord: round(growth / runningWords, 2),
    },
    phrase: undefined as unknown as PhraseTiming,
    warnings,
    loadAverage: [loadAtStart, 0],
  };
  log(
    `  cold build ${result.coldBuildsMs.join(' and ')} ms; token index ${result.tokenBuildMs} ms (${Math.round((result.tokenBuildMs / result.coldBuildMs) * 100)}% of the faster), ${result.tokenBuildKnownWordsMs} ms with every word known; ${runningWords} running words, ${result.forms} forms`,
  );
  log(
    `  ${result.bytesPerWord} bytes per running word (tokenBytes); heap growth around warmTokens: heapUsed ${result.heapGrowth.heapUsedMb} MB + external ${result.heapGrowth.externalMb} MB = ${result.heapGrowth.bytesPerWord} bytes per word (rss ${result.heapGrowth.rssMb} MB)`,
  );

  if (withTools) result.tools = await measureTools(name, docs, runningWords, warnings);
  result.phrase = measurePhrase(name, docs, built);
  const p = result.phrase;
  log(
    `  phrase ${p.query} p50/p95: concordance ${p.concordance.p50Ms}/${p.concordance.p95Ms} ms (${p.concordance.lines} lines), search ${p.search.p50Ms}/${p.search.p95Ms} ms (${p.search.hits} hits${p.search.errorCalls ? `, ERROR in ${p.search.errorCalls} calls${p.search.error ? `: ${p.search.error}` : ''}` : ''}), MiniSearch AND ${p.minisearch.p50Ms}/${p.minisearch.p95Ms} ms (${p.minisearch.results} passages; ${p.minisearchPhrase.results} with the phrase, ${p.minisearchPhrase.p50Ms} ms): ${p.winner} fastest`,
  );
  for (const w of warnings) log(`  warning: ${w}`);
  result.loadAverage[1] = round(os.loadavg()[0], 1);
  log(`  load average ${result.loadAverage.join(' → ')} on ${os.cpus().length} cores`);
  return result;
}

// ---------------------------------------------------------------------------------------------
// Warm launch to the first word list

/** In a fresh process: open the service on a corpus folder; with `first`, wait for the caches to be written; else time open → first word list. */
export async function launchOnce(dir: string, first: boolean): Promise<LaunchRun> {
  const t = performance.now();
  const service = await openService(dir);
  const opened = performance.now();
  const docs = service.loaded.documents;
  const ready = docs.filter(hasTokens).length;
  const list = await service.wordList({ limit: WORD_LIST_ROWS });
  const done = performance.now();
  const lib = await service.library({});
  if (first) await service.idle();
  await service.close();
  return { openMs: opened - t, wordListMs: done - opened, source: lib.index?.source ?? '', rows: list.rows.length, tokensReady: `${ready} of ${docs.length}` };
}

// ---------------------------------------------------------------------------------------------
// The parent: one child per corpus, the launch, the table

const ROOT = path.resolve(__dirname, '..');

function child<T>(args: string[]): T {
  const out = execFileSync(process.execPath, ['--expose-gc', '--max-old-space-size=12288', '--import', 'tsx', path.join(__dirname, 'tokenChild.ts'), ...args], {
    cwd: ROOT,
    maxBuffer: 64 << 20,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  return JSON.parse(out.toString()) as T;
}

export function measureLaunch(): TokenLaunch {
  log('\n## token index: warm launch of SOTU to the first word list');
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-bench-tokens-'));
  try {
    writeCorpusFolder('sotu', dir);
    child(['launch', dir, 'first']); // builds and writes the caches
    const runs = [0, 1, 2].map(() => child<LaunchRun>(['launch', dir]));
    const launch: TokenLaunch = {
      corpus: 'sotu',
      totalMs: runs.map((r) => Math.round(r.openMs + r.wordListMs)),
      openMs: runs.map((r) => Math.round(r.openMs)),
      wordListMs: runs.map((r) => Math.round(r.wordListMs)),
      source: runs[0].source,
      rows: runs[0].rows,
      tokensReady: runs.map((r) => r.tokensReady),
    };
    log(
      `  open → first word list (${launch.rows} rows, index from ${launch.source}): ${launch.totalMs.join(', ')} ms (open ${launch.openMs.join(', ')}; word list ${launch.wordListMs.join(', ')}; documents with tokens when it was asked: ${launch.tokensReady.join(', ')})`,
    );
    return launch;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const ms2 = (x: number) => (x < 10 ? x.toFixed(2) : x.toFixed(1));
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];

export interface TokenTableRow {
  corpus: string;
  measure: string;
  figure: string;
  floor: string;
  target: string;
  /** null: reported, no target. */
  pass: boolean | null;
}

/** The table printed and rendered in docs/PERFORMANCE.md: measure, figure, floor, target, pass/fail. */
export function tokenTable(r: TokenBenchResult): TokenTableRow[] {
  const rows: TokenTableRow[] = [];
  for (const c of r.corpora) {
    const ratio = c.tokenBuildMs / c.coldBuildMs;
    rows.push({
      corpus: c.corpus,
      measure: 'token index build (warmTokens, vocabulary empty) / cold build',
      figure: `${c.tokenBuildMs} ms = ${Math.round(ratio * 100)}% (${c.tokenBuildKnownWordsMs} ms with every word known)`,
      floor: `cold build ${c.coldBuildMs} ms (the faster of ${c.coldBuildsMs.join(' and ')})`,
      target: `≤ ${BUILD_TARGET * 100}%`,
      pass: ratio <= BUILD_TARGET,
    });
    rows.push({
      corpus: c.corpus,
      measure: 'token index memory (tokenBytes per running word)',
      figure: `${c.bytesPerWord} B (${c.runningWords.toLocaleString('en')} words, ${c.forms.toLocaleString('en')} forms)`,
      floor: `heap growth ${c.heapGrowth.bytesPerWord} B/word (${c.heapGrowth.heapUsedMb} MB heap + ${c.heapGrowth.externalMb} MB typed arrays)`,
      target: `≤ ${BYTES_TARGET} B`,
      pass: c.bytesPerWord <= BYTES_TARGET,
    });
    for (const t of c.tools ?? []) {
      const bad = t.check?.startsWith('MISMATCH');
      rows.push({
        corpus: c.corpus,
        measure: `${t.tool}: first call after a warm launch`,
        figure: `${t.firstMs} ms${t.againMs.length ? ` (again ${t.againMs.join(', ')}: median ${median([t.firstMs, ...t.againMs])})` : ''}; truly cold ${t.coldMs} ms; next ${t.nextMs} ms${bad ? `; **${t.check}**` : ''}`,
        floor: t.floorMs === null ? '—' : `${t.floorMs} ms${t.check && !bad ? ', answers equal' : ''}`,
        target: t.targetMs === null ? '—' : `< ${t.targetMs} ms`,
        pass: t.targetMs === null ? (bad ? false : null) : t.firstMs < t.targetMs && !bad,
      });
    }
    const p = c.phrase;
    rows.push({
      corpus: c.corpus,
      measure: `phrase ${p.query} (p50)`,
      figure: `concordance ${ms2(p.concordance.p50Ms)} ms (${p.concordance.lines} lines), search ${ms2(p.search.p50Ms)} ms (${p.search.hits} hits${p.search.errorCalls ? `; **${p.search.errorCalls} of ${WARMUP + RUNS + 1} calls answered with an error**${p.search.error ? `: ${p.search.error}` : ''}` : ''})`,
      floor: `MiniSearch AND ${ms2(p.minisearch.p50Ms)} ms (${p.minisearch.results} passages; with the phrase checked ${ms2(p.minisearchPhrase.p50Ms)} ms, ${p.minisearchPhrase.results})`,
      target: `report: ${p.winner} fastest`,
      pass: null,
    });
    if (c.loadAverage)
      rows.push({
        corpus: c.corpus,
        measure: 'machine load (1-minute average, start → end)',
        figure: `${c.loadAverage.join(' → ')}`,
        floor: '',
        target: '',
        pass: null,
      });
    for (const w of c.warnings) rows.push({ corpus: c.corpus, measure: 'warning', figure: w, floor: '', target: '', pass: /MISMATCH/.test(w) ? false : null });
  }
  if (r.launch) {
    const total = median(r.launch.totalMs);
    rows.push({
      corpus: r.launch.corpus,
      measure: `warm launch → first word list (${r.launch.rows} rows), median of ${r.launch.totalMs.length}`,
      figure: `${total} ms (${r.launch.totalMs.join(', ')}; open ${median(r.launch.openMs)} + word list ${median(r.launch.wordListMs)}; tokens made when it was asked: ${r.launch.tokensReady[0]} documents)`,
      floor: '—',
      target: `< ${LAUNCH_TARGET_MS} ms`,
      pass: total < LAUNCH_TARGET_MS,
    });
  }
  return rows;
}

const verdict = (p: boolean | null) => (p === null ? '' : p ? 'pass' : 'FAIL');

export function printTokenTable(r: TokenBenchResult): void {
  const rows = tokenTable(r);
  const w = (k: keyof TokenTableRow) => Math.min(90, Math.max(k.length, ...rows.map((x) => String(x[k]).length)));
  const widths = { corpus: w('corpus'), measure: w('measure'), figure: w('figure'), floor: w('floor'), target: w('target') };
  const line = (x: Record<'corpus' | 'measure' | 'figure' | 'floor' | 'target', string>, pass: string) =>
    `${x.corpus.padEnd(widths.corpus)} | ${x.measure.padEnd(widths.measure)} | ${x.figure.padEnd(widths.figure)} | ${x.floor.padEnd(widths.floor)} | ${x.target.padEnd(widths.target)} | ${pass}`;
  console.log('\n## token index: measure, figure, floor, target');
  console.log(line({ corpus: 'corpus', measure: 'measure', figure: 'figure', floor: 'floor', target: 'target' }, 'pass/fail'));
  for (const x of rows) console.log(line(x, verdict(x.pass)));
  if (r.mismatches) console.log(`\n!!!!!!!! ${r.mismatches} MISMATCHES between a tool and its floor: see above`);
}

/** Runs every corpus (each in a fresh process) and the launch; prints the table. */
export function runTokenBench(): TokenBenchResult {
  const corpora = TOKEN_CORPORA.map(({ name, tools }) => child<TokenCorpusTiming>(['corpus', name, tools ? 'tools' : 'no-tools']));
  const launch = measureLaunch();
  const mismatches = corpora.reduce(
    (n, c) => n + (c.tools ?? []).filter((t) => t.check?.startsWith('MISMATCH')).length + c.warnings.filter((w) => w.startsWith('MISMATCH')).length,
    0,
  );
  const result: TokenBenchResult = { date: new Date().toISOString(), corpora, launch, mismatches };
  printTokenTable(result);
  if (mismatches) process.exitCode = 1;
  return result;
}
