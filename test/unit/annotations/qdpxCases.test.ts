/**
 * Document attributes in REFI-QDA projects: exported as Variables with each document's values on its
 * TextSource and on a Case named after it; imported back into front matter, keeping what a document
 * already says and refusing names that cannot be attributes. Real corpus folders, a real service.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { LecternService } from '../../../app/service';
import { openService } from '../../../app/service/openService';
import { REPO } from '../../helpers/repo';
import { corpusOf, tempDirFor } from '../../helpers/temp';

const XSD = path.resolve(REPO, 'test/fixtures/refi-qda/Project.xsd');
const NS = 'urn:QDA-XML:project:1.0';

const BODY_A = 'We will balance the budget.\n\nAnd invest in schools.\n';
const BODY_B = 'Defence spending rises.\n';
const BODY_C = 'A greener future.\n';

/** Three speeches: number, date, year and text attributes, a comment and a key order to keep. */
const FILES = {
  'a.md': `---
title: Budget speech
speakers:
  - Ann Lee
date: 2021-03-03
outlet: Gazette
# a comment the import must keep
party: Labour
seats: 12
share: 3.5
elected: 2010-05-06
term: 2010
founded: 1900-05
---

${BODY_A}`,
  'b.md': `---
title: Defence & <security>
speakers:
  - Bo Ng
  - Cy Day
date: 2022-07-01
outlet: Herald
party: Conservative
seats: 7
share: 4
elected: 2015-05-07
term: 2015
founded: 1901
---

${BODY_B}`,
  'c.md': `---
title: Green plan
speakers:
  - Di Roe
date: 2023-01-09
party: Green
---

${BODY_C}`,
};

/** The attribute lines of FILES, which a round trip must restore. */
const ATTRIBUTE_LINE = /^(party|seats|share|elected|term|founded|note): .*\n/gm;

async function open(ctx: { after(fn: () => void | Promise<void>): void }, files: Record<string, string>) {
  const corpus = corpusOf(files);
  const service = await openService(corpus.dir);
  ctx.after(async () => {
    await service.close();
    corpus.cleanup();
  });
  return { service, dir: corpus.dir };
}

async function exportQdpx(service: LecternService) {
  const file = await service.exportTags({ format: 'qdpx' });
  return { base64: file.base64, files: unzipSync(new Uint8Array(Buffer.from(file.base64, 'base64'))) };
}

function validate(ctx: { after(fn: () => void): void }, xml: string): void {
  const dir = tempDirFor(ctx, 'lectern-qdpx-');
  fs.writeFileSync(path.join(dir, 'project.qde'), xml);
  // Throws with xmllint's message if the project does not validate.
  execFileSync('xmllint', ['--noout', '--schema', XSD, 'project.qde'], { cwd: dir, stdio: 'pipe' });
}

const children = (el: Element, name: string) =>
  Array.from(el.childNodes as ArrayLike<Node>).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === name);
const child = (el: Element, name: string) => children(el, name)[0];

/** A document's values as [variable name, value element, text], read by GUID as an importer would. */
function valuesOf(el: Element, variableName: Map<string, string>): [string, string, string][] {
  return children(el, 'VariableValue').map((vv) => {
    const value = Array.from(vv.childNodes as ArrayLike<Node>).find((n): n is Element => n.nodeType === 1 && (n as Element).localName !== 'VariableRef')!;
    return [variableName.get(child(vv, 'VariableRef').getAttribute('targetGUID')!)!, value.localName, value.textContent ?? ''];
  });
}

