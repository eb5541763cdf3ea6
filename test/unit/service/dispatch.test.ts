/**
 * The IPC path without Electron: the preload's client (makeClient) over the dispatch the main process
 * registers, with the request copied as IPC copies it, against a real service on a real corpus.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { LecternApi } from '../../../app/common/contract';
import { makeClient, unwrap } from '../../../app/common/envelope';
import { LecternError } from '../../../app/common/errors';
import { makeDispatch } from '../../../app/service/dispatch';
import { openService } from '../../../app/service/openService';
import { copyShippedCorpus } from '../../helpers/temp';

async function ipcClient(t: { after(fn: () => Promise<void> | void): void }): Promise<LecternApi> {
  const corpus = copyShippedCorpus();
  const service = await openService(corpus.dir, { saveDelayMs: 0 });
  t.after(async () => {
    await service.close();
    corpus.cleanup();
  });
  const dispatch = makeDispatch(service);
  // Electron's IPC copies values with the structured clone algorithm: so does this test.
  return makeClient(async (method, req) => structuredClone(await dispatch(method, structuredClone(req))));
}

const rejectsWith = (code: string, pattern: RegExp) => (e: unknown) => e instanceof LecternError && e.code === code && pattern.test(e.message);

test('every contract method answers through the IPC path: values arrive, tags round-trip', async (t) => {
  const api = await ipcClient(t);
  const library = await api.library({});
  assert.equal(library.documents.length, 3);
  const hits = await api.search({ query: '"prime target"' });
  assert.equal(hits.documents.length, 1);
  const doc = await api.document({ id: library.documents[0].id });
  const { annotation, created } = await api.tagRange({ docId: doc.meta.id, start: 0, end: 5, newTags: ['First words'] });
  assert.deepEqual(annotation.tagIds, [created[0].id]);
  assert.equal((await api.history({})).undoLabel?.startsWith('Undo: tagged'), true);
});

test("a user's error keeps its message and code; a malformed request names the field; nothing is thrown raw", async (t) => {
  const api = await ipcClient(t);
  await assert.rejects(api.document({ id: 'nope' }), rejectsWith('not-found', /There is no document "nope"/));
  await assert.rejects(api.tagRange({ docId: 'x', start: -1, end: 2 }), rejectsWith('bad-request', /"start" must be at least 0/));
  await assert.rejects(api.search({ query: 'x', limit: 'ten' } as never), rejectsWith('bad-request', /"limit" must be a number/));
});

test('an unknown method, an internal fault and an unreadable reply are each reported, never a stack trace', async () => {
  const logged: unknown[] = [];
  const broken = {
    library: async () => {
      throw new TypeError('boom');
    },
  } as unknown as LecternApi;
  const dispatch = makeDispatch(broken, (...args) => logged.push(args));
  assert.deepEqual(await dispatch('frobnicate', {}), { ok: false, error: { message: 'Unknown API method "frobnicate".', code: 'not-found' } });
  const reply = await dispatch('library', {});
  assert.equal(reply.ok, false);
  assert.equal(!reply.ok && reply.error.code, 'internal');
  assert.match(!reply.ok ? reply.error.message : '', /internal error in library\. Its details are in Lectern's log/);
  // The fault's own message can carry the request (a regex built from a query): it goes to the log only.
  assert.doesNotMatch(!reply.ok ? reply.error.message : '', /boom/);
  assert.doesNotMatch(!reply.ok ? reply.error.message : '', /at .*\.ts:\d+/);
  assert.equal(logged.length, 1, 'the fault is logged for a bug report');
  assert.match(String((logged[0] as unknown[])[1]), /boom/);
  assert.throws(() => unwrap('<html>'), rejectsWith('internal', /reply it cannot read/));
  assert.throws(() => unwrap({ ok: false, error: { message: 'odd', code: 'made-up' } }), rejectsWith('internal', /odd/));
});
