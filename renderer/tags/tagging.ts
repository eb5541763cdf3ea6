/**
 * Tagging in the reader: annotations painted in their tags' colours (overlaps stay visible and
 * clickable), the picker at a selection, the popover to edit a passage's tags and note, and the
 * side panel listing the document's tagged passages (orphans included, marked).
 */
import type { AnnotationView, Tag } from '../../app/common/contract';
import { api, errorMessage } from '../api';
import { h } from '../ui/dom';
import { offsetsToRange, rangeToOffsets, unwrapAll, wrapOffsets } from '../reader/offsets';
import { closePicker, isPickerOpen, openPicker, type PickerChoice } from './picker';
import type { Reader } from '../reader/reader';
import { annotationRefusal, canAnnotate, refuse, VIEWER_CANNOT_ANNOTATE } from '../team/rights';
import { coderColour, coderLayerPicker, tagAction, tagChip, tagStore } from './tagStore';

const PENDING = 'lectern-pending';
const ANNO = 'anno';

/** "The first words of the quote…" for toasts and lists. */
export function shortQuote(q: string, max = 60): string {
  const s = q.replace(/\s+/g, ' ').trim();
  return s.length <= max ? `“${s}”` : `“${s.slice(0, max).replace(/\s+\S*$/, '')}…”`;
}

/**
 * Paints annotations over the passages under `root` in their tags' colours (overlaps stay visible
 * and clickable); the passages' text content is unchanged, so offsets still map. Used by the reader
 * and by Compare.
 */
export function paintAnnotations(root: ParentNode, annotations: AnnotationView[]): void {
  unwrapAll(root, `.${ANNO}`);
  const live = annotations.filter((a) => !a.orphan && a.end > a.start);
  const bounds = [...new Set(live.flatMap((a) => [a.start, a.end]))].sort((a, b) => a - b);
  for (let i = 0; i + 1 < bounds.length; i++) {
    const [s, e] = [bounds[i], bounds[i + 1]];
    // Innermost (shortest) annotation first: its colour fills the background, the others underline.
    const covering = live.filter((a) => a.start <= s && a.end >= e).sort((a, b) => a.end - a.start - (b.end - b.start));
    if (covering.length === 0) continue;
    const colors = [...new Set(covering.flatMap((a) => a.tagIds.map((t) => tagStore.byId(t)?.color ?? '#888888')))];
    if (colors.length === 0) colors.push('#888888');
    wrapOffsets(root, s, e, () => {
      const span = h('span', {
        class: covering.length > 1 ? `${ANNO} overlap` : ANNO,
        testid: 'annotation-mark',
        attrs: { 'data-annotation-ids': covering.map((a) => a.id).join(' ') },
      });
      span.style.setProperty('--tag', colors[0]);
      span.style.boxShadow = colors
        .slice(0, 4)
        .map((c, k) => `inset 0 -${2 * (k + 1)}px 0 ${c}`)
        .join(', ');
      return span;
    });
  }
}

/** Where a selection can be tagged: passage elements (data-passage-id, data-start) of one document. */
export interface TagTarget {
  root: ParentNode;
  docId: string;
  /** The document's canonical text, or any string holding it at the same offsets (used to trim whitespace and quote). */
  text: string;
}

/** Opens the picker for `range` inside `target.root`; false when the range covers no passage text (or this account cannot tag). */
export function tagSelectionIn(target: TagTarget, range: Range): boolean {
  if (tagStore.problem || !canAnnotate()) return false;
  const offsets = rangeToOffsets(target.root, range, target.text);
  if (!offsets) return false;
  const sel = window.getSelection();
  const shown = offsetsToRange(target.root, offsets.start, offsets.end) ?? range;
  CSS.highlights?.set(PENDING, new Highlight(shown));
  const rects = range.getClientRects();
  const at = rects.length ? rects[rects.length - 1] : range.getBoundingClientRect();
  openPicker({
    at,
    label: 'Tag the selected text',
    pick: (choice) => void tagRange(target, offsets.start, offsets.end, choice),
    closed: () => {
      CSS.highlights?.delete(PENDING);
      // Give the selection back (so it can still be copied) when the picker closed without tagging.
      if (sel && shown.startContainer.isConnected) {
        sel.removeAllRanges();
        sel.addRange(shown);
      }
    },
  });
  return true;
}

