/** The index keeper's reloads: a reload that a newer one supersedes still resolves on a snapshot with its change. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { IndexKeeper } from '../../../app/service/indexKeeper';
import { copyShippedCorpus } from '../../helpers/temp';

test('a reload superseded by another (the watcher seeing the same file) resolves only once the new file is in the snapshot', async (t) => {
  const corpus = copyShippedCorpus();
  t.after(() => corpus.cleanup());
  const keeper = new IndexKeeper(corpus.dir, { saveDelayMs: 0, afterRebuild: () => undefined });
  await keeper.reload();
  const before = keeper.corpus.documents.length;
  writeFileSync(join(corpus.dir, 'planted.md'), '---\ntitle: Planted\n---\n\nA new document about elections.\n');
  const first = keeper.reload();
  const second = keeper.reload();
  await first;
  assert.equal(keeper.corpus.documents.length, before + 1, 'the first caller sees the file it wrote');
  assert.ok(keeper.documents.get('planted'));
  await second;
  await keeper.idle();
});
