/**
 * Keyness of a subcorpus (`party:Republican`, `year:1980..1989`) against a reference subcorpus or
 * the rest of the corpus: the same log-likelihood and log ratio as Compare (compare/keyness.ts),
 * counted from the token index in one unit (lower-cased forms by default, as AntConc's keyword list
 * counts word types). The formulas left out (greetings, sign-offs) are found within the two sides
 * only, so no document outside the comparison changes a number in it; each row says how many of
 * its uses were left out that way.
 */
import type { CountUnit, KeynessResult } from '../../common/corpusTools';
import { LecternError } from '../../common/errors';
import type { SavedSubcorpora } from '../../common/subcorpora';
import type { KeyTerm } from '../../common/compare';
import { formulasWithin } from '../compare/formulas';
import { CRITICAL_G2, logLikelihood, logRatio, rankKeyTerms } from '../compare/keyness';
import { documentsMatching } from '../filters';
import { formList, formsOfKeys, leadingForm, StopFilter } from '../tokenIndex/counts';
import { forEachToken, tokensOf } from '../tokenIndex/documentTokens';
import { vocabulary } from '../tokenIndex/vocabulary';
import type { LoadedDocument } from '../types';

export interface SideCounts {
  /** Uses per unit key id, formulas and stop-listed words left out. */
  counts: Map<number, number>;
  /** Uses per key id inside formulas (left out). */
  inFormulas: Map<number, number>;
  /** Running words counted: every token outside the formulas (stop-listed words included, as sizes are). */
  words: number;
  /** Running words inside formulas. */
  formulaWords: number;
}

/** A side's counts in a unit, without the words inside `spans` (formula spans per document id, sorted). */
export function sideCounts(docs: LoadedDocument[], unit: CountUnit, stop: StopFilter, spans: Map<string, [number, number][]> | null): SideCounts {
  const out: SideCounts = { counts: new Map(), inFormulas: new Map(), words: 0, formulaWords: 0 };
  for (const doc of docs) {
    const t = tokensOf(doc);
    const own = spans?.get(doc.meta.id) ?? [];
    let s = 0;
    forEachToken(t, (i, start) => {
      while (s < own.length && own[s][1] <= start) s++;
      const inFormula = s < own.length && own[s][0] <= start;
      if (inFormula) out.formulaWords++;
      else out.words++;
      const form = t.forms[i];
      if (stop.out(form)) return;
      const key = vocabulary.unitId(unit, form);
      const m = inFormula ? out.inFormulas : out.counts;
      m.set(key, (m.get(key) ?? 0) + 1);
    });
  }
  return out;
}

/** Keyness rows of two counted sides (each key once), ranked; forms read only for the rows returned. */
export function keyRows(
  left: SideCounts,
  right: SideCounts,
  unit: CountUnit,
  limit: number,
  formsFrom: { docs: LoadedDocument[]; stop: StopFilter },
): ReturnType<typeof rankKeyTerms> {
  const c = left.words;
  const d = right.words;
  const all: KeyTerm[] = [];
  for (const k of new Set([...left.counts.keys(), ...right.counts.keys()])) {
    const a = left.counts.get(k) ?? 0;
    const b = right.counts.get(k) ?? 0;
    const g2 = logLikelihood(a, b, c, d);
    const key = vocabulary.key(unit, k);
    const leftOut = [left.inFormulas.get(k) ?? 0, right.inFormulas.get(k) ?? 0] as [number, number];
    all.push({
      term: key,
      stem: key,
      forms: [],
      g2,
      logRatio: logRatio(a, b, c, d),
      countLeft: a,
      countRight: b,
      significant: g2 >= CRITICAL_G2,
      ...(leftOut[0] || leftOut[1] ? { inFormulas: leftOut } : {}),
    });
  }
  const ranked = rankKeyTerms(all, c, d, limit);
  const shown = [...ranked.left, ...ranked.right, ...ranked.shared];
  const ids = new Set(shown.map((r) => vocabulary.findKey(unit, r.stem)!));
  const forms = formsOfKeys(formsFrom.docs, unit, ids, formsFrom.stop);
  for (const r of shown) {
    const f = forms.get(vocabulary.findKey(unit, r.stem)!);
    r.term = unit === 'form' ? r.stem : leadingForm(f, r.stem);
    r.forms = formList(f, 6);
  }
  return ranked;
}

export function subcorpusKeyness(
  docs: LoadedDocument[],
  target: string,
  reference = '',
  options: { limit?: number; keepFormulas?: boolean; subcorpora?: SavedSubcorpora; unit?: CountUnit; stopWords?: ReadonlySet<string> | null } = {},
): Omit<KeynessResult, 'stopList'> {
  const unit = options.unit ?? 'lower';
  const targetDocs = documentsMatching(docs, target, options.subcorpora);
  const inTarget = new Set(targetDocs);
  const referenceDocs = reference.trim() ? documentsMatching(docs, reference, options.subcorpora) : docs.filter((d) => !inTarget.has(d));
  if (referenceDocs.some((d) => inTarget.has(d)))
    throw new LecternError(
      `"${target}" and "${reference}" share documents; choose a reference that does not overlap the target (or leave it empty for the rest of the corpus).`,
      'same-side',
    );
  if (referenceDocs.length === 0) throw new LecternError(`"${target}" is the whole corpus: there is nothing to compare it with.`, 'empty-side');
  const both = [...targetDocs, ...referenceDocs];
  const spans = options.keepFormulas ? null : formulasWithin(both).spans;
  const stop = new StopFilter(options.stopWords ?? null);
  const left = sideCounts(targetDocs, unit, stop, spans);
  const right = sideCounts(referenceDocs, unit, stop, spans);
  const k = keyRows(left, right, unit, options.limit ?? 50, { docs: both, stop });
  return {
    target,
    reference: reference.trim(),
    unit,
    targetDocuments: targetDocs.length,
    referenceDocuments: referenceDocs.length,
    targetWords: k.wordsLeft,
    referenceWords: k.wordsRight,
    formulaWords: [left.formulaWords, right.formulaWords],
    over: k.left,
    under: k.right,
  };
}
