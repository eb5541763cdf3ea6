import assert from 'node:assert/strict';
import { appendFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { isCorpusChange } from '../../../app/core/corpusWatcher';
import { openService } from '../../../app/service/openService';
import type { LecternService } from '../../../app/service';
import { corpusOf } from '../../helpers/temp';

/** Waits until the library satisfies `ok` (the watcher reloads within a second or two), or fails after 5 s. */
async function until(service: LecternService, ok: (titles: string[]) => boolean): Promise<string[]> {
  const deadline = Date.now() + 5000;
  for (;;) {
    await service.idle();
    const titles = (await service.library({})).documents.map((d) => d.title).sort();
    if (ok(titles)) return titles;
    if (Date.now() > deadline) assert.fail(`the library did not change as expected: ${JSON.stringify(titles)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test('the watcher picks up files added, changed and removed by other programs, in sub-folders too, and re-anchors tags', async () => {
  const t = corpusOf({ 'a.md': '---\ntitle: Alpha\n---\n\nThe quick brown fox jumps.' });
  const service = await openService(t.dir, { watch: { debounceMs: 100 } });
  try {
    const tag = await service.createTag({ name: 'Animals' });
    const ann = (await service.tagRange({ docId: 'a', start: 10, end: 15, tagIds: [tag.id] })).annotation;
    assert.equal(ann.quote, 'brown');

    writeFileSync(path.join(t.dir, 'b.md'), '---\ntitle: Beta\n---\n\nAdded by another program.');
    await until(service, (ts) => ts.includes('Beta'));
    mkdirSync(path.join(t.dir, 'new', 'deeper'), { recursive: true });
    writeFileSync(path.join(t.dir, 'new', 'deeper', 'c.txt'), 'Gamma\nIn a folder made after the watch began.');
    await until(service, (ts) => ts.includes('Gamma'));

    // Changed: text inserted before the tagged words; the tag follows them.
    writeFileSync(path.join(t.dir, 'a.md'), '---\ntitle: Alpha changed\n---\n\nSuddenly, the quick brown fox jumps.');
    await until(service, (ts) => ts.includes('Alpha changed'));
    const [moved] = await service.annotations({ docId: 'a' });
    assert.deepEqual([moved.start, moved.end, moved.orphan], [20, 25, false]);

    rmSync(path.join(t.dir, 'b.md'));
    assert.deepEqual(await until(service, (ts) => !ts.includes('Beta')), ['Alpha changed', 'Gamma']);
    assert.deepEqual(
      (await service.search({ query: 'folder' })).documents.map((d) => d.id),
      ['new/deeper/c'],
    );
  } finally {
    await service.close();
    t.cleanup();
  }
});

test('the watcher ignores Lectern’s own data and temporary files', async () => {
  const t = corpusOf({ 'a.md': 'Alpha.' });
  const service = await openService(t.dir, { watch: { debounceMs: 50 } });
  try {
    await service.idle();
    const before = (await service.status({})).generation;
    mkdirSync(path.join(t.dir, '.lectern'), { recursive: true });
    writeFileSync(path.join(t.dir, '.lectern', 'note.json'), '{}');
    writeFileSync(path.join(t.dir, 'a.md.swp'), 'x');
    await new Promise((r) => setTimeout(r, 400));
    await service.idle();
    assert.equal((await service.status({})).generation, before, 'no re-index happened');
    // …while a change to a document still is picked up.
    appendFileSync(path.join(t.dir, 'a.md'), ' Moreover.');
    const deadline = Date.now() + 5000;
    while ((await service.search({ query: 'moreover' })).documents.length === 0) {
      if (Date.now() > deadline) assert.fail('the appended text was not indexed');
      await new Promise((r) => setTimeout(r, 50));
    }
    assert.equal((await service.status({})).generation, before + 1);
  } finally {
    await service.close();
    t.cleanup();
  }
  assert.equal(isCorpusChange('.lectern/cache/index.json'), false);
  assert.equal(isCorpusChange('sub/.git/HEAD'), false);
  assert.equal(isCorpusChange('speech.md.1234.99.tmp'), false);
  assert.equal(isCorpusChange('.#speech.md'), false);
  assert.equal(isCorpusChange('speech.md~'), false);
  assert.equal(isCorpusChange('2021/speech.md'), true);
  assert.equal(isCorpusChange('2021'), true);
});
