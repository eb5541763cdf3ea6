/** Search as you type: the query box, its error, facet counts and ranked results with keyword-in-context snippets. */
import type { DocumentHit, Facets, PassageHit, SearchResponse } from '../../app/common/contract';
import { describeTotals, rankedDocuments, SEARCH_PAGE } from '../../app/common/searchTotals';
import { api, errorMessage, searchNewest } from '../api';
import { fill, formatDate, h, markedText, metaLine, plural } from '../ui/dom';
import type { NavItem } from '../ui/listNav';

/** Best passages shown per document; the reader shows every hit. */
const PASSAGES_PER_DOC = 3;
/** Values shown per facet before "N more". */
const FACET_VALUES_SHOWN = 12;
/** Documents painted with the response; the rest are added right after the first paint. */
const FIRST_PAINT = 20;
/** After a pause this long in typing, hits that a quick count left uncounted are counted in full. */
const HIT_COUNT_PAUSE_MS = 250;
/** What the header's totals count, on hover. */
const TOTALS_TITLE =
  'Counted over every match, not only the documents listed: documents with a matching passage, the passages that match, the words or phrases highlighted in them, and documents that match by their title alone.';

export interface SearchHooks {
  /** A new response (or null when the query was cleared) is on screen. */
  onResults(items: NavItem[] | null): void;
  open(docId: string, passageId: string | null, item: HTMLElement): void;
  /** Opens Compare with this document on the left. */
  compare(docId: string): void;
}

export class SearchPane {
  readonly input: HTMLInputElement;
  readonly errorEl: HTMLElement;
  readonly resultsEl: HTMLElement;
  /** Sequence number of the newest request: replies to older ones are dropped. */
  private seq = 0;
  /** Resolves when the newest query's results are on screen. */
  private settled: Promise<void> = Promise.resolve();
  private settle: (() => void) | null = null;
  last: SearchResponse | null = null;

  constructor(private readonly hooks: SearchHooks) {
    this.input = h('input', {
      class: 'search-input',
      testid: 'search-input',
      attrs: {
        type: 'search',
        placeholder: 'Search speeches and articles',
        'aria-label': 'Search',
        role: 'combobox',
        'aria-controls': 'results-list',
        'aria-expanded': 'false',
        autocomplete: 'off',
        spellcheck: 'false',
      },
    });
    this.errorEl = h('div', { class: 'query-error', testid: 'query-error', attrs: { role: 'alert', hidden: true } });
    this.resultsEl = h('section', { class: 'results-pane', attrs: { hidden: true, 'aria-label': 'Search results' } });
    // No typing delay: each keystroke's query goes at once and replaces the one before it.
    this.input.addEventListener('input', () => this.run());
  }

  get query(): string {
    return this.input.value;
  }

  setQuery(q: string): void {
    this.input.value = q;
    this.run();
  }

  private pending(): void {
    if (!this.settle)
      this.settled = new Promise((resolve) => {
        this.settle = resolve;
      });
  }

  private done(): void {
    this.settle?.();
    this.settle = null;
  }

  /** Resolves once the newest query's results are on screen. */
  flush(): Promise<void> {
    return this.settled;
  }

  /** Re-runs the current query now (after tags changed, or a facet was added). */
  run(): void {
    this.pending();
    const query = this.input.value;
    const seq = ++this.seq;
    if (!query.trim()) {
      this.last = null;
      this.showError(null);
      this.resultsEl.hidden = true;
      this.input.setAttribute('aria-expanded', 'false');
      this.hooks.onResults(null);
      this.done();
      return;
    }
    // Hits are counted for a few milliseconds only while typing; the rest once typing pauses (countAllHits).
    searchNewest({ query, hitCount: 'quick' }).then(
      (res) => {
        if (seq === this.seq) {
          this.render(res);
          this.done();
        }
      },
      (e) => {
        if (seq === this.seq) {
          this.showError(errorMessage(e));
          this.done();
        }
      },
    );
  }

  private showError(message: string | null): void {
    this.errorEl.hidden = !message;
    this.errorEl.textContent = message ?? '';
    this.input.setAttribute('aria-invalid', message ? 'true' : 'false');
  }

