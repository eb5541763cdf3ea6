/**
 * Tables of numbers a user can cite, and the bar of buttons that export them: the Corpus view's
 * tools, the overview's charts and the Tags view's team tabs build theirs from these parts, so a
 * heading row, a number cell and an exported CSV are made one way everywhere.
 */
import { csvOf } from './csv';
import { h, type Props } from './dom';
import { downloadText } from './download';
import { fillProgressively } from './progressive';

export type Cell = string | number;

/** An "Export …" button (Export CSV, Export SVG); what it saves is the caller's. */
export function exportButton(label: string, testid: string, save: () => void): HTMLButtonElement {
  return h('button', { class: 'button small', testid, on: { click: save } }, `Export ${label}`);
}

/**
 * "Export CSV": the table saved as `filename`, the CSV made when the button is pressed. `rows` may
 * be a function, for a table not on the page as rows (the concordance's lines) to be put in rows
 * only for the file.
 */
export function csvExportButton(testid: string, filename: string, header: string[], rows: Cell[][] | (() => Cell[][])): HTMLButtonElement {
  return exportButton('CSV', testid, () => downloadText(filename, csvOf(header, typeof rows === 'function' ? rows() : rows), 'text/csv'));
}

/** The row of export buttons above a table or chart. */
export function exportBar(...buttons: HTMLButtonElement[]): HTMLElement {
  return h('div', { class: 'export-bar' }, ...buttons);
}

/** A table's heading row: one column heading per name. */
function tableHead(header: string[]): HTMLTableSectionElement {
  return h('thead', null, h('tr', null, ...header.map((c) => h('th', { attrs: { scope: 'col' } }, c))));
}

/** A `data-table` with the given heading row and body (a body of the caller's rows, or dataTable's). */
export function tableOf(header: string[], testid: string, body: HTMLTableSectionElement): HTMLTableElement {
  return h('table', { class: 'data-table', testid }, tableHead(header), body);
}

/** A row of cells, numbers right-aligned (td.num). */
function dataRow(cells: Cell[], props: Props | null = null): HTMLTableRowElement {
  return h('tr', props, ...cells.map((c) => h('td', typeof c === 'number' ? { class: 'num' } : null, String(c))));
}

/** A short table (tens of rows), made at once. */
export function dataTable(header: string[], rows: Cell[][], testid: string): HTMLTableElement {
  return tableOf(header, testid, h('tbody', null, ...rows.map((r) => dataRow(r))));
}

/** Rows whose widest cells set a long table's column widths (the rest of a long table is cut to fit). */
const WIDTH_SAMPLE = 50;

/**
 * A long table (hundreds of rows), filled in slices; `open(i)` makes the rows clickable ("Show in
 * context"). Its columns are fixed from the header and the first rows (table-layout: fixed): a
 * table sized from all its cells lays every row out again each time rows are added, which made each
 * frame of a 500-row word list slower than a long task.
 */
export function longDataTable(header: string[], rows: Cell[][], testid: string, open?: (i: number) => void): HTMLTableElement {
  const widths = header.map((c, k) => Math.max(String(c).length, ...rows.slice(0, WIDTH_SAMPLE).map((r) => String(r[k]).length)));
  const total = widths.reduce((a, b) => a + b, 0) || 1;
  return h(
    'table',
    { class: 'data-table fixed-columns', testid },
    h(
      'colgroup',
      null,
      ...widths.map((w) => {
        const col = h('col');
        col.style.width = `${((Math.min(w, 40) + 2) / (total + 2 * widths.length)) * 100}%`;
        return col;
      }),
    ),
    tableHead(header),
    fillProgressively(h('tbody'), rows.length, (i) =>
      dataRow(rows[i], open ? { class: 'clickable', title: 'Show in context', on: { click: () => open(i) } } : null),
    ).list,
  );
}
