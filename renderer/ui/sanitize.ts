/** Corpus text is hostile: each passage's HTML goes through DOMPurify with a tight allow-list before it reaches the page. */
import DOMPurify, { type Config } from 'dompurify';

const CONFIG: Config & { RETURN_DOM_FRAGMENT: true } = {
  ALLOWED_TAGS: [
    'p',
    'h1',
    'h2',
    'h3',
    'h4',
    'h5',
    'h6',
    'ul',
    'ol',
    'li',
    'blockquote',
    'pre',
    'code',
    'em',
    'strong',
    'del',
    'a',
    'br',
    'table',
    'thead',
    'tbody',
    'tr',
    'th',
    'td',
  ],
  ALLOWED_ATTR: ['href', 'title'],
  // Only web links survive: javascript:, data:, file: and relative hrefs are dropped.
  ALLOWED_URI_REGEXP: /^https?:/i,
  ALLOW_DATA_ATTR: false,
  ALLOW_ARIA_ATTR: false,
  RETURN_DOM_FRAGMENT: true,
};

/** The passage's HTML as a sanitised fragment, or its plain text if sanitising changed the text (offsets depend on it). */
export function passageContent(html: string, text: string): DocumentFragment {
  const frag = DOMPurify.sanitize(html, CONFIG) as DocumentFragment;
  if (frag.textContent === text) return frag;
  const plain = document.createDocumentFragment();
  plain.append(document.createElement('p'));
  plain.firstChild!.textContent = text;
  return plain;
}

/** The link's target when it is safe to hand to the system browser (http/https only), else null. */
export function webLink(href: string | null): string | null {
  if (!href) return null;
  try {
    const url = new URL(href);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}
