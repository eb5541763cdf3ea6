/**
 * A cross-process lock: a file created exclusively (link/O_EXCL) holding its owner's pid, host
 * and time.
 * It guards the store's read-modify-write so two Lecterns on one corpus take turns.
 */
import { promises as fsp } from 'node:fs';
import os from 'node:os';
import { randomBytes } from 'node:crypto';
import { processAlive, tempNameFor } from './durableFile';

export interface LockOptions {
  /** Give up waiting after this long (ms). */
  timeoutMs?: number;
  /** A lock older than this is stale even if its pid looks alive (pids get reused). Writes take ms. */
  staleMs?: number;
}

interface LockInfo {
  pid: number;
  host: string;
  time: number;
  token: string;
}

export class LockTimeoutError extends Error {
  constructor(
    readonly lockFile: string,
    readonly holder: string,
  ) {
    super(`the tag store is locked by ${holder}`);
    this.name = 'LockTimeoutError';
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function withFileLock<T>(lockFile: string, fn: () => Promise<T>, opts: LockOptions = {}): Promise<T> {
  const release = await acquire(lockFile, opts.timeoutMs ?? 10_000, opts.staleMs ?? 30_000);
  try {
    return await fn();
  } finally {
    await release();
  }
}

async function acquire(lockFile: string, timeoutMs: number, staleMs: number): Promise<() => Promise<void>> {
  const info: LockInfo = { pid: process.pid, host: os.hostname(), time: Date.now(), token: randomBytes(8).toString('hex') };
  const deadline = Date.now() + timeoutMs;
  let wait = 2;
  for (;;) {
    if (await tryCreate(lockFile, info)) {
      return async () => {
        // Only remove the lock if it is still ours (it may have been broken as stale meanwhile).
        const held = await readLock(lockFile);
        if (held?.token === info.token) await fsp.unlink(lockFile).catch(() => undefined);
      };
    }
    const held = await readLock(lockFile);
    if (await breakIfStale(lockFile, held, staleMs)) continue;
    if (Date.now() > deadline) {
      const who = held ? `process ${held.pid} on ${held.host} since ${new Date(held.time).toISOString()}` : 'another process';
      throw new LockTimeoutError(lockFile, who);
    }
    await sleep(wait + Math.random() * wait);
    wait = Math.min(wait * 2, 50);
  }
}

/**
 * Creates the lock with its content in one step: the content goes to a private file that is then
 * hard-linked to the lock name (link fails with EEXIST like O_EXCL), so no reader ever sees a
 * half-written lock. Falls back to O_EXCL where hard links are not supported.
 */
async function tryCreate(lockFile: string, info: LockInfo): Promise<boolean> {
  const own = tempNameFor(lockFile);
  await fsp.writeFile(own, JSON.stringify(info), { flag: 'wx' });
  try {
    await fsp.link(own, lockFile);
    return true;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EXDEV') throw e;
    try {
      await fsp.writeFile(lockFile, JSON.stringify(info), { flag: 'wx' });
      return true;
    } catch (e2) {
      if ((e2 as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw e2;
    }
  } finally {
    await fsp.unlink(own).catch(() => undefined);
  }
}

async function readLock(lockFile: string): Promise<LockInfo | null> {
  try {
    const parsed = JSON.parse(await fsp.readFile(lockFile, 'utf8')) as LockInfo;
    return typeof parsed?.pid === 'number' ? parsed : null;
  } catch {
    return null;
  }
}

/**
 * A lock is stale when its owner on this host is dead, or it is older than staleMs. A lock file
 * that cannot be read (its owner was killed between creating and writing it) is judged by mtime.
 */
async function breakIfStale(lockFile: string, held: LockInfo | null, staleMs: number): Promise<boolean> {
  let mtime: number;
  try {
    mtime = (await fsp.stat(lockFile)).mtimeMs;
  } catch {
    return true; // released meanwhile: try again at once
  }
  const dead = held !== null && held.host === os.hostname() && !processAlive(held.pid);
  const old = Date.now() - (held?.time ?? mtime) > staleMs;
  // A half-written lock younger than a second may belong to a live writer still filling it in.
  const unreadableAndOld = held === null && Date.now() - mtime > 1000;
  if (!dead && !old && !unreadableAndOld) return false;
  // Re-check just before unlinking so we do not remove a fresh lock someone took meanwhile.
  const again = await readLock(lockFile);
  if ((again?.token ?? null) !== (held?.token ?? null)) return true;
  await fsp.unlink(lockFile).catch(() => undefined);
  return true;
}
