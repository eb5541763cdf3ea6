/**
 * Cleaning that a small edit cannot flip: paragraphs are read chunk by chunk, a rule cannot remove
 * most of a document, and a document's only paragraph is never taken for a repeat of its title.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { Document, Packer, Paragraph } from 'docx';
import { countWords } from '../../../app/core/analysis/tokens';
import { anchorQuote, describeRange } from '../../../app/core/annotations/reanchor';
import { markdownBlocks, normaliseParagraphBreaks, plainTextBlocks } from '../../../app/core/blocks';
import { loadCorpus } from '../../../app/core/corpus';
import { extractFile } from '../../../app/core/import/extract';
import { markdownDocument } from '../../../app/core/import/writeDocument';
import { search } from '../../../app/core/search';
import { makeSearchIndex } from '../../../app/core/searchIndex';
import type { LoadedDocument } from '../../../app/core/types';
import { withCorpus, withShippedCorpus } from '../../helpers/temp';

const RAAB = '2021-05-12-raab-cooperation-independent';
const NEW_PARAGRAPH = 'An ordinary new paragraph about the speech.';

/** Inserts text at the top of the body (right after the front matter). */
function insertAtTopOfBody(file: string, text: string): void {
  const source = readFileSync(file, 'utf8');
  const end = source.indexOf('\n---\n', 4) + '\n---\n'.length;
  writeFileSync(file, source.slice(0, end) + text + source.slice(end));
}

const texts = (doc: LoadedDocument) => doc.passages.map((p) => p.text);
const words = (docs: LoadedDocument[]) => docs.reduce((n, d) => n + d.wordCount, 0);

async function phraseHits(docs: LoadedDocument[], phrase: string): Promise<Map<string, string[]>> {
  const res = search(makeSearchIndex(docs), `"${phrase}"`, { passagesPerDocument: 100 });
  return new Map(res.documents.map((d) => [d.id, d.passages.map((p) => p.text!)]));
}

for (const [name, inserted] of [
  ['followed by a blank line', `${NEW_PARAGRAPH}\n\n`],
  ['without a blank line', `${NEW_PARAGRAPH}\n`],
] as const) {
  test(`the issue: a paragraph inserted at the top of the Raab article (${name}) changes nothing else`, async () => {
    await withShippedCorpus(async (dir) => {
      const before = await loadCorpus(dir);
      const doc0 = before.documents.find((d) => d.meta.id === RAAB)!;
      assert.equal(doc0.passages.length, 14);
      // "U.K." (3 times) and "U.S." are one word each, and so is "5.6" in the other Raab report.
      assert.equal(doc0.wordCount, 349);
      assert.equal(words(before.documents), 1047);
      const hits0 = await phraseHits(before.documents, 'hostile state actors');
      assert.ok(hits0.has(RAAB));

      insertAtTopOfBody(path.join(dir, `${RAAB}.md`), inserted);
      const after = await loadCorpus(dir);
      const doc1 = after.documents.find((d) => d.meta.id === RAAB)!;
      // Every former passage, in order, plus the new one at the top; nothing else.
      assert.deepEqual(texts(doc1), [NEW_PARAGRAPH, ...texts(doc0)]);
      assert.equal(words(after.documents), 1047 + countWords(NEW_PARAGRAPH));
      assert.equal(doc1.wordCount, 349 + countWords(NEW_PARAGRAPH));
      assert.deepEqual(
        doc1.removed.map((r) => [r.rule, r.text]),
        doc0.removed.map((r) => [r.rule, r.text]),
      );
      assert.deepEqual(after.diagnostics, []);
      // The phrase is still found, in the same passages.
      assert.deepEqual(await phraseHits(after.documents, 'hostile state actors'), hits0);
      // A tag on the phrase re-anchors to the same words.
      const start = doc0.text.indexOf('hostile state actors');
      const selector = { ...describeRange(doc0.text, start, start + 'hostile state actors'.length), start, end: start + 20 };
      const anchor = anchorQuote(doc1.text, selector)!;
      assert.ok(anchor);
      assert.equal(doc1.text.slice(anchor.start, anchor.end), 'hostile state actors');
      assert.equal(anchor.method, 'quote');
    });
  });
}

