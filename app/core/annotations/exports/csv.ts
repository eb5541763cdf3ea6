/**
 * CSV export: one row per (annotation, tag), RFC 4180 (CRLF, fields quoted when they hold a comma,
 * quote or line break), UTF-8 without a byte-order mark so R's read.csv and pandas read the header
 * as it is. An annotation with a note but no tag gets one row with an empty tag.
 */
import { tagPath } from '../codebook';
import { noteOf, positionOf, quoteOf, tagIdsOf } from '../storeFormat';
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
  'start',
  'end',
  'created',
  'modified',
  'orphan',
  'annotation_id',
] as const;

export function csvField(value: string | number | boolean): string {
  const s = String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function toCsv(model: ExportModel): string {
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
        start,
        end,
        a.created,
        a.modified,
        orphan,
        a.id,
      ]);
    }
  }
  return rows.map((r) => r.map(csvField).join(',') + '\r\n').join('');
}
