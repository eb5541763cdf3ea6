import { createHash } from 'node:crypto';
import assert from 'node:assert/strict';
import { readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { loadCorpus } from '../../../app/core/corpus';
import { fileStamp } from '../../../app/core/corpusFiles';
import { splitFrontMatter } from '../../../app/core/frontMatter';
import { SHIPPED_CORPUS } from '../../helpers/repo';
import { withCorpus } from '../../helpers/temp';

test('the shipped corpus loads three documents with their front matter facts', async () => {
  const c = await loadCorpus(SHIPPED_CORPUS);
  assert.equal(c.error, null);
  assert.deepEqual(c.diagnostics, []);
  const ids = c.documents.map((d) => d.meta.id).sort();
  assert.deepEqual(ids, ['2019-03-07-hunt-cybercrime-deterrence', '2021-05-12-raab-cooperation-independent', '2021-05-12-raab-international-coalition']);
  const hunt = c.documents.find((d) => d.meta.id.includes('hunt'))!;
  assert.deepEqual(hunt.meta.speakers, ['Jeremy Hunt']);
  assert.equal(hunt.meta.date, '2019-03-07');
  assert.equal(hunt.meta.place, 'University of Glasgow');
  assert.equal(hunt.meta.outlet, 'Defence Online');
  const independent = c.documents.find((d) => d.meta.id.includes('independent'))!;
  assert.equal(independent.meta.outlet, 'The Independent');
  assert.equal(independent.meta.date, '2021-05-12');
});

test('the corpus files hold the seed text unaltered below their front matter', () => {
  // SHA-256 of the seed articles as the project received them (seeds 000–002). A user's clone has
  // no seeds folder beside it, so the test holds their digests instead of reading them.
  const seeds: [string, string][] = [
    ['2021-05-12-raab-international-coalition.md', '64618ddbfcd6e72f7b9e558e1bc3a6619a171aff4bd6c9f9f23bdd6caeaca4f5'],
    ['2021-05-12-raab-cooperation-independent.md', '5d967e3411154c613f6c9c21899a54a84a7a990758a40b7b24a80eca194772b4'],
    ['2019-03-07-hunt-cybercrime-deterrence.md', 'a2405c2997553ace9f561af1eb825e2ad669be1f395bd47c294a03d132aa1911'],
  ];
  for (const [file, digest] of seeds) {
    const body = splitFrontMatter(readFileSync(path.join(SHIPPED_CORPUS, file), 'utf8')).body;
    assert.equal(createHash('sha256').update(body).digest('hex'), digest, file);
  }
});

test('a .txt file takes its first line as title; front matter is optional', async () => {
  await withCorpus({ 'notes/speech.txt': 'A Speech Title\n\nFirst paragraph here.\n\nSecond one.', 'plain.md': 'Just text, no front matter.' }, async (dir) => {
    const c = await loadCorpus(dir);
    const speech = c.documents.find((d) => d.meta.id === 'notes/speech')!;
    assert.equal(speech.meta.title, 'A Speech Title');
    assert.deepEqual(
      speech.passages.map((p) => p.text),
      ['First paragraph here.', 'Second one.'],
    );
    const plain = c.documents.find((d) => d.meta.id === 'plain')!;
    assert.equal(plain.meta.title, 'plain');
    assert.equal(plain.text, 'Just text, no front matter.');
  });
});

test('bad files get a diagnostic naming the file and the problem, and the rest still load', async () => {
  await withCorpus(
    {
      'good.md': '---\ntitle: Good\n---\nGood text.',
      'empty.md': '',
      'binary.md': Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x01, 0x02]),
      'latin1.txt': Buffer.from('Caf\xe9 society', 'latin1'),
      'broken-fm.md': '---\ntitle: [unclosed\n---\nBody survives.',
      'unclosed-fm.md': '---\ntitle: x\nno closing line',
      'huge.txt': Buffer.alloc(20 * 1024 * 1024 + 1, 0x61),
      'utf16.txt': Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('UTF-16 title\n\nHello from UTF-16.', 'utf16le')]),
      'crlf.md': '---\r\ntitle: Windows\r\n---\r\nLine one.\r\n\r\nLine two.\r\n',
    },
    async (dir) => {
      const c = await loadCorpus(dir);
      const byFile = new Map(c.diagnostics.map((d) => [d.file, d]));
      assert.match(byFile.get('empty.md')!.message, /empty/);
      assert.match(byFile.get('binary.md')!.message, /binary/);
      assert.match(byFile.get('latin1.txt')!.message, /UTF-8/);
      assert.match(byFile.get('broken-fm.md')!.message, /front matter/);
      assert.match(byFile.get('unclosed-fm.md')!.message, /never closed/);
      assert.match(byFile.get('huge.txt')!.message, /20 MB/);
      const ids = c.documents.map((d) => d.meta.id).sort();
      assert.deepEqual(ids, ['broken-fm', 'crlf', 'good', 'unclosed-fm', 'utf16']);
      assert.equal(c.documents.find((d) => d.meta.id === 'broken-fm')!.text, 'Body survives.');
      assert.equal(c.documents.find((d) => d.meta.id === 'utf16')!.text, 'Hello from UTF-16.');
      assert.deepEqual(
        c.documents.find((d) => d.meta.id === 'crlf')!.passages.map((p) => p.text),
        ['Line one.', 'Line two.'],
      );
    },
  );
});