function readProject(xml: string) {
  const root = new DOMParser().parseFromString(xml, 'text/xml').documentElement as unknown as Element;
  const variables = children(child(root, 'Variables'), 'Variable').map((v) => ({
    guid: v.getAttribute('guid')!,
    name: v.getAttribute('name')!,
    type: v.getAttribute('typeOfVariable')!,
  }));
  const variableName = new Map(variables.map((v) => [v.guid, v.name]));
  const sources = children(child(root, 'Sources'), 'TextSource');
  const sourceName = new Map(sources.map((s) => [s.getAttribute('guid')!, s.getAttribute('name')!]));
  const cases = children(child(root, 'Cases'), 'Case').map((c) => ({
    guid: c.getAttribute('guid')!,
    name: c.getAttribute('name')!,
    sources: children(c, 'SourceRef').map((r) => sourceName.get(r.getAttribute('targetGUID')!)),
    values: valuesOf(c, variableName),
  }));
  const sourceValues = Object.fromEntries(sources.map((s) => [s.getAttribute('name')!, valuesOf(s, variableName)]));
  const order = Array.from(root.childNodes as ArrayLike<Node>)
    .filter((n) => n.nodeType === 1)
    .map((n) => (n as Element).localName);
  return { variables, cases, sourceValues, order };
}

const EXPECTED_VALUES: Record<string, [string, string, string][]> = {
  a: [
    ['speaker', 'TextValue', 'Ann Lee'],
    ['date', 'DateValue', '2021-03-03'],
    ['outlet', 'TextValue', 'Gazette'],
    ['elected', 'DateValue', '2010-05-06'],
    ['founded', 'TextValue', '1900-05'],
    ['party', 'TextValue', 'Labour'],
    ['seats', 'IntegerValue', '12'],
    ['share', 'FloatValue', '3.5'],
    ['term', 'IntegerValue', '2010'],
  ],
  b: [
    ['speaker', 'TextValue', 'Bo Ng; Cy Day'],
    ['date', 'DateValue', '2022-07-01'],
    ['outlet', 'TextValue', 'Herald'],
    ['elected', 'DateValue', '2015-05-07'],
    ['founded', 'TextValue', '1901'],
    ['party', 'TextValue', 'Conservative'],
    ['seats', 'IntegerValue', '7'],
    ['share', 'FloatValue', '4'],
    ['term', 'IntegerValue', '2015'],
  ],
  c: [
    ['speaker', 'TextValue', 'Di Roe'],
    ['date', 'DateValue', '2023-01-09'],
    ['party', 'TextValue', 'Green'],
  ],
};

test('export: one Variable per attribute (typed from the corpus) and for speaker, date, outlet; one Case per document; valid against Project.xsd', async (ctx) => {
  const { service } = await open(ctx, FILES);
  const { files } = await exportQdpx(service);
  const xml = strFromU8(files['project.qde']);
  validate(ctx, xml);
  const p = readProject(xml);
  assert.deepEqual(p.order, ['Users', 'Variables', 'Cases', 'Sources'], 'the schema’s order');
  assert.deepEqual(
    p.variables.map((v) => [v.name, v.type]),
    [
      ['speaker', 'Text'],
      ['date', 'Date'],
      ['outlet', 'Text'],
      ['elected', 'Date'],
      // "1900-05" and "1901" are Lectern dates, but not xsd:dates: as text they stay valid.
      ['founded', 'Text'],
      ['party', 'Text'],
      ['seats', 'Integer'],
      ['share', 'Float'],
      // A column of years: an Integer, which QDA tools sort and range.
      ['term', 'Integer'],
    ],
  );
  assert.deepEqual(
    p.cases.map((c) => [c.name, c.sources]),
    [
      ['Budget speech', ['a']],
      ['Defence & <security>', ['b']],
      ['Green plan', ['c']],
    ],
  );
  for (const [i, id] of ['a', 'b', 'c'].entries()) {
    assert.deepEqual(p.cases[i].values, EXPECTED_VALUES[id], `the case of ${id}`);
    assert.deepEqual(p.sourceValues[id], EXPECTED_VALUES[id], `the TextSource of ${id} carries the same values`);
  }
  // GUIDs derive from ids and names: the same corpus exports the same project.
  const again = readProject(strFromU8((await exportQdpx(service)).files['project.qde']));
  assert.deepEqual(
    again.cases.map((c) => c.guid),
    p.cases.map((c) => c.guid),
  );
  assert.deepEqual(again.variables, p.variables);
  assert.equal(new Set([...p.cases.map((c) => c.guid), ...p.variables.map((v) => v.guid)]).size, 12, 'every GUID is its own');
});