test('a one-line .txt keeps its line as its text (it is also the title)', async () => {
  await withCorpus({ 'note.txt': 'Just one line of remarks about cyber deterrence.\n' }, async (dir) => {
    const c = await loadCorpus(dir);
    const [doc] = c.documents;
    assert.equal(doc.meta.title, 'Just one line of remarks about cyber deterrence.');
    assert.equal(doc.text, 'Just one line of remarks about cyber deterrence.');
    assert.deepEqual(doc.removed, []);
    assert.deepEqual(c.diagnostics, []);
  });
});

test('a .txt of several lines still drops its first line as the title echo', async () => {
  await withCorpus({ 'note.txt': 'A short title\nThe first paragraph of the note, a sentence.\nThe second paragraph.\n' }, async (dir) => {
    const [doc] = (await loadCorpus(dir)).documents;
    assert.equal(doc.meta.title, 'A short title');
    assert.deepEqual(texts(doc), ['The first paragraph of the note, a sentence.', 'The second paragraph.']);
    assert.deepEqual(
      doc.removed.map((r) => r.rule),
      ['title-echo'],
    );
  });
});

test('a one-paragraph .md whose only paragraph is the title keeps it', async () => {
  await withCorpus({ 'one.md': '---\ntitle: Remarks on cyber deterrence\n---\nRemarks on cyber deterrence\n' }, async (dir) => {
    const c = await loadCorpus(dir);
    assert.equal(c.documents[0].text, 'Remarks on cyber deterrence');
    assert.deepEqual(c.documents[0].removed, []);
    assert.deepEqual(c.diagnostics, []);
  });
});

test('a one-paragraph .docx import keeps its paragraph', async () => {
  const paragraph = 'We will respond to every cyber attack on our democracy.';
  const bytes = await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph(paragraph)] }] }));
  const extracted = await extractFile('statement.docx', Buffer.from(bytes));
  assert.equal(extracted.meta.title, paragraph); // no title in its properties: the first line is taken
  await withCorpus({ 'statement.md': markdownDocument(extracted.meta, extracted.markdown) }, async (dir) => {
    const c = await loadCorpus(dir);
    assert.equal(c.documents[0].text, paragraph);
    assert.deepEqual(c.diagnostics, []);
  });
});

test('the title echo is the first block equal to the title, even below a paragraph added above it', async () => {
  await withCorpus({ 'a.md': '---\ntitle: The Title\n---\nAn editor’s note added on top.\n\nThe title\n\nThe article itself.\n' }, async (dir) => {
    const [doc] = (await loadCorpus(dir)).documents;
    assert.deepEqual(texts(doc), ['An editor’s note added on top.', 'The article itself.']);
    assert.deepEqual(
      doc.removed.map((r) => [r.rule, r.beforePassage]),
      [['title-echo', 1]],
    );
  });
});

