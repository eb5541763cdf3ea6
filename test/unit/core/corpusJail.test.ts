/** The corpus is a jail: links out of it are neither read nor written through; links inside it keep working. */
import assert from 'node:assert/strict';
import { existsSync, lstatSync, mkdirSync, readdirSync, readFileSync, realpathSync, renameSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { MetadataFields } from '../../../app/common/contract';
import { LecternError } from '../../../app/common/errors';
import { loadCorpus } from '../../../app/core/corpus';
import { listCorpusFiles, readCorpusFile } from '../../../app/core/corpusFiles';
import { realPathInCorpus } from '../../../app/core/corpusJail';
import { openService } from '../../../app/service/openService';
import { corpusOf, tempDirFor } from '../../helpers/temp';
import { metadataFields } from '../../helpers/docs';

const meta = (title: string): MetadataFields => metadataFields({ title });

/** A corpus in <temp>/corpus and a folder beside it, <temp>/outside, holding a secret. */
function corpusAndOutside(t: { after(fn: () => void): void }, files: Record<string, string> = {}) {
  const corpus = corpusOf({ 'inside.md': '---\ntitle: Inside\n---\n\nInside text.', ...files });
  t.after(corpus.cleanup);
  const outside = tempDirFor(t, 'lectern-outside-');
  writeFileSync(path.join(outside, 'secret.txt'), 'root:x:0:0:root:/root:/bin/bash');
  return { dir: corpus.dir, outside };
}

const forbidden = (e: unknown) => e instanceof LecternError && e.code === 'forbidden';

test('a link to a file outside the corpus is not a document: it is listed with a message', async (t) => {
  const { dir, outside } = corpusAndOutside(t);
  symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'passwd.txt'));
  mkdirSync(path.join(outside, 'folder'));
  writeFileSync(path.join(outside, 'folder', 'other.md'), 'Outside folder text.');
  symlinkSync(path.join(outside, 'folder'), path.join(dir, 'linkdir'));
  const c = await loadCorpus(dir);
  assert.deepEqual(
    c.documents.map((d) => d.meta.id),
    ['inside'],
  );
  const why = new Map(c.diagnostics.map((d) => [d.file, d]));
  assert.match(why.get('passwd.txt')!.message, /is a link to .*secret\.txt, outside the corpus folder; it was skipped/);
  assert.match(why.get('linkdir')!.message, /outside the corpus folder; it was skipped/);
  assert.equal(why.get('passwd.txt')!.severity, 'warning');
});

test('links inside the corpus to files and folders inside it keep working', async (t) => {
  const { dir } = corpusAndOutside(t, { 'real/deep.md': '---\ntitle: Deep\n---\n\nDeep text.' });
  symlinkSync(path.join('real', 'deep.md'), path.join(dir, 'alias.md'));
  symlinkSync(path.join(dir, 'real'), path.join(dir, 'zz-also'));
  const c = await loadCorpus(dir);
  assert.deepEqual(c.documents.map((d) => d.meta.id).sort(), ['alias', 'inside', 'real/deep']);
  // The folder linked twice is read once (a link loop), as before.
  assert.match(c.diagnostics.find((d) => d.file === 'zz-also')!.message, /already read/);
});

test('a link swapped to point outside between listing and reading is not read (the opened file is checked)', async (t) => {
  const { dir, outside } = corpusAndOutside(t, { 'target.md': 'Harmless.' });
  symlinkSync('target.md', path.join(dir, 'swap.md'));
  const listed = await listCorpusFiles(dir, []);
  assert.ok(listed.includes('swap.md'));
  // The link now leads out of the corpus, after it was listed.
  renameSync(path.join(dir, 'swap.md'), path.join(dir, 'old-link'));
  symlinkSync(path.join(outside, 'secret.txt'), path.join(dir, 'swap.md'));
  const read = await readCorpusFile(dir, 'swap.md');
  assert.ok('message' in read, 'the file outside was not read');
  assert.match(read.message, /outside the corpus folder/);
});

