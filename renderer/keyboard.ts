/** The app's keyboard shortcuts, in one place (the help overlay lists the same ones). */
import { isDialogOpen } from './dialogs';
import { isEditable, isMac } from './dom';

export interface ShortcutActions {
  focusSearch(): void;
  help(): void;
  nextHit(): void;
  prevHit(): void;
  toggleRemoved(): void;
  tagSelection(): boolean;
  undo(): void;
  redo(): void;
  showView(view: 'read' | 'tags'): void;
  /** Esc outside a text field: steps back (reader → results → cleared search). */
  back(): void;
}

export function installShortcuts(a: ShortcutActions): void {
  document.addEventListener('keydown', (e) => {
    if (e.defaultPrevented || isDialogOpen()) return;
    const mod = isMac ? e.metaKey : e.ctrlKey;
    const key = e.key;
    if (mod && !e.altKey && key.toLowerCase() === 'k') return run(e, a.focusSearch);
    if (e.altKey && !mod && (e.code === 'Digit1' || e.code === 'Digit2')) return run(e, () => a.showView(e.code === 'Digit1' ? 'read' : 'tags'));
    if (key === 'F3') return run(e, e.shiftKey ? a.prevHit : a.nextHit);
    // Inside text fields, typing and the field's own undo win.
    if (isEditable(e.target)) return;
    if (mod && !e.altKey && key.toLowerCase() === 'z') return run(e, e.shiftKey ? a.redo : a.undo);
    if (mod && !e.altKey && !isMac && key.toLowerCase() === 'y') return run(e, a.redo);
    if (e.ctrlKey || e.metaKey || e.altKey) return;
    switch (key) {
      case '/': return run(e, a.focusSearch);
      case '?': return run(e, a.help);
      case 'n': return run(e, a.nextHit);
      case 'N': return run(e, a.prevHit);
      case 'r': return run(e, a.toggleRemoved);
      case 't': if (a.tagSelection()) e.preventDefault(); return;
      case 'Escape': return run(e, a.back);
    }
  });
}

function run(e: KeyboardEvent, fn: () => void): void {
  e.preventDefault();
  fn();
}
