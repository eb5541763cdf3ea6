/**
 * Real folders for tests, each removed after use: a bare temp folder, a temp copy of a corpus, or a
 * corpus made from given files. `with…` run a function on one and remove it, pass or fail.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { SHIPPED_CORPUS } from './repo';

export interface TempDir {
  dir: string;
  /** Removes the folder (for a corpus copy, the temp folder around it). */
  cleanup(): void;
}

export function tempDir(prefix = 'lectern-test-'): TempDir {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

/** A temp folder removed when the test `t` (node:test's TestContext) is done. */
export function tempDirFor(t: { after(fn: () => void): void }, prefix?: string): string {
  const temp = tempDir(prefix);
  t.after(temp.cleanup);
  return temp.dir;
}

/** A copy of a corpus folder (the shipped one by default), without its `.lectern` data, as `<temp>/corpus`. */
export function copyShippedCorpus(source = SHIPPED_CORPUS): TempDir {
  const t = tempDir();
  const dir = path.join(t.dir, 'corpus');
  // Lectern's own data (tags, caches) of the developer's copy never leaks into a test.
  cpSync(source, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.lectern`) });
  return { dir, cleanup: t.cleanup };
}

/** A corpus folder holding the given files (paths relative to it). */
export function corpusOf(files: Record<string, string | Buffer>): TempDir {
  const t = tempDir();
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(t.dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return t;
}

/** Runs `fn` on the folder, then removes it, pass or fail. */
export async function withTemp<T>(temp: TempDir, fn: (dir: string) => T | Promise<T>): Promise<T> {
  try {
    return await fn(temp.dir);
  } finally {
    temp.cleanup();
  }
}

export const withTempDir = <T>(fn: (dir: string) => T | Promise<T>, prefix?: string): Promise<T> => withTemp(tempDir(prefix), fn);
export const withCorpus = <T>(files: Record<string, string | Buffer>, fn: (dir: string) => T | Promise<T>): Promise<T> => withTemp(corpusOf(files), fn);
export const withShippedCorpus = <T>(fn: (dir: string) => T | Promise<T>): Promise<T> => withTemp(copyShippedCorpus(), fn);
