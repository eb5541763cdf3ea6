/**
 * The Corpus view: AntConc's and Voyant's tools over the open corpus — concordance (any query,
 * sorted L1–L3/R1–R3/doc/date), word list, n-grams, collocates and trends (with a chart) — for the
 * whole corpus or a subcorpus (a metadata query). Every number comes from the service, the same
 * call the CLI makes; a row of the word list, n-grams or collocates opens its concordance.
 */
import type { AssociationMeasure, ConcordanceSort, Counting, CountUnit, StopListChoice, TrendResult } from '../../app/common/corpusTools';
import { CONCORDANCE_SORTS, UNIT_LABELS } from '../../app/common/corpusTools';
import { api, errorMessage } from '../api';
import { h } from '../ui/dom';
import { csvExportButton, exportBar, exportButton, longDataTable } from '../ui/dataTable';
import { canSave, fillSavedDatalist, saveSubcorpusDialog, savedRef, subcorpusStore } from '../subcorpora/subcorpora';
import { fillProgressively } from '../ui/progressive';
import { downloadText, saveBlob } from '../ui/download';
import { dispersionChart } from './dispersionChart';
import { keynessChart } from './keynessChart';
import { pngFile, svgFile } from './svg';
import { trendChart } from './trendChart';

const PLACEHOLDERS: Record<string, string> = {
  kwic: 'A query: economy, "public debt", govern*, war speaker:lincoln',
  words: 'Only words matching (optional regular expression): democra.*',
  trend: 'Terms: war peace',
  dispersion: 'A query: war, "public debt"',
  keyness: 'Target subcorpus: party:Republican, year:1980..1989',
  collocates: 'A term: war',
};

/** What each tool counts unless the user picks another unit ('auto' for the concordance: a bare word by its stem, a phrase by lower-cased forms). */
const DEFAULT_UNITS: Record<Tool, CountUnit | 'auto' | null> = {
  kwic: 'auto',
  words: 'form',
  ngrams: 'form',
  collocates: 'lower',
  trend: 'stem',
  dispersion: null,
  keyness: 'lower',
};
const WITH_STOP_LIST: readonly Tool[] = ['words', 'ngrams', 'collocates', 'keyness'];

/** The line above a table that says what it counted. */
const countingText = (c: Counting) => `Counting ${UNIT_LABELS[c.unit]}; ${c.stopList ?? 'every word counted (no stop list)'}.`;

const SUBCORPUS_PLACEHOLDER = 'Subcorpus (optional): year:1980..1989 party:Democratic, or a saved @name';

type Tool = 'kwic' | 'words' | 'ngrams' | 'collocates' | 'trend' | 'dispersion' | 'keyness';
const TOOLS: [Tool, string][] = [
  ['kwic', 'Concordance'],
  ['words', 'Word list'],
  ['ngrams', 'N-grams'],
  ['collocates', 'Collocates'],
  ['trend', 'Trends'],
  ['dispersion', 'Dispersion'],
  ['keyness', 'Keyness'],
];

export interface CorpusViewHooks {
  /** Opens a document in the reader at a range (a concordance line). */
  openAt(docId: string, start: number, end: number): void;
}

/** Concordance lines per block that the browser skips while off screen (ui/progressive). */
const KWIC_GROUP = 100;