test('a missing corpus folder is a clear error, not an exception', async () => {
  const c = await loadCorpus('/nonexistent/lectern-corpus');
  assert.match(c.error!, /does not exist/);
  assert.deepEqual(c.documents, []);
});

test('front matter cannot pollute prototypes', async () => {
  await withCorpus({ 'evil.md': '---\n__proto__:\n  polluted: yes\nconstructor:\n  prototype:\n    polluted: yes\ntitle: Evil\n---\nText.' }, async (dir) => {
    const c = await loadCorpus(dir);
    assert.equal(c.documents[0].meta.title, 'Evil');
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
  });
});

test('a reload reuses a document whose file is unchanged by its stamp without reading it, and reads a changed or just-written one', async () => {
  await withCorpus({ 'old.md': '# Old\n\nSettled text.', 'edited.md': '# Edited\n\nFirst text.' }, async (dir) => {
    const past = new Date(Date.now() - 60_000);
    for (const f of ['old.md', 'edited.md']) utimesSync(path.join(dir, f), past, past);
    const first = await loadCorpus(dir);
    const doc = (c: typeof first, id: string) => c.documents.find((d) => d.meta.id === id)!;
    assert.ok(doc(first, 'old').stamp, 'a settled file has a stamp');

    writeFileSync(path.join(dir, 'edited.md'), '# Edited\n\nSecond text.');
    writeFileSync(path.join(dir, 'new.md'), '# New\n\nJust written.');
    const previous = new Map(first.documents.map((d) => [d.meta.path, d]));
    const second = await loadCorpus(dir, { previous });
    assert.equal(doc(second, 'old'), doc(first, 'old'), 'unchanged: the same document, not rebuilt');
    assert.match(doc(second, 'edited').text, /Second text/);
    assert.equal(doc(second, 'new').stamp, null, 'just written: no stamp yet, so it is compared by its bytes next time');

    // A file made unreadable is not passed by its old stamp: the read says why.
    rmSync(path.join(dir, 'old.md'));
    const third = await loadCorpus(dir, { previous: new Map(second.documents.map((d) => [d.meta.path, d])) });
    assert.equal(
      third.documents.some((d) => d.meta.id === 'old'),
      false,
    );
  });
});

test('a stamp is only given to a file not modified in the last two seconds (a coarse clock could hide a second write)', () => {
  const now = 1_700_000_000_000;
  assert.equal(fileStamp({ size: 10, mtimeMs: now - 1000, ino: 7 }, now), null);
  assert.equal(fileStamp({ size: 10, mtimeMs: now - 3000, ino: 7 }, now), `10:${now - 3000}:7`);
});
