/**
 * What search needs beside the typed index: each entry's passage and document number (so metadata
 * filters become a bitmap over entries before any scoring), the term expander with its memo, and
 * the index's search pipeline.
 */
import { configureBuilder } from '../analysis/tokens';
import { lecternPipelines } from '../indexing/analysis';
import type { PassageRef } from '../searchIndex';
import type { LoadedDocument } from '../types';
import type { EvalIndex } from './evalIndex';
import { TermExpander } from './expand';
import { surfaceWords, surfaceWordsInBackground } from './surfaceWords';

export interface TypedSearch {
  ei: EvalIndex;
  expander: TermExpander;
  pipeline: { runString(s: string, metadata: object): string[] };
  /** Entry number → its passage (or title entry). */
  entries: PassageRef[];
  /** Entry number → its document's number in the corpus's document list. */
  entryDoc: Int32Array;
}

/** Lectern's search pipeline (the one every index of it is built with), without reading a lunr.Index; made on first use (module cycles). */
let searchPipeline: TypedSearch['pipeline'] | null = null;

export function typedSearch(ei: EvalIndex, refs: Map<string, PassageRef>, documents: LoadedDocument[]): TypedSearch {
  const docNumber = new Map(documents.map((d, i) => [d.meta.id, i]));
  const entries = ei.refs.map((r) => {
    const ref = refs.get(r);
    if (!ref) throw new Error(`the index holds an entry (${r}) that the corpus does not`);
    return ref;
  });
  return {
    ei,
    // Search matches patterns against written words; the differential test uses a TermExpander without them (Lunr's meaning).
    expander: new TermExpander(ei, () => surfaceWords(documents, ei)),
    pipeline: (searchPipeline ??= lecternPipelines(configureBuilder).searchPipeline),
    entries,
    entryDoc: Int32Array.from(entries, (e) => docNumber.get(e.doc.meta.id)!),
  };
}

/** Prepares what the first queries would otherwise wait for: the typed index now, the written words in the background. */
export function warmTypedSearch(typed: TypedSearch, documents: LoadedDocument[]): Promise<void> {
  return surfaceWordsInBackground(documents, typed.ei).then((w) => typed.expander.useWrittenWords(w));
}
