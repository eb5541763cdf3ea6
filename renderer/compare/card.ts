/**
 * One piece of a side shown as text: a passage, or the part of one that a quotation covers. Its text
 * element carries data-passage-id and data-start (the piece's canonical start), as the reader's
 * passages do, so the offsets module maps selections in it to document offsets for tagging.
 */
import type { PassageRef, Range } from '../../app/common/compare';
import { formatDate, h, markedText, metaLine } from '../ui/dom';
import type { CompareContext } from './context';
import type { Side } from './sides';

export const CARD = 'cmp-card';

export interface CardOptions {
  side: Side;
  /** Ranges to mark (shared terms), as document offsets. */
  marks?: Range[];
  /** Name the document under the text (when a side spans several documents). */
  showDoc: boolean;
}

export function passageCard(ctx: CompareContext, ref: PassageRef, opts: CardOptions): HTMLElement {
  const len = ref.text.length;
  const marks = (opts.marks ?? []).map(([s, e]): [number, number] => [Math.max(0, s - ref.start), Math.min(len, e - ref.start)]).filter(([s, e]) => e > s);
  // A side narrowed to its speaker's own words shows quoted words: they carry quote marks (from CSS, outside the text).
  const quoted = ctx.comparison[opts.side].quotesOnly ? ' quoted' : '';
  return h(
    'div',
    { class: `${CARD} side-${opts.side}${quoted}`, testid: 'cmp-passage', attrs: { 'data-doc-id': ref.docId, 'data-side': opts.side } },
    h('p', { class: 'cmp-text', attrs: { 'data-passage-id': ref.passageId, 'data-start': ref.start } }, markedText(ref.text, marks, 'shared')),
    cardFoot(ctx, ref.docId, ref.start, opts.showDoc),
  );
}

/** The document a piece comes from (when useful) and the way to read it in place. */
export function cardFoot(ctx: CompareContext, docId: string, offset: number, showDoc: boolean, extra: (Node | string)[] = []): HTMLElement {
  const d = ctx.doc(docId);
  return h(
    'div',
    { class: 'cmp-foot' },
    ...extra,
    showDoc && d ? h('span', { class: 'cmp-cite', title: d.title }, metaLine([d.title, formatDate(d.date)])) : null,
    h('span', { class: 'spacer' }),
    h(
      'button',
      {
        class: 'link-button open-reader',
        testid: 'open-in-reader',
        title: 'Open the document in the reader at this passage',
        on: {
          click: (e) => {
            e.stopPropagation();
            ctx.openInReader(docId, offset);
          },
        },
      },
      'Open in reader',
    ),
  );
}

/** True when the side's pieces come from more than one document, so each should name its own. */
export function manyDocs(ctx: CompareContext, side: Side): boolean {
  return ctx.comparison[side].documentIds.length > 1;
}
