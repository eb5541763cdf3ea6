/** The tag export formats as files: for the native save dialog's filters and for reading the chosen name back. */
import path from 'node:path';
import type { ExportFormat } from '../contract';

export const EXPORT_FILTERS: { name: string; extensions: string[]; format: ExportFormat }[] = [
  { name: 'CSV (R, pandas, spreadsheets)', extensions: ['csv'], format: 'csv' },
  { name: 'REFI-QDA project (ATLAS.ti, MAXQDA, NVivo)', extensions: ['qdpx'], format: 'qdpx' },
  { name: 'W3C Web Annotations (JSON-LD)', extensions: ['jsonld', 'json'], format: 'w3c' },
  { name: 'Markdown report', extensions: ['md'], format: 'md' },
];

/** The format for a file name the user chose, by its extension; null when it has none Lectern exports. */
export function exportFormatOf(file: string): ExportFormat | null {
  const ext = path.extname(file).slice(1).toLowerCase();
  return EXPORT_FILTERS.find((f) => f.extensions.includes(ext))?.format ?? null;
}
