/**
 * Lectern's cache files: a one-line JSON header (format, version, checksum of the payload) and the
 * payload. A corrupt, truncated or foreign file is detected and reported, never trusted.
 */
import { createHash } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { writeFileAtomic } from '../atomicFile';

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

export async function writeCache(file: string, kind: string, version: number, key: string, value: unknown): Promise<void> {
  const payload = JSON.stringify(value);
  const header: CacheHeader = { format: 'lectern-cache', kind, version, key, sha256: createHash('sha256').update(payload).digest('hex'), bytes: Buffer.byteLength(payload) };
  await writeFileAtomic(file, `${JSON.stringify(header)}\n${payload}`);
}

export async function readCache<T>(file: string, kind: string, version: number, key: string | null): Promise<CacheRead<T>> {
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { status: 'missing' };
    return { status: 'invalid', reason: `cannot be read (${(e as NodeJS.ErrnoException).code})` };
  }
  const nl = text.indexOf('\n');
  let header: CacheHeader;
  try {
    header = JSON.parse(nl < 0 ? text : text.slice(0, nl));
  } catch {
    return { status: 'invalid', reason: 'is not a Lectern cache file (its header is not JSON)' };
  }
  if (header?.format !== 'lectern-cache' || header.kind !== kind) return { status: 'invalid', reason: 'is not a Lectern cache file of this kind' };
  if (header.version !== version) return { status: 'invalid', reason: `was written by another version of Lectern (cache version ${header.version}, expected ${version})` };
  if (key !== null && header.key !== key) return { status: 'stale' };
  const payload = nl < 0 ? '' : text.slice(nl + 1);
  if (Buffer.byteLength(payload) !== header.bytes) return { status: 'invalid', reason: 'is truncated' };
  if (createHash('sha256').update(payload).digest('hex') !== header.sha256) return { status: 'invalid', reason: 'is corrupt (checksum mismatch)' };
  try {
    return { status: 'ok', value: JSON.parse(payload) as T };
  } catch {
    return { status: 'invalid', reason: 'is corrupt (payload is not JSON)' };
  }
}
