import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { runCli as run } from '../../helpers/runCli';
import { REPO } from '../../helpers/repo';
import { withCorpus } from '../../helpers/temp';

const fixture = (name: string) => path.join(REPO, 'test', 'fixtures', 'import', name);
const files = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f !== '.lectern')
    .sort();

test('lectern import without --yes prints the preview and writes nothing, saying how to confirm', async () => {
  await withCorpus({ 'a.md': 'Alpha.' }, async (dir) => {
    const r = await run('import', fixture('statement.docx'), '--corpus', dir);
    assert.equal(r.code, 0, r.err);
    assert.match(r.out, /== statement\.docx/);
    assert.match(r.out, /title +Statement on the Salisbury attack/);
    assert.match(r.out, /author +Theresa May/);
    assert.match(r.out, /\| Mr Speaker, with permission/);
    assert.match(r.out, /Nothing was written\. .* run the same command again with --yes/);
    assert.deepEqual(files(dir), ['a.md']);
  });
});

test('lectern import --yes writes each file as Markdown and says what it wrote; a bad file is reported and skipped', async () => {
  await withCorpus({ 'a.md': 'Alpha.' }, async (dir) => {
    const r = await run('import', fixture('speech.pdf'), fixture('scanned.pdf'), fixture('remarks.md'), '--yes', '--corpus', dir);
    assert.equal(r.code, 1, 'one file failed');
    assert.match(r.out, /Wrote .*2019-03-07-speech-on-cyber-deterrence\.md: “Speech on cyber deterrence”/);
    assert.match(r.out, /Wrote .*2021-05-12-remarks-at-the-cyber-security-conference\.md/);
    assert.match(r.err, /Cannot import “scanned\.pdf”: the PDF has no text to extract/);
    assert.deepEqual(files(dir), ['2019-03-07-speech-on-cyber-deterrence.md', '2021-05-12-remarks-at-the-cyber-security-conference.md', 'a.md']);
    assert.match(
      readFileSync(path.join(dir, '2019-03-07-speech-on-cyber-deterrence.md'), 'utf8'),
      /^---\ntitle: Speech on cyber deterrence\nspeakers: \[\]\ndate: 2019-03-07\nauthor: Jeremy Hunt\nsource: speech\.pdf\nformat: text\n---\n\nThank you for inviting me/,
    );
    // Again: the same name exists, so nothing is replaced without --overwrite.
    const again = await run('import', fixture('speech.pdf'), '--yes', '--id', '2019-03-07-speech-on-cyber-deterrence', '--corpus', dir);
    assert.equal(again.code, 1);
    assert.match(again.err, /already has a document .*\(Use --id NAME for another name, or --overwrite to replace it\.\)/);
    const replaced = await run('import', fixture('speech.pdf'), '--yes', '--overwrite', '--id', '2019-03-07-speech-on-cyber-deterrence', '--corpus', dir);
    assert.equal(replaced.code, 0, replaced.err);
    assert.match(replaced.out, /replacing 2019-03-07-speech-on-cyber-deterrence\.md/);
  });
});

test('lectern import: usage errors and unreadable files', async () => {
  await withCorpus({ 'a.md': 'Alpha.' }, async (dir) => {
    assert.equal((await run('import', '--corpus', dir)).code, 2);
    const two = await run('import', fixture('notes.txt'), fixture('remarks.md'), '--id', 'x', '--corpus', dir);
    assert.match(two.err, /--id names one document/);
    const missing = await run('import', path.join(dir, 'nope.pdf'), '--corpus', dir);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /Cannot import “.*nope\.pdf”: the file cannot be read \(ENOENT\)/);
    assert.deepEqual(files(dir), ['a.md']);
  });
});