export class CorpusView {
  readonly el: HTMLElement;
  private tool: Tool = 'kwic';
  private readonly query = h('input', { testid: 'corpus-query', attrs: { type: 'search', placeholder: 'A query: economy, "public debt", war speaker:lincoln', 'aria-label': 'Query or term' } });
  /** The saved subcorpora (@name), offered by the subcorpus field and by keyness's target. */
  private readonly savedList = h('datalist', { testid: 'corpus-saved-subcorpora', attrs: { id: 'corpus-saved-subcorpora' } });
  private readonly subcorpus = h('input', {
    testid: 'corpus-subcorpus',
    attrs: { type: 'text', list: 'corpus-saved-subcorpora', placeholder: SUBCORPUS_PLACEHOLDER, 'aria-label': 'Subcorpus' },
  });
  private readonly saveSubcorpus = h(
    'button',
    {
      class: 'button small',
      testid: 'corpus-save-subcorpus',
      title: 'Save the subcorpus query under a name, to use again as @name',
      attrs: { type: 'button' },
      on: { click: () => void this.saveSubcorpusField() },
    },
    'Save as…',
  );
  private readonly sort = h('select', { testid: 'corpus-sort', attrs: { 'aria-label': 'Sort lines by' } }, ...CONCORDANCE_SORTS.map((s) => h('option', { attrs: { value: s } }, s)));
  private readonly n = h('input', { testid: 'corpus-n', attrs: { type: 'number', min: 2, max: 5, value: 2, 'aria-label': 'N-gram length' } });
  // N-grams and collocates each have their own minimum (one element cannot sit in two toolbars).
  private readonly min = h('input', { testid: 'corpus-min', attrs: { type: 'number', min: 1, value: 2, 'aria-label': 'Minimum frequency' } });
  private readonly collocateMin = h('input', { testid: 'corpus-collocate-min', attrs: { type: 'number', min: 1, value: 3, 'aria-label': 'Minimum frequency together' } });
  private readonly window = h('input', { testid: 'corpus-window', attrs: { type: 'number', min: 1, max: 10, value: 5, 'aria-label': 'Window, words each side' } });
  private readonly measure = h(
    'select',
    { testid: 'corpus-measure', attrs: { 'aria-label': 'Association measure' } },
    ...(['logdice', 'mi', 't', 'g2'] as AssociationMeasure[]).map((m) => h('option', { attrs: { value: m } }, m === 'logdice' ? 'log-Dice' : m === 'g2' ? 'G²' : m.toUpperCase())),
  );
  private readonly unit = h(
    'select',
    { testid: 'corpus-unit', attrs: { 'aria-label': 'What counts as one word' } },
    h('option', { attrs: { value: 'auto' } }, 'word: stem, phrase: lower-cased'),
    h('option', { attrs: { value: 'form' } }, 'word forms as written'),
    h('option', { attrs: { value: 'lower' } }, 'lower-cased forms'),
    h('option', { attrs: { value: 'stem' } }, 'stems (all forms)'),
  );
  private readonly stopList = h(
    'select',
    { testid: 'corpus-stop-list', attrs: { 'aria-label': 'Stop words' } },
    h('option', { attrs: { value: 'none' } }, 'every word'),
    h('option', { attrs: { value: 'builtin' } }, 'built-in stop list left out'),
    h('option', { attrs: { value: 'corpus' } }, "corpus's stop list left out"),
  );
  private readonly regex = h('input', { testid: 'corpus-regex', attrs: { type: 'checkbox', 'aria-label': 'Regular expressions' } });
  private readonly by = h('input', { testid: 'corpus-by', attrs: { type: 'text', value: 'year', 'aria-label': 'Group by (year, speaker, outlet or an attribute)' } });
  private readonly options = h('div', { class: 'corpus-options' });
  private readonly tabs: Record<Tool, HTMLButtonElement>;
  private readonly status = h('p', { class: 'muted', testid: 'corpus-status', attrs: { role: 'status' } });
  private readonly results = h('div', { class: 'corpus-results', testid: 'corpus-results' });
  private seq = 0;

  constructor(private readonly hooks: CorpusViewHooks) {
    this.tabs = Object.fromEntries(
      TOOLS.map(([t, label]) => [t, h('button', { class: 'tab', testid: `corpus-tool-${t}`, attrs: { role: 'tab' }, on: { click: () => this.choose(t) } }, label)]),
    ) as Record<Tool, HTMLButtonElement>;
    const run = h('button', { class: 'button primary', testid: 'corpus-run', on: { click: () => this.run() } }, 'Run');
    for (const input of [this.query, this.subcorpus, this.by]) input.addEventListener('keydown', (e) => e.key === 'Enter' && this.run());
    this.sort.addEventListener('change', () => this.run());
    this.el = h(
      'section',
      { class: 'corpus-view', testid: 'corpus-view', attrs: { hidden: true, 'aria-label': 'Corpus tools' } },
      h('nav', { class: 'tabs', attrs: { role: 'tablist', 'aria-label': 'Corpus tools' } }, ...Object.values(this.tabs)),
      h('div', { class: 'corpus-bar' }, this.query, this.subcorpus, this.saveSubcorpus, this.options, run),
      this.savedList,
      this.status,
      this.results,
    );
    this.choose('kwic');
    subcorpusStore.onChange(() => fillSavedDatalist(this.savedList));
  }

  /** "Save as…": the subcorpus field's query, saved under a name; the field then names it (@name). */
  private async saveSubcorpusField(): Promise<void> {
    const query = this.subcorpus.value.trim();
    if (!canSave(query)) {
      this.status.textContent = query
        ? `${query} is a saved subcorpus already.`
        : 'Type a metadata query in the subcorpus field first (year:1980..1989 party:Democratic), then save it.';
      this.subcorpus.focus();
      return;
    }
    const saved = await saveSubcorpusDialog(query);
    if (saved && this.subcorpus.value.trim() === query) this.subcorpus.value = savedRef(saved);
  }

