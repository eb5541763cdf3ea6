/**
 * The one table of file formats: what Lectern exports tags as, what it imports as documents, what a
 * corpus folder holds, and the size limits. The CLI, the schemas, the save dialog, the renderer's
 * menus and the exporters all read it, so a format is added in one place.
 */

export type ExportFormat = 'csv' | 'csv-raw' | 'w3c' | 'qdpx' | 'md' | 'qdc' | 'codebook-csv';

export interface ExportFormatInfo {
  format: ExportFormat;
  /** As menus and messages name it. */
  label: string;
  /** What it is for, in the save dialog's list. */
  description: string;
  /** The file's extension (first) and any others it is recognised by. */
  extensions: string[];
  mime: string;
  /** A binary file cannot be written to a terminal. */
  binary: boolean;
}

export const EXPORT_FORMATS: readonly ExportFormatInfo[] = [
  // Text cells that a spreadsheet would run as a formula (=, +, -, @…) start with ' (see exports/csv.ts).
  { format: 'csv', label: 'CSV', description: 'CSV (spreadsheets, R, pandas)', extensions: ['csv'], mime: 'text/csv; charset=utf-8', binary: false },
  // Every cell as it is: for R and pandas only, never to be opened in a spreadsheet.
  {
    format: 'csv-raw',
    label: 'CSV, raw (R, pandas)',
    description: 'CSV with cells exactly as they are (R, pandas; not for spreadsheets)',
    extensions: ['csv'],
    mime: 'text/csv; charset=utf-8',
    binary: false,
  },
  {
    format: 'w3c',
    label: 'W3C JSON-LD',
    description: 'W3C Web Annotations (JSON-LD)',
    extensions: ['jsonld', 'json'],
    mime: 'application/ld+json',
    binary: false,
  },
  {
    format: 'qdpx',
    label: 'REFI-QDA (.qdpx)',
    description: 'REFI-QDA project (ATLAS.ti, MAXQDA, NVivo)',
    extensions: ['qdpx'],
    mime: 'application/zip',
    binary: true,
  },
  { format: 'md', label: 'Markdown report', description: 'Markdown report', extensions: ['md'], mime: 'text/markdown; charset=utf-8', binary: false },
  // The codebook alone (tags, hierarchy, colours, descriptions), for another tool or another corpus.
  {
    format: 'qdc',
    label: 'Codebook, REFI-QDA (.qdc)',
    description: 'REFI-QDA codebook (Taguette, QualCoder, ATLAS.ti, MAXQDA, NVivo)',
    extensions: ['qdc'],
    mime: 'application/xml',
    binary: false,
  },
  {
    format: 'codebook-csv',
    label: 'Codebook, CSV (Taguette)',
    description: 'Codebook CSV (Taguette, spreadsheets)',
    extensions: ['csv'],
    mime: 'text/csv; charset=utf-8',
    binary: false,
  },
];

/** Every export format's id, for schemas and usage lines: csv, csv-raw, w3c, qdpx, md, qdc, codebook-csv. */
export const EXPORT_FORMAT_IDS = EXPORT_FORMATS.map((f) => f.format) as [ExportFormat, ...ExportFormat[]];

export function exportFormatInfo(format: ExportFormat): ExportFormatInfo {
  return EXPORT_FORMATS.find((f) => f.format === format)!;
}

/** The format for a file name the user chose, by its extension (.csv is the safe CSV); null when it has none Lectern exports. */
export function exportFormatOfFile(file: string): ExportFormat | null {
  const ext = /\.([^./\\]+)$/.exec(file)?.[1]?.toLowerCase() ?? '';
  return EXPORT_FORMATS.find((f) => f.extensions.includes(ext))?.format ?? null;
}

/** "csv, csv-raw, w3c, qdpx, md, qdc or codebook-csv": the formats as a sentence. */
export function exportFormatList(join = 'or'): string {
  const ids = EXPORT_FORMAT_IDS;
  return `${ids.slice(0, -1).join(', ')} ${join} ${ids.at(-1)}`;
}

/**
 * How Lectern writes a CSV table (csv-stringify's options): RFC 4180 with CRLF, and, because corpus
 * text is untrusted, a cell a spreadsheet would run as a formula (=, +, -, @ …) gets a ' prefix.
 */
export const CSV_TABLE_OPTIONS = { record_delimiter: 'windows', escape_formulas: true } as const;

/** The files Lectern imports as documents, by extension, and what each one is. */
export const IMPORT_TYPES = {
  '.txt': 'text',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.html': 'html',
  '.htm': 'html',
  '.xhtml': 'html',
  '.pdf': 'pdf',
  '.docx': 'docx',
} as const;

export type ImportType = (typeof IMPORT_TYPES)[keyof typeof IMPORT_TYPES];

/** The extensions Lectern imports, with their dot, for file pickers (".txt,.md,…") and messages. */
export const IMPORT_EXTENSIONS = Object.keys(IMPORT_TYPES) as (keyof typeof IMPORT_TYPES)[];

/** The files a corpus folder is read from. */
export const CORPUS_EXTENSIONS: readonly string[] = ['.md', '.markdown', '.txt'];

const MB = 1024 * 1024;

/** The largest corpus file Lectern reads (one document's text). */
export const MAX_DOCUMENT_BYTES = 20 * MB;
/** Larger files are refused before any parsing. */
export const MAX_IMPORT_BYTES = 50 * MB;
/** The largest import as it travels in a request (base64, a third longer). */
export const MAX_IMPORT_BASE64 = Math.ceil(MAX_IMPORT_BYTES / 3) * 4;

/** Why a file of this size cannot be imported, or null when it can (said wherever a file is picked). */
export function importSizeProblem(bytes: number): string | null {
  return bytes > MAX_IMPORT_BYTES
    ? `the file is ${(bytes / MB).toFixed(1)} MB, over the ${MAX_IMPORT_BYTES / MB} MB limit for an import. Split it into smaller files.`
    : null;
}

/** The message for a file that cannot be imported: it names the file and the reason, and says nothing was written. */
export function importFailure(filename: string, reason: string): string {
  return `Cannot import “${filename}”: ${reason} Nothing was written to the corpus.`;
}
