/** Modal dialogs: confirmations (links, deletions) and the help overlay. Native <dialog> gives focus trapping and Esc. */
import { h, isMac } from './dom';

export function isDialogOpen(): boolean {
  return document.querySelector('dialog[open]') !== null;
}

export function modal(testid: string, label: string, ...content: Node[]): HTMLDialogElement {
  const dialog = h('dialog', { class: 'dialog', testid, attrs: { 'aria-label': label } }, ...content);
  dialog.addEventListener('close', () => dialog.remove());
  document.body.append(dialog);
  dialog.showModal();
  return dialog;
}

/** Asks a yes/no question; resolves true only on the confirming button. */
export function confirmDialog(opts: { title: string; body: (string | Node)[]; ok: string; danger?: boolean }): Promise<boolean> {
  return new Promise((resolve) => {
    let answer = false;
    const ok = h(
      'button',
      {
        class: opts.danger ? 'button danger' : 'button primary',
        on: {
          click: () => {
            answer = true;
            dialog.close();
          },
        },
      },
      opts.ok,
    );
    const cancel = h('button', { class: 'button', on: { click: () => dialog.close() } }, 'Cancel');
    const dialog = modal(
      'confirm-dialog',
      opts.title,
      h('h2', { class: 'dialog-title' }, opts.title),
      h('div', { class: 'dialog-body' }, ...opts.body),
      h('div', { class: 'dialog-actions' }, cancel, ok),
    );
    dialog.addEventListener('close', () => resolve(answer));
    ok.focus();
  });
}

/**
 * Asks for one line of text. `submit` acts on it; what it throws is shown in the dialog, which stays
 * open for a correction. Resolves with submit's answer, or null when cancelled.
 */
export function textDialog<T>(opts: {
  testid: string;
  title: string;
  body?: (string | Node)[];
  label: string;
  value?: string;
  placeholder?: string;
  ok: string;
  maxLength?: number;
  submit: (value: string) => Promise<T>;
  describeError: (e: unknown) => string;
}): Promise<T | null> {
  return new Promise((resolve) => {
    let answer: T | null = null;
    const input = h('input', {
      testid: `${opts.testid}-input`,
      attrs: { type: 'text', value: opts.value ?? '', placeholder: opts.placeholder, maxlength: opts.maxLength, 'aria-label': opts.label },
    });
    const error = h('p', { class: 'banner error', testid: `${opts.testid}-error`, attrs: { role: 'alert', hidden: true } });
    const ok = h('button', { class: 'button primary', testid: `${opts.testid}-ok`, attrs: { type: 'submit' } }, opts.ok);
    const cancel = h('button', { class: 'button', attrs: { type: 'button' }, on: { click: () => dialog.close() } }, 'Cancel');
    const form = h(
      'form',
      null,
      h('h2', { class: 'dialog-title' }, opts.title),
      h('div', { class: 'dialog-body' }, ...(opts.body ?? [])),
      h('label', { class: 'form-row' }, h('span', { class: 'form-label' }, opts.label), input),
      error,
      h('div', { class: 'dialog-actions' }, cancel, ok),
    );
    form.addEventListener('submit', (e) => {
      e.preventDefault();
      ok.disabled = true;
      error.hidden = true;
      opts.submit(input.value).then(
        (value) => {
          answer = value;
          dialog.close();
        },
        (e: unknown) => {
          ok.disabled = false;
          error.textContent = opts.describeError(e);
          error.hidden = false;
          input.focus();
        },
      );
    });
    const dialog = modal(opts.testid, opts.title, form);
    dialog.addEventListener('close', () => resolve(answer));
    input.focus();
    input.select();
  });
}

/** Links in documents never navigate the page: the user sees the address first, then it opens outside Lectern. */
export async function openExternalLink(url: string): Promise<void> {
  const yes = await confirmDialog({
    title: 'Open this link in your browser?',
    body: [h('p', null, 'The document links to:'), h('p', { class: 'dialog-url' }, url)],
    ok: 'Open link',
  });
  // Electron's main process turns window.open into the system browser; noopener keeps this page unreachable from it.
  if (yes) window.open(url, '_blank', 'noopener');
}

const mod = isMac ? '⌘' : 'Ctrl';