test('rules that would remove more than half of a document are undone, with a warning that says why and what to do', async () => {
  const body = [
    'Your support helps us to tell the story of what happens in our newsroom, and of our reporters on the ground.',
    'The minister spoke.',
    'See also: our other stories about the minister and the many speeches that were given this year.',
  ].join('\n\n');
  await withCorpus(
    { 'a.md': `---\ntitle: A speech\n---\nA speech\n\n${body}\n`, 'b.md': 'Text of the article that is long enough.\n\nSee also: x' },
    async (dir) => {
      const c = await loadCorpus(dir);
      const a = c.documents.find((d) => d.meta.id === 'a')!;
      // The whole text is kept, except the title echo (structural, not a rule).
      assert.deepEqual(texts(a), body.split('\n\n'));
      assert.deepEqual(
        a.removed.map((r) => r.rule),
        ['title-echo'],
      );
      assert.equal(c.diagnostics.length, 1);
      const [d] = c.diagnostics;
      assert.equal(d.file, 'a.md');
      assert.equal(d.severity, 'warning');
      assert.match(d.message, /^cleaning rules would remove 9\d% of the text \(donation-plea, see-also\); the text was kept whole\./);
      assert.match(d.message, /mark paragraphs in the reader or adjust \.lectern\/cleaning-rules\.json/);
      // Under half: the rules apply as usual.
      const b = c.documents.find((d) => d.meta.id === 'b')!;
      assert.equal(b.text, 'Text of the article that is long enough.');
      // A document reused without being rebuilt reports its warning again.
      const again = await loadCorpus(dir, { previous: new Map(c.documents.map((doc) => [doc.meta.path, doc])) });
      assert.equal(
        again.documents.find((doc) => doc.meta.id === 'a'),
        a,
      );
      assert.deepEqual(again.diagnostics, c.diagnostics);
    },
  );
});

test('the guard counts the text left after the title echo and marked paragraphs, which still apply', async () => {
  // Article 60 chars, footer 40 chars: 40% by rules, kept out.
  const article = 'An article of sixty characters, give or take, in one block..';
  const footer = 'Leave a Reply to this post, if you like.';
  await withCorpus({ 'a.md': `---\ntitle: T\n---\nT\n\n${article}\n\n${footer}\n` }, async (dir) => {
    const c = await loadCorpus(dir);
    assert.equal(c.documents[0].text, article);
    assert.deepEqual(
      c.documents[0].removed.map((r) => r.rule),
      ['title-echo', 'comment-form'],
    );
    assert.deepEqual(c.diagnostics, []);
  });
});

test('a plea matched inside a long block drops only that block', async () => {
  await withCorpus(
    {
      'a.md': [
        'First paragraph of the article, which is about the speech and nothing else at all.',
        'Second paragraph, also about the speech, with more to say about the minister and his plans.',
        'Please make a donation to keep us going.',
        'Third paragraph, the end of the article, about what happens next in the talks.',
      ].join('\n'),
    },
    async (dir) => {
      const [doc] = (await loadCorpus(dir)).documents;
      assert.equal(doc.passages.length, 3);
      assert.deepEqual(
        doc.removed.map((r) => [r.rule, r.text]),
        [['donation-plea', 'Please make a donation to keep us going.']],
      );
    },
  );
});

// A paragraph hard-wrapped at 72 columns, as Markdown editors write it.
const WRAPPED = [
  'The foreign secretary said that Britain would respond to attacks on its',
  'institutions with the full range of tools at its disposal, including',
  'sanctions, diplomatic measures and, where appropriate, offensive cyber',
  'operations against those responsible.',
].join('\n');
const WRAPPED_TEXT = WRAPPED;

const ONE_PER_LINE = [
  'The minister spoke at the conference on Wednesday morning.',
  'He said the threats were growing.',
  '“We will not stand by,” he told the audience of officials and experts from many countries who had come.',
].join('\n');

test('a hard-wrapped Markdown paragraph stays one paragraph', () => {
  assert.deepEqual(
    markdownBlocks(WRAPPED).map((b) => b.text),
    [WRAPPED_TEXT],
  );
  assert.deepEqual(
    markdownBlocks(`# Heading\n\n${WRAPPED}\n\n${WRAPPED}`).map((b) => b.text),
    ['Heading', WRAPPED_TEXT, WRAPPED_TEXT],
  );
  // A .txt too.
  assert.deepEqual(
    plainTextBlocks(WRAPPED).map((b) => b.text),
    [WRAPPED_TEXT],
  );
  // Wrapped at 80 with a short last line, and a two-line paragraph.
  const two = 'A paragraph that was wrapped by the editor at about eighty columns of\ntext, ending here.';
  assert.deepEqual(
    markdownBlocks(two).map((b) => b.text),
    [two],
  );
});

