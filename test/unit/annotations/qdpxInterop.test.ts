/**
 * REFI-QDA as the QDA tools write and read it (issue 14, points 1–4): notes in the selection's
 * Description, coders as Users, QualCoder's annotations kept as Notes with their own selection,
 * CRLF sources whose positions count LF, and sources that match no document.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { DOMParser } from '@xmldom/xmldom';
import { LecternError } from '../../../app/common/errors';
import { Tagging } from '../../../app/core/annotations/tagging';
import fs from 'node:fs';
import path from 'node:path';
import { runCli } from '../../helpers/runCli';
import { copyShippedCorpus, tempDirFor } from '../../helpers/temp';
import { RAAB, rangeOf, seedDocs } from './helpers';

const RAAB_ID = '2021-05-12-raab';
const HUNT_ID = '2019-03-07-hunt';
const CODE_A = 'AAAAAAAA-1111-4111-8111-111111111111';
const CODE_B = 'BBBBBBBB-2222-4222-8222-222222222222';
const USER_1 = '5C94BC9E-DB8C-4F1D-9CD6-E900C7440860';
const USER_2 = 'DF241DA2-BCA0-4AD9-83C1-B89C98D83567';
const SRC = '9A5BE51A-2631-4F2A-9DE6-24AB04761111';

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/** Code-point positions of `quote` in `text` (the text here has no emoji, so they equal UTF-16 offsets). */
function pos(text: string, quote: string): { s: number; e: number } {
  const s = text.indexOf(quote);
  assert.ok(s >= 0, `fixture: “${quote}” in text`);
  return { s, e: s + quote.length };
}

/**
 * A project shaped as QualCoder exports it (see its refi.py): Users, a CodeBook, a TextSource whose
 * PlainTextSelections are named by their text with the memo in Description and a Coding by a
 * user, a TextSource-level NoteRef to a Note holding an annotation's own PlainTextSelection, and
 * a journal Note.
 */
function qualcoderProject(opts: {
  sourceText: string;
  positionsIn: string;
  sourceName?: string;
  selections?: { quote: string; name?: string; memo?: string; code?: string; user?: string }[];
}) {
  const t = opts.positionsIn;
  const sels = (opts.selections ?? [{ quote: 'cyber attacks by hostile states', memo: 'QualCoder memo', code: CODE_A, user: USER_1 }])
    .map((x, i) => {
      const { s, e } = pos(t, x.quote);
      const memo = x.memo ? `<Description>${x.memo}</Description>\n` : '';
      return `<PlainTextSelection guid="0000000${i}-aaaa-4aaa-8aaa-aaaaaaaaaaaa" startPosition="${s}" endPosition="${e}" name="${x.name ?? x.quote}" creatingUser="${x.user ?? USER_1}" creationDateTime="2024-01-02T10:00:00Z">
${memo}<Coding guid="1000000${i}-aaaa-4aaa-8aaa-aaaaaaaaaaaa" creatingUser="${x.user ?? USER_1}" >
<CodeRef targetGUID="${x.code ?? CODE_A}" />
</Coding>
</PlainTextSelection>`;
    })
    .join('\n');
  const ann = pos(t, 'international coalition');
  const xml = `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="qc" origin="QualCoder 3.6" creatingUserGUID="${USER_1}" creationDateTime="2024-01-02T10:00:00Z">
<Users>
<User guid="${USER_1}" name="colin" />
<User guid="${USER_2}" name="anna" />
</Users>
<CodeBook><Codes>
<Code guid="${CODE_A}" name="Threats" isCodable="true" color="#EB7333"><Description>hostile acts</Description>
<Code guid="${CODE_B}" name="States" isCodable="true" color="#3498DB" />
</Code>
</Codes></CodeBook>
<Sources>
<TextSource guid="${SRC}" name="${opts.sourceName ?? 'raab.txt'}" plainTextPath="internal://${SRC}.txt" creatingUser="${USER_1}" creationDateTime="2024-01-02T10:00:00Z">
${sels}
<NoteRef targetGUID="0F758EEB-D61D-4E91-B250-79861C3869A6" />
</TextSource>
</Sources>
<Notes>
<Note guid="0F758EEB-D61D-4E91-B250-79861C3869A6" creatingUser="${USER_2}" creationDateTime="2024-01-03T09:00:00Z" >
<PlainTextContent>Annotation: the coalition is the point</PlainTextContent>
<PlainTextSelection guid="D61907B2-D0D4-48DC-B8B7-5E4F7AE5FAA6" startPosition="${ann.s}" endPosition="${ann.e}" />
</Note>
<Note guid="4691A8A0-D67C-4DCC-91D6-E9075DC230CC" name="Assignment Progress Memo" plainTextPath="internal://4691A8A0-D67C-4DCC-91D6-E9075DC230CC.txt" creatingUser="${USER_1}" creationDateTime="2024-01-04T09:00:00Z">
<Description>a journal</Description>
</Note>
</Notes>
</Project>`;
  return b64(
    zipSync({
      'project.qde': strToU8(xml),
      [`Sources/${SRC}.txt`]: strToU8(opts.sourceText),
      'Sources/4691A8A0-D67C-4DCC-91D6-E9075DC230CC.txt': strToU8('journal text'),
    }),
  );
}

