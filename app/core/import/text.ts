/** Imports a plain-text file: its first line is the title, the rest the body (Markdown characters escaped). */
import TurndownService from 'turndown';
import { decodeText } from '../corpusFiles';
import { emptyMeta, importError, type Extracted } from './types';

const escaper = new TurndownService();

/** Plain text as Markdown that reads back as the same text: *, _, #, > … at risk are escaped. */
export function plainTextToMarkdown(text: string): string {
  return text
    .split('\n')
    .map((line) => escaper.escape(line))
    .join('\n');
}

/** Decodes a text file's bytes, or throws an import error naming the file and what is wrong with it. */
export function decodeImportedText(filename: string, bytes: Buffer): string {
  const decoded = decodeText(bytes);
  if ('error' in decoded) throw importError(filename, `the file ${decoded.error.replace(/; it was skipped\.$/, '.')}`);
  return decoded.text;
}

export function extractText(filename: string, bytes: Buffer): Extracted {
  const text = decodeImportedText(filename, bytes).trim();
  const lines = text.split('\n');
  const meta = emptyMeta(filename);
  meta.title = lines[0].trim();
  return { meta, markdown: plainTextToMarkdown(lines.slice(1).join('\n').trim()), format: 'markdown', warnings: [] };
}
