/**
 * CSV export: one row per (annotation, tag), RFC 4180 (CRLF, fields quoted when they hold a comma,
 * quote or line break), UTF-8 without a byte-order mark so R's read.csv and pandas read the header
 * as it is. An annotation with a note but no tag gets one row with an empty tag.
 *
 * Titles, speakers, quotes and notes come from untrusted corpus text: a cell beginning with =, +,
 * -, @, a tab or a carriage return (or their full-width forms) would run as a formula when the file
 * is opened in a spreadsheet (=HYPERLINK(…) sends data away). So, as OWASP advises, such a text cell
 * is prefixed with a single quote, which spreadsheets take as "this is text". Lectern's own numbers
 * (start, end) are written as they are. The 'csv-raw' format leaves every cell as it is, for R and
 * pandas, which never evaluate cells.
 */
import { stringify } from 'csv-stringify/sync';
import { tagPath } from '../codebook';
import { coderOf, noteOf, positionOf, quoteOf, tagIdsOf } from '../storeFormat';
import type { ExportModel } from './model';

export const CSV_COLUMNS = [
  'tag',
  'tag_path',
  'document_id',
  'title',
  'speakers',
  'date',
  'outlet',
  'quote',
  'note',
  'coder',
  'start',
  'end',
  'created',
  'modified',
  'orphan',
  'annotation_id',
] as const;

export interface CsvOptions {
  /** Cells exactly as they are, none prefixed (for R and pandas; unsafe to open in a spreadsheet). */
  raw?: boolean;
}

export function toCsv(model: ExportModel, options: CsvOptions = {}): string {
  const byId = new Map(model.codebook.map((t) => [t.id, t]));
  const rows: (string | number | boolean)[][] = [[...CSV_COLUMNS]];
  for (const { annotation: a, orphan, citation: c } of model.items) {
    const tagIds = tagIdsOf(a).filter((id) => byId.has(id));
    const { start, end } = positionOf(a);
    for (const tagId of tagIds.length ? tagIds : [null]) {
      rows.push([
        tagId ? byId.get(tagId)!.name : '',
        tagId ? tagPath(model.codebook, tagId) : '',
        c.docId,
        c.title,
        c.speakers.join('; '),
        c.date,
        c.outlet,
        quoteOf(a).exact,
        noteOf(a),
        coderOf(a),
        start,
        end,
        a.created,
        a.modified,
        orphan,
        a.id,
      ]);
    }
  }
  return stringify(rows, {
    record_delimiter: 'windows',
    escape_formulas: !options.raw,
    // true and false, not csv-stringify's default 1 and '' (R and pandas read them as logicals).
    cast: { boolean: (b) => String(b) },
  });
}
