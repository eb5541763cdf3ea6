/**
 * Sentence boundaries in a document's cleaned text, paragraph by paragraph. Hand rules, because they
 * scored higher on the gold set's sentence boundaries than the NLP libraries tried (README, "Who is
 * speaking"): a paragraph's end always ends a sentence; otherwise `.`, `!`, `?` or `…` with its
 * closing quote marks and brackets ends one when a new sentence starts after it; not after
 * abbreviations (Mr., St.), initials (George W. Bush) or an acronym inside a sentence (the U.K. Foreign
 * Secretary); where web text lost the space after a full stop ("the difference.U.K. Foreign…"); and
 * around a stage direction between sentences ("… canal. [Laughter] As a result …").
 */
import type { Range } from '../../common/compare';

/** Words that end in a full stop without ending a sentence when a capital follows (lower case, no dot). */
const ABBREVIATIONS = new Set(
  (
    'mr mrs ms mx dr st sr jr prof rev hon gen lt col capt cpt sgt maj adm cmdr gov sen rep pres supt insp det ' +
    'no nos vol pp fig art sec ch vs etc al approx est dept univ assn bros inc ltd co corp plc ' +
    'jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun'
  ).split(' '),
);

/** Words that start sentences: after an acronym at a sentence's end ("in the U.S. The …") they mark a new one. */
const STARTERS = new Set(
  (
    'the a an he she it they we i you this that these those there here but and so yet or then now ' +
    'in on at as if when while after before since although though however meanwhile still also our his her their its my'
  ).split(' '),
);

const TERMINAL = /[.!?…]+['"”’)\]]*/g;
/** A full stop glued to the next sentence's capital ("difference.U.K."), after a lower-case word. */
const GLUED = /(?<=\p{Ll}{2})\.(?=\p{Lu})/gu;

/** A transcript's stage direction: [Applause], [Laughter], (Applause.). */
const STAGE_DIRECTION = /\[[A-Za-z][^\]\n]{0,40}\]|\((?:applause|laughter|cheers)[^)\n]{0,20}\)/gi;

/** Is this sentence nothing but what the audience did ("[Laughter]")? */
export function isStageDirection(sentence: string): boolean {
  return sentence.replace(STAGE_DIRECTION, '').trim() === '' && sentence.trim() !== '';
}

/** Sentence ranges of the text's paragraphs, trimmed of white space, in order. */
export function sentenceRanges(text: string, paragraphs: readonly Range[]): Range[] {
  const out: Range[] = [];
  for (const [ps, pe] of paragraphs) {
    const cuts = new Set<number>();
    const para = text.slice(ps, pe);
    for (const m of para.matchAll(TERMINAL)) {
      const end = m.index! + m[0].length;
      if (isBoundary(para, m.index!, end)) cuts.add(end);
    }
    for (const m of para.matchAll(GLUED)) cuts.add(m.index! + 1);
    // "… root canal. [Laughter] As a result …": what the audience did is a sentence of its own.
    for (const m of para.matchAll(STAGE_DIRECTION)) {
      const end = m.index! + m[0].length;
      if (/[.!?…]['"”’)]*\s*$/.test(para.slice(0, m.index!)) || m.index === 0) cuts.add(m.index!);
      if (/^\s*[\p{Lu}“"]/u.test(para.slice(end)) && (cuts.has(m.index!) || m.index === 0)) cuts.add(end);
    }
    let start = 0;
    for (const cut of [...cuts].sort((a, b) => a - b).concat(para.length)) {
      const r = trimmed(text, ps + start, ps + cut);
      if (r) out.push(r);
      start = cut;
    }
  }
  return out;
}

function isBoundary(para: string, punct: number, end: number): boolean {
  const rest = para.slice(end);
  const next = /^(\s+)(\S)/.exec(rest);
  if (!next) return false; // the paragraph's end is a boundary anyway; "3.5" is not one
  const first = next[2];
  if (!/[\p{Lu}\p{N}“"‘'(\[¿¡—–-]/u.test(first)) return false;
  const mark = para[punct];
  if (mark !== '.') return true;
  // The word the full stop ends: "Mr", "U.K", "W", "difference".
  const word = /(\S+)$/.exec(para.slice(0, punct))?.[1].replace(/^[("“‘']+/, '') ?? '';
  const nextWord = /^[\p{L}]+/u.exec(rest.slice(next[1].length))?.[0] ?? '';
  if (ABBREVIATIONS.has(word.toLowerCase())) return false;
  // An initial (W.) or an acronym (U.S., a.m.): a boundary only when a sentence's first word follows.
  if (/^\p{L}$/u.test(word) || /^(?:\p{L}\.)+\p{L}$/u.test(word)) return STARTERS.has(nextWord.toLowerCase()) && !/^\p{Lu}$/u.test(word);
  return true;
}

function trimmed(text: string, s: number, e: number): Range | null {
  while (s < e && /\s/.test(text[s])) s++;
  while (e > s && /\s/.test(text[e - 1])) e--;
  return e > s ? [s, e] : null;
}
