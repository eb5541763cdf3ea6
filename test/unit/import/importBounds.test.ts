/**
 * Imports of hostile files (issue 13): each is extracted in a worker within a time and memory
 * budget, and a zip bomb, a 10,000-page PDF or a deeply nested page costs a message, never the app.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { zipSync } from 'fflate';
import { PDFDocument, StandardFonts } from 'pdf-lib';
import { LecternError } from '../../../app/common/errors';
import { extractBounded } from '../../../app/core/import/boundedExtract';
import { MAX_DOCX_UNZIPPED_BYTES } from '../../../app/core/import/docx';
import { MAX_PDF_PAGES } from '../../../app/core/import/pdf';

const refusedWith = (pattern: RegExp) => (e: unknown) => e instanceof LecternError && e.code === 'bad-import' && pattern.test(e.message);

test('a zip bomb (.docx unpacking to 250 MB) is refused from its directory, without unpacking it', async () => {
  const zeros = new Uint8Array(MAX_DOCX_UNZIPPED_BYTES + 50 * 1024 * 1024);
  const bomb = Buffer.from(zipSync({ 'word/document.xml': zeros, '[Content_Types].xml': new TextEncoder().encode('<Types/>') }, { level: 9 }));
  assert.ok(bomb.length < 2 * 1024 * 1024, `the bomb is ${bomb.length} bytes`);
  await assert.rejects(extractBounded('bomb.docx', bomb), refusedWith(/“bomb.docx”.*unpack to 250 MB.*zip bomb/));
});

test('a PDF of 10,000 pages imports its first pages up to the cap, and says so', async () => {
  // Reading 2,000 pages takes pdf.js about 30 s: the test lowers the cap to 50 to reach it quickly.
  assert.equal(MAX_PDF_PAGES, 2000);
  const cap = 50;
  const pdf = await PDFDocument.create();
  const font = await pdf.embedFont(StandardFonts.Helvetica);
  for (let n = 1; n <= 10_000; n++) pdf.addPage([300, 200]).drawText(`Page number ${n} of the long report.`, { x: 20, y: 100, size: 10, font });
  const extracted = await extractBounded('long.pdf', Buffer.from(await pdf.save()), { limits: { pdfPages: cap } });
  assert.ok(extracted.markdown.includes(`Page number ${cap} of`));
  assert.ok(!extracted.markdown.includes(`Page number ${cap + 1} of`));
  assert.ok(extracted.warnings.some((w) => w.includes(`10000 pages: only the first ${cap} were imported`)));
});

test('a page nested 100,000 elements deep is refused from its tags, with a message naming the file; the budget stops a slow page', async () => {
  const nested = (levels: number) =>
    Buffer.from(
      `<html><head><title>Deep</title></head><body>${'<div>'.repeat(levels)}<p>${'The speech text is here, deep down. '.repeat(40)}</p>${'</div>'.repeat(levels)}</body></html>`,
    );
  await assert.rejects(extractBounded('deep.html', nested(100_000)), refusedWith(/“deep.html”: the page nests its elements 10000\d deep/));
  // 100 levels are read (deeper than any real page).
  assert.ok((await extractBounded('fine.html', nested(100))).markdown.includes('The speech text is here'));
  // With a budget it cannot meet, a page is refused with the reason, and nothing is left running.
  await assert.rejects(extractBounded('fine.html', nested(100), { budgetMs: 1 }), refusedWith(/“fine.html”: it took longer than 0.001 s to read/));
});
