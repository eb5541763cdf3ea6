import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { MetadataFields } from '../../../app/common/contract';
import { REPO } from '../../helpers/repo';
import { withService } from '../../helpers/serviceCorpus';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'import');
const base64 = (name: string) => readFileSync(path.join(FIXTURES, name)).toString('base64');
const files = (dir: string) =>
  readdirSync(dir, { recursive: true })
    .map(String)
    .filter((f) => !f.startsWith('.lectern'))
    .sort();

test('import: preview writes nothing; commit writes Markdown with front matter, and the document is searchable', async () => {
  await withService({ 'existing.md': '---\ntitle: Existing\n---\n\nSome text.' }, async (service, dir) => {
    const preview = await service.importPreview({ filename: 'article.html', base64: base64('article.html') });
    assert.equal(preview.suggestedId, '2019-03-07-jeremy-hunt-democracies-must-deter-cyber-attacks-on');
    assert.deepEqual(files(dir), ['existing.md'], 'a preview writes nothing');
    const meta: MetadataFields = { ...preview.meta, speakers: ['Jeremy Hunt'], event: 'Speech at the University of Glasgow' };
    const written = await service.importCommit({ id: 'press/hunt-glasgow', meta, markdown: preview.markdown });
    assert.equal(written.path, 'press/hunt-glasgow.md');
    assert.equal(written.replaced, null);
    const source = readFileSync(path.join(dir, 'press', 'hunt-glasgow.md'), 'utf8');
    assert.equal(
      source.split('\n---\n')[0],
      [
        '---',
        'title: "Jeremy Hunt: democracies must deter cyber attacks on elections"',
        'speakers:',
        '  - Jeremy Hunt',
        'date: 2019-03-07',
        'event: Speech at the University of Glasgow',
        'outlet: The Daily Ledger',
        'kind: news-report',
        'language: en',
        'author: Sam Reporter',
        'source: article.html',
      ].join('\n'),
    );
    const doc = written.library.documents.find((d) => d.id === 'press/hunt-glasgow');
    assert.ok(doc);
    assert.deepEqual(doc.speakers, ['Jeremy Hunt']);
    assert.equal(doc.outlet, 'The Daily Ledger');
    const hits = await service.search({ query: '"doctrine of deterrence" speaker:hunt' });
    assert.deepEqual(
      hits.documents.map((d) => d.id),
      ['press/hunt-glasgow'],
    );
  });
});

test('import: an existing document is never overwritten without saying so', async () => {
  await withService({ 'notes.txt': 'Old notes\nOld text.' }, async (service, dir) => {
    const preview = await service.importPreview({ filename: 'notes.txt', base64: base64('notes.txt') });
    assert.equal(preview.suggestedId, 'notes-on-the-glasgow-speech');
    await assert.rejects(service.importCommit({ id: 'notes', meta: preview.meta, markdown: preview.markdown }), (e: Error & { code?: string }) => {
      assert.equal(e.code, 'exists');
      assert.match(e.message, /already has a document “notes” \(notes\.txt\)\. Choose another name, or confirm that it should be replaced/);
      return true;
    });
    assert.equal(readFileSync(path.join(dir, 'notes.txt'), 'utf8'), 'Old notes\nOld text.');
    const written = await service.importCommit({ id: 'notes', meta: preview.meta, markdown: preview.markdown, overwrite: true });
    assert.equal(written.replaced, 'notes.txt');
    assert.deepEqual(files(dir), ['notes.md'], 'the .txt it replaced is gone, so one id has one file');
    assert.equal(written.library.documents[0].title, 'Notes on the Glasgow speech');
  });
});

test('import: bad files and bad names write nothing to the corpus', async () => {
  await withService({ 'a.md': 'Text.' }, async (service, dir) => {
    for (const f of ['encrypted.pdf', 'scanned.pdf', 'not-a-zip.docx', 'no-article.html', 'letter.rtf']) {
      await assert.rejects(service.importPreview({ filename: f, base64: base64(f) }), new RegExp(`Cannot import “${f.replace('.', '\\.')}”`));
    }
    const meta = (await service.importPreview({ filename: 'remarks.md', base64: base64('remarks.md') })).meta;
    for (const id of ['../outside', '/abs', '.lectern/x', 'a/../../b', 'con:']) {
      await assert.rejects(service.importCommit({ id, meta, markdown: 'Text.' }), /cannot be a document name/);
    }
    await assert.rejects(service.importCommit({ id: 'x', meta: { ...meta, title: ' ' }, markdown: 'Text.' }), /needs a title/);
    await assert.rejects(service.importCommit({ id: 'x', meta, markdown: '  ' }), /has no text/);
    assert.deepEqual(files(dir), ['a.md']);
    assert.ok(!existsSync(path.join(path.dirname(dir), 'outside.md')));
  });
});

