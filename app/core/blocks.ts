/**
 * Turns a document body into blocks (paragraphs, headings, list items, quotes, code, tables), each
 * with the HTML the reader shows and the plain text that is exactly that HTML's text content. The
 * plain text is what gets cleaned, indexed and tagged, so offsets agree with what the user sees.
 */
import { Marked, type Token, type Tokens } from 'marked';
import { decodeHTML } from 'entities';

export interface Block {
  text: string;
  html: string;
}

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * Corpus text is untrusted: raw HTML inside Markdown is shown as text, never interpreted. The
 * renderer sanitises again with DOMPurify; this makes the text content predictable as well.
 */
const markdown = new Marked({
  gfm: true,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag) {
      return escapeHtml(token.text);
    },
  },
});

/** Text content of HTML that marked produced (tags stripped, entities decoded). */
export function textOfHtml(html: string): string {
  return decodeHTML(html.replace(/<[^>]*>/g, ''));
}

/**
 * Paragraph breaks, decided chunk by chunk. The body is cut at blank lines into chunks (a fenced
 * code block is never cut, nor looked into). Within one chunk, its own lines alone decide whether
 * it is a hard-wrapped paragraph (Markdown wrapped at ~80 columns: lines glued into one paragraph,
 * as Markdown does) or web text with one paragraph per line (a blank line is put between lines).
 * Nothing outside the chunk is looked at, so inserting or deleting a line or a paragraph elsewhere
 * cannot change how a chunk is read. See docs/CLEANING.md, "Paragraphs".
 */

/** A chunk with a line longer than this is not hard-wrapped (wrapping is at 72–80 columns). */
export const WRAP_MAX_CHARS = 100;
/** In a hard-wrapped chunk every line but the last is filled to at least this. */
export const WRAP_MIN_CHARS = 40;

