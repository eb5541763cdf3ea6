/**
 * The library as a table (Alt+5): every document with its metadata and attributes as columns; sort
 * by any column, filter with any query (the same language as search: `party:Whig`, `year:1840..1850`,
 * words, tags), choose columns, select documents to open, compare or export. Rows are virtual, so
 * 10,000 documents scroll and sort as 10 do. Columns, cells and sort order come from
 * app/common/libraryTable.ts, which `lectern documents` also uses.
 */
import type { DocSummary, LibraryView } from '../../app/common/contract';
import {
  defaultColumnIds,
  libraryColumns,
  libraryRows,
  matchesColumn,
  sortDocuments,
  type LibraryColumn,
  type SortDirection,
} from '../../app/common/libraryTable';
import { api, errorMessage } from '../api';
import { canSave, saveSubcorpusDialog } from '../subcorpora/subcorpora';
import { csvOf } from '../ui/csv';
import { fill, h, plural } from '../ui/dom';
import { downloadText } from '../ui/download';
import { VirtualRows } from '../ui/virtualRows';

const ROW_HEIGHT = 30;
const COLUMNS_KEY = 'lectern.libraryTable.columns';

export interface LibraryTableHooks {
  open(id: string): void;
  /** Compare with `left` (a document id or a metadata query) on the left, and `right` on the right when given. */
  compare(left: string, right?: string): void;
}

export class LibraryTable {
  readonly el: HTMLElement;
  private lib: LibraryView | null = null;
  private all: LibraryColumn[] = [];
  private shownIds: string[] | null = null;
  private sort: { id: string; dir: SortDirection } | null = null;
  /** Documents the filter found (null: no filter), with their matching passages when it searched words. */
  private found: { ids: Set<string>; passages: Map<string, number> | null } | null = null;
  private rows: DocSummary[] = [];
  /** The columns on screen, made by update() (every change of columns, filter or library goes through it). */
  private shown: LibraryColumn[] = [];
  private readonly selected = new Set<string>();
  private active = -1;
  private anchor = -1;
  private seq = 0;
  private debounce = 0;
  /** The library changed while the table was hidden. */
  private stale = false;

  private readonly filter = h('input', {
    class: 'table-filter',
    testid: 'table-filter',
    attrs: { type: 'search', placeholder: 'Filter: party:Democratic year:1980..1989, or any search', 'aria-label': 'Filter documents (a query)' },
  });
  private readonly filterError = h('div', { class: 'query-error', testid: 'table-filter-error', attrs: { role: 'alert', hidden: true } });
  private readonly fieldPicker = h('select', { testid: 'table-filter-field', attrs: { 'aria-label': 'Filter by a field' } });
  private readonly columnMenu = h('div', { class: 'column-menu', testid: 'table-columns' });
  private readonly count = h('span', { class: 'muted', testid: 'table-count', attrs: { role: 'status' } });
  private readonly actions = h('div', { class: 'table-actions' });
  private readonly head = h('div', { class: 'table-row table-head', attrs: { role: 'row', 'aria-rowindex': 1 } });
  private readonly scroller = h('div', {
    class: 'table-scroll',
    testid: 'library-table',
    attrs: { role: 'grid', tabindex: 0, 'aria-multiselectable': 'true', 'aria-label': 'Documents' },
  });
  private readonly body: VirtualRows;

  constructor(private readonly hooks: LibraryTableHooks) {
    this.body = new VirtualRows(this.scroller, { rowHeight: ROW_HEIGHT, render: (i) => this.renderRow(i) });
    this.scroller.append(this.head, this.body.el);
    this.scroller.addEventListener('keydown', (e) => this.onKey(e));
    this.filter.addEventListener('input', () => {
      window.clearTimeout(this.debounce);
      this.debounce = window.setTimeout(() => void this.applyFilter(), 200);
    });
    this.filter.addEventListener('keydown', (e) => {
      if (e.key === 'Enter') {
        window.clearTimeout(this.debounce);
        void this.applyFilter();
      } else if (e.key === 'ArrowDown') {
        e.preventDefault();
        this.scroller.focus();
        this.moveTo(Math.max(0, this.active));
      }
    });
    this.fieldPicker.addEventListener('change', () => {
      const field = this.fieldPicker.value;
      this.fieldPicker.value = '';
      if (!field) return;
      this.filter.value = `${this.filter.value.trim()} ${field}:`.trimStart();
      this.filter.focus();
    });
    try {
      const saved = JSON.parse(localStorage.getItem(COLUMNS_KEY) ?? 'null');
      if (Array.isArray(saved) && saved.every((s) => typeof s === 'string')) this.shownIds = saved;
    } catch {
      // A damaged preference is the default columns, not a broken view.
    }
    this.el = h(
      'section',
      { class: 'table-view', testid: 'table-view', attrs: { hidden: true, 'aria-label': 'Library table' } },
      h(
        'div',
        { class: 'table-bar' },
        this.filter,
        this.fieldPicker,
        h('details', { class: 'column-chooser' }, h('summary', { class: 'button small', testid: 'table-columns-button' }, 'Columns'), this.columnMenu),
        this.count,
      ),
      this.filterError,
      this.actions,
      this.scroller,
    );
  }

