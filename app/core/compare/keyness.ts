/**
 * Keyness: which terms one side uses more than the other, by log-likelihood (G²) with the expected
 * frequencies of Rayson & Garside (2000), as AntConc and the UCREL log-likelihood calculator compute
 * them, and Hardie's (2014) log ratio as the effect size beside it.
 */
import type { KeyTerm } from '../../common/compare';
import { stopKey } from '../analysis/stopList';
import { countTerms, SurfaceForms, type ContentTerms } from '../analysis/terms';

/** G² at or above this is significant at p < 0.05 (chi-square, one degree of freedom). */
export const CRITICAL_G2 = 3.84;

/** What a zero count becomes in the log ratio, so that a term one side never uses gets a finite ratio. */
export const ZERO_COUNT_CORRECTION = 0.5;

/**
 * G² of a term used a times in c words on one side and b times in d words on the other:
 * E1 = c(a+b)/(c+d), E2 = d(a+b)/(c+d), G² = 2(a ln(a/E1) + b ln(b/E2)), with 0 ln 0 = 0.
 */
export function logLikelihood(a: number, b: number, c: number, d: number): number {
  if (a + b === 0 || c === 0 || d === 0) return 0;
  const e1 = (c * (a + b)) / (c + d);
  const e2 = (d * (a + b)) / (c + d);
  const g2 = 2 * ((a > 0 ? a * Math.log(a / e1) : 0) + (b > 0 ? b * Math.log(b / e2) : 0));
  return Math.max(0, g2); // rounding can leave -1e-15 for equal rates
}

/** log2 of (a/c) / (b/d); a zero count counts as ZERO_COUNT_CORRECTION (Hardie 2014). */
export function logRatio(a: number, b: number, c: number, d: number): number {
  if (c === 0 || d === 0) return 0;
  const a1 = a === 0 ? ZERO_COUNT_CORRECTION : a;
  const b1 = b === 0 ? ZERO_COUNT_CORRECTION : b;
  return Math.log2(a1 / c / (b1 / d));
}

export interface Keyness {
  left: KeyTerm[];
  right: KeyTerm[];
  shared: KeyTerm[];
  wordsLeft: number;
  wordsRight: number;
}

export const DEFAULT_KEY_TERM_LIMIT = 50;

/**
 * Ranks the terms of each side against the other, counted by `countTerms` (the count KWIC lines add
 * up to). Corpus sizes (c, d) are all running words, as in AntConc; stop words are terms like any
 * other. With a stop list (`leaveOut`, words as stopKey writes them), a term whose most used form,
 * case folded (the first of its `forms`), is on the list has no row: a stem groups forms, and it is
 * left out when the word it mostly stands for is a stop word (stem "make" takes its rarer "making"
 * with it, and stem "like" its "likely"; where "likely" is the more used form, the row stays).
 * Every count and size stays as it is, so the other rows' figures do not depend on the list.
 */
export function keyTerms(left: ContentTerms[], right: ContentTerms[], limit = DEFAULT_KEY_TERM_LIMIT, leaveOut: ReadonlySet<string> | null = null): Keyness {
  const forms = new SurfaceForms();
  for (const t of [...left, ...right]) forms.addAll(t);
  const { counts: countLeft, words: c } = countTerms(left);
  const { counts: countRight, words: d } = countTerms(right);

  const all: KeyTerm[] = [];
  for (const stem of new Set([...countLeft.keys(), ...countRight.keys()])) {
    if (leaveOut && leaveOut.has(stopKey(forms.formsOf(stem, 1)[0] ?? stem))) continue;
    const a = countLeft.get(stem) ?? 0;
    const b = countRight.get(stem) ?? 0;
    const g2 = logLikelihood(a, b, c, d);
    all.push({
      term: forms.of(stem),
      stem,
      forms: forms.formsOf(stem),
      g2,
      logRatio: logRatio(a, b, c, d),
      countLeft: a,
      countRight: b,
      significant: g2 >= CRITICAL_G2,
    });
  }
  return rankKeyTerms(all, c, d, limit);
}

/**
 * Each side's own terms (used relatively more there), strongest first, and the terms both use, the
 * ones both use most first: the three tables of a keyness result, from rows already counted.
 */
export function rankKeyTerms(all: KeyTerm[], c: number, d: number, limit = DEFAULT_KEY_TERM_LIMIT): Keyness {
  const byKeyness = (x: KeyTerm, y: KeyTerm) => y.g2 - x.g2 || Math.abs(y.logRatio) - Math.abs(x.logRatio) || x.stem.localeCompare(y.stem);
  // A side's own terms: used relatively more there (a/c > b/d). A side with no words has rate 0 for
  // every term, so the other side's terms are all its own (a·d > b·c would drop them all when d = 0).
  const rate = (n: number, words: number) => (words ? n / words : 0);
  const leftKeys = all.filter((k) => rate(k.countLeft, c) > rate(k.countRight, d)).sort(byKeyness);
  const rightKeys = all.filter((k) => rate(k.countRight, d) > rate(k.countLeft, c)).sort(byKeyness);
  // Terms both use, the ones both use most first (ranked by the lower of the two relative frequencies).
  const lower = (k: KeyTerm) => Math.min(k.countLeft / c, k.countRight / d);
  const shared = all.filter((k) => k.countLeft > 0 && k.countRight > 0).sort((x, y) => lower(y) - lower(x) || x.g2 - y.g2 || x.stem.localeCompare(y.stem));
  return { left: leftKeys.slice(0, limit), right: rightKeys.slice(0, limit), shared: shared.slice(0, limit), wordsLeft: c, wordsRight: d };
}
