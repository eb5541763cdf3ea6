import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse as parseCsv } from 'csv-parse/sync';
import { unzipSync } from 'fflate';
import { runCli } from '../../helpers/runCli';
import { loadCorpus } from '../../../app/core/corpus';
import type { LoadedDocument } from '../../../app/core/types';
import { REPO } from '../../helpers/repo';
import { copyShippedCorpus, tempDirFor } from '../../helpers/temp';

const HUNT_ID = '2019-03-07-hunt-cybercrime-deterrence';
const XSD = path.resolve(REPO, 'test/fixtures/refi-qda/Project.xsd');

/** A copy of the real seed corpus, loaded by the real loader (never written in place). */
async function seedCorpus(ctx: TestContext) {
  const { dir, cleanup } = copyShippedCorpus();
  ctx.after(cleanup);
  let docs: LoadedDocument[] = (await loadCorpus(dir)).documents;
  const documents = { documents: () => docs, get: (id: string) => docs.find((d) => d.meta.id === id) };
  const reload = async () => {
    docs = (await loadCorpus(dir)).documents;
  };
  return { dir, documents, reload };
}

/** The real command line, `lectern tags …`, on the copy. */
function run(corpus: Awaited<ReturnType<typeof seedCorpus>>, ...argv: string[]) {
  return runCli('tags', ...argv, '--corpus', corpus.dir);
}

test('tags add tags the first or Nth occurrence, creating unknown tags; errors exit 1 with a message', async (ctx) => {
  const c = await seedCorpus(ctx);
  assert.ok(c.documents.get(HUNT_ID), 'the seed corpus loads');
  const ok = await run(c, 'add', HUNT_ID, '--quote', 'National Offensive Cyber Programme', '--tag', 'Capabilities', '--note', 'new unit');
  assert.equal(ok.code, 0, ok.err);
  assert.match(ok.out, /^Tagged 2019-03-07-hunt-cybercrime-deterrence \d+–\d+ “National Offensive Cyber Programme” with Capabilities/);

  const ambiguous = await run(c, 'add', HUNT_ID, '--quote', 'cybercrime', '--tag', 'Crime');
  assert.equal(ambiguous.code, 1);
  assert.match(ambiguous.err, /occurs \d+ times .* --occurrence N/);
  const second = await run(c, 'add', HUNT_ID, '--quote', 'cybercrime', '--tag', 'Crime', '--tag', 'capabilities', '--occurrence', '2');
  assert.equal(second.code, 0, second.err);
  const text = c.documents.get(HUNT_ID)!.text;
  const secondStart = text.indexOf('cybercrime', text.indexOf('cybercrime') + 1);
  assert.match(second.out, new RegExp(` ${secondStart}–${secondStart + 10} `));

  const typed = await run(c, 'add', HUNT_ID, '--quote', "UK's policy", '--tag', 'Policy');
  assert.equal(typed.code, 0, 'a typed apostrophe matches the typographic one in the text');

  for (const [argv, message, code] of [
    [['add', HUNT_ID, '--quote', 'words that are not there', '--tag', 'X'], /does not occur/, 1],
    [['add', 'no-such-doc', '--quote', 'x', '--tag', 'X'], /no document "no-such-doc"/, 1],
    [['add', HUNT_ID, '--quote', 'cybercrime', '--tag', 'X', '--occurrence', '99'], /--occurrence must be a number from 1 to/, 1],
    [['add', HUNT_ID, '--tag', 'X'], /needs a document id, --quote TEXT and --tag NAME/, 2],
    [['add', HUNT_ID, '--quote', 'National Offensive', '--tag', ' '], /needs a name/, 1],
    [['frobnicate'], /Unknown tags command “frobnicate”/, 2],
    [['list', '--bogus'], /Unknown option --bogus/, 2],
  ] as [string[], RegExp, number][]) {
    const r = await run(c, ...argv);
    assert.equal(r.code, code, argv.join(' '));
    assert.match(r.err, message);
  }
  assert.equal((await run(c, '--help')).code, 0);

  const list = await run(c, 'list', '--json');
  const rows = JSON.parse(list.out);
  assert.equal(rows.length, 3);
  assert.deepEqual(Object.keys(rows[0]).sort(), ['coder', 'docId', 'end', 'id', 'note', 'orphan', 'quote', 'start', 'tags'].sort());
  const capab = rows.find((r: { note: string }) => r.note === 'new unit');
  assert.deepEqual(capab.tags, ['Capabilities']);
  assert.deepEqual(rows.find((r: { start: number }) => r.start === secondStart).tags.sort(), ['Capabilities', 'Crime']);
});

