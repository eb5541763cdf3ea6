/**
 * A real, throw-away PostgreSQL for tests: `initdb` into a temp folder, a server listening only on a
 * Unix socket inside that folder, stopped and removed after the tests.
 *
 * Why a Unix socket and no TCP (`listen_addresses=''`, `unix_socket_directories=<temp>`): two test
 * files (or two developers' runs) can each start a cluster at once without racing for a free port,
 * and nothing outside the machine, or another user's process, can reach a cluster that trusts every
 * local connection.
 *
 * PostgreSQL refuses to run as root. Under root (CI), initdb and the server run as an unprivileged
 * user (`postgres`, which Debian's package creates, else `nobody`) through `runuser`, and the temp
 * folder is made theirs; the tests, still root, connect through the socket (root passes the folder's
 * permissions). As a normal user everything runs as that user.
 *
 * A test that needs PostgreSQL fails when it cannot be found (CI must not pass by skipping), unless
 * LECTERN_SKIP_POSTGRES=1, a developer's explicit opt-out, which prints that it skipped.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg, { type ClientConfig } from 'pg';

export const SKIP_ENV = 'LECTERN_SKIP_POSTGRES';
const SUPERUSER = 'lectern';
const PORT = 5432; // only names the socket file (.s.PGSQL.5432) inside our own folder: no TCP port is opened

export interface PgBinaries {
  initdb: string;
  pgCtl: string;
  version: string;
}

export interface TestPostgres {
  /** Connection settings for a database (the cluster's `postgres` one by default). */
  config(database?: string): ClientConfig;
  /** Creates a fresh, empty database and returns its name. */
  createDatabase(): Promise<string>;
  /** The folder holding the cluster, its socket and its log. */
  dir: string;
  binaries: PgBinaries;
  /** The user the server runs as. */
  runsAs: string;
  stop(): void;
}

/** Where to look: the PATH and Debian's folder of versions (parameters for the helper's own test). */
export interface PgSearch {
  pathEnv?: string;
  debianRoot?: string;
}

/** initdb and pg_ctl on PATH, else the newest /usr/lib/postgresql/<version>/bin (Debian's layout, not on PATH). */
export function findPostgres({ pathEnv = process.env.PATH ?? '', debianRoot = '/usr/lib/postgresql' }: PgSearch = {}): PgBinaries | null {
  const onPath = pathEnv
    .split(path.delimiter)
    .filter(Boolean)
    .find((d) => existsSync(path.join(d, 'initdb')) && existsSync(path.join(d, 'pg_ctl')));
  const debian = debianRoot;
  const versions = existsSync(debian)
    ? readdirSync(debian)
        .filter((v) => /^\d+(\.\d+)?$/.test(v) && existsSync(path.join(debian, v, 'bin', 'initdb')))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const dir = onPath ?? (versions[0] ? path.join(debian, versions[0], 'bin') : null);
  if (!dir) return null;
  const initdb = path.join(dir, 'initdb');
  const version = execFileSync(initdb, ['--version'], { encoding: 'utf8' }).trim();
  return { initdb, pgCtl: path.join(dir, 'pg_ctl'), version };
}

/** The unprivileged account root runs PostgreSQL as, with its ids. */
function unprivilegedUser(): { name: string; uid: number; gid: number } {
  for (const name of ['postgres', 'nobody']) {
    const uid = spawnSync('id', ['-u', name], { encoding: 'utf8' });
    const gid = spawnSync('id', ['-g', name], { encoding: 'utf8' });
    if (uid.status === 0 && gid.status === 0) return { name, uid: Number(uid.stdout), gid: Number(gid.stdout) };
  }
  throw new Error(
    'running as root, and there is no "postgres" or "nobody" user to run PostgreSQL as (it refuses to run as root): create one or run the tests as a normal user',
  );
}

/**
 * Starts a cluster, or returns null when PostgreSQL is missing and LECTERN_SKIP_POSTGRES=1 (having said so).
 * Throws, saying how to install it, when it is missing otherwise.
 */
