/** The library: the corpus's documents with their metadata, and what went wrong reading it. */
import type { LibraryView } from '../app/contract';
import { fill, formatDate, h, metaLine, plural } from './dom';
import type { NavItem } from './listNav';

export interface LibraryActions {
  open(id: string): void;
  /** Reads the corpus folder again (files added or edited outside Lectern). */
  reindex(): void;
  cancelIndexing(): void;
}

export function renderLibrary(el: HTMLElement, lib: LibraryView, actions: LibraryActions): NavItem[] {
  const open = actions.open;
  const words = lib.documents.reduce((n, d) => n + d.wordCount, 0);
  const items: NavItem[] = [];
  const list = h('ul', { class: 'doc-list', attrs: { role: 'listbox', 'aria-label': 'Documents' } });
  for (const d of lib.documents) {
    const li = h('li', { class: 'library-item', testid: 'library-item', attrs: { 'data-doc-id': d.id } },
      h('div', { class: 'item-title' }, d.title || d.path),
      h('div', { class: 'item-meta' }, metaLine([d.speakers.join(', '), formatDate(d.date), d.outlet, plural(d.wordCount, 'word')])),
    );
    li.addEventListener('click', () => open(d.id));
    items.push({ el: li, key: d.id, open: () => open(d.id) });
    list.append(li);
  }
  fill(el,
    h('div', { class: 'pane-heading' },
      h('h2', null, 'Library'),
      h('span', { class: 'muted' }, `${plural(lib.documents.length, 'document')} · ${plural(words, 'word')}`),
      h('button', { class: 'icon-button small', testid: 'reindex', title: 'Read the corpus folder again (after adding or editing files)', attrs: { disabled: !!lib.indexing }, on: { click: actions.reindex } }, 'Re-read')),
    h('div', { class: 'corpus-path', title: lib.corpusDir }, lib.corpusDir),
    lib.error ? h('div', { class: 'banner error', attrs: { role: 'alert' }, testid: 'library-error' }, h('strong', null, 'The corpus could not be read. '), lib.error) : null,
    lib.indexing ? renderIndexing(lib.indexing, actions.cancelIndexing) : null,
    lib.diagnostics.length ? renderDiagnostics(lib) : null,
    lib.documents.length ? list : h('p', { class: 'empty' }, lib.error ? 'No documents to show.' : 'This corpus folder has no documents yet. Add Markdown files with front matter to it.'),
  );
  return items;
}

/** Progress of a re-index: documents done of total, as a bar and in words, with a way to stop it. */
function renderIndexing(indexing: NonNullable<LibraryView['indexing']>, cancel: () => void): HTMLElement {
  const label = `${indexing.phase === 'reading' ? 'Reading files' : 'Indexing'}: ${indexing.done} of ${indexing.total} documents`;
  return h('div', { class: 'banner', testid: 'indexing' },
    h('progress', { attrs: { max: String(Math.max(1, indexing.total)), value: String(indexing.done), 'aria-label': label } }),
    ` ${label}. Search answers from the previous index meanwhile. `,
    h('button', { class: 'link-button', on: { click: cancel } }, 'Stop'));
}

function renderDiagnostics(lib: LibraryView): HTMLElement {
  const errors = lib.diagnostics.filter((d) => d.severity === 'error').length;
  const summary = errors
    ? `${plural(errors, 'file')} could not be read fully`
    : `${plural(lib.diagnostics.length, 'note')} about the corpus files`;
  return h('details', { class: `diagnostics ${errors ? 'has-errors' : ''}`, testid: 'diagnostics', attrs: { open: true } },
    h('summary', null, summary),
    h('ul', null, ...lib.diagnostics.map((d) =>
      h('li', { class: `diagnostic ${d.severity}`, testid: 'diagnostic' },
        h('span', { class: 'severity' }, d.severity === 'error' ? 'Error' : 'Warning'),
        h('code', { class: 'file' }, d.file || 'corpus folder'),
        h('span', { class: 'message' }, d.message)))),
  );
}
