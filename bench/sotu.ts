/** SOTU × N for scale runs: copies of the State of the Union corpus (test/helpers/sotu.ts) with perturbed text. */
import { DEFAULT_CONFIG } from '../app/core/cleaning';
import { buildDocument } from '../app/core/document';
import type { LoadedDocument } from '../app/core/types';
import { readSpeeches, speechFile, speechId } from '../test/helpers/sotu';

export { readSpeeches, speechFile, speechId };

/** Copy k of a text: every 7th word swapped with a neighbour, so copies are distinct but alike. */
export function perturb(text: string, k: number): string {
  if (k === 0) return text;
  const words = text.split(' ');
  for (let i = k % 7; i + 1 < words.length; i += 7) [words[i], words[i + 1]] = [words[i + 1], words[i]];
  return words.join(' ');
}

export function sotuDocuments(copies = 1): LoadedDocument[] {
  const docs: LoadedDocument[] = [];
  for (let k = 0; k < copies; k++) {
    for (const s of readSpeeches()) docs.push(buildDocument(speechFile(s, speechId(s, k), perturb(s.text, k)), DEFAULT_CONFIG).document);
  }
  return docs;
}
