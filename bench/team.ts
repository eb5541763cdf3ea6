/**
 * `npm run bench -- --team [--seconds N]` (issue 17 part 2, load): a real PostgreSQL and a real team
 * server (its own process) on SOTU, 20 coders, each with its own account, session and live event stream,
 * tagging at once with no think time for N seconds (default 60); then every write the server acknowledged
 * is read back from PostgreSQL and checked. Beside it, in the same run: the same workload from one coder
 * (serial, SERIAL_SECONDS) on the team server, and on the single-user file store in-process.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import type { DocumentView, LibraryView, Tag } from '../app/common/contract';
import { errorReply, type Reply } from '../app/common/envelope';
import { STORE_FILE } from '../app/core/annotations/annotationStore';
import { coderOf, noteOf, parseStore, tagIdsOf, type StoredAnnotation, type StoredTag } from '../app/core/annotations/storeFormat';
import { makeDispatch } from '../app/service/dispatch';
import { openService } from '../app/service/openService';
import { createAccount, lastChangeSeq, migrate, openDb, readAnnotations, readCodebook, type Db } from '../app/team';
import { startPostgres, type TestPostgres } from '../test/helpers/postgres';
import { TeamClient, type HeardEvent } from '../test/helpers/teamServer';
import { copyShippedCorpus, tempDir } from '../test/helpers/temp';
import { writeCorpusFolder } from './corpora';
import { spread } from './stats';
import { SimulatedCoder, type Caller, type Range } from './teamCoder';

export const CODERS = 20;
export const DEFAULT_SECONDS = 60;
export const SERIAL_SECONDS = 10;
/** The codebook the owner sets up before the coders start. */
const SEED_CODES = ['Economy', 'War', 'Taxes', 'Education', 'Health', 'Immigration', 'Trade', 'Energy', 'Rights', 'Security', 'Farming', 'Budget'];
/** After the load, how long the streams are given to bring the last events. */
const DRAIN_MS = 2000;

type Spread = NonNullable<ReturnType<typeof spread>>;

/** What PostgreSQL (or the file) holds against what the acknowledgements said. */
export interface AckCheck {
  /** Annotations some acknowledged write said exist. */
  acknowledged: number;
  /** Of those, absent. */
  lost: number;
  /** Present, but with other codes or another note (or another coder) than the last acknowledgement said. */
  wrong: number;
  /** Present although an acknowledged undo removed them. */
  undoneButPresent: number;
  /** Codes an acknowledged gesture created (and no acknowledged undo removed) that are absent. */
  codesLost: number;
  /** Stored annotations of these coders that no acknowledged write reported (a reply lost after COMMIT). */
  unacknowledgedStored: number;
}

export interface LoadRun {
  label: string;
  coders: number;
  seconds: number;
  requests: number;
  writes: number;
  requestsPerS: number;
  writesPerS: number;
  latencyMs: Record<string, Spread>;
  errors: Record<string, number>;
  check: AckCheck;
  /** The machine's 1-minute load average when the run ended: whatever else ran on these cores meanwhile. */
  loadAvg: number;
  events?: {
    /** Change events each stream should have brought (the log's rows written during the load), summed over streams. */
    expected: number;
    received: number;
    /** From a write's acknowledgement to another coder's stream bringing its first event (ms; negative: the event came first). */
    delayMs: Spread | null;
    /** (writer, stream) pairs left out of the delays: the stream's events by the writer did not add up to the writer's acknowledged rows. */
    misaligned: number;
  };
}

export interface TeamBenchResult {
  date: string;
  corpus: string;
  documents: number;
  passages: number;
  postgres: string;
  runs: LoadRun[];
}

export function lostOf(c: AckCheck): number {
  return c.lost + c.wrong + c.undoneButPresent + c.codesLost;
}

