/**
 * Finds and reads the corpus's text files. Every problem is a per-file diagnostic: one broken
 * file never stops the rest from loading.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { CORPUS_EXTENSIONS, MAX_DOCUMENT_BYTES } from '../common/formats';
import { corpusRoot, isInside } from './corpusJail';
import type { Diagnostic } from './types';

/** Folders never read as corpus: Lectern's own data, version control, dependencies. */
const SKIPPED_DIRS = new Set(['.lectern', '.git', 'node_modules']);

export interface CorpusFile {
  /** '/'-separated path relative to the corpus folder. */
  relPath: string;
  format: 'md' | 'txt';
  source: string;
  bytes: Buffer;
  /** See fileStamp. */
  stamp: string | null;
}

/** A file modified this recently is not trusted by its stamp: another write in the same clock tick would keep it. */
const RACY_MS = 2000;

/**
 * Size, modification time and inode: when a file's stamp is what it was, its bytes are too, and it
 * need not be read again (as git and make judge files). Null for a file modified in the last two
 * seconds, whose next change could keep the same time on a coarse clock; it is read again next time.
 */
export function fileStamp(st: { size: number; mtimeMs: number; ino: number }, now = Date.now()): string | null {
  return now - st.mtimeMs > RACY_MS ? `${st.size}:${st.mtimeMs}:${st.ino}` : null;
}

/** The stamp a corpus file has now (null if it cannot be read: the full read then says why). */
export async function currentStamp(dir: string, relPath: string): Promise<string | null> {
  try {
    return fileStamp(await fs.stat(path.join(dir, ...relPath.split('/'))));
  } catch {
    return null;
  }
}

export class CorpusFolderError extends Error {}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** A name as the file system holds it, or null when it is not valid UTF-8 (Node would silently mangle it). */
function nameOf(raw: Buffer): string | null {
  try {
    return utf8.decode(raw);
  } catch {
    return null;
  }
}

const outside = (rel: string, real: string): Diagnostic => ({
  file: rel,
  severity: 'warning',
  message: `is a link to ${real}, outside the corpus folder; it was skipped (Lectern reads only what is inside the corpus). Copy the file into the corpus instead.`,
});

/**
 * Lists corpus files under dir (recursively, following links once: a link loop is reported, not
 * followed). Links are followed only to targets inside the corpus folder (see corpusJail.ts).
 */
export async function listCorpusFiles(dir: string, diagnostics: Diagnostic[]): Promise<string[]> {
  let rootStat;
  try {
    rootStat = await fs.stat(dir);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new CorpusFolderError(
      code === 'ENOENT'
        ? `The corpus folder ${dir} does not exist. Create it, or choose a folder of .md and .txt files (--corpus DIR).`
        : `The corpus folder ${dir} cannot be read (${code}). Check its permissions, or choose another folder (--corpus DIR).`,
    );
  }
  if (!rootStat.isDirectory()) throw new CorpusFolderError(`${dir} is a file, not a folder. Choose the folder that holds the corpus's .md and .txt files.`);
  const root = await corpusRoot(dir);

  const found: string[] = [];
  const visited = new Set<string>();
  async function walk(abs: string, rel: string): Promise<void> {
    let real: string;
    try {
      real = await fs.realpath(abs);
    } catch (e) {
      diagnostics.push({ file: rel, severity: 'error', message: `cannot be resolved (${(e as NodeJS.ErrnoException).code}): a broken link? It was skipped.` });
      return;
    }
    if (!isInside(root, real)) {
      diagnostics.push(outside(rel, real));
      return;
    }
    if (visited.has(real)) {
      if (rel) diagnostics.push({ file: rel, severity: 'warning', message: 'is a link back to a folder already read (a link loop); it was skipped.' });
      return;
    }
    visited.add(real);
    let entries;
    try {
      // Names as bytes: a name that is not UTF-8 is reported as such, not mangled into one that does not exist.
      entries = await fs.readdir(abs, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      if (!rel) throw new CorpusFolderError(`The corpus folder ${dir} cannot be read (${(e as NodeJS.ErrnoException).code}). Check its permissions.`);
      diagnostics.push({ file: rel, severity: 'error', message: `folder cannot be read (${(e as NodeJS.ErrnoException).code}); its files were skipped.` });
      return;
    }
    const named: { entry: (typeof entries)[number]; name: string }[] = [];
    for (const entry of entries) {
      const name = nameOf(entry.name);
      if (name !== null) {
        named.push({ entry, name });
        continue;
      }
      const shown = entry.name.toString('utf8');
      if (entry.isDirectory() || CORPUS_EXTENSIONS.includes(path.extname(shown).toLowerCase()) || entry.isSymbolicLink()) {
        diagnostics.push({
          file: rel ? `${rel}/${shown}` : shown,
          severity: 'error',
          message: `has a name that is not valid UTF-8 text (it was probably made on a system with another encoding), so it was skipped. Rename it.`,
        });
      }
    }
    named.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const { entry, name } of named) {
      const childAbs = path.join(abs, name);
      const childRel = rel ? `${rel}/${name}` : name;
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        let target: string;
        try {
          target = await fs.realpath(childAbs);
          const st = await fs.stat(target);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch {
          diagnostics.push({ file: childRel, severity: 'warning', message: 'is a broken link; it was skipped.' });
          continue;
        }
        if (!isInside(root, target)) {
          if (isDir || CORPUS_EXTENSIONS.includes(path.extname(name).toLowerCase())) diagnostics.push(outside(childRel, target));
          continue;
        }
      }
      if (isDir) {
        if (!SKIPPED_DIRS.has(name)) await walk(childAbs, childRel);
      } else if (isFile && CORPUS_EXTENSIONS.includes(path.extname(name).toLowerCase())) {
        found.push(childRel);
      }
    }
  }
  await walk(dir, '');
  return found;
}