  get visible(): boolean {
    return !this.el.hidden;
  }

  show(): void {
    this.el.hidden = false;
    this.scroller.focus();
    if (this.stale) this.refreshRows();
    else this.body.refresh();
  }

  hide(): void {
    this.el.hidden = true;
  }

  /** The library changed (another corpus, a re-read, an edit): keep the filter, sort and selection that still apply. */
  setLibrary(lib: LibraryView): void {
    const corpusChanged = lib.corpusDir !== this.lib?.corpusDir;
    this.lib = lib;
    this.all = libraryColumns(lib.attributes);
    const ids = new Set(lib.documents.map((d) => d.id));
    for (const id of [...this.selected]) if (!ids.has(id)) this.selected.delete(id);
    if (corpusChanged) {
      this.selected.clear();
      this.filter.value = '';
      this.found = null;
    }
    this.fieldPicker.replaceChildren(
      h('option', { attrs: { value: '' } }, 'Filter by…'),
      ...['speaker', 'outlet', 'year', 'tag', ...lib.attributes.map((a) => a.name)].map((f) => h('option', { attrs: { value: f } }, `${f}:`)),
    );
    // A hidden table only notes the change: its filter and sort run when it is shown.
    this.stale = true;
    if (this.visible) this.refreshRows();
  }

  private refreshRows(): void {
    this.stale = false;
    if (this.filter.value.trim()) void this.applyFilter();
    else this.update();
  }

  /** The columns to show: the filter's match counts first (when it searched words), then the chosen ones. */
  private columns(): LibraryColumn[] {
    const wanted = this.shownIds ?? defaultColumnIds(this.all);
    const chosen = wanted.map((id) => this.all.find((c) => c.id === id)).filter((c): c is LibraryColumn => !!c);
    const shown = chosen.length ? chosen : this.all.slice(0, 1);
    return this.found?.passages ? [matchesColumn(this.found.passages), ...shown] : shown;
  }

  private async applyFilter(): Promise<void> {
    const seq = ++this.seq;
    const query = this.filter.value.trim();
    if (!query) {
      this.found = null;
      this.showError(null);
      return this.update();
    }
    try {
      const res = await api.libraryMatches({ query });
      if (seq !== this.seq) return;
      this.showError(res.error?.message ?? null);
      this.found = res.error
        ? null
        : { ids: new Set(res.documents.map((d) => d.id)), passages: res.countsPassages ? new Map(res.documents.map((d) => [d.id, d.passages])) : null };
    } catch (e) {
      if (seq !== this.seq) return;
      this.showError(errorMessage(e));
      this.found = null;
    }
    this.update();
  }

  private showError(message: string | null): void {
    this.filterError.hidden = !message;
    this.filterError.textContent = message ?? '';
  }

  /** Filters, sorts and repaints: the rows, the header, the counts and the actions. */
  private update(): void {
    const docs = this.lib?.documents ?? [];
    const activeId = this.rows[this.active]?.id;
    let rows = this.found ? docs.filter((d) => this.found!.ids.has(d.id)) : docs;
    const columns = (this.shown = this.columns());
    const sortColumn = this.sort && columns.find((c) => c.id === this.sort!.id);
    if (sortColumn) rows = sortDocuments(rows, sortColumn, this.sort!.dir);
    this.rows = rows;
    this.active = activeId ? rows.findIndex((d) => d.id === activeId) : -1;
    this.anchor = Math.min(this.anchor, rows.length - 1);
    this.scroller.setAttribute('aria-rowcount', String(rows.length + 1));
    // One template for the header and every row, and one minimum width (the tracks' minimums), so
    // the columns line up however wide the window is, and scroll sideways when they do not fit.
    const tracks = columns.map((c): [number, string] =>
      c.id === 'title' ? [14, '3fr'] : c.id === 'matches' ? [9, '0.6fr'] : c.numeric ? [5, '0.6fr'] : [7, '1fr'],
    );
    this.scroller.style.setProperty('--table-columns', ['2.25rem', ...tracks.map(([min, fr]) => `minmax(${min}rem, ${fr})`)].join(' '));
    this.scroller.style.setProperty('--table-min-width', `${2.25 + tracks.reduce((n, [min]) => n + min, 0) + columns.length}rem`);
    this.renderHead(columns);
    this.renderColumnMenu();
    this.body.setCount(rows.length);
    this.renderCounts();
  }

