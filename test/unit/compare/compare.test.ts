import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LecternError } from '../../../app/common/errors';
import { compare, compareKwic } from '../../../app/core/compare/compare';
import { checkThreshold } from '../../../app/common/compare';
import { parseSide } from '../../../app/core/compare/sides';
import { makeDoc } from '../../helpers/docs';
import { HUNT, RAAB_AP, RAAB_WEB, seedDocuments } from './helpers';

/** Asserts `fn` throws a LecternError whose message matches. */
function rejects(fn: () => unknown, message: RegExp): void {
  assert.throws(fn, (e: unknown) => {
    assert.ok(e instanceof LecternError, `expected a LecternError, got ${String(e)}`);
    assert.match(e.message, message);
    return true;
  });
}

test('a side is a document id or speaker:"Full Name", quoted or not, any case', () => {
  assert.deepEqual(parseSide('speaker:"Jeremy Hunt"'), { kind: 'speaker', name: 'Jeremy Hunt' });
  assert.deepEqual(parseSide('speaker:Jeremy Hunt'), { kind: 'speaker', name: 'Jeremy Hunt' });
  assert.deepEqual(parseSide('Speaker: “jeremy  hunt”'), { kind: 'speaker', name: 'jeremy hunt' });
  assert.deepEqual(parseSide(HUNT), { kind: 'document', id: HUNT });
});

test('speaker names match whatever their case; the label spells them as the front matter does', async () => {
  const c = compare(await seedDocuments(), 'speaker:jeremy hunt', 'SPEAKER:"DOMINIC RAAB"');
  assert.equal(c.left.label, 'Jeremy Hunt (own words)');
  assert.deepEqual(c.left.documentIds, [HUNT]);
  assert.deepEqual(c.right.documentIds, [RAAB_AP, RAAB_WEB]);
  assert.equal(c.right.kind, 'speaker');
});

test('bad input gives a LecternError that says what was wrong and what to do', async () => {
  const docs = await seedDocuments();
  rejects(() => compare(docs, HUNT, HUNT), /same text .*compared with itself.*Choose two different/);
  // Hunt's own words are part of his document: the sides share text.
  rejects(() => compare(docs, 'speaker:Jeremy Hunt', HUNT), /"2019-03-07-hunt-cybercrime-deterrence" is on both sides/);
  rejects(() => compare(docs, 'speaker:Jeremy Hunt', HUNT, { wholeDocuments: true }), /compared with itself/);
  rejects(() => compare(docs, 'speaker:Dominic Raab', RAAB_AP), /"2021-05-12-raab-cooperation-independent" is on both sides/);
  rejects(() => compare(docs, 'no-such-doc', HUNT), /No document "no-such-doc" in the corpus.*document id/);
  rejects(() => compare(docs, 'hunt', RAAB_AP), /Did you mean "2019-03-07-hunt-cybercrime-deterrence"/);
  rejects(() => compare(docs, 'speaker:Boris Johnson', HUNT), /No speaker "Boris Johnson".*Known speakers: Dominic Raab, Jeremy Hunt/);
  rejects(() => compare(docs, 'speaker:Jeremy', RAAB_AP), /Did you mean speaker:"Jeremy Hunt"\? Put a name with spaces in quotes/);
  rejects(() => compare(docs, '', HUNT), /A side is empty/);
  rejects(() => compare(docs, 'speaker:', HUNT), /names no speaker/);
  rejects(() => compare(docs, HUNT, RAAB_AP, { threshold: 2 }), /threshold must be a number from 0 to 1/);
  rejects(() => checkThreshold('abc'), /threshold must be a number from 0 to 1 \(got "abc"\)/);
  rejects(() => compareKwic(docs, HUNT, RAAB_AP, ' '), /No term given/);
});

test('an empty side is a message: a document with no text, no own quotations, an empty tag', async () => {
  const empty = makeDoc('empty', [], { title: 'Empty one' });
  const quoteless = makeDoc('plain', ['Nothing quoted here at all.'], { speakers: ['Ann Lee'] });
  const other = makeDoc('other', ['Some words to compare.']);
  rejects(() => compare([empty, other], 'empty', 'other'), /Empty one \(empty\) has no text left after cleaning/);
  rejects(() => compare([quoteless, other], 'plain', 'other', { quotesOnly: { left: true } }), /no quotations attributed to Ann Lee/);
  rejects(() => compare([quoteless, other], 'plain', 'other', { tagRanges: { left: new Map() }, tagNames: { left: 'trade' } }), /no passages tagged "trade"/);
});

