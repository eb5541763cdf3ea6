/** Cache writes that fail (a full disk) leave no temp file and say why once; temp files of dead writers go at the next open. */
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { mock, test } from 'node:test';
import { saveCache } from '../../../app/core/indexing/cacheFile';
import { openService } from '../../../app/service/openService';
import { corpusOf } from '../../helpers/temp';

const enospc = () => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });

test('a cache write stopped by a full disk leaves no temp file, and is logged once with the path and the reason', async (t) => {
  const corpus = corpusOf({ 'a.md': 'Text.' });
  t.after(corpus.cleanup);
  const cache = path.join(corpus.dir, '.lectern', 'cache');
  const file = path.join(cache, 'index.json');
  const warn = mock.method(console, 'warn', () => undefined);
  t.after(() => warn.mock.restore());
  // Writes part of the temp file, then the disk is full, as a real ENOSPC would.
  const io = {
    async writeSynced(temp: string, data: string | Uint8Array) {
      fs.writeFileSync(temp, data.slice(0, 10), { flag: 'wx' });
      throw enospc();
    },
  };
  assert.equal(await saveCache(corpus.dir, file, 'index', 1, 'k', { big: 'x'.repeat(1000) }, io), false);
  assert.equal(await saveCache(corpus.dir, file, 'index', 1, 'k', { big: 'x'.repeat(1000) }, io), false);
  assert.deepEqual(fs.readdirSync(cache), [], 'no temp file stays, and no cache file was made');
  assert.equal(warn.mock.callCount(), 1, 'the same failure is said once');
  const said = String(warn.mock.calls[0].arguments[0]);
  assert.ok(said.includes(file), said);
  assert.match(said, /ENOSPC: no space left on device/);
  // Space again: the cache is written.
  assert.equal(await saveCache(corpus.dir, file, 'index', 1, 'k', { big: 'x' }), true);
  assert.deepEqual(fs.readdirSync(cache), ['index.json']);
});

/** A pid that was a process a moment ago and is none now. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid!;
}

test('opening a corpus removes the temp files of writers that are gone, and keeps those of a live writer', async (t) => {
  const corpus = corpusOf({ 'a.md': 'Text.' });
  t.after(corpus.cleanup);
  const lectern = path.join(corpus.dir, '.lectern');
  const cache = path.join(lectern, 'cache');
  fs.mkdirSync(cache, { recursive: true });
  const live = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
  t.after(() => live.kill());
  const dead = deadPid();
  const stale = [
    path.join(cache, `index.json.tmp-${dead}-0a1b2c3d`),
    // As Lectern 0.1 named them, left behind after a full disk.
    path.join(cache, `documents.json.${dead}.1764700000000.tmp`),
    path.join(lectern, `boilerplate.json.tmp-${dead}-99aa88bb`),
    path.join(lectern, `annotations.json.tmp-${dead}-12345678`),
  ];
  const kept = path.join(cache, `analyses.json.tmp-${live.pid}-0f0f0f0f`);
  for (const f of [...stale, kept]) fs.writeFileSync(f, 'partial');
  const service = await openService(corpus.dir, { saveDelayMs: 0 });
  try {
    for (const f of stale) assert.equal(fs.existsSync(f), false, `${path.basename(f)} was removed`);
    assert.equal(fs.existsSync(kept), true, 'the live writer’s temp file stays');
  } finally {
    await service.close();
  }
});
