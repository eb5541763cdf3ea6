/**
 * Codebook CSV: one row per tag, in the columns Taguette's codebook export writes and its importer
 * reads (tag, description, number of highlights, number of documents), then Lectern's colour and
 * parent, which Taguette ignores. Every row has a tag name, so Taguette never sees an "Empty tag
 * name". Cells that a spreadsheet would run as formulas are prefixed with ' as in the passage CSV.
 */
import { stringify } from 'csv-stringify/sync';
import { CSV_TABLE_OPTIONS } from '../../../common/formats';
import { tagIdsOf } from '../storeFormat';
import type { ExportModel } from './model';

export const CODEBOOK_CSV_COLUMNS = ['tag', 'description', 'number of highlights', 'number of documents', 'color', 'parent'] as const;

export function toCodebookCsv(model: ExportModel): string {
  const names = new Map(model.codebook.map((t) => [t.id, t.name]));
  const rows: (string | number)[][] = [[...CODEBOOK_CSV_COLUMNS]];
  for (const t of model.codebook) {
    const carrying = model.items.filter((i) => tagIdsOf(i.annotation).includes(t.id));
    const documents = new Set(carrying.map((i) => i.annotation.target.source)).size;
    rows.push([t.name, t.description, carrying.length, documents, t.color, t.parentId ? (names.get(t.parentId) ?? '') : '']);
  }
  return stringify(rows, CSV_TABLE_OPTIONS);
}
