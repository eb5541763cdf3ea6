/**
 * A query's cost is bounded over the real HTTP server and the CLI (issue 13, finding 4): on a
 * corpus of 35 documents, `abcdefghijklmnop~5` took 16.7 s and blocked every other request; a
 * quoted phrase of 1,500 words answered 500 with the 14 KB regular expression in its message.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { RunningServer } from '../../../app/server/httpServer';
import { runCli } from '../../helpers/runCli';
import { openSession, startTestServer, type TestServer } from '../../helpers/server';
import { sizedCorpus } from '../../helpers/sizedCorpus';
import type { TempDir } from '../../helpers/temp';

let corpus: TempDir;
let running: TestServer;
let server: RunningServer;
let session: Record<string, string>;

before(async () => {
  corpus = sizedCorpus(35);
  running = await startTestServer({ corpusSource: corpus.dir });
  server = running.server;
  session = await openSession(server);
});
after(async () => {
  await running.close();
  corpus.cleanup();
});

/** The parts of the search, library and document answers read here. */
interface Answer {
  documents: { id: string }[];
  error: { message: string } | null;
  queryError: { message: string } | null;
}

async function call(
  method: string,
  body: unknown,
): Promise<{ status: number; text: string; json: { value?: Answer; error?: { message: string; code: string } } }> {
  const res = await fetch(`${server.url}api/${method}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...session },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  return { status: res.status, text, json: JSON.parse(text) };
}

test('the library holds the 35 documents', async () => {
  assert.equal((await call('library', {})).json.value!.documents.length, 35);
});

test('abcdefghijklmnop~5 answers at once with a message about the edit distance', async () => {
  const t0 = performance.now();
  const res = await call('search', { query: 'abcdefghijklmnop~5' });
  const ms = performance.now() - t0;
  assert.ok(ms < 2000, `answered in ${Math.round(ms)} ms`);
  assert.equal(res.status, 200);
  assert.match(res.json.value!.error!.message, /at most 2 edits/);
  assert.deepEqual(res.json.value!.documents, []);
});

test('a quoted phrase of 1,500 words is a 400 with a short message that does not repeat it', async () => {
  const words = Array.from({ length: 1500 }, (_, i) => ['the', 'state', 'of', 'our', 'union', 'is', 'strong'][i % 7]);
  const phrase = words.join(' ');
  // Over the query's length cap, and (cut to fit under it) over the phrase's word cap: both refused alike.
  const underCap = words.slice(0, 150).join(' ');
  for (const [query, says] of [
    [`"${phrase}"`, /at most 2,000 characters/],
    [`"${underCap}"`, /at most 100 words \(this one has 150\)/],
  ] as const) {
    const res = await call('search', { query });
    assert.equal(res.status, 400);
    assert.equal(res.json.error?.code, 'too-large');
    assert.match(res.json.error!.message, says);
    assert.ok(res.text.length < 1024, `the answer is ${res.text.length} bytes`);
    assert.ok(!res.text.includes('state of our union'), 'the answer does not repeat the phrase');
    assert.doesNotMatch(res.text, /regular expression|Stack overflow/);
  }
});

test('opening a document with such a query still opens it, with the message as its query error', async () => {
  const id = (await call('library', {})).json.value!.documents[0].id;
  const res = await call('document', { id, query: `"${Array(150).fill('word').join(' ')}"` });
  assert.equal(res.status, 200);
  assert.match(res.json.value!.queryError!.message, /at most 100 words/);
});

test('a query of 999 bare wildcards is answered or stopped within its budget, and status answers meanwhile', async () => {
  // 999 bare wildcards: each expands to the whole vocabulary (about 8 s of work for stock Lunr here).
  const costly = call('search', { query: Array(999).fill('*').join(' ') });
  const t0 = performance.now();
  const status = await call('status', {});
  const statusMs = performance.now() - t0;
  const res = await costly;
  const searchMs = performance.now() - t0;
  assert.equal(status.status, 200);
  assert.ok(statusMs < 6000, `status answered after ${Math.round(statusMs)} ms`);
  assert.ok(searchMs < 6000, `the costly search answered after ${Math.round(searchMs)} ms`);
  assert.equal(res.status, 200);
  const error = res.json.value!.error;
  // The evaluator usually answers it (every document matches); if it runs out of time it says so briefly.
  if (error) {
    assert.match(error.message, /took too long \(over 2 seconds\)/);
    assert.ok(error.message.length < 400);
  } else assert.ok(res.json.value!.documents.length > 0);
});

test('the CLI shows the same messages', async () => {
  const fuzzy = await runCli('search', '--corpus', corpus.dir, 'abcdefghijklmnop~5');
  assert.notEqual(fuzzy.code, 0);
  assert.match(fuzzy.err, /at most 2 edits/);
  const phrase = await runCli('search', '--corpus', corpus.dir, `"${Array(150).fill('word').join(' ')}"`);
  assert.notEqual(phrase.code, 0);
  assert.match(phrase.err, /at most 100 words \(this one has 150\)/);
  assert.ok(!phrase.err.includes('word word'), 'the CLI does not repeat the phrase either');
});
