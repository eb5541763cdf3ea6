/**
 * The team's tag store: the core's TagStore (what Tagging works on) over PostgreSQL, so that a team server
 * offers every tagging feature of the single-user app (one gesture one undo step, re-anchoring, exports,
 * imports, agreement, resolving disagreements) with the same code. One TeamStore per server process holds
 * the state in memory and catches up with the change log before each read; each account works through a
 * view of it (`as(writer)`) whose writes are checked against the account's role (permissions.ts).
 *
 * A write is one transaction: under a team-wide advisory lock it catches up (so it applies to the latest
 * state, as the file store's lock does), runs the action on a copy, writes the rows that changed and logs
 * them (NOTIFY at COMMIT). It is acknowledged only after COMMIT; a connection lost before leaves nothing.
 */
import type { MutateResult, TagStore } from '../core/annotations/annotationStore';
import { Tagging, type DocumentSource } from '../core/annotations/tagging';
import { runAction } from '../core/annotations/changes';
import { emptyStore, type StoreData, type StoredAnnotation, type StoredTag } from '../core/annotations/storeFormat';
import { codeCreators, readAnnotations, readCodebook, writeStoreChange } from './annotations';
import { changesSince, lastChangeSeq } from './changes';
import { explainDbError, inTransaction, type Db, type Queryable } from './db';
import { checkChange, type Writer } from './permissions';

/** Any 64-bit number, the same for every Lectern: serialises the team's writes across server processes. */
const STORE_LOCK = 0x1ec7e7;
/** More changes than this since the last read: reading everything again is cheaper than patching. */
const PATCH_LIMIT = 2000;

function patch<T extends { id: string }>(list: T[], ids: Set<string>, fresh: T[]): T[] {
  const byId = new Map(fresh.map((x) => [x.id, x]));
  const kept = list.filter((x) => !ids.has(x.id) || byId.has(x.id)).map((x) => byId.get(x.id) ?? x);
  const present = new Set(list.map((x) => x.id));
  return [...kept, ...fresh.filter((x) => !present.has(x.id))];
}

export class TeamStore {
  private data: StoreData = emptyStore();
  /** The last change (by seq) that `data` includes. */
  private seq = 0;
  private loaded = false;
  /** This process's writes, one at a time (the advisory lock orders them with other processes'). */
  private queue: Promise<unknown> = Promise.resolve();
  /** The catch-up reads are waiting for: one running, and at most one more for those who asked meanwhile. */
  private running: Promise<void> | null = null;
  private next: Promise<void> | null = null;

  constructor(private readonly db: Db) {}

  get state(): StoreData {
    return this.data;
  }

  /** The store as `writer` uses it: the shared state, and writes checked against the writer's rights. */
  as(writer: Writer): TagStore {
    return new WriterView(this, writer);
  }

  /**
   * Catches up with what other server processes committed (one small query when nothing was). Reads do
   * not wait for this process's writes, which update the state as they commit; they share catch-ups: a
   * caller joins the next one to start, so it sees every change committed before it asked.
   */
  refresh(): Promise<void> {
    const catchUp = () =>
      this.catchUp(this.db).catch((e) => {
        throw explainDbError(e, 'read the team’s annotations');
      });
    if (!this.running) {
      this.running = catchUp().finally(() => (this.running = null));
      return this.running;
    }
    this.next ??= this.running
      .catch(() => undefined)
      .then(() => {
        this.next = null;
        return this.refresh();
      });
    return this.next;
  }

