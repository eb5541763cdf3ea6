/**
 * The Compare view: two sides (a speaker or a document each, optionally narrowed to the speaker's
 * own quotations or to one tag), and what the core finds between them: aligned passages, distinctive
 * terms with their uses in context, and each side's own words. The view holds the choices; every
 * figure comes from the API.
 */
import type { Comparison, LibraryView } from '../../app/common/contract';
import type { StopListChoice } from '../../app/common/corpusTools';
import { api, errorMessage } from '../api';
import { fill, formatDate, h, metaLine, plural } from '../ui/dom';
import { downloadFile } from '../ui/download';
import { tagStore } from '../tags/tagStore';
import { toast, toastError } from '../ui/toast';
import type { CompareContext } from './context';
import { renderPassages, type PassagesState } from './passages';
import { renderQuotes } from './quotes';
import { DEFAULT_THRESHOLD, leftOutSentence } from '../../app/common/compare';
import { counterpartFor, defaultSides, fillSideSelect, isQuerySide, QUERY_CHOICE, SIDES, toRequest, type CompareChoice, type Side } from './sides';
import { saveSubcorpusDialog, savedRef, subcorpusStore } from '../subcorpora/subcorpora';
import { textDialog } from '../ui/dialogs';
import { CompareTagging } from './tagging';
import { renderTerms, updateKwic, type KwicState } from './terms';

export interface CompareHooks {
  openInReader(docId: string, offset: number): void;
}

type Tab = 'passages' | 'terms' | 'quotes';
const TAB_LABELS: Record<Tab, string> = { passages: 'Aligned passages', terms: 'Distinctive terms', quotes: 'Own words' };

/** The slider re-runs the comparison once it rests this long, not at every step of a drag. */
const THRESHOLD_DEBOUNCE_MS = 250;

interface SideControls {
  select: HTMLSelectElement;
  /** "Save this side as…": shown when the side is a metadata query. */
  save: HTMLButtonElement;
  quotes: HTMLButtonElement;
  tag: HTMLSelectElement;
  desc: HTMLElement;
}

export class CompareView {
  readonly el: HTMLElement;
  private readonly body: HTMLElement;
  private readonly panel: HTMLElement;
  private readonly status: HTMLElement;
  private readonly threshold: HTMLInputElement;
  private readonly keepFormulas: HTMLInputElement;
  private readonly wholeDocuments: HTMLInputElement;
  private readonly stopList: HTMLSelectElement;
  private readonly thresholdValue: HTMLOutputElement;
  private readonly exportButton: HTMLButtonElement;
  private readonly tabs: Record<Tab, HTMLButtonElement>;
  private readonly sides: Record<Side, SideControls>;
  private readonly tagging: CompareTagging;
  private lib: LibraryView | null = null;
  private choice: CompareChoice | null = null;
  private comparison: Comparison | null = null;
  private tab: Tab = 'passages';
  private passages: PassagesState = { selected: null };
  private kwic: KwicState = null;
  private seq = 0;
  private kwicSeq = 0;
  private timer: number | undefined;
  /** The library and saved subcorpora each side picker's options were made from. */
  private readonly pickersFor: Record<Side, { lib: LibraryView | null; saved: readonly unknown[] } | null> = { left: null, right: null };

