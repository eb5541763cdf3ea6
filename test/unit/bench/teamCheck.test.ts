/**
 * The team bench's acknowledged/lost check (bench/team.ts) on the real single-user service: a simulated
 * coder's acknowledgements (undos included) match what the store holds, and an annotation removed or
 * changed behind its back is counted, so a bench that prints "lost 0" has looked.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { STORE_FILE } from '../../../app/core/annotations/annotationStore';
import { makeBody, noteOf, parseStore, tagIdsOf } from '../../../app/core/annotations/storeFormat';
import { makeDispatch } from '../../../app/service/dispatch';
import { openService } from '../../../app/service/openService';
import { checkAcknowledged, lostOf, passagesOf, seedCodebook } from '../../../bench/team';
import { SimulatedCoder } from '../../../bench/teamCoder';
import { withShippedCorpus } from '../../helpers/temp';

test('the team bench finds an acknowledged annotation lost or changed, and nothing else', async () => {
  await withShippedCorpus(async (dir) => {
    const service = await openService(dir, { coder: 'solo' });
    const call = makeDispatch(service);
    const coder = new SimulatedCoder('solo', call, await passagesOf(call), await seedCodebook(call), 3);
    await coder.run(performance.now() + 2000);
    await service.close();
    const store = parseStore(readFileSync(path.join(dir, '.lectern', STORE_FILE), 'utf8'));

    assert.deepEqual(coder.stats.errors, {});
    assert.ok((coder.stats.latency.undo?.length ?? 0) > 0, 'some gestures were undone');
    assert.ok([...coder.expected.values()].includes(null), 'an undo removed an annotation the check must find absent');
    const clean = checkAcknowledged([coder], store.annotations, store.codebook);
    assert.ok(clean.acknowledged > 10, JSON.stringify(clean));
    assert.equal(lostOf(clean), 0, JSON.stringify(clean));
    assert.equal(clean.unacknowledgedStored, 0);

    const [gone, changed] = store.annotations.filter((a) => coder.expected.get(a.id));
    const tampered = store.annotations
      .filter((a) => a.id !== gone.id)
      .map((a) => (a.id === changed.id ? { ...a, body: makeBody(tagIdsOf(a), `${noteOf(a)} (changed)`) } : a));
    const check = checkAcknowledged([coder], tampered, store.codebook);
    assert.deepEqual({ lost: check.lost, wrong: check.wrong, lostOf: lostOf(check) }, { lost: 1, wrong: 1, lostOf: 2 });
  });
});
