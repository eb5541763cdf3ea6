/**
 * The dispersion plot (AntConc's Plot): one bar per document, a tick where each hit falls in its
 * text, so a reader sees at a glance whether a term runs through a speech or clusters in one part.
 * SVG with a d3 linear scale; the data table beside it lists each document's hits.
 */
import { scaleLinear } from 'd3-scale';
import type { DispersionResult } from '../../app/common/corpusTools';
import { svgEl } from './svg';

const W = 720;
const ROW = 18;
const LABEL = 190;

export function dispersionChart(r: DispersionResult): SVGSVGElement {
  const rows = r.documents;
  const H = rows.length * ROW + 24;
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart dispersion-chart', role: 'img', 'data-testid': 'dispersion-chart' });
  svg.append(svgEl('title', {}, `Where the hits of ${r.query} fall in each document`));
  const x = scaleLinear().domain([0, 1]).range([LABEL, W - 10]);
  rows.forEach((d, i) => {
    const y = 8 + i * ROW;
    const g = svgEl('g', { class: 'dispersion-row', 'data-doc-id': d.docId });
    g.append(svgEl('text', { x: LABEL - 8, y: y + 11, 'text-anchor': 'end', class: 'tick' }, `${d.docId.slice(0, 28)} (${d.hits.length})`));
    g.append(svgEl('rect', { x: LABEL, y, width: W - 10 - LABEL, height: ROW - 4, class: 'dispersion-bar' }));
    for (const at of d.hits) g.append(svgEl('line', { x1: x(at / d.chars), x2: x(at / d.chars), y1: y, y2: y + ROW - 4, class: 'dispersion-hit' }));
    svg.append(g);
  });
  svg.append(svgEl('text', { x: LABEL, y: H - 4, class: 'tick' }, 'start of the text'));
  svg.append(svgEl('text', { x: W - 10, y: H - 4, 'text-anchor': 'end', class: 'tick' }, 'end'));
  return svg;
}
