/**
 * A corpus of `count` documents written from the sentences of the shipped and gold corpora, each
 * document a different selection: a realistic vocabulary at the size a finding names (35 documents).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO, SHIPPED_CORPUS } from './repo';
import { corpusOf, type TempDir } from './temp';

const SOURCES = [SHIPPED_CORPUS, path.join(REPO, 'test', 'fixtures', 'gold', 'documents')];

/** `fields` adds front-matter fields (attributes) to document i. */
export function sizedCorpus(count: number, fields: (i: number) => Record<string, string | number> = () => ({})): TempDir {
  const bodies = SOURCES.flatMap((dir) =>
    readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .map((f) => readFileSync(path.join(dir, f), 'utf8').replace(/^---[\s\S]*?\n---\n/, '')),
  );
  const sentences = bodies.join(' ').split(/(?<=[.!?])\s+/);
  const files: Record<string, string> = {};
  for (let i = 0; i < count; i++) {
    const text = Array.from({ length: 60 }, (_, j) => sentences[(i * 37 + j * 11) % sentences.length]).join(' ');
    const id = `2020-01-${String((i % 28) + 1).padStart(2, '0')}-doc-${i}`;
    const extra = Object.entries(fields(i))
      .map(([k, v]) => `${k}: ${JSON.stringify(v)}\n`)
      .join('');
    files[`${id}.md`] =
      `---\ntitle: Document ${i}\ndate: 2020-01-${String((i % 28) + 1).padStart(2, '0')}\nspeakers: [Speaker ${i % 5}]\n${extra}---\n\n${text}\n`;
  }
  return corpusOf(files);
}
