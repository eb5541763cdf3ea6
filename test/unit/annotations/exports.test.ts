import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { parse as parseCsv } from 'csv-parse/sync';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { LecternError } from '../../../app/common/errors';
import { Tagging } from '../../../app/core/annotations/tagging';
import { CSV_COLUMNS } from '../../../app/core/annotations/exports/csv';
import { makeDoc } from '../../helpers/docs';
import { REPO } from '../../helpers/repo';
import { tempDirFor } from '../../helpers/temp';
import { Docs, HUNT, RAAB, rangeOf, seedDocs, speechMeta } from './helpers';

const HUNT_ID = '2019-03-07-hunt';
const RAAB_ID = '2021-05-12-raab';
const EMOJI_ID = 'emoji-notes';
const EMOJI = 'Cyber 🛡️ defence matters. The “shield” 🛡 stands for deterrence, said the minister.';
const XSD = path.resolve(REPO, 'test/fixtures/refi-qda/Project.xsd');

function docs(): Docs {
  const d = seedDocs();
  return new Docs([
    ...d.documents(),
    makeDoc(EMOJI_ID, EMOJI, speechMeta(EMOJI_ID, { speakers: ['A. Person', 'B, Other'], outlet: 'Blog "Quoted"', title: 'Emoji, commas and "quotes"' })),
  ]);
}

/** A corpus with a hierarchy, colours, notes with commas, quotes and newlines, and one orphan. */
async function populated(ctx: TestContext, d = docs(), coders = false) {
  const dir = tempDirFor(ctx);
  const t = new Tagging(dir, d);
  const threats = await t.createTag({ name: 'Threats', color: '#d62728', description: 'Anything hostile' });
  const states = await t.createTag({ name: 'Hostile states', parentId: threats.id });
  const money = await t.createTag({ name: 'Money, "funding"' });
  const a1 = (
    await t.tagRange({
      docId: RAAB_ID,
      ...rangeOf(RAAB, 'cyber attacks by hostile states'),
      tagIds: [states.id, threats.id],
      note: 'Raab, on "states"\nsecond line',
    })
  ).annotation;
  const a2 = (await t.tagRange({ docId: RAAB_ID, ...rangeOf(RAAB, '£22 million'), tagIds: [money.id] })).annotation;
  const a3 = (await t.tagRange({ docId: EMOJI_ID, ...rangeOf(EMOJI, 'stands for deterrence'), tagIds: [threats.id] })).annotation;
  const a4 = (await t.tagRange({ docId: HUNT_ID, ...rangeOf(HUNT, 'Glasgow University'), tagIds: [], note: 'only a note' })).annotation;
  const orphan = (await t.tagRange({ docId: HUNT_ID, ...rangeOf(HUNT, 'National Offensive Cyber Programme'), tagIds: [threats.id] })).annotation;
  // Two named coders on the same corpus, coding the same text differently: each keeps their own annotation.
  let a5, a6;
  if (coders) {
    const alice = new Tagging(dir, d, { coder: 'Alice Ng' });
    const bob = new Tagging(dir, d, { coder: 'Bob' });
    a5 = (await alice.tagRange({ docId: EMOJI_ID, ...rangeOf(EMOJI, 'Cyber 🛡️ defence'), tagIds: [threats.id], note: '- starts like a list' })).annotation;
    a6 = (await bob.tagRange({ docId: EMOJI_ID, ...rangeOf(EMOJI, 'Cyber 🛡️ defence'), tagIds: [money.id] })).annotation;
  }
  d.setText(HUNT_ID, HUNT.replace(/“Finally[^\n]*/, 'That paragraph is gone.'));
  return { dir, t, d, tags: { threats, states, money }, ids: { a1, a2, a3, a4, a5, a6, orphan } };
}

const decode = (b64: string) => Buffer.from(b64, 'base64');