function fresh(ctx: TestContext, docs = seedDocs()) {
  return new Tagging(tempDirFor(ctx), docs);
}

test('1. a note-only passage reaches QualCoder: the note is the selection’s Description (and still a NoteRef’d Note)', async (ctx) => {
  const t = fresh(ctx);
  await t.tagRange({ docId: RAAB_ID, ...rangeOf(RAAB, '£22 million'), tagIds: [], note: 'only a note, no tag' });
  await t.tagRange({ docId: RAAB_ID, ...rangeOf(RAAB, 'hostile states'), newTags: ['Threats'], note: 'tagged and noted' });
  const files = unzipSync(new Uint8Array(Buffer.from((await t.exportTags({ format: 'qdpx' })).base64, 'base64')));
  const doc = new DOMParser().parseFromString(strFromU8(files['project.qde']), 'text/xml');
  const sels = Array.from(doc.getElementsByTagName('PlainTextSelection'));
  // Read as QualCoder reads a memo: the text of the Description child of each PlainTextSelection.
  const memoOf = (name: string) => {
    const sel = sels.find((s) => s.getAttribute('name') === name)!;
    const d = Array.from(sel.childNodes).find((n) => (n as Element).localName === 'Description');
    return d?.textContent ?? null;
  };
  assert.equal(memoOf('£22 million'), 'only a note, no tag');
  assert.equal(memoOf('hostile states'), 'tagged and noted');
  assert.equal(doc.getElementsByTagName('NoteRef').length, 2, 'NVivo’s NoteRef kept');
  // And the round trip does not double the note (Description and Note say the same).
  const back = fresh(ctx);
  await back.importTags({ filename: 'x.qdpx', base64: (await t.exportTags({ format: 'qdpx' })).base64 });
  assert.deepEqual((await back.annotations({})).map((a) => a.note).sort(), ['only a note, no tag', 'tagged and noted']);
});

test('2. QualCoder’s annotations (a Note holding its own selection) and memos arrive as notes, with their coders', async (ctx) => {
  const docs = seedDocs();
  const t = fresh(ctx, docs);
  const r = await t.importTags({ filename: 'qc.qdpx', base64: qualcoderProject({ sourceText: RAAB, positionsIn: RAAB }) });
  assert.equal(r.imported, 2);
  assert.equal(r.tags, 2);
  assert.ok(
    r.notices.some((n) => /1 note\(s\) not attached to a passage .* were not imported/.test(n)),
    'the journal is reported, not silently dropped',
  );
  const byQuote = new Map((await t.annotations({})).map((a) => [a.quote, a]));
  const coded = byQuote.get('cyber attacks by hostile states')!;
  assert.deepEqual([coded.docId, coded.note, coded.coder, coded.orphan], [RAAB_ID, 'QualCoder memo', 'colin', false]);
  const annotation = byQuote.get('international coalition')!;
  assert.deepEqual([annotation.note, annotation.coder, annotation.tagIds.length], ['Annotation: the coalition is the point', 'anna', 0]);
  const tags = await t.codebook({});
  assert.deepEqual(
    tags.map((x) => [x.name, x.color, x.description, x.parentId ? tags.find((p) => p.id === x.parentId)!.name : null]),
    [
      ['Threats', '#eb7333', 'hostile acts', null],
      ['States', '#3498db', '', 'Threats'],
    ],
  );
});