/** Decodes a file's bytes: UTF-8 (BOM or not) or UTF-16 with a BOM; anything else is an error message. */
export function decodeText(bytes: Buffer): { text: string } | { error: string } {
  if (bytes.length === 0) return { error: 'is empty; add text to it or remove it from the corpus.' };
  let text: string;
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xfe) text = new TextDecoder('utf-16le', { fatal: true }).decode(bytes.subarray(2));
    else if (bytes[0] === 0xfe && bytes[1] === 0xff) text = new TextDecoder('utf-16be', { fatal: true }).decode(bytes.subarray(2));
    else {
      if (bytes.includes(0)) return { error: 'looks like a binary file (it contains NUL bytes), not text; it was skipped.' };
      text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
    }
  } catch {
    return { error: 'is not valid UTF-8 text (perhaps Latin-1 or Windows-1252); re-save it as UTF-8 and it will load.' };
  }
  if (text.includes('\u0000')) return { error: 'contains NUL characters, so it is not a text file; it was skipped.' };
  if (text.trim() === '') return { error: 'holds only white space; add text to it or remove it from the corpus.' };
  return { text: text.replace(/\r\n?/g, '\n') };
}

/**
 * Reads one listed file. The file is opened first and then checked to be the file at a real path
 * inside the corpus (same device and inode): a link swapped to point outside between the listing
 * and the read is refused, not read.
 */
export async function readCorpusFile(dir: string, relPath: string): Promise<CorpusFile | Diagnostic> {
  const abs = path.join(dir, ...relPath.split('/'));
  let handle: fs.FileHandle | undefined;
  try {
    handle = await fs.open(abs, 'r');
    const st = await handle.stat();
    const real = await fs.realpath(abs);
    const atReal = await fs.stat(real);
    if (!isInside(await corpusRoot(dir), real)) return outside(relPath, real);
    if (atReal.ino !== st.ino || atReal.dev !== st.dev)
      return { file: relPath, severity: 'error', message: 'changed while the corpus was being read; it was skipped (reload to read it again).' };
    if (!st.isFile()) return { file: relPath, severity: 'error', message: 'is not a regular file any more; it was skipped.' };
    if (st.size > MAX_DOCUMENT_BYTES) {
      return {
        file: relPath,
        severity: 'error',
        message: `is ${(st.size / 1048576).toFixed(1)} MB, over the ${MAX_DOCUMENT_BYTES / 1048576} MB limit for one document; split it into smaller files.`,
      };
    }
    const bytes = await handle.readFile();
    const decoded = decodeText(bytes);
    if ('error' in decoded) return { file: relPath, severity: 'error', message: decoded.error };
    const format = path.extname(relPath).toLowerCase() === '.txt' ? 'txt' : 'md';
    return { relPath, format, source: decoded.text, bytes, stamp: fileStamp(st) };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    const why =
      code === 'ENOENT'
        ? 'disappeared while the corpus was being read'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be read (permission denied); check its permissions'
          : `cannot be read (${code ?? (e as Error).message})`;
    return { file: relPath, severity: 'error', message: `${why}; it was skipped.` };
  } finally {
    await handle?.close();
  }
}
