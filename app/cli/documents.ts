/**
 * `lectern documents [QUERY]`: the library table from the command line, with the page's columns,
 * filter (any query) and sort, as text, CSV or JSON, so the three say the same.
 */
import { stringify } from 'csv-stringify/sync';
import { CSV_TABLE_OPTIONS } from '../common/formats';
import { LecternError } from '../common/errors';
import { defaultColumnIds, findColumn, libraryColumns, libraryRows, matchesColumn, sortDocuments, type LibraryColumn } from '../common/libraryTable';
import type { Command } from './command';

export const documentsCommand: Command = {
  name: 'documents',
  synopsis: 'documents [QUERY] [--sort COL] [--csv]  the library as a table, every attribute a column',
  usage: `Usage:
  lectern documents [QUERY] [--corpus DIR] [--columns A,B,...|all] [--sort COLUMN] [--desc] [--csv|--json]
      The documents (those QUERY finds, when given: words, tags or metadata, e.g. party:Whig
      year:1840..1850) with their metadata and attributes, newest first unless --sort names a
      column (title, speakers, date, outlet, words, passages, matches, or an attribute such as party).
      --columns chooses the columns (default: title, speakers, date, outlet, words and the first
      four attributes); --csv writes the table as CSV, --json as objects keyed by column id.`,
  options: { valued: ['columns', 'sort'], flags: ['desc', 'csv', 'json'] },
  async run({ args, io, open }) {
    const service = await open();
    const lib = await service.library({});
    const all = libraryColumns(lib.attributes);
    const named = (name: string): LibraryColumn => {
      const c = findColumn(all, name);
      if (!c) throw args.misuse(`There is no column "${name}". The columns are ${all.map((x) => x.id.replace(/^attr:/, '')).join(', ')}.`);
      return c;
    };
    const wanted = args.value('columns');
    let columns =
      wanted === 'all' ? all : wanted ? wanted.split(',').filter(Boolean).map(named) : defaultColumnIds(all).map((id) => all.find((c) => c.id === id)!);
    const query = args.positionals.join(' ');
    let docs = lib.documents;
    let passages: Map<string, number> | null = null;
    if (query.trim()) {
      const found = await service.libraryMatches({ query });
      if (found.error) throw new LecternError(`Query error: ${found.error.message}`);
      const ids = new Map(found.documents.map((d) => [d.id, d.passages]));
      docs = docs.filter((d) => ids.has(d.id));
      if (found.countsPassages) passages = ids;
    }
    // As in the page: a query that finds words shows how many passages of each document it found.
    if (passages) columns = [matchesColumn(passages), ...columns];
    const sort = args.value('sort');
    if (sort) docs = sortDocuments(docs, findColumn(columns, sort) ?? named(sort), args.has('desc') ? 'desc' : 'asc');
    const { header, rows } = libraryRows(docs, columns);
    if (args.has('json')) {
      const out = docs.map((d, i) => ({
        id: d.id,
        ...Object.fromEntries(columns.map((c, j) => [c.id, rows[i][j]])),
      }));
      io.out(JSON.stringify({ query, count: docs.length, columns: columns.map(({ id, label, type }) => ({ id, label, type })), documents: out }, null, 2));
    } else if (args.has('csv')) {
      io.out(stringify([header, ...rows], CSV_TABLE_OPTIONS).replace(/\r\n$/, ''));
    } else {
      const widths = header.map((h, j) => Math.min(40, Math.max(h.length, ...rows.map((r) => r[j].length))));
      const line = (cells: string[]) =>
        cells
          .map((c, j) => (c.length > widths[j] ? `${c.slice(0, widths[j] - 1)}…` : c.padEnd(widths[j])))
          .join('  ')
          .trimEnd();
      io.out([line(header), ...rows.map(line), `${docs.length} of ${lib.documents.length} document(s)`].join('\n'));
    }
    return 0;
  },
};
