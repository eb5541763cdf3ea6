/**
 * A real team server for tests: a real PostgreSQL (its own cluster unless one is given), a fresh
 * database, accounts made through the same code as `lectern team add-user`, and the team server on a temp
 * copy of a corpus. close() stops the server and the cluster it started, then removes the folders.
 */
import type { ClientConfig } from 'pg';
import type { MethodName, RequestOf, ResponseOf } from '../../app/common/contract';
import type { Reply } from '../../app/common/envelope';
import { TEAM_EVENTS_PATH, type TeamChangeEvent, type TeamRole } from '../../app/common/teamSession';
import { RENDERER_DIR } from '../../app/core/paths';
import { startTeamServer as start, type RunningTeamServer } from '../../app/server/team/teamServer';
import { createAccount, migrate, openDb, type Account } from '../../app/team';
import { startPostgres, type TestPostgres } from './postgres';
import { copyShippedCorpus } from './temp';

export interface TestTeamServerOptions {
  accounts: Array<{ name: string; role: TeamRole; password: string }>;
  /** The corpus folder to copy (default: the shipped corpus). */
  corpusSource?: string;
  /** The renderer to serve (default: the built one, dist/renderer). */
  rendererDir?: string;
  /** A cluster to use (a test file's); without one, the server starts its own and stops it at close. */
  postgres?: TestPostgres;
  /** An empty database of that cluster to use (a test's own, from postgresForTests' fresh()); else one is made. */
  database?: ClientConfig;
  /** HTTPS with these PEM files (test/fixtures/tls), or Secure cookies over HTTP (a TLS proxy in front). */
  tls?: { cert: string; key: string };
  secureCookies?: boolean;
}

export interface TestTeamServer {
  url: string;
  port: number;
  server: RunningTeamServer;
  database: ClientConfig;
  corpusDir: string;
  accounts: Record<string, Account>;
  close(): Promise<void>;
}

export async function startTeamServer(options: TestTeamServerOptions): Promise<TestTeamServer> {
  const own = options.postgres ? null : await startPostgres();
  const postgres = options.postgres ?? own;
  if (!postgres) throw new Error('PostgreSQL is not installed: the team server needs it (apt-get install postgresql)');
  const corpus = copyShippedCorpus(options.corpusSource);
  try {
    const database = options.database ?? postgres.config(await postgres.createDatabase());
    const db = openDb(database);
    const accounts: Record<string, Account> = {};
    try {
      await migrate(db);
      for (const a of await Promise.all(options.accounts.map((a) => createAccount(db, a)))) accounts[a.name] = a;
    } finally {
      await db.end();
    }
    const server = await start({
      corpusDir: corpus.dir,
      database,
      rendererDir: options.rendererDir ?? RENDERER_DIR,
      tls: options.tls,
      secureCookies: options.secureCookies,
    });
    return {
      url: server.url,
      port: server.port,
      server,
      database,
      corpusDir: corpus.dir,
      accounts,
      close: async () => {
        try {
          await server.close();
        } finally {
          own?.stop();
          corpus.cleanup();
        }
      },
    };
  } catch (e) {
    own?.stop();
    corpus.cleanup();
    throw e;
  }
}

/** One person's HTTP client of a team server, as a browser would be: its cookie, its CSRF token, its Origin. */
export class TeamClient {
  cookie = '';
  csrf = '';
  constructor(readonly url: string) {}

  private get origin(): string {
    return new URL(this.url).origin;
  }

  /** A raw request with this client's cookie and Origin (and CSRF header, unless `csrf: false`). */
  async request(pathname: string, init: { method?: string; body?: unknown; headers?: Record<string, string>; csrf?: boolean } = {}): Promise<Response> {
    const headers: Record<string, string> = { Origin: this.origin, ...(this.cookie ? { Cookie: this.cookie } : {}) };
    if (init.body !== undefined) headers['Content-Type'] = 'application/json';
    if (init.csrf !== false && this.csrf) headers['X-Lectern-CSRF'] = this.csrf;
    const res = await fetch(new URL(pathname, this.url), {
      method: init.method ?? (init.body === undefined ? 'GET' : 'POST'),
      headers: { ...headers, ...init.headers },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      redirect: 'manual',
    });
    const set = res.headers.get('set-cookie');
    if (set) {
      const [pair] = set.split(';');
      this.cookie = pair.endsWith('=') ? '' : pair;
    }
    return res;
  }

  /** Signs in; resolves with the reply envelope (ok or not). */
  async signIn(
    name: string,
    password: string,
  ): Promise<{ ok: boolean; value?: { name: string; role: string; csrf: string }; error?: { message: string; code: string } }> {
    const reply = await (await this.request('/team/signin', { body: { name, password } })).json();
    if (reply.ok) this.csrf = reply.value.csrf;
    return reply;
  }

  /** One contract call; resolves with the HTTP status and the envelope. */
  async call<M extends MethodName>(method: M, req: RequestOf<M>): Promise<{ status: number; reply: Reply<ResponseOf<M>> }> {
    return this.raw(method, req) as Promise<{ status: number; reply: Reply<ResponseOf<M>> }>;
  }

  /** Any request to /api/NAME (an unknown method, a hostile body). */
  async raw(method: string, body: unknown): Promise<{ status: number; reply: Reply<unknown> }> {
    const res = await this.request(`/api/${method}`, { body });
    return { status: res.status, reply: await res.json() };
  }

  /**
   * Listens to /team/events as a page's EventSource would; `lastEventId` as a reconnecting one sends. Each
   * `change` event is kept with the time it arrived (performance.now(), the clock the bench notes
   * acknowledgements on); close() stops listening and resolves once the reading has ended.
   */
  async listen(lastEventId?: number): Promise<{ events: HeardEvent[]; raw: string[]; close(): Promise<void>; status: number }> {
    const controller = new AbortController();
    const res = await fetch(new URL(TEAM_EVENTS_PATH, this.url), {
      headers: { Cookie: this.cookie, ...(lastEventId === undefined ? {} : { 'Last-Event-ID': String(lastEventId) }) },
      signal: controller.signal,
    });
    const events: HeardEvent[] = [];
    const raw: string[] = [];
    const reading =
      res.ok && res.body
        ? (async () => {
            const decoder = new TextDecoder();
            let buffer = '';
            for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
              const at = performance.now();
              buffer += decoder.decode(chunk, { stream: true });
              let end: number;
              while ((end = buffer.indexOf('\n\n')) >= 0) {
                const block = buffer.slice(0, end);
                buffer = buffer.slice(end + 2);
                raw.push(block);
                const lines = block.split('\n');
                const data = lines.find((l) => l.startsWith('data: '));
                // The retry line, pings and a reset are not changes.
                if (lines.includes('event: change') && data) events.push({ ...(JSON.parse(data.slice(6)) as TeamChangeEvent), at });
              }
            }
          })().catch(() => undefined) // aborted by close()
        : Promise.resolve();
    return {
      events,
      raw,
      status: res.status,
      close: () => {
        controller.abort();
        return reading;
      },
    };
  }
}

/** A change event as a listener heard it, with when it arrived. */
export type HeardEvent = TeamChangeEvent & { at: number };
