/**
 * Imports a saved web page: the article text is found by Readability (Firefox's reader view) over a
 * linkedom DOM and turned into Markdown; the metadata comes from JSON-LD, then Open Graph and other
 * meta tags, then what Readability found.
 */
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { dateField } from '../frontMatter';
import { htmlToMarkdown } from './htmlToMarkdown';
import { decodeImportedText } from './text';
import { emptyMeta, importError, type Extracted } from './types';

/** Fewer characters than this in the article is a page without one (an index, a login wall, an error page). */
const MIN_ARTICLE_CHARS = 200;

type Json = Record<string, unknown>;
const ARTICLE_TYPES = /^(?:Article|NewsArticle|ReportageNewsArticle|AnalysisNewsArticle|OpinionNewsArticle|BlogPosting|Report|ScholarlyArticle|SocialMediaPosting|WebPage|Speech)$/;

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
  for (const script of doc.querySelectorAll('script[type="application/ld+json"]')) {
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
    title: text(article.headline) || text(article.name) || metaContent(doc, 'og:title', 'twitter:title') || (doc.querySelector('title')?.textContent ?? '').trim(),
    authors: names(article.author).length ? names(article.author) : names(metaContent(doc, 'author', 'article:author', 'byl', 'dc.creator', 'citation_author')),
    date: text(article.datePublished) || text(article.dateCreated) || metaContent(doc, 'article:published_time', 'datePublished', 'date', 'dc.date', 'citation_date', 'pubdate'),
    site: publisher || metaContent(doc, 'og:site_name', 'application-name'),
    language: text(article.inLanguage) || doc.documentElement.getAttribute('lang')?.trim() || ogLocale,
    isNews: types(article).some((t) => /NewsArticle$/.test(t)),
  };
}

export function extractHtml(filename: string, bytes: Buffer): Extracted {
  const source = decodeImportedText(filename, bytes);
  const { document } = parseHTML(source);
  if (!document.documentElement) throw importError(filename, 'the file is not an HTML page (no <html> element was found). Save the page as “Web page, HTML only” and import that.');
  const found = pageMetadata(document as unknown as Document);
  const article = new Readability(document as unknown as Document, { charThreshold: MIN_ARTICLE_CHARS }).parse();
  const markdown = article?.content ? htmlToMarkdown(article.content) : '';
  if (!article || (article.textContent ?? '').trim().length < MIN_ARTICLE_CHARS || !markdown) {
    throw importError(filename, 'no article text was found in the page (it may be an index page, a cookie or login wall, or a page that builds its text with scripts). Open the article in a browser, save it as a complete web page once its text shows, and import that file; or copy the text into a .txt file.');
  }
  const warnings: string[] = [];
  const meta = emptyMeta(filename);
  meta.title = found.title || (article.title ?? '').trim();
  meta.author = found.authors.join('; ') || (article.byline ?? '').replace(/^by\s+/i, '').trim();
  const date = dateField(found.date || article.publishedTime || '');
  meta.date = date.date;
  if (!meta.date) warnings.push('No publication date was found in the page: enter the date of the speech.');
  else warnings.push('The date is the page’s publication date: correct it if the speech was given on another day.');
  // Readability keeps the byline line when the author came from elsewhere: it is metadata, not text.
  const byline = meta.author ? new RegExp(`^(?:by\\s+)?${meta.author.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\.?\\s*(?:\\n\\n|$)`, 'i') : null;
  const body = byline ? markdown.replace(byline, '') : markdown;
  meta.outlet = found.site || (article.siteName ?? '').trim();
  meta.language = (found.language || article.lang || '').split(/[-_]/)[0].toLowerCase();
  meta.kind = found.isNews ? 'news-report' : '';
  if (meta.author) warnings.push(`The page’s author (${meta.author}) is kept as the author, not as a speaker: enter who speaks in the text.`);
  return { meta, markdown: body, warnings };
}
