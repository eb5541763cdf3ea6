/**
 * The corpus at a glance, in the reader pane when no document is open: documents per year and per
 * speaker (charts, each with its data table), the leading speakers' distinctive terms, the latest
 * tagged passages and the documents that report the same event. Every part opens what it shows.
 */
import { scaleBand, scaleLinear } from 'd3-scale';
import type { CorpusOverview } from '../../app/common/corpusTools';
import { dataTable, type Cell } from '../ui/dataTable';
import { h } from '../ui/dom';
import { svgEl } from './svg';

export interface OverviewActions {
  openDocument(id: string, offset?: number): void;
  /** A term of a speaker: its concordance in the Corpus view. */
  concordance(query: string): void;
  compare(left: string, right: string): void;
}

const W = 560;

function barChart(rows: { key: string; documents: number }[], testid: string, label: string, horizontal: boolean): SVGSVGElement {
  const max = Math.max(1, ...rows.map((r) => r.documents));
  if (horizontal) {
    const H = rows.length * 18 + 8;
    const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart overview-chart', role: 'img', 'data-testid': testid });
    svg.append(svgEl('title', {}, label));
    const x = scaleLinear().domain([0, max]).range([0, W - 230]);
    rows.forEach((r, i) => {
      const y = 4 + i * 18;
      const g = svgEl('g', { class: 'overview-bar' });
      g.append(svgEl('text', { x: 176, y: y + 11, 'text-anchor': 'end', class: 'tick' }, r.key.slice(0, 28)));
      g.append(svgEl('rect', { x: 182, y, width: Math.max(1, x(r.documents)), height: 13 }));
      g.append(svgEl('text', { x: 186 + x(r.documents), y: y + 11, class: 'tick' }, String(r.documents)));
      svg.append(g);
    });
    return svg;
  }
  const H = 140;
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart overview-chart', role: 'img', 'data-testid': testid });
  svg.append(svgEl('title', {}, label));
  const x = scaleBand<string>()
    .domain(rows.map((r) => r.key))
    .range([30, W - 6])
    .padding(0.15);
  const y = scaleLinear().domain([0, max]).nice().range([H - 22, 6]);
  for (const t of y.ticks(Math.min(3, max)).filter(Number.isInteger)) {
    svg.append(svgEl('line', { x1: 30, x2: W - 6, y1: y(t), y2: y(t), class: 'grid' }));
    svg.append(svgEl('text', { x: 26, y: y(t) + 3, 'text-anchor': 'end', class: 'tick' }, String(t)));
  }
  rows.forEach((r) => {
    const bar = svgEl('rect', { x: x(r.key)!, y: y(r.documents), width: Math.max(1, x.bandwidth()), height: y(0) - y(r.documents), class: 'overview-bar-v' });
    bar.append(svgEl('title', {}, `${r.key}: ${r.documents} document(s)`));
    svg.append(bar);
  });
  const first = rows[0]?.key ?? '';
  const last = rows[rows.length - 1]?.key ?? '';
  svg.append(svgEl('text', { x: 30, y: H - 6, class: 'tick' }, first));
  svg.append(svgEl('text', { x: W - 6, y: H - 6, 'text-anchor': 'end', class: 'tick' }, last));
  return svg;
}

/** A chart's numbers, folded away under it. */
function chartData(header: string[], rows: Cell[][], testid: string): HTMLElement {
  return h('details', { class: 'overview-data' }, h('summary', null, 'Data table'), dataTable(header, rows, testid));
}

/** A list of links, each opening what it names, with a muted note after it. */
function linkList(testid: string, items: { label: string; title?: string; note: string; open: () => void }[]): HTMLElement {
  return h(
    'ul',
    { class: testid, testid },
    ...items.map((it) => h('li', null, h('button', { class: 'link-button', title: it.title, on: { click: it.open } }, it.label), h('span', { class: 'muted' }, it.note))),
  );
}

export function renderOverview(o: CorpusOverview, actions: OverviewActions): HTMLElement {
  if (o.documents === 0) return h('div', { class: 'overview', testid: 'overview' }, h('p', { class: 'reader-empty-title' }, 'No documents yet'));
  const section = (title: string, ...body: (HTMLElement | SVGElement | null)[]) => h('section', { class: 'overview-section' }, h('h3', null, title), ...body);
  return h(
    'div',
    { class: 'overview', testid: 'overview' },
    h('p', { class: 'reader-empty-title' }, `${o.documents.toLocaleString()} documents, ${o.words.toLocaleString()} words`),
    h('p', { class: 'muted' }, 'Open a document from the library, or press ', h('kbd', null, '/'), ' to search. ', h('kbd', null, '?'), ' lists every shortcut.'),
    section(
      'Documents per year',
      barChart(o.perYear, 'overview-years', 'Documents per year', false),
      chartData(['year', 'documents', 'words'], o.perYear.map((r) => [r.key, r.documents, r.words]), 'overview-years-table'),
    ),
    o.perSpeaker.length
      ? section(
          `Speakers${o.speakers > o.perSpeaker.length ? ` (the ${o.perSpeaker.length} with most words, of ${o.speakers})` : ''}`,
          barChart(o.perSpeaker, 'overview-speakers', 'Documents per speaker', true),
          chartData(['speaker', 'documents', 'words'], o.perSpeaker.map((r) => [r.key, r.documents, r.words]), 'overview-speakers-table'),
        )
      : null,
    o.distinctive.length
      ? section(
          'Distinctive words (each speaker against the rest; lower-cased forms, the built-in stop list left out)',
          h(
            'ul',
            { class: 'overview-distinctive', testid: 'overview-distinctive' },
            ...o.distinctive.map((d) =>
              h(
                'li',
                null,
                h('strong', null, d.speaker),
                ': ',
                ...d.terms.flatMap((t, i) => [
                  i ? ', ' : '',
                  h('button', { class: 'link-button', title: `G² ${t.g2}: its lines in context`, on: { click: () => actions.concordance(`${t.term} speaker:"${d.speaker}"`) } }, t.term),
                ]),
                d.terms.length ? '' : 'none significant',
              ),
            ),
          ),
        )
      : null,
    o.recentTags.length
      ? section(
          'Recently tagged',
          linkList(
            'overview-tags',
            o.recentTags.map((a) => ({
              label: `“${a.quote.slice(0, 90)}${a.quote.length > 90 ? '…' : ''}”`,
              note: ` — ${a.citation.title}`,
              open: () => actions.openDocument(a.docId, a.orphan ? undefined : a.start),
            })),
          ),
        )
      : null,
    o.sameEvent.length
      ? section(
          'Reports of the same event',
          linkList(
            'overview-same',
            o.sameEvent.map((g) => ({
              label: g.documentIds.join(' · '),
              title: 'Compare the first two side by side',
              note: ` (similarity ${g.similarity.toFixed(2)})`,
              open: () => actions.compare(g.documentIds[0], g.documentIds[1]),
            })),
          ),
        )
      : null,
  );
}
