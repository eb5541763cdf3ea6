/**
 * Crash-safe replacement of a file: write a temp file beside it, fsync it, rename it over the
 * target, fsync the directory. After a crash the target holds either the old or the new bytes,
 * never a mix, and once replaceFile resolves the new bytes survive a power cut.
 */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** The file operations the store needs; tests swap one out to simulate a full disk. */
export interface DurableIo {
  /** Creates `file` exclusively, writes `data` and fsyncs it. */
  writeSynced(file: string, data: string | Uint8Array): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  fsyncDir(dir: string): Promise<void>;
  unlink(file: string): Promise<void>;
}

export const nodeIo: DurableIo = {
  async writeSynced(file, data) {
    const fh = await fsp.open(file, 'wx', 0o644);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
  },
  rename: (from, to) => fsp.rename(from, to),
  async fsyncDir(dir) {
    // Windows cannot open a directory to flush it (its rename is already durable enough there).
    if (process.platform === 'win32') return;
    const fh = await fsp.open(dir, 'r');
    try {
      await fh.sync();
    } catch (e) {
      // Some file systems (certain network mounts) do not support flushing a directory at all.
      if ((e as NodeJS.ErrnoException).code !== 'EINVAL' && (e as NodeJS.ErrnoException).code !== 'ENOTSUP') throw e;
    } finally {
      await fh.close();
    }
  },
  unlink: (file) => fsp.unlink(file),
};

const TEMP_MARK = '.tmp-';

/** Temp files carry the writer's pid so leftovers of a killed process can be recognised. */
export function tempNameFor(target: string): string {
  return `${target}${TEMP_MARK}${process.pid}-${randomBytes(4).toString('hex')}`;
}

export async function replaceFile(target: string, data: string | Uint8Array, io: DurableIo = nodeIo): Promise<void> {
  const temp = tempNameFor(target);
  try {
    await io.writeSynced(temp, data);
    await io.rename(temp, target);
  } catch (e) {
    await io.unlink(temp).catch(() => undefined);
    throw e;
  }
  await io.fsyncDir(path.dirname(target));
}

/** Removes temp files left by writers that were killed mid-write (their pid is gone). */
export async function removeStaleTemps(target: string): Promise<void> {
  const prefix = path.basename(target) + TEMP_MARK;
  await removeStaleTempsIn(path.dirname(target), (name) => name.startsWith(prefix));
}

/** The writer's pid in a temp file's name: `<target>.tmp-<pid>-<random>`, or `<target>.<pid>.<ms>.tmp` (Lectern 0.1's caches). */
function writerPid(name: string): number | null {
  const m = /\.tmp-(\d+)-[0-9a-f]+$/.exec(name) ?? /\.(\d+)\.\d+\.tmp$/.exec(name);
  return m ? Number(m[1]) : null;
}

/** A temp file untouched this long is a leftover even if its pid is alive: pids are reused. */
const ABANDONED_MS = 24 * 3600_000;

/**
 * Removes the temp files in `dir` (those `only` accepts) of writers that are gone: their pid is
 * no running process, or the file was not written to for a day. A live writer's temp file stays,
 * whether it is this process's or another Lectern's on the same corpus writing right now.
 */
export async function removeStaleTempsIn(dir: string, only: (name: string) => boolean = () => true): Promise<void> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return;
  }
  for (const name of names) {
    const pid = writerPid(name);
    if (pid === null || !only(name) || pid === process.pid) continue;
    const file = path.join(dir, name);
    const abandoned = processAlive(pid)
      ? await fsp.stat(file).then(
          (st) => Date.now() - st.mtimeMs > ABANDONED_MS,
          () => false,
        )
      : true;
    if (abandoned) await fsp.unlink(file).catch(() => undefined);
  }
}

export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    // EPERM: it exists but belongs to someone else.
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}
