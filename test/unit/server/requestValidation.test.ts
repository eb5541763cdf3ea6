/** Every contract request is checked at run time before the service sees it: over HTTP, bad shapes get a 400 naming the field. */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { METHODS } from '../../../app/common/contract';
import { REQUEST_SCHEMAS, validateRequest } from '../../../app/common/schemas';
import type { RunningServer } from '../../../app/server/httpServer';
import { openSession, startTestServer, type TestServer } from '../../helpers/server';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

let running: TestServer;
let server: RunningServer;
let corpusDir: string;
let session: Record<string, string>;

before(async () => {
  running = await startTestServer();
  ({ server, corpusDir } = running);
  session = await openSession(server);
});
after(() => running.close());

async function call(method: string, body: unknown): Promise<{ status: number; message?: string; value?: unknown }> {
  const res = await fetch(`${server.url}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...session },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  const json = (await res.json()) as { value?: unknown; error?: { message: string } };
  return { status: res.status, message: json.error?.message, value: json.value };
}

async function refused(method: string, body: unknown, ...patterns: RegExp[]): Promise<void> {
  const r = await call(method, body);
  assert.equal(r.status, 400, `${method} ${JSON.stringify(body)?.slice(0, 80)} was refused`);
  assert.match(r.message!, new RegExp(`malformed ${method} request`));
  assert.match(r.message!, /nothing was changed/);
  for (const p of patterns) assert.match(r.message!, p);
}

test('every contract method has a schema (also checked at compile time)', () => {
  assert.deepEqual(Object.keys(REQUEST_SCHEMAS).sort(), [...METHODS].sort());
});

test('wrong types are refused, naming the field and what it must be', async () => {
  await refused('search', { query: 42 }, /"query" must be a string, not number 42/);
  await refused('search', { query: 'x', limit: 'ten' }, /"limit" must be a number, not the text "ten"/);
  await refused('search', { query: 'x', limit: 2.5 }, /"limit"/);
  await refused('search', { query: 'x', limit: 0 }, /"limit" must be at least 1/);
  await refused('document', { id: ['a'] }, /"id" must be a string, not a list/);
  await refused('tagRange', { docId: 'd', start: '1', end: 5, tagIds: [] }, /"start" must be a number/);
  await refused('tagRange', { docId: 'd', start: -1, end: 5, tagIds: [] }, /"start" must be at least 0/);
  await refused('tagRange', { docId: 'd', start: 1, end: 5, tagIds: [7] }, /"tagIds.0" must be a string/);
  await refused('exportTags', { format: 'exe' }, /"format" must be one of "csv", "csv-raw", "w3c", "qdpx", "md", "qdc", "codebook-csv", not the text "exe"/);
  await refused('compare', { left: 'a', right: 'b', quotesOnly: { left: 'yes' } }, /"quotesOnly.left" must be a boolean/);
  await refused('updateTag', { id: 't', parentId: 5 }, /"parentId"/);
});

test('missing fields are refused, naming each', async () => {
  await refused('search', {}, /"query" is missing: it must be a string/);
  await refused('document', {}, /"id" is missing/);
  await refused('tagRange', { docId: 'd' }, /"start" is missing/, /"end" is missing/);
  await refused('mergeTags', { sourceId: 'a' }, /"targetId" is missing/);
  await refused('importTags', { filename: 'x.qdpx' }, /"base64" is missing/);
});

test('a request that is not an object, or has unknown fields, is refused', async () => {
  await refused('library', [], /the request must be a JSON object, not a list/);
  await refused('search', '"just text"', /the request must be a JSON object/);
  await refused('library', { evil: true }, /unknown field "evil"/);
  await refused('document', { id: 'x', __proto__: { polluted: true }, constructor: 1 }, /unknown field "constructor"/);
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('huge strings are refused before they reach search or the tag store', async () => {
  const huge = 'a'.repeat(200_000);
  await refused('search', { query: huge }, /"query" is too long: at most 10000 characters, got 200000/);
  await refused('document', { id: 'x'.repeat(5000) }, /"id" is too long/);
  await refused('createTag', { name: huge }, /"name" is too long/);
  await refused('tagRange', { docId: 'd', start: 0, end: 1, tagIds: [], note: 'n'.repeat(200_000) }, /"note" is too long/);
  // Nothing reached the store: no .lectern/annotations.json was written by these calls.
  const store = path.join(corpusDir, '.lectern', 'annotations.json');
  const stored = existsSync(store) ? readFileSync(store, 'utf8') : '';
  assert.ok(!stored.includes('aaaaaaaaaa'), 'the huge tag name was never stored');
});

test('valid requests pass unchanged, optional fields may be left out', async () => {
  assert.equal((await call('search', { query: 'cyber', limit: 2 })).status, 200);
  const lib = (await call('library', {})).value as { documents: { id: string }[] };
  assert.equal((await call('document', { id: lib.documents[0].id })).status, 200);
  const tag = await call('createTag', { name: 'Valid', parentId: null });
  assert.equal(tag.status, 200, tag.message);
  assert.deepEqual(validateRequest('search', { query: 'x' }), { query: 'x' });
});

test('an unknown method is refused by the validator too', () => {
  assert.throws(() => validateRequest('toString' as never, {}), /Unknown API method "toString"/);
  assert.throws(() => validateRequest('__proto__' as never, {}), /Unknown API method/);
});