  private render(res: SearchResponse): void {
    this.last = res;
    this.showError(res.error ? res.error.message : null);
    if (res.error && !this.resultsEl.hidden) {
      // Keep the previous results (dimmed) while the user finishes typing: a half-typed quote should not blank the list.
      this.resultsEl.querySelector('.results')?.classList.add('stale');
      return;
    }
    const items: NavItem[] = [];
    const list = h('ol', { class: 'results', testid: 'results', attrs: { id: 'results-list', role: 'listbox', 'aria-label': 'Results' } });
    for (const doc of res.documents.slice(0, FIRST_PAINT)) list.append(this.renderDoc(doc, items));
    const seq = this.seq;
    // The documents after the first screenful, painted once (in the next frame, or at once when "Show more" comes first).
    let rest: DocumentHit[] | null = res.documents.slice(FIRST_PAINT);
    const paintRest = () => {
      if (!rest) return;
      for (const doc of rest) list.append(this.renderDoc(doc, items));
      rest = null;
    };
    const more = this.moreButton(res, list, items, paintRest);
    const totalsEl = h('span', { testid: 'search-totals', attrs: { 'data-hits-exact': String(res.totals.hitsExact) } }, describeTotals(res.totals));
    if (!res.error && !res.totals.hitsExact) this.countAllHits(res.query, totalsEl);
    fill(
      this.resultsEl,
      h(
        'div',
        { class: 'pane-heading' },
        h('h2', null, 'Results'),
        h('span', { class: 'muted', testid: 'result-count', attrs: { title: TOTALS_TITLE } }, totalsEl, ` · ${Math.max(1, Math.round(res.tookMs))} ms`),
      ),
      this.renderFacets(res.facets),
      res.documents.length
        ? list
        : h(
            'p',
            { class: 'empty', testid: 'no-results' },
            res.error ? 'Fix the query to see results.' : 'Nothing matches. Try fewer words, a wildcard (cyber*) or remove a filter.',
          ),
      more,
    );
    this.resultsEl.hidden = false;
    this.input.setAttribute('aria-expanded', 'true');
    this.hooks.onResults(items);
    if (rest.length) {
      // The first screenful paints first; the rest follow in the next frame, unless a newer query replaced them.
      requestAnimationFrame(() =>
        setTimeout(() => {
          if (seq !== this.seq || this.last !== res || !rest) return;
          paintRest();
          this.hooks.onResults(items);
        }),
      );
    }
  }

  /**
   * A quick count left hits uncounted (a common word): once typing pauses, the same query is asked
   * again for its totals alone, hits counted in full (within the query's time budget), and the header
   * says them. A newer query drops it.
   */
  private countAllHits(query: string, totalsEl: HTMLElement): void {
    const seq = this.seq;
    setTimeout(() => {
      if (seq !== this.seq) return;
      api.search({ query, limit: 1, passageText: false, hitCount: 'all' }).then(
        (full) => {
          if (seq !== this.seq || full.error) return;
          totalsEl.textContent = describeTotals(full.totals);
          totalsEl.dataset.hitsExact = String(full.totals.hitsExact);
        },
        () => {
          // The header keeps "at least N hits": the quick count, which is true.
        },
      );
    }, HIT_COUNT_PAUSE_MS);
  }

  /**
   * "Show more" under the list while the ranking holds documents not yet shown: each click asks for the
   * next SEARCH_PAGE from the offset reached and appends them, as keyboard items too (the active item
   * stays active, and focus goes back to the search box, where the arrows work). A newer query drops
   * the button and any reply still on its way.
   */
  private moreButton(res: SearchResponse, list: HTMLElement, items: NavItem[], paintRest: () => void): HTMLButtonElement | null {
    let total = rankedDocuments(res.totals);
    let shown = res.documents.length;
    if (shown === 0 || shown >= total) return null;
    const seq = this.seq;
    const label = () => {
      const left = total - shown;
      return `Show ${plural(Math.min(left, SEARCH_PAGE), 'more document')} (${left.toLocaleString()} not shown)`;
    };
    const button: HTMLButtonElement = h(
      'button',
      {
        class: 'button small show-more search-more',
        testid: 'search-more',
        on: {
          click: () => {
            if (seq !== this.seq || button.disabled) return;
            // Disabled while its page comes, the button loses focus: remember whether it had it.
            const hadFocus = document.activeElement === button;
            button.disabled = true;
            button.setAttribute('aria-busy', 'true');
            // The totals are the first page's: this page's hits need not be counted.
            searchNewest({ query: res.query, offset: shown, limit: SEARCH_PAGE, hitCount: 'none' }).then(
              (page) => {
                if (seq !== this.seq) return;
                button.disabled = false;
                button.removeAttribute('aria-busy');
                if (page.error) {
                  this.showError(page.error.message);
                  return;
                }
                paintRest();
                for (const doc of page.documents) list.append(this.renderDoc(doc, items));
                shown += page.documents.length;
                this.hooks.onResults(items);
                // The corpus may have changed since the first page: the ranking ends where it ends now.
                total = rankedDocuments(page.totals);
                if (page.documents.length === 0 || shown >= total) button.remove();
                else button.textContent = label();
                if (hadFocus && (document.activeElement === document.body || document.activeElement === button)) this.input.focus({ preventScroll: true });
              },
              (e) => {
                if (seq !== this.seq) return;
                button.disabled = false;
                button.removeAttribute('aria-busy');
                this.showError(errorMessage(e));
              },
            );
          },
        },
      },
      label(),
    );
    return button;
  }

