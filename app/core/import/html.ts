/**
 * Imports a saved web page: the article text is found by Readability (Firefox's reader view) over a
 * linkedom DOM and turned into Markdown; the metadata comes from JSON-LD, then Open Graph and other
 * meta tags, then what Readability found.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { dateField } from '../frontMatter';
import { takeBylineElement, takeLeadingByline } from './byline';
import { htmlToMarkdown } from './htmlToMarkdown';
import { decodeImportedText } from './text';
import { emptyMeta, importError, type Extracted } from './types';

/** Fewer characters than this in the article is a page without one (an index, a login wall, an error page). */
const MIN_ARTICLE_CHARS = 200;

type Json = Record<string, unknown>;
const ARTICLE_TYPES =
  /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report|ScholarlyArticle|SocialMediaPosting|WebPage|Speech)$/;

/** Every object in the page's JSON-LD blocks (including @graph members); broken blocks are skipped. */
function jsonLdObjects(doc: Document): Json[] {
  const out: Json[] = [];
  const visit = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(visit);
    else if (v && typeof v === 'object') {
      out.push(v as Json);
      if ('@graph' in v) visit((v as Json)['@graph']);
    }
  };
  // Array.from: app/ compiles without DOM.Iterable (it runs in Node; the DOM here is linkedom's).
  for (const script of Array.from(doc.querySelectorAll('script[type="application/ld+json"]'))) {
    try {
      visit(JSON.parse(script.textContent ?? ''));
    } catch {
      // A broken block is the page's problem: the other sources of metadata still apply.
    }
  }
  return out;
}

function types(o: Json): string[] {
  const t = o['@type'];
  return (Array.isArray(t) ? t : [t]).filter((x): x is string => typeof x === 'string');
}

function names(v: unknown): string[] {
  if (Array.isArray(v)) return v.flatMap(names);
  if (typeof v === 'string') return v.trim() && !/^https?:\/\//.test(v) ? [v.trim()] : [];
  if (v && typeof v === 'object' && typeof (v as Json).name === 'string') return names((v as Json).name);
  return [];
}

function text(v: unknown): string {
  return typeof v === 'string' ? v.trim() : '';
}

function metaContent(doc: Document, ...keys: string[]): string {
  for (const key of keys) {
    const el = doc.querySelector(`meta[property="${key}"], meta[name="${key}"], meta[itemprop="${key}"]`);
    const v = el?.getAttribute('content')?.trim();
    if (v) return v;
  }
  return '';
}

/** The page's metadata, before Readability changes the DOM. */
function pageMetadata(doc: Document): { title: string; authors: string[]; date: string; site: string; language: string; isNews: boolean } {
  const ld = jsonLdObjects(doc);
  const article = ld.find((o) => types(o).some((t) => ARTICLE_TYPES.test(t) && t !== 'WebPage')) ?? ld.find((o) => types(o).includes('WebPage')) ?? {};
  const publisher = names(article.publisher)[0] ?? names(ld.find((o) => types(o).includes('Organization'))?.name)[0] ?? '';
  const ogLocale = metaContent(doc, 'og:locale').replace('_', '-');
  return {
    title:
      text(article.headline) || text(article.name) || metaContent(doc, 'og:title', 'twitter:title') || (doc.querySelector('title')?.textContent ?? '').trim(),
    authors: names(article.author).length ? names(article.author) : names(metaContent(doc, 'author', 'article:author', 'byl', 'dc.creator', 'citation_author')),
    date:
      text(article.datePublished) ||
      text(article.dateCreated) ||
      metaContent(doc, 'article:published_time', 'datePublished', 'date', 'dc.date', 'citation_date', 'pubdate'),
    site: publisher || metaContent(doc, 'og:site_name', 'application-name'),
    language: text(article.inLanguage) || doc.documentElement.getAttribute('lang')?.trim() || ogLocale,
    isNews: types(article).some((t) => /NewsArticle$/.test(t)),
  };
}

/**
 * The date of the page's <time datetime> element, the published one first: a page without date
 * metadata often still has one beside its headline. Its date part as written, YYYY-MM-DD (not
 * moved to UTC: 23:30 in New York on 12 May is 12 May), or ''.
 */
function timeElementDate(doc: Document): string {
  const time = doc.querySelector('time[itemprop~="datePublished"][datetime], time[pubdate][datetime]') ?? doc.querySelector('time[datetime]');
  const iso = /^\d{4}(?:-\d{2}(?:-\d{2})?)?/.exec(time?.getAttribute('datetime')?.trim() ?? '');
  return iso ? dateField(iso[0]).date : '';
}

/**
 * A saved page keeps the encoding it was served in: browsers' "Save page" writes Windows-1252 or
 * ISO-8859-1 pages as they came. The page's own <meta charset> (or http-equiv) names it, within
 * its first 1024 bytes as the HTML standard requires; UTF-8 and UTF-16 are read as usual.
 */
