/**
 * Scores the attribution layer against the sentence gold (test/fixtures/gold/sentences/, labelled by
 * reading: SENTENCES.md). A unit is a gold sentence's words outside quotation marks, or one gold
 * quotation (quotations.json); the system's label for a unit is the label most of its characters carry.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { attributionOf } from '../../app/core/attribution/attribute';
import { sentenceRanges } from '../../app/core/attribution/sentences';
import type { AttributedSpan } from '../../app/common/attribution';
import type { LoadedDocument } from '../../app/core/types';
import { GOLD, goldDocuments, locateText, surname, squeeze, type GoldDocument } from './gold';

export const SENTENCE_FLOORS = {
  /** News: the document's speakers' words (direct + reported). */
  ownPrecision: 0.9,
  ownRecall: 0.85,
  /** Gold narration units credited to a speaker at confidence ≥ 0.9: at most this share. */
  narrationCredited: 0.02,
  /** Transcripts: quotations of others credited to the right person. */
  othersPrecision: 0.9,
  othersRecall: 0.7,
};

type GoldKind = 'direct' | 'reported' | 'narration' | 'other' | 'quoted';

interface GoldSentence {
  text: string;
  kind: GoldKind;
  speaker: string | null;
  role?: string | null;
  note?: string;
}

interface GoldSentenceFile {
  doc: string;
  genre: 'news' | 'transcript';
  split: 'dev' | 'test';
  /** Written and labelled after most rules were written; its documents and mistakes never looked at while developing. */
  fresh?: boolean;
  speakers: string[];
  sentences: GoldSentence[];
}

interface Label {
  kind: string;
  speaker: string | null;
}

export interface Unit {
  doc: string;
  genre: 'news' | 'transcript';
  split: 'dev' | 'test';
  fresh: boolean;
  /** A sentence's outside words or a quotation. */
  type: 'sentence' | 'quotation';
  text: string;
  gold: Label;
  system: Label & { confidence: number };
  /** Gold and system labels name one of the document's own speakers. */
  goldOwn: boolean;
  systemOwn: boolean;
}

export interface SentenceScores {
  units: Unit[];
  /** Gold sentences not in the cleaned text (web boilerplate the cleaner removed). */
  removed: number;
  /** Speakers the system names that the gold never names in that document. */
  unknownSpeakers: { doc: string; speaker: string; text: string }[];
  /** Gold sentence boundaries found in the cleaned text, and those the system's sentences share. */
  boundaries: { gold: number; system: number; shared: number };
}

export interface Ratio {
  right: number;
  of: number;
}
export const ratio = (r: Ratio) => (r.of ? r.right / r.of : 1);

const same = (a: string | null, b: string | null) => a !== null && b !== null && surname(a) === surname(b);
const speaks = (l: Label) => (l.kind === 'direct' || l.kind === 'reported') && l.speaker !== null;

export function goldSentenceFiles(): GoldSentenceFile[] {
  const dir = path.join(GOLD, 'sentences');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as GoldSentenceFile);
}

