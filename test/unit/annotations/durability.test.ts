import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { AnnotationStore } from '../../../app/core/annotations/annotationStore';
import { runWriter } from '../../fixtures/annotations/runWriter';
import { tempDirFor } from '../../helpers/temp';

async function storedIds(dir: string): Promise<Set<string>> {
  const store = new AnnotationStore(dir);
  await store.refresh();
  assert.equal(store.problem, null, 'the store loads after a kill');
  return new Set(store.state.annotations.map((a) => a.id));
}

test('SIGKILL at random moments never loses an acknowledged annotation nor corrupts the store', { timeout: 60_000 }, async (ctx) => {
  const LANES = 5;
  const RUNS_PER_LANE = 5; // 25 kills in all, lanes in parallel to stay well under 20 s
  let kills = 0;
  let totalAcked = 0;
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      // Runs of a lane share a corpus: each run meets the previous victim's lock and temp files.
      const dir = tempDirFor(ctx, `lectern-kill-${lane}-`);
      const acked: string[] = [];
      for (let run = 0; run < RUNS_PER_LANE; run++) {
        const result = await runWriter(dir, 'forever', `lane${lane}`, Math.floor(Math.random() * 250));
        assert.equal(result.signal, 'SIGKILL', `the writer was killed, not crashed: ${result.stderr}`);
        kills++;
        acked.push(...result.acked);
        const ids = await storedIds(dir);
        for (const id of acked) assert.ok(ids.has(id), `acknowledged annotation ${id} survived the kill`);
      }
      totalAcked += acked.length;
      const leftovers = fs.readdirSync(path.join(dir, '.lectern')).filter((n) => n.includes('.tmp-'));
      assert.ok(leftovers.length <= 2, `stale temp files are cleaned up on open (${leftovers})`);
    }),
  );
  assert.equal(kills, LANES * RUNS_PER_LANE);
  assert.ok(totalAcked > 0, 'the writers acknowledged some annotations before being killed');
});

test('two processes writing to one corpus at once both keep all their changes', { timeout: 30_000 }, async (ctx) => {
  const dir = tempDirFor(ctx, 'lectern-two-');
  const [a, b] = await Promise.all([runWriter(dir, '25', 'A'), runWriter(dir, '25', 'B')]);
  assert.equal(a.code, 0, a.stderr);
  assert.equal(b.code, 0, b.stderr);
  const ids = await storedIds(dir);
  assert.equal(ids.size, 50);
  for (const id of [...a.acked, ...b.acked]) assert.ok(ids.has(id));
  const store = new AnnotationStore(dir);
  await store.refresh();
  assert.equal(store.state.codebook.filter((t) => t.name === 'Loop').length, 1, 'one tag, not two');
  assert.equal(store.state.revision, 51);
});
