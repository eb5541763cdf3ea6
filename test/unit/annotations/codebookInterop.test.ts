/**
 * Codebook exchange (issue 14, point 5): REFI-QDA .qdc and Taguette's codebook CSV, both ways,
 * and `lectern tags codes`.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse as parseCsv } from 'csv-parse/sync';
import { Tagging } from '../../../app/core/annotations/tagging';
import { REPO } from '../../helpers/repo';
import { runCli } from '../../helpers/runCli';
import { copyShippedCorpus, tempDirFor } from '../../helpers/temp';
import { RAAB, rangeOf, seedDocs } from './helpers';

const CODEBOOK_XSD = path.resolve(REPO, 'test/fixtures/refi-qda/Codebook.xsd');
const RAAB_ID = '2021-05-12-raab';
const b64 = (s: string) => Buffer.from(s).toString('base64');
const text = (file: { base64: string }) => Buffer.from(file.base64, 'base64').toString('utf8');

/** A codebook with a hierarchy, colours, descriptions, a name a spreadsheet would run, and a note-only passage. */
async function codebook(ctx: TestContext) {
  const t = new Tagging(tempDirFor(ctx), seedDocs());
  const threats = await t.createTag({ name: 'Threats', color: '#d62728', description: 'Anything hostile, incl. "states"' });
  await t.createTag({ name: 'Hostile states', parentId: threats.id, color: '#1f77b4' });
  await t.createTag({ name: '=HYPERLINK("x")', description: 'a name that looks like a formula' });
  await t.tagRange({ docId: RAAB_ID, ...rangeOf(RAAB, 'hostile states'), tagIds: [threats.id] });
  await t.tagRange({ docId: RAAB_ID, ...rangeOf(RAAB, '£22 million'), tagIds: [], note: 'a note-only passage' });
  return t;
}

/** What a codebook is: each tag's name, parent's name, colour and description. */
async function shape(t: Tagging) {
  const tags = await t.codebook({});
  return tags.map((x) => ({ name: x.name, parent: tags.find((p) => p.id === x.parentId)?.name ?? null, color: x.color, description: x.description }));
}

function validateQdc(ctx: TestContext, xml: string) {
  const dir = tempDirFor(ctx, 'lectern-qdc-');
  fs.writeFileSync(path.join(dir, 'codebook.qdc'), xml);
  execFileSync('xmllint', ['--noout', '--schema', CODEBOOK_XSD, 'codebook.qdc'], { cwd: dir, stdio: 'pipe' });
}

test('.qdc export is a valid REFI-QDA codebook, and imports back into an empty corpus with hierarchy, colours and descriptions', async (ctx) => {
  const t = await codebook(ctx);
  const file = await t.exportTags({ format: 'qdc' });
  assert.equal(file.filename, 'lectern-tags.qdc');
  const xml = text(file);
  assert.match(xml, /^<\?xml version="1\.0" encoding="UTF-8"\?>\n<CodeBook xmlns="urn:QDA-XML:codebook:1\.0" origin="Lectern">/);
  validateQdc(ctx, xml);
  const target = new Tagging(tempDirFor(ctx), seedDocs());
  const r = await target.importTags({ filename: 'lectern-tags.qdc', base64: file.base64 });
  assert.deepEqual(r, { imported: 0, tags: 3, attributes: 0, notices: [] });
  assert.deepEqual(await shape(target), await shape(t));
  // Importing the same codebook again adds nothing: tags are matched by id, then name.
  assert.deepEqual(await target.importTags({ filename: 'again.qdc', base64: file.base64 }), { imported: 0, tags: 0, attributes: 0, notices: [] });
});

test('an empty codebook has no valid .qdc: the export says so', async (ctx) => {
  const t = new Tagging(tempDirFor(ctx), seedDocs());
  await assert.rejects(t.exportTags({ format: 'qdc' }), /The codebook is empty.*create a tag first/);
});

test('Taguette’s .qdc (upper-case GUIDs, an empty Sets element) imports as tags', async (ctx) => {
  // As Taguette's codebook_xml writes it: CodeBook with origin, flat Codes, then an empty Sets.
  const taguette = `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="Taguette 1.4.1"><Codes><Code guid="2E2A9D3B-5C55-5F6A-9B4B-0E6C1B3F4A11" name="interesting" isCodable="true"/><Code guid="7A1C0E22-4D3B-5E8F-A1B2-C3D4E5F60718" name="people.leaders" isCodable="true"/></Codes><Sets/></CodeBook>`;
  const t = new Tagging(tempDirFor(ctx), seedDocs());
  assert.deepEqual(await t.importTags({ filename: 'codebook.qdc', base64: b64(taguette) }), { imported: 0, tags: 2, attributes: 0, notices: [] });
  assert.deepEqual(
    (await t.codebook({})).map((x) => x.name),
    ['interesting', 'people.leaders'],
  );
});

