/**
 * W3C Web Annotation as the model and JSON-LD processors read it (issue 14, point 6): positions in
 * code points both ways, context cut at whole characters (jq reads the export and the store), a
 * real IRI for each source, every Lectern term defined (jsonld.js in safe mode drops nothing),
 * ids on the collection and its page.
 */
import { test, type TestContext } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { Tagging } from '../../../app/core/annotations/tagging';
import { CONTEXT_LENGTH } from '../../../app/core/annotations/reanchor';
import { makeDoc } from '../../helpers/docs';
import { REPO } from '../../helpers/repo';
import { tempDirFor } from '../../helpers/temp';
import { Docs, rangeOf, seedDocs, speechMeta } from './helpers';

// jsonld.js ships no types; it is only used here, as the independent reader.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const jsonld = require('jsonld') as {
  toRDF(doc: unknown, options: Record<string, unknown>): Promise<string>;
  expand(doc: unknown, options: Record<string, unknown>): Promise<unknown[]>;
};
const ANNO = JSON.parse(fs.readFileSync(path.resolve(REPO, 'test/fixtures/w3c/anno.jsonld'), 'utf8'));

/** Offline: the one remote context is served from the shipped copy; any other fetch fails the test. */
async function documentLoader(url: string) {
  if (url === 'http://www.w3.org/ns/anno.jsonld' || url === 'https://www.w3.org/ns/anno.jsonld') return { contextUrl: null, documentUrl: url, document: ANNO };
  throw new Error(`the test would fetch ${url}`);
}

const EMOJI_ID = 'emoji';
// Emoji sit right where the 32-character context before "deterrence" is cut, and just after the end of its suffix.
const PAD = 'x'.repeat(CONTEXT_LENGTH - 1);
const EMOJI = `🛡️🛡 Cyber 😀${PAD}deterrence${PAD}😀 matters 🛡 a lot.`;

function docs(): Docs {
  return new Docs([...seedDocs().documents(), makeDoc(EMOJI_ID, EMOJI, speechMeta(EMOJI_ID, { title: 'Emoji' }))]);
}

async function tagged(ctx: TestContext) {
  const dir = tempDirFor(ctx);
  const t = new Tagging(dir, docs(), { coder: 'Alice' });
  const a = await t.tagRange({ docId: EMOJI_ID, ...rangeOf(EMOJI, 'deterrence'), newTags: ['Deterrence'], note: 'with 😀' });
  const threats = (await t.codebook({}))[0];
  const child = await t.createTag({ name: 'Child', parentId: threats.id, description: 'a sub-code', color: '#123456' });
  await t.tagRange({ docId: '2021-05-12-raab', start: 0, end: 4, tagIds: [child.id] });
  const file = await t.exportTags({ format: 'w3c' });
  return { dir, t, a: a.annotation, file, json: Buffer.from(file.base64, 'base64').toString('utf8') };
}

const isWellFormed = (s: string) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(s);

test('prefix and suffix never split an emoji: jq reads the export and annotations.json', async (ctx) => {
  const { dir, json } = await tagged(ctx);
  const doc = JSON.parse(json);
  const [quote] = doc.first.items.find((i: { target: { 'lectern:docId': string } }) => i.target['lectern:docId'] === EMOJI_ID).target.selector;
  assert.equal(quote.exact, 'deterrence');
  assert.ok(isWellFormed(quote.prefix) && isWellFormed(quote.suffix), `whole characters: ${JSON.stringify([quote.prefix, quote.suffix])}`);
  assert.ok(EMOJI.includes(quote.prefix + 'deterrence' + quote.suffix));
  const file = path.join(tempDirFor(ctx, 'lectern-jq-'), 'export.jsonld');
  fs.writeFileSync(file, json);
  // jq refuses JSON with a lone surrogate escape (“invalid \\uXXXX\\uXXXX surrogate pair escape”).
  assert.equal(execFileSync('jq', ['-r', '.first.items | length', file], { encoding: 'utf8' }).trim(), '2');
  execFileSync('jq', ['.', path.join(dir, '.lectern', 'annotations.json')], { stdio: 'pipe' });
});