export function checkAcknowledged(coders: SimulatedCoder[], rows: StoredAnnotation[], codebook: StoredTag[]): AckCheck {
  const byId = new Map(rows.map((r) => [r.id, r]));
  const sorted = (ids: string[]) => [...ids].sort().join();
  const out: AckCheck = { acknowledged: 0, lost: 0, wrong: 0, undoneButPresent: 0, codesLost: 0, unacknowledgedStored: 0 };
  const reported = new Set<string>();
  for (const c of coders) {
    for (const [id, e] of c.expected) {
      reported.add(id);
      const row = byId.get(id);
      if (e === null) {
        if (row) out.undoneButPresent++;
        continue;
      }
      out.acknowledged++;
      if (!row) out.lost++;
      else if (coderOf(row) !== c.name || noteOf(row) !== e.note || sorted(tagIdsOf(row)) !== sorted(e.tagIds)) out.wrong++;
    }
  }
  const codes = new Set(codebook.map((t) => t.id));
  for (const c of coders) for (const [id, mustExist] of c.createdTags) if (mustExist && !codes.has(id)) out.codesLost++;
  const names = new Set(coders.map((c) => c.name));
  out.unacknowledgedStored = rows.filter((r) => names.has(coderOf(r)) && !reported.has(r.id)).length;
  return out;
}

/** Each write's acknowledgement to its first event in every other coder's stream (events by a writer, in seq order, are its writes' rows in order). */
function eventDelays(coders: SimulatedCoder[], heard: Map<string, HeardEvent[]>): { delays: number[]; misaligned: number } {
  const delays: number[] = [];
  let misaligned = 0;
  for (const writer of coders) {
    const rows = writer.acks.reduce((n, a) => n + a.changes, 0);
    for (const [listener, events] of heard) {
      if (listener === writer.name) continue;
      const mine = events.filter((e) => e.by === writer.name).sort((a, b) => a.seq - b.seq);
      // A stream short of this writer's events, or a count of rows per write that is off, would pair writes with others' events.
      if (mine.length !== rows) {
        misaligned++;
        continue;
      }
      let i = 0;
      for (const ack of writer.acks) {
        if (i >= mine.length) break;
        delays.push(mine[i].at - ack.at);
        i += ack.changes;
      }
    }
  }
  return { delays, misaligned };
}

function summarise(label: string, coders: SimulatedCoder[], ms: number, check: AckCheck, events?: LoadRun['events']): LoadRun {
  const latency: Record<string, number[]> = {};
  const errors: Record<string, number> = {};
  let requests = 0;
  let writes = 0;
  for (const c of coders) {
    requests += c.stats.requests;
    writes += c.stats.writes;
    for (const [m, xs] of Object.entries(c.stats.latency)) (latency[m] ??= []).push(...xs);
    for (const [k, n] of Object.entries(c.stats.errors)) errors[k] = (errors[k] ?? 0) + n;
  }
  const s = ms / 1000;
  return {
    label,
    coders: coders.length,
    seconds: Math.round(s * 10) / 10,
    requests,
    writes,
    requestsPerS: Math.round(requests / s),
    writesPerS: Math.round(writes / s),
    latencyMs: Object.fromEntries(Object.entries(latency).map(([m, xs]) => [m, spread(xs)!])),
    errors,
    check,
    loadAvg: Math.round(os.loadavg()[0] * 10) / 10,
    events,
  };
}

function clientCaller(client: TeamClient): Caller {
  return async (method, req) => {
    try {
      return (await client.raw(method, req)).reply;
    } catch (e) {
      // No reply at all (the connection failed): counted apart from the server's own codes.
      return errorReply(`no reply: ${(e as Error).message}`, 'offline');
    }
  };
}

async function startServerChild(corpusDir: string, database: object, rendererDir: string): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', path.join(__dirname, 'teamServerChild.ts'), corpusDir, JSON.stringify(database), rendererDir], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise<never>((_, reject) => child.once('exit', (code) => reject(new Error(`the team server exited (${code}) before it listened`))));
  const line = new Promise<string>((resolve) => createInterface({ input: child.stdout! }).once('line', resolve));
  const { url } = JSON.parse(await Promise.race([line, exited])) as { url: string };
  return { url, child };
}

async function stopServerChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await gone;
}

async function signIn(client: TeamClient, name: string, password: string): Promise<void> {
  const r = await client.signIn(name, password);
  if (!r.ok) throw new Error(`${name} cannot sign in: ${r.error?.message}`);
}

const must = <T>(reply: Reply, what: string): T => {
  if (!reply.ok) throw new Error(`${what}: ${reply.error.code}: ${reply.error.message}`);
  return reply.value as T;
};