  show(): void {
    this.el.hidden = false;
    this.query.focus();
  }

  hide(): void {
    this.el.hidden = true;
  }

  /** Opens a tool on a query or term (a row's "in context", another view's link), optionally matching words by a unit. */
  open(tool: Tool, query: string, unit?: CountUnit): void {
    this.choose(tool);
    this.query.value = query;
    if (unit) this.unit.value = unit;
    this.run();
  }

  private unitChoice(): CountUnit | undefined {
    return this.unit.value === 'auto' ? undefined : (this.unit.value as CountUnit);
  }

  private stopListChoice(): StopListChoice | undefined {
    return this.stopList.value === 'none' ? undefined : (this.stopList.value as StopListChoice);
  }

  private choose(tool: Tool): void {
    this.tool = tool;
    for (const [t, b] of Object.entries(this.tabs)) b.setAttribute('aria-selected', String(t === tool));
    const label = (text: string, input: HTMLElement) => h('label', { class: 'corpus-option' }, h('span', null, text), input);
    // Built for the chosen tool only: an input shared by two tools (regex) sits in one toolbar at a time.
    const opts: Record<Tool, () => HTMLElement[]> = {
      kwic: () => [label('Sort', this.sort), label('regex', this.regex)],
      words: () => [label('regex', this.regex)],
      ngrams: () => [label('n', this.n), label('min', this.min)],
      collocates: () => [label('window ±', this.window), label('measure', this.measure), label('min', this.collocateMin)],
      trend: () => [label('by', this.by)],
      dispersion: () => [],
      keyness: () => [],
    };
    const unit = DEFAULT_UNITS[tool];
    // The concordance alone has 'auto'; every other tool starts from its own default unit.
    (this.unit.querySelector('option[value="auto"]') as HTMLOptionElement).hidden = tool !== 'kwic';
    if (unit) this.unit.value = unit;
    if (tool === 'words') this.regex.checked = true;
    else if (tool === 'kwic') this.regex.checked = false;
    this.regex.disabled = tool === 'words';
    this.options.replaceChildren(
      ...opts[tool](),
      ...(unit ? [label('count', this.unit)] : []),
      ...(WITH_STOP_LIST.includes(tool) ? [label('stop words', this.stopList)] : []),
    );
    this.query.hidden = tool === 'ngrams';
    this.query.placeholder = PLACEHOLDERS[tool];
    this.subcorpus.placeholder = tool === 'keyness' ? 'Reference subcorpus (empty: the rest of the corpus), or a saved @name' : SUBCORPUS_PLACEHOLDER;
    // Keyness's target is a subcorpus too: it offers the saved ones.
    if (tool === 'keyness') this.query.setAttribute('list', 'corpus-saved-subcorpora');
    else this.query.removeAttribute('list');
    this.results.replaceChildren();
    this.status.textContent = '';
  }

  private async run(): Promise<void> {
    const seq = ++this.seq;
    const subcorpus = this.subcorpus.value.trim() || undefined;
    const q = this.query.value.trim();
    this.status.textContent = 'Counting…';
    try {
      const render = await this.compute(q, subcorpus);
      if (seq === this.seq) render();
    } catch (e) {
      if (seq !== this.seq) return;
      this.results.replaceChildren();
      this.status.textContent = errorMessage(e);
    }
  }

