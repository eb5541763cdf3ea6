/** What every export reads: the codebook in display order and each annotation where it is now. */
import type { Citation } from '../../../common/contract';
import type { LoadedDocument } from '../../types';
import type { StoredAnnotation, StoredTag } from '../storeFormat';

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
