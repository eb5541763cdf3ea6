/**
 * The trend chart: each term's uses per million words across the groups (years, speakers, party…),
 * one line per term, as SVG built with d3-scale and d3-shape (scales and line paths: the parts of a
 * chart a library does better than hand-written arithmetic; the DOM stays ours, so nothing but
 * elements and numbers reaches the page). A data table beside it says the same numbers.
 */
import { scaleLinear, scalePoint } from 'd3-scale';
import { line } from 'd3-shape';
import type { TrendResult } from '../../app/common/corpusTools';
import { svgEl } from './svg';

const W = 720;
const H = 300;
const M = { top: 16, right: 16, bottom: 56, left: 56 };
const el = svgEl;

/** Series colours that read on light and dark backgrounds (the stylesheet maps them per theme). */
export const SERIES = 8;

export function trendChart(r: TrendResult): SVGSVGElement {
  const svg = el('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart trend-chart', role: 'img', 'data-testid': 'trend-chart' });
  svg.append(el('title', {}, `Uses per million words of ${r.terms.join(', ')} by ${r.by}`));
  const keys = r.groups.map((g) => g.key);
  const x = scalePoint<string>().domain(keys).range([M.left, W - M.right]).padding(0.5);
  const max = Math.max(1, ...r.groups.flatMap((g) => g.perMillion));
  const y = scaleLinear().domain([0, max]).nice().range([H - M.bottom, M.top]);
  // Axes: y ticks with grid lines; x labels thinned to about 20 so they do not overlap.
  const axes = el('g', { class: 'axes' });
  for (const t of y.ticks(5)) {
    axes.append(el('line', { x1: M.left, x2: W - M.right, y1: y(t), y2: y(t), class: 'grid' }));
    axes.append(el('text', { x: M.left - 6, y: y(t) + 4, 'text-anchor': 'end', class: 'tick' }, String(t)));
  }
  const every = Math.max(1, Math.ceil(keys.length / 20));
  keys.forEach((k, i) => {
    if (i % every) return;
    axes.append(el('text', { x: x(k)!, y: H - M.bottom + 14, 'text-anchor': 'end', transform: `rotate(-40 ${x(k)} ${H - M.bottom + 14})`, class: 'tick' }, k.slice(0, 18)));
  });
  axes.append(el('text', { x: 14, y: M.top + (H - M.top - M.bottom) / 2, transform: `rotate(-90 14 ${M.top + (H - M.top - M.bottom) / 2})`, 'text-anchor': 'middle', class: 'axis-label' }, 'per million words'));
  svg.append(axes);
  r.terms.forEach((term, k) => {
    const points: [number, number][] = r.groups.map((g) => [x(g.key)!, y(g.perMillion[k])]);
    const path = line()(points) ?? '';
    const g = el('g', { class: `series series-${k % SERIES}`, 'data-term': term });
    g.append(el('path', { d: path, fill: 'none', class: 'series-line' }));
    r.groups.forEach((grp, i) => {
      const dot = el('circle', { cx: points[i][0], cy: points[i][1], r: 2.5, class: 'series-dot' });
      dot.append(el('title', {}, `${term}, ${grp.key}: ${grp.counts[k]} uses, ${grp.perMillion[k]} per million of ${grp.words} words`));
      g.append(dot);
    });
    svg.append(g);
    svg.append(el('text', { x: W - M.right - 4, y: M.top + 14 * (k + 1), 'text-anchor': 'end', class: `legend series-${k % SERIES}` }, `— ${term}`));
  });
  return svg;
}
