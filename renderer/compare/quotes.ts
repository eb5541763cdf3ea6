/**
 * Their own words: each side's quotations attributed to its speaker, with the words that attribute
 * them; quotations attributed to someone else, and those the text attributes to no one, kept apart.
 */
import { LOW_CONFIDENCE, type Quote } from '../../app/common/compare';
import { h } from '../ui/dom';
import { CARD, cardFoot, manyDocs } from './card';
import { sideName, type CompareContext } from './context';
import type { Side } from './sides';

export function renderQuotes(ctx: CompareContext): HTMLElement {
  return h('div', { class: 'quote-grid' }, quoteColumn(ctx, 'left'), quoteColumn(ctx, 'right'));
}

function quoteColumn(ctx: CompareContext, side: Side): HTMLElement {
  const q = ctx.comparison.quotes;
  const own = q[side];
  const others = q.others[side];
  const unattributed = q.unattributed[side];
  const showDoc = manyDocs(ctx, side);
  return h(
    'section',
    { class: `quote-col side-${side}`, testid: `quotes-${side}` },
    h('h3', { class: 'col-title' }, `${sideName(ctx, side)}, in their own words`, h('span', { class: 'count' }, ` ${own.length}`)),
    own.length
      ? h('ol', { class: 'quote-list', testid: 'own-quotes' }, ...own.map((x) => quoteItem(ctx, x, showDoc)))
      : h('p', { class: 'empty' }, 'No quotation is attributed to this side’s speaker.'),
    others.length
      ? h(
          'details',
          { class: 'quote-more', testid: `others-${side}` },
          h('summary', null, `Attributed to others (${others.length})`),
          h('ol', { class: 'quote-list' }, ...others.map((x) => quoteItem(ctx, x, showDoc))),
        )
      : null,
    unattributed.length
      ? h(
          'details',
          { class: 'quote-more', testid: `unattributed-${side}` },
          h('summary', null, `Not attributed (${unattributed.length})`),
          h('p', { class: 'muted side-note' }, 'The text does not say who spoke these, so they are not counted as anyone’s words.'),
          h('ol', { class: 'quote-list' }, ...unattributed.map((x) => quoteItem(ctx, x, showDoc))),
        )
      : null,
  );
}

function quoteItem(ctx: CompareContext, q: Quote, showDoc: boolean): HTMLElement {
  const attribution = h(
    'span',
    { class: 'quote-attr' },
    q.speaker ? h('span', { class: 'quote-speaker' }, q.speaker) : h('span', { class: 'quote-speaker unattributed' }, 'Unattributed'),
    q.cue ? h('span', { class: 'quote-cue', title: 'The words that attribute it' }, ` — “${q.cue}”`) : null,
    q.speaker && q.confidence < LOW_CONFIDENCE
      ? h(
          'span',
          { class: 'quote-uncertain', testid: 'quote-uncertain', title: `Attribution confidence ${Math.round(q.confidence * 100)}%: check the text` },
          ' (uncertain)',
        )
      : null,
  );
  // With the document named too, the attribution gets a line of its own; else it shares the foot.
  return h(
    'li',
    { class: `quote ${CARD}`, testid: 'quote', attrs: { 'data-doc-id': q.docId, 'data-attribution': q.attribution ?? 'none' } },
    h('blockquote', { class: 'quote-text' }, ...quoteParts(q)),
    showDoc ? h('div', { class: 'quote-attr-line' }, attribution) : null,
    cardFoot(ctx, q.docId, q.start, showDoc, showDoc ? [] : [attribution]),
  );
}

/**
 * One paragraph per segment. When the parts line up with the segments (as they do unless the quoted
 * words themselves hold a blank line), each is a taggable passage piece at its own offset.
 */
function quoteParts(q: Quote): HTMLElement[] {
  const parts = q.text.split('\n\n');
  const aligned = parts.length === q.segments.length && parts.every((p, i) => p.length === q.segments[i][1] - q.segments[i][0]);
  if (!aligned) return [h('p', null, q.text)];
  return parts.map((p, i) => h('p', { class: 'cmp-text', attrs: { 'data-passage-id': `quote-${q.segments[i][0]}`, 'data-start': q.segments[i][0] } }, p));
}
