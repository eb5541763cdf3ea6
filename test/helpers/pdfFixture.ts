/** Small PDFs made with pdf-lib for import tests: pages of lines at fixed positions, like a typeset document. */
import { PDFDocument, StandardFonts } from 'pdf-lib';

export interface PdfPage {
  /** Body lines from the top of the page down; '' leaves a paragraph gap. */
  lines: string[];
  header?: string;
  footer?: string;
}

/** A4 pages in Helvetica 11 pt: header at the top margin, body lines 14 pt apart, footer at the bottom margin. */
export async function makePdf(pages: PdfPage[], info: { title?: string; author?: string } = {}): Promise<Buffer> {
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  if (info.title !== undefined) pdf.setTitle(info.title);
  if (info.author !== undefined) pdf.setAuthor(info.author);
  for (const p of pages) {
    const page = pdf.addPage([595, 842]);
    const draw = (text: string, y: number) => page.drawText(text, { x: 72, y, size: 11, font });
    if (p.header) draw(p.header, 800);
    let y = 760;
    for (const line of p.lines) {
      if (line) draw(line, y);
      y -= line ? 14 : 24;
    }
    if (p.footer) draw(p.footer, 40);
  }
  return Buffer.from(await pdf.save());
}
