/** Keyword-in-context lines: every occurrence of a term's stem in a side's units, with the words around it. */
import { stem as stemOf, terms } from '../analyzer';
import type { SideUnit } from './sides';
import type { KwicLine } from './types';

export const DEFAULT_KWIC_WIDTH = 60;
export const DEFAULT_KWIC_LIMIT = 200;

/** The stem a clicked or typed term stands for ("Elections" → "elect"), as search and keyness use. */
export function termStem(term: string): string {
  return stemOf(term.trim());
}

/**
 * Lines for `stem` in text order. Context comes from the document around the unit, up to `width`
 * characters a side, cut at a word boundary and with line breaks shown as spaces.
 */
export function kwicLines(units: SideUnit[], stem: string, width = DEFAULT_KWIC_WIDTH, limit = DEFAULT_KWIC_LIMIT): { lines: KwicLine[]; total: number } {
  const lines: KwicLine[] = [];
  let total = 0;
  for (const unit of units) {
    for (const t of terms(unit.text)) {
      if (t.stem !== stem) continue;
      // Every use is counted; lines are made for the first `limit`.
      if (++total > limit) continue;
      const start = unit.start + t.start;
      const end = unit.start + t.end;
      const text = unit.doc.text;
      lines.push({
        docId: unit.doc.meta.id,
        passageId: unit.passageId,
        start,
        end,
        before: flatten(trimToWord(text.slice(Math.max(0, start - width), start), 'start', start - width > 0)),
        keyword: text.slice(start, end),
        after: flatten(trimToWord(text.slice(end, end + width), 'end', end + width < text.length)),
      });
    }
  }
  return { lines, total };
}

/** Drops a word cut in half at the outer edge of a context window. */
function trimToWord(s: string, edge: 'start' | 'end', cut: boolean): string {
  if (!cut) return s;
  return edge === 'start' ? s.replace(/^\S*\s/, '') : s.replace(/\s\S*$/, '');
}

function flatten(s: string): string {
  return s.replace(/\s+/g, ' ');
}