/** Every passage of every document, as the server cuts them (read through the owner's session, before the load). */
export async function passagesOf(call: Caller): Promise<Range[]> {
  const library = must<LibraryView>(await call('library', {}), 'library');
  const ranges: Range[] = [];
  for (const d of library.documents) {
    const doc = must<DocumentView>(await call('document', { id: d.id }), `document ${d.id}`);
    for (const p of doc.passages) if (p.end > p.start) ranges.push({ docId: d.id, start: p.start, end: p.end });
  }
  return ranges;
}

export async function seedCodebook(call: Caller): Promise<Tag[]> {
  for (const name of SEED_CODES) must(await call('createTag', { name }), `createTag ${name}`);
  return must<Tag[]>(await call('codebook', {}), 'codebook');
}

interface Shared {
  postgres: TestPostgres;
  corpusDir: string;
  rendererDir: string;
  passages?: Range[];
}

/** `coders` coders on a fresh database, a fresh team server process, for `seconds`. */
async function teamLoad(shared: Shared, label: string, coders: number, seconds: number): Promise<LoadRun> {
  const database = shared.postgres.config(await shared.postgres.createDatabase());
  const db: Db = openDb(database);
  const names = Array.from({ length: coders }, (_, i) => `coder${String(i + 1).padStart(2, '0')}`);
  await migrate(db);
  await Promise.all([
    createAccount(db, { name: 'owner', role: 'owner', password: 'owner password' }),
    ...names.map((name) => createAccount(db, { name, role: 'coder', password: `${name} password` })),
  ]);
  const { url, child } = await startServerChild(shared.corpusDir, database, shared.rendererDir);
  const listeners = new Map<string, Awaited<ReturnType<TeamClient['listen']>>>();
  try {
    const owner = new TeamClient(url);
    await signIn(owner, 'owner', 'owner password');
    const ownerCall = clientCaller(owner);
    shared.passages ??= await passagesOf(ownerCall);
    const codebook = await seedCodebook(ownerCall);
    const sims: SimulatedCoder[] = [];
    for (const [i, name] of names.entries()) {
      const client = new TeamClient(url);
      await signIn(client, name, `${name} password`);
      const stream = await client.listen();
      if (stream.status !== 200) throw new Error(`GET /team/events answered ${stream.status}`);
      listeners.set(name, stream);
      sims.push(new SimulatedCoder(name, clientCaller(client), shared.passages, codebook, i + 1));
    }
    const seqBefore = await lastChangeSeq(db);
    console.log(`${label}: ${coders} coder${coders > 1 ? 's' : ''} tagging for ${seconds} s…`);
    const t = performance.now();
    await Promise.all(sims.map((s) => s.run(t + seconds * 1000)));
    const ms = performance.now() - t;
    await new Promise((r) => setTimeout(r, DRAIN_MS));
    for (const l of listeners.values()) await l.close();
    const logged = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM changes WHERE seq > $1', [seqBefore])).rows[0].n);
    const heard = new Map([...listeners].map(([name, l]) => [name, l.events]));
    const { delays, misaligned } = eventDelays(sims, heard);
    const events: LoadRun['events'] = {
      expected: logged * listeners.size,
      received: [...heard.values()].reduce((n, h) => n + new Set(h.filter((e) => e.seq > seqBefore).map((e) => e.seq)).size, 0),
      delayMs: spread(delays),
      misaligned,
    };
    const check = checkAcknowledged(sims, await readAnnotations(db), await readCodebook(db));
    return summarise(label, sims, ms, check, events);
  } finally {
    for (const l of listeners.values()) await l.close();
    await stopServerChild(child);
    await db.end();
  }
}

/** The same workload from one coder on the single-user service and its file store, in this process (as the desktop app runs it). */
async function fileStoreLoad(shared: Shared, seconds: number): Promise<LoadRun> {
  const copy = copyShippedCorpus(shared.corpusDir);
  const service = await openService(copy.dir, { coder: 'solo' });
  try {
    const call = makeDispatch(service);
    const codebook = await seedCodebook(call);
    const sim = new SimulatedCoder('solo', call, shared.passages!, codebook, 1);
    console.log(`file store: 1 coder tagging for ${seconds} s…`);
    const t = performance.now();
    await sim.run(t + seconds * 1000);
    const ms = performance.now() - t;
    await service.close(); // idle: every write is on disk
    const stored = parseStore(readFileSync(path.join(copy.dir, '.lectern', STORE_FILE), 'utf8'));
    return summarise('file store, 1 coder (in-process)', [sim], ms, checkAcknowledged([sim], stored.annotations, stored.codebook));
  } finally {
    await service.close();
    copy.cleanup();
  }
}

