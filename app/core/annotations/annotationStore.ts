/**
 * The durable tag store at <corpus>/.lectern/annotations.json.
 *
 * Every change is a read-modify-write under a cross-process lock: the file is re-read, and if it is
 * not what this instance last saw (another Lectern wrote, or someone edited it by hand) the change
 * is applied on top of what is on disk, so no one's work is overwritten. The promise of `mutate`
 * resolves only after the new file is fsynced and renamed into place.
 *
 * A file that cannot be read (invalid JSON or shape) is copied to annotations.json.invalid-<time>
 * and then left exactly as it is: writes are refused with a message until the user fixes or moves
 * it. We chose refusing over starting afresh because a hand edit is usually one stray comma away
 * from valid, and starting afresh would hide the user's tags behind a new file. A file from a newer
 * Lectern is refused the same way but not copied (it is valid, just not ours to rewrite).
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { LecternError, type ErrorCode } from '../../common/errors';
import { realPathInCorpus } from '../corpusJail';
import { runAction, type Change } from './changes';
import { nodeIo, removeStaleTemps, replaceFile, type DurableIo } from './durableFile';
import { LockTimeoutError, withFileLock, type LockOptions } from './fileLock';
import { emptyStore, parseStore, serializeStore, StoreFormatError, type StoreData } from './storeFormat';

export const STORE_DIR = '.lectern';
export const STORE_FILE = 'annotations.json';

export interface StoreOptions {
  io?: Partial<DurableIo>;
  lock?: LockOptions;
}

export interface MutateResult<T> {
  result: T;
  changes: Change[];
}

/**
 * What Tagging needs of a store: the state as last read, a cheap catch-up with others' writes, and one
 * durable change at a time. The file store (below) is one; the team store in PostgreSQL (app/team) is another.
 */
export interface TagStore {
  /** The current state (read-only by convention: change it only through mutate). */
  readonly state: StoreData;
  /** Why the store cannot be written, or null when all is well. */
  readonly problem: string | null;
  /** Picks up what others wrote since the last read. */
  refresh(): Promise<void>;
  /** Runs `fn` on a copy of the latest state and writes the result durably (see AnnotationStore.mutate). */
  mutate<T>(fn: (draft: StoreData) => T): Promise<MutateResult<T>>;
}

export class AnnotationStore implements TagStore {
  readonly dir: string;
  readonly file: string;
  private readonly lockFile: string;
  private readonly io: DurableIo;
  private data: StoreData = emptyStore();
  /** The exact text of the file as last read or written (null: there was no file). */
  private seenText: string | null = null;
  private seenStat = '';
  private problemMessage: string | null = null;
  private problemCode: ErrorCode = 'store-unreadable';
  private loaded = false;
  /** Serialises this instance's own writes; the lock file serialises them with other processes. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly corpusDir: string,
    private readonly options: StoreOptions = {},
  ) {
    this.dir = path.join(corpusDir, STORE_DIR);
    this.file = path.join(this.dir, STORE_FILE);
    this.lockFile = path.join(this.dir, 'annotations.lock');
    this.io = { ...nodeIo, ...options.io };
  }

  /** The current state (read-only by convention: change it only through mutate). */
  get state(): StoreData {
    return this.data;
  }

  /** Why the store cannot be written (invalid or newer file), or null when all is well. */
  get problem(): string | null {
    return this.problemMessage;
  }

  /** Loads the file the first time, then picks up changes made by others since (a cheap stat). */
  async refresh(): Promise<void> {
    if (this.loaded && (await this.statKey()) === this.seenStat) return;
    await this.queued(async () => {
      await this.readDisk();
      this.loaded = true;
    });
  }

  /**
   * Runs `fn` on a copy of the latest state and writes the result durably. `fn` may throw a
   * LecternError to refuse the change; it may run on a newer state than the caller last saw.
   */
  mutate<T>(fn: (draft: StoreData) => T): Promise<MutateResult<T>> {
    return this.queued(() => this.mutateNow(fn));
  }