const FENCE_OPEN = /^ {0,3}(`{3,}|~{3,})/;
const LIST_ITEM = /^ {0,3}(?:[-*+]|\d{1,9}[.)])(?:[ \t]|$)/;
const HEADING = /^ {0,3}#{1,6}(?:[ \t]|$)/;
const QUOTE = /^ {0,3}>/;
const RULE_LINE = /^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$/;
const SETEXT_UNDERLINE = /^ {0,3}(?:=+|-+)[ \t]*$/;
const INDENTED_CODE = /^(?: {4}|\t)/;
const INDENTED = /^[ \t]/;
const TABLE_DELIMITER = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/;
const HTML_START = /^ {0,3}(?:<\/?[A-Za-z][\w-]*(?:[\s/>]|$)|<!--)/;
/** A line that ends a sentence: . ! ? … or : then closing quotes, brackets or emphasis marks. */
const SENTENCE_END = /[.!?…:]["'”’»)\]*_]*$/;

/**
 * What a line of a chunk is: prose (a paragraph's line), a list item or its indented continuation,
 * a quote line, or structure whose lines Markdown must see together (tables, code, headings).
 */
type LineKind = 'prose' | 'list' | 'cont' | 'quote' | 'heading' | 'setext' | 'rule' | 'table' | 'code';

function isTableDelimiter(line: string | undefined): boolean {
  return line !== undefined && line.includes('|') && TABLE_DELIMITER.test(line);
}

function lineKinds(lines: string[]): LineKind[] {
  const kinds: LineKind[] = [];
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const prev = kinds[i - 1];
    let kind: LineKind;
    const startsBlock = LIST_ITEM.test(line) || HEADING.test(line) || QUOTE.test(line) || RULE_LINE.test(line);
    // A table runs to the end of the chunk or the next block (GFM).
    if (prev === 'table' && !startsBlock) kind = 'table';
    else if (isTableDelimiter(lines[i + 1]) && !isTableDelimiter(line)) kind = 'table';
    else if ((i === 0 || prev === 'code') && INDENTED_CODE.test(line)) kind = 'code';
    else if ((prev === 'list' || prev === 'cont') && INDENTED.test(line)) kind = 'cont';
    else if (prev === 'prose' && SETEXT_UNDERLINE.test(line)) {
      kinds[i - 1] = 'heading';
      kind = 'setext';
    } else if (RULE_LINE.test(line)) kind = 'rule';
    else if (HEADING.test(line)) kind = 'heading';
    else if (QUOTE.test(line)) kind = 'quote';
    else if (LIST_ITEM.test(line)) kind = 'list';
    else kind = 'prose';
    kinds.push(kind);
  }
  return kinds;
}

/** Whether a chunk's text lines look hard-wrapped: similar lengths within a wrap width, mostly not ending a sentence. */
export function looksHardWrapped(lines: string[]): boolean {
  if (lines.length < 2) return false;
  const lengths = lines.map((l) => l.trim().length);
  if (lengths.some((n) => n > WRAP_MAX_CHARS)) return false;
  const inner = lines.slice(0, -1);
  if (inner.some((l) => l.trim().length < WRAP_MIN_CHARS)) return false;
  const endings = inner.filter((l) => SENTENCE_END.test(l.trimEnd())).length;
  return endings * 2 < inner.length;
}

/** Whether a blank line may go between two lines of a chunk read one paragraph per line. */
function staysTogether(prev: LineKind, kind: LineKind): boolean {
  switch (kind) {
    case 'cont':
    case 'setext':
      return true;
    case 'list':
      return prev === 'list' || prev === 'cont';
    case 'table':
      return prev === 'table';
    case 'code':
      return prev === 'code';
    default:
      return false;
  }
}

function normaliseChunk(lines: string[], markdown: boolean): string {
  if (lines.length < 2) return lines.join('\n');
  // Indented first line: a list item's next paragraph or code; raw HTML: Markdown reads it as written.
  if (markdown && (INDENTED.test(lines[0]) || HTML_START.test(lines[0]))) return lines.join('\n');
  const kinds: LineKind[] = markdown ? lineKinds(lines) : lines.map(() => 'prose');
  const textLines = lines.filter((_, i) => kinds[i] === 'prose' || kinds[i] === 'list' || kinds[i] === 'cont' || kinds[i] === 'quote');
  if (looksHardWrapped(textLines)) return lines.join('\n');
  let out = lines[0];
  for (let i = 1; i < lines.length; i++) {
    if (staysTogether(kinds[i - 1], kinds[i])) out += `\n${lines[i]}`;
    // A prose line becomes a paragraph of its own: leading spaces would make it code.
    else out += `\n\n${kinds[i] === 'prose' ? lines[i].trimStart() : lines[i]}`;
  }
  return out;
}

export function normaliseParagraphBreaks(body: string, options: { markdown?: boolean } = {}): string {
  const markdown = options.markdown ?? true;
  const lines = body.replace(/\r\n?/g, '\n').split('\n');
  const out: string[] = [];
  let chunk: string[] = [];
  const flush = () => {
    if (chunk.length) out.push(normaliseChunk(chunk, markdown));
    chunk = [];
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const fence = markdown ? FENCE_OPEN.exec(line) : null;
    if (fence) {
      // The fence and everything to its closing fence (or the end) pass through untouched.
      flush();
      const close = new RegExp(`^ {0,3}${fence[1][0] === '`' ? '`' : '~'}{${fence[1].length},}[ \\t]*$`);
      let j = i + 1;
      while (j < lines.length && !close.test(lines[j])) j++;
      out.push(lines.slice(i, j + 1).join('\n'));
      i = j;
    } else if (line.trim() === '') {
      flush();
      out.push(line);
    } else chunk.push(line);
  }
  flush();
  return out.join('\n');
}

function blocksOfTokens(tokens: Token[], out: Block[], wrap: (html: string) => string = (h) => h): void {
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
      case 'hr':
      case 'def':
        break;
      case 'list':
        // Each item is its own passage, rendered as a one-item list so it still looks like one.
        for (const item of (token as Tokens.List).items) {
          const inner = markdown.parser([{ ...(token as Tokens.List), items: [item] }]).trim();
          push(out, wrap(inner));
        }
        break;
      case 'blockquote':
        blocksOfTokens((token as Tokens.Blockquote).tokens, out, (h) => wrap(`<blockquote>${h}</blockquote>`));
        break;
      default:
        push(out, wrap(markdown.parser([token]).trim()));
    }
  }
}

const BLOCK_TAG = '(?:ul|ol|li|p|blockquote|pre|table|thead|tbody|tr|td|th|h[1-6])';
const NEWLINE_BEFORE_BLOCK_TAG = new RegExp(`\\n+(?=</?${BLOCK_TAG}[\\s>])`, 'g');
const NEWLINE_AFTER_BLOCK_TAG = new RegExp(`(</?${BLOCK_TAG}(?:\\s[^>]*)?>)\\n+`, 'g');

/** Between two sibling blocks (</p>\n<p>) the newline separates words: keep it as one space. */
const CLOSE_THEN_OPEN = new RegExp(`(</${BLOCK_TAG}>)\\n+(<${BLOCK_TAG}[\\s>])`, 'g');

/** marked puts newlines between block tags; they would become stray text in the passage. */
function tidy(html: string): string {
  return html
    .replace(CLOSE_THEN_OPEN, '$1 $2')
    .replace(NEWLINE_BEFORE_BLOCK_TAG, '')
    .replace(NEWLINE_AFTER_BLOCK_TAG, '$1')
    .replace(/\n+(?=<\/code><\/pre>)/g, '');
}

function push(out: Block[], rawHtml: string): void {
  const html = tidy(rawHtml);
  const text = textOfHtml(html);
  if (text.trim() !== '') out.push({ text, html });
}

export function markdownBlocks(body: string): Block[] {
  const out: Block[] = [];
  blocksOfTokens(markdown.lexer(normaliseParagraphBreaks(body)), out);
  return out;
}

export function plainTextBlocks(body: string): Block[] {
  return normaliseParagraphBreaks(body, { markdown: false })
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((text) => ({ text, html: `<p>${escapeHtml(text)}</p>` }));
}
