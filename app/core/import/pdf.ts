/**
 * Imports a PDF's text layer with pdf.js (its legacy build, the one made for Node). Lines are joined
 * into paragraphs where the vertical gap between them is larger than the usual line spacing. The
 * result is plain text, not Markdown.
 */
import { dateField } from '../frontMatter';
import { dehyphenate } from './dehyphenate';
import { dropPageFurniture, type DroppedFurniture } from './pageFurniture';
import { emptyMeta, importError, type Extracted } from './types';

/** Fewer letters than this on all pages means there is no text layer: a scan or images only. */
const MIN_TEXT_CHARS = 20;

interface Line {
  text: string;
  y: number;
  height: number;
}

type TextItem = { str: string; transform: number[]; height: number; hasEOL: boolean };

/** The page's text items as lines (pdf.js marks the end of each line with hasEOL). */
function pageLines(items: TextItem[]): Line[] {
  const lines: Line[] = [];
  let current: Line | null = null;
  for (const item of items) {
    current ??= { text: '', y: item.transform[5], height: item.height };
    current.text += item.str;
    if (item.height > current.height) current.height = item.height;
    if (item.hasEOL) {
      lines.push(current);
      current = null;
    }
  }
  if (current) lines.push(current);
  return lines.map((l) => ({ ...l, text: l.text.replace(/\s+/g, ' ').trim() }));
}

/** Lines into paragraphs: a blank line, or a gap clearly wider than the page's usual line spacing, starts one. */
function paragraphs(lines: Line[]): string[] {
  const gaps = lines
    .slice(1)
    .map((l, i) => lines[i].y - l.y)
    .filter((g) => g > 0)
    .sort((a, b) => a - b);
  const usual = gaps.length ? gaps[Math.floor(gaps.length / 2)] : 0;
  const out: string[] = [];
  let para = '';
  lines.forEach((line, i) => {
    const gap = i ? lines[i - 1].y - line.y : 0;
    const breakBefore = !line.text || (usual > 0 && (gap > usual * 1.4 || gap < 0));
    if (breakBefore && para) {
      out.push(para);
      para = '';
    }
    if (!line.text) return;
    // A hyphen at the end of a line is kept with a newline after it, for dehyphenate() to decide on
    // once the whole document is read; other lines are joined with a space.
    para = !para ? line.text : /[\p{L}\p{N}]-$/u.test(para) && /^[\p{L}\p{N}]/u.test(line.text) ? `${para}\n${line.text}` : `${para} ${line.text}`;
  });
  if (para) out.push(para);
  return out;
}

/** A PDF date (D:20190307120000Z) as YYYY-MM-DD, or ''. */
function pdfDate(value: unknown): string {
  const m = typeof value === 'string' ? /^(?:D:)?(\d{4})(\d{2})?(\d{2})?/.exec(value) : null;
  if (!m) return '';
  return dateField([m[1], m[2], m[3]].filter(Boolean).join('-')).date;
}

/** What the preview says about a running header or footer left out of the text. */
function droppedWarning(d: DroppedFurniture): string {
  return `Dropped a repeated page ${d.position} (${d.count} times): “${d.text}”`;
}

/** Pages read from one PDF: enough for any speech or report, few enough that a 10,000-page file stays a quick import. */
export const MAX_PDF_PAGES = 2000;

export async function extractPdf(filename: string, bytes: Buffer, limits: { pdfPages?: number } = {}): Promise<Extracted> {
  if (bytes.subarray(0, 1024).indexOf('%PDF-') < 0)
    throw importError(filename, 'the file is not a PDF (it does not start with “%PDF-”). Check that it is the file you meant, or give it its real extension.');
  const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
  const task = pdfjs.getDocument({
    data: new Uint8Array(bytes),
    isEvalSupported: false,
    disableFontFace: true,
    useSystemFonts: false,
    verbosity: pdfjs.VerbosityLevel.ERRORS,
    stopAtErrors: false,
  });
  let pdf;
  try {
    pdf = await task.promise;
  } catch (e) {
    const name = (e as Error).name;
    if (name === 'PasswordException')
      throw importError(filename, 'the PDF is encrypted with a password. Open it in a PDF reader, save or print an unprotected copy, and import that.');
    throw importError(filename, `the PDF cannot be read (${(e as Error).message}). It may be damaged: save it again from the program that made it.`);
  }
  try {
    const lines: Line[][] = [];
    const last = Math.min(pdf.numPages, limits.pdfPages ?? MAX_PDF_PAGES);
    for (let n = 1; n <= last; n++) {
      const page = await pdf.getPage(n);
      const content = await page.getTextContent();
      lines.push(pageLines(content.items.filter((i): i is TextItem & typeof i => 'str' in i)));
      page.cleanup();
    }
    const { pages, dropped } = dropPageFurniture(lines);
    const markdown = dehyphenate(
      pages
        .map((p) => paragraphs(p).join('\n\n'))
        .filter(Boolean)
        .join('\n\n'),
    );
    if (markdown.replace(/\s/g, '').length < MIN_TEXT_CHARS) {
      throw importError(
        filename,
        `the PDF has no text to extract (${pdf.numPages === 1 ? 'its page is' : `its ${pdf.numPages} pages are`} images only, such as a scan). Run it through OCR (text recognition) first, or import the text from another source.`,
      );
    }
    const { info } = (await pdf.getMetadata()) as unknown as { info: Record<string, unknown> };
    const meta = emptyMeta(filename);
    meta.title = typeof info.Title === 'string' ? info.Title.trim() : '';
    meta.author = typeof info.Author === 'string' ? info.Author.trim() : '';
    meta.date = pdfDate(info.CreationDate);
    meta.language = typeof info.Language === 'string' ? info.Language.split('-')[0].toLowerCase() : '';
    const warnings = [
      'Paragraphs were found from the page layout: check the text for headers, footers and page numbers to delete.',
      ...dropped.map(droppedWarning),
    ];
    if (!meta.title) {
      meta.title = markdown.split('\n')[0].slice(0, 200);
      warnings.push('The PDF has no title: the first line was taken. Correct it below.');
    }
    if (meta.date) warnings.push('The date is when the PDF was made: correct it to the date of the speech.');
    if (pdf.numPages > last)
      warnings.push(`The PDF has ${pdf.numPages} pages: only the first ${last} were imported. Split it (a speech is rarely that long) to import the rest.`);
    // Plain text, stored as it is (see markdownDocument): the PDF's text is not Markdown.
    return { meta, markdown, format: 'text', warnings };
  } finally {
    await pdf.destroy();
  }
}
