/**
 * `npm run reliability [-- --runs N]`: fault injection against the tag store, printed and written
 * to docs/RELIABILITY.md. Real processes, real files, real SIGKILL; nothing is mocked.
 *  1. kill -9 during tagging: a writer process tags in a loop and is killed at a random moment;
 *     every annotation it acknowledged must be on disk and the store must load.
 *  2. two instances on one corpus: two writer processes tag at once; no one's change may be lost.
 *  3. a truncated last write, as after a power cut: the store file cut at random lengths (a disk
 *     that lost the tail of a write) and a truncated temp file (cut before its rename).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { AnnotationStore, STORE_DIR, STORE_FILE } from '../app/core/annotations/annotationStore';
import { Tagging } from '../app/core/annotations/tagging';
import { runWriter } from '../test/fixtures/annotations/runWriter';
import { seedDocs } from '../test/unit/annotations/helpers';

const REPO = path.resolve(__dirname, '..');
const arg = (name: string, fallback: number) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
};
const KILL_RUNS = arg('runs', 100);
const LANES = 4;
const PAIR_RUNS = arg('pairs', 5);
const PAIR_COUNT = 40;
const CUTS = arg('cuts', 50);
const SEEDED = 20;

const tempCorpus = (label: string) => fs.mkdtempSync(path.join(os.tmpdir(), `lectern-reliability-${label}-`));

async function stored(dir: string): Promise<{ ids: Set<string>; problem: string | null }> {
  const store = new AnnotationStore(dir);
  await store.refresh();
  return { ids: new Set(store.state.annotations.map((a) => a.id)), problem: store.problem };
}

async function killRuns() {
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
        // Checked after every kill: an acknowledged annotation missing at any point counts as lost.
        const s = await stored(dir);
        if (s.problem) r.unreadable++;
        for (const id of acked) if (!s.ids.has(id)) lost.add(id);
      }
      r.acknowledged += acked.length;
      r.lost += lost.size;
      fs.rmSync(dir, { recursive: true, force: true });
    }),
  );
  return r;
}

async function pairRuns() {
  const r = { runs: 0, acknowledged: 0, stored: 0, lost: 0 };
  for (let i = 0; i < PAIR_RUNS; i++) {
    const dir = tempCorpus('pair');
    const [a, b] = await Promise.all([runWriter(dir, String(PAIR_COUNT), 'A'), runWriter(dir, String(PAIR_COUNT), 'B')]);
    if (a.code !== 0 || b.code !== 0) throw new Error(`a writer failed: ${a.stderr}${b.stderr}`);
    const s = await stored(dir);
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

async function truncations() {
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
    const s = await stored(base.dir);
    if (!s.problem && s.ids.size === base.count) r.earlierIntact++;
  }
  fs.rmSync(base.dir, { recursive: true, force: true });
  return r;
}

function table(rows: [string, string | number][]): string {
  return ['| measure | value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log(`kill -9 during tagging: ${KILL_RUNS} runs …`);
  const kill = await killRuns();
  console.log(`two instances on one corpus: ${PAIR_RUNS} runs of 2 × ${PAIR_COUNT} …`);
  const pair = await pairRuns();
  console.log(`truncated writes: ${CUTS} cut points …`);
  const cut = await truncations();
  const seconds = Math.round((Date.now() - t0) / 1000);

  const md = `# Reliability

Figures from \`npm run reliability\` (scripts/reliability.ts): real writer processes
(test/fixtures/annotations/writer.ts), real files, real \`SIGKILL\`; nothing is mocked. Re-run it to
check them on your machine (\`-- --runs N\` for more kills). Last run: ${new Date().toISOString().slice(0, 10)},
${os.cpus().length} CPU(s), ${os.platform()}, Node ${process.version}, ${seconds} s.

How the store is written (docs/TAGS.md): every change is a read-modify-write under a lock file,
written to a temp file, fsynced, renamed over \`annotations.json\`, and the folder fsynced; a
change is acknowledged only after that.

## kill -9 during tagging

A writer tags in a loop and is killed with \`SIGKILL\` at a random moment (0–300 ms after it is
ready), ${LANES} corpora in parallel, each run reusing the previous victim's corpus (its lock and temp
files). After each kill the store is opened and every acknowledged annotation looked up.

${table([
  ['runs (kills)', kill.runs],
  ['acknowledged writes', kill.acknowledged],
  ['acknowledged writes lost', kill.lost],
  ['stores left unreadable', kill.unreadable],
])}

## Two instances on one corpus

Two writer processes tag the same corpus at the same time, ${PAIR_COUNT} annotations each.

${table([
  ['runs', pair.runs],
  ['acknowledged writes', pair.acknowledged],
  ['annotations stored', pair.stored],
  ['lost updates', pair.lost],
])}

## A truncated last write, as after a power cut

Two cases, at ${CUTS} random cut points in a store of ${SEEDED} annotations:

- **The temp file cut short** (power lost while writing, before the rename — what the write order
  above leaves): the earlier \`annotations.json\` must load, complete.
- **\`annotations.json\` itself cut short** (only possible on a disk that acknowledges an fsync it did
  not perform): Lectern must detect it, say so, keep a copy, refuse to write over it, and leave it
  as it is for the user to repair (the part before the cut is in the file and in the copy).

${table([
  ['temp file cut: runs', cut.tempCuts],
  ['temp file cut: earlier data intact and loaded', cut.earlierIntact],
  ['store cut: runs', cut.storeCuts],
  ['store cut: detected (reported to the user)', cut.detected],
  ['store cut: copy saved (annotations.json.invalid-…)', cut.backedUp],
  ['store cut: writes refused', cut.writesRefused],
  ['store cut: file left untouched', cut.untouched],
])}

What is not covered: a disk that reorders or drops writes *and* the rename (the store file would
then hold the previous complete version, which is the best a single file can offer); losing the
tail of a store file loses the annotations after the cut unless the user repairs the file from the
copy, as the message says.
`;
  fs.writeFileSync(path.join(REPO, 'docs', 'RELIABILITY.md'), md);
  console.log(md);
  const ok =
    kill.lost === 0 &&
    kill.unreadable === 0 &&
    pair.lost === 0 &&
    cut.earlierIntact === cut.tempCuts &&
    cut.detected === cut.storeCuts &&
    cut.untouched === cut.storeCuts &&
    cut.writesRefused === cut.storeCuts;
  console.log(ok ? 'reliability: all checks held; docs/RELIABILITY.md written.' : 'reliability: FAILURES above; docs/RELIABILITY.md written.');
  if (!ok) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