test('round trip: export, strip the attributes from the files, import: they are back, and nothing else in the files moved', async (ctx) => {
  const { service, dir } = await open(ctx, FILES);
  const before = new Map((await service.library({})).documents.map((d) => [d.id, d]));
  const { base64 } = await exportQdpx(service);
  for (const name of Object.keys(FILES)) fs.writeFileSync(path.join(dir, name), FILES[name as keyof typeof FILES].replace(ATTRIBUTE_LINE, ''));
  await service.reload();
  assert.deepEqual((await service.library({})).documents.find((d) => d.id === 'a')!.attributes, {}, 'fixture: stripped');

  const r = await service.importTags({ filename: 'corpus.qdpx', base64 });
  assert.deepEqual(r, { imported: 0, tags: 0, attributes: 13, notices: [] });
  const after = (await service.library({})).documents;
  for (const d of after) {
    const was = before.get(d.id)!;
    assert.deepEqual(d.attributes, was.attributes, `${d.id}: its attributes`);
    assert.deepEqual([d.title, d.speakers, d.date, d.outlet], [was.title, was.speakers, was.date, was.outlet], `${d.id}: its own fields`);
  }
  const a = fs.readFileSync(path.join(dir, 'a.md'), 'utf8');
  assert.ok(a.includes('# a comment the import must keep\n'), a);
  assert.ok(a.endsWith(`---\n\n${BODY_A}`), 'the body, byte for byte');
  assert.equal((await service.search({ query: 'seats:10..20' })).documents.map((d) => d.id).join(), 'a', 'and they filter again');
  // Importing the same project again finds every value already there.
  assert.deepEqual(await service.importTags({ filename: 'corpus.qdpx', base64 }), { imported: 0, tags: 0, attributes: 0, notices: [] });
});

test('a value the document already has, and differs, is kept and reported; so is one of Lectern’s own fields; new values are still written', async (ctx) => {
  const { service, dir } = await open(ctx, FILES);
  const { base64 } = await exportQdpx(service);
  const edited = FILES['a.md']
    .replace('party: Labour\n', 'party: Labour Co-op\n')
    .replace('outlet: Gazette\n', 'outlet: Evening Gazette\n')
    .replace(/^seats: .*\n/m, '');
  fs.writeFileSync(path.join(dir, 'a.md'), edited);
  await service.reload();
  const r = await service.importTags({ filename: 'old.qdpx', base64 });
  assert.equal(r.attributes, 1, 'only seats, which a.md no longer has');
  assert.deepEqual(r.notices, [
    "1 attribute value(s) in the file differ from the document's own, which were kept: a: party “Labour Co-op” (the file says “Labour”).",
    "1 value(s) of Lectern's own fields differ from the document's and were not written (change them in the metadata editor): a: outlet “Evening Gazette” (the file says “Gazette”).",
  ]);
  const a = (await service.library({})).documents.find((d) => d.id === 'a')!;
  assert.equal(a.attributes.party, 'Labour Co-op');
  assert.equal(a.attributes.seats, '12');
  assert.equal(a.outlet, 'Evening Gazette');
  assert.equal(
    fs.readFileSync(path.join(dir, 'a.md'), 'utf8'),
    edited.replace('founded: 1900-05\n', 'founded: 1900-05\nseats: "12"\n'),
    'one line added, nothing else changed',
  );
});

