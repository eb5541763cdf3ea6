import assert from 'node:assert/strict';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { openService } from '../../app/service/openService';
import { defaultDataDir } from '../../app/service/recentCorpora';
import { copyShippedCorpus, corpusOf, tempDir, withCorpus } from '../helpers/temp';

test('openCorpus switches the whole service (library, search, tags) to another folder and remembers it', async () => {
  const shipped = copyShippedCorpus();
  const other = corpusOf({ 'mine/speech.md': '---\ntitle: My speech\nspeakers: [Ada Lovelace]\n---\n\nThe analytical engine weaves algebraic patterns.' });
  const data = tempDir();
  try {
    const service = await openService(shipped.dir, { dataDir: data.dir });
    await service.rememberCorpus();
    const tag = await service.createTag({ name: 'Engines' });
    const lib = await service.openCorpus({ dir: other.dir });
    assert.equal(lib.corpusDir, other.dir);
    assert.equal(service.corpusDir, other.dir);
    assert.deepEqual(
      lib.documents.map((d) => d.id),
      ['mine/speech'],
    );
    assert.deepEqual(
      (await service.search({ query: 'algebraic' })).documents.map((d) => d.id),
      ['mine/speech'],
    );
    assert.deepEqual((await service.search({ query: 'cyber' })).documents, []);
    assert.ok(!(await service.codebook({})).some((t) => t.id === tag.id), 'the tags are the new corpus’s own');
    const recent = await service.recentCorpora({});
    assert.deepEqual(
      recent.map((r) => [r.dir, r.name, r.available]),
      [
        [other.dir, path.basename(other.dir), true],
        [shipped.dir, 'corpus', true],
      ],
    );
    const stored = JSON.parse(readFileSync(path.join(data.dir, 'recent-corpora.json'), 'utf8'));
    assert.equal(stored.corpora[0].dir, other.dir);
    // Back again: the first corpus and its tag.
    await service.openCorpus({ dir: shipped.dir });
    assert.ok((await service.codebook({})).some((t) => t.id === tag.id));
    assert.equal((await service.recentCorpora({}))[0].dir, shipped.dir);
    await service.close();
  } finally {
    shipped.cleanup();
    other.cleanup();
    data.cleanup();
  }
});

test('openCorpus refuses a missing folder, a file and an unreadable folder, and the open corpus stays usable', async () => {
  await withCorpus({ 'a.md': 'Alpha text.', 'file.txt': 'x' }, async (dir) => {
    const service = await openService(dir);
    await assert.rejects(
      service.openCorpus({ dir: path.join(dir, 'missing') }),
      /The folder .*missing does not exist\. Check the path, or use New Corpus to create it\./,
    );
    await assert.rejects(service.openCorpus({ dir: path.join(dir, 'file.txt') }), /file\.txt is a file, not a folder/);
    await assert.rejects(service.openCorpus({ dir: ' ' }), /Enter the path of a folder/);
    if (process.getuid?.() !== 0) {
      mkdirSync(path.join(dir, 'locked'), { mode: 0o000 });
      await assert.rejects(service.openCorpus({ dir: path.join(dir, 'locked') }), /cannot be (read|opened) \(EACCES\)/);
    }
    assert.equal(service.corpusDir, dir);
    assert.deepEqual(
      (await service.search({ query: 'alpha' })).documents.map((d) => d.id),
      ['a'],
    );
    assert.deepEqual(await service.recentCorpora({}), []);
    await service.close();
  });
});

test('newCorpus makes an empty folder (or takes an empty one) and opens it; a folder with files is refused', async () => {
  await withCorpus({ 'old/a.md': 'Alpha.' }, async (dir) => {
    const service = await openService(path.join(dir, 'old'));
    const lib = await service.newCorpus({ dir: path.join(dir, 'new', 'corpus') });
    assert.equal(lib.corpusDir, path.join(dir, 'new', 'corpus'));
    assert.deepEqual([lib.documents, lib.error], [[], null]);
    await assert.rejects(service.newCorpus({ dir: path.join(dir, 'old') }), /is not empty\. Choose a new or empty folder .* or use Open Corpus/);
    // Import works in the new corpus at once.
    const written = await service.importCommit({
      id: 'first',
      meta: { title: 'First', speakers: [], date: '', event: '', place: '', outlet: '', kind: '', language: '', author: '', source: '' },
      markdown: 'The first document.',
    });
    assert.deepEqual(
      written.library.documents.map((d) => d.id),
      ['first'],
    );
    writeFileSync(path.join(dir, 'plainfile'), 'x');
    await assert.rejects(service.newCorpus({ dir: path.join(dir, 'plainfile') }), /is a file/);
    await service.close();
  });
});

test('the data folder outside Electron follows XDG_CONFIG_HOME, else ~/.config', () => {
  assert.equal(defaultDataDir({ XDG_CONFIG_HOME: '/x/config' }, 'linux'), path.join('/x/config', 'lectern'));
  assert.match(defaultDataDir({}, 'linux'), /\.config[\\/]lectern$/);
  assert.equal(defaultDataDir({ APPDATA: 'C:\\Users\\a\\AppData\\Roaming' }, 'win32'), path.join('C:\\Users\\a\\AppData\\Roaming', 'lectern'));
});
