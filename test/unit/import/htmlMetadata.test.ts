import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { extractFile } from '../../../app/core/import/extract';
import { withService } from '../../helpers/serviceCorpus';

const TEXT = `<p>${'The council met on Tuesday to discuss the budget for the coming year, and the debate went on late into the night. '.repeat(3)}</p><p>The vote is next week.</p>`;
const page = (article: string, head = '') =>
  Buffer.from(
    `<!doctype html><html lang="en"><head><title>Budget night</title>${head}</head><body><article><h1>Budget night</h1>${article}${TEXT}</article></body></html>`,
  );

test('a byline becomes the author and leaves the text, however the page marks it', async () => {
  const bylines = [
    '<p class="byline">By Jane Smith</p>',
    '<p>By <a rel="author" href="/staff/jane">Jane Smith</a></p>',
    '<div itemprop="author" itemscope itemtype="https://schema.org/Person"><span itemprop="name">Jane Smith</span></div>',
    '<p class="meta">By <span class="author">Jane Smith</span></p>',
    '<p>By Jane Smith</p>',
    '<p><em>By Jane Smith, Political Correspondent</em></p>',
  ];
  for (const byline of bylines) {
    const r = await extractFile('budget.html', page(byline));
    assert.equal(r.meta.author, 'Jane Smith', byline);
    assert.deepEqual(r.meta.speakers, [], byline);
    assert.match(r.markdown, /^The council met on Tuesday/, `${byline}\n${r.markdown}`);
    assert.ok(!/Jane|\bBy\b/.test(r.markdown), `${byline}\n${r.markdown}`);
  }
});

test('the author in the page’s metadata comes first; its byline still leaves the text', async () => {
  const r = await extractFile('budget.html', page('<p>By Jane Smith and John Doe</p>', '<meta name="author" content="J. Smith">'));
  assert.equal(r.meta.author, 'J. Smith');
  assert.match(r.markdown, /^The council met on Tuesday/);
  const two = await extractFile('budget.html', page('<p>By Jane Smith and John Doe</p>'));
  assert.equal(two.meta.author, 'Jane Smith; John Doe');
  // A paragraph that merely starts with "By" is text.
  const prose = await extractFile('budget.html', page('<p>By the end of the night the council had agreed on most of the plan.</p>'));
  assert.equal(prose.meta.author, '');
  assert.match(prose.markdown, /^By the end of the night/);
});

test('a page’s <time datetime> gives the date (its date part) when no date metadata does', async () => {
  const r = await extractFile('budget.html', page('<p><time datetime="2021-05-12T09:00:00Z">12 May 2021</time></p>'));
  assert.equal(r.meta.date, '2021-05-12');
  const late = await extractFile('budget.html', page('<time datetime="2021-05-12T23:30:00-05:00">12 May</time>'));
  assert.equal(late.meta.date, '2021-05-12', 'the date as the page writes it, not moved to UTC');
  const published = await extractFile(
    'budget.html',
    page('<time datetime="2020-01-01">1 Jan</time> <time itemprop="datePublished" datetime="2021-05-12T09:00:00Z">12 May</time>'),
  );
  assert.equal(published.meta.date, '2021-05-12', 'the published time before any other');
  const meta = await extractFile(
    'budget.html',
    page('<time datetime="2021-05-12T09:00:00Z">12 May</time>', '<meta property="article:published_time" content="2021-05-11">'),
  );
  assert.equal(meta.meta.date, '2021-05-11', 'date metadata comes first');
  assert.ok(!meta.warnings.some((w) => /No publication date/.test(w)));
});

test('an imported page’s author is written as `author` in the front matter, and the corpus reads it as the author, not a speaker', async () => {
  await withService({}, async (service, dir) => {
    const preview = await service.importPreview({ filename: 'budget.html', base64: page('<p>By Jane Smith</p>').toString('base64') });
    await service.importCommit({ id: 'budget', meta: preview.meta, markdown: preview.markdown, format: preview.format });
    assert.match(readFileSync(path.join(dir, 'budget.md'), 'utf8'), /^author: Jane Smith$/m);
    const doc = await service.document({ id: 'budget' });
    assert.equal(doc.meta.author, 'Jane Smith');
    assert.deepEqual(doc.meta.speakers, []);
    assert.ok(!doc.text.includes('Jane Smith'));
  });
});
