/**
 * Lectern's cache files: a one-line JSON header (format, version, checksum of the payload) and the
 * payload, JSON or (given as bytes) binary. A corrupt, truncated or foreign file is detected and
 * reported, never trusted.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { writeFileAtomic, type AtomicWriteOptions } from '../atomicFile';

export interface CacheHeader {
  format: 'lectern-cache';
  kind: string;
  version: number;
  /** What the payload was computed from (e.g. the corpus's analysis keys); a mismatch means stale. */
  key: string;
  sha256: string;
  bytes: number;
}

export type CacheRead<T> = { status: 'ok'; value: T } | { status: 'missing' } | { status: 'stale' } | { status: 'invalid'; reason: string };

/** Writes a cache file; a Uint8Array value is the payload as it is, anything else is written as JSON. */
export async function writeCache(file: string, kind: string, version: number, key: string, value: unknown, options: AtomicWriteOptions = {}): Promise<void> {
  const payload = value instanceof Uint8Array ? value : Buffer.from(JSON.stringify(value));
  const header: CacheHeader = {
    format: 'lectern-cache',
    kind,
    version,
    key,
    sha256: createHash('sha256').update(payload).digest('hex'),
    bytes: payload.byteLength,
  };
  await writeFileAtomic(file, Buffer.concat([Buffer.from(`${JSON.stringify(header)}\n`), payload]), options);
}

/** The failures already logged, by file and reason: a full disk is said once, not at every save. */
const logged = new Set<string>();

/**
 * Writes a cache file of the corpus at corpusDir, or says once on the console why it could not
 * (a read-only corpus, a full disk, a link out of the corpus). A cache only saves time, so a failed
 * write loses nothing: the index is built again at the next start. The temp file is removed either way.
 */
export async function saveCache(
  corpusDir: string,
  file: string,
  kind: string,
  version: number,
  key: string,
  value: unknown,
  io?: AtomicWriteOptions['io'],
): Promise<boolean> {
  try {
    await writeCache(file, kind, version, key, value, { within: corpusDir, io });
    return true;
  } catch (e) {
    const reason = (e as NodeJS.ErrnoException).code ?? (e as Error).message;
    if (!logged.has(`${file}\0${reason}`)) {
      logged.add(`${file}\0${reason}`);
      console.warn(`Lectern could not write its cache file ${file} (${(e as Error).message}); the index will be built again at the next start.`);
    }
    return false;
  }
}

/**
 * The header is read first: a stale cache (another corpus state) is recognised without reading its
 * payload. The payload is parsed as JSON, or with `bytes` returned as it is (a Buffer).
 */
export async function readCache<T>(file: string, kind: string, version: number, key: string | null, bytes = false): Promise<CacheRead<T>> {
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(file, 'r');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'invalid', reason: `cannot be read (${(e as NodeJS.ErrnoException).code})` };
  }
  try {
    return await readOpenCache<T>(handle, kind, version, key, bytes);
  } catch (e) {
    return { status: 'invalid', reason: `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})` };
  } finally {
    await handle.close();
  }
}

const HEADER_MAX = 4096;

async function readOpenCache<T>(handle: fs.FileHandle, kind: string, version: number, key: string | null, bytes: boolean): Promise<CacheRead<T>> {
  const head = Buffer.alloc(HEADER_MAX);
  const { bytesRead } = await handle.read(head, 0, HEADER_MAX, 0);
  const nl = head.subarray(0, bytesRead).indexOf(10);
  let header: CacheHeader;
  try {
    header = JSON.parse(head.subarray(0, nl < 0 ? bytesRead : nl).toString('utf8'));
  } catch {
    return { status: 'invalid', reason: 'is not a Lectern cache file (its header is not JSON)' };
  }
  if (header?.format !== 'lectern-cache' || header.kind !== kind) return { status: 'invalid', reason: 'is not a Lectern cache file of this kind' };
  if (header.version !== version)
    return { status: 'invalid', reason: `was written by another version of Lectern (cache version ${header.version}, expected ${version})` };
  if (key !== null && header.key !== key) return { status: 'stale' };
  if (nl < 0 || !Number.isSafeInteger(header.bytes) || header.bytes < 0) return { status: 'invalid', reason: 'is truncated' };
  const { size } = await handle.stat();
  if (size - (nl + 1) < header.bytes) return { status: 'invalid', reason: 'is truncated' };
  if (size - (nl + 1) > header.bytes) return { status: 'invalid', reason: 'is corrupt (longer than its header says)' };
  const payload = Buffer.alloc(header.bytes);
  for (let at = 0; at < header.bytes;) {
    const { bytesRead: n } = await handle.read(payload, at, header.bytes - at, nl + 1 + at);
    if (n === 0) return { status: 'invalid', reason: 'is truncated' };
    at += n;
  }
  if (createHash('sha256').update(payload).digest('hex') !== header.sha256) return { status: 'invalid', reason: 'is corrupt (checksum mismatch)' };
  if (bytes) return { status: 'ok', value: payload as T };
  try {
    return { status: 'ok', value: JSON.parse(payload.toString('utf8')) as T };
  } catch {
    return { status: 'invalid', reason: 'is corrupt (payload is not JSON)' };
  }
}
