/**
 * A long list that stays fast at any length: rows of one height, of which only those in view (and a
 * few either side) exist as elements; the rest is an empty spacer of the right height, so the
 * scrollbar, Page Down and "scroll to row" behave as if every row were there. Written here rather
 * than taken from a library: the renderer has no framework, and the whole job is ~60 lines.
 */
import { h } from './dom';

export interface VirtualRowsOptions {
  /** Pixels per row; the stylesheet must give rows this height. */
  rowHeight: number;
  /** Builds row `index`'s element (a fresh one: rows are rebuilt when they scroll into view). */
  render(index: number): HTMLElement;
  /** Rows built beyond each edge of the view, so fast scrolling shows no gap. */
  overscan?: number;
}

export class VirtualRows {
  /** The spacer that holds the rows; put it inside a scrolling element (`scroller`). */
  readonly el: HTMLElement;
  private count = 0;
  private frame = 0;
  private shown: [number, number] = [0, 0];

  constructor(
    private readonly scroller: HTMLElement,
    private readonly options: VirtualRowsOptions,
  ) {
    this.el = h('div', { class: 'virtual-rows', attrs: { role: 'rowgroup' } });
    scroller.addEventListener('scroll', () => this.schedule());
    // The view's height changes with the window: more or fewer rows fit.
    new ResizeObserver(() => this.schedule()).observe(scroller);
  }

  /** Shows `count` rows from the top of the list. */
  setCount(count: number): void {
    this.count = count;
    this.el.style.height = `${count * this.options.rowHeight}px`;
    this.render(true);
  }

  /** Rebuilds the rows in view (their content changed: selection, columns). */
  refresh(): void {
    this.render(true);
  }

  /** Scrolls the least needed for row `index` to be fully in view. */
  reveal(index: number): void {
    const { rowHeight } = this.options;
    const top = index * rowHeight + this.el.offsetTop;
    const view = this.scroller;
    const header = this.el.offsetTop;
    if (top - header < view.scrollTop) view.scrollTop = top - header;
    else if (top + rowHeight > view.scrollTop + view.clientHeight) view.scrollTop = top + rowHeight - view.clientHeight;
    this.render(false);
  }

  /** Rows that fit in the view (for Page Up/Down). */
  get pageSize(): number {
    return Math.max(1, Math.floor((this.scroller.clientHeight - this.el.offsetTop) / this.options.rowHeight));
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.render(false);
    });
  }

  private render(force: boolean): void {
    const { rowHeight, overscan = 8 } = this.options;
    const top = Math.max(0, this.scroller.scrollTop - this.el.offsetTop);
    const first = Math.max(0, Math.floor(top / rowHeight) - overscan);
    const last = Math.min(this.count, Math.ceil((top + this.scroller.clientHeight) / rowHeight) + overscan);
    if (!force && first === this.shown[0] && last === this.shown[1]) return;
    this.shown = [first, last];
    const rows: HTMLElement[] = [];
    for (let i = first; i < last; i++) {
      const row = this.options.render(i);
      row.style.transform = `translateY(${i * rowHeight}px)`;
      rows.push(row);
    }
    this.el.replaceChildren(...rows);
  }
}
