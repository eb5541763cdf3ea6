/** Hand-built documents and temp corpora for the annotation tests (no mocks: real files). */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import type { DocumentMeta, LoadedDocument } from '../../../app/core/types';
import type { DocumentSource } from '../../../app/core/annotations/tagging';

export const repoRoot = path.resolve(__dirname, '../../..');

/** A document whose passages are its blank-line-separated paragraphs, with offsets. */
export function makeDoc(id: string, text: string, meta: Partial<DocumentMeta> = {}): LoadedDocument {
  const passages: LoadedDocument['passages'] = [];
  const re = /[^\n]+(?:\n(?!\n)[^\n]*)*/g;
  for (const m of text.matchAll(re)) {
    passages.push({ id: `${id}-${passages.length}`, index: passages.length, start: m.index!, end: m.index! + m[0].length, text: m[0], html: `<p>${m[0]}</p>` });
  }
  return {
    meta: { id, title: `Title of ${id}`, speakers: ['Jeremy Hunt'], date: '2019-03-07', event: '', place: '', outlet: 'Defence Online', kind: 'speech', language: 'en', author: '', source: '', path: `${id}.md`, ...meta },
    text,
    passages,
    removed: [],
    wordCount: text.split(/\s+/).filter(Boolean).length,
    contentHash: createHash('sha256').update(text).digest('hex'),
    configKey: '',
  };
}

/** A documents source whose texts can be changed, as a corpus reload would. */
export class Docs implements DocumentSource {
  private byId = new Map<string, LoadedDocument>();
  constructor(docs: LoadedDocument[]) {
    for (const d of docs) this.byId.set(d.meta.id, d);
  }
  documents(): LoadedDocument[] {
    return [...this.byId.values()];
  }
  get(id: string): LoadedDocument | undefined {
    return this.byId.get(id);
  }
  setText(id: string, text: string): void {
    const old = this.byId.get(id)!;
    this.byId.set(id, makeDoc(id, text, old.meta));
  }
  remove(id: string): void {
    this.byId.delete(id);
  }
}

export function tempDir(label = 'lectern-tags-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), label));
}

export const HUNT = [
  'Foreign Secretary outlines cybercrime deterrence',
  'Jeremy Hunt outlined the UK’s policy on cybercrime deterrence in a speech at Glasgow University.',
  'He said: “Last October, Britain helped secure a decision by EU leaders to create a new sanctions regime for this express purpose. After Brexit, the UK will be able to impose cyber-related sanctions on a national basis.”',
  '“Finally, Britain now has a National Offensive Cyber Programme, delivered by a Joint Mission between GCHQ and the Ministry of Defence.”',
  'He outlined four principles in tackling cybercrime: “First, we will always seek to discover which state or other actor was behind any malign cyber activity.”',
].join('\n\n');

export const RAAB = [
  'Raab calls for international coalition',
  'Dominic Raab said that cyber attacks by hostile states are a threat to democracy. He called for an international coalition against cybercrime.',
  'The UK will invest £22 million in cyber capacity building in Africa and the Indo-Pacific.',
].join('\n\n');

export function seedDocs(): Docs {
  return new Docs([
    makeDoc('2019-03-07-hunt', HUNT),
    makeDoc('2021-05-12-raab', RAAB, { speakers: ['Dominic Raab'], date: '2021-05-12', outlet: 'The Independent', title: 'Raab: coalition' }),
  ]);
}

/** [start, end) of the first occurrence of `quote` in `text` (fails loudly when absent). */
export function rangeOf(text: string, quote: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(quote, from);
  if (start < 0) throw new Error(`fixture: “${quote}” not in text`);
  return { start, end: start + quote.length };
}