  /** Asks the service, then returns how to paint the answer (not painted if a newer run started). */
  private async compute(q: string, subcorpus: string | undefined): Promise<() => void> {
    const num = (input: HTMLInputElement, fallback: number) => (Number.isInteger(Number(input.value)) && input.value !== '' ? Number(input.value) : fallback);
    switch (this.tool) {
      case 'kwic': {
        if (!q) throw new Error('Type a query for its lines in context.');
        const r = await api.concordance({ query: q, sort: this.sort.value as ConcordanceSort, subcorpus, unit: this.unitChoice(), regex: this.regex.checked || undefined });
        if (r.error) throw new Error(r.error);
        return () => {
          this.status.textContent = `${r.total.toLocaleString()} line${r.total === 1 ? '' : 's'} of ${r.query}${r.subcorpus ? ` in ${r.subcorpus}` : ''}, sorted by ${r.sort}; ${r.unit ? `words matched by ${UNIT_LABELS[r.unit]}` : 'found by search'}.`;
          // Thousands of lines (8,112 for "government" in SOTU): put on the page in slices, one grid per line (styles.css).
          const rows = fillProgressively(h('div', { class: 'corpus-kwic', attrs: { role: 'list', 'aria-label': `Lines of ${r.query}` } }), r.lines.length, (i) => {
            const l = r.lines[i];
            return h(
              'div',
              { class: 'kwic-line', testid: 'kwic-line', attrs: { role: 'listitem', tabindex: 0 }, on: { click: () => this.hooks.openAt(l.docId, l.start, l.end), keydown: (e) => e.key === 'Enter' && this.hooks.openAt(l.docId, l.start, l.end) } },
              h('span', { class: 'kwic-doc', title: l.title }, l.docId),
              h('span', { class: 'kwic-before' }, h('span', null, l.before)),
              h('span', { class: 'kwic-key' }, l.keyword),
              h('span', { class: 'kwic-after' }, l.after),
            );
          }, { group: KWIC_GROUP });
          const header = ['document', 'date', 'start', 'end', 'before', 'keyword', 'after'];
          const csvRows = () => r.lines.map((l) => [l.docId, l.date, l.start, l.end, l.before, l.keyword, l.after]);
          this.results.replaceChildren(exportBar(csvExportButton('corpus-export-csv', 'concordance.csv', header, csvRows)), rows.list);
        };
      }
      case 'words': {
        const r = await api.wordList({ subcorpus, limit: 500, unit: this.unitChoice(), stopList: this.stopListChoice(), pattern: q || undefined });
        return () => {
          this.status.textContent = `${countingText(r)} ${r.subcorpus ? `${r.subcorpus}: ` : ''}${r.documents} documents, ${r.words.toLocaleString()} running words${r.counted !== r.words ? ` (${r.counted.toLocaleString()} counted)` : ''}, ${r.terms.toLocaleString()} distinct${r.pattern ? `, ${r.matching.toLocaleString()} matching ${r.pattern}` : ''}. The first ${r.rows.length}:`;
          const unit = r.unit;
          this.table(
            ['rank', 'word', 'frequency', 'documents', 'per million', 'forms'],
            r.rows.map((w, i) => [i + 1, unit === 'stem' ? w.form : w.term, w.frequency, w.documents, w.perMillion, w.forms.join(', ')]),
            (i) => this.open('kwic', `"${r.rows[i].form}"`, unit),
            'words.csv',
          );
        };
      }
      case 'ngrams': {
        const r = await api.ngrams({ n: num(this.n, 2), min: num(this.min, 2), subcorpus, limit: 500, unit: this.unitChoice(), stopList: this.stopListChoice() });
        return () => {
          this.status.textContent = `${countingText(r)} ${r.distinct.toLocaleString()} ${r.n}-grams at least ${r.min} times (of ${r.total.toLocaleString()} counted; none crosses punctuation or a sentence end). The first ${r.rows.length}:`;
          const unit = r.unit;
          this.table(
            ['n-gram', 'frequency', 'documents'],
            r.rows.map((g) => [g.ngram, g.frequency, g.documents]),
            (i) => this.open('kwic', `"${r.rows[i].phrase}"`, unit),
            'ngrams.csv',
          );
        };
      }
      case 'collocates': {
        if (!q) throw new Error('Type a term for its collocates.');
        const r = await api.collocates({
          term: q,
          window: num(this.window, 5),
          measure: this.measure.value as AssociationMeasure,
          min: num(this.collocateMin, 3),
          subcorpus,
          limit: 200,
          unit: this.unitChoice(),
          stopList: this.stopListChoice(),
        });
        return () => {
          this.status.textContent = `${countingText(r)} “${r.node}”: ${r.nodeFrequency} uses; within ±${r.window} words: ${r.windowWords.toLocaleString()} of ${r.words.toLocaleString()} running words. Ranked by ${r.measure}.`;
          const unit = r.unit;
          this.table(
            ['collocate', 'together', 'frequency', 'log-Dice', 'MI', 't', 'G²'],
            r.rows.map((c) => [c.form, c.together, c.frequency, c.logDice.toFixed(2), c.mi.toFixed(2), c.t.toFixed(2), c.g2.toFixed(2)]),
            (i) => this.open('kwic', `"${r.rows[i].form}"`, unit),
            'collocates.csv',
          );
        };
      }
      case 'keyness': {
        if (!q) throw new Error('Type the subcorpus to characterise, e.g. party:Republican.');
        const r = await api.keyness({ target: q, reference: subcorpus, limit: 100, unit: this.unitChoice(), stopList: this.stopListChoice() });
        return () => {
          const formulas = r.formulaWords[0] + r.formulaWords[1];
          this.status.textContent = `${countingText(r)} ${r.target}: ${r.targetDocuments} documents, ${r.targetWords.toLocaleString()} words, against ${r.reference || 'the rest of the corpus'}: ${r.referenceDocuments} documents, ${r.referenceWords.toLocaleString()} words. By log-likelihood (G² ≥ 3.84: p < 0.05); ${formulas ? `formulas found within these documents left out (${formulas.toLocaleString()} words; each row says its own)` : 'no formulas found'}.`;
          const chart = keynessChart(r);
          const header = ['word', 'direction', 'G²', 'log ratio', 'target', 'reference', 'uses in formulas (left out)'];
          const all = [...r.over.map((k) => ['more', k] as const), ...r.under.map((k) => ['less', k] as const)];
          const rows = all.map(([dir, k]) => [
            k.term,
            dir,
            Math.round(k.g2 * 100) / 100,
            Math.round(k.logRatio * 100) / 100,
            k.countLeft,
            k.countRight,
            k.inFormulas ? `${k.inFormulas[0]} + ${k.inFormulas[1]}` : '',
          ]);
          // Rows are not clickable: the concordance counts formulas, which keyness leaves out, so its lines would not be the cell's count.
          this.paintChart('keyness', chart, header, rows);
        };
      }
      case 'dispersion': {
        if (!q) throw new Error('Type a query to see where its hits fall.');
        const r = await api.dispersion({ query: q });
        if (r.error) throw new Error(r.error);
        return () => {
          const hits = r.documents.reduce((n, d) => n + d.hits.length, 0);
          this.status.textContent = `${hits.toLocaleString()} hits of ${r.query} in ${r.documents.length} documents, by date.`;
          const chart = dispersionChart(r);
          const header = ['document', 'date', 'hits', 'words', 'hits per 10,000 words'];
          const rows = r.documents.map((d) => [d.docId, d.date, d.hits.length, d.words, Math.round((d.hits.length / Math.max(1, d.words)) * 1e6) / 100]);
          this.paintChart('dispersion', chart, header, rows);
        };
      }
      case 'trend': {
        const terms = q.split(/\s+/).filter(Boolean);
        if (!terms.length) throw new Error('Type one or more terms for their trend.');
        const r = await api.trend({ terms, by: this.by.value.trim() || 'year', subcorpus, unit: this.unitChoice() });
        return () => this.paintTrend(r);
      }
    }
  }

