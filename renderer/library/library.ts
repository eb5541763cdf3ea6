/** The library: the corpus's documents with their metadata, and what went wrong reading it. */
import type { DocSummary, LibraryView } from '../../app/common/contract';
import { fill, formatDate, h, metaLine, plural } from '../ui/dom';
import type { NavItem } from '../ui/listNav';

export interface LibraryActions {
  open(id: string): void;
  /** Opens Compare with this document on the left, and `right` (a document id) on the right when given. */
  compare(id: string, right?: string): void;
  /** Reads the corpus folder again (files added or edited outside Lectern). */
  reindex(): void;
  cancelIndexing(): void;
  /** Offers to write the sample corpus (State of the Union addresses) into a new folder and open it. */
  trySample(): void;
  /** Shows the library table (every document, sortable and filterable). */
  showTable(): void;
}

/**
 * The sidebar lists this many documents, newest first; a larger corpus is browsed in the table
 * (virtual rows) or by search: 10,000 items of the list would take the page seconds to lay out.
 */
export const SIDEBAR_LIMIT = 300;

/** A document's attributes (party, term …), the first few, as field: value; searchable as written. */
function attributeLine(attributes: Record<string, string> | undefined): HTMLElement | null {
  const shown = Object.entries(attributes ?? {}).slice(0, 4);
  if (!shown.length) return null;
  return h('div', { class: 'item-attributes', testid: 'item-attributes' }, shown.map(([k, v]) => `${k}: ${v}`).join(' · '));
}

export function renderLibrary(el: HTMLElement, lib: LibraryView, actions: LibraryActions): NavItem[] {
  const open = actions.open;
  const words = lib.documents.reduce((n, d) => n + d.wordCount, 0);
  const items: NavItem[] = [];
  const byId = new Map(lib.documents.map((d) => [d.id, d]));
  const list = h('ul', { class: 'doc-list', attrs: { role: 'listbox', 'aria-label': 'Documents' } });
  for (const d of lib.documents.slice(0, SIDEBAR_LIMIT)) {
    const li = h(
      'li',
      { class: 'library-item', testid: 'library-item', attrs: { 'data-doc-id': d.id } },
      h(
        'div',
        { class: 'item-head' },
        h('div', { class: 'item-title' }, d.title || d.path),
        h(
          'button',
          {
            class: 'item-action',
            testid: 'compare-doc',
            title: 'Compare this document with another document or a speaker',
            on: {
              click: (e) => {
                e.stopPropagation();
                actions.compare(d.id);
              },
            },
          },
          'Compare…',
        ),
      ),
      h('div', { class: 'item-meta' }, metaLine([d.speakers.join(', '), formatDate(d.date), d.outlet, plural(d.wordCount, 'word')])),
      attributeLine(d.attributes),
      ...d.similarTo.map((s) => renderSameEvent(d.id, byId.get(s.id), s.id, actions.compare)),
    );
    li.addEventListener('click', () => open(d.id));
    items.push({ el: li, key: d.id, open: () => open(d.id) });
    list.append(li);
  }
  fill(
    el,
    h(
      'div',
      { class: 'pane-heading' },
      h('h2', null, 'Library'),
      h('span', { class: 'muted' }, `${plural(lib.documents.length, 'document')} · ${plural(words, 'word')}`),
      h(
        'button',
        {
          class: 'icon-button small',
          testid: 'reindex',
          title: 'Read the corpus folder again (after adding or editing files)',
          attrs: { disabled: !!lib.indexing },
          on: { click: actions.reindex },
        },
        'Re-read',
      ),
    ),
    h('div', { class: 'corpus-path', title: lib.corpusDir }, lib.corpusDir),
    lib.error
      ? h('div', { class: 'banner error', attrs: { role: 'alert' }, testid: 'library-error' }, h('strong', null, 'The corpus could not be read. '), lib.error)
      : null,
    lib.indexing ? renderIndexing(lib.indexing, actions.cancelIndexing) : null,
    lib.diagnostics.length ? renderDiagnostics(lib) : null,
    lib.documents.length ? tableLink(lib.documents.length, actions.showTable) : null,
    lib.documents.length
      ? list
      : h(
          'div',
          { class: 'empty' },
          h(
            'p',
            null,
            lib.error
              ? 'No documents to show.'
              : 'This corpus folder has no documents yet. Add Markdown files with front matter to it, import files, or explore a sample.',
          ),
          h(
            'button',
            {
              class: 'button',
              testid: 'try-sample',
              title: 'The 233 State of the Union addresses, 1790–2018, with speakers, dates and party',
              on: { click: actions.trySample },
            },
            'Try the sample corpus',
          ),
        ),
  );
  return items;
}

