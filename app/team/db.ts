/**
 * The team store's door to PostgreSQL (node-postgres): one pool, every write in a transaction, text
 * checked before it reaches SQL. Every statement in app/team is parameterised ($1, $2…): values never
 * become SQL text, so a name like `'; DROP TABLE accounts; --` is stored as the string it is.
 */
import pg from 'pg';
import { LecternError } from '../common/errors';

export type Db = pg.Pool;
/** A connection inside a transaction (or a pool, for single statements). */
export type Queryable = pg.Pool | pg.PoolClient;

export function openDb(config: string | pg.PoolConfig): Db {
  const pool = new pg.Pool(typeof config === 'string' ? { connectionString: config } : config);
  // An idle connection killed by the server (restart, pg_terminate_backend) must not crash the process: the pool drops it.
  pool.on('error', () => {});
  return pool;
}

/**
 * Runs `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. The caller's write is
 * acknowledged only once COMMIT returned, so a connection lost before then leaves nothing behind, and one
 * lost after leaves the whole write (PostgreSQL's atomic commit).
 */
export async function inTransaction<T>(db: Db, fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await db.connect();
  let broken: Error | undefined;
  // A connection cut between statements reports it as an 'error' event, which the pool listens for only on idle
  // connections: unheard, it would crash the process. Heard here, the next statement fails and the write with it.
  const onError = (e: Error) => {
    broken ??= e;
  };
  client.on('error', onError);
  try {
    await client.query('BEGIN');
    const result = await fn(client);
    await client.query('COMMIT');
    return result;
  } catch (e) {
    broken ??= e as Error;
    await client.query('ROLLBACK').catch(() => {}); // a dead connection has nothing to roll back: the server already did
    throw e;
  } finally {
    // A connection that failed is not handed back to the next caller: it may be the one that was cut.
    client.off('error', onError);
    client.release(broken && !(broken instanceof LecternError) ? broken : undefined);
  }
}

/** The longest text field the store takes (a note, a quote): a bound on what one request can write. */
export const MAX_TEXT = 100_000;

/**
 * A text field as it will be stored, or a LecternError naming the field. PostgreSQL's text cannot hold
 * NUL (U+0000): refused here with a message rather than by the server with an encoding error.
 */
export function checkText(field: string, value: unknown, { min = 0, max = MAX_TEXT } = {}): string {
  if (typeof value !== 'string') throw new LecternError(`${field} must be text`, 'bad-request');
  if (value.includes('\u0000')) throw new LecternError(`${field} contains a NUL character (U+0000), which cannot be stored: remove it`, 'bad-request');
  if (/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(value)) {
    throw new LecternError(`${field} contains half of a surrogate pair (broken Unicode): send whole characters`, 'bad-request');
  }
  if (value.length < min) throw new LecternError(`${field} must not be empty`, 'bad-request');
  if (value.length > max) throw new LecternError(`${field} is ${value.length} characters long; the limit is ${max}`, 'too-large');
  return value;
}

/** SQLSTATE classes of a lost or refused connection: 08 (connection exception), 57P (operator intervention), 53 (resources). */
const UNREACHABLE = /^(08|57P|53)/;

/**
 * A database failure as the user reads it. A refusal of ours (LecternError) passes through. A lost
 * connection says that the change was not acknowledged; anything else is a fault (logged by the dispatch).
 */
export function explainDbError(e: unknown, doing: string): unknown {
  if (e instanceof LecternError) return e;
  const code = (e as { code?: unknown }).code;
  const lost = typeof code === 'string' ? UNREACHABLE.test(code) || /^E(CONNREFUSED|CONNRESET|PIPE|NOTFOUND|TIMEDOUT)$/.test(code) : false;
  const message = e instanceof Error ? e.message : '';
  if (
    lost ||
    /Connection terminated|not queryable|connection (was )?(closed|lost)|terminating connection|timeout exceeded when trying to connect/i.test(message)
  ) {
    return new LecternError(
      `Lectern could not ${doing}: the connection to the team database was lost. Nothing unconfirmed was kept; try again (reload the page to see what was saved).`,
      'unavailable',
    );
  }
  return e;
}
