/** Undo and redo stacks of labelled changes (this session's actions; each step is written durably). */
import type { HistoryState } from '../../common/contract';
import type { Change } from './changes';

export interface HistoryEntry {
  /** What the action did, e.g. "tag ‘Deterrence’ on “Last October…”". */
  label: string;
  changes: Change[];
}

export class History {
  private undoStack: HistoryEntry[] = [];
  private redoStack: HistoryEntry[] = [];

  constructor(private readonly depth = 500) {}

  /** A new action: it becomes undoable and clears what could be redone. */
  record(entry: HistoryEntry): void {
    if (entry.changes.length === 0) return;
    this.undoStack.push(entry);
    if (this.undoStack.length > this.depth) this.undoStack.shift();
    this.redoStack = [];
  }

  peekUndo(): HistoryEntry | undefined {
    return this.undoStack.at(-1);
  }

  peekRedo(): HistoryEntry | undefined {
    return this.redoStack.at(-1);
  }

  /** Moves the top entry across once its undo has been written; callers write first, then commit. */
  committedUndo(): void {
    const e = this.undoStack.pop();
    if (e) this.redoStack.push(e);
  }

  committedRedo(): void {
    const e = this.redoStack.pop();
    if (e) this.undoStack.push(e);
  }

  /** Takes the top undo (backward) or redo (forward) step off its list: it can no longer be run. */
  discard(direction: 'forward' | 'backward'): void {
    if (direction === 'backward') this.undoStack.pop();
    else this.redoStack.pop();
  }

  state(): HistoryState {
    const u = this.peekUndo();
    const r = this.peekRedo();
    return {
      canUndo: u !== undefined,
      canRedo: r !== undefined,
      undoLabel: u ? `Undo: ${u.label}` : null,
      redoLabel: r ? `Redo: ${r.label}` : null,
    };
  }
}
