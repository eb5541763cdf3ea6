/**
 * Long lists put on the page in slices: a concordance or a comparison can hold thousands of rows,
 * and building (then laying out) them in one task froze the page for up to a second. A list is
 * filled a few milliseconds at a time, yielding to the browser between slices so that it paints,
 * scrolls and answers keys; `aria-busy` says the list is still filling (what tests and assistive
 * technology wait for). A list taken off the page (a newer answer replaced it) stops filling.
 */

/** Work per slice: short enough that a slice plus the frame it leaves to lay out stays well under the 50 ms of a long task. */
const SLICE_MS = 4;

/**
 * The end of this task's budget, shared by every list filled in the task (a view opening three
 * tables at once gives them SLICE_MS between them, not each); reset once the task's script is done.
 */
let deadline = 0;

function sliceEnd(): number {
  if (deadline === 0) {
    deadline = performance.now() + SLICE_MS;
    queueMicrotask(() => {
      deadline = 0;
    });
  }
  return deadline;
}

/** Lets the browser run what is waiting (input, a frame) before the next slice. */
function nextTask(run: () => void): void {
  const s = (globalThis as { scheduler?: { postTask?: (cb: () => void, o: { priority: string }) => unknown } }).scheduler;
  if (s?.postTask) void s.postTask(run, { priority: 'user-visible' });
  else setTimeout(run, 0);
}

export interface ProgressiveOptions {
  /** Runs whenever the items asked for are all on the page. */
  filled?: () => void;
  /**
   * Items per group: they go into blocks of this many (`<div class="progressive-group">`), which the
   * stylesheet skips while off screen (content-visibility). Per-row skipping still costs the browser
   * a check of every row at every frame; per group it is a few dozen checks for thousands of rows.
   */
  group?: number;
}

export class ProgressiveList {
  private made = 0;
  private target = 0;
  private scheduled = false;
  private groupEl: HTMLElement | null = null;

  /** `make(i)` builds item i. */
  constructor(
    readonly list: HTMLElement,
    private readonly make: (i: number) => Node,
    private readonly options: ProgressiveOptions = {},
  ) {}

  /** Items 0..end-1 are wanted: the first slice is made now (so the list opens with its first rows), the rest in later tasks. */
  growTo(end: number): void {
    this.target = Math.max(this.target, end);
    this.slice(false);
  }

  /** Items 0..k are made at once (keyboard navigation or a jump needs item k now). */
  now(k: number): void {
    this.target = Math.max(this.target, k + 1);
    this.build(k + 1);
    this.settle();
  }

  private slice(later: boolean): void {
    // Replaced by a newer answer while waiting: nothing to fill any more.
    if (later && !this.list.isConnected) return;
    const until = sliceEnd();
    // At least one item per slice, so a slow item cannot stall the list.
    while (this.made < this.target) {
      this.add();
      if (performance.now() >= until) break;
    }
    this.settle();
  }

  private build(end: number): void {
    while (this.made < Math.min(end, this.target)) this.add();
  }

  private add(): void {
    const i = this.made++;
    const size = this.options.group;
    if (!size) {
      this.list.append(this.make(i));
      return;
    }
    if (i % size === 0 || !this.groupEl) {
      this.groupEl = document.createElement('div');
      this.groupEl.className = 'progressive-group';
      this.groupEl.setAttribute('role', 'none');
      this.list.append(this.groupEl);
    }
    this.groupEl.append(this.make(i));
  }

  private settle(): void {
    const busy = this.made < this.target;
    this.list.setAttribute('aria-busy', String(busy));
    if (!busy) {
      this.options.filled?.();
      return;
    }
    if (this.scheduled) return;
    this.scheduled = true;
    nextTask(() => {
      this.scheduled = false;
      this.slice(true);
    });
  }
}

/** Fills `list` with `count` items made by `make`, in slices; returns the filler. */
export function fillProgressively(list: HTMLElement, count: number, make: (i: number) => Node, options?: ProgressiveOptions): ProgressiveList {
  const p = new ProgressiveList(list, make, options);
  p.growTo(count);
  return p;
}
