/** What the parts of the Compare view share: the comparison on screen and the ways out of it. */
import type { Comparison, DocSummary } from '../../app/common/contract';
import type { Side } from './sides';

export interface CompareContext {
  comparison: Comparison;
  doc(id: string): DocSummary | undefined;
  /** Jumps to a canonical offset of a document in the reader. */
  openInReader(docId: string, offset: number): void;
  /** Shows a term in context on both sides (the Terms tab). */
  /** Shows a term's lines in context; `stem` is what the clicked table counted ('' closes them). */
  showTerm(term: string, stem?: string): void;
  /** More pieces were put on screen (a page shown on demand): paint their tags. */
  piecesAdded(): void;
}

/** The side's short name for headings ("Dominic Raab", a document's title), without its narrowing. */
export function sideName(ctx: CompareContext, side: Side): string {
  const d = ctx.comparison[side];
  if (d.kind === 'query') return d.label;
  return d.kind === 'speaker' ? d.speakers.join(', ') || d.label : ctx.doc(d.documentIds[0])?.title || d.label;
}
