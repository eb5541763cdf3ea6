/** Article HTML (from Readability or mammoth) as Markdown: headings, lists, quotes and emphasis kept; images and scripts dropped. */
import TurndownService from 'turndown';

const turndown = new TurndownService({ headingStyle: 'atx', bulletListMarker: '-', codeBlockStyle: 'fenced', emDelimiter: '*' });
// Images, media and embedded frames carry no text for the corpus (and would point outside the machine).
turndown.remove([
  'svg' as keyof HTMLElementTagNameMap,
  'script',
  'style',
  'noscript',
  'iframe',
  'object',
  'embed',
  'video',
  'audio',
  'picture',
  'img',
  'figure',
  'form',
  'button',
]);

export function htmlToMarkdown(html: string): string {
  return turndown
    .turndown(html)
    .replace(/[ \t]+\n/g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}
