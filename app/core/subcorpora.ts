/**
 * Saved subcorpora, kept with the corpus in `.lectern/subcorpora.json` (small, versioned, written
 * atomically inside the corpus jail): each a name and a metadata query. A file that cannot be read
 * is reported and leaves the corpus usable; it is never overwritten, so nothing in it is lost before
 * the user has looked at it.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LecternError } from '../common/errors';
import { checkSubcorpusName, sameSubcorpusName, SAVED_PREFIX, type SavedSubcorpora, type SavedSubcorpus, type SubcorpusView } from '../common/subcorpora';
import { writeFileAtomic, type AtomicWriteOptions } from './atomicFile';
import { LECTERN_DIR, lecternDir } from './corpusConfig';
import { realPathInCorpus } from './corpusJail';
import { documentsMatching, subcorpusDocuments } from './filters';
import type { LoadedDocument } from './types';

export const SUBCORPORA_FILE = 'subcorpora.json';
/** The file as named in messages and diagnostics (relative to the corpus folder). */
export const SUBCORPORA_PATH = `${LECTERN_DIR}/${SUBCORPORA_FILE}`;
const VERSION = 1;

const isTime = (v: unknown) => typeof v === 'string' && !Number.isNaN(Date.parse(v));

/** One entry as read, or null when it is not one (a hand edit gone wrong). */
function entryOf(v: unknown): SavedSubcorpus | null {
  const o = v as Record<string, unknown>;
  if (!o || typeof o !== 'object' || typeof o.name !== 'string' || typeof o.query !== 'string') return null;
  if (checkSubcorpusName(o.name).problem || !isTime(o.created) || !isTime(o.updated)) return null;
  return { name: o.name.trim(), query: o.query, created: o.created as string, updated: o.updated as string };
}

