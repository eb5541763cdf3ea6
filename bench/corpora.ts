/** The benchmark's corpora: the seed corpus, SOTU and SOTU × 10, as documents and as folders on disk. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadCorpus } from '../app/core/corpus';
import type { LoadedDocument } from '../app/core/types';
import { SHIPPED_CORPUS } from '../test/helpers/repo';
import { perturb, readSpeeches, sotuDocuments, speechFile, speechId } from './sotu';
import { documentsFrom, emailFiles, readmeFiles } from './publicCorpora';

export const CORPORA = ['seed', 'sotu', 'sotu10', 'emails', 'readmes'] as const;
export type CorpusName = (typeof CORPORA)[number];

export async function documentsOf(name: CorpusName): Promise<LoadedDocument[]> {
  if (name === 'seed') return (await loadCorpus(SHIPPED_CORPUS)).documents;
  if (name === 'emails') return documentsFrom(emailFiles());
  if (name === 'readmes') return documentsFrom(readmeFiles());
  return sotuDocuments(name === 'sotu' ? 1 : 10);
}

/** Writes the corpus as a folder of Markdown files (for the launch and update measurements). */
export function writeCorpusFolder(name: CorpusName, dir: string): void {
  mkdirSync(dir, { recursive: true });
  if (name === 'seed') {
    for (const f of ['2021-05-12-raab-international-coalition.md', '2021-05-12-raab-cooperation-independent.md', '2019-03-07-hunt-cybercrime-deterrence.md']) {
      writeFileSync(path.join(dir, f), readFileSync(path.join(SHIPPED_CORPUS, f)));
    }
    return;
  }
  if (name === 'emails' || name === 'readmes') {
    for (const f of name === 'emails' ? emailFiles() : readmeFiles()) writeFileSync(path.join(dir, f.relPath), f.source);
    return;
  }
  const copies = name === 'sotu' ? 1 : 10;
  const speeches = readSpeeches();
  for (let k = 0; k < copies; k++) {
    for (const s of speeches) {
      const id = speechId(s, k);
      const file = speechFile(s, id, perturb(s.text, k));
      writeFileSync(path.join(dir, file.relPath), file.source);
    }
  }
}
