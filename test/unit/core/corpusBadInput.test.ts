/** Hostile or broken corpus folders: each case loads what it can and names the rest with a clear reason. */
import assert from 'node:assert/strict';
import fs, { mkdirSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { mock, test } from 'node:test';
import { loadCorpus } from '../../../app/core/corpus';
import { LecternService } from '../../../app/service';
import { corpusOf, tempDir, withCorpus } from '../../helpers/temp';

const utf16 = (text: string, endian: 'le' | 'be') => {
  const le = Buffer.from(text, 'utf16le');
  return endian === 'le' ? Buffer.concat([Buffer.from([0xff, 0xfe]), le]) : Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(le).swap16()]);
};

test('UTF-16 (either byte order, with BOM), UTF-8 with BOM and CRLF all load as the same clean text', async () => {
  const body = '---\r\ntitle: Encoded\r\n---\r\nFirst paragraph.\r\n\r\nSecond paragraph.\r\n';
  await withCorpus(
    {
      'le.md': utf16(body, 'le'),
      'be.md': utf16(body, 'be'),
      'bom8.md': Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body)]),
      'cr.md': body.replace(/\r\n/g, '\r'),
    },
    async (dir) => {
      const c = await loadCorpus(dir);
      assert.deepEqual(c.diagnostics, []);
      assert.equal(c.documents.length, 4);
      for (const d of c.documents) {
        assert.equal(d.meta.title, 'Encoded', d.meta.path);
        assert.deepEqual(
          d.passages.map((p) => p.text),
          ['First paragraph.', 'Second paragraph.'],
          d.meta.path,
        );
        assert.ok(!d.text.includes('\r') && !d.text.includes('\ufeff'), d.meta.path);
      }
    },
  );
});

test('NUL bytes, in UTF-8 or inside UTF-16 text, mark a file as not text', async () => {
  await withCorpus(
    {
      'nul8.md': Buffer.from('Looks like text\u0000but is not.'),
      'nul16.md': utf16('Looks like text\u0000but is not.', 'le'),
      'odd16.md': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from([0x41])]),
      'ok.md': 'Fine.',
    },
    async (dir) => {
      const c = await loadCorpus(dir);
      const why = new Map(c.diagnostics.map((d) => [d.file, d.message]));
      assert.match(why.get('nul8.md')!, /binary file \(it contains NUL bytes\)/);
      assert.match(why.get('nul16.md')!, /contains NUL characters/);
      assert.match(why.get('odd16.md')!, /not valid/);
      assert.deepEqual(
        c.documents.map((d) => d.meta.id),
        ['ok'],
      );
    },
  );
});

test('a symbolic link loop is reported once and not followed; a link to itself is a broken link', async () => {
  await withCorpus({ 'a/doc.md': 'In folder a.', 'top.md': 'At the top.' }, async (dir) => {
    symlinkSync('..', path.join(dir, 'a', 'loop'));
    symlinkSync(path.join(dir, 'a'), path.join(dir, 'also-a'));
    symlinkSync('self.md', path.join(dir, 'self.md'));
    const c = await loadCorpus(dir);
    assert.deepEqual(c.documents.map((d) => d.meta.id).sort(), ['a/doc', 'top']);
    const why = new Map(c.diagnostics.map((d) => [d.file, d.message]));
    assert.match(why.get('a/loop')!, /link loop/);
    assert.match(why.get('also-a')!, /link loop|already read/);
    assert.match(why.get('self.md')!, /broken link/);
  });
});

test('a file that disappears while the corpus is read is named; the rest loads', async () => {
  await withCorpus({ 'a.md': 'First.', 'b.md': 'Second.', 'c.md': 'Third.' }, async (dir) => {
    // One file at a time; when the first is read, the last one is deleted (an editor's rename, a sync tool).
    const c = await loadCorpus(dir, {
      concurrency: 1,
      onProgress: (done) => {
        if (done === 1) unlinkSync(path.join(dir, 'c.md'));
      },
    });
    assert.deepEqual(
      c.documents.map((d) => d.meta.id),
      ['a', 'b'],
    );
    assert.deepEqual(
      c.diagnostics.map((d) => [d.file, d.severity]),
      [['c.md', 'error']],
    );
    assert.match(c.diagnostics[0].message, /disappeared while the corpus was being read; it was skipped/);
  });
});

