/** What every export reads: the codebook in display order and each annotation where it is now. */
import type { Citation } from '../../../common/contract';
import type { LoadedDocument } from '../../types';
import { reanchored, type AnchorCache } from '../anchors';
import { ordered } from '../codebook';
import { positionOf, type StoredAnnotation, type StoredTag } from '../storeFormat';

export interface ExportItem {
  /** The annotation with its selectors moved to where it is anchored now (stored ones if orphaned). */
  annotation: StoredAnnotation;
  orphan: boolean;
  citation: Citation;
}

export interface ExportModel {
  /** A name for the project (the corpus folder's name). */
  name: string;
  exportedAt: string;
  codebook: StoredTag[];
  /** Sorted by document, then position. */
  items: ExportItem[];
  /** Every document of the corpus (qdpx carries their text). */
  documents: LoadedDocument[];
}

export function citationOf(docId: string, doc: LoadedDocument | undefined): Citation {
  if (!doc) return { docId, title: docId, speakers: [], date: '', outlet: '' };
  const m = doc.meta;
  return { docId, title: m.title, speakers: m.speakers, date: m.date, outlet: m.outlet };
}

/**
 * What every export reads, from a store's codebook and annotations (the corpus's file store, or a
 * team's database): each annotation moved to where it is anchored in its document's text now
 * (orphans keep their stored selectors), sorted by document and position; the documents by id.
 */
export function buildExportModel(input: {
  name: string;
  exportedAt: string;
  codebook: StoredTag[];
  annotations: StoredAnnotation[];
  documents: LoadedDocument[];
  anchors: AnchorCache;
}): ExportModel {
  const byId = new Map(input.documents.map((d) => [d.meta.id, d]));
  const items = input.annotations
    .map((a): ExportItem => {
      const doc = byId.get(a.target.source);
      const at = input.anchors.resolve(a, doc);
      return { annotation: at.orphan || !doc ? a : reanchored(a, doc, at), orphan: at.orphan, citation: citationOf(a.target.source, doc) };
    })
    .sort((x, y) => x.annotation.target.source.localeCompare(y.annotation.target.source) || positionOf(x.annotation).start - positionOf(y.annotation).start);
  const documents = [...input.documents].sort((a, b) => a.meta.id.localeCompare(b.meta.id));
  return { name: input.name, exportedAt: input.exportedAt, codebook: ordered(input.codebook), items, documents };
}
