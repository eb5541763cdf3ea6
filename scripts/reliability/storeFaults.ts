/**
 * Fault injection against the tag store (see main.ts). Real processes, real files, real SIGKILL; nothing is mocked.
 *  1. kill -9 during tagging: a writer process tags in a loop and is killed at a random moment;
 *     every annotation it acknowledged must be on disk and the store must load.
 *  2. two instances on one corpus: two writer processes tag at once; no one's change may be lost.
 *  3. a truncated last write, as after a power cut: the store file cut at random lengths (a disk
 *     that lost the tail of a write) and a truncated temp file (cut before its rename).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnnotationStore, STORE_DIR, STORE_FILE } from '../../app/core/annotations/annotationStore';
import { Tagging } from '../../app/core/annotations/tagging';
import { runWriter } from '../../test/fixtures/annotations/runWriter';
import { seedDocs } from '../../test/unit/annotations/helpers';

import { arg } from './args';

export const KILL_RUNS = arg('runs', 100);
export const LANES = 4;
export const PAIR_RUNS = arg('pairs', 5);
export const PAIR_COUNT = 40;
export const CUTS = arg('cuts', 50);
export const SEEDED = 20;

export const tempCorpus = (label: string) => fs.mkdtempSync(path.join(os.tmpdir(), `lectern-reliability-${label}-`));

export async function storedIds(dir: string): Promise<{ ids: Set<string>; problem: string | null }> {
  const store = new AnnotationStore(dir);
  await store.refresh();
  return { ids: new Set(store.state.annotations.map((a) => a.id)), problem: store.problem };
}

/**
 * Checked after every kill: an acknowledged annotation missing at any point counts as lost (added
 * to `lost`). Answers whether the store was left unreadable.
 */
export async function checkAfterKill(dir: string, acked: string[], lost: Set<string>): Promise<boolean> {
  const s = await storedIds(dir);
  for (const id of acked) if (!s.ids.has(id)) lost.add(id);
  return s.problem !== null;
}

export async function killRuns() {
  const r = { runs: 0, acknowledged: 0, lost: 0, unreadable: 0 };
  const perLane = Math.ceil(KILL_RUNS / LANES);
  await Promise.all(
    Array.from({ length: LANES }, async (_, lane) => {
      // Runs of a lane share a corpus: each meets the previous victim's lock and temp files.
      const dir = tempCorpus(`kill${lane}`);
      const acked: string[] = [];
      const lost = new Set<string>();
      for (let i = 0; i < perLane && r.runs < KILL_RUNS; i++) {
        r.runs++;
        const run = await runWriter(dir, 'forever', `lane${lane}`, Math.floor(Math.random() * 300));
        if (run.signal !== 'SIGKILL') throw new Error(`the writer ended by itself: ${run.stderr}`);
        acked.push(...run.acked);
        if (await checkAfterKill(dir, acked, lost)) r.unreadable++;
      }
      r.acknowledged += acked.length;
      r.lost += lost.size;
      fs.rmSync(dir, { recursive: true, force: true });
    }),
  );
  return r;
}

export async function pairRuns() {
  const r = { runs: 0, acknowledged: 0, stored: 0, lost: 0 };
  for (let i = 0; i < PAIR_RUNS; i++) {
    const dir = tempCorpus('pair');
    const [a, b] = await Promise.all([runWriter(dir, String(PAIR_COUNT), 'A'), runWriter(dir, String(PAIR_COUNT), 'B')]);
    if (a.code !== 0 || b.code !== 0) throw new Error(`a writer failed: ${a.stderr}${b.stderr}`);
    const s = await storedIds(dir);
    const acked = [...a.acked, ...b.acked];
    r.runs++;
    r.acknowledged += acked.length;
    r.stored += s.ids.size;
    r.lost += acked.filter((id) => !s.ids.has(id)).length;
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return r;
}

/** A store with some tags, written the normal way, and its text. */
async function seededStore(): Promise<{ dir: string; file: string; text: string; count: number }> {
  const dir = tempCorpus('cut');
  const t = new Tagging(dir, seedDocs());
  const tag = await t.createTag({ name: 'Kept' });
  for (let i = 0; i < SEEDED; i++) await t.tagRange({ docId: '2019-03-07-hunt', start: i, end: i + 10, tagIds: [tag.id], note: `note ${i}` });
  const file = path.join(dir, STORE_DIR, STORE_FILE);
  return { dir, file, text: fs.readFileSync(file, 'utf8'), count: SEEDED };
}

export async function truncations() {
  const r = { storeCuts: 0, detected: 0, untouched: 0, backedUp: 0, writesRefused: 0, tempCuts: 0, earlierIntact: 0 };
  const base = await seededStore();
  for (let i = 0; i < CUTS; i++) {
    // The store file itself cut short: only a disk that acknowledges an fsync it did not do can leave this.
    const len = 1 + Math.floor(Math.random() * (base.text.length - 2));
    const cut = base.text.slice(0, len);
    fs.writeFileSync(base.file, cut);
    for (const n of fs.readdirSync(path.dirname(base.file))) if (n.includes('.invalid-')) fs.rmSync(path.join(path.dirname(base.file), n));
    r.storeCuts++;
    const t = new Tagging(base.dir, seedDocs());
    await t.load();
    if (t.problem()) r.detected++;
    const refused = await t.createTag({ name: `New ${i}` }).then(
      () => false,
      () => true,
    );
    if (refused) r.writesRefused++;
    if (fs.readFileSync(base.file, 'utf8') === cut) r.untouched++;
    if (fs.readdirSync(path.dirname(base.file)).some((n) => n.includes('.invalid-'))) r.backedUp++;

    // The next write cut short before its rename (the power failed mid-write): the temp file of a
    // dead process holds the partial bytes; the store must be the earlier, complete one.
    fs.writeFileSync(base.file, base.text);
    fs.writeFileSync(`${base.file}.tmp-999999-${i.toString(16).padStart(8, '0')}`, base.text.slice(0, len));
    r.tempCuts++;
    const s = await storedIds(base.dir);
    if (!s.problem && s.ids.size === base.count) r.earlierIntact++;
  }
  fs.rmSync(base.dir, { recursive: true, force: true });
  return r;
}
