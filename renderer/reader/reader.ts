/**
 * The reader: one document's header and passages, its search hits (painted with the CSS Custom
 * Highlight API, so the text's DOM is untouched) with next/previous navigation, removed text shown
 * in place on request, "Who is speaking" marks in the margin on request, and marking passages as
 * boilerplate.
 */
import type { DocumentAttribution } from '../../app/common/attribution';
import type { DocumentView, LibraryView, RemovedView } from '../../app/common/contract';
import { api } from '../api';
import { openExternalLink } from '../ui/dialogs';
import { fill, formatDate, h, metaLine, plural } from '../ui/dom';
import { offsetsToRange, passageAt } from './offsets';
import { passageContent, webLink } from '../ui/sanitize';
import { canChangeCorpus, corpusRefusal, refuse } from '../team/rights';
import { toast, toastError } from '../ui/toast';
import { clearWhoMarks, paintWhoMarks, placeWhoMarks, setWhoShown, whoMarks, whoShown } from './whoSpeaking';

export interface ReaderHooks {
  libraryChanged(lib: LibraryView): void;
  /** The passages were (re)built: the tagging layer paints its annotations and fills the side panel. */
  rendered(): void;
  /** The header's "Edit metadata": the metadata editor for this document. */
  editMetadata(meta: DocumentView['meta']): void;
}

export interface OpenTarget {
  query?: string;
  /** Scroll to this passage (and its first hit). */
  passageId?: string | null;
  /** Scroll to this canonical offset (an annotation). */
  offset?: number;
}

const HIT = 'lectern-hit';
const HIT_CURRENT = 'lectern-hit-current';

function reducedMotion(): boolean {
  return window.matchMedia('(prefers-reduced-motion: reduce)').matches;
}

export class Reader {
  readonly el: HTMLElement;
  readonly placeholder: HTMLElement;
  readonly scroller: HTMLElement;
  readonly textEl: HTMLElement;
  readonly sidePanel: HTMLElement;
  private readonly headerEl: HTMLElement;
  private readonly hitNav: HTMLElement;
  private readonly counter: HTMLElement;
  private readonly removedToggle: HTMLButtonElement;
  private readonly whoToggle: HTMLButtonElement;
  private readonly toolbar: HTMLElement;
  doc: DocumentView | null = null;
  query = '';
  showRemoved = false;
  private hits: Range[] = [];
  private hitIndex = -1;
  private openSeq = 0;
  /** The open document's attribution, fetched only while "Who is speaking" is on; `doc` is the view it belongs to. */
  private who: { doc: DocumentView; attribution: DocumentAttribution } | null = null;
  private whoLoading: DocumentView | null = null;

  constructor(private readonly hooks: ReaderHooks) {
    this.headerEl = h('header', { class: 'reader-header' });
    this.counter = h('span', { class: 'hit-counter', testid: 'hit-counter', attrs: { 'aria-live': 'polite' } });
    this.hitNav = h(
      'div',
      { class: 'hit-nav' },
      h(
        'button',
        {
          class: 'icon-button',
          testid: 'prev-hit',
          title: 'Previous hit (Shift+N)',
          attrs: { 'aria-label': 'Previous hit' },
          on: { click: () => this.stepHit(-1) },
        },
        '↑',
      ),
      this.counter,
      h(
        'button',
        { class: 'icon-button', testid: 'next-hit', title: 'Next hit (N)', attrs: { 'aria-label': 'Next hit' }, on: { click: () => this.stepHit(1) } },
        '↓',
      ),
    );
    this.removedToggle = h('button', {
      class: 'toggle',
      testid: 'show-removed',
      attrs: { 'aria-pressed': 'false' },
      title: 'Show the text that cleaning removed (R)',
      on: { click: () => this.toggleRemoved() },
    });
    this.whoToggle = h(
      'button',
      {
        class: 'toggle',
        testid: 'who-speaking',
        attrs: { 'aria-pressed': 'false' },
        title: 'Mark each sentence in the margin with whose words it holds: a speaker’s (direct or reported), the writer’s narration, or page furniture',
        on: { click: () => this.toggleWho() },
      },
      'Who is speaking',
    );
    this.toolbar = h('div', { class: 'reader-toolbar' }, this.hitNav, h('span', { class: 'spacer' }), this.whoToggle, this.removedToggle);
    this.textEl = h('article', { class: 'doc-text', attrs: { 'aria-label': 'Document text' } });
    this.sidePanel = h('aside', { class: 'doc-side', attrs: { 'aria-label': 'Tagged passages' } });
    this.scroller = h(
      'div',
      { class: 'reader-scroll', attrs: { tabindex: '-1' } },
      this.headerEl,
      this.toolbar,
      h('div', { class: 'reader-body' }, this.textEl, this.sidePanel),
    );
    this.el = h('section', { class: 'reader', testid: 'reader', attrs: { hidden: true, 'aria-label': 'Reader' } }, this.scroller);
    this.placeholder = h(
      'div',
      { class: 'reader-empty' },
      h('p', { class: 'reader-empty-title' }, 'Open a document to read it'),
      h('p', { class: 'muted' }, 'Pick one from the library, or press ', h('kbd', null, '/'), ' to search. ', h('kbd', null, '?'), ' lists every shortcut.'),
    );
    this.textEl.addEventListener('click', (e) => this.onTextClick(e));
    this.textEl.addEventListener('auxclick', (e) => {
      if ((e.target as Element).closest('a')) e.preventDefault();
    });
    // The text reflowed (a resize, fonts arriving, the reader shown again): the marks follow their lines.
    new ResizeObserver(() => {
      if (this.who && whoShown()) placeWhoMarks(this.textEl);
    }).observe(this.textEl);
  }