  constructor(private readonly hooks: CompareHooks) {
    this.sides = { left: this.sideControls('left'), right: this.sideControls('right') };
    this.threshold = h('input', {
      class: 'threshold',
      testid: 'threshold',
      attrs: { type: 'range', min: 0, max: 1, step: 0.01, value: DEFAULT_THRESHOLD, 'aria-label': 'Threshold: how alike two passages must be to pair' },
    });
    this.thresholdValue = h('output', { class: 'threshold-value', testid: 'threshold-value' }, DEFAULT_THRESHOLD.toFixed(2));
    this.threshold.addEventListener('input', () => this.onThreshold());
    this.keepFormulas = h('input', { testid: 'keep-formulas', attrs: { type: 'checkbox' } });
    this.keepFormulas.addEventListener('change', () => {
      if (!this.choice) return;
      this.choice.keepFormulas = this.keepFormulas.checked;
      this.run();
    });
    this.wholeDocuments = h('input', { testid: 'whole-documents', attrs: { type: 'checkbox' } });
    this.wholeDocuments.addEventListener('change', () => {
      if (!this.choice) return;
      this.choice.wholeDocuments = this.wholeDocuments.checked;
      this.run();
    });
    this.stopList = h(
      'select',
      { testid: 'compare-stop-list', attrs: { 'aria-label': 'Stop words' } },
      h('option', { attrs: { value: 'none' } }, 'counted'),
      h('option', { attrs: { value: 'builtin' } }, 'built-in list left out'),
      h('option', { attrs: { value: 'corpus' } }, 'corpus list left out'),
    );
    this.stopList.addEventListener('change', () => {
      if (!this.choice) return;
      this.choice.stopList = this.stopList.value as StopListChoice;
      this.run();
    });
    this.exportButton = h(
      'button',
      {
        class: 'button small',
        testid: 'compare-export',
        title: 'Download this comparison as a Markdown report with citations',
        on: { click: () => void this.exportReport() },
      },
      'Export report',
    );
    this.tabs = Object.fromEntries(
      (Object.keys(TAB_LABELS) as Tab[]).map((t) => [
        t,
        h(
          'button',
          {
            class: 'tab',
            testid: `compare-tab-${t}`,
            attrs: { role: 'tab', 'aria-selected': String(t === this.tab) },
            on: { click: () => this.showTab(t) },
          },
          TAB_LABELS[t],
        ),
      ]),
    ) as Record<Tab, HTMLButtonElement>;
    this.status = h('span', { class: 'cmp-status muted', testid: 'compare-status', attrs: { 'aria-live': 'polite' } });
    this.panel = h('div', { class: 'cmp-panel', testid: 'compare-panel', attrs: { role: 'tabpanel' } });
    this.body = h('div', { class: 'cmp-body' }, this.panel);

    const swap = h(
      'button',
      {
        class: 'icon-button swap',
        testid: 'swap-sides',
        title: 'Swap the sides',
        attrs: { 'aria-label': 'Swap the sides' },
        on: { click: () => this.swap() },
      },
      '⇄',
    );
    this.el = h(
      'section',
      { class: 'compare-view', testid: 'compare-view', attrs: { hidden: true, 'aria-label': 'Compare' } },
      h('header', { class: 'cmp-bar' }, this.sideBox('left'), swap, this.sideBox('right')),
      h(
        'div',
        { class: 'cmp-toolbar' },
        h('nav', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Compare' } }, ...Object.values(this.tabs)),
        this.status,
        h('span', { class: 'spacer' }),
        h(
          'label',
          { class: 'threshold-field', title: 'How alike two passages must be to pair (TF-IDF cosine). Lower finds weaker echoes.' },
          h('span', null, 'Threshold'),
          this.threshold,
          this.thresholdValue,
        ),
        h(
          'label',
          {
            class: 'formulas-field',
            title: 'Count wording that recurs across many documents of the corpus (greetings, sign-offs, set phrases); left out by default',
          },
          this.keepFormulas,
          h('span', null, 'Keep formulas'),
        ),
        h(
          'label',
          {
            class: 'formulas-field',
            title: "By default a speaker's side holds only what the speaker said, quoted or reported; this counts the writer's narration and others' words too",
          },
          this.wholeDocuments,
          h('span', null, 'Whole documents'),
        ),
        h(
          'label',
          {
            class: 'formulas-field',
            title:
              "Stop words (the, of, must …) are counted and ranked like any word; a stop list leaves their rows out of the distinctive terms: the built-in list (108 English function words) or the corpus's own (.lectern/stopwords.txt, one word per line). Counts are the same either way.",
          },
          h('span', null, 'Stop words:'),
          this.stopList,
        ),
        this.exportButton,
      ),
      this.body,
    );
    this.tagging = new CompareTagging(this.panel);
    subcorpusStore.onChange(() => this.fillControls());
    this.panel.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && this.kwic) {
        e.preventDefault();
        e.stopPropagation();
        this.showTerm('');
      }
    });
  }

  get visible(): boolean {
    return !this.el.hidden;
  }

  // ---------- entry points ----------

  setLibrary(lib: LibraryView): void {
    this.lib = lib;
    this.fillControls();
    if (this.visible && !this.choice) this.start();
  }

  show(): void {
    this.el.hidden = false;
    // Codebook may have changed while away: offer the current tags.
    void tagStore.refresh().then(() => this.fillControls());
    if (!this.choice) this.start();
  }

  hide(): void {
    this.el.hidden = true;
  }

  /** Compare a document (from the library or a search result) with `right`, or with a sensible counterpart. */
  open(left: string, right?: string): void {
    const other = right ?? (this.lib ? counterpartFor(this.lib, left) : null) ?? this.choice?.right ?? '';
    this.choice = this.fresh(left, other);
    this.fillControls();
    this.el.hidden = false;
    this.run();
  }

  /** Esc: closes the keyword-in-context lines; false when there was nothing to close. */
  escape(): boolean {
    if (!this.kwic) return false;
    this.showTerm('');
    return true;
  }

  tagSelection(): boolean {
    return this.tagging.tagSelection();
  }

  /** Tags changed (here or elsewhere): a side narrowed to a tag is compared again, else the tags are repainted. */
  tagsChanged(): void {
    this.fillControls();
    if (!this.visible || !this.comparison) return;
    if (this.choice && (this.choice.tagId.left || this.choice.tagId.right)) this.run();
    else void this.tagging.paint();
  }

  // ---------- choices ----------

  private fresh(left: string, right: string): CompareChoice {
    return {
      left,
      right,
      threshold: this.choice?.threshold ?? DEFAULT_THRESHOLD,
      quotesOnly: { left: false, right: false },
      tagId: { left: '', right: '' },
      keepFormulas: this.choice?.keepFormulas ?? false,
      wholeDocuments: this.choice?.wholeDocuments ?? false,
      stopList: this.choice?.stopList ?? 'none',
    };
  }

  private start(): void {
    if (!this.lib) return;
    const d = defaultSides(this.lib);
    if (!d) {
      this.showProblem('Compare needs two sides: the library has fewer than two documents. Add documents to the corpus folder.');
      return;
    }
    this.choice = this.fresh(d.left, d.right);
    this.fillControls();
    this.run();
  }

  private sideControls(side: Side): SideControls {
    const name = side === 'left' ? 'Left' : 'Right';
    const select = h('select', {
      class: 'side-select',
      testid: `side-${side}`,
      attrs: { 'aria-label': `${name} side: a speaker, a saved subcorpus, a document or a subcorpus query` },
    });
    select.addEventListener('change', () => {
      if (select.value === QUERY_CHOICE) void this.askQuery(side);
      else
        this.update(() => {
          this.choice![side] = select.value;
        });
    });
    const save = h(
      'button',
      {
        class: 'button small',
        testid: `save-side-${side}`,
        title: 'Save this metadata query as a subcorpus, to use again by its name',
        attrs: { type: 'button', hidden: true },
        on: { click: () => void this.saveSide(side) },
      },
      'Save this side as…',
    );
    const quotes = h(
      'button',
      {
        class: 'toggle',
        testid: `quotes-only-${side}`,
        title: 'Compare only the words this side’s speaker is quoted as saying',
        attrs: { 'aria-pressed': 'false' },
        on: {
          click: () =>
            this.update(() => {
              this.choice!.quotesOnly[side] = !this.choice!.quotesOnly[side];
            }),
        },
      },
      'Own quotations only',
    );
    const tag = h('select', { class: 'tag-select', testid: `tag-${side}`, attrs: { 'aria-label': `Narrow the ${side} side to a tag` } });
    tag.addEventListener('change', () =>
      this.update(() => {
        this.choice!.tagId[side] = tag.value;
      }),
    );
    const desc = h('div', { class: 'side-desc', testid: `side-desc-${side}` });
    return { select, save, quotes, tag, desc };
  }

  /** "A subcorpus query…": the side becomes the metadata query typed (cancelled: it stays as it was). */
  private async askQuery(side: Side): Promise<void> {
    const current = this.choice?.[side] ?? '';
    const query = await textDialog({
      testid: 'side-query',
      title: `${side === 'left' ? 'Left' : 'Right'} side: a subcorpus`,
      body: [
        h(
          'p',
          { class: 'muted' },
          'Documents chosen by their metadata: year:2019..2021, party:Democratic, speaker:raab outlet:bbc, or a saved subcorpus as @name.',
        ),
      ],
      label: 'Metadata query',
      value: isQuerySide(this.lib, current) ? current : '',
      placeholder: 'year:1980..1989 party:Democratic',
      ok: 'Compare',
      describeError: errorMessage,
      submit: async (value) => {
        if (!value.trim()) throw new Error('Type a metadata query, e.g. year:2021.');
        return value.trim();
      },
    });
    if (query === null) this.fillControls();
    else
      this.update(() => {
        this.choice![side] = query;
      });
  }

  /** Saves a query side as a subcorpus; the side is then that saved subcorpus (the same documents, by name). */
  private async saveSide(side: Side): Promise<void> {
    const query = this.choice?.[side];
    if (!query) return;
    const saved = await saveSubcorpusDialog(query);
    if (saved && this.choice?.[side] === query) this.update(() => (this.choice![side] = savedRef(saved)));
  }

  private sideBox(side: Side): HTMLElement {
    const c = this.sides[side];
    return h(
      'div',
      { class: `side-box side-${side}` },
      h('div', { class: 'side-row' }, h('span', { class: 'side-dot', attrs: { 'aria-hidden': 'true' } }), c.select, c.save),
      h('div', { class: 'side-row narrow' }, c.quotes, c.tag),
      c.desc,
    );
  }

  /** Puts the current choices into the controls (after the library, the codebook or the choice changed). */
  private fillControls(): void {
    const choice = this.choice;
    for (const side of SIDES) {
      const c = this.sides[side];
      this.pickSide(side, choice?.[side] ?? '');
      c.save.hidden = !isQuerySide(this.lib, choice?.[side] ?? '');
      c.quotes.setAttribute('aria-pressed', String(!!choice?.quotesOnly[side]));
      let tagId = choice?.tagId[side] ?? '';
      if (tagId && !tagStore.byId(tagId)) {
        // The tag was deleted or merged away: the side widens again.
        tagId = '';
        if (choice) choice.tagId[side] = '';
      }
      fill(
        c.tag,
        h('option', { attrs: { value: '' } }, 'Any passage'),
        ...tagStore.tags.map((t) => h('option', { attrs: { value: t.id } }, `Tagged ${tagStore.path(t)}`)),
      );
      c.tag.value = tagId;
      c.tag.disabled = tagStore.tags.length === 0;
      c.tag.title = tagStore.tags.length ? 'Only the passages carrying this tag' : 'No tags yet: select text to tag it';
    }
    this.threshold.value = String(choice?.threshold ?? DEFAULT_THRESHOLD);
    this.keepFormulas.checked = choice?.keepFormulas ?? false;
    this.wholeDocuments.checked = choice?.wholeDocuments ?? false;
    this.stopList.value = choice?.stopList ?? 'none';
    this.thresholdValue.textContent = Number(this.threshold.value).toFixed(2);
  }

  /**
   * Shows `value` in a side picker, rebuilding its options only when the library or the saved
   * subcorpora changed or the value is not among them: a corpus has hundreds of documents, and
   * rebuilding both pickers at every change of a side blocked the page.
   */
  private pickSide(side: Side, value: string): void {
    const select = this.sides[side].select;
    const made = this.pickersFor[side];
    const saved = subcorpusStore.subcorpora;
    const stray = select.firstElementChild instanceof HTMLOptionElement ? select.firstElementChild.value : null;
    if (made?.lib === this.lib && made.saved === saved && (stray === null || stray === value)) {
      select.value = value;
      if (select.value === value) return;
    }
    fillSideSelect(select, this.lib, value, saved);
    this.pickersFor[side] = { lib: this.lib, saved };
  }

  private update(change: () => void): void {
    if (!this.choice) return;
    change();
    this.fillControls();
    this.run();
  }

  private swap(): void {
    this.update(() => {
      const c = this.choice!;
      [c.left, c.right] = [c.right, c.left];
      c.quotesOnly = { left: c.quotesOnly.right, right: c.quotesOnly.left };
      c.tagId = { left: c.tagId.right, right: c.tagId.left };
    });
  }

  private onThreshold(): void {
    if (!this.choice) return;
    this.choice.threshold = Number(this.threshold.value);
    this.thresholdValue.textContent = this.choice.threshold.toFixed(2);
    // What is on screen is for the old threshold from now on: marked stale at once, and an answer
    // still on its way for an older request is dropped (the coming one supersedes it).
    this.seq++;
    this.setBusy(true);
    window.clearTimeout(this.timer);
    this.timer = window.setTimeout(() => this.run(), THRESHOLD_DEBOUNCE_MS);
  }

  // ---------- running ----------

  private run(): void {
    window.clearTimeout(this.timer);
    const choice = this.choice;
    if (!choice) return;
    const seq = ++this.seq;
    this.setBusy(true);
    api.compare(toRequest(choice)).then(
      (c) => {
        if (seq !== this.seq) return;
        this.comparison = c;
        this.setBusy(false);
        this.render();
        if (this.kwic) this.loadKwic(this.kwic.term);
      },
      (e) => {
        if (seq !== this.seq) return;
        this.setBusy(false);
        this.showProblem(errorMessage(e));
      },
    );
  }

  private setBusy(busy: boolean): void {
    this.body.classList.toggle('stale', busy);
    this.body.setAttribute('aria-busy', String(busy));
    if (busy) this.status.textContent = 'Comparing…';
  }

  /** A message instead of results: what the API said was wrong (same document twice, an empty side…). */
  private showProblem(message: string): void {
    this.comparison = null;
    this.status.textContent = '';
    this.exportButton.disabled = true;
    for (const side of SIDES) this.sides[side].desc.replaceChildren();
    for (const [t, b] of Object.entries(this.tabs)) b.textContent = TAB_LABELS[t as Tab];
    fill(
      this.panel,
      h('div', { class: 'banner error cmp-error', testid: 'compare-error', attrs: { role: 'alert' } }, h('strong', null, 'Cannot compare these. '), message),
    );
  }

  private context(): CompareContext {
    const docs = new Map((this.lib?.documents ?? []).map((d) => [d.id, d]));
    return {
      comparison: this.comparison!,
      doc: (id) => docs.get(id),
      openInReader: (docId, offset) => this.hooks.openInReader(docId, offset),
      showTerm: (term, stem) => this.showTerm(term, stem),
      piecesAdded: () => void this.tagging.paint(),
    };
  }

  private render(): void {
    const c = this.comparison;
    if (!c) return;
    const ctx = this.context();
    this.exportButton.disabled = false;
    for (const side of SIDES) this.describeSide(side);
    this.tabs.passages.textContent = `${TAB_LABELS.passages} (${c.pairs.length})`;
    this.tabs.quotes.textContent = `${TAB_LABELS.quotes} (${c.quotes.left.length + c.quotes.right.length})`;
    this.status.textContent = metaLine([plural(c.pairs.length, 'aligned pair'), `${c.onlyLeft.length} only left`, `${c.onlyRight.length} only right`]);
    this.status.dataset.pairs = String(c.pairs.length);
    for (const [t, b] of Object.entries(this.tabs)) b.setAttribute('aria-selected', String(t === this.tab));
    const top = this.body.scrollTop;
    if (this.tab === 'passages') fill(this.panel, renderPassages(ctx, this.passages));
    else if (this.tab === 'terms') fill(this.panel, renderTerms(ctx, this.kwic));
    else fill(this.panel, renderQuotes(ctx));
    // Restoring a scroll position lays the new panel out at once; at the top there is nothing to restore.
    if (top > 0) this.body.scrollTop = top;
    void this.tagging.paint();
  }

  /** The term's lines changed: on the Terms tab already shown only they are replaced, else the view is rendered. */
  private renderKwic(): void {
    const shown = this.tab === 'terms' && this.tabs.terms.getAttribute('aria-selected') === 'true';
    if (!shown || !this.comparison || !updateKwic(this.context(), this.panel, this.kwic)) this.render();
  }

  private describeSide(side: Side): void {
    const d = this.comparison![side];
    const unit = d.quotesOnly ? 'quotation part' : d.speakerWords ? 'passage part' : 'passage';
    const doc = d.kind === 'document' ? this.lib?.documents.find((x) => x.id === d.documentIds[0]) : undefined;
    fill(
      this.sides[side].desc,
      doc ? metaLine([doc.speakers.join(', '), formatDate(doc.date), doc.outlet]) : plural(d.documentIds.length, 'document'),
      ' · ',
      plural(d.unitCount, unit),
      ' · ',
      plural(d.wordCount, 'word'),
      d.tag ? h('span', { class: 'side-narrowed' }, ` · tagged ${d.tag}`) : null,
      d.speakerWords
        ? h(
            'span',
            { class: 'side-narrowed', testid: `words-left-out-${side}`, title: leftOutSentence(side, d) },
            ` · own words only: ${(d.wordsLeftOut.narration + d.wordsLeftOut.others + d.wordsLeftOut.other).toLocaleString()} left out (${d.wordsLeftOut.narration.toLocaleString()} narration, ${d.wordsLeftOut.others.toLocaleString()} others')`,
          )
        : null,
    );
  }

  private showTab(tab: Tab): void {
    this.tab = tab;
    this.body.scrollTop = 0;
    this.render();
  }

  /** Shows a term's uses on both sides ('' closes them), on the Terms tab. */
  private showTerm(term: string, stem?: string): void {
    if (!term || !this.choice) {
      this.kwicSeq++;
      this.kwic = null;
      this.renderKwic();
      return;
    }
    this.tab = 'terms';
    this.loadKwic(term, stem);
  }

  /** Fetches a term's lines for the current sides (again after the sides changed), on whichever tab is shown. */
  private loadKwic(term: string, stem = this.kwic?.term === term ? this.kwic.stem : undefined): void {
    const choice = this.choice!;
    const seq = ++this.kwicSeq;
    // Keep the lines on screen while the same term is fetched again, rather than flashing empty.
    this.kwic = { term, stem, result: this.kwic?.term === term ? this.kwic.result : null, error: null };
    this.renderKwic();
    api.compareKwic({ ...toRequest(choice), term, ...(stem ? { stem } : {}) }).then(
      (result) => {
        if (seq !== this.kwicSeq) return;
        this.kwic = { term, stem, result, error: null };
        this.renderKwic();
        if (this.tab === 'terms') this.panel.querySelector<HTMLElement>('[data-testid="kwic"]')?.scrollIntoView({ block: 'nearest' });
      },
      (e) => {
        if (seq !== this.kwicSeq) return;
        this.kwic = { term, stem, result: null, error: errorMessage(e) };
        this.renderKwic();
      },
    );
  }

  private async exportReport(): Promise<void> {
    if (!this.choice) return;
    try {
      const file = await api.compareReport(toRequest(this.choice));
      downloadFile(file);
      toast(`Exported ${file.filename}`);
    } catch (e) {
      toastError(e);
    }
  }
}
