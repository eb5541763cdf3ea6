/**
 * The Lunr index over passages (one Lunr document per passage, plus one per document title), and
 * the lookup from Lunr refs back to passages. Positions are not stored: highlights are computed
 * from the matched passages' text, which keeps the index a third of the size.
 */
import lunr from 'lunr';
import { configureBuilder } from './analysis/tokens';
import { attributesByName } from './filters';
import type { AttributeInfo } from '../common/documents';
import type { LoadedDocument, Passage } from './types';
import { evalIndexOf, type EvalIndex } from './evaluator/evalIndex';
import { typedSearch, type TypedSearch } from './evaluator/typedSearch';

export const INDEX_FIELDS = ['title', 'text'] as const;

export interface PassageRef {
  doc: LoadedDocument;
  /** null for the entry that holds the document's title. */
  passage: Passage | null;
}

/** The id under which a document's title is indexed (a title match ranks the document, not a passage). */
export const TITLE_ENTRY = 'title';

export interface SearchIndex {
  lunr: lunr.Index;
  refs: Map<string, PassageRef>;
  documents: LoadedDocument[];
  byId: Map<string, LoadedDocument>;
  /** The evaluator's typed form of the index, made on first use and kept. */
  typed(): TypedSearch;
  /** The corpus's attributes by name, typed from their values (made on first use). */
  attributes(): Map<string, AttributeInfo>;
}

export function passageRef(docId: string, passageId: string): string {
  return `${docId}#${passageId}`;
}

/** Builds with stock Lunr (the reference builder; issue 5 brings a faster one producing the same index). */
export function buildLunrIndex(documents: LoadedDocument[]): lunr.Index {
  return lunr(function () {
    configureBuilder(this);
    this.ref('ref');
    this.field('title');
    this.field('text');
    for (const doc of documents) {
      this.add({ ref: passageRef(doc.meta.id, TITLE_ENTRY), title: doc.meta.title, text: '' });
      for (const p of doc.passages) this.add({ ref: passageRef(doc.meta.id, p.id), title: '', text: p.text });
    }
  });
}

/**
 * `typedSource` makes the evaluator's index without reading the lunr.Index (from the compact cache);
 * without it, it is read from the lunr.Index's postings and vectors.
 */
export function makeSearchIndex(
  documents: LoadedDocument[],
  index: lunr.Index | (() => lunr.Index) = buildLunrIndex(documents),
  typedSource?: (refs: string[]) => EvalIndex,
): SearchIndex {
  // A lunr.Index given as a function is made only if something reads it (search does not).
  let lunrIndex: lunr.Index | null = typeof index === 'function' ? null : index;
  const lunrOf = () => (lunrIndex ??= (index as () => lunr.Index)());
  const refs = new Map<string, PassageRef>();
  for (const doc of documents) {
    refs.set(passageRef(doc.meta.id, TITLE_ENTRY), { doc, passage: null });
    for (const passage of doc.passages) refs.set(passageRef(doc.meta.id, passage.id), { doc, passage });
  }
  let typed: TypedSearch | null = null;
  let attributes: Map<string, AttributeInfo> | null = null;
  return {
    get lunr() {
      return lunrOf();
    },
    refs,
    documents,
    byId: new Map(documents.map((d) => [d.meta.id, d])),
    attributes: () => (attributes ??= attributesByName(documents)),
    typed: () => (typed ??= typedSearch((typedSource ?? ((order) => evalIndexOf(lunrOf(), order)))([...refs.keys()]), refs, documents)),
  };
}