export async function startPostgres(search?: PgSearch, say: (line: string) => void = console.log): Promise<TestPostgres | null> {
  const binaries = findPostgres(search);
  if (!binaries) {
    if (process.env[SKIP_ENV] === '1') {
      say(`lectern: SKIPPED the PostgreSQL tests (${SKIP_ENV}=1 and PostgreSQL is not installed)`);
      return null;
    }
    throw new Error(
      `PostgreSQL is not installed: these tests need initdb and pg_ctl (on PATH or in /usr/lib/postgresql/<version>/bin). Install it (Debian/Ubuntu: apt-get install postgresql; .ci/run does this), or set ${SKIP_ENV}=1 to skip them`,
    );
  }
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-pg-'));
  const data = path.join(dir, 'data');
  const log = path.join(dir, 'server.log');
  const root = process.getuid?.() === 0;
  const user = root ? unprivilegedUser() : { name: os.userInfo().username, uid: os.userInfo().uid, gid: os.userInfo().gid };
  if (root) chownSync(dir, user.uid, user.gid); // initdb makes data/ inside it, and the server its socket
  const run = (cmd: string, args: string[]) => {
    const [file, argv] = root ? ['runuser', ['-u', user.name, '--', cmd, ...args]] : [cmd, args];
    const r = spawnSync(file, argv, { encoding: 'utf8', cwd: dir, env: { ...process.env, LC_ALL: 'C' } });
    if (r.status !== 0) {
      const serverLog = existsSync(log) ? readFileSync(log, 'utf8').slice(-2000) : '';
      throw new Error(`${path.basename(cmd)} failed (exit ${r.status ?? r.signal}): ${r.error?.message ?? ''}${r.stderr}${r.stdout}${serverLog}`);
    }
  };
  const stop = () => {
    if (existsSync(path.join(data, 'postmaster.pid'))) {
      try {
        run(binaries.pgCtl, ['-D', data, '-m', 'immediate', '-w', 'stop']);
      } catch {
        // Already gone: nothing to stop.
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    // --auth=trust: only our socket reaches it (see above). -N: no fsync of the new cluster, it lives for one test run.
    run(binaries.initdb, ['-D', data, '-U', SUPERUSER, '--auth=trust', '--encoding=UTF8', '--locale=C', '-N']);
    // fsync=off: durability against a power cut is PostgreSQL's own business, not these tests'; a killed *connection* is.
    const options = `-c listen_addresses='' -c unix_socket_directories='${dir}' -p ${PORT} -c fsync=off -c max_connections=60`;
    run(binaries.pgCtl, ['-D', data, '-l', log, '-w', '-t', '60', '-o', options, 'start']);
  } catch (e) {
    stop();
    throw e;
  }
  const config = (database = 'postgres'): ClientConfig => ({ host: dir, port: PORT, user: SUPERUSER, database });
  let databases = 0;
  return {
    dir,
    binaries,
    runsAs: user.name,
    config,
    async createDatabase() {
      const { Client } = await import('pg');
      const name = `test_${process.pid}_${++databases}`;
      const client = new Client(config());
      await client.connect();
      try {
        await client.query(`CREATE DATABASE ${name}`); // a name we made, digits and letters only
      } finally {
        await client.end();
      }
      return name;
    },
    stop,
  };
}

/**
 * For a node:test file: one cluster for the file, started before its tests and removed after. `fresh(t)`
 * gives a test its own empty database (its settings, for pools and listeners), or null when skipping.
 */
export function postgresForTests(hooks: { before(fn: () => Promise<void>): void; after(fn: () => void): void }) {
  let server: TestPostgres | null = null;
  hooks.before(async () => {
    server = await startPostgres();
  });
  hooks.after(() => server?.stop());
  return {
    async fresh(t: { skip(message: string): void }): Promise<ClientConfig | null> {
      if (!server) {
        t.skip(`${SKIP_ENV}=1: PostgreSQL is not installed`);
        return null;
      }
      return server.config(await server.createDatabase());
    },
    get server(): TestPostgres | null {
      return server;
    },
  };
}

/**
 * Terminates, one at a time and at random moments, the connections that `which` (a condition on
 * pg_stat_activity) picks while they are in the middle of a statement or a transaction: a connection lost
 * mid-write. stop() ends it and says how many it killed.
 */
export async function killConnections(
  config: ClientConfig,
  which: string,
  pauseMs: [number, number],
  t: { after(fn: () => Promise<void>): void },
): Promise<{ stop(): Promise<number> }> {
  const killer = new pg.Client(config);
  await killer.connect();
  t.after(() => killer.end());
  let killing = true;
  let kills = 0;
  const loop = (async () => {
    while (killing) {
      const { rowCount } = await killer.query(
        `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
          WHERE pid <> pg_backend_pid() AND state IN ('active', 'idle in transaction') AND (${which}) ORDER BY random() LIMIT 1`,
      );
      kills += rowCount ?? 0;
      await new Promise((r) => setTimeout(r, pauseMs[0] + Math.random() * (pauseMs[1] - pauseMs[0])));
    }
  })();
  return {
    async stop() {
      killing = false;
      await loop;
      return kills;
    },
  };
}