test('hostile values are escaped on the way out and restored exactly; hostile names are refused, never written', async (ctx) => {
  const hostile = `<b>"Labour" & 'Co'</b> ]]> &amp;\n---\nnot: front matter`;
  const files = { 'h.md': `---\ntitle: "<script>alert(1)</script>"\nnote: ${JSON.stringify(hostile)}\n---\n\nBody text.\n` };
  const { service, dir } = await open(ctx, files);
  const { base64, files: zipped } = await exportQdpx(service);
  const xml = strFromU8(zipped['project.qde']);
  validate(ctx, xml);
  assert.ok(!xml.includes('<script>') && !xml.includes('<b>'), 'markup is escaped');
  assert.deepEqual(readProject(xml).sourceValues.h.at(-1), ['note', 'TextValue', hostile], 'the value, exactly, as an XML parser reads it');
  fs.writeFileSync(path.join(dir, 'h.md'), files['h.md'].replace(/^note: .*\n/m, ''));
  await service.reload();
  assert.equal((await service.importTags({ filename: 'h.qdpx', base64 })).attributes, 1);
  const h = (await service.library({})).documents.find((d) => d.id === 'h')!;
  assert.equal(h.attributes.note, hostile);
  assert.equal(h.title, '<script>alert(1)</script>', 'the front matter still reads as it did');
  assert.deepEqual(Object.keys(h.attributes), ['note'], 'the "---" inside the value closed nothing');

  // A project from elsewhere whose variable names are not attribute names.
  const vars: [string, string, string][] = [
    ['11111111-1111-4111-8111-111111111111', '__proto__', '{"polluted":"yes"}'],
    ['22222222-2222-4222-8222-222222222222', 'constructor', 'x'],
    ['33333333-3333-4333-8333-333333333333', 'Cases:Age group', '20-29'],
    ['44444444-4444-4444-8444-444444444444', 'Age group', '30-39'],
    ['55555555-5555-4555-8555-555555555555', 'title', 'Another title'],
  ];
  const src = '66666666-6666-4666-8666-666666666666';
  const project = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="${NS}" name="elsewhere">
<Variables>${vars.map(([g, n]) => `<Variable guid="${g}" name="${n}" typeOfVariable="Text"/>`).join('')}</Variables>
<Sources><TextSource guid="${src}" name="h" plainTextPath="internal://${src}.txt">
${vars.map(([g, , v]) => `<VariableValue><VariableRef targetGUID="${g}"/><TextValue>${v}</TextValue></VariableValue>`).join('')}
</TextSource></Sources>
</Project>`;
  validate(ctx, project);
  const before = fs.readFileSync(path.join(dir, 'h.md'), 'utf8');
  const r = await service.importTags({
    filename: 'elsewhere.qdpx',
    base64: Buffer.from(zipSync({ 'project.qde': strToU8(project), [`sources/${src}.txt`]: strToU8('Body text.') })).toString('base64'),
  });
  assert.equal(r.attributes, 1, 'only “Age group”, as age_group');
  assert.deepEqual(r.notices, [
    "1 value(s) of Lectern's own fields differ from the document's and were not written (change them in the metadata editor): h: title “<script>alert(1)</script>” (the file says “Another title”).",
    'The variable “__proto__” cannot be a Lectern attribute (it is a reserved name): its 1 value(s) were not imported. Rename it in the other tool and export again.',
    'The variable “constructor” cannot be a Lectern attribute (it is a reserved name): its 1 value(s) were not imported. Rename it in the other tool and export again.',
    'The variable “Cases:Age group” cannot be a Lectern attribute (an attribute name is letters, digits and "_", starting with a letter): its 1 value(s) were not imported. Rename it in the other tool and export again.',
  ]);
  const now = fs.readFileSync(path.join(dir, 'h.md'), 'utf8');
  assert.equal(now, before.replace('\n---\n\nBody', '\nage_group: 30-39\n---\n\nBody'));
  assert.equal(({} as Record<string, unknown>).polluted, undefined, 'no prototype was touched');
});

test('what other tools write: values on the TextSource (MAXQDA, QualCoder), on an unnamed Case with one SourceRef (Quirkos), on a named Case; with codings, in one import', async (ctx) => {
  const { service, dir } = await open(ctx, { 'a.md': FILES['a.md'].replace(ATTRIBUTE_LINE, ''), 'b.md': FILES['b.md'].replace(ATTRIBUTE_LINE, '') });
  const [SA, SB, CODE, V1, V2, V3] = [
    'aaaaaaaa-0000-4000-8000-000000000001',
    'aaaaaaaa-0000-4000-8000-000000000002',
    'aaaaaaaa-0000-4000-8000-000000000003',
    'bbbbbbbb-0000-4000-8000-000000000001',
    'bbbbbbbb-0000-4000-8000-000000000002',
    'bbbbbbbb-0000-4000-8000-000000000003',
  ];
  const vv = (g: string, el: string, v: string) => `<VariableValue><VariableRef targetGUID="${g}"/><${el}>${v}</${el}></VariableValue>`;
  const start = BODY_A.indexOf('invest in schools');
  const project = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="${NS}" name="qc" origin="QualCoder">
<CodeBook><Codes><Code guid="${CODE}" name="Education" isCodable="true"/></Codes></CodeBook>
<Variables>
<Variable guid="${V1}" name="Region" typeOfVariable="Text"/>
<Variable guid="${V2}" name="Turnout" typeOfVariable="Float"/>
<Variable guid="${V3}" name="Age group" typeOfVariable="Text"/>
</Variables>
<Cases>
<Case guid="cccccccc-0000-4000-8000-000000000001">${vv(V2, 'FloatValue', '61.5')}<SourceRef targetGUID="${SB}"/></Case>
<Case guid="cccccccc-0000-4000-8000-000000000002" name="Anna">${vv(V3, 'TextValue', '20-29')}</Case>
<Case guid="cccccccc-0000-4000-8000-000000000003" name="Budget speech">${vv(V1, 'TextValue', 'South')}<SourceRef targetGUID="${SA}"/></Case>
</Cases>
<Sources>
<TextSource guid="${SA}" name="budget.txt" plainTextPath="internal://${SA}.txt">
<PlainTextSelection guid="dddddddd-0000-4000-8000-000000000001" startPosition="${start}" endPosition="${start + 'invest in schools'.length}">
<Coding guid="dddddddd-0000-4000-8000-000000000002"><CodeRef targetGUID="${CODE}"/></Coding>
</PlainTextSelection>
${vv(V1, 'TextValue', 'North')}${vv(V2, 'FloatValue', '72.25')}
</TextSource>
<TextSource guid="${SB}" name="defence.txt" plainTextPath="internal://${SB}.txt"/>
</Sources>
</Project>`;
  validate(ctx, project);
  const zip = zipSync({ 'project.qde': strToU8(project), [`sources/${SA}.txt`]: strToU8(BODY_A), [`sources/${SB}.txt`]: strToU8(BODY_B) });
  const r = await service.importTags({ filename: 'qc.qdpx', base64: Buffer.from(zip).toString('base64') });
  assert.equal(r.imported, 1);
  assert.equal(r.tags, 1);
  assert.equal(r.attributes, 3);
  assert.deepEqual(r.notices, [
    '1 attribute value(s) of cases that name no source (case attributes, not document attributes) were not imported.',
    '1 attribute(s) have two different values in the file (on the source and on its case, or on two sources of one document); the first was used: a: region “North”, not “South”.',
  ]);
  const docs = new Map((await service.library({})).documents.map((d) => [d.id, d.attributes]));
  assert.deepEqual(docs.get('a'), { region: 'North', turnout: '72.25' }, 'matched by text; the source’s own value wins');
  assert.deepEqual(docs.get('b'), { turnout: '61.5' }, 'from the unnamed case');
  assert.deepEqual(
    (await service.annotations({})).map((x) => [x.docId, x.quote]),
    [['a', 'invest in schools']],
  );
  assert.match(fs.readFileSync(path.join(dir, 'b.md'), 'utf8'), /\nturnout: "61\.5"\n---\n/);
});

