/**
 * Where a REFI-QDA project's selections fall: which corpus document a source is, which reading of
 * its text the positions count (as written, or with Windows CRLF line breaks counted as one
 * character, as QualCoder's "MAXQDA line endings" export does), and where each passage is in the
 * corpus document. A selection's `name` is the text it selects in the projects QualCoder and
 * Lectern write, so it is the evidence; a project whose names are labels keeps its positions.
 */
import type { LoadedDocument } from '../../types';
import { CodePoints } from '../../../common/codePoints';
import { badImport } from '../refiQda';
import type { DocumentLookup } from './qdpx';

export interface RawSelection {
  el: Element;
  guid: string;
  /** The selected text as the producing tool wrote it (QualCoder, Lectern), or a label, or ''. */
  name: string;
  codings: { tagId: string; coder: string }[];
  note: string;
  coder: string;
}

export interface ResolvedSelection {
  raw: RawSelection;
  /** UTF-16 offsets in the resolved text. */
  start: number;
  end: number;
  /** Set when the positions do not hold the selection's text and that text was not found: Lectern then anchors by it (or lists an orphan). */
  ownText?: { exact: string; prefix: string; suffix: string };
}

const lf = (t: string) => t.replace(/\r\n?/g, '\n');
const squash = (t: string) => lf(t).replace(/\s+/g, ' ').trim();
/** Some tools shorten a long selection's name and end it with an ellipsis. */
const nameText = (name: string) => squash(name).replace(/(\.\.\.|…)$/, '');

export function matchSource(docs: DocumentLookup, name: string, text: string | null): { doc?: LoadedDocument; reason: string } {
  const stem = name.replace(/\.[a-z0-9]{1,5}$/i, '');
  const byId = docs.get(name) ?? docs.get(stem);
  if (byId) return { doc: byId, reason: '' };
  if (text !== null) {
    const same = docs.documents().find((d) => d.text === text);
    if (same) return { doc: same, reason: '' };
    // The same text saved by another tool: Windows line breaks, a byte order mark, a trailing newline.
    const norm = (t: string) => lf(t.replace(/^\uFEFF/, '')).trim();
    const target = norm(text);
    const alike = docs.documents().find((d) => norm(d.text) === target);
    if (alike) return { doc: alike, reason: '' };
  }
  const title = stem.toLowerCase();
  const byTitle = docs.documents().find((d) => d.meta.title.toLowerCase() === title);
  if (byTitle) return { doc: byTitle, reason: '' };
  return {
    reason:
      text === null
        ? `no document of this corpus has that id or title, and the project does not hold its text`
        : `no document of this corpus has that id or title, or the same text`,
  };
}

interface Position {
  start: number;
  end: number;
  inRange: boolean;
}

/** One way of reading the source's text, with every selection's position in it (computed once). */
interface Reading {
  text: string;
  crlfAsOne: boolean;
  positions: Position[];
  length: number;
}

/** A selection's code-point positions, checked: whole numbers, in order. */
function positionsOf(raw: RawSelection, filename: string, sourceName: string): [number, number] {
  const s = Number(raw.el.getAttribute('startPosition'));
  const e = Number(raw.el.getAttribute('endPosition'));
  if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e < s) {
    badImport(
      filename,
      `selection ${raw.guid} in source “${sourceName}” has invalid positions ${raw.el.getAttribute('startPosition')}–${raw.el.getAttribute('endPosition')}`,
    );
  }
  return [s, e];
}

function reading(text: string, crlfAsOne: boolean, positions: [number, number][]): Reading {
  const cp = new CodePoints(text);
  return {
    text,
    crlfAsOne,
    length: cp.length,
    positions: positions.map(([s, e]) => ({ start: cp.fromCodePoints(s), end: cp.fromCodePoints(e), inRange: e <= cp.length })),
  };
}

function fits(r: Reading, raw: RawSelection, i: number): boolean {
  const wanted = nameText(raw.name);
  if (!wanted) return false;
  const p = r.positions[i];
  return p.inRange && squash(r.text.slice(p.start, p.end)).startsWith(wanted);
}

/** The occurrence of `needle` nearest to `near`, or -1. */
function nearest(text: string, needle: string, near: number): number {
  let best = -1;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
    if (best < 0 || Math.abs(i - near) < Math.abs(best - near)) best = i;
  }
  return best;
}

const MAX_LISTED = 10;

export function resolveSelections(
  base: string,
  raws: RawSelection[],
  sourceName: string,
  filename: string,
): { text: string; selections: ResolvedSelection[]; notices: string[] } {
  const positions = raws.map((raw) => positionsOf(raw, filename, sourceName));
  const readings: Reading[] = [reading(base, false, positions)];
  if (base.includes('\r\n')) readings.push(reading(lf(base), true, positions));
  const fitting = readings.map((r) => raws.map((raw, i) => fits(r, raw, i)));
  const scores = fitting.map((f) => f.filter(Boolean).length);
  const bestAt = scores.reduce((b, score, i) => (score > scores[b] ? i : b), 0);
  const chosen = readings[bestAt];
  const notices: string[] = [];
  if (chosen.crlfAsOne) {
    notices.push(
      `“${sourceName}”: its text has Windows line breaks (CRLF) but its positions count each line break as one character (as QualCoder's “MAXQDA line endings” export writes them); corrected ${raws.length} passage(s).`,
    );
  }
  // Names are the selected text when at least one fits; otherwise they are labels and say nothing.
  const namesAreText = scores[bestAt] > 0;
  const misplaced: string[] = [];
  const selections = raws.map((raw, i): ResolvedSelection => {
    const p = chosen.positions[i];
    if (!namesAreText || !raw.name.trim() || fitting[bestAt][i]) {
      if (!p.inRange) {
        badImport(
          filename,
          `selection ${raw.guid} in source “${sourceName}” ends beyond the end of its text (${raw.el.getAttribute('endPosition')} > ${chosen.length} characters)`,
        );
      }
      return { raw, start: p.start, end: p.end };
    }
    const own = lf(raw.name).replace(/(\.\.\.|…)$/, '');
    const found = nearest(chosen.text, own, p.start);
    const shown = `“${squash(raw.name).slice(0, 60)}”`;
    if (found >= 0) {
      misplaced.push(`${shown} was not at its positions; placed where its text occurs`);
      return { raw, start: found, end: found + own.length };
    }
    misplaced.push(`${shown} does not occur in the source's text; kept by its own text (an orphan if the corpus lacks it)`);
    return { raw, start: p.start, end: p.end, ownText: { exact: own, prefix: '', suffix: '' } };
  });
  if (misplaced.length) {
    const more = misplaced.length > MAX_LISTED ? `; and ${misplaced.length - MAX_LISTED} more` : '';
    notices.push(`“${sourceName}”: ${misplaced.length} passage(s) did not match their positions: ${misplaced.slice(0, MAX_LISTED).join('; ')}${more}.`);
  }
  return { text: chosen.text, selections, notices };
}

/** A passage's range in the corpus document, found by its text when the document's text differs from the source's. */
export function placeInDocument(docText: string, sourceText: string, start: number, end: number): { start: number; end: number } {
  const exact = sourceText.slice(start, end);
  if (docText === sourceText || docText.slice(start, end) === exact) return { start, end };
  const found = nearest(docText, exact, start);
  return found >= 0 ? { start: found, end: found + exact.length } : { start, end };
}