  private paintTrend(r: TrendResult): void {
    this.status.textContent = `Counting ${UNIT_LABELS[r.unit]}: uses per million running words of ${r.terms.map((t, k) => (t === r.stems[k] ? t : `${t} (${r.stems[k]})`)).join(', ')} by ${r.by} (${r.groups.length} groups).`;
    const header = [r.by, 'documents', 'words', ...r.terms.flatMap((t) => [`${t}: uses`, `${t}: per million`])];
    const rows = r.groups.map((g) => [g.key, g.documents, g.words, ...g.counts.flatMap((c, k) => [c, g.perMillion[k]])]);
    this.paintChart('trend', trendChart(r), header, rows);
  }

  /** A chart, its exports (SVG, PNG, CSV) and the data table that holds every point of it. */
  private paintChart(name: string, chart: SVGSVGElement, header: string[], rows: (string | number)[][]): void {
    this.results.replaceChildren(
      exportBar(
        exportButton('SVG', 'corpus-export-svg', () => downloadText(`${name}.svg`, svgFile(chart), 'image/svg+xml')),
        exportButton('PNG', 'corpus-export-png', () => void pngFile(chart).then((png) => saveBlob(png, `${name}.png`), (e) => (this.status.textContent = errorMessage(e)))),
        csvExportButton('corpus-export-csv', `${name}.csv`, header, rows),
      ),
      h('figure', { class: 'chart-figure' }, chart, h('figcaption', { class: 'muted' }, 'The data table below holds every point of the chart.')),
      longDataTable(header, rows, `${name}-table`),
    );
  }

  private table(header: string[], rows: (string | number)[][], open: (i: number) => void, filename: string): void {
    this.results.replaceChildren(exportBar(csvExportButton('corpus-export-csv', filename, header, rows)), longDataTable(header, rows, 'corpus-table', open));
  }
}
