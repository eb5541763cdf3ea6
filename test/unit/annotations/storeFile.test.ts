/** The tag store's file as people leave it: made read-only on purpose, or saved by Notepad with a BOM. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { LecternError } from '../../../app/common/errors';
import { Tagging } from '../../../app/core/annotations/tagging';
import { withService } from '../../helpers/serviceCorpus';
import { tempDirFor } from '../../helpers/temp';
import { seedDocs } from './helpers';

const storeFile = (dir: string) => path.join(dir, '.lectern', 'annotations.json');

test('a read-only tag store (chmod 444) is refused with what to do, and left as it is: content and mode', async () => {
  await withService({ 'a.md': '---\ntitle: A\n---\n\nSome text to tag.' }, async (service, dir) => {
    await service.createTag({ name: 'Before' });
    const file = storeFile(dir);
    fs.chmodSync(file, 0o444);
    const before = fs.readFileSync(file, 'utf8');
    await assert.rejects(service.createTag({ name: 'After' }), (e: LecternError) => {
      assert.ok(e instanceof LecternError);
      assert.equal(e.code, 'read-only');
      assert.match(e.message, /tag store .*annotations\.json is read-only.*make it writable \(chmod u\+w/);
      return true;
    });
    assert.equal(fs.readFileSync(file, 'utf8'), before, 'nothing written');
    assert.equal(fs.statSync(file).mode & 0o777, 0o444, 'the file keeps its mode');
    assert.deepEqual(
      (await service.codebook({})).map((t) => t.name),
      ['Before'],
    );
    // Made writable again, tagging works again.
    fs.chmodSync(file, 0o644);
    await service.createTag({ name: 'After' });
  });
});

test('a tag store saved with a UTF-8 byte order mark (as Notepad does) loads and can be changed', async (ctx) => {
  const dir = tempDirFor(ctx);
  await new Tagging(dir, seedDocs()).createTag({ name: 'Kept' });
  fs.writeFileSync(storeFile(dir), '\uFEFF' + fs.readFileSync(storeFile(dir), 'utf8'));
  const t = new Tagging(dir, seedDocs());
  await t.load();
  assert.equal(t.problem(), null);
  assert.deepEqual(
    (await t.codebook()).map((x) => x.name),
    ['Kept'],
  );
  await t.createTag({ name: 'New' });
  assert.deepEqual((await t.codebook()).map((x) => x.name).sort(), ['Kept', 'New']);
});
