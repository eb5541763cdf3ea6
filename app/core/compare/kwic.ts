/**
 * Keyword-in-context lines: every use of a term in a side's units, with the words around it. Uses
 * are found in the same `ContentTerms` that keyness counts, so `total` is the table's count.
 */
import { contentTerms, occurrences, type ContentTerms } from '../analysis/terms';
import { indexTerm } from '../analysis/tokens';
import { unitOf } from '../corpusTools/units';
import { LecternError } from '../../common/errors';
import type { SideUnit } from './sides';
import type { KwicLine } from '../../common/compare';

export const DEFAULT_KWIC_WIDTH = 60;
export const DEFAULT_KWIC_LIMIT = 200;

/** The term a typed word stands for ("Elections" → "elect"), as search and keyness count it. */
export function termStem(word: string): string {
  const w = word.trim();
  const term = indexTerm(w);
  if (term === null) throw new LecternError(`"${w}" has no letters or digits, so it is no word and has no lines in context. Type a word.`, 'bad-request');
  return term;
}

/**
 * The units' content terms (offsets into each document). A unit that is a whole passage takes its
 * passage's terms from the corpus tools' per-document cache (corpusTools/units.ts), cut once while
 * the document is loaded; only the part of a passage a quotation covers is cut here.
 */
export function unitTerms(units: SideUnit[]): ContentTerms[] {
  return units.map((u) => {
    const whole = unitOf(u.doc, u.passageId);
    return whole && whole.passage.start === u.start && whole.passage.end === u.end ? whole.terms : contentTerms(u.text, u.start);
  });
}

/**
 * Lines for `stem` in text order. Context comes from the document around the unit, up to `width`
 * characters a side, cut at a word boundary and with line breaks shown as spaces.
 */
export function kwicLines(
  units: SideUnit[],
  stem: string,
  width = DEFAULT_KWIC_WIDTH,
  limit = DEFAULT_KWIC_LIMIT,
  terms = unitTerms(units),
): { lines: KwicLine[]; total: number } {
  const lines: KwicLine[] = [];
  let total = 0;
  for (const [u, i] of occurrences(terms, stem)) {
    // Every use is counted; lines are made for the first `limit`.
    if (++total > limit) continue;
    const unit = units[u];
    const start = terms[u].starts[i];
    const end = terms[u].ends[i];
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
