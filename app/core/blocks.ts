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
 * Web text often has one paragraph per line and no blank lines; Markdown would glue such lines
 * into one paragraph. When a body has several lines and no blank line, each line is a paragraph.
 */
export function normaliseParagraphBreaks(body: string): string {
  const text = body.replace(/\r\n?/g, '\n');
  const lines = text.split('\n').filter((l) => l.trim() !== '');
  if (lines.length > 1 && !/\n[ \t]*\n/.test(text.trim())) return lines.join('\n\n');
  return text;
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
  return normaliseParagraphBreaks(body)
    .split(/\n[ \t]*\n/)
    .map((p) => p.trim())
    .filter((p) => p !== '')
    .map((text) => ({ text, html: `<p>${escapeHtml(text)}</p>` }));
}
