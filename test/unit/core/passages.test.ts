import assert from 'node:assert/strict';
import { test } from 'node:test';
import { markdownBlocks, textOfHtml } from '../../../app/core/blocks';
import { loadCorpus } from '../../../app/core/corpus';
import { layoutPassages, MAX_PASSAGE_CHARS } from '../../../app/core/passages';
import { SHIPPED_CORPUS } from '../../helpers/repo';
import { withCorpus } from '../../helpers/temp';

test('every passage slices the canonical text exactly at its offsets', async () => {
  const c = await loadCorpus(SHIPPED_CORPUS);
  for (const doc of c.documents) {
    assert.ok(doc.passages.length > 5);
    for (const p of doc.passages) {
      assert.equal(doc.text.slice(p.start, p.end), p.text, `${doc.meta.id} ${p.id}`);
      // What the reader shows (the HTML's text content) is the same text the offsets point into.
      assert.equal(textOfHtml(p.html), p.text);
    }
  }
});

test('one line per paragraph (web text without blank lines) gives one passage per line', async () => {
  const c = await loadCorpus(SHIPPED_CORPUS);
  const ind = c.documents.find((d) => d.meta.id === '2021-05-12-raab-cooperation-independent')!;
  assert.equal(ind.passages.length, 14);
  assert.ok(ind.passages[3].text.startsWith('He said Britain and the West must step up'));
});

test("passage ids are stable: editing one paragraph keeps the others' ids", () => {
  const before = layoutPassages(markdownBlocks('One.\n\nTwo.\n\nThree.').map((b) => ({ ...b, intact: true })));
  const after = layoutPassages(markdownBlocks('One.\n\nInserted.\n\nTwo.\n\nThree, edited.').map((b) => ({ ...b, intact: true })));
  assert.equal(after.passages[0].id, before.passages[0].id);
  assert.equal(after.passages[2].id, before.passages[1].id);
  assert.notEqual(after.passages[3].id, before.passages[2].id);
});

test('repeated paragraphs in one document get distinct ids', () => {
  const l = layoutPassages(markdownBlocks('Same.\n\nSame.').map((b) => ({ ...b, intact: true })));
  assert.notEqual(l.passages[0].id, l.passages[1].id);
});

test('a document without paragraph breaks is cut into passages of whole sentences', async () => {
  const sentence = (i: number) => `This is sentence number ${i} of a long transcript without breaks.`;
  const long = Array.from({ length: 80 }, (_, i) => sentence(i)).join(' ');
  await withCorpus({ 'long.txt': `Title\n\n${long}` }, async (dir) => {
    const c = await loadCorpus(dir);
    const doc = c.documents[0];
    assert.ok(doc.passages.length >= 5);
    for (const p of doc.passages) {
      assert.ok(p.text.length <= MAX_PASSAGE_CHARS);
      assert.match(p.text, /^This is sentence number \d+/);
      assert.match(p.text, /breaks\.$/);
      assert.equal(doc.text.slice(p.start, p.end), p.text);
    }
  });
});

test('raw HTML in Markdown is shown as text, never as markup', () => {
  const [b] = markdownBlocks('Hello <script>alert(1)</script> <img src=x onerror=alert(2)>');
  assert.ok(!b.html.includes('<script'));
  assert.ok(!b.html.includes('<img'));
  assert.equal(b.text, 'Hello <script>alert(1)</script> <img src=x onerror=alert(2)>');
});

test('Markdown structure becomes passages whose text is what the reader displays', () => {
  const blocks = markdownBlocks('# Heading &amp; more\n\nA *para* with [a link](https://example.org).\n\n- item one\n- item **two**\n\n> quoted');
  assert.deepEqual(
    blocks.map((b) => b.text),
    ['Heading & more', 'A para with a link.', 'item one', 'item two', 'quoted'],
  );
  for (const b of blocks) assert.equal(textOfHtml(b.html), b.text);
});