/** A picker's choice as the tags of one gesture: an existing tag, or a new name the core creates in the same step. */
export function chosenTags(choice: PickerChoice): { tagIds?: string[]; newTags?: string[] } {
  return 'tag' in choice ? { tagIds: [choice.tag.id] } : { newTags: [choice.create] };
}

const choiceName = (choice: PickerChoice) => ('tag' in choice ? choice.tag.name : choice.create);

/** One gesture, one call, one undo step: the core adds the tag to a passage already tagged there rather than make a twin. */
async function tagRange(target: TagTarget, start: number, end: number, choice: PickerChoice): Promise<void> {
  window.getSelection()?.removeAllRanges();
  const quote = shortQuote(target.text.slice(start, end), 40);
  await tagAction(
    () => api.tagRange({ docId: target.docId, start, end, ...chosenTags(choice) }),
    () => `Tagged ${quote} as ${choiceName(choice)}`,
  );
}

export class TaggingLayer {
  annotations: AnnotationView[] = [];
  private docId: string | null = null;
  private popover: HTMLElement | null = null;
  private loadSeq = 0;
  /** Settles when the open document's annotations are painted. */
  loaded: Promise<void> = Promise.resolve();

  constructor(private readonly reader: Reader) {
    // Synchronously: the selection is final at mouseup, and keys typed right after must reach the picker.
    reader.textEl.addEventListener('mouseup', () => this.onSelectionEnd());
    reader.textEl.addEventListener('click', (e) => this.onClick(e));
    document.addEventListener(
      'mousedown',
      (e) => {
        if (this.popover && !this.popover.contains(e.target as Node) && !(e.target as Element).closest?.('.tag-picker')) this.closePopover();
      },
      true,
    );
    tagStore.onChange(() => {
      this.loaded = this.load();
    });
  }

  /** The reader rebuilt its passages: paint what we have, and fetch afresh when the document changed. */
  rendered(): void {
    const id = this.reader.doc?.meta.id ?? null;
    if (id !== this.docId) {
      this.docId = id;
      this.annotations = [];
      this.closePopover();
      this.loaded = this.load();
    }
    this.paint();
  }

  async load(): Promise<void> {
    const docId = this.reader.doc?.meta.id;
    if (!docId) return;
    const seq = ++this.loadSeq;
    try {
      const list = await api.annotations({ docId, coders: tagStore.layer });
      if (seq !== this.loadSeq || docId !== this.reader.doc?.meta.id) return;
      this.annotations = list;
    } catch (e) {
      if (seq !== this.loadSeq) return;
      this.annotations = [];
      this.renderPanel(errorMessage(e));
      return;
    }
    this.paint();
    this.reader.paintHits();
    this.refreshPopover();
  }

  // ---------- painting ----------

  private paint(): void {
    paintAnnotations(this.reader.textEl, this.annotations);
    this.renderPanel(null);
  }

  private renderPanel(problem: string | null): void {
    const panel = this.reader.sidePanel;
    const heading = h(
      'div',
      { class: 'pane-heading' },
      h('h2', null, 'Tagged passages'),
      h('span', { class: 'muted', testid: 'doc-annotation-count' }, String(this.annotations.length)),
      coderLayerPicker(),
    );
    if (problem || tagStore.problem) {
      panel.replaceChildren(heading, h('p', { class: 'muted side-note' }, problem ?? tagStore.problem!));
      return;
    }
    if (this.annotations.length === 0) {
      panel.replaceChildren(
        heading,
        h(
          'p',
          { class: 'muted side-note' },
          canAnnotate() ? 'Select text to tag it. Tagged passages are listed here.' : `${VIEWER_CANNOT_ANNOTATE} Tagged passages are listed here.`,
        ),
      );
      return;
    }
    // Whose passage each one is, once more than one coder has tagged this document.
    const severalCoders = tagStore.coders.length > 1;
    panel.replaceChildren(
      heading,
      h(
        'ul',
        { class: 'side-list', testid: 'doc-annotations' },
        ...this.annotations.map((a) => {
          const item = h(
            'li',
            {
              class: `side-item ${a.orphan ? 'orphan' : ''} ${severalCoders ? coderColour(a.coder) : ''}`,
              testid: 'annotation-item',
              attrs: { tabindex: '0', 'data-annotation-id': a.id },
            },
            h('div', { class: 'tag-chips' }, ...this.tagsOf(a).map((t) => tagChip(t))),
            a.orphan ? h('div', { class: 'orphan-badge', testid: 'orphan' }, 'Not found in the current text') : null,
            h('p', { class: 'side-quote' }, shortQuote(a.quote, 140)),
            a.note ? h('p', { class: 'side-note-text' }, a.note) : null,
            severalCoders ? h('p', { class: 'side-coder muted', testid: 'annotation-coder' }, a.coder ? `coded by ${a.coder}` : 'no coder recorded') : null,
          );
          const open = () => this.focusAnnotation(a.id);
          item.addEventListener('click', open);
          item.addEventListener('keydown', (e) => {
            if (e.key === 'Enter') open();
          });
          return item;
        }),
      ),
    );
  }