test('lines that are paragraphs (web text) are read one paragraph per line', () => {
  assert.deepEqual(
    markdownBlocks(ONE_PER_LINE).map((b) => b.text),
    ONE_PER_LINE.split('\n'),
  );
  assert.deepEqual(
    plainTextBlocks(ONE_PER_LINE).map((b) => b.text),
    ONE_PER_LINE.split('\n'),
  );
});

test('a mixed file is read chunk by chunk: each chunk by its own lines', () => {
  const body = `${ONE_PER_LINE}\n\n${WRAPPED}\n\n${ONE_PER_LINE}\n\n${WRAPPED}`;
  const expected = [...ONE_PER_LINE.split('\n'), WRAPPED_TEXT, ...ONE_PER_LINE.split('\n'), WRAPPED_TEXT];
  assert.deepEqual(
    markdownBlocks(body).map((b) => b.text),
    expected,
  );
  // Removing a chunk, or adding a line to one, does not change how the others are read.
  assert.deepEqual(
    markdownBlocks(`${WRAPPED}\n\n${ONE_PER_LINE}`).map((b) => b.text),
    [WRAPPED_TEXT, ...ONE_PER_LINE.split('\n')],
  );
  assert.deepEqual(
    markdownBlocks(`${ONE_PER_LINE}\nOne more line.\n\n${WRAPPED}`).map((b) => b.text),
    [...ONE_PER_LINE.split('\n'), 'One more line.', WRAPPED_TEXT],
  );
});

test('Markdown structure is left alone: lists, headings, tables, quotes, code', () => {
  const cases: [string, string[]][] = [
    ['- item one\n- item two\n- item three', ['item one', 'item two', 'item three']],
    ['Intro line of the list:\n- item one\n- item two', ['Intro line of the list:', 'item one', 'item two']],
    [
      '- A list item that is wrapped at about eighty columns so that it goes on\n  over the next line.\n- Second.',
      ['A list item that is wrapped at about eighty columns so that it goes on\nover the next line.', 'Second.'],
    ],
    ['| a | b |\n| --- | --- |\n| 1 | 2 |', ['a b 1 2']],
    ['Title\n=====\nText under it.', ['Title', 'Text under it.']],
    ['```\nline one\nline two\n\n\nline three\n```', ['line one\nline two\n\n\nline three']],
    ['    code one\n    code two', ['code one\ncode two']],
    [
      '> A quotation wrapped at about eighty columns, as an editor would write\n> it, in two lines.',
      ['A quotation wrapped at about eighty columns, as an editor would write\nit, in two lines.'],
    ],
  ];
  for (const [md, expected] of cases) {
    assert.deepEqual(
      markdownBlocks(md).map((b) => b.text),
      expected,
      md,
    );
    // Passed to Markdown as written (a blank line after the intro line or the heading changes nothing).
    if (!/^(Intro|Title)/.test(md)) assert.equal(normaliseParagraphBreaks(md), md);
  }
  // Inside a fence nothing is touched, even lines that look like web text.
  const fenced = '```\nThe minister spoke at the conference.\nHe said the threats were growing.\n```';
  assert.equal(normaliseParagraphBreaks(fenced), fenced);
});

test('an edit above a one-paragraph-per-line chunk cannot glue it (the lines glued once, then a rule dropped the lot)', () => {
  const lines = ONE_PER_LINE.split('\n');
  for (const edit of ['New paragraph.\n\n', 'New paragraph.\n', '- a list item\n', '# A heading\n', '> a quote\n']) {
    const blocks = markdownBlocks(edit + ONE_PER_LINE).map((b) => b.text);
    assert.deepEqual(blocks.slice(-lines.length), lines, edit);
  }
});
