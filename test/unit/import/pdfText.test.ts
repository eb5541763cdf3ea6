import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { dehyphenate } from '../../../app/core/import/dehyphenate';
import { extractFile } from '../../../app/core/import/extract';
import { makePdf } from '../../helpers/pdfFixture';
import { withService } from '../../helpers/serviceCorpus';

test('a PDF’s text is stored and read back exactly as the PDF has it: no backslashes, nothing read as Markdown', async () => {
  const lines = [
    'Set the option',
    'value="***\\t" in the file.',
    '',
    '1. Introduction',
    'to the notes.',
    '',
    'An *important* point',
    'about snake_case and [brackets].',
  ];
  const pdf = await makePdf([{ lines }], { title: 'Configuration notes' });
  await withService({}, async (service, dir) => {
    const preview = await service.importPreview({ filename: 'notes.pdf', base64: pdf.toString('base64') });
    assert.equal(preview.format, 'text');
    assert.equal(
      preview.markdown,
      'Set the option value="***\\t" in the file.\n\n1. Introduction to the notes.\n\nAn *important* point about snake_case and [brackets].',
    );
    await service.importCommit({ id: 'notes', meta: preview.meta, markdown: preview.markdown, format: preview.format });
    const file = readFileSync(path.join(dir, 'notes.md'), 'utf8');
    assert.match(file, /^format: text$/m);
    assert.ok(
      file.endsWith(
        '\n\nSet the option value="***\\t" in the file.\n\n1. Introduction to the notes.\n\nAn *important* point about snake_case and [brackets].\n',
      ),
      file,
    );
    const doc = await service.document({ id: 'notes' });
    assert.deepEqual(
      doc.passages.map((p) => doc.text.slice(p.start, p.end)),
      ['Set the option value="***\\t" in the file.', '1. Introduction to the notes.', 'An *important* point about snake_case and [brackets].'],
    );
    // Editing the metadata keeps `format: text`: the text is still read as text.
    await service.updateMetadata({ id: 'notes', meta: { ...preview.meta, speakers: ['A Speaker'] } });
    assert.match(readFileSync(path.join(dir, 'notes.md'), 'utf8'), /^format: text$/m);
    assert.equal((await service.document({ id: 'notes' })).text, doc.text);
  });
});

/** Body lines of page n: different on every page, as a manual's are. */
const body = (n: number) => [
  `Section ${n} explains how to install part ${n} of the machine.`,
  `Fasten the ${['red', 'blue', 'green', 'white', 'black', 'grey'][n % 6]} panel before you switch it on,`,
  'and keep the cable clear of the fan.',
  '',
  `Check the ${n * 7} screws of step ${n} again after the first`,
  'hour of use, as the frame settles when it warms.',
  'Then close the cover.',
];

test('running headers and footers repeated on most pages are dropped, and the preview says so', async () => {
  const pages = Array.from({ length: 6 }, (_, i) => ({
    header: i === 0 ? undefined : 'ACME manual',
    footer: `ACME manual — page ${i + 1}`,
    lines: i === 2 ? [...body(i + 1), '', 'ACME manual'] : body(i + 1),
  }));
  pages[4].header = 'Chapter 2: wiring'; // on one page only: text, kept
  pages[5].header = 'Chapter 2: wiring';
  const r = await extractFile('manual.pdf', await makePdf(pages, { title: 'ACME manual' }));
  assert.ok(!/page \d/.test(r.markdown), r.markdown);
  assert.equal(r.markdown.match(/ACME manual/g)?.length, 1, 'the same words in the body are kept');
  assert.match(r.markdown, /^Chapter 2: wiring$/m, 'a header on two pages is kept');
  assert.match(r.markdown, /^Section 1 explains how to install part 1 of the machine\. Fasten the blue panel before you switch it on, and keep/);
  assert.equal(r.markdown.match(/Then close the cover\.$/gm)?.length, 6, 'a body line that ends every page is kept');
  assert.ok(r.warnings.includes('Dropped a repeated page footer (6 times): “ACME manual — page N”'), r.warnings.join('\n'));
  assert.ok(r.warnings.includes('Dropped a repeated page header (3 times): “ACME manual”'), r.warnings.join('\n'));
});

test('"Page 3 of 46" and a bare page number are one running line whatever the number; fewer than 3 pages keep theirs', async () => {
  const pages = Array.from({ length: 4 }, (_, i) => ({ header: ['Annual report 2021', String(i + 1)], footer: `Page ${i + 1} of 4`, lines: body(i + 1) }));
  const r = await extractFile('report.pdf', await makePdf(pages, { title: 'Report' }));
  assert.ok(!/Page \d|^\d+$|Annual/m.test(r.markdown), r.markdown);
  assert.match(r.markdown, /^Section 1 explains/);
  assert.ok(r.warnings.includes('Dropped a repeated page footer (4 times): “Page N of 4”'), r.warnings.join('\n'));
  assert.ok(r.warnings.includes('Dropped a repeated page header (4 times): “Annual report 2021”'), r.warnings.join('\n'));
  assert.ok(r.warnings.includes('Dropped a repeated page header (4 times): “N”'), 'the second line of a two-line header');
  const two = await extractFile('two.pdf', await makePdf(pages.slice(0, 2), { title: 'Report' }));
  assert.match(two.markdown, /Page 1 of 4/);
  assert.ok(!two.warnings.some((w) => w.startsWith('Dropped')));
  const single = Array.from({ length: 4 }, (_, i) => ({ lines: [`Slide ${i + 1}: the only line of text on this page.`] }));
  const slides = await extractFile('slides.pdf', await makePdf(single, { title: 'Slides' }));
  assert.equal(slides.markdown.match(/the only line/g)?.length, 4, 'a page’s only line is its text');
});

test('a word hyphenated at a line break is joined only when the joined word is a word: the document decides, then the parts', () => {
  // Joined: a typesetter's syllable break (no other evidence), or the joined word is used elsewhere.
  assert.equal(dehyphenate('We guarantee secu-\nrity.'), 'We guarantee security.');
  assert.equal(dehyphenate('A well-\nbeing survey. Wellbeing matters.'), 'A wellbeing survey. Wellbeing matters.');
  assert.equal(dehyphenate('The data-\nbase and the database.'), 'The database and the database.');
  // Kept: a capital or a digit after the break, a compound the document uses, a compound-making first word, a longer compound.
  assert.equal(dehyphenate('The Anglo-\nAmerican model and COVID-\n19.'), 'The Anglo-American model and COVID-19.');
  assert.equal(dehyphenate('Decision-making is hard; decision-\nmaking takes time.'), 'Decision-making is hard; decision-making takes time.');
  assert.equal(dehyphenate('A well-\nknown, self-\nmade, non-\nprofit body.'), 'A well-known, self-made, non-profit body.');
  assert.equal(dehyphenate('A state-of-the-\nart machine.'), 'A state-of-the-art machine.');
  // Not a break: a dash, or a hyphen that ends a paragraph.
  assert.equal(dehyphenate('Yes -\nno. End-\n\nnext'), 'Yes -\nno. End-\n\nnext');
});

test('a PDF’s hyphenated line breaks: syllable breaks joined, compounds kept', async () => {
  const lines = [
    'The manual explains how the secu-',
    'rity of a well-',
    'known Anglo-',
    'American design is checked, and how',
    'each data-',
    'base is kept. A database is backed up.',
  ];
  const r = await extractFile('manual.pdf', await makePdf([{ lines }], { title: 'Manual' }));
  assert.equal(
    r.markdown,
    'The manual explains how the security of a well-known Anglo-American design is checked, and how each database is kept. A database is backed up.',
  );
});