test('CSV: one row per (annotation, tag), RFC 4180, parses back with a real CSV parser', async (ctx) => {
  const { t, tags, ids } = await populated(ctx);
  const file = await t.exportTags({ format: 'csv' });
  assert.equal(file.filename, 'lectern-tags.csv');
  assert.match(file.mime, /^text\/csv/);
  const text = decode(file.base64).toString('utf8');
  assert.ok(!text.startsWith('\uFEFF'), 'no byte-order mark (R and pandas read the header as is)');
  assert.ok(text.endsWith('\r\n'));
  const rows: Record<string, string>[] = parseCsv(text, { columns: true, relax_column_count: false });
  assert.deepEqual(Object.keys(rows[0]), [...CSV_COLUMNS]);
  assert.equal(rows.length, 6, 'a1 twice (two tags), a2, a3, a4 (note only, empty tag), orphan');
  const a1Rows = rows.filter((r) => r.annotation_id === ids.a1.id);
  assert.deepEqual(a1Rows.map((r) => r.tag_path).sort(), ['Threats', 'Threats/Hostile states']);
  assert.equal(a1Rows[0].note, 'Raab, on "states"\nsecond line');
  assert.equal(a1Rows[0].quote, 'cyber attacks by hostile states');
  assert.equal(a1Rows[0].speakers, 'Dominic Raab');
  assert.equal(a1Rows[0].outlet, 'The Independent');
  assert.equal(Number(a1Rows[0].start), ids.a1.start);
  assert.equal(rows.find((r) => r.annotation_id === ids.a2.id)!.tag, tags.money.name);
  const emoji = rows.find((r) => r.annotation_id === ids.a3.id)!;
  assert.equal(emoji.speakers, 'A. Person; B, Other');
  assert.equal(emoji.title, 'Emoji, commas and "quotes"');
  assert.equal(rows.find((r) => r.annotation_id === ids.a4.id)!.tag, '');
  const orphan = rows.find((r) => r.annotation_id === ids.orphan.id)!;
  assert.deepEqual([orphan.orphan, orphan.quote], ['true', 'National Offensive Cyber Programme']);
});

test('W3C: an AnnotationCollection with the anno.jsonld context whose items are Annotations', async (ctx) => {
  const { t, ids } = await populated(ctx, docs(), true);
  const file = await t.exportTags({ format: 'w3c' });
  const doc = JSON.parse(decode(file.base64).toString('utf8'));
  assert.equal(doc['@context'][0], 'http://www.w3.org/ns/anno.jsonld');
  assert.equal(doc.type, 'AnnotationCollection');
  assert.equal(doc.total, 7);
  assert.match(doc.id, /^urn:uuid:[0-9a-f-]{36}$/);
  const items = doc.first.items;
  assert.equal(doc.first.type, 'AnnotationPage');
  assert.match(doc.first.id, /^urn:uuid:[0-9a-f-]{36}$/);
  assert.equal(doc.first.partOf, doc.id);
  assert.ok(items.every((a: { type: string }) => a.type === 'Annotation'));
  const a1 = items.find((a: { id: string }) => a.id === `urn:uuid:${ids.a1.id}`);
  assert.equal(a1.target.source, `urn:lectern:doc:${RAAB_ID}`);
  assert.equal(a1.target['lectern:docId'], RAAB_ID);
  assert.deepEqual(a1.target.selector[0].type, 'TextQuoteSelector');
  assert.deepEqual(a1.target.selector[1], { type: 'TextPositionSelector', start: ids.a1.start, end: ids.a1.end });
  // Positions count code points, as the model says: each emoji before the passage counts once (🛡️ is two code points, 🛡 one).
  const a3 = items.find((a: { id: string }) => a.id === `urn:uuid:${ids.a3.id}`);
  assert.equal(EMOJI.slice(0, ids.a3.start).length - a3.target.selector[1].start, 2, 'two astral characters before it');
  assert.equal(a3.target.selector[1].start, [...EMOJI.slice(0, ids.a3.start)].length);
  assert.equal(a3.target.selector[1].end - a3.target.selector[1].start, 'stands for deterrence'.length);
  const a5 = items.find((a: { id: string }) => a.id === `urn:uuid:${ids.a5!.id}`);
  assert.deepEqual(a5.creator, { type: 'Person', name: 'Alice Ng' });
  assert.equal(a1.creator, undefined, 'no coder recorded, none invented');
  assert.deepEqual(
    a1.body
      .filter((b: { purpose: string }) => b.purpose === 'tagging')
      .map((b: { value: string }) => b.value)
      .sort(),
    ['Hostile states', 'Threats'],
  );
  assert.equal(a1.body.find((b: { purpose: string }) => b.purpose === 'commenting').value, 'Raab, on "states"\nsecond line');
  assert.equal(items.find((a: { id: string }) => a.id === `urn:uuid:${ids.orphan.id}`)['lectern:orphan'], true);
});

