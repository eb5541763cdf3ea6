/** The app's keyboard shortcuts, in one place (the help overlay lists the same ones). */
import { isDialogOpen } from './dialogs';
import { isEditable, isMac } from './dom';

/** The top-level views, in the order of their tabs (Alt+1 … Alt+5). */
export const VIEWS = ['read', 'tags', 'compare', 'corpus', 'library'] as const;
export type View = (typeof VIEWS)[number];

export interface ShortcutActions {
  focusSearch(): void;
  help(): void;
  nextHit(): void;
  prevHit(): void;
  toggleRemoved(): void;
  tagSelection(): boolean;
  undo(): void;
  redo(): void;
  showView(view: View): void;
  /** Opens the Compare view as it was left (the first two speakers the first time). */
  compare(): void;
  /** Esc outside a text field: steps back (reader → results → cleared search). */
  back(): void;
  /** Ctrl+O and Ctrl+I in the page; left out in the desktop app, whose File menu has these shortcuts. */
  openCorpus?(): void;
  importFiles?(): void;
}

export function installShortcuts(a: ShortcutActions): void {
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || isDialogOpen()) return;
    const mod = isMac ? e.metaKey : e.ctrlKey;
    const key = e.key;
    if (mod && !e.altKey && key.toLowerCase() === 'k') return run(e, a.focusSearch);
    if (mod && !e.altKey && !e.shiftKey && key.toLowerCase() === 'o' && a.openCorpus) return run(e, a.openCorpus);
    if (mod && !e.altKey && !e.shiftKey && key.toLowerCase() === 'i' && a.importFiles) return run(e, a.importFiles);
    const digit = /^Digit([1-9])$/.exec(e.code);
    const view = digit ? VIEWS[Number(digit[1]) - 1] : undefined;
    if (e.altKey && !mod && view) return run(e, () => a.showView(view));
    if (key === 'F3') return run(e, e.shiftKey ? a.prevHit : a.nextHit);
    // Inside text fields, typing and the field's own undo win.
    if (isEditable(e.target)) return;
    if (mod && !e.altKey && key.toLowerCase() === 'z') return run(e, e.shiftKey ? a.redo : a.undo);
    if (mod && !e.altKey && !isMac && key.toLowerCase() === 'y') return run(e, a.redo);
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (key) {
      case '/':
        return run(e, a.focusSearch);
      case '?':
        return run(e, a.help);
      case 'n':
        return run(e, a.nextHit);
      case 'N':
        return run(e, a.prevHit);
      case 'r':
        return run(e, a.toggleRemoved);
      case 'c':
        return run(e, a.compare);
      case 't':
        if (a.tagSelection()) e.preventDefault();
        return;
      case 'Escape':
        return run(e, a.back);
    }
  });
}

function run(e: KeyboardEvent, fn: () => void): void {
  e.preventDefault();
  fn();
}
