/**
 * The keyness chart: the terms a subcorpus uses most more (right, in the target's colour) and most
 * less (left) than its reference, each bar its G². SVG with a d3 linear scale; the data table beside
 * it holds every bar's numbers.
 */
import { scaleLinear } from 'd3-scale';
import type { KeynessResult } from '../../app/common/corpusTools';
import { svgEl } from './svg';

const W = 720;
const ROW = 16;
const SHOWN = 15;

export function keynessChart(r: KeynessResult): SVGSVGElement {
  const over = r.over.slice(0, SHOWN);
  const under = r.under.slice(0, SHOWN);
  const rows = Math.max(over.length, under.length);
  const H = rows * ROW + 30;
  const svg = svgEl('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart keyness-chart', role: 'img', 'data-testid': 'keyness-chart' });
  svg.append(svgEl('title', {}, `Terms ${r.target} uses more and less than ${r.reference || 'the rest of the corpus'}, by log-likelihood`));
  const max = Math.max(1, ...over.map((k) => k.g2), ...under.map((k) => k.g2));
  const mid = W / 2;
  const x = scaleLinear().domain([0, max]).range([0, mid - 110]);
  svg.append(svgEl('text', { x: mid + 4, y: 12, class: 'tick' }, `more in ${r.target.slice(0, 40)} →`));
  svg.append(svgEl('text', { x: mid - 4, y: 12, 'text-anchor': 'end', class: 'tick' }, `← less`));
  const bar = (k: KeynessResult['over'][number], i: number, side: 1 | -1) => {
    const y = 20 + i * ROW;
    const w = x(k.g2);
    const g = svgEl('g', { class: `keyness-bar ${side > 0 ? 'over' : 'under'}`, 'data-term': k.stem });
    g.append(svgEl('rect', { x: side > 0 ? mid : mid - w, y, width: Math.max(1, w), height: ROW - 4 }));
    g.append(svgEl('text', { x: side > 0 ? mid + w + 4 : mid - w - 4, y: y + 10, 'text-anchor': side > 0 ? 'start' : 'end', class: 'tick' }, k.term));
    g.firstChild!.appendChild(svgEl('title', {}, `${k.term}: G² ${k.g2.toFixed(2)}, ${k.countLeft} in the target, ${k.countRight} in the reference`));
    svg.append(g);
  };
  over.forEach((k, i) => bar(k, i, 1));
  under.forEach((k, i) => bar(k, i, -1));
  svg.append(svgEl('line', { x1: mid, x2: mid, y1: 16, y2: H - 6, class: 'grid' }));
  return svg;
}
