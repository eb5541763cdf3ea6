/**
 * Keyness of a subcorpus (`party:Republican`, `year:1980..1989`) against a reference subcorpus or
 * the rest of the corpus: the same log-likelihood and log ratio as Compare (compare/keyness.ts),
 * and, as there, the corpus's formulas left out unless kept.
 */
import type { KeynessResult } from '../../common/corpusTools';
import { LecternError } from '../../common/errors';
import type { SavedSubcorpora } from '../../common/subcorpora';
import { formulasOf, withoutFormulas } from '../compare/formulas';
import { keyTerms } from '../compare/keyness';
import { documentsMatching } from '../filters';
import type { LoadedDocument } from '../types';
import { unitsOf } from './units';

export function subcorpusKeyness(
  docs: LoadedDocument[],
  target: string,
  reference = '',
  options: { limit?: number; keepFormulas?: boolean; subcorpora?: SavedSubcorpora } = {},
): KeynessResult {
  const targetDocs = documentsMatching(docs, target, options.subcorpora);
  const inTarget = new Set(targetDocs);
  const referenceDocs = reference.trim() ? documentsMatching(docs, reference, options.subcorpora) : docs.filter((d) => !inTarget.has(d));
  if (referenceDocs.some((d) => inTarget.has(d)))
    throw new LecternError(
      `"${target}" and "${reference}" share documents; choose a reference that does not overlap the target (or leave it empty for the rest of the corpus).`,
      'same-side',
    );
  if (referenceDocs.length === 0) throw new LecternError(`"${target}" is the whole corpus: there is nothing to compare it with.`, 'empty-side');
  const { spans } = formulasOf(docs);
  const termsOf = (list: LoadedDocument[]) =>
    list.flatMap((d) =>
      unitsOf(d).map((u) => (options.keepFormulas ? u.terms : withoutFormulas(u.terms, u.passage.text, u.passage.start, spans.get(d.meta.id)).terms)),
    );
  const k = keyTerms(termsOf(targetDocs), termsOf(referenceDocs), options.limit ?? 50);
  return {
    target,
    reference: reference.trim(),
    targetDocuments: targetDocs.length,
    referenceDocuments: referenceDocs.length,
    targetWords: k.wordsLeft,
    referenceWords: k.wordsRight,
    over: k.left,
    under: k.right,
  };
}