test('codebook CSV: every row names a tag (what Taguette’s importer requires), and it imports back with Lectern’s colours and parents', async (ctx) => {
  const t = await codebook(ctx);
  const csv = text(await t.exportTags({ format: 'codebook-csv' }));
  const [header, ...rows] = parseCsv(csv) as string[][];
  assert.deepEqual(header, ['tag', 'description', 'number of highlights', 'number of documents', 'color', 'parent']);
  // Taguette's rules (taguette/import_codebook.py): exactly one of tag/name/path, no empty tag name.
  assert.equal(header.filter((h) => ['tag', 'name', 'path'].includes(h.toLowerCase())).length, 1);
  assert.equal(rows.length, 3, 'one row per tag; the note-only passage is not a row');
  assert.ok(
    rows.every((r) => r[0].trim() !== ''),
    'no empty tag name',
  );
  const threats = rows.find((r) => r[0] === 'Threats')!;
  assert.deepEqual(threats.slice(1), ['Anything hostile, incl. "states"', '1', '1', '#d62728', '']);
  assert.equal(rows.find((r) => r[0] === 'Hostile states')![5], 'Threats');
  assert.equal(rows.find((r) => r[0].includes('HYPERLINK'))![0], `'=HYPERLINK("x")`, 'a formula-like name is protected for spreadsheets');
  const target = new Tagging(tempDirFor(ctx), seedDocs());
  assert.deepEqual(await target.importTags({ filename: 'codebook.csv', base64: b64(csv) }), { imported: 0, tags: 3, attributes: 0, notices: [] });
  assert.deepEqual(await shape(target), await shape(t), 'the protecting quote is removed again');
});

test('Taguette’s own codebook CSV imports; a passage CSV or a CSV without a tag column is refused with the reason', async (ctx) => {
  const taguette = 'tag,description,number of highlights,number of documents\r\ninteresting,Worth a look,4,2\r\n"quotes, with comma","Said ""so""",1,1\r\n';
  const t = new Tagging(tempDirFor(ctx), seedDocs());
  assert.equal((await t.importTags({ filename: 'taguette.csv', base64: b64(taguette) })).tags, 2);
  assert.deepEqual(
    (await t.codebook({})).map((x) => [x.name, x.description]),
    [
      ['interesting', 'Worth a look'],
      ['quotes, with comma', 'Said "so"'],
    ],
  );
  const src = await codebook(ctx);
  const passages = text(await src.exportTags({ format: 'csv' }));
  await assert.rejects(t.importTags({ filename: 'lectern-tags.csv', base64: b64(passages) }), /it is a passage CSV .* import the \.qdpx or W3C export instead/);
  await assert.rejects(t.importTags({ filename: 'people.csv', base64: b64('first,last\r\nA,B\r\n') }), /no column named “tag”, “name” or “path”/);
  await assert.rejects(t.importTags({ filename: 'gap.csv', base64: b64('tag,description\r\nok,\r\n,orphan description\r\n') }), /row 3 has an empty tag name/);
});

test('lectern tags codes lists the codebook as a tree (and as JSON); tags export writes qdc and codebook-csv', async (ctx) => {
  const { dir, cleanup } = copyShippedCorpus();
  ctx.after(cleanup);
  const qdc = `<?xml version="1.0" encoding="UTF-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes>
<Code guid="11111111-1111-4111-8111-111111111111" name="Threats" isCodable="true" color="#d62728"><Description>Anything hostile</Description>
<Code guid="22222222-2222-4222-8222-222222222222" name="Hostile states" isCodable="true" color="#1f77b4"/></Code>
</Codes></CodeBook>`;
  const file = path.join(dir, '..', 'codes.qdc');
  fs.writeFileSync(file, qdc);
  const imported = await runCli('tags', 'import', file, '--corpus', dir);
  assert.equal(imported.code, 0, imported.err);
  assert.match(imported.out, /Imported 0 passage\(s\) and 2 new tag\(s\)/);
  const tree = await runCli('tags', 'codes', '--corpus', dir);
  assert.equal(tree.code, 0, tree.err);
  assert.equal(tree.out, 'Threats #d62728 (0 passages) — Anything hostile\n  Hostile states #1f77b4 (0 passages)');
  const json = JSON.parse((await runCli('tags', 'codes', '--json', '--corpus', dir)).out);
  assert.deepEqual(
    json.map((x: { name: string; parent: string | null; color: string; passages: number }) => [x.name, x.parent, x.color, x.passages]),
    [
      ['Threats', null, '#d62728', 0],
      ['Hostile states', 'Threats', '#1f77b4', 0],
    ],
  );
  const out = path.join(dir, '..', 'out.qdc');
  assert.equal((await runCli('tags', 'export', '--format', 'qdc', '--out', out, '--corpus', dir)).code, 0);
  validateQdc(ctx, fs.readFileSync(out, 'utf8'));
  const csv = await runCli('tags', 'export', '--format', 'codebook-csv', '--corpus', dir);
  assert.equal(csv.code, 0, csv.err);
  assert.equal(parseCsv(csv.out).length, 3);
});