  private queued<T>(task: () => Promise<T>): Promise<T> {
    const run = this.queue.then(task, task);
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async mutateNow<T>(fn: (draft: StoreData) => T): Promise<MutateResult<T>> {
    await this.ensureDir();
    try {
      return await withFileLock(
        this.lockFile,
        async () => {
          await this.readDisk();
          this.loaded = true;
          if (this.problemMessage) throw new LecternError(this.problemMessage, this.problemCode);
          await this.refuseReadOnly();
          const { next, result, changes } = runAction(this.data, fn);
          if (changes.length === 0) return { result, changes };
          const text = serializeStore(next);
          await replaceFile(this.file, text, this.io);
          this.data = next;
          this.seenText = text;
          this.seenStat = await this.statKey();
          return { result, changes };
        },
        this.options.lock,
      );
    } catch (e) {
      throw this.explain(e);
    }
  }

  /**
   * A store file whose write permission was taken away (chmod 444, Windows' Read-only box) was made
   * so on purpose: it is left as it is, rather than replaced by a rename, which the folder would allow.
   */
  private async refuseReadOnly(): Promise<void> {
    const st = await fsp.stat(this.file).catch(() => null);
    if (st && (st.mode & 0o200) === 0) {
      throw new LecternError(
        `Tags were not saved: the tag store ${this.file} is read-only, and Lectern leaves it as it is. ` +
          'To tag again, make it writable (chmod u+w on macOS and Linux; untick Read-only in its Properties on Windows); your tags in it are intact.',
        'read-only',
      );
    }
  }

  /**
   * Why the store's folder or file may not be used: a link leads it out of the corpus (see
   * corpusJail.ts). Then it is neither read nor written, and every change is refused with this.
   */
  private async jailProblem(): Promise<LecternError | null> {
    try {
      await realPathInCorpus(this.corpusDir, this.file);
      return null;
    } catch (e) {
      if (e instanceof LecternError) return new LecternError(`Tags cannot be used here. ${e.message}`, e.code);
      // A corpus folder that does not exist is reported by the read or write that needs it.
      return null;
    }
  }

  private async ensureDir(): Promise<void> {
    const jail = await this.jailProblem();
    if (jail) throw jail;
    try {
      // A new .lectern folder must itself be durable before anything in it can be.
      if (await fsp.mkdir(this.dir, { recursive: true })) await this.io.fsyncDir(path.dirname(this.dir));
    } catch (e) {
      throw this.explain(e);
    }
  }

  /** Reads the file; adopts it when it differs from what we last saw. Runs under the lock for writes. */
  private async readDisk(): Promise<void> {
    const jail = await this.jailProblem();
    if (jail) {
      this.data = emptyStore();
      this.seenText = null;
      this.problemMessage = jail.message;
      this.problemCode = jail.code;
      return;
    }
    let text: string | null;
    const statKey = await this.statKey();
    try {
      text = await fsp.readFile(this.file, 'utf8');
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw this.explain(e);
      text = null;
    }
    this.seenStat = statKey;
    if (text === this.seenText && this.loaded) return;
    if (!this.loaded) {
      // Writers killed mid-write leave temp files of the store, and of the lock they were taking.
      await removeStaleTemps(this.file);
      await removeStaleTemps(this.lockFile);
    }
    if (text === null) {
      // The file was removed (or never existed): start from empty, keeping nothing from memory.
      this.data = emptyStore();
      this.seenText = null;
      this.problemMessage = null;
      return;
    }
    try {
      this.data = parseStore(text);
      this.seenText = text;
      this.problemMessage = null;
    } catch (e) {
      if (!(e instanceof StoreFormatError)) throw e;
      this.seenText = text;
      this.problemCode = 'store-unreadable';
      this.problemMessage = e.newer
        ? `The tag store ${this.file} cannot be used: ${e.message}. It has been left untouched.`
        : await this.reportInvalid(text, e.message);
    }
  }

  private async reportInvalid(text: string, reason: string): Promise<string> {
    let saved: string;
    try {
      saved = `A copy was saved as ${await this.backup(text)}.`;
    } catch (e) {
      saved = `Lectern could not save a copy (${(e as Error).message}).`;
    }
    return (
      `The tag store ${this.file} is not valid: ${reason}. ${saved} ` +
      'Lectern will not change it: fix the file (or move it away to start a new one), then try again.'
    );
  }

  /** Copies an unreadable file aside once per distinct content. */
  private async backup(text: string): Promise<string> {
    const prefix = `${STORE_FILE}.invalid-`;
    for (const name of await fsp.readdir(this.dir)) {
      if (!name.startsWith(prefix)) continue;
      const existing = await fsp.readFile(path.join(this.dir, name), 'utf8').catch(() => null);
      if (existing === text) return path.join(this.dir, name);
    }
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    const target = path.join(this.dir, prefix + stamp);
    await fsp.writeFile(target, text, { flag: 'wx' });
    return target;
  }

  private async statKey(): Promise<string> {
    try {
      const s = await fsp.stat(this.file);
      return `${s.ino}:${s.size}:${s.mtimeMs}`;
    } catch {
      return 'absent';
    }
  }

  /** Turns file-system failures into messages a user can act on; the old store is untouched. */
  private explain(e: unknown): unknown {
    if (e instanceof LecternError) return e;
    if (e instanceof LockTimeoutError) {
      return new LecternError(
        `Tags were not saved: ${e.message}. If no other Lectern is running on this corpus, delete ${e.lockFile} and try again.`,
        'store-locked',
      );
    }
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOSPC' || code === 'EDQUOT') {
      return new LecternError(
        `Tags were not saved: the disk is full (writing ${this.file}). Free some space and try again; your earlier tags are intact.`,
        'disk-full',
      );
    }
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS') {
      return new LecternError(
        `Tags were not saved: the corpus folder is read-only (cannot write ${this.dir}). Make it writable or copy the corpus somewhere writable; your earlier tags are intact.`,
        'read-only',
      );
    }
    return e;
  }
}