export async function runTeamBench(seconds = DEFAULT_SECONDS): Promise<TeamBenchResult> {
  const postgres = await startPostgres();
  if (!postgres) throw new Error('PostgreSQL is not installed: the team bench needs it (apt-get install postgresql)');
  const work = tempDir('lectern-bench-team-');
  try {
    const shared: Shared = { postgres, corpusDir: path.join(work.dir, 'corpus'), rendererDir: path.join(work.dir, 'renderer') };
    writeCorpusFolder('sotu', shared.corpusDir);
    mkdirSync(shared.rendererDir); // the coders call the API only: no page to serve
    const serial = await teamLoad(shared, 'team server, 1 coder', 1, Math.min(SERIAL_SECONDS, seconds));
    const team = await teamLoad(shared, `team server, ${CODERS} coders`, CODERS, seconds);
    const file = await fileStoreLoad(shared, Math.min(SERIAL_SECONDS, seconds));
    const docs = new Set(shared.passages!.map((p) => p.docId)).size;
    return {
      date: new Date().toISOString(),
      corpus: 'sotu',
      documents: docs,
      passages: shared.passages!.length,
      postgres: postgres.binaries.version,
      runs: [team, serial, file],
    };
  } finally {
    postgres.stop();
    work.cleanup();
  }
}

const cell = (s: Spread | undefined) => (s ? `${s.p50} / ${s.p95} / ${s.p99}` : '—');

/** The runs side by side, as a Markdown table (printed, and in docs/PERFORMANCE.md). */
export function teamTable(r: TeamBenchResult): string[] {
  const methods = [...new Set(r.runs.flatMap((x) => Object.keys(x.latencyMs)))];
  const row = (label: string, f: (x: LoadRun) => string) => `| ${label} | ${r.runs.map(f).join(' | ')} |`;
  return [
    `| | ${r.runs.map((x) => x.label).join(' | ')} |`,
    `| --- | ${r.runs.map(() => '---:').join(' | ')} |`,
    row('seconds', (x) => `${x.seconds}`),
    row('machine load (1-min average) at the end', (x) => `${x.loadAvg}`),
    row('requests (writes)', (x) => `${x.requests} (${x.writes})`),
    row('requests / s', (x) => `${x.requestsPerS}`),
    row('writes / s', (x) => `${x.writesPerS}`),
    ...methods.map((m) => row(`${m} p50 / p95 / p99 ms`, (x) => cell(x.latencyMs[m]))),
    row(
      'errors',
      (x) =>
        Object.entries(x.errors)
          .map(([k, n]) => `${k} ×${n}`)
          .join(', ') || 'none',
    ),
    row('acknowledged annotations / lost', (x) => `${x.check.acknowledged} / ${lostOf(x.check)}`),
    row('stored but not acknowledged', (x) => `${x.check.unacknowledgedStored}`),
    row('change events received / expected', (x) => (x.events ? `${x.events.received} / ${x.events.expected}` : '—')),
    row('ack → other coder’s event p50 / p95 / p99 ms', (x) => cell(x.events?.delayMs ?? undefined)),
    row('(writer, stream) pairs left out of the delays', (x) => (x.events ? `${x.events.misaligned}` : '—')),
  ];
}

export function printTeamBench(r: TeamBenchResult): void {
  console.log(`\n## team server under load (${r.corpus}: ${r.documents} documents, ${r.passages} passages; ${r.postgres})`);
  for (const line of teamTable(r)) console.log(line);
  for (const x of r.runs) {
    const c = x.check;
    console.log(
      `${x.label}: acknowledged ${c.acknowledged}, lost ${c.lost}, wrong ${c.wrong}, undone but present ${c.undoneButPresent}, codes lost ${c.codesLost}`,
    );
  }
}
