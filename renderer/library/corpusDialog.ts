/**
 * Open Corpus in the page: a folder path field and the recent corpora (a browser cannot pick a
 * folder for a page; the desktop app's File menu uses the system's folder dialogs instead), and
 * New Corpus for an empty folder.
 */
import type { LibraryView } from '../../app/common/contract';
import { api, errorMessage } from '../api';
import { modal } from '../ui/dialogs';
import { h } from '../ui/dom';

export function openCorpusDialog(current: string, opened: (lib: LibraryView) => void, focusSample = false): void {
  if (document.querySelector('[data-testid="corpus-dialog"]')) return;
  const path = h('input', {
    testid: 'corpus-path',
    attrs: { type: 'text', value: current, spellcheck: 'false', autocomplete: 'off', 'aria-label': 'Folder path' },
  });
  const error = h('p', { class: 'banner error', testid: 'corpus-error', attrs: { role: 'alert', hidden: true } });
  const recentList = h('ul', { class: 'recent-list', testid: 'recent-corpora' });
  const run = async (open: () => Promise<LibraryView>) => {
    error.hidden = true;
    dialog.querySelectorAll('button').forEach((b) => (b.disabled = true));
    try {
      const lib = await open();
      dialog.close();
      opened(lib);
    } catch (e) {
      error.textContent = errorMessage(e);
      error.hidden = false;
    } finally {
      dialog.querySelectorAll('button').forEach((b) => (b.disabled = false));
    }
  };
  const openButton = h(
    'button',
    { class: 'button primary', testid: 'corpus-open', attrs: { type: 'button' }, on: { click: () => void run(() => api.openCorpus({ dir: path.value })) } },
    'Open',
  );
  const newButton = h(
    'button',
    {
      class: 'button',
      testid: 'corpus-new',
      title: 'Create this folder (or use it if it is empty) as a new, empty corpus',
      attrs: { type: 'button' },
      on: { click: () => void run(() => api.newCorpus({ dir: path.value })) },
    },
    'New corpus here',
  );
  const sampleButton = h(
    'button',
    {
      class: 'button',
      testid: 'corpus-sample',
      title: 'Write the 233 State of the Union addresses (with speakers, dates and party) into this new folder, and open it',
      attrs: { type: 'button' },
      on: { click: () => void run(async () => (await api.sampleCorpus({ dir: path.value, open: true })).library!) },
    },
    'Sample corpus here',
  );
  path.addEventListener('keydown', (e) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      openButton.click();
    }
  });
  const dialog = modal(
    'corpus-dialog',
    'Open a corpus',
    h('h2', { class: 'dialog-title' }, 'Open a corpus'),
    h(
      'p',
      { class: 'muted' },
      'A corpus is a folder of .md and .txt files (sub-folders included). Enter its path, or the path of a new folder for an empty corpus.',
    ),
    h('label', { class: 'form-row' }, h('span', { class: 'form-label' }, 'Folder'), path),
    error,
    h('h3', { class: 'form-label' }, 'Recent'),
    recentList,
    h(
      'div',
      { class: 'dialog-actions' },
      h('button', { class: 'button', attrs: { type: 'button' }, on: { click: () => dialog.close() } }, 'Cancel'),
      sampleButton,
      newButton,
      openButton,
    ),
  );
  path.focus();
  path.select();
  if (focusSample) sampleButton.focus();
  api.recentCorpora({}).then(
    (recent) => {
      recentList.replaceChildren(
        ...(recent.length
          ? recent.map((r) =>
              h(
                'li',
                null,
                h(
                  'button',
                  {
                    class: 'link-button recent-corpus',
                    testid: 'recent-corpus',
                    title: r.available ? r.dir : `${r.dir} (not found now)`,
                    attrs: { type: 'button', disabled: !r.available },
                    on: { click: () => void run(() => api.openCorpus({ dir: r.dir })) },
                  },
                  h('strong', null, r.name),
                  h('span', { class: 'muted' }, ` ${r.dir}`),
                ),
              ),
            )
          : [h('li', { class: 'muted' }, 'None yet.')]),
      );
    },
    () => recentList.replaceChildren(h('li', { class: 'muted' }, 'The list of recent corpora could not be read.')),
  );
}
