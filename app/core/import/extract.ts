/** Picks the extractor for a file by its extension, and suggests a document id for it. */
import path from 'node:path';
import { plainTitle } from './plainTitle';
import { importError, type Extracted } from './types';
import { IMPORT_TYPES, importSizeProblem, type ImportType } from '../../common/formats';

/** One extractor per kind of file in the formats table (which says which extensions are which kind). */
/** Bounds an import is read within (tests lower them to reach them quickly). */
export interface ExtractLimits {
  pdfPages?: number;
}

type Extractor = (filename: string, bytes: Buffer, limits: ExtractLimits) => Extracted | Promise<Extracted>;

/**
 * Loaded when a file of the kind is first imported: the PDF, Word and HTML readers (pdf.js, mammoth,
 * linkedom, Readability) take most of a second to load, which every launch would otherwise pay.
 */
/* eslint-disable @typescript-eslint/no-require-imports -- require() is what loads a module on demand in this CommonJS build (and what esbuild bundles). */
const EXTRACTORS: Record<ImportType, () => Extractor> = {
  text: () => (require('./text') as { extractText: Extractor }).extractText,
  markdown: () => (require('./markdown') as { extractMarkdown: Extractor }).extractMarkdown,
  html: () => (require('./html') as { extractHtml: Extractor }).extractHtml,
  pdf: () => (require('./pdf') as { extractPdf: Extractor }).extractPdf,
  docx: () => (require('./docx') as { extractDocx: Extractor }).extractDocx,
};
/* eslint-enable @typescript-eslint/no-require-imports */

export async function extractFile(filename: string, bytes: Buffer, limits: ExtractLimits = {}): Promise<Extracted> {
  const name = path.basename(filename);
  const ext = path.extname(name).toLowerCase();
  const type = Object.hasOwn(IMPORT_TYPES, ext) ? IMPORT_TYPES[ext as keyof typeof IMPORT_TYPES] : undefined;
  const load = type && EXTRACTORS[type];
  if (!load) {
    throw importError(
      name,
      `${ext ? `“${ext}” files are` : 'a file without an extension is'} not a type Lectern imports. Import .txt, .md, .html (a saved web page), .pdf or .docx files; convert others to one of these first.`,
    );
  }
  if (bytes.length === 0) throw importError(name, 'the file is empty. Check that it is the file you meant.');
  const tooLarge = importSizeProblem(bytes.length);
  if (tooLarge) throw importError(name, tooLarge);
  const extracted = await load()(name, bytes, limits);
  // Every format's title is plain text, whatever the file's metadata holds (see plainTitle.ts).
  extracted.meta.title = plainTitle(extracted.meta.title).slice(0, 500);
  if (!extracted.meta.title) extracted.meta.title = path.basename(name, ext);
  if (!extracted.meta.speakers.length) extracted.warnings.push('No speaker was found: enter who speaks (or leave it empty).');
  return extracted;
}

/** Lower-case words joined by hyphens, as the shipped corpus names its files. */
export function slug(s: string, max = 60): string {
  const words = s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return (
    words
      .slice(0, max)
      .replace(/-[^-]*$/, (tail) => (words.length > max ? '' : tail))
      .replace(/-+$/, '') || 'document'
  );
}

/** "2021-05-12-uk-foreign-secretary-calls-for-cooperation", made unique among the ids already taken. */
export function suggestId(meta: { title: string; date: string }, taken: (id: string) => boolean): string {
  const base = [meta.date, slug(meta.title)].filter(Boolean).join('-');
  let id = base;
  for (let n = 2; taken(id); n++) id = `${base}-${n}`;
  return id;
}
