/**
 * Live changes for the team's pages: one LISTEN connection per server (app/team/changes.ts) fanned out
 * as Server-Sent Events. A page that reconnects sends Last-Event-ID (the browser does, by itself) and is
 * sent what it missed from the change log; so is every page when the LISTEN connection itself was lost.
 * Events carry what changed and who changed it, never the data: the page reads that through the contract.
 */
import type http from 'node:http';
import type pg from 'pg';
import type { TeamChangeEvent } from '../../common/teamSession';
import { changesSince, lastChangeSeq, listenForChanges, type Change, type ChangeListener, type Db } from '../../team';

/** A comment line now and then keeps proxies and the browser from closing an idle stream. */
const PING_MS = 25_000;
/** More missed than this: the page is told to read everything again rather than sent each one. */
const REPLAY_LIMIT = 1000;
/** Streams one session may hold open (a tab each): a bound on what one account can make the server keep. */
export const MAX_STREAMS_PER_SESSION = 16;
/** Events waiting to be read by one page before its stream is ended instead. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

interface Subscriber {
  res: http.ServerResponse;
  session: string;
  /** Events heard while this page's missed ones are being read back: sent after them, in order. */
  pending: TeamChangeEvent[] | null;
  /** Still allowed to listen (the session may have ended). */
  stillValid(): Promise<boolean>;
}

export class ChangeEvents {
  private readonly subscribers = new Set<Subscriber>();
  private listener: ChangeListener | null = null;
  private lastSeq = 0;
  private names = new Map<number, string>();
  private closed = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly pinger: NodeJS.Timeout;
  /** Broadcasts one after another: a NOTIFY heard while the last one is being sent waits, so pages get commit order. */
  private sending: Promise<void> = Promise.resolve();

  private constructor(
    private readonly db: Db,
    private readonly config: string | pg.ClientConfig,
  ) {
    this.pinger = setInterval(() => void this.ping(), PING_MS);
    this.pinger.unref();
  }

  static async start(db: Db, config: string | pg.ClientConfig): Promise<ChangeEvents> {
    const events = new ChangeEvents(db, config);
    events.lastSeq = await lastChangeSeq(db);
    await events.listen();
    return events;
  }

  /**
   * Listens, then sends what committed while no one listened (the first start excepted: lastSeq was read
   * just before). The catch-up takes its place in the sending queue before the listener exists, so a
   * NOTIFY heard meanwhile is sent after it: in seq order, none dropped as seen.
   */
  private async listen(): Promise<void> {
    const catchUp = (async () => {
      this.listener = await listenForChanges(
        this.config,
        (c) => this.broadcast([c]),
        () => this.reconnectSoon(),
      );
      for (let page = 0; ; page++) {
        const missed = await changesSince(this.db, this.lastSeq, REPLAY_LIMIT);
        if (page === 10 && missed.length) {
          // Very far behind: pages are told to read everything again rather than sent each change.
          this.lastSeq = await lastChangeSeq(this.db);
          for (const s of this.subscribers) if (!s.res.writableEnded) s.res.write('event: reset\ndata: {}\n\n');
          return;
        }
        await this.send(missed);
        if (missed.length < REPLAY_LIMIT) return;
      }
    })();
    this.sending = this.sending.then(() => catchUp).catch(() => this.reconnectSoon());
    await catchUp.catch(() => undefined);
  }

  private reconnectSoon(): void {
    if (this.closed || this.retryTimer) return;
    void this.listener?.close().catch(() => {});
    this.listener = null;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.listen();
    }, 1000);
  }

  /** Who made a change, for the event; unknown (null) when the database cannot say right now: the event goes out regardless. */
  private async nameOf(id: number | null): Promise<string | null> {
    if (id === null) return null;
    if (!this.names.has(id)) {
      try {
        const { rows } = await this.db.query<{ name: string }>('SELECT name FROM accounts WHERE id = $1', [id]);
        this.names.set(id, rows[0]?.name ?? '');
      } catch {
        return null;
      }
    }
    return this.names.get(id) || null;
  }

  private async toEvent(c: Change): Promise<TeamChangeEvent> {
    return { seq: c.seq, kind: c.kind, op: c.op, by: await this.nameOf(c.by) };
  }

  private static write(res: http.ServerResponse, e: TeamChangeEvent): void {
    // A page that does not read its stream is not buffered for without end: it is ended, and its
    // EventSource reconnects with Last-Event-ID and is sent what it missed.
    if (res.writableLength > MAX_BUFFERED_BYTES) res.end();
    else if (!res.writableEnded) res.write(`id: ${e.seq}\nevent: change\ndata: ${JSON.stringify(e)}\n\n`);
  }

  private broadcast(changes: Change[]): void {
    this.sending = this.sending.then(() => this.send(changes)).catch((e) => console.error('lectern: sending live changes failed:', e));
  }

  private async send(changes: Change[]): Promise<void> {
    for (const c of changes) {
      if (c.seq <= this.lastSeq) continue; // heard twice (a replay after a reconnect overlapping a NOTIFY)
      this.lastSeq = c.seq;
      const event = await this.toEvent(c);
      for (const s of this.subscribers) {
        if (s.pending) s.pending.push(event);
        else ChangeEvents.write(s.res, event);
      }
    }
  }

  private async ping(): Promise<void> {
    for (const s of [...this.subscribers]) {
      if (s.res.writableEnded) this.subscribers.delete(s);
      else if (await s.stillValid()) s.res.write(': ping\n\n');
      else {
        this.subscribers.delete(s);
        s.res.end();
      }
    }
  }

  /**
   * Streams changes to one page, from after `lastEventId` when it reconnects. `session` identifies whose
   * stream it is (for the bound on streams per session); false when that bound is reached (nothing sent).
   */
  async subscribe(
    req: http.IncomingMessage,
    res: http.ServerResponse,
    headers: Record<string, string>,
    session: string,
    stillValid: () => Promise<boolean>,
  ): Promise<boolean> {
    if ([...this.subscribers].filter((s) => s.session === session).length >= MAX_STREAMS_PER_SESSION) return false;
    res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-store', Connection: 'keep-alive' });
    res.write('retry: 2000\n\n');
    const sub: Subscriber = { res, session, stillValid, pending: [] };
    this.subscribers.add(sub);
    req.on('close', () => this.subscribers.delete(sub));
    res.on('error', () => this.subscribers.delete(sub)); // a connection reset: the stream is gone, nothing to crash over
    const last = Number(req.headers['last-event-id']);
    try {
      if (Number.isSafeInteger(last) && last >= 0 && last < this.lastSeq) {
        const missed = await changesSince(this.db, last, REPLAY_LIMIT);
        if (missed.length === REPLAY_LIMIT) res.write(`event: reset\ndata: {}\n\n`);
        else {
          const heard = new Set(sub.pending!.map((e) => e.seq));
          for (const c of missed) if (!heard.has(c.seq) && c.seq <= this.lastSeq) ChangeEvents.write(res, await this.toEvent(c));
        }
      }
    } catch {
      // The database could not say what was missed: end the stream; the page's EventSource reconnects and asks again.
      this.subscribers.delete(sub);
      res.end();
      return true;
    }
    for (const e of sub.pending!) ChangeEvents.write(res, e);
    sub.pending = null;
    return true;
  }

  async close(): Promise<void> {
    this.closed = true;
    clearInterval(this.pinger);
    if (this.retryTimer) clearTimeout(this.retryTimer);
    for (const s of this.subscribers) s.res.end();
    this.subscribers.clear();
    await this.listener?.close().catch(() => {});
  }
}