  private tagsOf(a: AnnotationView): Tag[] {
    return a.tagIds.map((id) => tagStore.byId(id)).filter((t): t is Tag => !!t);
  }

  /** Scrolls to an annotation and opens its popover (from the side panel or the Tags view). */
  focusAnnotation(id: string): void {
    const a = this.annotations.find((x) => x.id === id);
    if (!a) return;
    const mark = this.reader.textEl.querySelector<HTMLElement>(`.${ANNO}[data-annotation-ids~="${CSS.escape(id)}"]`);
    if (!a.orphan && mark) {
      const r = offsetsToRange(this.reader.textEl, a.start, a.end);
      if (r) this.reader.scrollToRange(r, false);
      this.openPopover([id], mark.getBoundingClientRect());
    } else {
      const item = this.reader.sidePanel.querySelector<HTMLElement>(`[data-annotation-id="${CSS.escape(id)}"]`);
      item?.scrollIntoView({ block: 'nearest' });
      this.openPopover([id], (item ?? this.reader.sidePanel).getBoundingClientRect());
    }
  }

  // ---------- selecting and tagging ----------

  private onSelectionEnd(): void {
    const sel = window.getSelection();
    if (!sel || sel.isCollapsed || sel.rangeCount === 0) return;
    if (!this.reader.textEl.contains(sel.getRangeAt(0).commonAncestorContainer)) return;
    this.tagSelection();
  }

  /** Opens the picker for the current selection; false when nothing taggable is selected. */
  tagSelection(): boolean {
    const doc = this.reader.doc;
    const sel = window.getSelection();
    if (!doc || !sel || sel.isCollapsed || sel.rangeCount === 0) return false;
    return tagSelectionIn({ root: this.reader.textEl, docId: doc.meta.id, text: doc.text }, sel.getRangeAt(0));
  }

  // ---------- the popover ----------

  private onClick(e: MouseEvent): void {
    // A drag that ends on a mark opened the picker (which took the selection into its input): that click selected text, it did not open the mark.
    if (!window.getSelection()?.isCollapsed || isPickerOpen()) return;
    const mark = (e.target as Element).closest<HTMLElement>(`.${ANNO}`);
    if (!mark || (e.target as Element).closest('a')) return;
    this.openPopover(mark.dataset.annotationIds!.split(' '), mark.getBoundingClientRect());
  }

  private popoverIds: string[] = [];
  private popoverAt: DOMRect | null = null;

  closePopover(): boolean {
    if (!this.popover) return false;
    this.popover.remove();
    this.popover = null;
    return true;
  }

  private refreshPopover(): void {
    if (!this.popover || !this.popoverAt) return;
    const ids = this.popoverIds.filter((id) => this.annotations.some((a) => a.id === id));
    if (ids.length === 0) this.closePopover();
    else this.openPopover(ids, this.popoverAt, false);
  }

