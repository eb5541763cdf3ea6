/**
 * How deeply a Markdown text nests lists and block quotes, read from the lines alone (no parse).
 * marked's time and stack grow with nesting faster than with size (400 nested list levels in 160 KB
 * take a second; 2,000 `>` overflow the stack), and no speech or article nests more than a few
 * levels, so a text nested deeper than MAX_MARKDOWN_DEPTH is read as plain text instead.
 */
export const MAX_MARKDOWN_DEPTH = 32;

const LIST_MARKER = /^(?:[-+*]|\d{1,9}[.)])(?: |$)/;

/** The deepest nesting on any line: leading `>` markers, or a list item's indent (two spaces a level, as marked nests). */
export function markdownDepth(body: string): number {
  let deepest = 0;
  let start = 0;
  while (start <= body.length) {
    let end = body.indexOf('\n', start);
    if (end < 0) end = body.length;
    let i = start;
    let quotes = 0;
    // Count `>` markers, allowing the spaces between them.
    while (i < end && (body.charCodeAt(i) === 62 || body.charCodeAt(i) === 32)) {
      if (body.charCodeAt(i) === 62) quotes++;
      i++;
    }
    let depth = quotes;
    // i - start spaces, then a list marker: an item nested (i - start) / 2 levels in.
    if (quotes === 0 && LIST_MARKER.test(body.slice(i, Math.min(end, i + 12)))) depth = Math.floor((i - start) / 2) + 1;
    if (depth > deepest) deepest = depth;
    start = end + 1;
  }
  return deepest;
}
