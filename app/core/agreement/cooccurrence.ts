/**
 * Code co-occurrence: a codes × codes matrix whose every cell lists the places it counts, so its
 * count is always the length of that list.
 *
 * - mode `passage`: cell (A, B) counts the passages where both A and B are applied (some annotation
 *   with A and some with B overlap the passage; one annotation with both codes is enough). The
 *   diagonal (A, A) counts the passages where A is applied, so (A, B) ≤ min((A, A), (B, B)).
 * - mode `overlap`: cell (A, B) counts pairs of annotations that overlap (share at least one
 *   character), one with A and the other with B, each pair once; one annotation carrying both A and B
 *   is a pair with itself. The diagonal (A, A) counts the annotations with A.
 *
 * With every coder's annotations, two coders' annotations co-occur like one coder's.
 */
import type { CooccurrenceCell, CooccurrenceMode, CooccurrencePlace } from '../../common/agreement';
import { passageAt } from '../passages';
import { passagesOverlapping, spansByDocument, type CodedSpan, type UnitDocument } from './units';

export interface CooccurrenceInput {
  documents: readonly UnitDocument[];
  spans: readonly CodedSpan[];
  /** The codes, in the matrix's order. */
  codes: readonly string[];
}

export function cooccurrence(input: CooccurrenceInput, mode: CooccurrenceMode): { counts: number[][]; cells: CooccurrenceCell[] } {
  const index = new Map(input.codes.map((id, i) => [id, i]));
  const places = new Map<string, CooccurrencePlace[]>();
  const add = (i: number, j: number, place: CooccurrencePlace) => {
    const key = i <= j ? `${i},${j}` : `${j},${i}`;
    (places.get(key) ?? places.set(key, []).get(key)!).push(place);
  };
  const codesOf = (s: CodedSpan) => [...new Set(s.tagIds.filter((t) => index.has(t)).map((t) => index.get(t)!))].sort((a, b) => a - b);
  const byDoc = spansByDocument(input.spans);
  for (const doc of [...input.documents].sort((a, b) => a.id.localeCompare(b.id))) {
    const spans = (byDoc.get(doc.id) ?? [])
      .filter((s) => codesOf(s).length > 0 && s.end > s.start)
      .sort((a, b) => a.start - b.start || a.end - b.end || a.id.localeCompare(b.id));
    if (mode === 'passage') passageCells(doc, spans, codesOf, add);
    else overlapCells(doc, spans, codesOf, add);
  }
  const n = input.codes.length;
  const counts = Array.from({ length: n }, () => Array<number>(n).fill(0));
  const cells: CooccurrenceCell[] = [];
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      const list = places.get(`${i},${j}`);
      if (!list) continue;
      counts[i][j] = counts[j][i] = list.length;
      cells.push({ a: input.codes[i], b: input.codes[j], count: list.length, places: list });
    }
  }
  return { counts, cells };
}

type Add = (i: number, j: number, place: CooccurrencePlace) => void;

function passageCells(doc: UnitDocument, spans: CodedSpan[], codesOf: (s: CodedSpan) => number[], add: Add): void {
  // Per passage: each code applied there and the annotations that apply it.
  const perPassage = doc.passages.map(() => new Map<number, string[]>());
  for (const s of spans) {
    for (const p of passagesOverlapping(doc.passages, s.start, s.end)) {
      for (const c of codesOf(s)) {
        const ids = perPassage[p].get(c) ?? perPassage[p].set(c, []).get(c)!;
        ids.push(s.id);
      }
    }
  }
  perPassage.forEach((codes, p) => {
    const passage = doc.passages[p];
    const present = [...codes.keys()].sort((a, b) => a - b);
    for (const [x, i] of present.entries()) {
      for (const j of present.slice(x)) {
        const ids = [...new Set([...codes.get(i)!, ...codes.get(j)!])];
        add(i, j, { docId: doc.id, passageId: passage.id, start: passage.start, end: passage.end, annotationIds: ids });
      }
    }
  });
}

function overlapCells(doc: UnitDocument, spans: CodedSpan[], codesOf: (s: CodedSpan) => number[], add: Add): void {
  const passageOf = (offset: number) => {
    const p = passageAt(doc.passages, offset);
    return p >= 0 && doc.passages[p].end > offset ? doc.passages[p].id : null;
  };
  for (const [x, s] of spans.entries()) {
    const mine = codesOf(s);
    const self: CooccurrencePlace = { docId: doc.id, passageId: passageOf(s.start), start: s.start, end: s.end, annotationIds: [s.id] };
    // The diagonal: the annotation itself; an annotation with two codes is a pair with itself.
    for (const [k, i] of mine.entries()) {
      add(i, i, self);
      for (const j of mine.slice(k + 1)) add(i, j, self);
    }
    // Spans are sorted by start: the ones after s that overlap it start before it ends.
    for (let y = x + 1; y < spans.length && spans[y].start < s.end; y++) {
      const t = spans[y];
      const theirs = codesOf(t);
      const start = Math.max(s.start, t.start);
      const end = Math.min(s.end, t.end);
      const place: CooccurrencePlace = { docId: doc.id, passageId: passageOf(start), start, end, annotationIds: [s.id, t.id] };
      // Each unordered pair of codes once, whichever annotation carries which.
      const pairs = new Set<string>();
      for (const i of mine) for (const j of theirs) if (i !== j) pairs.add(i < j ? `${i},${j}` : `${j},${i}`);
      for (const key of pairs) {
        const [i, j] = key.split(',').map(Number);
        add(i, j, place);
      }
    }
  }
}
