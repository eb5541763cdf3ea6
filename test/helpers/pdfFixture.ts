/** Small PDFs made with pdf-lib for import tests: pages of lines at fixed positions, like a typeset document. */
import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface PdfPage {
  /** Body lines from the top of the page down; '' leaves a paragraph gap. */
  lines: string[];
  /** Lines in the top margin (one or more, 14 pt apart). */
  header?: string | string[];
  /** Lines in the bottom margin. */
  footer?: string | string[];
}

/** A4 pages in Helvetica 11 pt: header in the top margin, body lines 14 pt apart from y = 760 down, footer in the bottom margin. */
export async function makePdf(pages: PdfPage[], info: { title?: string; author?: string } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  if (info.title !== undefined) pdf.setTitle(info.title);
  if (info.author !== undefined) pdf.setAuthor(info.author);
  for (const p of pages) {
    const page = pdf.addPage([595, 842]);
    const draw = (text: string, y: number) => page.drawText(text, { x: 72, y, size: 11, font });
    [p.header ?? []].flat().forEach((line, i) => draw(line, 810 - 14 * i));
    let y = 760;
    for (const line of p.lines) {
      if (line) draw(line, y);
      y -= line ? 14 : 24;
    }
    [p.footer ?? []].flat().forEach((line, i, all) => draw(line, 30 + 14 * (all.length - 1 - i)));
  }
  return Buffer.from(await pdf.save());
}
