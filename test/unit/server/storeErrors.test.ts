/**
 * When the tag store cannot be read or written, the user is told over the transport, in words that
 * say what happened and what to do, and the file on disk is left as it was.
 */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { DurableIo } from '../../../app/core/annotations/durableFile';
import { STORE_VERSION } from '../../../app/core/annotations/storeFormat';
import { Tagging } from '../../../app/core/annotations/tagging';
import { LecternService } from '../../../app/service';
import { openSession, startTestServer } from '../../helpers/server';

function errno(code: string): NodeJS.ErrnoException {
  return Object.assign(new Error(`${code}: simulated`), { code });
}

/** A corpus copy served over HTTP, its tag store opened with the given file operations. */
async function withServer(
  setup: (corpusDir: string) => void,
  io: Partial<DurableIo>,
  run: (
    call: (m: string, b: unknown) => Promise<{ status: number; body: { value?: unknown; error?: { message: string; code: string } } }>,
    corpusDir: string,
  ) => Promise<void>,
): Promise<void> {
  const running = await startTestServer({
    prepareCorpus: setup,
    open: (dir) =>
      LecternService.open(dir, {
        tagging: async (corpusDir, docs) => {
          const t = new Tagging(corpusDir, docs, { io, lock: { timeoutMs: 1000 } });
          await t.load();
          return t;
        },
      }),
  });
  const { server } = running;
  const session = await openSession(server);
  const call = async (method: string, body: unknown) => {
    const res = await fetch(`${server.url}api/${method}`, {
      method: 'POST',
      headers: { ...session, 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as { value?: unknown; error?: { message: string; code: string } } };
  };
  try {
    await run(call, running.corpusDir);
  } finally {
    await running.close();
  }
}

const storeOf = (dir: string) => path.join(dir, '.lectern', 'annotations.json');
const writeStore = (dir: string, text: string) => {
  fs.mkdirSync(path.join(dir, '.lectern'), { recursive: true });
  fs.writeFileSync(storeOf(dir), text);
};

test('an invalid store (broken JSON): the library says so at once, changes are refused, the file is backed up and untouched', async () => {
  const broken = '{"format": "lectern-annotations", "version": 1, "revision": 4, "codebook": [ {"id": "t1",, } ]';
  await withServer(
    (dir) => writeStore(dir, broken),
    {},
    async (call, dir) => {
      const lib = (await call('library', {})).body.value as { diagnostics: { file: string; message: string }[] };
      const problem = lib.diagnostics.find((d) => d.file === '.lectern/annotations.json');
      assert.ok(problem, 'the library names the tag store');
      assert.match(problem.message, /is not valid: not valid JSON/);
      const res = await call('createTag', { name: 'New' });
      assert.equal(res.status, 400);
      assert.equal(res.body.error!.code, 'store-unreadable');
      assert.match(
        res.body.error!.message,
        /A copy was saved as .*annotations\.json\.invalid-.*fix the file \(or move it away to start a new one\), then try again/,
      );
      assert.equal(fs.readFileSync(storeOf(dir), 'utf8'), broken);
      assert.equal(fs.readdirSync(path.join(dir, '.lectern')).filter((n) => n.startsWith('annotations.json.invalid-')).length, 1);
    },
  );
});

test('a store from a newer Lectern: refused with the versions named, left untouched, not backed up', async () => {
  const newer = JSON.stringify({ format: 'lectern-annotations', version: STORE_VERSION + 1, revision: 9, codebook: [], annotations: [] });
  await withServer(
    (dir) => writeStore(dir, newer),
    {},
    async (call, dir) => {
      const lib = (await call('library', {})).body.value as { diagnostics: { file: string; message: string }[] };
      assert.match(lib.diagnostics.find((d) => d.file === '.lectern/annotations.json')!.message, /newer Lectern/);
      const res = await call('createTag', { name: 'New' });
      assert.equal(res.status, 400);
      assert.match(
        res.body.error!.message,
        new RegExp(`newer Lectern \\(format version ${STORE_VERSION + 1}; this one reads up to ${STORE_VERSION}\\).*left untouched`),
      );
      assert.equal(fs.readFileSync(storeOf(dir), 'utf8'), newer);
      assert.deepEqual(
        fs.readdirSync(path.join(dir, '.lectern')).filter((n) => n.includes('invalid')),
        [],
      );
    },
  );
});

test('disk full: the change is refused with what to do, and the earlier tags are intact', async () => {
  let full = false;
  const io: Partial<DurableIo> = {
    async writeSynced(file, data) {
      if (!full) return fs.writeFileSync(file, data, { flag: 'wx' });
      fs.writeFileSync(file, data.slice(0, 7), { flag: 'wx' });
      throw errno('ENOSPC');
    },
  };
  await withServer(
    () => undefined,
    io,
    async (call, dir) => {
      assert.equal((await call('createTag', { name: 'Before' })).status, 200);
      const before = fs.readFileSync(storeOf(dir), 'utf8');
      full = true;
      const res = await call('createTag', { name: 'After' });
      assert.equal(res.status, 400);
      assert.equal(res.body.error!.code, 'disk-full');
      assert.match(res.body.error!.message, /Tags were not saved: the disk is full.*Free some space and try again; your earlier tags are intact/);
      assert.equal(fs.readFileSync(storeOf(dir), 'utf8'), before);
      assert.deepEqual(
        ((await call('codebook', {})).body.value as { name: string }[]).map((t) => t.name),
        ['Before'],
      );
    },
  );
});

test('a read-only corpus folder: the change is refused with what to do', async () => {
  await withServer(
    () => undefined,
    { writeSynced: async () => Promise.reject(errno('EROFS')) },
    async (call, dir) => {
      const res = await call('createTag', { name: 'After' });
      assert.equal(res.status, 400);
      assert.equal(res.body.error!.code, 'read-only');
      assert.match(res.body.error!.message, /the corpus folder is read-only.*Make it writable or copy the corpus somewhere writable/);
      assert.equal(fs.existsSync(storeOf(dir)), false);
    },
  );
});
