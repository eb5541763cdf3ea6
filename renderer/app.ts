/**
 * Builds the window (library and search beside the reader; the Tags view) and wires the parts together.
 * Loaded by main.ts once the page knows how it reaches Lectern (and, on a team server, who is signed in).
 */
import type { AnnotationView, LibraryView } from '../app/common/contract';
import { LecternError } from '../app/common/errors';
import { api, appEvents } from './api';
import { watchForChanges } from './changeWatcher';
import { openCorpusDialog } from './library/corpusDialog';
import { ImportFlow, installDropZone } from './library/importFlow';
import { editMetadata } from './library/metadataEditor';
import { CompareView } from './compare/view';
import { openHelp } from './ui/dialogs';
import { h } from './ui/dom';
import { installShortcuts, VIEWS, type View } from './ui/keyboard';
import { renderLibrary } from './library/library';
import { LibraryTable } from './library/table';
import { CoderControl } from './tags/coder';
import { ListNav, type NavItem } from './ui/listNav';
import { closePicker, isPickerOpen } from './tags/picker';
import { Reader, type OpenTarget } from './reader/reader';
import { SearchPane } from './search/search';
import { TaggingLayer } from './tags/tagging';
import { redo, tagStore, undo } from './tags/tagStore';
import { TagsView } from './tags/tagsView';
import { CorpusView } from './corpus/corpusView';
import { renderOverview } from './corpus/overview';
import { subcorpusStore } from './subcorpora/subcorpora';
import { startLiveUpdates } from './team/liveUpdates';
import { canChangeCorpus, canOpenCorpus, corpusRefusal, openCorpusRefusal, OWNER_CHANGES_CORPUS, refuse, SERVER_KEEPS_CORPUS } from './team/rights';
import { teamMe } from './team/session';
import { toast, toastError } from './ui/toast';

const libraryEl = h('section', { class: 'library', testid: 'library', attrs: { 'aria-label': 'Library' } });
let libraryItems: NavItem[] = [];
let openDocId: string | null = null;
let shownLibrary: LibraryView | null = null;

const reader = new Reader({
  libraryChanged: (lib) => showLibrary(lib),
  rendered: () => tagging.rendered(),
  editMetadata: (meta) =>
    editMetadata(meta, (written) => {
      showLibrary(written.library);
      void reader.reload();
    }),
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
  compare: (docId) => openCompare(docId),
});
const nav = new ListNav(search.input);

/** Another view opens a document in the reader (at an offset), its library item marked when the list shows. */
function openInReader(docId: string, offset?: number): void {
  showView('read');
  const item = libraryItems.find((i) => i.key === docId);
  if (item && !search.query.trim()) nav.selectEl(item.el);
  void openDoc(docId, { query: search.query, offset });
}

/** A place in a document (a concordance line, a co-occurrence): the reader at it, the list left as it is. */
function openAt(docId: string, start: number): void {
  showView('read');
  void openDoc(docId, { query: search.query, offset: start });
}

const tagsView = new TagsView({ openAnnotation: (a) => void openAnnotation(a), openAt });

const compareView = new CompareView({ openInReader });

const corpusView = new CorpusView({ openAt });

const coderControl = new CoderControl();
/** The tags read again, and the top bar's coder with them (the tag store asks who is coding). */
const refreshTags = (): void => void tagStore.refresh().then(() => coderControl.update(tagStore.coder));

// On a team server, what the others commit arrives as events: every view redraws with it.
const live = teamMe() ? startLiveUpdates(() => tagStore.changed()) : null;

const libraryTable = new LibraryTable({
  open: (id) => openInReader(id),
  compare: (left, right) => openCompare(left, right),
});

function openCompare(left: string, right?: string): void {
  showView('compare');
  compareView.open(left, right);
}

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
  shownLibrary = lib;
  libraryItems = renderLibrary(libraryEl, lib, {
    open: (id) => {
      const item = libraryItems.find((i) => i.key === id);
      if (item) nav.selectEl(item.el);
      void openDoc(id, {});
    },
    compare: (id, right) => openCompare(id, right),
    reindex: () => (canChangeCorpus() ? void api.reindex({}).then(showLibrary, toastError) : toast(OWNER_CHANGES_CORPUS)),
    cancelIndexing: () => void api.cancelIndexing({}).then(showLibrary, toastError),
    showTable: () => showView('library'),
    trySample: () =>
      canOpenCorpus() ? openCorpusDialog(siblingFolder(shownLibrary?.corpusDir ?? '', 'State of the Union'), corpusChanged, true) : toast(SERVER_KEEPS_CORPUS),
  });
  compareView.setLibrary(lib);
  libraryTable.setLibrary(lib);
  refreshSubcorpora(lib);
  if (search.query.trim()) search.run();
  else nav.set(libraryItems, isOpenItem);
  refreshOverview(lib);
}