  get isOpen(): boolean {
    return this.doc !== null;
  }

  async open(id: string, target: OpenTarget = {}): Promise<void> {
    const seq = ++this.openSeq;
    let doc: DocumentView;
    try {
      doc = await api.document({ id, query: target.query?.trim() ? target.query : undefined });
    } catch (e) {
      toastError(e);
      return;
    }
    if (seq !== this.openSeq) return;
    this.doc = doc;
    this.query = target.query ?? '';
    this.render();
    this.scroller.scrollTop = 0;
    this.scrollToTarget(target);
    this.scroller.focus({ preventScroll: true });
  }

  /** Fetches the open document again (after boilerplate changed), keeping the reading position. */
  async reload(): Promise<void> {
    if (!this.doc) return;
    const top = this.scroller.scrollTop;
    try {
      this.doc = await api.document({ id: this.doc.meta.id, query: this.query.trim() ? this.query : undefined });
    } catch (e) {
      toastError(e);
      this.close();
      return;
    }
    this.render();
    this.scroller.scrollTop = top;
  }

  close(): void {
    this.openSeq++;
    this.doc = null;
    this.el.hidden = true;
    this.placeholder.hidden = false;
    this.textEl.replaceChildren();
    this.who = null;
    this.whoLoading = null;
    this.textEl.removeAttribute('aria-busy');
    CSS.highlights?.delete(HIT);
    CSS.highlights?.delete(HIT_CURRENT);
  }

