/** Real folders for tests: a temp copy of the shipped corpus, or a corpus made from given files. */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const REPO = path.resolve(__dirname, '..', '..');
export const SHIPPED_CORPUS = path.join(REPO, 'corpus');

export function tempDir(prefix = 'lectern-test-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  return { dir, cleanup: () => rmSync(dir, { recursive: true, force: true }) };
}

export function copyShippedCorpus(): { dir: string; cleanup: () => void } {
  const t = tempDir();
  const dir = path.join(t.dir, 'corpus');
  // Lectern's own data (tags, caches) of the developer's copy never leaks into a test.
  cpSync(SHIPPED_CORPUS, dir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.lectern`) });
  return { dir, cleanup: t.cleanup };
}

export function corpusOf(files: Record<string, string | Buffer>): { dir: string; cleanup: () => void } {
  const t = tempDir();
  for (const [rel, content] of Object.entries(files)) {
    const abs = path.join(t.dir, rel);
    mkdirSync(path.dirname(abs), { recursive: true });
    writeFileSync(abs, content);
  }
  return t;
}