  private renderDoc(doc: DocumentHit, items: NavItem[]): HTMLElement {
    const head = h(
      'div',
      { class: 'result-head' },
      h(
        'div',
        { class: 'item-head' },
        h('div', { class: 'item-title' }, doc.title),
        h(
          'button',
          {
            class: 'item-action',
            testid: 'compare-doc',
            title: 'Compare this document with another document or a speaker',
            on: {
              click: (e) => {
                e.stopPropagation();
                this.hooks.compare(doc.id);
              },
            },
          },
          'Compare…',
        ),
      ),
      h('div', { class: 'item-meta' }, metaLine([doc.speakers.join(', '), formatDate(doc.date), doc.outlet])),
    );
    const li = h('li', { class: 'result', testid: 'result', attrs: { 'data-doc-id': doc.id } }, head);
    if (doc.passages.length === 0) {
      // A match on the title or metadata alone: the document itself is the thing to open.
      const open = () => this.hooks.open(doc.id, null, head);
      head.classList.add('nav-target');
      head.addEventListener('click', open);
      items.push({ el: head, key: doc.id, open });
    }
    const passageItems = doc.passages.slice(0, PASSAGES_PER_DOC).map((p): NavItem => {
      const el = this.renderPassage(p);
      const open = () => this.hooks.open(doc.id, p.id, el);
      el.addEventListener('click', open);
      li.append(el);
      return { el, key: `${doc.id}#${p.id}`, open };
    });
    if (passageItems.length) head.addEventListener('click', passageItems[0].open);
    items.push(...passageItems);
    const more = doc.passageTotal - passageItems.length;
    if (more > 0) li.append(h('div', { class: 'more-passages' }, `${plural(more, 'more passage')} in this document`));
    return li;
  }

  private renderPassage(p: PassageHit): HTMLElement {
    const s = p.snippet;
    return h(
      'div',
      { class: 'result-passage nav-target', testid: 'result-passage', attrs: { 'data-passage-id': p.id } },
      h(
        'p',
        { class: 'snippet' },
        s.leading ? h('span', { class: 'ellipsis', attrs: { 'aria-hidden': 'true' } }, '…') : null,
        markedText(s.text, s.highlights),
        s.trailing ? h('span', { class: 'ellipsis', attrs: { 'aria-hidden': 'true' } }, '…') : null,
      ),
      p.tags.length ? h('div', { class: 'tag-chips' }, ...p.tags.map((t) => h('span', { class: 'tag-chip', testid: 'result-tag' }, t))) : null,
    );
  }

  private renderFacets(f: Facets): HTMLElement | null {
    const groups: [string, string, Record<string, number>][] = [
      ['Speaker', 'speaker', f.speaker],
      ['Outlet', 'outlet', f.outlet],
      ['Year', 'year', f.year],
    ];
    const shown = groups.filter(([, , counts]) => Object.keys(counts).length > 0);
    if (shown.length === 0) return null;
    return h(
      'div',
      { class: 'facets', testid: 'facets' },
      ...shown.map(([label, field, counts]) =>
        h('div', { class: 'facet-group' }, h('span', { class: 'facet-label' }, label), this.facetValues(label, field, counts)),
      ),
    );
  }

  /**
   * A facet's values, most frequent first: the first few as buttons, the rest behind "N more" (SOTU
   * has 233 years: painting them all at every keystroke cost more than the results).
   */
  private facetValues(label: string, field: string, counts: Record<string, number>): HTMLElement {
    const sorted = Object.entries(counts).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const button = ([value, n]: [string, number]) =>
      h(
        'button',
        { class: 'facet', testid: 'facet', title: `Only ${label.toLowerCase()} ${value}`, on: { click: () => this.addFilter(field, value) } },
        value,
        h('span', { class: 'count' }, String(n)),
      );
    const box = h('div', { class: 'facet-values' }, ...sorted.slice(0, FACET_VALUES_SHOWN).map(button));
    const hidden = sorted.length - FACET_VALUES_SHOWN;
    if (hidden > 0) {
      const more: HTMLButtonElement = h(
        'button',
        {
          class: 'facet facet-more',
          testid: 'facet-more',
          on: {
            click: () => {
              more.replaceWith(...sorted.slice(FACET_VALUES_SHOWN).map(button));
            },
          },
        },
        `${hidden} more`,
      );
      box.append(more);
    }
    return box;
  }

  /** Adds field:value to the query (quoted when it has spaces), unless it is already there. */
  addFilter(field: string, value: string): void {
    const term = `${field}:${/[\s"]/.test(value) ? `"${value.replace(/"/g, '')}"` : value}`;
    const q = this.input.value.trim();
    if (!q.split(/\s+/).includes(term) && !q.includes(term)) this.input.value = q ? `${q} ${term}` : term;
    this.run();
    this.input.focus();
  }
}
