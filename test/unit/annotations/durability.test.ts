import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { spawn } from 'node:child_process';
import { AnnotationStore } from '../../../app/core/annotations/annotationStore';
import { repoRoot, tempDir } from './helpers';

const WRITER = path.join(repoRoot, 'test/fixtures/annotations/writer.ts');

interface Run {
  acked: string[];
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
}

/** Starts a writer; kills it with SIGKILL `killAfterMs` after it is ready (or lets it finish). */
function runWriter(dir: string, count: string, label: string, killAfterMs?: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WRITER, dir, count, label], { cwd: repoRoot, stdio: ['ignore', 'pipe', 'pipe'] });
    const run: Run = { acked: [], code: null, signal: null, stderr: '' };
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        if (line === 'ready' && killAfterMs !== undefined) setTimeout(() => child.kill('SIGKILL'), killAfterMs);
        if (line.startsWith('ack ')) run.acked.push(line.slice(4));
      }
    });
    child.stderr.on('data', (c: Buffer) => (run.stderr += c.toString()));
    child.on('error', reject);
    child.on('close', (code, signal) => resolve({ ...run, code, signal }));
  });
}

async function storedIds(dir: string): Promise<Set<string>> {
  const store = new AnnotationStore(dir);
  await store.refresh();
  assert.equal(store.problem, null, 'the store loads after a kill');
  return new Set(store.state.annotations.map((a) => a.id));
}

test('SIGKILL at random moments never loses an acknowledged annotation nor corrupts the store', { timeout: 60_000 }, async () => {
  const LANES = 5;
  const RUNS_PER_LANE = 5; // 25 kills in all, lanes in parallel to stay well under 20 s
  let kills = 0;
  let totalAcked = 0;
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      // Runs of a lane share a corpus: each run meets the previous victim's lock and temp files.
      const dir = tempDir(`lectern-kill-${lane}-`);
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

test('two processes writing to one corpus at once both keep all their changes', { timeout: 30_000 }, async () => {
  const dir = tempDir('lectern-two-');
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
