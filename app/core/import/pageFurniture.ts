/**
 * Running headers and footers of a PDF: a manual's "ACME manual — page 3 of 46" on every page is
 * not text of the document, and left in it would be indexed, searched and compared 46 times over.
 * A line counts as one when it is at the top or the bottom of most pages, digits aside.
 */

/** Lines peeled from each edge of a page at most: a header or footer is often two lines (title, then page number). */
const EDGE_LINES = 2;
/** A running line repeats on at least this many pages … */
const MIN_PAGES = 3;
/** … and on at least this share of the pages that have text (a chapter's own header is kept). */
const MIN_SHARE = 0.5;
/** Headers and footers are short; a longer line that repeats is text (a recurring notice is for the user to judge). */
const MAX_CHARS = 120;

export interface PageLine {
  text: string;
  y: number;
}

export interface DroppedFurniture {
  /** The line as shown to the user: digits that change from page to page are "N". */
  text: string;
  position: 'header' | 'footer';
  /** Pages it was dropped from. */
  count: number;
}

/** The same running line whatever its page number: "Page 3 of 46" and "Page 4 of 46" are one. */
function key(text: string): string {
  return text.toLowerCase().replace(/\d+/g, '#').replace(/\s+/g, ' ').trim();
}

/** The line's text with the digit runs that differ between its occurrences shown as N. */
function shown(occurrences: string[]): string {
  const runs = occurrences.map((t) => t.match(/\d+/g) ?? []);
  let i = 0;
  return occurrences[0].replace(/\d+/g, (digits) => {
    const n = i++;
    return runs.every((r) => r[n] === digits) ? digits : 'N';
  });
}

/** The index of the line nearest a page's top or bottom edge (by position on the page, not by order in the file), among those left. */
function edgeLine(lines: PageLine[], left: Set<number>, where: 'top' | 'bottom'): number | null {
  let best: number | null = null;
  for (const i of left) {
    if (best === null || (where === 'top' ? lines[i].y > lines[best].y : lines[i].y < lines[best].y)) best = i;
  }
  return best;
}

/**
 * The pages without their running headers and footers, and what was dropped. Each edge is peeled a
 * line at a time: the line nearest it is looked at on every page; the next one only on pages whose
 * edge line was a running one, and only when it sits nearer that line than the body (the second line
 * of a header block, not the body's first line).
 */
export function dropPageFurniture<L extends PageLine>(pages: L[][]): { pages: L[][]; dropped: DroppedFurniture[] } {
  const left = pages.map((lines) => new Set(lines.flatMap((l, i) => (l.text.trim() ? [i] : []))));
  const withText = left.filter((s) => s.size).length;
  const dropped: DroppedFurniture[] = [];
  for (const where of ['top', 'bottom'] as const) {
    let open = pages.map((_, page) => page);
    /** Per page, the y of the running line last dropped from this edge. */
    const peeled = new Map<number, number>();
    for (let depth = 0; depth < EDGE_LINES && open.length; depth++) {
      const found = new Map<string, { pages: [number, number][]; texts: string[] }>();
      for (const page of open) {
        // A page's last line of text is its text, whatever repeats on the other pages.
        if (left[page].size < 2) continue;
        const i = edgeLine(pages[page], left[page], where)!;
        const y = pages[page][i].y;
        if (peeled.has(page)) {
          left[page].delete(i);
          const next = edgeLine(pages[page], left[page], where);
          left[page].add(i);
          if (next !== null && Math.abs(peeled.get(page)! - y) >= Math.abs(y - pages[page][next].y)) continue;
        }
        const text = pages[page][i].text.trim();
        if (text.length > MAX_CHARS) continue;
        const k = key(text);
        let entry = found.get(k);
        if (!entry) found.set(k, (entry = { pages: [], texts: [] }));
        entry.pages.push([page, i]);
        entry.texts.push(text);
      }
      open = [];
      for (const e of found.values()) {
        if (e.pages.length < MIN_PAGES || e.pages.length < withText * MIN_SHARE) continue;
        dropped.push({ text: shown(e.texts), position: where === 'top' ? 'header' : 'footer', count: e.pages.length });
        for (const [page, i] of e.pages) {
          peeled.set(page, pages[page][i].y);
          left[page].delete(i);
          open.push(page);
        }
      }
    }
  }
  if (!dropped.length) return { pages, dropped };
  return { pages: pages.map((lines, page) => lines.filter((l, i) => !l.text.trim() || left[page].has(i))), dropped };
}