function validate(ctx: TestContext, qdpx: Buffer): { xml: string; files: Record<string, Uint8Array> } {
  const files = unzipSync(new Uint8Array(qdpx));
  const dir = tempDirFor(ctx, 'lectern-qdpx-');
  fs.writeFileSync(path.join(dir, 'project.qde'), files['project.qde']);
  // Throws (non-zero exit) with xmllint's message if the project does not validate.
  execFileSync('xmllint', ['--noout', '--schema', XSD, 'project.qde'], { cwd: dir, stdio: 'pipe' });
  return { xml: strFromU8(files['project.qde']), files };
}

test('REFI-QDA: the .qdpx holds project.qde valid against Project.xsd and each document’s text', async (ctx) => {
  const { t, d, ids } = await populated(ctx);
  const file = await t.exportTags({ format: 'qdpx' });
  assert.equal(file.mime, 'application/zip');
  const { xml, files } = validate(ctx, decode(file.base64));
  assert.match(xml, /<Project xmlns="urn:QDA-XML:project:1\.0"/);
  assert.match(
    xml,
    /<Code guid="[^"]+" name="Threats" isCodable="true" color="#d62728">\n\s+<Description>Anything hostile<\/Description>\n\s+<Code [^>]*name="Hostile states"/,
  );
  const sources = Object.keys(files).filter((n) => n.startsWith('sources/'));
  assert.equal(sources.length, d.documents().length);
  for (const doc of d.documents()) {
    const m = new RegExp(`<TextSource guid="([^"]+)" name="${doc.meta.id}" plainTextPath="internal://\\1\\.txt"`).exec(xml);
    assert.ok(m, `a TextSource for ${doc.meta.id}`);
    assert.equal(strFromU8(files[`sources/${m[1]}.txt`]), doc.text);
  }
  // Positions count characters (code points): the emoji before the passage count once each.
  const sel = new RegExp(`<PlainTextSelection guid="${ids.a3.id}"[^>]*startPosition="(\\d+)" endPosition="(\\d+)"`).exec(xml)!;
  assert.equal(Number(sel[1]), [...EMOJI.slice(0, ids.a3.start)].length);
  assert.equal(Number(sel[2]) - Number(sel[1]), 'stands for deterrence'.length);
  assert.ok(!xml.includes(`guid="${ids.orphan.id}"`), 'the orphan is not placed in a text…');
  assert.match(xml, /<Description>Exported by Lectern\. 1 annotation\(s\) could not be placed[^<]*National Offensive Cyber Programme/, '…but listed');
  assert.match(xml, /<PlainTextContent>only a note<\/PlainTextContent>/);
});

test('REFI-QDA: an empty store still exports a valid project', async (ctx) => {
  const t = new Tagging(tempDirFor(ctx), seedDocs());
  validate(ctx, decode((await t.exportTags({ format: 'qdpx' })).base64));
  const none = new Tagging(tempDirFor(ctx), new Docs([]));
  validate(ctx, decode((await none.exportTags({ format: 'qdpx' })).base64));
});