const SHORTCUTS: [string, string][] = [
  ['/  or  ' + mod + ' K', 'Search'],
  ['↓  ↑', 'Move through results or the library'],
  ['Enter', 'Open the selected result'],
  ['Esc', 'Back: close the reader, then clear the search'],
  ['n  /  Shift N  (F3 / Shift F3)', 'Next / previous hit in the reader'],
  ['r', 'Show or hide removed text'],
  ['t', 'Tag the selected text'],
  [mod + ' Z  /  ' + mod + ' Shift Z', 'Undo / redo tagging'],
  ['c', 'Compare two documents or speakers'],
  ['Alt 1 … Alt 5', 'Reader / Tags / Compare / Corpus / Table view'],
  ['↓  ↑  (in Compare)', 'Move through the aligned pairs'],
  [mod + ' O', 'Open another corpus (a folder)'],
  [mod + ' I', 'Import files (.txt, .md, .html, .pdf, .docx); or drop them on the window'],
  [mod + ' Shift N  (desktop app)', 'New corpus: an empty folder'],
  [mod + ' E  (desktop app)', 'Export tags'],
  [(isMac ? '⌘ /' : 'F1') + '  (desktop app)', 'This help, from the Help menu'],
  ['?', 'This help'],
];

const SYNTAX: [string, string][] = [
  ['cyber attack', 'Passages with either word (more matches rank higher)'],
  ['+cyber +russia', 'Both words required'],
  ['cyber -china', 'Exclude a word'],
  ['"prime target"', 'An exact phrase'],
  ['cyber*', 'Words starting with cyber'],
  ['sanction~1', 'Fuzzy: one letter may differ'],
  ['cyber^2 defence', 'Boost a word'],
  ['title:coalition  text:gangs', 'Search only titles or only text'],
  ['speaker:raab  speaker:"Jeremy Hunt"', 'Documents by a speaker'],
  ['outlet:independent', 'Documents from an outlet'],
  ['year:2019  year:2019..2021', 'A year or a range of years'],
  ['tag:threats', 'Passages carrying a tag'],
  ['deterrence said:hunt', 'Only in what a speaker said, quoted or reported (not what is written about them)'],
  ['@eighties', 'A saved subcorpus, wherever a subcorpus is taken (Compare’s sides, the Corpus tools)'],
];

const COMPARE: [string, string][] = [
  ['A speaker’s side', 'What the speaker said, quoted or reported, without the writer’s narration or others’ words; Whole documents counts everything'],
  [
    'Aligned passages',
    'Passages of the two sides that say the same thing, with the words they share marked. The threshold sets how alike they must be (0.15 by default).',
  ],
  ['Only on the left / right', 'Passages with no counterpart on the other side'],
  ['Distinctive terms', 'Words each side uses more, ranked by log-likelihood (G²); ● marks p < 0.05. Click a term to read it in context on both sides.'],
  ['Own words', 'Quotations attributed to each side’s speaker; unattributed ones are kept apart'],
  ['Select text', 'Tag a passage, as in the reader'],
];

function table(rows: [string, string][], keyClass: string): HTMLTableElement {
  return h(
    'table',
    { class: 'help-table' },
    h('tbody', null, ...rows.map(([k, v]) => h('tr', null, h('td', null, h('code', { class: keyClass }, k)), h('td', null, v)))),
  );
}

export function openHelp(): void {
  if (document.querySelector('[data-testid="help-overlay"]')) return;
  const close = h('button', { class: 'button', on: { click: () => dialog.close() } }, 'Close');
  const dialog = modal(
    'help-overlay',
    'Keyboard shortcuts and search syntax',
    h('h2', { class: 'dialog-title' }, 'Keyboard shortcuts'),
    table(SHORTCUTS, 'kbd'),
    h('h2', { class: 'dialog-title' }, 'Search syntax'),
    table(SYNTAX, 'syntax'),
    h('p', { class: 'muted' }, 'Filters combine with words: ', h('code', null, 'speaker:raab year:2021 elections'), '.'),
    h('h2', { class: 'dialog-title' }, 'Compare'),
    table(COMPARE, 'concept'),
    h('div', { class: 'dialog-actions' }, close),
  );
  dialog.classList.add('help');
  close.focus();
}
