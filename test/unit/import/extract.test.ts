import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { extractFile, slug, suggestId } from '../../../app/core/import/extract';
import { REPO } from '../../helpers/repo';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'import');
const extract = (name: string) => extractFile(name, readFileSync(path.join(FIXTURES, name)));

test('a page saved in its original Windows-1252 encoding reads as its <meta charset> says, curly quotes included', async () => {
  const para =
    'The minister said \u201cwe will defend our caf\u00e9s\u201d \u2014 and spoke at length about deterrence, resilience and the rules-based order. '.repeat(4);
  const html = `<!doctype html><html lang="en"><head><meta charset="windows-1252"><title>Caf\u00e9 speech</title></head><body><article><h1>Speech</h1><p>${para}</p></article></body></html>`;
  const bytes = Buffer.from([...html].map((c) => (({ '\u201c': 0x93, '\u201d': 0x94, '\u2014': 0x97 }) as Record<string, number>)[c] ?? c.charCodeAt(0)));
  assert.throws(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes), 'the fixture is not UTF-8');
  const r = await extractFile('cafe.html', bytes);
  assert.match(r.markdown, /said \u201cwe will defend our caf\u00e9s\u201d \u2014 and spoke/);
  await assert.rejects(
    extractFile('odd.html', Buffer.from(html.replace('windows-1252', 'x-no-such-charset').replace(/[\u201c\u201d\u2014\u00e9]/g, 'e') + '\xff', 'latin1')),
    /“x-no-such-charset” encoding, which Lectern cannot read/,
  );
});

