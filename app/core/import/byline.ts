/**
 * A web page's byline ("By Jane Smith"): who wrote the article, which is metadata (the document's
 * author), not a paragraph of its text. Readability removes the first byline element it recognises,
 * but leaves the "By" around a marked-up name (<p>By <a rel="author">…</a></p>) and knows nothing
 * of an unmarked "By Jane Smith" paragraph.
 */

/** Class or id of a byline element (Readability's own pattern, without "dateline"). */
const BYLINE_NAME = /byline|author|writtenby|p-author/i;
/** A byline is a name or two, maybe a role: longer text with such a class is an author's biography. */
const MAX_BYLINE_CHARS = 100;
const STOP_AT = new Set(['BODY', 'ARTICLE', 'MAIN', 'SECTION', 'HEADER']);

/** The author's name from a byline's text: "By Jane Smith, Political Correspondent" → "Jane Smith". */
function nameOf(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^(?:written\s+)?by[:\s]\s*/i, '')
    .split(/\s*(?:[,|·•]|\s[-–—]\s)\s*/)[0]
    .replace(/\s+(?:and|&)\s+/g, '; ')
    .trim();
}

const words = (s: string) =>
  s
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .toLowerCase();

/**
 * Finds the page's byline element (rel="author", itemprop="author", or a class or id like
 * "byline" or "author"), removes it from the page together with a parent that holds nothing
 * more than "By" and it, and returns the author's name ('' when there is none).
 */
export function takeBylineElement(doc: Document): string {
  for (const el of Array.from(doc.body?.querySelectorAll('*') ?? [])) {
    const marked =
      /(?:^|\s)author(?:\s|$)/i.test(el.getAttribute('rel') ?? '') ||
      /author/i.test(el.getAttribute('itemprop') ?? '') ||
      BYLINE_NAME.test(`${el.getAttribute('class') ?? ''} ${el.id}`);
    const text = (el.textContent ?? '').replace(/\s+/g, ' ').trim();
    if (!marked || !text || text.length >= MAX_BYLINE_CHARS) continue;
    // schema.org markup: the name is in its own itemprop="name".
    const name = nameOf(el.querySelector('[itemprop~="name"]')?.textContent ?? text);
    if (!name) continue;
    let outer: Element = el;
    while (
      outer.parentElement &&
      !STOP_AT.has(outer.parentElement.tagName) &&
      words(outer.parentElement.textContent ?? '').replace(/^by /, '') === words(text).replace(/^by /, '')
    ) {
      outer = outer.parentElement;
    }
    outer.remove();
    return name;
  }
  return '';
}

/** "By Jane Smith", "By Jane Smith and John Doe, Political Correspondents": names of capitalised words, then maybe a role. */
const BYLINE_PARAGRAPH =
  /^(?:[*_]{1,2})?(?:Written by|By)\s+(\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|de|da|van|von|der|den|du|le|la|bin|al|and|&)){0,7})(?:\s*(?:,|\||·|—|–| - )[^\n]{0,80})?(?:[*_]{1,2})?\.?$/u;

/**
 * An unmarked byline paragraph among the first blocks of the article's Markdown ("By Jane Smith"),
 * removed from it. The author is '' when there is none.
 */
export function takeLeadingByline(markdown: string): { author: string; markdown: string } {
  const blocks = markdown.split(/\n{2,}/);
  for (let i = 0; i < Math.min(3, blocks.length); i++) {
    const m = BYLINE_PARAGRAPH.exec(blocks[i].trim());
    if (m) {
      blocks.splice(i, 1);
      return { author: nameOf(m[1]), markdown: blocks.join('\n\n') };
    }
  }
  return { author: '', markdown };
}