  private renderHead(columns: LibraryColumn[]): void {
    const all = h('input', { testid: 'table-select-all', attrs: { type: 'checkbox', 'aria-label': 'Select every document shown' } });
    const selectedShown = this.rows.filter((d) => this.selected.has(d.id)).length;
    all.checked = selectedShown > 0 && selectedShown === this.rows.length;
    all.indeterminate = selectedShown > 0 && selectedShown < this.rows.length;
    all.addEventListener('change', () => {
      if (all.checked) for (const d of this.rows) this.selected.add(d.id);
      else this.selected.clear();
      this.repaint();
    });
    this.head.replaceChildren(
      h('div', { class: 'table-cell check', attrs: { role: 'columnheader' } }, all),
      ...columns.map((c) => {
        const sorted = this.sort?.id === c.id ? this.sort.dir : null;
        return h(
          'div',
          {
            class: `table-cell ${c.numeric ? 'numeric' : ''}`,
            attrs: { role: 'columnheader', 'aria-sort': sorted === 'asc' ? 'ascending' : sorted === 'desc' ? 'descending' : 'none' },
          },
          h(
            'button',
            {
              class: 'sort-button',
              testid: `sort-${c.id}`,
              title: `Sort by ${c.label}${sorted === 'asc' ? ', descending' : ''}`,
              on: { click: () => this.sortBy(c.id) },
            },
            c.label,
            sorted ? h('span', { class: 'sort-mark', attrs: { 'aria-hidden': 'true' } }, sorted === 'asc' ? ' ▲' : ' ▼') : null,
          ),
        );
      }),
    );
  }

  /** Ascending first; again for descending. */
  private sortBy(id: string): void {
    this.sort = { id, dir: this.sort?.id === id && this.sort.dir === 'asc' ? 'desc' : 'asc' };
    this.update();
  }

  private renderColumnMenu(): void {
    const shown = new Set(this.shown.map((c) => c.id));
    this.columnMenu.replaceChildren(
      ...this.all.map((c) => {
        const box = h('input', { attrs: { type: 'checkbox', 'data-column': c.id } });
        box.checked = shown.has(c.id);
        box.addEventListener('change', () => this.toggleColumn(c.id, box.checked));
        return h('label', { class: 'column-option' }, box, ` ${c.label}`);
      }),
      h('button', { class: 'link-button', on: { click: () => this.setColumns(null) } }, 'Default columns'),
    );
  }

  private toggleColumn(id: string, on: boolean): void {
    const current = (this.shownIds ?? defaultColumnIds(this.all)).filter((c) => c !== id);
    // A column comes back where the full list has it, not at the end.
    const next = on ? this.all.map((c) => c.id).filter((c) => c === id || current.includes(c)) : current;
    this.setColumns(next.length ? next : current);
  }

  private setColumns(ids: string[] | null): void {
    this.shownIds = ids;
    if (ids) localStorage.setItem(COLUMNS_KEY, JSON.stringify(ids));
    else localStorage.removeItem(COLUMNS_KEY);
    this.update();
  }

  private renderRow(i: number): HTMLElement {
    const d = this.rows[i];
    const selected = this.selected.has(d.id);
    const box = h('input', { attrs: { type: 'checkbox', tabindex: -1, 'aria-label': `Select “${d.title || d.path}”` } });
    box.checked = selected;
    box.addEventListener('click', (e) => {
      e.stopPropagation();
      this.toggle(i, e.shiftKey);
    });
    const row = h(
      'div',
      {
        class: `table-row ${selected ? 'selected' : ''} ${i === this.active ? 'active' : ''}`,
        testid: 'table-row',
        attrs: { role: 'row', id: `table-row-${i}`, 'aria-rowindex': i + 2, 'aria-selected': String(selected), 'data-doc-id': d.id },
      },
      h('div', { class: 'table-cell check', attrs: { role: 'gridcell' } }, box),
      ...this.shown.map((c) => {
        const text = c.value(d);
        const cell = h('div', { class: `table-cell ${c.numeric ? 'numeric' : ''}`, title: text, attrs: { role: 'gridcell', 'data-column': c.id } });
        if (c.id === 'title')
          cell.append(
            h(
              'button',
              {
                class: 'link-button cell-open',
                testid: 'table-open',
                on: {
                  click: (e) => {
                    e.stopPropagation();
                    this.hooks.open(d.id);
                  },
                },
              },
              text,
            ),
          );
        else cell.textContent = text;
        return cell;
      }),
    );
    row.addEventListener('click', (e) => {
      if (e.shiftKey || e.ctrlKey || e.metaKey) this.toggle(i, e.shiftKey);
      else this.moveTo(i);
    });
    row.addEventListener('dblclick', () => this.hooks.open(d.id));
    return row;
  }