  private render(): void {
    const doc = this.doc!;
    const m = doc.meta;
    fill(
      this.headerEl,
      h('p', { class: 'kicker' }, metaLine([m.outlet, m.kind.replace(/-/g, ' ')])),
      h('h1', { class: 'reader-title', testid: 'reader-title' }, m.title || m.path),
      m.speakers.length ? h('p', { class: 'byline' }, m.speakers.join(', ')) : null,
      h(
        'dl',
        { class: 'reader-meta' },
        ...(
          [
            ['Date', formatDate(m.date)],
            ['Event', m.event],
            ['Place', m.place],
            ['Outlet', m.outlet],
            ['Length', plural(doc.wordCount, 'word')],
          ] as const
        )
          .filter(([, v]) => v)
          .flatMap(([k, v]) => [h('dt', null, k), h('dd', null, v)]),
      ),
      refuse(
        h(
          'button',
          {
            class: 'link-button edit-metadata',
            testid: 'edit-metadata',
            title: 'Edit the title, speakers, date … (written to the file’s front matter)',
            on: { click: () => this.hooks.editMetadata(m) },
          },
          'Edit metadata',
        ),
        corpusRefusal(),
      ),
      doc.queryError ? h('p', { class: 'banner error' }, doc.queryError.message) : null,
    );
    this.removedToggle.textContent = this.showRemoved ? `Hide removed text (${doc.removed.length})` : `Show removed text (${doc.removed.length})`;
    this.removedToggle.setAttribute('aria-pressed', String(this.showRemoved));
    this.removedToggle.disabled = doc.removed.length === 0;

    const rows: HTMLElement[] = [];
    for (let i = 0; i <= doc.passages.length; i++) {
      if (this.showRemoved) rows.push(...this.removedBlocks(doc.removed.filter((r) => r.beforePassage === i)));
      const p = doc.passages[i];
      if (!p) continue;
      const passage = h('div', { class: 'passage', testid: 'passage', attrs: { 'data-passage-id': p.id, 'data-start': p.start } });
      passage.append(passageContent(p.html, p.text));
      // Boilerplate changes the corpus: a team's owner's right, not offered to the other roles.
      const mark = canChangeCorpus()
        ? h(
            'button',
            {
              class: 'gutter-button',
              title: 'Mark as boilerplate: removes this paragraph from every document where it appears',
              attrs: { 'aria-label': `Mark paragraph ${i + 1} as boilerplate` },
              testid: 'mark-boilerplate',
              on: { click: () => this.markBoilerplate(p.id, p.text) },
            },
            '⊘',
          )
        : null;
      rows.push(h('div', { class: 'passage-row' }, h('div', { class: 'passage-gutter' }, mark), passage));
    }
    this.textEl.replaceChildren(...rows);
    this.el.hidden = false;
    this.placeholder.hidden = true;
    this.hooks.rendered();
    this.paintHits();
    this.paintWho();
  }

  /** Consecutive removed pieces of one rule share one label. */
  private removedBlocks(pieces: RemovedView[]): HTMLElement[] {
    const blocks: HTMLElement[] = [];
    let current: { rule: string; el: HTMLElement } | null = null;
    for (const r of pieces) {
      if (!current || current.rule !== r.rule || r.rule === 'user') {
        const el = h(
          'div',
          { class: `removed rule-${r.rule === 'user' ? 'user' : 'auto'}`, testid: 'removed', attrs: { 'data-rule': r.rule } },
          h('div', { class: 'removed-label' }, h('span', { class: 'removed-tag' }, r.rule === 'user' ? 'Marked by you' : 'Removed'), r.ruleDescription),
        );
        if (r.rule === 'user' && canChangeCorpus()) {
          el.append(
            h(
              'button',
              { class: 'link-button', testid: 'unmark-boilerplate', on: { click: () => this.unmarkBoilerplate(r.text) } },
              'Unmark: restore this paragraph',
            ),
          );
        }
        current = { rule: r.rule, el };
        blocks.push(el);
      }
      current.el.insertBefore(h('p', { class: 'removed-text' }, r.text), r.rule === 'user' ? current.el.lastChild : null);
    }
    return blocks;
  }

  toggleRemoved(): void {
    if (!this.doc) return;
    this.showRemoved = !this.showRemoved;
    const top = this.scroller.scrollTop;
    this.render();
    this.scroller.scrollTop = top;
  }

  // ---------- who is speaking ----------

  toggleWho(): void {
    setWhoShown(!whoShown());
    this.paintWho();
  }

  /** Shows the marks for the open document when the toggle is on (fetching its attribution first), removes them when off. */
  private paintWho(): void {
    const on = whoShown();
    this.whoToggle.setAttribute('aria-pressed', String(on));
    this.el.classList.toggle('who-on', on);
    const doc = this.doc;
    if (!on || !doc) {
      clearWhoMarks(this.textEl);
      return;
    }
    if (this.who?.doc === doc) paintWhoMarks(this.textEl, whoMarks(doc.passages, this.who.attribution.sentences, doc.text));
    else void this.loadWho(doc);
  }

  private async loadWho(doc: DocumentView): Promise<void> {
    if (this.whoLoading === doc) return;
    this.whoLoading = doc;
    this.textEl.setAttribute('aria-busy', 'true');
    try {
      const attribution = await api.attribution({ id: doc.meta.id });
      if (this.whoLoading !== doc) return;
      this.who = { doc, attribution };
    } catch (e) {
      if (this.whoLoading === doc) toastError(e);
      return;
    } finally {
      if (this.whoLoading === doc) {
        this.whoLoading = null;
        this.textEl.removeAttribute('aria-busy');
      }
    }
    if (this.doc === doc && whoShown()) this.paintWho();
  }