test('a .txt document, which has no front matter, becomes .md to hold its attributes, saying what Lectern read from it, and the user is told', async (ctx) => {
  const { service, dir } = await open(ctx, { 'notes.txt': 'Notes on the budget\n\nThe budget is balanced.\n' });
  const was = (await service.library({})).documents[0];
  const src = '77777777-7777-4777-8777-777777777777';
  const variable = '88888888-8888-4888-8888-888888888888';
  const project = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="${NS}" name="x"><Variables><Variable guid="${variable}" name="Wave" typeOfVariable="Integer"/></Variables>
<Sources><TextSource guid="${src}" name="notes.txt"><VariableValue><VariableRef targetGUID="${variable}"/><IntegerValue>2</IntegerValue></VariableValue></TextSource></Sources></Project>`;
  validate(ctx, project);
  const r = await service.importTags({ filename: 'x.qdpx', base64: Buffer.from(zipSync({ 'project.qde': strToU8(project) })).toString('base64') });
  assert.equal(r.attributes, 1);
  assert.deepEqual(r.notices, ['notes.txt became notes.md, so that it has front matter to hold its attributes.']);
  assert.deepEqual(
    fs.readdirSync(dir).filter((f) => !f.startsWith('.')),
    ['notes.md'],
  );
  const now = (await service.library({})).documents[0];
  assert.deepEqual([now.id, now.title, now.attributes], [was.id, was.title, { wave: '2' }]);
  assert.ok(fs.readFileSync(path.join(dir, 'notes.md'), 'utf8').endsWith('\n---\n\nNotes on the budget\n\nThe budget is balanced.\n'), 'the text, as it was');
});

test('limits: a value longer than the corpus reads, and attributes past a document’s limit, are refused and counted', async (ctx) => {
  const { service, dir } = await open(ctx, { 'd.md': '---\ntitle: D\n---\n\nSome text.\n' });
  const src = '99999999-9999-4999-8999-999999999999';
  const guid = (i: number) => `99999999-0000-4000-8000-${String(i).padStart(12, '0')}`;
  const names = Array.from({ length: 101 }, (_, i) => `v${String(i).padStart(3, '0')}`);
  const project = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="${NS}" name="x"><Variables>${names.map((n, i) => `<Variable guid="${guid(i)}" name="${n}" typeOfVariable="Text"/>`).join('')}<Variable guid="${guid(999)}" name="long" typeOfVariable="Text"/></Variables>
<Sources><TextSource guid="${src}" name="d">${[...names.map((n, i) => [guid(i), n]), [guid(999), 'x'.repeat(501)]]
    .map(([g, v]) => `<VariableValue><VariableRef targetGUID="${g}"/><TextValue>${v}</TextValue></VariableValue>`)
    .join('')}</TextSource></Sources></Project>`;
  validate(ctx, project);
  const r = await service.importTags({ filename: 'x.qdpx', base64: Buffer.from(zipSync({ 'project.qde': strToU8(project) })).toString('base64') });
  assert.equal(r.attributes, 100);
  assert.deepEqual(r.notices, [
    'd would have more than 100 attributes, which Lectern does not read: 1 value(s) were not imported.',
    '1 value(s) of long are longer than 500 characters, so they were not imported.',
  ]);
  const d = (await service.library({})).documents[0];
  assert.equal(Object.keys(d.attributes).length, 100);
  assert.equal(d.attributes.v099, 'v099');
  assert.equal(d.attributes.v100, undefined);
  assert.ok(!fs.readFileSync(path.join(dir, 'd.md'), 'utf8').includes('xxxxx'));
});
