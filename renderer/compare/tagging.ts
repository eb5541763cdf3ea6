/**
 * Tagging in Compare, with the reader's picker and rules: a selection inside one shown piece is
 * mapped to its document's canonical offsets (each piece's text element carries data-start), and
 * the tags already on the shown pieces are painted as in the reader.
 */
import type { AnnotationView } from '../../app/common/contract';
import { api } from '../api';
import { PASSAGE_SELECTOR } from '../reader/offsets';
import { paintAnnotations, tagSelectionIn } from '../tags/tagging';
import { tagStore } from '../tags/tagStore';
import { CARD } from './card';

export class CompareTagging {
  private seq = 0;

  constructor(private readonly root: HTMLElement) {
    // Synchronously at mouseup, as in the reader: keys typed right after must reach the picker.
    root.addEventListener('mouseup', () => {
      const sel = window.getSelection();
      if (sel && !sel.isCollapsed) this.tagSelection();
    });
  }

  /** Opens the picker for the selection in a shown piece; false when nothing taggable is selected. */
  tagSelection(): boolean {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return false;
    const range = sel.getRangeAt(0);
    const card = cardOf(range.startContainer);
    if (!card || !this.root.contains(card) || !card.dataset.docId) return false;
    // A tag belongs to one document: a selection running on into the next piece is cut at this one's end.
    let clipped = range;
    if (!card.contains(range.endContainer)) {
      clipped = range.cloneRange();
      clipped.setEnd(card, card.childNodes.length);
    }
    const docId = card.dataset.docId;
    return tagSelectionIn({ root: card, docId, text: sparseText(card) }, clipped);
  }

  /** Paints the tags on every shown piece (after rendering, and whenever tags change). */
  async paint(): Promise<void> {
    const seq = ++this.seq;
    let all: AnnotationView[];
    try {
      all = await api.annotations({ coders: tagStore.layer });
    } catch {
      return; // Tagging unavailable: the comparison is still worth reading without its tags.
    }
    if (seq !== this.seq) return;
    const byDoc = new Map<string, AnnotationView[]>();
    for (const a of all) byDoc.set(a.docId, [...(byDoc.get(a.docId) ?? []), a]);
    for (const card of this.root.querySelectorAll<HTMLElement>(`.${CARD}`)) {
      paintAnnotations(card, byDoc.get(card.dataset.docId ?? '') ?? []);
    }
  }
}

function cardOf(node: Node): HTMLElement | null {
  const el = node instanceof Element ? node : node.parentElement;
  return el?.closest<HTMLElement>(`.${CARD}`) ?? null;
}

/**
 * The card's pieces placed at their canonical offsets, spaces elsewhere: all the offsets module and
 * the picker need of the document's text (to trim the selection and quote it) without fetching it.
 */
function sparseText(card: HTMLElement): string {
  let text = '';
  const pieces = [...card.querySelectorAll<HTMLElement>(PASSAGE_SELECTOR)].sort((a, b) => Number(a.dataset.start) - Number(b.dataset.start));
  for (const p of pieces) text = text.padEnd(Number(p.dataset.start), ' ') + (p.textContent ?? '');
  return text;
}
