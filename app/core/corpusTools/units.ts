/**
 * The text a corpus tool counts: the passages of a set of documents (the whole corpus, or a
 * subcorpus given as a metadata query), each cut into terms once and kept while its document is
 * loaded, so that a word list, collocates and a trend on the same corpus share the work.
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

/** The documents of `subcorpus` (a metadata query such as `party:Whig year:1840..`, or a saved `@name`; all when empty) and their units. */
export function corpusUnits(docs: LoadedDocument[], subcorpus = '', saved?: SavedSubcorpora): { documents: LoadedDocument[]; units: Unit[] } {
  const documents = subcorpusOf(docs, subcorpus, saved);
  return { documents, units: documents.flatMap(unitsOf) };
}

/** Running words of the units (stop words included): the size every relative frequency divides by. */
export function runningWords(units: Unit[]): number {
  let n = 0;
  for (const u of units) n += u.terms.wordCount;
  return n;
}
