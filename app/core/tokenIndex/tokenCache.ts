/**
 * The token index on disk, beside the search index: <corpus>/.lectern/cache/tokens.bin, a cache file
 * (cacheFile.ts: header, checksum) whose payload is binary: the forms it uses, once, then each
 * document's typed arrays as they are in memory. Reading it copies arrays and maps the file's form
 * numbers to the process's vocabulary; no text is cut again. A document whose analysis key changed is
 * not taken from it (its tokens are made again), so one edited file costs one document.
 */
import path from 'node:path';
import { analysisKey } from '../indexing/analysis';
import { cacheDir } from '../indexing/indexCache';
import { readCache, saveCache } from '../indexing/cacheFile';
import type { LoadedDocument } from '../types';
import { adoptTokens, hasTokens, tokensOf, type DocumentTokens } from './documentTokens';
import { vocabulary } from './vocabulary';

const FILE = 'tokens.bin';
const KIND = 'tokens';
/** Bump when the token rule or the layout changes. */
export const TOKEN_CACHE_VERSION = 1;

interface Header {
  forms: string[];
  docs: { key: string; n: number; passages: number; checkpoints: number; far: number[] }[];
}

const align4 = (n: number) => (n + 3) & ~3;

/** The payload for documents whose tokens are made. */
export function encodeTokens(docs: LoadedDocument[]): Uint8Array {
  const local = new Map<number, number>();
  const forms: string[] = [];
  const header: Header = { forms, docs: [] };
  const parts: DocumentTokens[] = [];
  for (const d of docs) {
    if (!hasTokens(d)) continue;
    const t = tokensOf(d);
    for (const f of t.forms) {
      if (local.has(f)) continue;
      local.set(f, local.size);
      forms.push(vocabulary.form(f));
    }
    header.docs.push({
      key: analysisKey(d),
      n: t.forms.length,
      passages: t.passageFirst.length,
      checkpoints: t.checkpoints.length,
      far: [...t.farStarts].flat(),
    });
    parts.push(t);
  }
  const json = Buffer.from(JSON.stringify(header));
  let size = 4 + align4(json.byteLength);
  for (const t of parts) size += 4 * (t.forms.length + t.passageFirst.length + t.checkpoints.length) + align4(t.gaps.length);
  const out = new Uint8Array(size);
  const view = new DataView(out.buffer);
  view.setUint32(0, json.byteLength, true);
  out.set(json, 4);
  let at = 4 + align4(json.byteLength);
  const put32 = (a: Uint32Array) => {
    new Uint32Array(out.buffer, at, a.length).set(a);
    at += 4 * a.length;
  };
  for (const t of parts) {
    put32(Uint32Array.from(t.forms, (f) => local.get(f)!));
    put32(t.passageFirst);
    put32(t.checkpoints);
    out.set(t.gaps, at);
    at += align4(t.gaps.length);
  }
  return out;
}

/** Gives documents their tokens from a payload, where a document's analysis key matches; returns how many. */
export function decodeTokens(payload: Uint8Array, docs: LoadedDocument[]): number {
  // Every array is copied out below; the payload is copied first only if its place is not 4-aligned.
  const bytes = payload.byteOffset % 4 === 0 ? payload : new Uint8Array(payload);
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(0, true);
  const header = JSON.parse(Buffer.from(bytes.buffer, bytes.byteOffset + 4, length).toString('utf8')) as Header;
  const global = Uint32Array.from(header.forms, (f) => vocabulary.formId(f));
  const byKey = new Map(docs.map((d) => [analysisKey(d), d]));
  let at = 4 + align4(length);
  const take32 = (n: number) => {
    if (at + 4 * n > bytes.byteLength) throw new Error('the cache ends inside a document');
    const a = new Uint32Array(bytes.buffer, bytes.byteOffset + at, n);
    at += 4 * n;
    return a;
  };
  let adopted = 0;
  for (const h of header.docs) {
    const forms = take32(h.n);
    const passageFirst = take32(h.passages);
    const checkpoints = take32(h.checkpoints);
    const gaps = bytes.subarray(at, at + h.n);
    if (gaps.length !== h.n) throw new Error('the cache ends inside a document');
    at += align4(h.n);
    const doc = byKey.get(h.key);
    if (!doc || hasTokens(doc) || passageFirst.length !== doc.passages.length + 1 || checkpoints.length !== Math.ceil(h.n / 64)) continue;
    if (forms.some((f) => f >= global.length)) throw new Error('a form number outside the cache’s forms');
    const farStarts = new Map<number, number>();
    for (let i = 0; i < h.far.length; i += 2) farStarts.set(h.far[i], h.far[i + 1]);
    adoptTokens(doc, {
      forms: forms.map((f) => global[f]),
      gaps: gaps.slice(),
      checkpoints: checkpoints.slice(),
      farStarts,
      passageFirst: passageFirst.slice(),
    });
    adopted++;
  }
  return adopted;
}

/** Reads the corpus's token cache into its documents; a missing, stale or damaged file is only passed over (the tokens are made instead). */
export async function readTokenCache(corpusDir: string, docs: LoadedDocument[]): Promise<number> {
  const r = await readCache<Buffer>(path.join(cacheDir(corpusDir), FILE), KIND, TOKEN_CACHE_VERSION, null, true);
  if (r.status !== 'ok') return 0;
  try {
    return decodeTokens(r.value, docs);
  } catch {
    return 0; // a payload that passed its checksum but not its layout: made again, written again
  }
}

export async function writeTokenCache(corpusDir: string, docs: LoadedDocument[]): Promise<boolean> {
  return saveCache(corpusDir, path.join(cacheDir(corpusDir), FILE), KIND, TOKEN_CACHE_VERSION, '', encodeTokens(docs));
}
