/** Imports a Word document (.docx) with mammoth: headings, lists and emphasis kept; metadata from docProps/core.xml. */
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
import { parseHTML } from 'linkedom';
import mammoth from 'mammoth';
import { dateField } from '../frontMatter';
import { htmlToMarkdown } from './htmlToMarkdown';
import { emptyMeta, importError, type Extracted } from './types';

/** Title, author, date and language from the document's core properties, when it has them. */
function coreProperties(bytes: Buffer): { title: string; creator: string; created: string; language: string } {
  const none = { title: '', creator: '', created: '', language: '' };
  let xml: Uint8Array | undefined;
  try {
    xml = unzipSync(new Uint8Array(bytes), { filter: (f) => f.name === 'docProps/core.xml' })['docProps/core.xml'];
  } catch {
    return none;
  }
  if (!xml) return none;
  const doc = new DOMParser({ errorHandler: () => {} }).parseFromString(Buffer.from(xml).toString('utf8'), 'text/xml');
  const field = (local: string) => (doc.getElementsByTagNameNS('*', local)[0]?.textContent ?? '').trim();
  return { title: field('title'), creator: field('creator'), created: field('created'), language: field('language') };
}

/** Footnote and endnote markers mammoth writes (<sup><a href="#footnote-1">[1]</a></sup>): not words of a title. */
const NOTE_REFERENCES = 'sup:has(a[href^="#footnote-"]), sup:has(a[href^="#endnote-"]), a[href^="#footnote-"], a[href^="#endnote-"]';

/**
 * The document's first heading or paragraph (or list item), as plain text: the title when the
 * properties have none. It is read from mammoth's HTML, not from the Markdown made of it, so that
 * no list marker ("- Apple"), emphasis or footnote link ("[1](#footnote-1)") comes with it.
 */
function firstBlock(body: HTMLElement): { element: Element | null; text: string } {
  for (const el of Array.from(body.querySelectorAll('h1, h2, h3, h4, h5, h6, p, li'))) {
    // A list item holding a paragraph is read through that paragraph.
    if (el.tagName === 'LI' && el.querySelector('p, h1, h2, h3, h4, h5, h6')) continue;
    const copy = el.cloneNode(true) as Element;
    copy.querySelectorAll(NOTE_REFERENCES).forEach((ref) => ref.remove());
    copy.querySelectorAll('br').forEach((br) => br.replaceWith('\n'));
    const text = (copy.textContent ?? '').split('\n').find((line) => line.trim()) ?? '';
    if (text.trim()) return { element: el, text: text.replace(/\s+/g, ' ').trim() };
  }
  return { element: null, text: '' };
}

/** What a .docx may unpack to: its text and styles are a few MB; far more is a zip bomb (the worker's heap limit catches one that lies about its sizes). */
export const MAX_DOCX_UNZIPPED_BYTES = 200 * 1024 * 1024;

/** The sizes the archive declares for its entries once unpacked, read from its directory without unpacking anything. */
function declaredUnzippedBytes(bytes: Buffer): number {
  let total = 0;
  try {
    unzipSync(new Uint8Array(bytes), {
      filter: (f) => {
        total += f.originalSize;
        return false;
      },
    });
  } catch {
    // A damaged archive: mammoth says what is wrong with it.
  }
  return total;
}

export async function extractDocx(filename: string, bytes: Buffer): Promise<Extracted> {
  // A .docx is a ZIP archive: anything else (an old binary .doc renamed, a text file) is refused here.
  if (bytes.length < 4 || bytes.readUInt32LE(0) !== 0x04034b50) {
    throw importError(
      filename,
      'the file is not a Word .docx document (it is not a ZIP archive; an old .doc file renamed?). Open it in Word or LibreOffice, save it as .docx, and import that.',
    );
  }
  const inflated = declaredUnzippedBytes(bytes);
  if (inflated > MAX_DOCX_UNZIPPED_BYTES) {
    throw importError(
      filename,
      `the document would unpack to ${Math.round(inflated / 1048576)} MB (a Word file of text unpacks to a few MB; this looks like a "zip bomb"). Open it in Word or LibreOffice, save it again as .docx, and import that.`,
    );
  }
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: bytes })).value;
  } catch (e) {
    throw importError(
      filename,
      `the Word document cannot be read (${(e as Error).message.split('\n')[0]}). Open it in Word or LibreOffice, save it again as .docx, and import that.`,
    );
  }
  if (!htmlToMarkdown(html)) throw importError(filename, 'the Word document has no text. Check that it is the file you meant.');
  const props = coreProperties(bytes);
  const meta = emptyMeta(filename);
  const warnings: string[] = [];
  // linkedom's DOM (app/ compiles without DOM.Iterable, hence Array.from above).
  const body = (parseHTML(`<!doctype html><html><body>${html}</body></html>`).document as unknown as Document).body;
  const first = firstBlock(body);
  meta.title = props.title.replace(/\s+/g, ' ').trim();
  if (!meta.title) {
    meta.title = first.text.slice(0, 200);
    warnings.push('The document has no title in its properties: its first line was taken. Correct it below.');
  }
  meta.author = props.creator;
  meta.date = dateField(props.created).date;
  if (meta.date) warnings.push('The date is when the document was created: correct it to the date of the speech.');
  meta.language = props.language.split('-')[0].toLowerCase();
  // A first heading that is the title moves into the metadata.
  if (first.element?.tagName === 'H1' && first.text === meta.title) first.element.remove();
  return { meta, markdown: htmlToMarkdown(body.innerHTML), format: 'markdown', warnings };
}