test('3. CRLF sources whose positions count LF (QualCoder’s “MAXQDA line endings”) are corrected, and the user is told', async (ctx) => {
  const docs = seedDocs();
  const t = fresh(ctx, docs);
  const crlf = RAAB.replace(/\n/g, '\r\n');
  const selections = [{ quote: 'The UK will invest £22 million' }, { quote: 'cyber attacks by hostile states' }];
  // Without the correction, the passage after two line breaks would land two characters early.
  const naive = crlf.slice(pos(RAAB, selections[0].quote).s, pos(RAAB, selections[0].quote).e);
  assert.notEqual(naive, selections[0].quote, 'fixture: the shift is real');
  const r = await t.importTags({ filename: 'maxqda-endings.qdpx', base64: qualcoderProject({ sourceText: crlf, positionsIn: RAAB, selections }) });
  assert.ok(
    r.notices.some((n) =>
      /“raab\.txt”: its text has Windows line breaks \(CRLF\) but its positions count each line break as one character.*corrected 3 passage\(s\)/.test(n),
    ),
    r.notices.join('\n'),
  );
  const quotes = (await t.annotations({})).map((a) => [a.quote, a.orphan]);
  assert.deepEqual(quotes.sort(), [
    ['The UK will invest £22 million', false],
    ['cyber attacks by hostile states', false],
    ['international coalition', false],
  ]);
});

