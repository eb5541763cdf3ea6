/**
 * kill -9 through the real HTTP server: a browser-mode server (`lectern serve`, the built CLI) on a
 * copy of the shipped corpus takes tagging requests from a client that keeps several in flight, and
 * is killed with SIGKILL at a random moment. A tag counts as acknowledged when its HTTP reply (200)
 * arrived; after each kill the store on disk must hold every acknowledged tag and still load.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPO, SHIPPED_CORPUS } from '../../test/helpers/repo';
import { openSession, type Session } from './session';
import { checkAfterKill, tempCorpus } from './storeFaults';

export interface ServerKillResult {
  runs: number;
  acknowledged: number;
  lost: number;
  unreadable: number;
  /** Requests that were in flight at the kill (neither acknowledged nor refused). */
  inFlight: number;
}

const CLI = path.join(REPO, 'dist', 'cli.js');
const DOC = '2019-03-07-hunt-cybercrime-deterrence';
const IN_FLIGHT = 4;

/** Starts `lectern serve` on dir and resolves with the process and the address it printed. */
function serve(dir: string, configDir: string): Promise<{ child: ReturnType<typeof spawn>; launchUrl: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, 'serve', '--corpus', dir], {
      cwd: REPO,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, XDG_CONFIG_HOME: configDir },
    });
    let out = '';
    let err = '';
    child.stdout!.on('data', (c: Buffer) => {
      out += c.toString();
      const m = /Open (\S+)/.exec(out);
      if (m) resolve({ child, launchUrl: m[1] });
    });
    child.stderr!.on('data', (c: Buffer) => (err += c.toString()));
    child.on('error', reject);
    child.on('close', (code) => reject(new Error(`lectern serve ended (exit ${code}) before printing its address: ${err}`)));
  });
}

/** Tags new ranges until the server dies; returns the ids whose replies arrived. */
async function tagUntilKilled(session: Session, lane: number, run: number, stop: { killed: boolean }): Promise<{ acked: string[]; inFlight: number }> {
  const acked: string[] = [];
  let unanswered = 0;
  let i = 0;
  // The tag is made (or found: tagging a range with an existing name reuses it) by the first request.
  const tagId = await session.call<{ annotation: { tagIds: string[] } }>('tagRange', { docId: DOC, start: 0, end: 5 + lane, newTags: ['Loop'] }).then(
    (r) => r.annotation.tagIds[0],
    () => undefined,
  );
  async function client(): Promise<void> {
    while (!stop.killed) {
      const n = i++;
      // A new range each time (the same range twice is one annotation): lanes and runs their own lengths.
      const start = 10 + (n % 2000);
      const end = start + 10 + lane + 7 * (run % 40) + 300 * Math.floor(n / 2000);
      try {
        const r = await session.call<{ annotation: { id: string } }>('tagRange', {
          docId: DOC,
          start,
          end,
          tagIds: tagId ? [tagId] : undefined,
          newTags: tagId ? undefined : ['Loop'],
        });
        acked.push(r.annotation.id);
      } catch {
        unanswered++; // the server is gone: this request was in flight at the kill
        return;
      }
    }
  }
  await Promise.all(Array.from({ length: IN_FLIGHT }, client));
  return { acked, inFlight: unanswered };
}

export async function serverKillRuns(runs: number, lanes = 4): Promise<ServerKillResult> {
  if (!fs.existsSync(CLI)) throw new Error('dist/cli.js is missing: run `npm run build` first.');
  const r: ServerKillResult = { runs: 0, acknowledged: 0, lost: 0, unreadable: 0, inFlight: 0 };
  await Promise.all(
    Array.from({ length: lanes }, async (_, lane) => {
      // The runs of a lane share a corpus: each server meets the previous victim's lock, temp and cache files.
      const dir = tempCorpus(`serve${lane}`);
      const configDir = tempCorpus(`config${lane}`);
      fs.cpSync(SHIPPED_CORPUS, dir, { recursive: true });
      const acked: string[] = [];
      const lost = new Set<string>();
      for (let run = lane; run < runs; run += lanes) {
        r.runs++;
        const { child, launchUrl } = await serve(dir, configDir);
        child.removeAllListeners('close');
        const closed = new Promise<void>((resolve) => child.once('close', () => resolve()));
        const stop = { killed: false };
        const session = await openSession(launchUrl);
        const killAfter = 50 + Math.floor(Math.random() * 400);
        const timer = setTimeout(() => {
          stop.killed = true;
          child.kill('SIGKILL');
        }, killAfter);
        const result = await tagUntilKilled(session, lane, run, stop);
        clearTimeout(timer);
        if (!stop.killed) {
          stop.killed = true;
          child.kill('SIGKILL');
        }
        await closed;
        acked.push(...result.acked);
        r.inFlight += result.inFlight;
        if (await checkAfterKill(dir, acked, lost)) r.unreadable++;
      }
      r.acknowledged += acked.length;
      r.lost += lost.size;
      fs.rmSync(dir, { recursive: true, force: true });
      fs.rmSync(configDir, { recursive: true, force: true });
    }),
  );
  return r;
}