test('tags list reports current re-anchored offsets after the corpus file is edited', async (ctx) => {
  const c = await seedCorpus(ctx);
  await run(c, 'add', HUNT_ID, '--quote', 'National Offensive Cyber Programme', '--tag', 'Capabilities');
  const file = path.join(c.dir, `${HUNT_ID}.md`);
  const source = fs.readFileSync(file, 'utf8');
  fs.writeFileSync(
    file,
    source.replace('Foreign Secretary Jeremy Hunt gave a speech', 'An inserted sentence here. Foreign Secretary Jeremy Hunt gave a speech'),
  );
  await c.reload();
  const [row] = JSON.parse((await run(c, 'list', '--json')).out);
  const text = c.documents.get(HUNT_ID)!.text;
  assert.equal(row.orphan, false);
  assert.equal(row.start, text.indexOf('National Offensive Cyber Programme'));
  assert.equal(text.slice(row.start, row.end), 'National Offensive Cyber Programme');
  const plain = await run(c, 'list');
  assert.match(plain.out, /\[Capabilities\] “National Offensive Cyber Programme”/);
});

test('tags export writes every format (stdout or --out), tags import reads W3C and .qdpx back', async (ctx) => {
  const c = await seedCorpus(ctx);
  await run(c, 'add', HUNT_ID, '--quote', 'National Offensive Cyber Programme', '--tag', 'Capabilities', '--note', 'memo, with comma');
  const csv = await run(c, 'export', '--format', 'csv');
  assert.equal(csv.code, 0);
  const rows: Record<string, string>[] = parseCsv(csv.out, { columns: true });
  assert.deepEqual([rows[0].tag, rows[0].note, rows[0].speakers, rows[0].outlet], ['Capabilities', 'memo, with comma', 'Jeremy Hunt', 'Defence Online']);
  assert.match((await run(c, 'export', '--format', 'md')).out, /## Capabilities \(1\)/);

  const noOut = await run(c, 'export', '--format', 'qdpx');
  assert.equal(noOut.code, 1);
  assert.match(noOut.err, /binary: give a file to write with --out FILE/);
  assert.equal((await run(c, 'export', '--format', 'pdf')).code, 2);

  const outDir = tempDirFor(ctx, 'lectern-cli-out-');
  const qdpx = path.join(outDir, 'tags.qdpx');
  assert.equal((await run(c, 'export', '--format', 'qdpx', '--out', qdpx)).code, 0);
  fs.writeFileSync(path.join(outDir, 'project.qde'), unzipSync(fs.readFileSync(qdpx))['project.qde']);
  execFileSync('xmllint', ['--noout', '--schema', XSD, 'project.qde'], { cwd: outDir, stdio: 'pipe' });
  const w3c = path.join(outDir, 'tags.jsonld');
  assert.equal((await run(c, 'export', '--format', 'w3c', '--out', w3c)).code, 0);

  // Into a fresh copy of the corpus: both files import; the second adds nothing new.
  const d = await seedCorpus(ctx);
  const first = await run(d, 'import', qdpx);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /Imported 1 passage\(s\) and 1 new tag\(s\)/);
  assert.match((await run(d, 'import', w3c)).out, /Imported 0 passage\(s\) and 0 new tag\(s\)/);
  assert.deepEqual(JSON.parse((await run(d, 'list', '--json')).out), JSON.parse((await run(c, 'list', '--json')).out));

  const bad = path.join(outDir, 'bad.json');
  fs.writeFileSync(bad, '{ nope');
  const r = await run(d, 'import', bad);
  assert.equal(r.code, 1);
  assert.match(r.err, /Cannot import “bad\.json”: it is not valid JSON/);
  assert.equal((await run(d, 'import', path.join(outDir, 'missing.json'))).code, 1);
});