test('a saved web page: the article as Markdown, metadata from JSON-LD before Open Graph and meta tags', async () => {
  const r = await extract('article.html');
  assert.equal(r.meta.title, 'Jeremy Hunt: democracies must deter cyber attacks on elections'); // JSON-LD headline, not og:title
  assert.equal(r.meta.author, 'Sam Reporter'); // JSON-LD author, not <meta name=author>
  assert.equal(r.meta.date, '2019-03-07');
  assert.equal(r.meta.outlet, 'The Daily Ledger');
  assert.equal(r.meta.language, 'en');
  assert.equal(r.meta.kind, 'news-report');
  assert.deepEqual(r.meta.speakers, [], 'the journalist is not taken for a speaker');
  assert.equal(r.meta.source, 'article.html');
  assert.match(r.markdown, /^The Foreign Secretary, Jeremy Hunt, told an audience in Glasgow/);
  assert.match(r.markdown, /\*threat to our democracies\*/);
  assert.match(r.markdown, /^## A doctrine of deterrence$/m);
  assert.match(r.markdown, /^-\s+Sanctions against individuals/m);
  for (const chrome of ['Subscribe', 'cookies', 'Most read', 'All rights reserved', 'analytics', 'hunt.jpg', 'By Sam Reporter']) {
    assert.ok(!r.markdown.includes(chrome), `page furniture "${chrome}" is left out`);
  }
  assert.ok(r.warnings.some((w) => /publication date/.test(w)));
});

test('a page with Open Graph tags only falls back to them', async () => {
  const html = readFileSync(path.join(FIXTURES, 'article.html'), 'utf8').replace(/<script type="application\/ld\+json">[\s\S]*?<\/script>/, '');
  const r = await extractFile('og.html', Buffer.from(html));
  assert.equal(r.meta.title, 'Hunt warns of cyber threats to democracy');
  assert.equal(r.meta.outlet, 'The Daily Ledger');
  assert.equal(r.meta.date, '2019-03-07');
  assert.equal(r.meta.author, 'A Meta Author');
});

test('a PDF: its text layer in paragraphs, title, author and date from its info', async () => {
  const r = await extract('speech.pdf');
  assert.equal(r.meta.title, 'Speech on cyber deterrence');
  assert.equal(r.meta.author, 'Jeremy Hunt');
  assert.equal(r.meta.date, '2019-03-07');
  const paragraphs = r.markdown.split('\n\n');
  assert.equal(paragraphs.length, 3, r.markdown);
  assert.match(paragraphs[0], /^Thank you for inviting me to Glasgow\. .* deter them\.$/);
  assert.match(paragraphs[2], /doctrine of deterrence\.$/);
});

test('a Word document: headings and emphasis kept, title and author from its properties', async () => {
  const r = await extract('statement.docx');
  assert.equal(r.meta.title, 'Statement on the Salisbury attack');
  assert.equal(r.meta.author, 'Theresa May');
  assert.match(r.markdown, /^Mr Speaker, with permission, I would like to update the House on the \*\*Salisbury incident\*\*\./);
  assert.match(r.markdown, /^## Our response$/m);
  assert.ok(!r.markdown.startsWith('# Statement'), 'the title heading moved into the metadata');
});

test('a text file: the first line is the title; Markdown characters in the text are escaped', async () => {
  const r = await extract('notes.txt');
  assert.equal(r.meta.title, 'Notes on the Glasgow speech');
  assert.match(r.markdown, /^The speech was given/);
  assert.match(r.markdown, /\\\*deterrence\\\*/);
  assert.match(r.markdown, /^\\# not a heading$/m);
});

test('a Markdown file keeps its front matter as metadata and its body as it is', async () => {
  const r = await extract('remarks.md');
  assert.equal(r.meta.title, 'Remarks at the cyber security conference');
  assert.deepEqual(r.meta.speakers, ['Dominic Raab']);
  assert.equal(r.meta.date, '2021-05-12');
  assert.equal(r.meta.outlet, 'Gov.uk');
  assert.equal(r.meta.kind, 'transcript');
  assert.equal(
    r.markdown,
    'Good morning everyone, and thank you for joining this conference.\n\nCyber security is a shared responsibility of governments and industry.',
  );
  assert.deepEqual(r.warnings, []);
});

const BAD: [string, RegExp][] = [
  ['encrypted.pdf', /encrypted with a password/],
  ['scanned.pdf', /no text to extract .*images only.*OCR/],
  ['not-a-zip.docx', /not a Word \.docx document \(it is not a ZIP archive/],
  ['no-article.html', /no article text was found in the page/],
  ['letter.rtf', /“\.rtf” files are not a type Lectern imports\. Import \.txt, \.md, \.html/],
];
for (const [file, reason] of BAD) {
  test(`bad input: ${file} is refused with a message naming the file and the reason`, async () => {
    await assert.rejects(extract(file), (e: Error) => {
      assert.ok(e.message.startsWith(`Cannot import “${file}”: `), e.message);
      assert.match(e.message, reason);
      assert.match(e.message, /Nothing was written to the corpus\.$/);
      return true;
    });
  });
}

test('bad input: empty files, binary text and PDFs that are not PDFs are refused too', async () => {
  await assert.rejects(extractFile('empty.txt', Buffer.alloc(0)), /“empty\.txt”: the file is empty/);
  await assert.rejects(extractFile('bin.txt', Buffer.from([0x41, 0, 0x42])), /“bin\.txt”: the file looks like a binary file/);
  await assert.rejects(extractFile('fake.pdf', Buffer.from('hello')), /“fake\.pdf”: the file is not a PDF/);
});

test('ids are made from date and title, and kept unique', () => {
  assert.equal(slug('Jeremy Hunt: democracies must deter attacks on élections!'), 'jeremy-hunt-democracies-must-deter-attacks-on-elections');
  assert.equal(
    slug('A very long title that goes on and on well beyond any sensible length for a file name'),
    'a-very-long-title-that-goes-on-and-on-well-beyond-any',
  );
  assert.equal(slug('!!!'), 'document');
  const taken = new Set(['2019-03-07-speech', '2019-03-07-speech-2']);
  assert.equal(
    suggestId({ title: 'Speech', date: '2019-03-07' }, (id) => taken.has(id)),
    '2019-03-07-speech-3',
  );
  assert.equal(
    suggestId({ title: 'Speech', date: '' }, () => false),
    'speech',
  );
});