test('the JSON shape: sides, pairs with refs and shared terms, only-lists, distinctive terms, quotations', async () => {
  const c = compare(await seedDocuments(), 'speaker:Dominic Raab', 'speaker:Jeremy Hunt');
  assert.deepEqual(Object.keys(c).sort(), [
    'counting',
    'distinctive',
    'formulas',
    'left',
    'onlyLeft',
    'onlyRight',
    'pairDefinition',
    'pairs',
    'quotes',
    'right',
    'stopList',
    'threshold',
    'tookMs',
  ]);
  assert.equal(c.stopList, null, 'no stop list unless asked');
  assert.equal(c.threshold, 0.15);
  const ref = c.pairs[0].left;
  assert.deepEqual(Object.keys(ref).sort(), ['docId', 'end', 'passageId', 'start', 'text']);
  // Units are runs of the speaker's words (several may share a passage): each is paired or listed alone.
  const key = (r: { docId: string; start: number }) => `${r.docId}:${r.start}`;
  assert.equal(c.left.unitCount, c.onlyLeft.length + new Set(c.pairs.map((p) => key(p.left))).size);
  for (const t of c.distinctive.left) assert.ok(t.countLeft / c.left.wordCount > t.countRight / c.right.wordCount);
  // "Raab" is the journalists' word for him, not his: it tops his side only when whole documents are compared.
  assert.ok(!c.distinctive.left.some((t) => t.term === 'Raab'));
  assert.equal(compare(await seedDocuments(), 'speaker:Dominic Raab', 'speaker:Jeremy Hunt', { wholeDocuments: true }).distinctive.left[0].term, 'Raab');
  assert.ok(c.left.speakerWords && c.left.wordsLeftOut.narration > 0 && !c.left.quotesOnly);
  assert.ok(c.distinctive.shared.some((t) => t.stem === 'elect'));
  assert.equal(c.quotes.left.length, 13);
  assert.equal(c.quotes.right.length, 7);
  assert.deepEqual(c.quotes.unattributed, { left: [], right: [] });
  assert.ok(JSON.parse(JSON.stringify(c)));
});

test("a side narrowed to its speaker's own quotations compares only the quoted words", async () => {
  const docs = await seedDocuments();
  const c = compare(docs, 'speaker:Dominic Raab', 'speaker:Jeremy Hunt', { quotesOnly: { left: true, right: true }, threshold: 0.05 });
  assert.equal(c.left.unitCount, 13);
  assert.equal(c.right.unitCount, 7);
  assert.ok(c.left.quotesOnly && c.left.label.includes('own quotations'));
  const units = [...c.onlyLeft, ...c.pairs.map((p) => p.left)];
  const raab = new Set(c.quotes.left.map((q) => q.text));
  assert.ok(units.every((u) => raab.has(u.text)));
  // "prime target" no longer pairs with Hunt on elections: the word "elections" is the reporter's.
  assert.ok(!c.distinctive.shared.some((t) => t.stem === 'elect'));
  assert.ok(c.left.wordCount < 200);
});

test("a side narrowed to a tag keeps the passages overlapping the tag's ranges", async () => {
  const docs = await seedDocuments();
  const hunt = docs.find((d) => d.meta.id === HUNT)!;
  const p2 = hunt.passages[2];
  const c = compare(docs, 'speaker:Jeremy Hunt', RAAB_AP, {
    tagRanges: { left: new Map([[HUNT, [[p2.start + 5, p2.start + 9]]]]) },
    tagNames: { left: 'elections' },
    wholeDocuments: true,
  });
  assert.equal(c.left.unitCount, 1);
  assert.equal(c.left.tag, 'elections');
  assert.equal(c.left.label, 'Jeremy Hunt (tag "elections")');
  const left = [...c.onlyLeft, ...c.pairs.map((p) => p.left)];
  assert.ok(left.every((r) => r.passageId === p2.id));
  assert.ok(c.pairs.some((p) => p.right.text.includes('prime target')));
  assert.equal(c.quotes.right.length, 10);
  assert.equal(c.quotes.left.length, 0); // no quotation in the tagged passage
});

test('two tags of the same document may be compared when they cover different passages', async () => {
  const docs = await seedDocuments();
  const hunt = docs.find((d) => d.meta.id === HUNT)!;
  const at = (i: number) => new Map([[HUNT, [[hunt.passages[i].start, hunt.passages[i].end] as [number, number]]]]);
  const c = compare(docs, HUNT, HUNT, { tagRanges: { left: at(1), right: at(2) }, threshold: 0.05 });
  assert.equal(c.left.unitCount, 1);
  assert.equal(c.pairs.length, 1);
});

test('keyword in context: lines for a term on both sides, offsets on the keyword', async () => {
  const docs = await seedDocuments();
  const k = compareKwic(docs, 'speaker:Dominic Raab', 'speaker:Jeremy Hunt', 'Elections', { wholeDocuments: true });
  assert.equal(k.stem, 'elect');
  assert.equal(k.left.length, 2);
  assert.equal(k.right.length, 4);
  for (const line of [...k.left, ...k.right]) {
    const doc = docs.find((d) => d.meta.id === line.docId)!;
    assert.equal(doc.text.slice(line.start, line.end), line.keyword);
    assert.match(line.keyword, /^elections$/i);
    assert.ok(line.before.length <= 60 && line.after.length <= 60);
  }
  assert.match(k.left[0].before, /He said $/);
  assert.deepEqual([k.totalLeft, k.totalRight], [2, 4]);
  // Past the limit, uses are still counted: the page says how many it does not show.
  const capped = compareKwic(docs, 'speaker:Dominic Raab', 'speaker:Jeremy Hunt', 'Elections', { limit: 3, wholeDocuments: true });
  assert.deepEqual([capped.left.length, capped.right.length, capped.totalLeft, capped.totalRight], [2, 3, 2, 4]);
});
