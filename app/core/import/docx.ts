/** Imports a Word document (.docx) with mammoth: headings, lists and emphasis kept; metadata from docProps/core.xml. */
import { DOMParser } from '@xmldom/xmldom';
import { unzipSync } from 'fflate';
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
  const markdown = htmlToMarkdown(html);
  if (!markdown) throw importError(filename, 'the Word document has no text. Check that it is the file you meant.');
  const props = coreProperties(bytes);
  const meta = emptyMeta(filename);
  const warnings: string[] = [];
  meta.title = props.title;
  if (!meta.title) {
    const heading = /^#+ (.+)\n*/.exec(markdown);
    meta.title = heading
      ? heading[1].trim()
      : markdown
          .split('\n')[0]
          .replace(/[*_\\]/g, '')
          .slice(0, 200);
    warnings.push('The document has no title in its properties: its first line was taken. Correct it below.');
  }
  meta.author = props.creator;
  meta.date = dateField(props.created).date;
  if (meta.date) warnings.push('The date is when the document was created: correct it to the date of the speech.');
  meta.language = props.language.split('-')[0].toLowerCase();
  const body = markdown.startsWith(`# ${meta.title}\n`) ? markdown.slice(meta.title.length + 2).trimStart() : markdown;
  return { meta, markdown: body, format: 'markdown', warnings };
}