  mutate<T>(writer: Writer, fn: (draft: StoreData) => T): Promise<MutateResult<T>> {
    return this.queued(async () => {
      let committed: { data: StoreData; seq: number } | null = null;
      const out = await inTransaction(this.db, async (client) => {
        await client.query('SELECT pg_advisory_xact_lock($1)', [STORE_LOCK]);
        // Up to the last change, exactly: under the lock nothing else commits, and a read's catch-up that
        // ran beside this one may have won with fewer rows, so go on until the log has nothing newer.
        do await this.catchUp(client);
        while ((await changesSince(client, this.seq, 1)).length > 0);
        const base = this.data;
        const { next, result, changes } = runAction(base, fn);
        if (changes.length === 0) return { result, changes };
        const changedCodes = changes.filter((c) => c.kind === 'tag' && c.before !== null).map((c) => c.id);
        const creators = writer !== 'server' && writer.role === 'coder' && changedCodes.length ? await codeCreators(client, changedCodes) : new Map();
        checkChange(writer, changes, base, creators);
        const logged = await writeStoreChange(client, changes, writer === 'server' ? null : writer);
        committed = { data: next, seq: logged[logged.length - 1].seq };
        return { result, changes };
      }).catch((e) => {
        throw explainDbError(e, 'save the change');
      });
      // Only after COMMIT: a write that failed leaves the state as the database has it.
      // Unless a read's catch-up, after COMMIT, already brought the state past it (this write included).
      const done = committed as { data: StoreData; seq: number } | null;
      if (done && done.seq > this.seq) ({ data: this.data, seq: this.seq } = done);
      return out;
    });
  }

  private queued<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Brings the state up to the change log. It may run beside another catch-up or a write of this process:
   * whichever moves the state on first wins, and the other's rows, possibly read before that, are dropped
   * (the state then holds at least what they would have brought).
   */
  private async catchUp(q: Queryable): Promise<void> {
    const from = this.seq;
    if (this.loaded) {
      const changes = await changesSince(q, from, PATCH_LIMIT);
      if (changes.length === 0) return;
      if (changes.length < PATCH_LIMIT) {
        // The rows as they are now, for every entity that changed: reading them again is idempotent, so a
        // change committed between the two queries is merely read early, and again when its turn comes.
        const tagIds = new Set(changes.filter((c) => c.kind === 'tag').map((c) => c.id));
        const annotationIds = new Set(changes.filter((c) => c.kind === 'annotation').map((c) => c.id));
        const [tags, annotations]: [StoredTag[], StoredAnnotation[]] = await Promise.all([
          tagIds.size ? readCodebook(q, [...tagIds]) : [],
          annotationIds.size ? readAnnotations(q, { ids: [...annotationIds] }) : [],
        ]);
        if (this.seq !== from) return;
        this.data = {
          ...this.data,
          revision: this.data.revision + 1,
          codebook: patch(this.data.codebook, tagIds, tags),
          annotations: patch(this.data.annotations, annotationIds, annotations),
        };
        this.seq = changes[changes.length - 1].seq;
        return;
      }
    }
    const all = await this.readAll();
    if (this.loaded && this.seq !== from) return;
    this.data = { ...emptyStore(), revision: this.data.revision + 1, codebook: all.codebook, annotations: all.annotations };
    this.seq = all.seq;
    this.loaded = true;
  }

  /** Everything, from one snapshot: the rows and the last change they include. */
  private async readAll(): Promise<{ seq: number; codebook: StoredTag[]; annotations: StoredAnnotation[] }> {
    return inTransaction(this.db, async (client) => {
      await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
      return { seq: await lastChangeSeq(client), codebook: await readCodebook(client), annotations: await readAnnotations(client) };
    });
  }
}

class WriterView implements TagStore {
  readonly problem = null;

  constructor(
    private readonly store: TeamStore,
    private readonly writer: Writer,
  ) {}

  get state(): StoreData {
    return this.store.state;
  }

  refresh(): Promise<void> {
    return this.store.refresh();
  }

  mutate<T>(fn: (draft: StoreData) => T): Promise<MutateResult<T>> {
    return this.store.mutate(this.writer, fn);
  }
}

/** The tagging of one writer over the team store: their coder name on every new annotation, their own undo history. */
export function teamTagging(store: TeamStore, corpusDir: string, docs: DocumentSource, writer: Writer): Tagging {
  return new Tagging(corpusDir, docs, { store: store.as(writer), coder: writer === 'server' ? '' : writer.name });
}