  private async markBoilerplate(passageId: string, text: string): Promise<void> {
    if (!this.doc) return;
    try {
      this.hooks.libraryChanged(await api.markBoilerplate({ docId: this.doc.meta.id, passageId }));
      await this.reload();
      toast('Marked as boilerplate: it is removed wherever it appears and no longer found by search.', {
        action: { label: 'Undo', run: () => void this.unmarkBoilerplate(text) },
      });
    } catch (e) {
      toastError(e);
    }
  }

  private async unmarkBoilerplate(text: string): Promise<void> {
    try {
      this.hooks.libraryChanged(await api.unmarkBoilerplate({ text }));
      await this.reload();
      toast('Paragraph restored.');
    } catch (e) {
      toastError(e);
    }
  }

  // ---------- hits ----------

  /** Paints every hit; call again whenever the passages' DOM changed (annotation wrappers). */
  paintHits(): void {
    const doc = this.doc;
    if (!doc) return;
    this.hits = doc.highlights.map(([s, e]) => offsetsToRange(this.textEl, s, e)).filter((r): r is Range => r !== null);
    if (this.hitIndex >= this.hits.length) this.hitIndex = this.hits.length - 1;
    CSS.highlights?.set(HIT, new Highlight(...this.hits));
    this.textEl.dataset.hits = String(this.hits.length);
    this.hitNav.hidden = !this.query.trim();
    this.paintCurrent();
  }

  private paintCurrent(): void {
    const n = this.hits.length;
    this.counter.textContent = n === 0 ? 'No hits' : `${this.hitIndex < 0 ? '–' : this.hitIndex + 1} / ${n}`;
    const r = this.hits[this.hitIndex];
    if (r) {
      const current = new Highlight(r);
      current.priority = 1;
      CSS.highlights?.set(HIT_CURRENT, current);
    } else {
      CSS.highlights?.delete(HIT_CURRENT);
    }
  }

  stepHit(delta: number): void {
    const n = this.hits.length;
    if (!this.doc || n === 0) return;
    this.hitIndex = this.hitIndex < 0 ? (delta > 0 ? 0 : n - 1) : (this.hitIndex + delta + n) % n;
    this.paintCurrent();
    this.scrollToRange(this.hits[this.hitIndex], !reducedMotion());
  }

  private scrollToTarget(target: OpenTarget): void {
    const doc = this.doc!;
    let el: Element | null = null;
    let offset: number | undefined = target.offset;
    if (target.passageId) {
      const p = doc.passages.find((q) => q.id === target.passageId);
      if (p) {
        const first = doc.highlights.findIndex(([s]) => s >= p.start && s < p.end);
        if (first >= 0) {
          this.hitIndex = first;
          this.paintCurrent();
          this.scrollToRange(this.hits[first], false, true);
          return;
        }
        offset = p.start;
      }
    }
    this.hitIndex = -1;
    this.paintCurrent();
    if (offset !== undefined) {
      const r = offsetsToRange(this.textEl, offset, offset + 1);
      if (r) return this.scrollToRange(r, false, true);
      el = passageAt(this.textEl, offset);
    }
    el?.scrollIntoView({ block: 'center' });
  }

  /** Brings a range into view a third of the way down, unless it is already comfortably visible. */
  scrollToRange(r: Range, smooth: boolean, always = false): void {
    const rect = r.getBoundingClientRect();
    const box = this.scroller.getBoundingClientRect();
    const top = box.top + this.toolbar.offsetHeight + 24;
    if (!always && rect.top >= top && rect.bottom <= box.bottom - 24) return;
    this.scroller.scrollBy({ top: rect.top - box.top - box.height / 3, behavior: smooth ? 'smooth' : 'instant' });
  }

  private onTextClick(e: MouseEvent): void {
    const a = (e.target as Element).closest('a');
    if (!a) return;
    e.preventDefault();
    const url = webLink(a.getAttribute('href'));
    if (url) void openExternalLink(url);
    else toast('This link does not point to a web address, so Lectern will not open it.', { error: true });
  }
}