test('TextPositionSelector counts code points out and in: a spec-correct annotation from another tool lands on its text', async (ctx) => {
  const { a, json } = await tagged(ctx);
  const item = JSON.parse(json).first.items.find((i: { target: { 'lectern:docId': string } }) => i.target['lectern:docId'] === EMOJI_ID);
  const position = item.target.selector[1];
  assert.equal(position.start, [...EMOJI.slice(0, a.start)].length);
  assert.ok(position.start < a.start, 'fewer code points than UTF-16 units before it');
  // Another tool's annotation: a position only, in code points, as the model says.
  const cp = [...EMOJI];
  const start = cp.findIndex((_, i) => cp.slice(i, i + 7).join('') === 'matters');
  const other = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: { type: 'TextualBody', purpose: 'commenting', value: 'spec-correct' },
    target: { source: `urn:lectern:doc:${EMOJI_ID}`, selector: { type: 'TextPositionSelector', start, end: start + 7 } },
  };
  const t = new Tagging(tempDirFor(ctx), docs());
  await t.importTags({ filename: 'other.jsonld', base64: Buffer.from(JSON.stringify(other)).toString('base64') });
  const [view] = await t.annotations({});
  assert.deepEqual([view.docId, view.quote, view.orphan], [EMOJI_ID, 'matters', false]);
});

test('JSON-LD: safe-mode expansion keeps every term; each annotation has an oa:hasSource IRI; collection and page have ids', async (ctx) => {
  const { json, t } = await tagged(ctx);
  const doc = JSON.parse(json);
  // Safe mode throws on any term or IRI a processor would drop.
  await jsonld.expand(doc, { documentLoader, safe: true });
  const quads = (await jsonld.toRDF(doc, { format: 'application/n-quads', documentLoader, safe: true })).split('\n');
  const count = (predicate: string) => quads.filter((q) => q.includes(`<${predicate}>`)).length;
  assert.equal(count('http://www.w3.org/ns/oa#hasSource'), doc.first.items.length);
  assert.ok(quads.some((q) => q.includes('<http://www.w3.org/ns/oa#hasSource> <urn:lectern:doc:emoji>')));
  const codebook = await t.codebook({});
  assert.equal(count('urn:lectern:ns:color'), codebook.length);
  assert.equal(count('http://schema.org/description'), codebook.length);
  assert.equal(count('urn:lectern:ns:parent'), 1);
  assert.equal(count('http://purl.org/dc/terms/creator'), doc.first.items.length, 'the coder of each annotation');
  assert.ok(
    quads.some((q) => q.startsWith(`<${doc.id}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://www.w3.org/ns/activitystreams#OrderedCollection>`)),
  );
  assert.ok(quads.some((q) => q.startsWith(`<${doc.first.id}> <http://www.w3.org/ns/activitystreams#partOf> <${doc.id}>`)));
});

test('round trip through W3C keeps coders and code-point positions exactly', async (ctx) => {
  const { t, file } = await tagged(ctx);
  const target = new Tagging(tempDirFor(ctx), docs());
  await target.importTags({ filename: file.filename, base64: file.base64 });
  const strip = (v: Awaited<ReturnType<Tagging['annotations']>>) => v.map((a) => [a.id, a.docId, a.start, a.end, a.quote, a.coder, a.note, a.orphan]);
  assert.deepEqual(strip(await target.annotations({})), strip(await t.annotations({})));
});

test('a W3C file whose target names a file: IRI in the corpus is matched to that document', async (ctx) => {
  const annotation = {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    type: 'Annotation',
    body: [{ type: 'TextualBody', purpose: 'tagging', value: 'Coalitions' }],
    target: { source: 'file:///home/someone/corpus/2021-05-12-raab.md', selector: { type: 'TextQuoteSelector', exact: 'international coalition' } },
  };
  const t = new Tagging(tempDirFor(ctx), docs());
  await t.importTags({ filename: 'file-iri.json', base64: Buffer.from(JSON.stringify(annotation)).toString('base64') });
  const [view] = await t.annotations({});
  assert.deepEqual([view.docId, view.quote, view.orphan], ['2021-05-12-raab', 'international coalition', false]);
});
