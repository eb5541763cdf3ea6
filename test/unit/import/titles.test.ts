import assert from 'node:assert/strict';
import { test } from 'node:test';
import { Document, FootnoteReferenceRun, HeadingLevel, Packer, Paragraph, TextRun } from 'docx';
import { extractFile } from '../../../app/core/import/extract';
import { plainTitle } from '../../../app/core/import/plainTitle';
import { makePdf } from '../../helpers/pdfFixture';

const LINES = ['This report describes how the desktop application was checked for unsafe settings.', 'It lists what was found and what was changed.'];
const article = (head: string) =>
  Buffer.from(
    `<!doctype html><html lang="en"><head>${head}</head><body><article><h1>Heading</h1><p>${'The council met on Tuesday to discuss the budget for the coming year, and the debate went on late into the night. '.repeat(4)}</p></article></body></html>`,
  );

test('titles are plain text: HTML in a title is removed, entities decoded, white space collapsed', () => {
  assert.equal(plainTitle('<b>Electronegativity<b> report'), 'Electronegativity report');
  assert.equal(plainTitle('Q&amp;A:  the <i>new</i>\n rules'), 'Q&A: the new rules');
  assert.equal(plainTitle('&lt;b&gt;Budget&lt;/b&gt; 2021'), 'Budget 2021', 'a title escaped twice');
  assert.equal(plainTitle('Title<br>Subtitle'), 'Title Subtitle');
  assert.equal(plainTitle('Risk < reward > cost, AT&T'), 'Risk < reward > cost, AT&T', 'text that only looks like markup stays');
});

test('a PDF whose Title is HTML gets a plain-text title', async () => {
  const r = await extractFile('report.pdf', await makePdf([{ lines: LINES }], { title: '<b>Electronegativity<b> report' }));
  assert.equal(r.meta.title, 'Electronegativity report');
});

test('a web page and a Word document whose titles are HTML get plain-text titles', async () => {
  const page = await extractFile('page.html', article('<meta property="og:title" content="&lt;em&gt;Budget&lt;/em&gt; &amp;amp; tax"><title>x</title>'));
  assert.equal(page.meta.title, 'Budget & tax');
  const docx = await Packer.toBuffer(new Document({ title: '<b>Annual</b>  statement', sections: [{ children: LINES.map((l) => new Paragraph(l)) }] }));
  assert.equal((await extractFile('statement.docx', docx)).meta.title, 'Annual statement');
});

test('a Word document without a title property takes its first heading or paragraph as plain text: no list marker, emphasis or footnote link', async () => {
  const body = LINES.map((l) => new Paragraph(l));
  const footnotes = { 1: { children: [new Paragraph('Figures are provisional.')] } };
  const docx = (first: Paragraph) => Packer.toBuffer(new Document({ footnotes, sections: [{ children: [first, ...body] }] }));
  const list = await extractFile('list.docx', await docx(new Paragraph({ text: 'Apple', bullet: { level: 0 } })));
  assert.equal(list.meta.title, 'Apple');
  const heading = await extractFile(
    'heading.docx',
    await docx(
      new Paragraph({
        heading: HeadingLevel.HEADING_1,
        children: [new TextRun({ text: 'Budget', bold: true }), new TextRun(' statement'), new FootnoteReferenceRun(1)],
      }),
    ),
  );
  assert.equal(heading.meta.title, 'Budget statement');
  assert.match(heading.markdown, /^This report describes/, 'the title heading moved into the metadata');
  assert.match(heading.markdown, /Figures are provisional\./, 'the footnote itself stays');
  const paragraph = await extractFile('para.docx', await docx(new Paragraph({ children: [new TextRun('Budget statement'), new FootnoteReferenceRun(1)] })));
  assert.equal(paragraph.meta.title, 'Budget statement');
});
