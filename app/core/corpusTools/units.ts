/**
 * The passages of a document cut into content terms (ContentTerms), once per loaded document: what
 * Compare's sides, KWIC and formulas count. The corpus tools count the token index instead
 * (tokenIndex/); both cut text by the one token rule (analysis/tokens.ts).
 */
import { contentTerms, type ContentTerms } from '../analysis/terms';
import type { SavedSubcorpora } from '../../common/subcorpora';
import { documentsMatching } from '../filters';
import type { LoadedDocument, Passage } from '../types';

export interface Unit {
  doc: LoadedDocument;
  passage: Passage;
  terms: ContentTerms;
}

const cache = new WeakMap<LoadedDocument, Unit[]>();

/** A document's passages with their terms (offsets into the document). */
export function unitsOf(doc: LoadedDocument): Unit[] {
  let units = cache.get(doc);
  if (!units) cache.set(doc, (units = doc.passages.map((passage) => ({ doc, passage, terms: contentTerms(passage.text, passage.start) }))));
  return units;
}

const byPassageId = new WeakMap<LoadedDocument, Map<string, Unit>>();

/** The unit of one of a document's passages (the same cached terms as `unitsOf`), or undefined for an id it does not have. */
export function unitOf(doc: LoadedDocument, passageId: string): Unit | undefined {
  let byId = byPassageId.get(doc);
  if (!byId) byPassageId.set(doc, (byId = new Map(unitsOf(doc).map((u) => [u.passage.id, u]))));
  return byId.get(passageId);
}

/** The documents of `subcorpus` (all when empty), without cutting them into units: for tools that read documents. */
export function subcorpusOf(docs: LoadedDocument[], subcorpus = '', saved?: SavedSubcorpora): LoadedDocument[] {
  return subcorpus.trim() ? documentsMatching(docs, subcorpus, saved) : docs;
}
