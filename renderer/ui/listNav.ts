/**
 * Keyboard movement through a list (library or search results) while focus stays in the search box:
 * the combobox pattern, with aria-activedescendant naming the active item.
 */

export interface NavItem {
  el: HTMLElement;
  /** Identifies the item across re-renders (document id, and passage id for results). */
  key: string;
  open: () => void;
}

let nextId = 0;

export class ListNav {
  private items: NavItem[] = [];
  private index = -1;

  constructor(private readonly owner: HTMLElement) {}

  /** Replaces the items, keeping the active one when it is still there, else the first `fallback` accepts. */
  set(items: NavItem[], fallback?: (item: NavItem) => boolean): void {
    const previous = this.active?.key;
    this.items = items;
    for (const item of items) {
      item.el.id ||= `nav-${++nextId}`;
      item.el.setAttribute('role', 'option');
      item.el.setAttribute('aria-selected', 'false');
    }
    let kept = items.findIndex((i) => i.key === previous);
    if (kept < 0 && fallback) kept = items.findIndex(fallback);
    this.select(kept, false);
  }

  get active(): NavItem | null {
    return this.items[this.index] ?? null;
  }

  move(delta: number): void {
    if (this.items.length === 0) return;
    const next = this.index < 0 ? (delta > 0 ? 0 : this.items.length - 1) : Math.min(this.items.length - 1, Math.max(0, this.index + delta));
    this.select(next, true);
  }

  /** Opens the active item, or the first when none is active; false when the list is empty. */
  openActive(): boolean {
    if (this.index < 0) this.select(0, true);
    const item = this.active;
    item?.open();
    return !!item;
  }

  /** Marks `el` active (after a click), so Esc from the reader returns to it. */
  selectEl(el: HTMLElement): void {
    this.select(
      this.items.findIndex((i) => i.el === el),
      false,
    );
  }

  private select(i: number, scroll: boolean): void {
    this.active?.el.classList.remove('active');
    this.active?.el.setAttribute('aria-selected', 'false');
    this.index = i;
    const item = this.active;
    if (item) {
      item.el.classList.add('active');
      item.el.setAttribute('aria-selected', 'true');
      this.owner.setAttribute('aria-activedescendant', item.el.id);
      if (scroll) item.el.scrollIntoView({ block: 'nearest' });
    } else {
      this.owner.removeAttribute('aria-activedescendant');
    }
  }
}
