/**
 * Every committed change, announced. A write records its change in the `changes` table and calls
 * pg_notify inside its own transaction: PostgreSQL delivers a NOTIFY only when that transaction commits,
 * so listeners hear of exactly the acknowledged writes, in commit order. Sequence numbers follow commit order
 * too (see recordChange), so "every change after seq N" never skips one that committed late. The payload is the change's
 * sequence number, kind and id, never the data (a NOTIFY payload is limited to 8000 bytes, and a listener
 * reads what it is allowed to see through the store). `changesSince` lets a page that missed some
 * (a dropped connection, an SSE reconnect with Last-Event-ID) catch up.
 */
import pg from 'pg';
import type { Queryable } from './db';

export const CHANGES_CHANNEL = 'lectern_changes';

export type ChangeKind = 'annotation' | 'tag';
export type ChangeOp = 'put' | 'delete';

export interface Change {
  seq: number;
  kind: ChangeKind;
  op: ChangeOp;
  id: string;
  /** The account that made it. */
  by: number | null;
}

/** Any 64-bit number, the same for every Lectern: held from a change's numbering to its commit. */
const CHANGES_LOCK = 0x1ec7e6;

/**
 * Records and announces a change; call it inside the write's transaction, as its last statement. A sequence
 * is handed out when the row is inserted, not when the transaction commits: two writes could commit in the
 * other order, and a reader that has seen seq 8 would never ask for a 7 that committed after it. The advisory
 * lock, held until COMMIT, makes numbering and committing one step, so seq order is commit order. It
 * serialises only this tail of each write (an insert and a notify), not the writes themselves.
 */
export async function recordChange(client: pg.PoolClient, kind: ChangeKind, op: ChangeOp, id: string, by: number | null): Promise<Change> {
  await client.query('SELECT pg_advisory_xact_lock($1)', [CHANGES_LOCK]);
  const { rows } = await client.query<{ seq: string }>('INSERT INTO changes (kind, op, entity_id, account_id) VALUES ($1, $2, $3, $4) RETURNING seq', [
    kind,
    op,
    id,
    by,
  ]);
  const change: Change = { seq: Number(rows[0].seq), kind, op, id, by };
  await client.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, JSON.stringify(change)]);
  return change;
}

/** The sequence number of the last committed change (0 when there is none). */
export async function lastChangeSeq(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ seq: string }>('SELECT coalesce(max(seq), 0) AS seq FROM changes');
  return Number(rows[0].seq);
}

/** The changes committed after `seq`, oldest first (at most `limit`). */
export async function changesSince(db: Queryable, seq: number, limit = 1000): Promise<Change[]> {
  const { rows } = await db.query<{ seq: string; kind: ChangeKind; op: ChangeOp; entity_id: string; account_id: string | null }>(
    'SELECT seq, kind, op, entity_id, account_id FROM changes WHERE seq > $1 ORDER BY seq LIMIT $2',
    [seq, limit],
  );
  return rows.map((r) => ({ seq: Number(r.seq), kind: r.kind, op: r.op, id: r.entity_id, by: r.account_id === null ? null : Number(r.account_id) }));
}

function parseChange(payload: string | undefined): Change | null {
  try {
    const c = JSON.parse(payload ?? '') as Change;
    return typeof c.seq === 'number' && typeof c.id === 'string' ? c : null;
  } catch {
    return null;
  }
}

export interface ChangeListener {
  close(): Promise<void>;
}

/**
 * Listens for changes on a connection of its own (LISTEN holds its connection, so not one from the pool).
 * `onError` hears of a lost connection: the caller reconnects and catches up with changesSince.
 */
export async function listenForChanges(config: string | pg.ClientConfig, onChange: (c: Change) => void, onError?: (e: Error) => void): Promise<ChangeListener> {
  const client = new pg.Client(typeof config === 'string' ? { connectionString: config } : config);
  client.on('error', (e) => onError?.(e));
  client.on('notification', (n) => {
    if (n.channel !== CHANGES_CHANNEL) return;
    const change = parseChange(n.payload);
    if (change) onChange(change);
  });
  await client.connect();
  await client.query(`LISTEN ${CHANGES_CHANNEL}`); // a constant identifier: LISTEN takes no parameters
  return { close: () => client.end() };
}