  /** Selects or unselects row i; with Shift, every row from the last one clicked. */
  private toggle(i: number, range: boolean): void {
    const id = this.rows[i].id;
    const on = !this.selected.has(id);
    if (range && this.anchor >= 0) {
      const [a, b] = this.anchor < i ? [this.anchor, i] : [i, this.anchor];
      for (let k = a; k <= b; k++) this.selected.add(this.rows[k].id);
    } else if (on) this.selected.add(id);
    else this.selected.delete(id);
    this.anchor = i;
    this.active = i;
    this.repaint();
  }

  private moveTo(i: number, extend = false): void {
    if (!this.rows.length) return;
    const next = Math.max(0, Math.min(this.rows.length - 1, i));
    if (extend) {
      if (this.anchor < 0) this.anchor = Math.max(0, this.active);
      const [a, b] = this.anchor < next ? [this.anchor, next] : [next, this.anchor];
      for (let k = a; k <= b; k++) this.selected.add(this.rows[k].id);
    } else this.anchor = next;
    this.active = next;
    this.scroller.setAttribute('aria-activedescendant', `table-row-${next}`);
    this.body.reveal(next);
    this.repaint();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.target !== this.scroller) return;
    const mod = e.ctrlKey || e.metaKey;
    const keys: Record<string, () => void> = {
      ArrowDown: () => this.moveTo(this.active + 1, e.shiftKey),
      ArrowUp: () => this.moveTo(this.active - 1, e.shiftKey),
      PageDown: () => this.moveTo(this.active + this.body.pageSize, e.shiftKey),
      PageUp: () => this.moveTo(this.active - this.body.pageSize, e.shiftKey),
      Home: () => this.moveTo(0, e.shiftKey),
      End: () => this.moveTo(this.rows.length - 1, e.shiftKey),
      ' ': () => this.active >= 0 && this.toggle(this.active, false),
      Enter: () => this.active >= 0 && this.hooks.open(this.rows[this.active].id),
    };
    if (mod && e.key.toLowerCase() === 'a') {
      e.preventDefault();
      for (const d of this.rows) this.selected.add(d.id);
      return this.repaint();
    }
    const run = !mod && !e.altKey ? keys[e.key] : undefined;
    if (!run) return;
    e.preventDefault();
    run();
  }

  /** Selection or active row changed: rows in view, the header's box, the counts and actions. */
  private repaint(): void {
    this.body.refresh();
    this.renderHead(this.shown);
    this.renderCounts();
  }

  /** The documents chosen: the selected ones shown, in table order. */
  private chosen(): DocSummary[] {
    return this.rows.filter((d) => this.selected.has(d.id));
  }

  private renderCounts(): void {
    const total = this.lib?.documents.length ?? 0;
    const selected = this.chosen();
    this.count.textContent = `${this.found ? `${this.rows.length} of ${plural(total, 'document')}` : plural(total, 'document')}${
      selected.length ? ` · ${selected.length} selected` : ''
    }`;
    const query = this.filter.value.trim();
    const button = (label: string, testid: string, title: string, enabled: boolean, run: () => void) =>
      h('button', { class: 'button small', testid, title, attrs: { disabled: !enabled }, on: { click: run } }, label);
    const [first, second] = selected;
    fill(
      this.actions,
      button('Open', 'table-open-selected', 'Open the first selected document in the reader (or double-click a row)', selected.length > 0, () =>
        this.hooks.open(first.id),
      ),
      button(
        'Compare',
        'table-compare',
        'Select one document to compare it with another, or two to put them side by side',
        selected.length === 1 || selected.length === 2,
        () => this.hooks.compare(first.id, second?.id),
      ),
      // A subcorpus is a set of documents: a filter of metadata alone (no words) can be a compare side.
      button(
        'Compare filter',
        'table-compare-query',
        'Compare the documents this metadata filter finds (as one side) with a speaker, document or another filter',
        !!query && !!this.found && !this.found.passages,
        () => this.hooks.compare(query),
      ),
      button(
        'Save as subcorpus…',
        'table-save-subcorpus',
        'Save this metadata filter under a name, for Compare, the Corpus tools and the CLI (@name)',
        canSave(query) && !!this.found && !this.found.passages,
        () => void saveSubcorpusDialog(query),
      ),
      button('Export CSV', 'table-export', 'The selected rows (or every row shown), with the columns shown', this.rows.length > 0, () => this.exportCsv()),
      selected.length
        ? h('button', { class: 'link-button', testid: 'table-clear', on: { click: () => (this.selected.clear(), this.repaint()) } }, 'Clear selection')
        : null,
    );
  }

  private exportCsv(): void {
    const chosen = this.chosen();
    const { header, rows } = libraryRows(chosen.length ? chosen : this.rows, this.shown);
    downloadText('lectern-documents.csv', csvOf(header, rows), 'text/csv');
  }
}