/** A way to the table: every document, to sort and filter (and the rest of a long library). */
function tableLink(count: number, showTable: () => void): HTMLElement {
  const more = count - SIDEBAR_LIMIT;
  return h(
    'div',
    { class: 'table-link', testid: 'library-more' },
    more > 0 ? `The ${SIDEBAR_LIMIT} newest are listed here; ` : '',
    h(
      'button',
      {
        class: 'link-button',
        testid: 'show-table',
        title: 'Sort and filter by any column, choose columns, select documents (Alt+5)',
        on: { click: showTable },
      },
      more > 0 ? `all ${count} in the table` : 'Open as a table',
    ),
  );
}

/**
 * Two witnesses of one event: names the other report by its outlet (its full title is in the tooltip:
 * a second title in the item would make the list harder to scan, and searching it by title ambiguous) and puts the two side by side.
 */
function renderSameEvent(id: string, other: DocSummary | undefined, otherId: string, compare: LibraryActions['compare']): HTMLElement {
  const title = other ? other.title || other.path : otherId;
  return h(
    'div',
    { class: 'same-event', testid: 'same-event', title: `Same event as “${title}”`, attrs: { 'data-other-id': otherId } },
    h('span', { class: 'same-event-badge' }, 'Same event as'),
    ' ',
    h('span', { class: 'same-event-title' }, other?.outlet || title),
    ' ',
    h(
      'button',
      {
        class: 'link-button',
        testid: 'compare-same-event',
        title: `Compare with “${title}” side by side`,
        on: {
          click: (e) => {
            e.stopPropagation();
            compare(id, otherId);
          },
        },
      },
      'Compare',
    ),
  );
}

/** Progress of a re-index: documents done of total, as a bar and in words, with a way to stop it. */
function renderIndexing(indexing: NonNullable<LibraryView['indexing']>, cancel: () => void): HTMLElement {
  const label = `${indexing.phase === 'reading' ? 'Reading files' : 'Indexing'}: ${indexing.done} of ${indexing.total} documents`;
  return h(
    'div',
    { class: 'banner', testid: 'indexing' },
    h('progress', { attrs: { max: String(Math.max(1, indexing.total)), value: String(indexing.done), 'aria-label': label } }),
    ` ${label}. Search answers from the previous index meanwhile. `,
    h('button', { class: 'link-button', on: { click: cancel } }, 'Stop'),
  );
}

function renderDiagnostics(lib: LibraryView): HTMLElement {
  const errors = lib.diagnostics.filter((d) => d.severity === 'error').length;
  const summary = errors ? `${plural(errors, 'file')} could not be read fully` : `${plural(lib.diagnostics.length, 'note')} about the corpus files`;
  return h(
    'details',
    { class: `diagnostics ${errors ? 'has-errors' : ''}`, testid: 'diagnostics', attrs: { open: true } },
    h('summary', null, summary),
    h(
      'ul',
      null,
      ...lib.diagnostics.map((d) =>
        h(
          'li',
          { class: `diagnostic ${d.severity}`, testid: 'diagnostic' },
          h('span', { class: 'severity' }, d.severity === 'error' ? 'Error' : 'Warning'),
          h('code', { class: 'file' }, d.file || 'corpus folder'),
          h('span', { class: 'message' }, d.message),
        ),
      ),
    ),
  );
}
