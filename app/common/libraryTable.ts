/**
 * The library as a table: its columns (the built-in metadata, then every attribute of the corpus),
 * what each cell says and how a column sorts. One definition for the page's table, its CSV export
 * and `lectern documents`, so the three show the same rows in the same order.
 */
import type { DocSummary } from './contract';
import type { AttributeInfo, AttributeType } from './documents';

export interface LibraryColumn {
  /** `title`, `speakers` … for the built-ins; `attr:NAME` for an attribute (names cannot clash). */
  id: string;
  label: string;
  type: AttributeType;
  /** The cell as shown and exported. */
  value(d: DocSummary): string;
  /** Right-aligned in the table (counts). */
  numeric?: boolean;
}

const BUILT_IN: LibraryColumn[] = [
  { id: 'title', label: 'Title', type: 'text', value: (d) => d.title || d.path },
  { id: 'speakers', label: 'Speakers', type: 'text', value: (d) => d.speakers.join('; ') },
  { id: 'date', label: 'Date', type: 'date', value: (d) => d.date },
  { id: 'outlet', label: 'Outlet', type: 'text', value: (d) => d.outlet },
  { id: 'event', label: 'Event', type: 'text', value: (d) => d.event },
  { id: 'place', label: 'Place', type: 'text', value: (d) => d.place },
  { id: 'kind', label: 'Kind', type: 'text', value: (d) => d.kind },
  { id: 'language', label: 'Language', type: 'text', value: (d) => d.language },
  { id: 'author', label: 'Author', type: 'text', value: (d) => d.author },
  { id: 'words', label: 'Words', type: 'number', numeric: true, value: (d) => String(d.wordCount) },
  { id: 'passages', label: 'Passages', type: 'number', numeric: true, value: (d) => String(d.passageCount) },
  { id: 'id', label: 'Document', type: 'text', value: (d) => d.id },
];

/** What a new user sees before choosing columns: the built-ins a reader scans by, then the attributes. */
export const DEFAULT_LIBRARY_COLUMNS = ['title', 'speakers', 'date', 'outlet', 'words'];

export function attributeColumnId(name: string): string {
  return `attr:${name}`;
}

/** Every column the corpus can show: the built-ins, then one per attribute in the corpus's order. */
export function libraryColumns(attributes: AttributeInfo[]): LibraryColumn[] {
  return [
    ...BUILT_IN,
    ...attributes.map((a): LibraryColumn => ({
      id: attributeColumnId(a.name),
      label: a.name,
      type: a.type,
      numeric: a.type === 'number',
      value: (d) => (Object.hasOwn(d.attributes, a.name) ? d.attributes[a.name] : ''),
    })),
  ];
}

/** The passages a filter query found in each document: the first column while the filter searches words. */
export function matchesColumn(passages: Map<string, number>): LibraryColumn {
  return { id: 'matches', label: 'Matching passages', type: 'number', numeric: true, value: (d) => String(passages.get(d.id) ?? 0) };
}

/** The columns shown by default: the default built-ins and the corpus's first four attributes. */
export function defaultColumnIds(columns: LibraryColumn[]): string[] {
  return [
    ...DEFAULT_LIBRARY_COLUMNS,
    ...columns
      .filter((c) => c.id.startsWith('attr:'))
      .slice(0, 4)
      .map((c) => c.id),
  ];
}

/** A column by its id (`date`, `attr:party`), an attribute's name (`party`) or its label, any case; built-ins first. */
export function findColumn(columns: LibraryColumn[], name: string): LibraryColumn | undefined {
  const n = name.trim().toLowerCase();
  return (
    columns.find((c) => c.id.toLowerCase() === n) ??
    columns.find((c) => c.id.toLowerCase() === attributeColumnId(n)) ??
    columns.find((c) => c.label.toLowerCase() === n)
  );
}

export type SortDirection = 'asc' | 'desc';

const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });

/**
 * The documents sorted by a column: numbers as numbers, dates as ISO text, text by a natural,
 * case-insensitive collation; a cell with no value sorts last either way (a missing date is not the
 * oldest); ties keep the order given (the library's: newest first), so a sort is repeatable.
 */
export function sortDocuments(docs: DocSummary[], column: LibraryColumn, direction: SortDirection): DocSummary[] {
  const sign = direction === 'asc' ? 1 : -1;
  // Keys are made once per row, not once per comparison, and text is collated once per distinct
  // value (a speaker or party repeats across thousands of rows): rows then sort by an integer rank.
  const rows = docs.map((d, i) => {
    const text = column.value(d).trim();
    const n = column.type === 'number' ? Number(text) : NaN;
    return { d, i, text, key: n, empty: text === '' || (column.type === 'number' && !Number.isFinite(n)) };
  });
  if (column.type !== 'number') {
    const distinct = [...new Set(rows.filter((r) => !r.empty).map((r) => r.text))];
    distinct.sort(column.type === 'date' ? (a, b) => (a < b ? -1 : a > b ? 1 : 0) : collator.compare);
    // Values the collation holds equal (case, accents) share a rank, so their rows keep the given order.
    const rank = new Map<string, number>();
    distinct.forEach((v, k) => rank.set(v, k > 0 && column.type === 'text' && collator.compare(distinct[k - 1], v) === 0 ? rank.get(distinct[k - 1])! : k));
    for (const r of rows) r.key = r.empty ? 0 : rank.get(r.text)!;
  }
  rows.sort((a, b) => {
    if (a.empty !== b.empty) return a.empty ? 1 : -1;
    if (a.empty) return a.i - b.i;
    return (a.key - b.key) * sign || a.i - b.i;
  });
  return rows.map((r) => r.d);
}

/** The header and rows of the table's CSV (and `lectern documents --csv`): the cells as shown. */
export function libraryRows(docs: DocSummary[], columns: LibraryColumn[]): { header: string[]; rows: string[][] } {
  return { header: columns.map((c) => c.label), rows: docs.map((d) => columns.map((c) => c.value(d))) };
}
