/**
 * Maps between DOM positions in the reader and canonical offsets into a document's text.
 * Each passage element carries data-passage-id and data-start, and its text content equals the
 * passage's text, so an offset is the passage's start plus the characters before the point.
 * Anything outside passage elements (removed text, buttons) is not part of the canonical text.
 */

export const PASSAGE_SELECTOR = '[data-passage-id]';

interface PassageEl {
  el: HTMLElement;
  start: number;
  end: number;
}

function passages(root: ParentNode): PassageEl[] {
  return [...root.querySelectorAll<HTMLElement>(PASSAGE_SELECTOR)].map((el) => {
    const start = Number(el.dataset.start);
    return { el, start, end: start + (el.textContent ?? '').length };
  });
}

/** Characters of `el`'s text before the boundary point (node, offset) inside it. */
function charsBefore(el: HTMLElement, node: Node, offset: number): number {
  const r = document.createRange();
  r.selectNodeContents(el);
  r.setEnd(node, offset);
  return r.toString().length;
}

/**
 * The canonical [start, end) covered by a DOM range, clipped to passages, with surrounding
 * whitespace trimmed; null when the range covers no passage text.
 */
export function rangeToOffsets(root: ParentNode, range: Range, text: string): { start: number; end: number } | null {
  const hit = passages(root).filter((p) => range.intersectsNode(p.el));
  if (hit.length === 0) return null;
  const first = hit[0];
  const last = hit[hit.length - 1];
  let start = first.start + (first.el.contains(range.startContainer) ? charsBefore(first.el, range.startContainer, range.startOffset) : 0);
  let end = last.el.contains(range.endContainer) ? last.start + charsBefore(last.el, range.endContainer, range.endOffset) : last.end;
  while (start < end && /\s/.test(text[start])) start++;
  while (end > start && /\s/.test(text[end - 1])) end--;
  return start < end ? { start, end } : null;
}

/** Text nodes of a passage with their canonical start. */
function textNodes(p: PassageEl): { node: Text; start: number }[] {
  const out: { node: Text; start: number }[] = [];
  const walker = document.createTreeWalker(p.el, NodeFilter.SHOW_TEXT);
  let at = p.start;
  for (let n = walker.nextNode(); n; n = walker.nextNode()) {
    out.push({ node: n as Text, start: at });
    at += (n as Text).data.length;
  }
  return out;
}

/**
 * The DOM point of a canonical offset. An offset between passages (in the '\n\n' that joins them)
 * moves forward to the next passage for a range's start and back to the previous one for its end.
 */
function point(list: PassageEl[], offset: number, side: 'start' | 'end'): { node: Node; offset: number } | null {
  let p: PassageEl | undefined;
  if (side === 'start') p = list.find((q) => offset < q.end) ?? list[list.length - 1];
  else p = [...list].reverse().find((q) => offset > q.start) ?? list[0];
  if (!p) return null;
  const clamped = Math.min(Math.max(offset, p.start), p.end);
  const nodes = textNodes(p);
  for (const { node, start } of nodes) {
    const end = start + node.data.length;
    // At a boundary between two text nodes, a start belongs to the later node and an end to the earlier one.
    if (side === 'start' ? clamped < end : clamped <= end) return { node, offset: clamped - start };
  }
  const last = nodes[nodes.length - 1];
  return last ? { node: last.node, offset: last.node.data.length } : { node: p.el, offset: 0 };
}

export function offsetsToRange(root: ParentNode, start: number, end: number): Range | null {
  const list = passages(root);
  const a = point(list, start, 'start');
  const b = point(list, end, 'end');
  if (!a || !b) return null;
  const r = document.createRange();
  r.setStart(a.node, a.offset);
  r.setEnd(b.node, b.offset);
  return r.collapsed ? null : r;
}

/** The passage element holding a canonical offset (or the next one after it). */
export function passageAt(root: ParentNode, offset: number): HTMLElement | null {
  const list = passages(root);
  return (list.find((p) => offset < p.end) ?? list[list.length - 1])?.el ?? null;
}

/**
 * Wraps the text of [start, end) in elements made by `make` (one per text node piece, since the
 * range may cross passages and inline markup). The text content of every passage is unchanged.
 */
export function wrapOffsets(root: ParentNode, start: number, end: number, make: () => HTMLElement): HTMLElement[] {
  const made: HTMLElement[] = [];
  for (const p of passages(root)) {
    if (p.end <= start || p.start >= end) continue;
    for (const { node, start: ns } of textNodes(p)) {
      const ne = ns + node.data.length;
      const s = Math.max(start, ns);
      const e = Math.min(end, ne);
      if (s >= e) continue;
      let piece = node;
      if (s > ns) piece = piece.splitText(s - ns);
      if (e < ne) piece.splitText(e - s);
      const wrapper = make();
      piece.parentNode!.insertBefore(wrapper, piece);
      wrapper.appendChild(piece);
      made.push(wrapper);
    }
  }
  return made;
}

/** Removes wrappers matching `selector`, keeping their text, and merges the text nodes back together. */
export function unwrapAll(root: ParentNode, selector: string): void {
  for (const el of [...root.querySelectorAll(selector)]) el.replaceWith(...el.childNodes);
  for (const p of root.querySelectorAll(PASSAGE_SELECTOR)) p.normalize();
}
