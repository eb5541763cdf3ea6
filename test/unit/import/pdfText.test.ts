import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
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
  });
});
