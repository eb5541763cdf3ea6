/**
 * `npm run reliability [-- --runs N --server-runs N]`: fault injection and attacks, printed and written to
 * docs/RELIABILITY.md. Real processes, real files, real SIGKILL, a real HTTP server; nothing is mocked.
 *  1. kill -9 during tagging: a writer process tags in a loop and is killed at a random moment;
 *     every annotation it acknowledged must be on disk and the store must load.
 *  2. kill -9 through the HTTP server: `lectern serve` takes tagging requests and is killed mid-stream.
 *  3. two instances on one corpus: two writer processes tag at once; no one's change may be lost.
 *  4. a truncated last write, as after a power cut.
 *  5. the attack catalogue (attacks.ts): hostile files, requests and queries, each tried and checked.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { REPO } from '../../test/helpers/repo';
import { arg } from './args';
import { runAttacks, type AttackClass } from './attacks';
import { serverKillRuns } from './serverKills';
import { CUTS, KILL_RUNS, LANES, PAIR_COUNT, PAIR_RUNS, SEEDED, killRuns, pairRuns, truncations } from './storeFaults';

const SERVER_RUNS = arg('server-runs', 200);

function table(rows: [string, string | number][]): string {
  return ['| measure | value |', '| --- | --- |', ...rows.map(([k, v]) => `| ${k} | ${v} |`)].join('\n');
}

function attackTable(classes: AttackClass[]): string {
  const rows = classes.map((c) => `| ${c.name} | ${c.tried} | ${c.held} | ${c.failures.length ? c.failures.join('; ') : '—'} |`);
  return ['| class | tried | held | not held |', '| --- | --- | --- | --- |', ...rows].join('\n');
}

async function main(): Promise<void> {
  const t0 = Date.now();
  console.log(`kill -9 during tagging: ${KILL_RUNS} runs …`);
  const kill = await killRuns();
  console.log(`kill -9 through the HTTP server: ${SERVER_RUNS} runs …`);
  const served = await serverKillRuns(SERVER_RUNS);
  console.log(`  acknowledged ${served.acknowledged}, lost ${served.lost}`);
  console.log(`two instances on one corpus: ${PAIR_RUNS} runs of 2 × ${PAIR_COUNT} …`);
  const pair = await pairRuns();
  console.log(`truncated writes: ${CUTS} cut points …`);
  const cut = await truncations();
  console.log('attacks …');
  const attacks = await runAttacks((line) => console.log(`  ${line}`));
  const seconds = Math.round((Date.now() - t0) / 1000);
  const tried = attacks.reduce((n, c) => n + c.tried, 0);
  const held = attacks.reduce((n, c) => n + c.held, 0);

  const md = `# Reliability

Figures from \`npm run reliability\` (scripts/reliability/): real writer processes
(test/fixtures/annotations/writer.ts), a real \`lectern serve\`, real files, real \`SIGKILL\`;
nothing is mocked. Re-run it to check them on your machine (\`-- --runs N --server-runs N\` for
more kills). Last run: ${new Date().toISOString().slice(0, 10)}, ${os.cpus().length} CPU(s),
${os.platform()}, Node ${process.version}, ${seconds} s.

How the store is written (docs/TAGS.md): every change is a read-modify-write under a lock file,
written to a temp file, fsynced, renamed over \`annotations.json\`, and the folder fsynced; a
change is acknowledged only after that.

## Attacks and faults: ${held} of ${tried} held

Each class below is a list of hostile inputs (files, HTTP requests, queries, exports) tried against
a real service and HTTP server on a temp corpus (scripts/reliability/attacks.ts); "held" means
Lectern did what it promises for that input: no crash or stall, a clear message, nothing read or
written outside the corpus, nothing lost. The unit and end-to-end tests check the same promises
one finding at a time.

${attackTable(attacks)}

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

## kill -9 through the HTTP server

\`lectern serve\` (the built CLI) on a copy of the shipped corpus takes \`tagRange\` requests from a
client keeping 4 in flight, and is killed with \`SIGKILL\` 50–450 ms after it printed its address;
the next run serves the same corpus (the victim's lock, temp and cache files). A tag is
acknowledged when its HTTP reply arrived; after each kill the store on disk is read and every
acknowledged tag looked up.

${table([
  ['runs (kills)', served.runs],
  ['acknowledged requests', served.acknowledged],
  ['acknowledged requests lost', served.lost],
  ['requests in flight at the kill (never acknowledged)', served.inFlight],
  ['stores left unreadable', served.unreadable],
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
    served.lost === 0 &&
    served.unreadable === 0 &&
    pair.lost === 0 &&
    cut.earlierIntact === cut.tempCuts &&
    cut.detected === cut.storeCuts &&
    cut.untouched === cut.storeCuts &&
    cut.writesRefused === cut.storeCuts &&
    held === tried;
  console.log(ok ? 'reliability: all checks held; docs/RELIABILITY.md written.' : 'reliability: FAILURES above; docs/RELIABILITY.md written.');
  if (!ok) process.exitCode = 1;
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
