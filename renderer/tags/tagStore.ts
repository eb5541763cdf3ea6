/** The codebook as the renderer holds it, and the one place every view hears that tags changed. */
import type { CoderInfo, HistoryState, Tag } from '../../app/common/contract';
import { api, errorMessage } from '../api';
import { canAnnotate, VIEWER_CANNOT_ANNOTATE } from '../team/rights';
import { h } from '../ui/dom';
import { toast, toastError } from '../ui/toast';

class TagStore {
  tags: Tag[] = [];
  /** Why tagging cannot be used (e.g. the core is unavailable), or null. */
  problem: string | null = null;
  /** Every coder of the corpus's annotations ('' for those with none recorded), alphabetically. */
  coders: string[] = [];
  /** Who is coding, as the last refresh heard it (null: no tag store, e.g. the corpus could not be read). */
  coder: CoderInfo | null = null;
  /** Coders whose layers are hidden in the reader, the Tags view and Compare (every count follows). */
  private hidden = new Set<string>();
  private listeners = new Set<() => void>();

  /** The coder layer to ask the API for: the shown coders, or undefined when every coder is shown. */
  get layer(): string[] | undefined {
    return this.hidden.size ? this.coders.filter((c) => !this.hidden.has(c)) : undefined;
  }

  shows(coder: string): boolean {
    return !this.hidden.has(coder);
  }

  /** Shows or hides a coder's layer, and lets every view redraw with the new counts. */
  async setShown(coder: string, shown: boolean): Promise<void> {
    if (shown) this.hidden.delete(coder);
    else this.hidden.add(coder);
    await this.changed();
  }

  async refresh(): Promise<void> {
    try {
      this.coder = await api.coder({});
      this.coders = this.coder.coders;
      for (const c of [...this.hidden]) if (!this.coders.includes(c)) this.hidden.delete(c);
      this.tags = await api.codebook({ coders: this.layer });
      this.problem = null;
    } catch (e) {
      this.tags = [];
      this.coder = null;
      this.problem = errorMessage(e);
    }
  }

  byId(id: string): Tag | undefined {
    return this.tags.find((t) => t.id === id);
  }

  /** "Parent › Child": a tag's place in the tree. */
  path(tag: Tag): string {
    const names = [tag.name];
    const seen = new Set([tag.id]);
    for (let p = tag.parentId ? this.byId(tag.parentId) : undefined; p && !seen.has(p.id); p = p.parentId ? this.byId(p.parentId) : undefined) {
      names.unshift(p.name);
      seen.add(p.id);
    }
    return names.join(' › ');
  }

  onChange(fn: () => void): void {
    this.listeners.add(fn);
  }

  /** After any tagging or codebook action: fetch the codebook again and let every view redraw. */
  async changed(): Promise<void> {
    await this.refresh();
    for (const fn of this.listeners) fn();
  }
}

export const tagStore = new TagStore();

/** Which of a few coder colours (CSS classes coder-c0…c5) a coder's passages are marked with. */
export function coderColour(coder: string): string {
  const i = tagStore.coders.indexOf(coder);
  return `coder-c${(i < 0 ? 0 : i) % 6}`;
}

/**
 * The coder layers, as boxes with each coder's colour: tick to show a coder's passages, untick to
 * hide them (counts follow). Empty when the corpus has one coder: nothing to choose.
 */
export function coderLayerPicker(): HTMLElement {
  const el = h('div', { class: 'coder-layers', testid: 'coder-layers', attrs: { role: 'group', 'aria-label': 'Coders shown' } });
  if (tagStore.coders.length < 2) return el;
  el.append(
    h('span', { class: 'muted' }, 'Coders:'),
    ...tagStore.coders.map((c) => {
      const box = h('input', { attrs: { type: 'checkbox', 'data-coder': c } });
      box.checked = tagStore.shows(c);
      box.addEventListener('change', () => void tagStore.setShown(c, box.checked));
      return h('label', { class: `coder-layer ${coderColour(c)}` }, box, h('span', { class: 'coder-dot' }), c || 'no coder');
    }),
  );
  return el;
}

/** A coloured chip naming a tag (its full path in the tooltip). */
export function tagChip(tag: Tag, extra: Node | null = null): HTMLElement {
  const swatch = h('span', { class: 'swatch' });
  swatch.style.background = tag.color;
  return h('span', { class: 'tag-chip', testid: 'tag-chip', title: tagStore.path(tag), attrs: { 'data-tag-id': tag.id } }, swatch, tag.name, extra);
}

const strip = (label: string | null) => (label ?? '').replace(/^(Undo|Redo): /, '');

export async function undo(): Promise<void> {
  await step('undo');
}

export async function redo(): Promise<void> {
  await step('redo');
}

async function step(which: 'undo' | 'redo'): Promise<void> {
  // A viewer made no change to undo (Ctrl+Z still says why nothing happens).
  if (!canAnnotate()) return toast(VIEWER_CANNOT_ANNOTATE);
  try {
    const before = await api.history({});
    if (which === 'undo' ? !before.canUndo : !before.canRedo) {
      toast(which === 'undo' ? 'Nothing to undo.' : 'Nothing to redo.');
      return;
    }
    const after: HistoryState = await (which === 'undo' ? api.undo({}) : api.redo({}));
    toast(which === 'undo' ? `Undone: ${strip(after.redoLabel ?? before.undoLabel)}` : `Redone: ${strip(after.undoLabel ?? before.redoLabel)}`, {
      action: which === 'undo' ? { label: 'Redo', run: () => void redo() } : { label: 'Undo', run: () => void undo() },
    });
    await tagStore.changed();
  } catch (e) {
    toastError(e);
  }
}

/** Runs a tagging action, then refreshes every view; the toast names what was done and offers to undo it. */
export async function tagAction<T>(run: () => Promise<T>, done: (result: T) => string): Promise<T | undefined> {
  try {
    const result = await run();
    await tagStore.changed();
    toast(done(result), { action: { label: 'Undo', run: () => void undo() } });
    return result;
  } catch (e) {
    toastError(e);
    return undefined;
  }
}