  openPopover(ids: string[], at: DOMRect, focus = true): void {
    const scrollTop = this.popover?.scrollTop ?? 0;
    this.closePopover();
    this.popoverIds = ids;
    this.popoverAt = at;
    const list = ids.map((id) => this.annotations.find((a) => a.id === id)).filter((a): a is AnnotationView => !!a);
    const el = h(
      'div',
      { class: 'popover', testid: 'annotation-popover', attrs: { role: 'dialog', 'aria-label': 'Tagged passage' } },
      ...list.map((a) => this.popoverEntry(a)),
    );
    el.addEventListener('keydown', (e) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        e.stopPropagation();
        this.closePopover();
        this.reader.scroller.focus({ preventScroll: true });
      }
    });
    document.body.append(el);
    this.popover = el;
    const box = el.getBoundingClientRect();
    const top = at.bottom + 6 + box.height < window.innerHeight - 8 ? at.bottom + 6 : Math.max(8, at.top - box.height - 6);
    el.style.top = `${top}px`;
    el.style.left = `${Math.min(Math.max(8, at.left), window.innerWidth - box.width - 8)}px`;
    el.scrollTop = scrollTop;
    if (focus) el.querySelector<HTMLElement>('button')?.focus();
  }

  private popoverEntry(a: AnnotationView): HTMLElement {
    // Another coder's passage, or any passage for a viewer: shown, its controls disabled and saying why.
    const refusal = annotationRefusal(a);
    const note = h('textarea', { class: 'note-input', testid: 'annotation-note', attrs: { rows: 2, placeholder: 'Note (memo)…', 'aria-label': 'Note' } });
    note.value = a.note;
    refuse(note, refusal);
    // What was last saved: Ctrl+Enter saves, and the blur that follows (Esc, a click away) must not save it again.
    let saved = a.note.trim();
    const saveNote = () => {
      if (note.value.trim() === saved) return;
      saved = note.value.trim();
      void tagAction(
        () => api.updateAnnotation({ id: a.id, note: note.value }),
        () => 'Note saved',
      );
    };
    note.addEventListener('blur', saveNote);
    note.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
        e.preventDefault();
        saveNote();
      }
    });
    const addBtn: HTMLButtonElement = h(
      'button',
      {
        class: 'icon-button small',
        testid: 'add-tag',
        title: 'Add a tag to this passage',
        on: {
          click: () =>
            openPicker({
              at: addBtn.getBoundingClientRect(),
              exclude: a.tagIds,
              label: 'Add a tag to this passage',
              pick: (choice) =>
                void tagAction(
                  () => api.updateAnnotation({ id: a.id, tagIds: [...a.tagIds, ...(chosenTags(choice).tagIds ?? [])], newTags: chosenTags(choice).newTags }),
                  () => `Added ${choiceName(choice)}`,
                ),
            }),
        },
      },
      '+ Tag',
    );
    refuse(addBtn, refusal);
    const chips = this.tagsOf(a).map((t) =>
      tagChip(
        t,
        refusal
          ? null
          : h(
              'button',
              {
                class: 'chip-remove',
                title: `Remove ${t.name} from this passage`,
                attrs: { 'aria-label': `Remove ${t.name}` },
                on: { click: () => void this.removeTag(a, t) },
              },
              '×',
            ),
      ),
    );
    const remove = h(
      'button',
      {
        class: 'link-button danger-text',
        testid: 'delete-annotation',
        on: {
          click: () =>
            void tagAction(
              () => api.deleteAnnotation({ id: a.id }),
              () => `Removed the tags on ${shortQuote(a.quote, 40)}`,
            ),
        },
      },
      'Remove',
    );
    refuse(remove, refusal);
    return h(
      'div',
      { class: 'popover-entry' },
      h('p', { class: 'popover-quote' }, shortQuote(a.quote, 120)),
      a.orphan ? h('div', { class: 'orphan-badge' }, 'This text is no longer in the document; the quote is kept.') : null,
      h('div', { class: 'tag-chips' }, ...chips, addBtn),
      note,
      h('div', { class: 'popover-actions' }, h('span', { class: 'subtle' }, `${a.citation.speakers.join(', ')}`), remove),
    );
  }

  private async removeTag(a: AnnotationView, t: Tag): Promise<void> {
    const rest = a.tagIds.filter((id) => id !== t.id);
    // A passage left with neither tag nor note would be an empty annotation: remove it instead.
    if (rest.length === 0 && !a.note.trim())
      await tagAction(
        () => api.deleteAnnotation({ id: a.id }),
        () => `Removed ${t.name} from ${shortQuote(a.quote, 40)}`,
      );
    else
      await tagAction(
        () => api.updateAnnotation({ id: a.id, tagIds: rest }),
        () => `Removed ${t.name} from ${shortQuote(a.quote, 40)}`,
      );
  }

  /** Esc: closes the picker or popover first; true when it did. */
  escape(): boolean {
    closePicker();
    return this.closePopover();
  }
}
