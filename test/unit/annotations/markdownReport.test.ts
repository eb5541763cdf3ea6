/**
 * The Markdown report keeps quotes and notes as text (issue 14, 7): a line beginning with a list,
 * heading or code marker stays a line of the quote or note in a real Markdown renderer (marked).
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { marked } from 'marked';
import { Tagging } from '../../../app/core/annotations/tagging';
import { makeDoc } from '../../helpers/docs';
import { tempDirFor } from '../../helpers/temp';

const TEXT = ['- Sanctions first, said the minister.', '1. Deterrence, then 2) resilience.', '+ More funding', '    Four spaces in.', '==='];

test('quotes and notes beginning with "- ", "1. ", "+ ", four spaces or "===" are not lists, headings or code', async (t) => {
  const docs = [makeDoc('markers', TEXT)];
  const tagging = new Tagging(tempDirFor(t), { documents: () => docs, get: (id) => docs.find((d) => d.meta.id === id) });
  const text = docs[0].text;
  const tag = await tagging.createTag({ name: 'Markers' });
  for (const line of TEXT) {
    const start = text.indexOf(line);
    await tagging.tagRange({ docId: 'markers', start, end: start + line.length, tagIds: [tag.id], note: `- a note line\n2. another\n${line}` });
  }
  const md = Buffer.from((await tagging.exportTags({ format: 'md' })).base64, 'base64').toString('utf8');
  const html = await marked.parse(md);
  assert.doesNotMatch(html, /<(ul|ol|li|pre|h[3-6])\b/, html);
  // The only code spans are the citations' document ids, one per passage.
  assert.equal(html.match(/<code>/g)?.length, TEXT.length, html);
  // The words are all there, as text.
  const plain = html.replace(/<[^>]+>/g, '');
  for (const words of ['Sanctions first, said the minister.', 'Deterrence, then 2) resilience.', 'More funding', 'Four spaces in.', 'a note line', 'another'])
    assert.ok(plain.includes(words), words);
});