test('a file that cannot be read (permission denied) is named with what to do; the rest loads', async () => {
  const t = corpusOf({ 'open.md': 'Readable.', 'locked.md': 'Not for you.' });
  const locked = path.join(t.dir, 'locked.md');
  // Root reads any file whatever its mode, so there the refusal the OS gives a normal user is injected.
  const isRoot = process.getuid?.() === 0;
  const open = fs.promises.open;
  if (isRoot || process.platform === 'win32') {
    mock.method(fs.promises, 'open', async (file: fs.PathLike, ...rest: unknown[]) => {
      if (String(file) === locked) throw Object.assign(new Error(`EACCES: permission denied, open '${locked}'`), { code: 'EACCES' });
      return (open as (...a: unknown[]) => Promise<fs.promises.FileHandle>)(file, ...rest);
    });
  } else {
    fs.chmodSync(locked, 0o000);
  }
  try {
    const c = await loadCorpus(t.dir);
    assert.deepEqual(
      c.documents.map((d) => d.meta.id),
      ['open'],
    );
    assert.equal(c.diagnostics.length, 1);
    assert.equal(c.diagnostics[0].file, 'locked.md');
    assert.match(c.diagnostics[0].message, /cannot be read \(permission denied\); check its permissions; it was skipped/);
  } finally {
    mock.restoreAll();
    fs.chmodSync(locked, 0o644);
    t.cleanup();
  }
});

test('10,000 tiny files load, all counted in the library', { timeout: 120_000 }, async () => {
  const t = tempDir('lectern-many-');
  const N = 10_000;
  try {
    for (let i = 0; i < N; i += 1000) {
      const dir = path.join(t.dir, `batch-${i / 1000}`);
      mkdirSync(dir);
      for (let j = i; j < i + 1000; j++) writeFileSync(path.join(dir, `note-${j}.txt`), `Note ${j}\n\nTiny file number ${j}.`);
    }
    const t0 = performance.now();
    const service = await LecternService.open(t.dir);
    await service.idle();
    const lib = await service.library({});
    assert.equal(lib.documents.length, N);
    assert.deepEqual(lib.diagnostics, []);
    assert.equal(lib.error, null);
    assert.equal((await service.search({ query: '"number 9999"' })).documents[0].id, 'batch-9/note-9999');
    console.log(`# 10,000 files: loaded, indexed and searched in ${Math.round(performance.now() - t0)} ms`);
  } finally {
    t.cleanup();
  }
});

test(
  'a file name that is not valid UTF-8 is named as such (rename it), not as a file that disappeared',
  { skip: process.platform !== 'linux' && 'only Linux file systems take names that are not UTF-8' },
  async () => {
    await withCorpus({ 'ok.md': 'Fine.' }, async (dir) => {
      // Latin-1 "é" (0xe9) alone is not UTF-8: a name from an old Windows or a Latin-1 system.
      writeFileSync(Buffer.concat([Buffer.from(`${dir}/caf`), Buffer.from([0xe9]), Buffer.from('.md')]), 'Text under a Latin-1 name.');
      mkdirSync(Buffer.concat([Buffer.from(`${dir}/`), Buffer.from([0xff, 0xfe])]));
      const c = await loadCorpus(dir);
      assert.deepEqual(
        c.documents.map((d) => d.meta.id),
        ['ok'],
      );
      assert.equal(c.diagnostics.length, 2, JSON.stringify(c.diagnostics));
      for (const d of c.diagnostics) {
        assert.match(d.message, /name that is not valid UTF-8.*Rename it/);
        assert.doesNotMatch(d.message, /disappeared/);
      }
      assert.ok(c.diagnostics.some((d) => d.file === 'caf\uFFFD.md'));
    });
  },
);
