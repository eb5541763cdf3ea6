/**
 * Reads a codebook CSV as Taguette's importer does: the tag name from the one column named tag,
 * name or path, an optional description; and Lectern's own colour and parent columns when present.
 */
import { parse } from 'csv-parse/sync';
import { badImport } from '../refiQda';
import type { ImportBundle, ImportedTag } from './bundle';

/** Undoes the ' that a spreadsheet-safe export puts before a cell beginning with a formula character. */
const unprotect = (cell: string) => cell.replace(/^'(?=[=+\-@\t\r＝＋－＠])/, '');

export function looksLikeCodebookCsv(text: string): boolean {
  const header = text.split(/\r?\n/, 1)[0].toLowerCase();
  return /(^|,)"?(tag|name|path)"?(,|$)/.test(header) && !header.includes('annotation_id');
}

export function parseCodebookCsv(text: string, filename: string): ImportBundle {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true });
  } catch (e) {
    badImport(filename, `it is not a readable CSV file (${(e as Error).message})`);
  }
  const header = (rows[0] ?? []).map((h) => h.trim().toLowerCase());
  const nameCols = ['tag', 'name', 'path'].filter((c) => header.includes(c));
  if (nameCols.length !== 1) {
    badImport(
      filename,
      nameCols.length
        ? `it has more than one column that could hold the tag name (${nameCols.join(', ')}); keep one`
        : 'it has no column named “tag”, “name” or “path”, so it is not a codebook CSV',
    );
  }
  const col = (name: string) => header.indexOf(name);
  const [nameCol, descCol, colorCol, parentCol] = [col(nameCols[0]), col('description'), col('color'), col('parent')];
  const cell = (row: string[], i: number) => (i >= 0 ? unprotect((row[i] ?? '').trim()) : '');
  const tags: ImportedTag[] = [];
  const byName = new Map<string, string>();
  rows.slice(1).forEach((row, i) => {
    if (row.every((c) => c.trim() === '')) return;
    const name = cell(row, nameCol);
    if (!name) badImport(filename, `row ${i + 2} has an empty tag name`);
    const id = `name:${name.toLowerCase()}`;
    byName.set(name.toLowerCase(), id);
    tags.push({ id, name, color: cell(row, colorCol) || null, description: cell(row, descCol), parentId: cell(row, parentCol) || null });
  });
  // Parents are named; a parent that is not in the file is dropped (the tag goes to the top level).
  for (const t of tags) t.parentId = t.parentId ? (byName.get(t.parentId.toLowerCase()) ?? null) : null;
  return { kind: 'codebook CSV', tags, annotations: [] };
}