/** The saved subcorpora of a corpus; a missing file is none, a broken one is none with the problem said. */
export async function readSubcorpora(corpusDir: string): Promise<SavedSubcorpora & { entries: SavedSubcorpus[] }> {
  let text: string;
  try {
    text = await fs.readFile(await realPathInCorpus(corpusDir, path.join(lecternDir(corpusDir), SUBCORPORA_FILE), 'read'), 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return { entries: [], problem: null };
    return { entries: [], problem: unusable(`it cannot be read (${(e as Error).message})`) };
  }
  let data: unknown;
  try {
    // A file saved by Notepad starts with a byte order mark.
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    return { entries: [], problem: unusable(`it is not valid JSON (${(e as Error).message})`) };
  }
  const o = data as { version?: unknown; subcorpora?: unknown };
  if (!o || typeof o !== 'object' || !Array.isArray(o.subcorpora)) return { entries: [], problem: unusable('it has no "subcorpora" list') };
  if (typeof o.version === 'number' && o.version > VERSION)
    return { entries: [], problem: unusable(`it was written by a newer Lectern (version ${o.version}; this one reads version ${VERSION})`) };
  const entries: SavedSubcorpus[] = [];
  for (const [i, v] of o.subcorpora.entries()) {
    const entry = entryOf(v);
    if (!entry)
      return {
        entries: [],
        problem: unusable(`entry ${i + 1} is not a subcorpus (each needs a "name" of 1 to 60 characters, a "query", and "created" and "updated" times)`),
      };
    if (entries.some((e) => sameSubcorpusName(e.name, entry.name))) return { entries: [], problem: unusable(`the name "${entry.name}" is there twice`) };
    entries.push(entry);
  }
  return { entries, problem: null };
}

function unusable(why: string): string {
  return `${SUBCORPORA_PATH} cannot be used: ${why}. Fix or remove the file; until then no subcorpus can be saved or used by name.`;
}

/** Writes the entries; `io` swaps the file operations (tests simulate a full disk or a read-only folder). */
export async function writeSubcorpora(corpusDir: string, entries: SavedSubcorpus[], io?: AtomicWriteOptions['io']): Promise<void> {
  const data = { version: VERSION, description: 'Subcorpora saved in Lectern: each a name and a metadata query, used as @name.', subcorpora: entries };
  try {
    await writeFileAtomic(path.join(lecternDir(corpusDir), SUBCORPORA_FILE), JSON.stringify(data, null, 2) + '\n', { within: corpusDir, io });
  } catch (e) {
    const code = (e as NodeJS.ErrnoException)?.code;
    if (code === 'ENOSPC' || code === 'EDQUOT')
      throw new LecternError(`The subcorpus was not saved: the disk is full (writing ${SUBCORPORA_PATH}). Free some space and try again.`, 'disk-full');
    if (code === 'EACCES' || code === 'EPERM' || code === 'EROFS')
      throw new LecternError(
        `The subcorpus was not saved: ${SUBCORPORA_PATH} cannot be written (the corpus folder or the file is read-only). Make it writable and try again.`,
        'read-only',
      );
    throw e;
  }
}

/** A saved subcorpus with the documents its query finds now (by the documentsMatching the tools use, so the counts agree). */
export function subcorpusView(docs: LoadedDocument[], entry: SavedSubcorpus): SubcorpusView {
  try {
    return { ...entry, documents: subcorpusDocuments(docs, entry.query).length, problem: null };
  } catch (e) {
    if (!(e instanceof LecternError)) throw e;
    return { ...entry, documents: 0, problem: e.message };
  }
}

function nameOf(raw: string): string {
  const { name, problem } = checkSubcorpusName(raw);
  if (problem) throw new LecternError(problem, 'bad-request');
  return name;
}

function find(entries: SavedSubcorpus[], name: string): number {
  const i = entries.findIndex((e) => sameSubcorpusName(e.name, name));
  if (i < 0) {
    const names = entries.map((e) => `${SAVED_PREFIX}${e.name}`);
    throw new LecternError(
      `There is no saved subcorpus "${name.trim()}".${names.length ? ` The saved ones are ${names.join(', ')}.` : ' None is saved yet.'}`,
      'not-found',
    );
  }
  return i;
}

/**
 * Saves `query` as `name`, replacing the subcorpus of that name (any case) if there is one. The
 * query must be a metadata query that finds documents in the corpus: words, tags and unknown fields
 * are refused with the message the tools give.
 */
export function withSaved(
  entries: SavedSubcorpus[],
  docs: LoadedDocument[],
  rawName: string,
  rawQuery: string,
  now = new Date().toISOString(),
): { entries: SavedSubcorpus[]; saved: SavedSubcorpus; replaced: boolean } {
  const name = nameOf(rawName);
  const query = rawQuery.trim().replace(/\s+/g, ' ');
  if (query === '') throw new LecternError(`Give "${name}" a metadata query to save, e.g. year:1980..1989 party:Democratic.`, 'bad-request');
  if (query.startsWith(SAVED_PREFIX))
    throw new LecternError(`"${query}" is a saved subcorpus itself; save the metadata query it holds instead.`, 'bad-request');
  documentsMatching(docs, query);
  const i = entries.findIndex((e) => sameSubcorpusName(e.name, name));
  const saved = { name, query, created: i >= 0 ? entries[i].created : now, updated: now };
  const next = [...entries];
  if (i >= 0) next[i] = saved;
  else next.push(saved);
  return { entries: next, saved, replaced: i >= 0 };
}

/** Renames a saved subcorpus; the new name must not be another one's (a change of case alone is allowed). */
export function withRenamed(
  entries: SavedSubcorpus[],
  oldName: string,
  rawNewName: string,
  now = new Date().toISOString(),
): { entries: SavedSubcorpus[]; renamed: SavedSubcorpus } {
  const i = find(entries, oldName);
  const name = nameOf(rawNewName);
  const clash = entries.findIndex((e) => sameSubcorpusName(e.name, name));
  if (clash >= 0 && clash !== i)
    throw new LecternError(`A subcorpus is already saved as "${entries[clash].name}". Choose another name, or delete that one first.`, 'exists');
  const renamed = { ...entries[i], name, updated: now };
  const next = [...entries];
  next[i] = renamed;
  return { entries: next, renamed };
}

export function withDeleted(entries: SavedSubcorpus[], name: string): { entries: SavedSubcorpus[]; deleted: string } {
  const i = find(entries, name);
  return { entries: entries.filter((_, k) => k !== i), deleted: entries[i].name };
}