/** The saved subcorpora's document counts change with the corpus: fetched again when it does. */
let subcorporaOf: string | null = null;
function refreshSubcorpora(lib: LibraryView): void {
  const key = `${lib.corpusDir}\u0000${lib.generation}`;
  if (key === subcorporaOf) return;
  subcorporaOf = key;
  void subcorpusStore.refresh();
}

/** The corpus at a glance in the empty reader pane, made again when the corpus changes. */
let overviewOf: string | null = null;
function refreshOverview(lib: LibraryView): void {
  const key = `${lib.corpusDir}\u0000${lib.generation}`;
  if (key === overviewOf) return;
  overviewOf = key;
  api.overview({}).then(
    (o) =>
      reader.placeholder.replaceChildren(
        renderOverview(o, {
          openDocument: (id, offset) => void openDoc(id, { query: search.query, offset }),
          concordance: (query) => {
            showView('corpus');
            corpusView.open('kwic', query);
          },
          compare: (left, right) => openCompare(left, right),
        }),
      ),
    // The overview is a convenience: without it the pane keeps its hint.
    () => (overviewOf = null),
  );
}

/** The library changed under the page (a file edited elsewhere, a re-index): show it, and the open document's new text. */
function libraryChanged(lib: LibraryView, before: LibraryView | null): void {
  showLibrary(lib);
  if (lib.generation === before?.generation) return; // only progress moved
  void tagStore.refresh(); // tags were re-anchored to the new text
  if (!openDocId) return;
  const now = lib.documents.find((d) => d.id === openDocId);
  const was = before?.documents.find((d) => d.id === openDocId);
  if (!now) {
    toast(`“${was?.title ?? openDocId}” is no longer in the corpus folder.`);
    reader.close();
    openDocId = null;
    nav.set(libraryItems, isOpenItem);
  } else if (now.revision !== was?.revision) {
    void reader.reload();
  }
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
  if (compareView.visible && compareView.escape()) return;
  if (!tagsView.el.hidden || compareView.visible || !corpusView.el.hidden || libraryTable.visible) return showView('read');
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

const TAB_INFO: Record<View, [string, string]> = {
  read: ['Read', 'Library and reader (Alt+1)'],
  tags: ['Tags', 'Codebook, tagged passages, matrix, exports (Alt+2)'],
  compare: ['Compare', 'Two documents or speakers side by side (Alt+3, or C)'],
  corpus: ['Corpus', 'Concordance, word list, n-grams, collocates and trends (Alt+4)'],
  library: ['Table', 'The library as a table: sort, filter, choose columns, select (Alt+5)'],
};
const tabs = VIEWS.map((view) =>
  h(
    'button',
    {
      class: 'tab',
      testid: `view-${view}`,
      title: TAB_INFO[view][1],
      attrs: { role: 'tab', 'aria-selected': String(view === 'read') },
      on: { click: () => showView(view) },
    },
    TAB_INFO[view][0],
  ),
);

const workspace = h(
  'div',
  { class: 'workspace' },
  h(
    'aside',
    { class: 'sidebar' },
    h('div', { class: 'search-box' }, search.input, search.errorEl),
    h('div', { class: 'sidebar-scroll' }, libraryEl, search.resultsEl),
  ),
  h('main', { class: 'reader-pane' }, reader.placeholder, reader.el),
);

function showView(view: View): void {
  workspace.hidden = view !== 'read';
  tabs.forEach((t, i) => t.setAttribute('aria-selected', String(VIEWS[i] === view)));
  // The reader's picker and popover belong to the reader: close them when it is hidden.
  if (view !== 'read') tagging.escape();
  if (view === 'tags') tagsView.show();
  else tagsView.hide();
  if (view === 'compare') compareView.show();
  else compareView.hide();
  if (view === 'corpus') corpusView.show();
  else corpusView.hide();
  if (view === 'library') libraryTable.show();
  else libraryTable.hide();
}

const app = h(
  'div',
  { class: 'app' },
  h(
    'header',
    { class: 'topbar' },
    h('div', { class: 'brand' }, 'Lectern'),
    h('nav', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Views' } }, ...tabs),
    // The desktop app has these in its File menu, with the system's own dialogs; the page's are for browser mode.
    ...(appEvents
      ? []
      : [
          refuse(
            h(
              'button',
              {
                class: 'button small corpus-action',
                testid: 'open-corpus',
                title: 'Open another corpus, or a new one (Ctrl+O)',
                on: { click: () => openCorpus() },
              },
              'Open…',
            ),
            openCorpusRefusal(),
          ),
          refuse(
            h(
              'button',
              {
                class: 'button small corpus-action',
                testid: 'import-button',
                title: 'Import .txt, .md, .html, .pdf or .docx files (Ctrl+I); or drop them on the window',
                on: { click: () => importFlow.choose() },
              },
              'Import…',
            ),
            corpusRefusal(),
          ),
        ]),
    coderControl.el,
    live?.status,
    h('button', { class: 'icon-button help-button', title: 'Shortcuts and search syntax (?)', attrs: { 'aria-label': 'Help' }, on: { click: openHelp } }, '?'),
  ),
  workspace,
  tagsView.el,
  compareView.el,
  corpusView.el,
  libraryTable.el,
);
document.getElementById('app')!.replaceWith(app);

// ---------- corpora and import: buttons and drops in the page, the File menu in the desktop app ----------

const importFlow = new ImportFlow({
  imported: (written) => {
    showLibrary(written.library);
    showView('read');
    void openDoc(written.id, {});
  },
});
document.body.append(
  importFlow.input,
  // Installed for every account: without it a file dropped on the page would replace the page.
  installDropZone((files) => (canChangeCorpus() ? importFlow.importFiles(files) : toast(OWNER_CHANGES_CORPUS))),
);

/** Another corpus is open: everything shown comes from it now. */
function corpusChanged(lib: LibraryView): void {
  reader.close();
  openDocId = null;
  showView('read');
  showLibrary(lib);
  refreshTags();
}

/** A folder beside `dir` (the sample goes next to the corpus open now, never into it). */
function siblingFolder(dir: string, name: string): string {
  const sep = dir.includes('\\') && !dir.includes('/') ? '\\' : '/';
  const parent = dir
    .replace(/[\\/]+$/, '')
    .split(sep)
    .slice(0, -1)
    .join(sep);
  return parent ? `${parent}${sep}${name}` : name;
}

function openCorpus(): void {
  openCorpusDialog(shownLibrary?.corpusDir ?? '', corpusChanged);
}

appEvents?.on('help', () => openHelp());
appEvents?.on('import-files', ({ files }) => importFlow.importSources(files));
appEvents?.on('corpus-changed', () => void api.library({}).then(corpusChanged, toastError));

installShortcuts({
  // The desktop app's File menu owns Ctrl+O and Ctrl+I there (with the system's dialogs).
  openCorpus: appEvents || !canOpenCorpus() ? undefined : openCorpus,
  importFiles: appEvents || !canChangeCorpus() ? undefined : () => importFlow.choose(),
  focusSearch,
  help: openHelp,
  nextHit: () => reader.stepHit(1),
  prevHit: () => reader.stepHit(-1),
  toggleRemoved: () => reader.toggleRemoved(),
  tagSelection: () => (compareView.visible ? compareView.tagSelection() : tagging.tagSelection()),
  undo: () => void undo(),
  redo: () => void redo(),
  showView,
  compare: () => showView('compare'),
  back,
});

// Tags shown on search results change with tagging: search again when they do.
tagStore.onChange(() => {
  if (search.query.trim()) search.run();
});
tagStore.onChange(() => compareView.tagsChanged());
// Tagging can add a coder (an import, another coder's change): the top bar's list of coders follows.
tagStore.onChange(() => coderControl.update(tagStore.coder));

api.library({}).then(showLibrary, (e) => {
  // Without a session (browser mode, a spent launch address) nothing can work: the page says so
  // instead of showing an empty library that "could not be read".
  if (e instanceof LecternError && e.code === 'unauthorized') {
    document.body.replaceChildren(
      h(
        'main',
        { class: 'no-session', testid: 'no-session', attrs: { role: 'alert' } },
        h('h1', null, 'Lectern'),
        h('p', { class: 'banner error' }, e.message),
      ),
    );
    return;
  }
  toastError(e);
  showLibrary({ corpusDir: '', documents: [], diagnostics: [], error: (e as Error).message, indexing: null, index: null, generation: -1, attributes: [] });
});
watchForChanges({ shown: () => shownLibrary, changed: libraryChanged });
refreshTags();
search.input.focus();
