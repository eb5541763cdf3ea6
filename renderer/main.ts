/** Builds the window (library and search beside the reader; the Tags view) and wires the parts together. */
import type { AnnotationView, LibraryView } from '../app/contract';
import { api } from './api';
import { openHelp } from './dialogs';
import { h } from './dom';
import { installShortcuts } from './keyboard';
import { renderLibrary } from './library';
import { ListNav, type NavItem } from './listNav';
import { closePicker, isPickerOpen } from './picker';
import { Reader, type OpenTarget } from './reader';
import { SearchPane } from './search';
import { TaggingLayer } from './tagging';
import { redo, tagStore, undo } from './tags';
import { TagsView } from './tagsView';
import { toast, toastError } from './toast';

const libraryEl = h('section', { class: 'library', testid: 'library', attrs: { 'aria-label': 'Library' } });
let libraryItems: NavItem[] = [];
let openDocId: string | null = null;

const reader = new Reader({
  libraryChanged: (lib) => showLibrary(lib),
  rendered: () => tagging.rendered(),
});
const tagging = new TaggingLayer(reader);

const search = new SearchPane({
  onResults: (items) => {
    libraryEl.hidden = items !== null;
    nav.set(items ?? libraryItems, isOpenItem);
  },
  open: (docId, passageId, item) => {
    nav.selectEl(item);
    void openDoc(docId, { query: search.query, passageId });
  },
});
const nav = new ListNav(search.input);

const tagsView = new TagsView({ openAnnotation: (a) => void openAnnotation(a) });

function isOpenItem(item: NavItem): boolean {
  return !!openDocId && item.key.split('#')[0] === openDocId;
}

async function openDoc(id: string, target: OpenTarget): Promise<void> {
  openDocId = id;
  await reader.open(id, target);
}

async function openAnnotation(a: AnnotationView): Promise<void> {
  showView('read');
  await openDoc(a.docId, { query: search.query, offset: a.orphan ? undefined : a.start });
  await tagging.loaded;
  tagging.focusAnnotation(a.id);
  if (a.orphan) toast('This passage’s text is no longer in the document. Its quote is kept in the side panel.');
}

function showLibrary(lib: LibraryView): void {
  libraryItems = renderLibrary(libraryEl, lib, {
    open: (id) => {
      const item = libraryItems.find((i) => i.key === id);
      if (item) nav.selectEl(item.el);
      void openDoc(id, {});
    },
    reindex: () => void api.reindex({}).then(showLibrary, toastError),
    cancelIndexing: () => void api.cancelIndexing({}).then(showLibrary, toastError),
  });
  if (search.query.trim()) search.run();
  else nav.set(libraryItems, isOpenItem);
  // While the index is being built, look again shortly so progress and new documents appear.
  if (lib.indexing) window.setTimeout(() => void api.library({}).then(showLibrary, toastError), 700);
}

search.input.addEventListener('keydown', (e) => {
  if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
    e.preventDefault();
    nav.move(e.key === 'ArrowDown' ? 1 : -1);
  } else if (e.key === 'Enter') {
    e.preventDefault();
    // Enter right after typing opens the freshest results, not those of the query before the debounce.
    void search.flush().then(() => nav.openActive());
  } else if (e.key === 'Escape') {
    e.preventDefault();
    back();
  }
});

/** Esc: closes what floats (picker, popover), else reader → results → cleared search. */
function back(): void {
  if (isPickerOpen()) return closePicker();
  if (tagging.escape()) return;
  if (!tagsView.el.hidden) return showView('read');
  if (reader.isOpen) {
    reader.close();
    openDocId = null;
    search.input.focus();
  } else {
    if (search.query) search.setQuery('');
    search.input.focus();
  }
}

function focusSearch(): void {
  showView('read');
  search.input.focus();
  search.input.select();
}

const tabs = (['read', 'tags'] as const).map((view) => h('button', {
  class: 'tab', testid: `view-${view}`, title: view === 'read' ? 'Library and reader (Alt+1)' : 'Codebook, tagged passages, matrix, exports (Alt+2)',
  attrs: { role: 'tab', 'aria-selected': String(view === 'read') },
  on: { click: () => showView(view) },
}, view === 'read' ? 'Read' : 'Tags'));

const workspace = h('div', { class: 'workspace' },
  h('aside', { class: 'sidebar' },
    h('div', { class: 'search-box' }, search.input, search.errorEl),
    h('div', { class: 'sidebar-scroll' }, libraryEl, search.resultsEl)),
  h('main', { class: 'reader-pane' }, reader.placeholder, reader.el));

function showView(view: 'read' | 'tags'): void {
  workspace.hidden = view !== 'read';
  tabs.forEach((t, i) => t.setAttribute('aria-selected', String((i === 0) === (view === 'read'))));
  if (view === 'tags') {
    tagging.escape();
    tagsView.show();
  } else {
    tagsView.hide();
  }
}

const app = h('div', { class: 'app' },
  h('header', { class: 'topbar' },
    h('div', { class: 'brand' }, 'Lectern'),
    h('nav', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Views' } }, ...tabs),
    h('button', { class: 'icon-button help-button', title: 'Shortcuts and search syntax (?)', attrs: { 'aria-label': 'Help' }, on: { click: openHelp } }, '?')),
  workspace,
  tagsView.el,
);
document.getElementById('app')!.replaceWith(app);

installShortcuts({
  focusSearch,
  help: openHelp,
  nextHit: () => reader.stepHit(1),
  prevHit: () => reader.stepHit(-1),
  toggleRemoved: () => reader.toggleRemoved(),
  tagSelection: () => tagging.tagSelection(),
  undo: () => void undo(),
  redo: () => void redo(),
  showView,
  back,
});

// Tags shown on search results change with tagging: search again when they do.
tagStore.onChange(() => { if (search.query.trim()) search.run(); });

api.library({}).then(showLibrary, (e) => {
  toastError(e);
  showLibrary({ corpusDir: '', documents: [], diagnostics: [], error: (e as Error).message, indexing: null, index: null });
});
void tagStore.refresh();
search.input.focus();