/** The label most of a range's characters carry (white space and quote marks not counted). */
function majority(
  doc: LoadedDocument,
  spans: Pick<AttributedSpan, 'start' | 'end' | 'kind' | 'speaker' | 'confidence'>[],
  ranges: [number, number][],
): Label & { confidence: number } {
  const votes = new Map<string, { n: number; label: Label & { confidence: number } }>();
  let j = 0;
  for (const [s, e] of ranges) {
    for (let i = s; i < e; i++) {
      if (/[\s“”"‘’'.,;:!?—–-]/.test(doc.text[i])) continue;
      while (j > 0 && spans[j].start > i) j--;
      while (j < spans.length - 1 && spans[j].end <= i) j++;
      const sp = spans[j];
      if (sp.start > i || sp.end <= i) continue;
      const key = `${sp.kind}\u0000${sp.speaker ? surname(sp.speaker) : ''}`;
      const v = votes.get(key) ?? { n: 0, label: { kind: sp.kind, speaker: sp.speaker, confidence: sp.confidence } };
      v.n++;
      v.label.confidence = Math.min(v.label.confidence, sp.confidence);
      votes.set(key, v);
    }
  }
  let best: { n: number; label: Label & { confidence: number } } | null = null;
  for (const v of votes.values()) if (!best || v.n > best.n) best = v;
  return best?.label ?? { kind: 'none', speaker: null, confidence: 0 };
}

function subtract(range: [number, number], holes: [number, number][]): [number, number][] {
  let out: [number, number][] = [range];
  for (const [a, b] of holes)
    out = out.flatMap(([s, e]): [number, number][] =>
      b <= s || a >= e
        ? [[s, e]]
        : (
            [
              [s, a],
              [b, e],
            ] as [number, number][]
          ).filter(([x, y]) => y > x),
    );
  return out;
}

export async function scoreSentences(): Promise<SentenceScores> {
  const docs = await goldDocuments();
  const quoteGold = new Map((JSON.parse(readFileSync(path.join(GOLD, 'quotations.json'), 'utf8')) as GoldDocument[]).map((g) => [g.doc, g]));
  const units: Unit[] = [];
  const unknownSpeakers: SentenceScores['unknownSpeakers'] = [];
  const boundaries = { gold: 0, system: 0, shared: 0 };
  let removed = 0;
  for (const g of goldSentenceFiles()) {
    const doc = docs.get(g.doc);
    if (!doc) throw new Error(`gold document ${g.doc} is not in the corpora`);
    const attribution = attributionOf(doc);
    const spans = attribution.spans;
    const squeezed = squeeze(doc.text);
    const own = (l: Label) => speaks(l) && g.speakers.some((s) => same(s, l.speaker));
    // Quotations, located as the quotation scorer locates them.
    const quotes = (quoteGold.get(g.doc)?.quotes ?? []).map((q) => ({ q, at: locateText(squeezed, q.text, q.occurrence) })).filter((x) => x.at !== null) as {
      q: GoldDocument['quotes'][number];
      at: [number, number];
    }[];
    // Sentences, in order; a sentence the cleaning removed is not found after the last one found.
    let from = 0;
    const located: { s: GoldSentence; at: [number, number] }[] = [];
    for (const s of g.sentences) {
      const at = locateText(squeezed, s.text, 1, from);
      if (!at) {
        removed++;
        continue;
      }
      located.push({ s, at });
      from = at[1];
    }
    const goldStarts = new Set(located.map((l) => l.at[0]));
    const systemStarts = new Set<number>();
    for (const sp of spans) if (sp === spans.find((x) => x.sentence === sp.sentence)) systemStarts.add(firstNonSpace(doc.text, sp.start));
    boundaries.gold += goldStarts.size;
    boundaries.system += [...systemStarts].filter((p) => p >= (located[0]?.at[0] ?? 0)).length;
    boundaries.shared += [...goldStarts].filter((p) => systemStarts.has(p)).length;

    const goldNames = new Set(
      [...g.speakers, ...g.sentences.map((s) => s.speaker), ...quotes.map((x) => x.q.speaker)].filter((x): x is string => !!x).map(surname),
    );
    for (const sp of spans)
      if (sp.speaker && !goldNames.has(surname(sp.speaker))) unknownSpeakers.push({ doc: g.doc, speaker: sp.speaker, text: sp.text.slice(0, 80) });

    const push = (type: Unit['type'], text: string, gold: Label, ranges: [number, number][]) => {
      if (ranges.every(([s, e]) => !/[\p{L}\p{N}]/u.test(doc.text.slice(s, e)))) return;
      // A sentence is scored by the system's label of the sentence most of it lies in; a quotation by its characters' labels.
      const system =
        type === 'sentence'
          ? majority(
              doc,
              attribution.sentences.map((x, i) => ({ ...x, text: '', sentence: i })),
              ranges,
            )
          : majority(doc, spans, ranges);
      units.push({ doc: g.doc, genre: g.genre, split: g.split, fresh: g.fresh === true, type, text, gold, system, goldOwn: own(gold), systemOwn: own(system) });
    };
    for (const { s, at } of located) {
      if (s.kind === 'quoted') continue;
      const holes = quotes.filter((x) => x.at[0] < at[1] && x.at[1] > at[0]).map((x) => x.at);
      push('sentence', s.text, { kind: s.kind, speaker: s.kind === 'narration' || s.kind === 'other' ? null : s.speaker }, subtract(at, holes));
    }
    for (const { q, at } of quotes) {
      let gold: Label;
      if (q.kind === 'speech') gold = { kind: 'direct', speaker: q.speaker };
      else {
        // A title or a scare quote is part of the sentence it stands in.
        const host = located.find((l) => l.at[0] <= at[0] && at[0] < l.at[1]);
        if (!host || host.s.kind === 'quoted') continue;
        gold = { kind: host.s.kind, speaker: host.s.kind === 'narration' || host.s.kind === 'other' ? null : host.s.speaker };
      }
      push('quotation', q.text, gold, [at]);
    }
  }
  return { units, removed, unknownSpeakers, boundaries };
}

function firstNonSpace(text: string, i: number): number {
  while (i < text.length && /\s/.test(text[i])) i++;
  return i;
}

export interface KindScore {
  precision: Ratio;
  recall: Ratio;
}

/** Precision and recall of one kind: units the system gives that kind, units the gold gives it. */
export function kindScore(units: Unit[], kind: string): KindScore {
  return {
    precision: { right: units.filter((u) => u.system.kind === kind && u.gold.kind === kind).length, of: units.filter((u) => u.system.kind === kind).length },
    recall: { right: units.filter((u) => u.system.kind === kind && u.gold.kind === kind).length, of: units.filter((u) => u.gold.kind === kind).length },
  };
}

/** Who is named: of units the system credits to someone, those with the gold's speaker; of units the gold credits to someone, those the system credits rightly. */
export function speakerScore(units: Unit[]): KindScore {
  const right = (u: Unit) => speaks(u.system) && speaks(u.gold) && same(u.system.speaker, u.gold.speaker);
  return {
    precision: { right: units.filter(right).length, of: units.filter((u) => speaks(u.system)).length },
    recall: { right: units.filter(right).length, of: units.filter((u) => speaks(u.gold)).length },
  };
}

/** The document's own speakers' words (direct + reported): what compare takes for a speaker's side. */
export function ownScore(units: Unit[]): KindScore {
  return {
    precision: { right: units.filter((u) => u.systemOwn && u.goldOwn).length, of: units.filter((u) => u.systemOwn).length },
    recall: { right: units.filter((u) => u.systemOwn && u.goldOwn).length, of: units.filter((u) => u.goldOwn).length },
  };
}

/** Gold narration units the system credits to a speaker at confidence ≥ 0.9. */
export function narrationCredited(units: Unit[]): Ratio {
  const narration = units.filter((u) => u.gold.kind === 'narration');
  return { right: narration.filter((u) => speaks(u.system) && u.system.confidence >= 0.9).length, of: narration.length };
}

/** Transcripts: quotations of others (not the speaker's), credited to the right person. */
export function othersScore(units: Unit[]): KindScore {
  const quotes = units.filter((u) => u.genre === 'transcript' && u.type === 'quotation');
  const other = (l: Label, own: boolean) => speaks(l) && !own;
  const right = (u: Unit) => other(u.system, u.systemOwn) && other(u.gold, u.goldOwn) && same(u.system.speaker, u.gold.speaker);
  return {
    precision: { right: quotes.filter(right).length, of: quotes.filter((u) => other(u.system, u.systemOwn)).length },
    recall: { right: quotes.filter(right).length, of: quotes.filter((u) => other(u.gold, u.goldOwn)).length },
  };
}

/** Sentence starts found by a splitter, as positions in the document's text. */
type Splitter = (text: string, paragraphs: [number, number][]) => number[];

/** Where each piece a library cuts a paragraph into starts in the text (libraries give strings, not offsets). */
function piecesAt(text: string, paragraphs: [number, number][], cut: (paragraph: string) => string[]): number[] {
  const out: number[] = [];
  for (const [s, e] of paragraphs) {
    let at = s;
    for (const piece of cut(text.slice(s, e))) {
      const t = piece.trim();
      const i = t ? text.indexOf(t.slice(0, 12), at) : -1;
      if (i < 0 || i >= e) continue;
      out.push(i);
      at = i + 1;
    }
  }
  return out;
}

export interface BoundaryScore {
  splitter: string;
  precision: Ratio;
  recall: Ratio;
  ms: number;
}

/** Lectern's sentence rules against two NLP libraries' splitters, on the gold sentence starts. */
export async function scoreBoundaries(): Promise<BoundaryScore[]> {
  const { default: nlp } = await import('compromise');
  const { default: sentencize } = (await import('@stdlib/nlp-sentencize')) as { default: (text: string) => string[] };
  const splitters: [string, Splitter][] = [
    ['Lectern (hand rules)', (text, paragraphs) => sentenceRanges(text, paragraphs).map(([s]) => s)],
    ['compromise', (text, paragraphs) => piecesAt(text, paragraphs, (p) => nlp(p).sentences().out('array') as string[])],
    ['@stdlib/nlp-sentencize', (text, paragraphs) => piecesAt(text, paragraphs, sentencize)],
  ];
  const docs = await goldDocuments();
  const gold = goldSentenceFiles().map((g) => {
    const doc = docs.get(g.doc)!;
    const squeezed = squeeze(doc.text);
    let from = 0;
    const starts = new Set<number>();
    for (const s of g.sentences) {
      const at = locateText(squeezed, s.text, 1, from);
      if (!at) continue;
      starts.add(at[0]);
      from = at[1];
    }
    return { doc, starts };
  });
  return splitters.map(([splitter, split]) => {
    const t0 = performance.now();
    let found = 0;
    let shared = 0;
    let total = 0;
    for (const { doc, starts } of gold) {
      const mine = new Set(
        split(
          doc.text,
          doc.passages.map((p): [number, number] => [p.start, p.end]),
        ),
      );
      found += mine.size;
      total += starts.size;
      for (const s of starts) if (mine.has(s)) shared++;
    }
    return { splitter, precision: { right: shared, of: found }, recall: { right: shared, of: total }, ms: Math.round(performance.now() - t0) };
  });
}
