/**
 * A search's quoted phrases, found from the token index's positions rather than by scanning every
 * document's text: the phrase's words (lower-cased, as search folds case) must stand in a row with
 * what the phrase has between them (patterns.ts), so "U.S." is never found inside "U.S.S.R." and
 * a phrase's hits are the lines its concordance shows.
 */
import { scanTokens } from '../analysis/tokens';
import type { LoadedDocument } from '../types';
import { formCountsOf } from './counts';
import { knowWordsOf, tokenSpan, tokensOf } from './documentTokens';
import { findMatches, tokenQuery, type TokenQuery } from './patterns';
import { vocabulary } from './vocabulary';

/**
 * A phrase as a token query; null when positions cannot answer it: no words (nothing but
 * punctuation), or punctuation before its first word or after its last ("vote —"), which is
 * between words and not in the index: such a phrase is found in the text.
 */
export function phraseQuery(phrase: string, docs: LoadedDocument[]): TokenQuery | null {
  let first = -1;
  let last = -1;
  scanTokens(phrase, (s, e) => {
    if (first < 0) first = s;
    last = e;
  });
  if (first < 0 || phrase.slice(0, first).trim() !== '' || phrase.slice(last).trim() !== '') return null;
  knowWordsOf(docs);
  try {
    return tokenQuery(phrase, 'lower');
  } catch {
    return null;
  }
}

/**
 * [start, end) of each occurrence of the phrase in a document, in reading order; with `passage`,
 * only in that passage (its index in doc.passages).
 */
export function phraseSpansIn(doc: LoadedDocument, q: TokenQuery, passage?: number): [number, number][] {
  const t = tokensOf(doc);
  const out: [number, number][] = [];
  const from = passage === undefined ? 0 : t.passageFirst[passage];
  const to = passage === undefined ? t.forms.length : t.passageFirst[passage + 1];
  const n = q.words.length;
  findMatches(t, q, doc.text, (first) => out.push([tokenSpan(t, first)[0], tokenSpan(t, first + n - 1)[1]]), from, to);
  return out;
}

/** Whether a sorted array holds x. */
function holds(sorted: Uint32Array, x: number): boolean {
  let lo = 0;
  let hi = sorted.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] === x) return true;
    if (sorted[mid] < x) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/**
 * The documents that have every word of the phrase in some form (from their form counts, without
 * reading their tokens): the only ones a phrase can be in. Forms are grouped by their lower-cased
 * key once per call.
 */
export function documentsWithPhraseWords(q: TokenQuery, docs: LoadedDocument[]): LoadedDocument[] {
  const wanted = q.words.map((w) => {
    const forms: number[] = [];
    for (let f = 0; f < vocabulary.size; f++) {
      const key = vocabulary.unitId(w.unit, f);
      if ('marks' in w ? w.marks[key] === 1 : w.id === key) forms.push(f);
    }
    return forms;
  });
  if (wanted.some((forms) => forms.length === 0)) return [];
  return docs.filter((d) => {
    const ids = formCountsOf(d).ids;
    return wanted.every((forms) => forms.some((f) => holds(ids, f)));
  });
}