test('metadata editor: rewrites only the front matter; the body stays byte for byte, other keys and comments stay', async () => {
  const body = '\r\nFirst paragraph with  two spaces.\r\n\r\n* a list\r\n\r\nNo newline at the end';
  await withService(
    { 'speech.md': `---\r\ntitle: Old title  # the first guess\r\nspeaker: Someone\r\ncustom: keep me\r\ndate: 2020-01-01\r\n---\r\n${body}` },
    async (service, dir) => {
      const written = await service.updateMetadata({
        id: 'speech',
        meta: {
          title: 'New title',
          speakers: ['Jeremy Hunt', 'Dominic Raab'],
          date: '2019-03-07',
          event: '',
          place: 'Glasgow',
          outlet: '',
          kind: 'transcript',
          language: 'en',
        },
      });
      assert.equal(written.path, 'speech.md');
      const source = readFileSync(path.join(dir, 'speech.md'), 'utf8');
      assert.ok(source.endsWith(`\r\n---\r\n${body}`), 'the body is unchanged, CRLF and all');
      assert.match(source, /^---\r\ntitle: New title # the first guess\r\n/);
      assert.match(source, /custom: keep me/);
      assert.ok(!/speaker: Someone/.test(source), 'the old single speaker key is replaced by the list');
      const doc = written.library.documents[0];
      assert.deepEqual(
        [doc.title, doc.speakers, doc.date, doc.place, doc.kind],
        ['New title', ['Jeremy Hunt', 'Dominic Raab'], '2019-03-07', 'Glasgow', 'transcript'],
      );
      assert.deepEqual([doc.author, doc.source], ['', ''], 'author and source were not given: untouched (absent)');
      // The journalist and the source file are edited like the rest, and stay apart from the speakers.
      const again = await service.updateMetadata({ id: 'speech', meta: { ...doc, author: 'Sam Reporter', source: 'speech.html' } });
      const edited = again.library.documents[0];
      assert.deepEqual([edited.author, edited.source, edited.speakers], ['Sam Reporter', 'speech.html', ['Jeremy Hunt', 'Dominic Raab']]);
      assert.match(readFileSync(path.join(dir, 'speech.md'), 'utf8'), /author: Sam Reporter\r\n/);
    },
  );
});

test('metadata editor: a .txt document becomes .md with front matter before its unchanged text; its id stays', async () => {
  const text = 'Plain title\nThe text, with *stars* kept as they were.\n';
  await withService({ 'notes.txt': text, 'plain.md': 'No front matter here.\n' }, async (service, dir) => {
    const meta = { title: 'Proper title', speakers: [], date: '', event: '', place: '', outlet: '', kind: '', language: 'en' };
    const written = await service.updateMetadata({ id: 'notes', meta });
    assert.deepEqual([written.path, written.replaced], ['notes.md', 'notes.txt']);
    assert.deepEqual(files(dir), ['notes.md', 'plain.md']);
    assert.ok(readFileSync(path.join(dir, 'notes.md'), 'utf8').endsWith(`---\n\n${text}`));
    await service.updateMetadata({ id: 'plain', meta: { ...meta, title: 'Plain' } });
    assert.equal(readFileSync(path.join(dir, 'plain.md'), 'utf8'), '---\ntitle: Plain\nspeakers: []\nlanguage: en\n---\n\nNo front matter here.\n');
    const lib = await service.library({});
    assert.deepEqual(lib.documents.map((d) => d.title).sort(), ['Plain', 'Proper title']);
    await assert.rejects(service.updateMetadata({ id: 'nope', meta }), /There is no document "nope"/);
  });
});

test('metadata editor: a file with broken front matter is refused, not rewritten', async () => {
  const broken = '---\ntitle: [unclosed\n---\n\nText.\n';
  await withService({ 'b.md': broken }, async (service, dir) => {
    const meta = { title: 'T', speakers: [], date: '', event: '', place: '', outlet: '', kind: '', language: '' };
    await assert.rejects(service.updateMetadata({ id: 'b', meta }), /front matter of b\.md is not valid YAML .*Fix it in an editor first/);
    assert.equal(readFileSync(path.join(dir, 'b.md'), 'utf8'), broken);
  });
});