function decodeHtml(filename: string, bytes: Buffer): string {
  const head = bytes.subarray(0, 1024).toString('latin1');
  const label = /<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)/i.exec(head)?.[1]?.toLowerCase();
  if (!label || /^(utf-?8|utf-?16(le|be)?|unicode)$/.test(label) || bytes[0] === 0xef || bytes[0] === 0xfe || bytes[0] === 0xff) {
    return decodeImportedText(filename, bytes);
  }
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(label);
  } catch {
    throw importError(
      filename,
      `the page says its text is in the “${label}” encoding, which Lectern cannot read. Open it in a browser and save it again as UTF-8, or copy its text into a .txt file.`,
    );
  }
  if (bytes.includes(0)) return decodeImportedText(filename, bytes); // reports the binary file
  const text = decoder.decode(bytes);
  // Node decodes windows-1252 (also what "iso-8859-1" and "us-ascii" mean on the web) as Latin-1,
  // turning its curly quotes and dashes (0x80–0x9F) into control characters: map them as browsers do.
  return decoder.encoding === 'windows-1252' ? text.replace(/[\u0080-\u009f]/g, (c) => WINDOWS_1252_HIGH[c.charCodeAt(0) - 0x80] || c) : text;
}

const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/** Element nesting read from a page: real pages nest a few dozen deep; the DOM and Readability recurse per level. */
export const MAX_HTML_DEPTH = 256;
const VOID_ELEMENTS = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

/** The deepest element nesting of a page, from its tags alone (an estimate: unclosed <p> and <li> count as open). */
export function htmlDepth(source: string): number {
  let depth = 0;
  let deepest = 0;
  for (const m of source.matchAll(/<(\/?)([a-zA-Z][\w-]*)[^>]*?(\/?)>/g)) {
    if (m[1]) depth = Math.max(0, depth - 1);
    else if (!m[3] && !VOID_ELEMENTS.has(m[2].toLowerCase())) deepest = Math.max(deepest, ++depth);
  }
  return deepest;
}

export function extractHtml(filename: string, bytes: Buffer): Extracted {
  const source = decodeHtml(filename, bytes);
  const depth = htmlDepth(source);
  if (depth > MAX_HTML_DEPTH)
    throw importError(
      filename,
      `the page nests its elements ${depth} deep (a web page nests a few dozen; Lectern reads up to ${MAX_HTML_DEPTH}). Save the article alone (your browser's reader view, then Save Page As) and import that.`,
    );
  const { document } = parseHTML(source);
  if (!document.documentElement)
    throw importError(filename, 'the file is not an HTML page (no <html> element was found). Save the page as “Web page, HTML only” and import that.');
  const found = pageMetadata(document as unknown as Document);
  const timeDate = timeElementDate(document as unknown as Document);
  // Removed before Readability reads the page, "By" and all (see byline.ts).
  const bylineAuthor = takeBylineElement(document as unknown as Document);
  const article = new Readability(document as unknown as Document, { charThreshold: MIN_ARTICLE_CHARS }).parse();
  const leading = takeLeadingByline(article?.content ? htmlToMarkdown(article.content) : '');
  const markdown = leading.markdown;
  if (!article || (article.textContent ?? '').trim().length < MIN_ARTICLE_CHARS || !markdown) {
    throw importError(
      filename,
      'no article text was found in the page (it may be an index page, a cookie or login wall, or a page that builds its text with scripts). Open the article in a browser, save it as a complete web page once its text shows, and import that file; or copy the text into a .txt file.',
    );
  }
  const warnings: string[] = [];
  const meta = emptyMeta(filename);
  meta.title = found.title || (article.title ?? '').trim();
  meta.author = found.authors.join('; ') || bylineAuthor || (article.byline ?? '').replace(/^by\s+/i, '').trim() || leading.author;
  // Date metadata first; the page's <time> element when there is none (or none that is a date).
  meta.date = dateField(found.date || article.publishedTime || '').date || timeDate;
  if (!meta.date) warnings.push('No publication date was found in the page: enter the date of the speech.');
  else warnings.push('The date is the page’s publication date: correct it if the speech was given on another day.');
  // Readability keeps the byline line when the author came from elsewhere: it is metadata, not text.
  const byline = meta.author ? new RegExp(`^(?:by\\s+)?${meta.author.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.?\\s*(?:\\n\\n|$)`, 'i') : null;
  const body = byline ? markdown.replace(byline, '') : markdown;
  meta.outlet = found.site || (article.siteName ?? '').trim();
  meta.language = (found.language || article.lang || '').split(/[-_]/)[0].toLowerCase();
  meta.kind = found.isNews ? 'news-report' : '';
  if (meta.author) warnings.push(`The page’s author (${meta.author}) is kept as the author, not as a speaker: enter who speaks in the text.`);
  return { meta, markdown: body, format: 'markdown', warnings };
}
