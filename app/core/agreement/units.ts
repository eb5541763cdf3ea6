/**
 * Annotations turned into reliability data. A coder has coded a document when they made at least
 * one (anchored) annotation in it, with any code: there, every unit has their value (the code
 * applied or not). In a document they never annotated they are missing, not "not applied": an
 * empty layer is no judgement. Sub-tags count as their own codes, not as their parent.
 */
import { passageAt } from '../passages';
import type { AgreementUnit } from '../../common/agreement';
import type { ReliabilityUnit } from './reliability';

/** An annotation where it is anchored now (orphans are left out before this). */
export interface CodedSpan {
  id: string;
  docId: string;
  start: number;
  end: number;
  tagIds: readonly string[];
  coder: string;
}

export interface UnitDocument {
  id: string;
  /** Length of the canonical text. */
  length: number;
  /** The document's passages in order, non-overlapping. */
  passages: readonly { id: string; start: number; end: number }[];
}

/** One segment between annotation boundaries of one code: each present coder's value, null where missing. */
export interface Segment {
  docId: string;
  start: number;
  end: number;
  /** Per coder (in the coders' order): applied, not applied, or null (the coder did not code this document). */
  values: (boolean | null)[];
}

/** The documents each coder coded (made any annotation in). */
export function codedDocuments(spans: readonly CodedSpan[]): Map<string, Set<string>> {
  const out = new Map<string, Set<string>>();
  for (const s of spans) (out.get(s.coder) ?? out.set(s.coder, new Set()).get(s.coder)!).add(s.docId);
  return out;
}

export function spansByDocument(spans: readonly CodedSpan[]): Map<string, CodedSpan[]> {
  const out = new Map<string, CodedSpan[]>();
  for (const s of spans) (out.get(s.docId) ?? out.set(s.docId, []).get(s.docId)!).push(s);
  return out;
}

/** Indexes of the passages a range [start, end) overlaps. */
export function passagesOverlapping(passages: UnitDocument['passages'], start: number, end: number): number[] {
  const out: number[] = [];
  for (let i = Math.max(0, passageAt(passages, start)); i < passages.length && passages[i].start < end; i++) {
    if (passages[i].end > start) out.push(i);
  }
  return out;
}

/**
 * The segments of a document for one code: its text cut at every start and end of the chosen
 * coders' annotations with that code, so inside a segment no coder's value changes. `docSpans` are
 * the document's spans already narrowed to the code and the chosen coders.
 */
export function segmentsOf(doc: UnitDocument, docSpans: readonly CodedSpan[], coders: readonly string[], present: readonly boolean[]): Segment[] {
  const column = new Map(coders.map((c, i) => [c, i]));
  const cuts = new Set<number>([0, doc.length]);
  const opening = new Map<number, number[]>();
  const closing = new Map<number, number[]>();
  for (const s of docSpans) {
    const start = Math.max(0, Math.min(s.start, doc.length));
    const end = Math.max(start, Math.min(s.end, doc.length));
    if (start === end) continue;
    const i = column.get(s.coder)!;
    cuts.add(start).add(end);
    (opening.get(start) ?? opening.set(start, []).get(start)!).push(i);
    (closing.get(end) ?? closing.set(end, []).get(end)!).push(i);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const active = coders.map(() => 0);
  const out: Segment[] = [];
  for (let k = 0; k + 1 < points.length; k++) {
    const at = points[k];
    for (const i of closing.get(at) ?? []) active[i]--;
    for (const i of opening.get(at) ?? []) active[i]++;
    out.push({ docId: doc.id, start: at, end: points[k + 1], values: active.map((n, i) => (present[i] ? n > 0 : null)) });
  }
  return out;
}

/** Per document, per coder (in order): whether the coder coded it. */
export function presence(documents: readonly UnitDocument[], coders: readonly string[], coded: Map<string, Set<string>>): Map<string, boolean[]> {
  return new Map(documents.map((d) => [d.id, coders.map((c) => coded.get(c)?.has(d.id) ?? false)]));
}

/**
 * The reliability units of one code: a unit per passage (applied when any of the coder's
 * annotations with the code overlaps it), or per character as weighted segments.
 */
export function unitsForCode(
  unit: AgreementUnit,
  documents: readonly UnitDocument[],
  spansOfDoc: Map<string, CodedSpan[]>,
  tagId: string,
  coders: readonly string[],
  present: Map<string, boolean[]>,
): ReliabilityUnit[] {
  const column = new Map(coders.map((c, i) => [c, i]));
  const out: ReliabilityUnit[] = [];
  for (const doc of documents) {
    const here = present.get(doc.id)!;
    const spans = (spansOfDoc.get(doc.id) ?? []).filter((s) => column.has(s.coder) && s.tagIds.includes(tagId));
    if (unit === 'char') {
      for (const seg of segmentsOf(doc, spans, coders, here)) out.push({ values: seg.values, weight: seg.end - seg.start });
      continue;
    }
    const applied = doc.passages.map(() => coders.map(() => false));
    for (const s of spans) for (const p of passagesOverlapping(doc.passages, s.start, s.end)) applied[p][column.get(s.coder)!] = true;
    for (const row of applied) out.push({ values: row.map((v, i) => (here[i] ? v : null)) });
  }
  return out;
}

/** How many units (passages, or characters) each coder applied the code to. */
export function appliedCounts(units: readonly ReliabilityUnit[], coders: readonly string[]): Record<string, number> {
  const out: Record<string, number> = Object.fromEntries(coders.map((c) => [c, 0]));
  for (const u of units) u.values.forEach((v, i) => v === true && (out[coders[i]] += u.weight ?? 1));
  return out;
}

/** Units with at least two coders' values (passages, or characters). */
export function pairableUnits(units: readonly ReliabilityUnit[]): number {
  let n = 0;
  for (const u of units) if (u.values.filter((v) => v !== null).length >= 2) n += u.weight ?? 1;
  return n;
}