test('Markdown report: grouped by tag, nested headings, citations and notes', async (ctx) => {
  const { t } = await populated(ctx);
  const md = decode((await t.exportTags({ format: 'md' })).base64).toString('utf8');
  assert.match(md, /^# Tags report: /);
  assert.match(md, /\n## Threats \(3\)\n\n\*Anything hostile\*\n/);
  assert.match(
    md,
    /\n### Threats\/Hostile states \(1\)\n\n> cyber attacks by hostile states\n>\n> — Dominic Raab, 2021-05-12, \*The Independent\*, “Raab: coalition” \(`2021-05-12-raab`, characters \d+–\d+\)\n\n\*\*Note:\*\* Raab, on "states"  \nsecond line\n/,
  );
  assert.match(md, /## Money, "funding" \(1\)/);
  assert.match(md, /orphaned: not found in the current text/);
  assert.match(md, /## Notes without a tag \(1\)\n\n> Glasgow University\n/);
});

async function roundTrip(ctx: TestContext, format: 'w3c' | 'qdpx') {
  const src = await populated(ctx, docs(), true);
  const file = await src.t.exportTags({ format });
  const target = new Tagging(tempDirFor(ctx), src.d);
  const res = await target.importTags({ filename: file.filename, base64: file.base64 });
  return { src, target, res };
}

/** What must survive a round trip, per annotation, with tags named by path. */
async function essence(t: Tagging, skipOrphans = false) {
  const tags = await t.codebook({});
  const byId = new Map(tags.map((x) => [x.id, x]));
  const pathOf = (id: string): string => (byId.get(id)!.parentId ? pathOf(byId.get(id)!.parentId!) + '/' : '') + byId.get(id)!.name;
  return {
    tags: tags.map((x) => ({ path: pathOf(x.id), color: x.color, description: x.description, count: x.count })),
    annotations: (await t.annotations({}))
      .filter((a) => !(skipOrphans && a.orphan))
      .map((a) => ({
        id: a.id,
        docId: a.docId,
        start: a.start,
        end: a.end,
        quote: a.quote,
        orphan: a.orphan,
        note: a.note,
        coder: a.coder,
        tags: a.tagIds.map(pathOf).sort(),
        created: a.created,
        modified: a.modified,
      })),
  };
}

test('round trip through W3C JSON into an empty store loses nothing (orphans included)', async (ctx) => {
  const { src, target, res } = await roundTrip(ctx, 'w3c');
  assert.deepEqual(res, { imported: 7, tags: 3, attributes: 0, notices: [] });
  assert.deepEqual(await essence(target), await essence(src.t));
  assert.deepEqual((await target.annotations({})).map((a) => a.coder).sort(), ['', '', '', '', '', 'Alice Ng', 'Bob'], 'coders survive');
  assert.deepEqual(target.store.state.codebook.map((x) => x.id).sort(), src.t.store.state.codebook.map((x) => x.id).sort(), 'ids kept');
  const again = await target.importTags({ filename: 'x.jsonld', base64: (await src.t.exportTags({ format: 'w3c' })).base64 });
  assert.deepEqual(again, { imported: 0, tags: 0, attributes: 0, notices: [] }, 'importing the same file twice adds nothing');
});

test('round trip through .qdpx into an empty store loses nothing that has a place in the text', async (ctx) => {
  const { src, target, res } = await roundTrip(ctx, 'qdpx');
  assert.deepEqual(res, { imported: 6, tags: 3, attributes: 0, notices: [] });
  const a = await essence(src.t, true);
  const b = await essence(target);
  assert.deepEqual(
    b.tags.map(({ count, ...rest }) => rest),
    a.tags.map(({ count, ...rest }) => rest),
  );
  assert.deepEqual(b.annotations, a.annotations);
});

test('imports are undoable in one step', async (ctx) => {
  const { target } = await roundTrip(ctx, 'w3c');
  assert.match((await target.history({})).undoLabel!, /^Undo: import 7 passage\(s\) from “lectern-tags\.jsonld”/);
  await target.undo({});
  assert.equal((await target.annotations({})).length, 0);
  assert.equal((await target.codebook({})).length, 0);
});

test('a malformed or foreign import gets a clear error naming the problem, and the store does not change', async (ctx) => {
  const { dir, t } = await populated(ctx);
  const storePath = path.join(dir, '.lectern', 'annotations.json');
  const before = fs.readFileSync(storePath, 'utf8');
  const w3c = JSON.parse(decode((await t.exportTags({ format: 'w3c' })).base64).toString('utf8'));
  const qdpxFiles = unzipSync(new Uint8Array(decode((await t.exportTags({ format: 'qdpx' })).base64)));
  const qde = strFromU8(qdpxFiles['project.qde']);
  const zipWith = (xml: string) => Buffer.from(zipSync({ ...qdpxFiles, 'project.qde': strToU8(xml) })).toString('base64');
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const brokenItem = structuredClone(w3c);
  brokenItem.first.items[1].target = { source: RAAB_ID, selector: [{ type: 'FragmentSelector', value: 'x' }] };
  const foreign = structuredClone(w3c);
  for (const item of foreign.first.items) {
    item.target.source = 'https://example.org/page';
    delete item.target['lectern:docId'];
  }

  const cases: [string, string, string, RegExp][] = [
    ['not JSON', 'tags.json', b64('{"type": "AnnotationCollection",'), /is not valid JSON/],
    ['JSON of another kind', 'package.json', b64('{"name": "x", "version": "1"}'), /not a W3C Web Annotation file .*found no "type"/],
    [
      'an annotation without selectors',
      'tags.jsonld',
      b64(JSON.stringify(brokenItem)),
      /annotation 2 \(urn:uuid:[^)]+\) has neither a TextQuoteSelector nor a TextPositionSelector/,
    ],
    [
      'annotations of another corpus',
      'tags.jsonld',
      b64(JSON.stringify(foreign)),
      /None of the 5 annotation\(s\) .* refers to a document of this corpus \(the first refers to “https:\/\/example\.org\/page”\)/,
    ],
    [
      'plain text',
      'notes.txt',
      b64('hello there'),
      /neither a W3C Web Annotation JSON file, a REFI-QDA \.qdpx project or \.qdc codebook, nor a codebook CSV \(it begins "hello there"\)/,
    ],
    ['a .qdpx that is not a zip', 'p.qdpx', b64('<Project/>'), /not a zip archive/],
    ['a zip without project.qde', 'p.qdpx', Buffer.from(zipSync({ 'readme.txt': strToU8('hi') })).toString('base64'), /holds no project\.qde/],
    ['a zip with broken XML', 'p.qdpx', zipWith(qde.replace('</Project>', '')), /not well-formed XML/],
    [
      'a zip with another XML vocabulary',
      'p.qdpx',
      zipWith('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"/>'),
      /root is <html> .* expected <Project>/,
    ],
    [
      'a coding that names no code',
      'p.qdpx',
      zipWith(qde.replace(/<CodeRef targetGUID="[^"]+"/, '<CodeRef targetGUID="00000000-0000-0000-0000-000000000000"')),
      /coded with 00000000-0000-0000-0000-000000000000, which is not in the CodeBook/,
    ],
    ['a selection beyond its text', 'p.qdpx', zipWith(qde.replace(/endPosition="\d+"/, 'endPosition="999999"')), /ends beyond the end of its text/],
  ];
  for (const [what, filename, base64, message] of cases) {
    await assert.rejects(
      t.importTags({ filename, base64 }),
      (e: unknown) => {
        assert.ok(e instanceof LecternError, `${what}: a LecternError`);
        assert.match(e.message, message, what);
        return true;
      },
      what,
    );
    assert.equal(fs.readFileSync(storePath, 'utf8'), before, `${what}: the store is unchanged`);
  }
});

test('a REFI-QDA project from another tool maps its sources to documents by text', async (ctx) => {
  const d = seedDocs();
  const raab = d.get(RAAB_ID)!;
  const start = raab.text.indexOf('international coalition');
  const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Other tool">
  <CodeBook><Codes><Code guid="11111111-1111-1111-1111-111111111111" name="Alliances" isCodable="true" color="#0A0"/></Codes></CodeBook>
  <Sources>
    <TextSource guid="22222222-2222-2222-2222-222222222222" name="raab speech.txt" plainTextPath="internal://22222222-2222-2222-2222-222222222222.txt">
      <PlainTextSelection guid="33333333-3333-3333-3333-333333333333" startPosition="${start}" endPosition="${start + 23}">
        <Description>memo from the other tool</Description>
        <Coding guid="44444444-4444-4444-4444-444444444444"><CodeRef targetGUID="11111111-1111-1111-1111-111111111111"/></Coding>
      </PlainTextSelection>
    </TextSource>
  </Sources>
</Project>`;
  const zip = zipSync({ 'project.qde': strToU8(xml), 'sources/22222222-2222-2222-2222-222222222222.txt': strToU8(raab.text) });
  const t = new Tagging(tempDirFor(ctx), d);
  assert.deepEqual(await t.importTags({ filename: 'other.qdpx', base64: Buffer.from(zip).toString('base64') }), {
    imported: 1,
    tags: 1,
    attributes: 0,
    notices: [],
  });
  const [a] = await t.annotations({});
  assert.deepEqual([a.docId, a.quote, a.note, a.orphan], [RAAB_ID, 'international coalition', 'memo from the other tool', false]);
  assert.equal((await t.codebook({}))[0].color, '#00aa00');
});
