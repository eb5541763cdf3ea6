/**
 * A title as plain text. Titles come from metadata that other programs wrote (a PDF's Title, a
 * page's og:title, a Word file's properties), and some of them put HTML there: `<b>Report<b>`,
 * `Q&amp;A`. The corpus shows titles as text, so tags are removed, entities decoded and white
 * space collapsed.
 */
import { decodeHTMLStrict } from 'entities';

/** A tag or comment: `<` directly followed by a tag name (so "a < b" is left alone). */
const TAG = /<!--[\s\S]*?(?:-->|$)|<\/?([A-Za-z][\w:-]*)(?:\s[^<>]*)?\/?>/g;
/** Tags that separate words (Title<br>Subtitle); inline ones (Electro<i>negativity</i>) do not. */
const BREAKING = /^(?:br|p|div|h[1-6]|li|tr|td|th|hr|section|header|footer|title)$/i;

function stripTags(s: string): string {
  return s.replace(TAG, (_, name: string | undefined) => (name === undefined || BREAKING.test(name) ? ' ' : ''));
}

export function plainTitle(title: string): string {
  // Tags are removed again after decoding: a title escaped twice (&lt;b&gt;) carries them encoded.
  // Strict decoding: only entities ending in ";" are decoded (so "AT&T" and "&notes" stay as written).
  return stripTags(decodeHTMLStrict(stripTags(title)))
    .replace(/\s+/g, ' ')
    .trim();
}