test('3b. positions that hold no passage’s text are reported per passage: placed by their text, or kept as orphans', async (ctx) => {
  const t = fresh(ctx);
  const project = qualcoderProject({
    sourceText: RAAB,
    positionsIn: RAAB,
    selections: [
      { quote: 'cyber attacks by hostile states' },
      // Positions of one passage, the name (text) of another that occurs elsewhere in the source.
      { quote: 'Dominic Raab said', name: 'invest £22 million' },
      { quote: 'He called for', name: 'words this speech never says' },
    ],
  });
  const r = await t.importTags({ filename: 'odd.qdpx', base64: project });
  const notice = r.notices.find((n) => /2 passage\(s\) did not match their positions/.test(n));
  assert.ok(notice, r.notices.join('\n'));
  assert.match(notice, /“invest £22 million” was not at its positions; placed where its text occurs/);
  assert.match(notice, /“words this speech never says” does not occur in the source's text; kept by its own text/);
  const views = await t.annotations({});
  assert.ok(views.some((a) => a.quote === 'invest £22 million' && !a.orphan));
  assert.ok(views.some((a) => a.quote === 'words this speech never says' && a.orphan));
});

test('4. a source that differs only by a trailing newline is matched; one that matches nothing is refused by name unless orphans are allowed', async (ctx) => {
  const t = fresh(ctx);
  const trailing = await t.importTags({
    filename: 'tn.qdpx',
    base64: qualcoderProject({ sourceText: RAAB + '\n', positionsIn: RAAB + '\n', sourceName: 'My speech file' }),
  });
  assert.equal(trailing.imported, 2);
  assert.ok((await t.annotations({})).every((a) => a.docId === RAAB_ID && !a.orphan));

  const stranger = 'A different speech altogether: cyber attacks by hostile states and an international coalition.';
  const other = fresh(ctx);
  const base64 = qualcoderProject({ sourceText: stranger, positionsIn: stranger, sourceName: 'Speech nobody loaded' });
  await assert.rejects(other.importTags({ filename: 'stranger.qdpx', base64 }), (e: unknown) => {
    assert.ok(e instanceof LecternError);
    assert.equal(e.code, 'unmatched-sources');
    assert.match(
      e.message,
      /1 source\(s\) in this REFI-QDA project match no document of this corpus: “Speech nobody loaded” \(2 passage\(s\)\): no document of this corpus has that id or title, or the same text/,
    );
    assert.match(e.message, /--allow-orphans/);
    return true;
  });
  assert.equal((await other.annotations({})).length, 0, 'nothing was changed');
  const allowed = await other.importTags({ filename: 'stranger.qdpx', base64, allowOrphans: true });
  assert.equal(allowed.imported, 2);
  assert.ok(allowed.notices.some((n) => /“Speech nobody loaded” matches no document .* kept as orphans/.test(n)));
  assert.ok((await other.annotations({})).every((a) => a.orphan && a.docId === 'Speech nobody loaded'));
});

test('coders survive the .qdpx round trip: one User per coder, creatingUser on selections and codings, another coder’s same range kept apart', async (ctx) => {
  const dir = tempDirFor(ctx);
  const docs = seedDocs();
  const alice = new Tagging(dir, docs, { coder: 'Alice' });
  const bob = new Tagging(dir, docs, { coder: 'Bob' });
  const range = rangeOf(RAAB, 'international coalition');
  await alice.tagRange({ docId: RAAB_ID, ...range, newTags: ['Alliances'] });
  await bob.tagRange({ docId: RAAB_ID, ...range, newTags: ['Diplomacy'], note: 'Bob thinks so' });
  await new Tagging(dir, docs).tagRange({ docId: HUNT_ID, start: 0, end: 7, newTags: ['Alliances'] });
  assert.equal((await alice.annotations({})).length, 3, 'two coders on one range are two annotations');
  const file = await alice.exportTags({ format: 'qdpx' });
  const xml = strFromU8(unzipSync(new Uint8Array(Buffer.from(file.base64, 'base64')))['project.qde']);
  const users = [...xml.matchAll(/<User guid="([^"]+)" name="([^"]+)"\/>/g)].map((m) => m[2]);
  assert.deepEqual(users, ['Lectern', 'Alice', 'Bob']);
  const back = fresh(ctx, docs);
  await back.importTags({ filename: file.filename, base64: file.base64 });
  const coders = (await back.annotations({})).map((a) => [a.quote, a.coder, a.note]).sort();
  assert.deepEqual(coders, [
    ['Foreign', '', ''],
    ['international coalition', 'Alice', ''],
    ['international coalition', 'Bob', 'Bob thinks so'],
  ]);
});

test('the CLI refuses unmatched sources with exit 1, naming them; --allow-orphans imports them and prints the notes', async (ctx) => {
  const { dir, cleanup } = copyShippedCorpus();
  ctx.after(cleanup);
  const stranger = 'A different speech altogether: cyber attacks by hostile states and an international coalition.';
  const file = path.join(dir, '..', 'stranger.qdpx');
  fs.writeFileSync(file, Buffer.from(qualcoderProject({ sourceText: stranger, positionsIn: stranger, sourceName: 'Speech nobody loaded' }), 'base64'));
  const refused = await runCli('tags', 'import', file, '--corpus', dir);
  assert.equal(refused.code, 1);
  assert.match(refused.err, /“Speech nobody loaded” \(2 passage\(s\)\): no document of this corpus has that id or title, or the same text/);
  assert.match(refused.err, /--allow-orphans/);
  const allowed = await runCli('tags', 'import', file, '--allow-orphans', '--corpus', dir);
  assert.equal(allowed.code, 0, allowed.err);
  assert.match(allowed.out, /Imported 2 passage\(s\)/);
  assert.match(allowed.err, /“Speech nobody loaded” matches no document of this corpus .* kept as orphans/);
  assert.match(allowed.err, /1 note\(s\) not attached to a passage/);
});