test('importCommit into a linked folder that leads outside is refused; nothing is written outside', async (t) => {
  const { dir, outside } = corpusAndOutside(t);
  symlinkSync(outside, path.join(dir, 'linkdir'));
  const service = await openService(dir);
  t.after(() => service.close());
  await assert.rejects(service.importCommit({ id: 'linkdir/planted', meta: meta('Planted'), markdown: 'Planted text.' }), (e: LecternError) => {
    assert.ok(forbidden(e), String(e));
    assert.match(e.message, /will not write .*linkdir[/\\]planted\.md: a symbolic link leads it to .*outside the corpus folder/);
    return true;
  });
  assert.deepEqual(readdirSync(outside), ['secret.txt']);
  // An ordinary import still works.
  const ok = await service.importCommit({ id: 'sub/new', meta: meta('New'), markdown: 'New text.' });
  assert.equal(ok.path, 'sub/new.md');
});

test('a .lectern folder that is a link to outside the corpus: tags, marked boilerplate and caches are not written there', async (t) => {
  const { dir, outside } = corpusAndOutside(t);
  symlinkSync(outside, path.join(dir, '.lectern'));
  // A "settings file" there is not read either (a JSON error would quote its first bytes).
  writeFileSync(path.join(outside, 'cleaning-rules.json'), 'root:x:0:0:root');
  const service = await openService(dir, { saveDelayMs: 0 });
  const rules = (await service.library({})).diagnostics.find((d) => d.file === '.lectern/cleaning-rules.json');
  assert.match(rules!.message, /will not read .*cleaning-rules\.json: a symbolic link leads it to/);
  assert.doesNotMatch(rules!.message, /root:x/);
  t.after(() => service.close());
  await assert.rejects(service.createTag({ name: 'Planted' }), (e: LecternError) => {
    assert.ok(forbidden(e), String(e));
    assert.match(e.message, /annotations\.json: a symbolic link leads it to .*outside the corpus folder/);
    return true;
  });
  const doc = await service.document({ id: 'inside' });
  await assert.rejects(service.markBoilerplate({ docId: 'inside', passageId: doc.passages[0].id }), forbidden);
  await service.reindex({});
  await service.idle();
  assert.deepEqual(readdirSync(outside).sort(), ['cleaning-rules.json', 'secret.txt'], 'no tag store, lock, boilerplate or cache was written outside');
});

test('the metadata editor edits a document linked from inside the corpus where it really is, and the link stays', async (t) => {
  const { dir } = corpusAndOutside(t, { 'real/deep.md': '---\ntitle: Deep\n---\n\nDeep text.' });
  symlinkSync(path.join('real', 'deep.md'), path.join(dir, 'alias.md'));
  const service = await openService(dir);
  t.after(() => service.close());
  await service.updateMetadata({ id: 'alias', meta: { ...meta('Renamed') } });
  assert.ok(lstatSync(path.join(dir, 'alias.md')).isSymbolicLink(), 'the link is still a link');
  assert.match(readFileSync(path.join(dir, 'real', 'deep.md'), 'utf8'), /^---\ntitle: Renamed\n/);
});

test('realPathInCorpus: a write through a broken link, or to a path outside the corpus, is refused', async (t) => {
  const { dir, outside } = corpusAndOutside(t);
  symlinkSync(path.join(outside, 'nothing-here', 'x.md'), path.join(dir, 'dangling.md'));
  await assert.rejects(realPathInCorpus(dir, path.join(dir, 'dangling.md')), (e: LecternError) => forbidden(e) && /does not exist/.test(e.message));
  await assert.rejects(realPathInCorpus(dir, path.join(dir, '..', 'escape.md')), forbidden);
  assert.equal(await realPathInCorpus(dir, path.join(dir, 'new', 'folder', 'a.md')), path.join(realpathSync(dir), 'new', 'folder', 'a.md'));
  assert.equal(existsSync(path.join(outside, 'nothing-here')), false);
});
