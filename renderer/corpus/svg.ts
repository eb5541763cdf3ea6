/** SVG elements for the charts, made with the DOM (attributes and text only: nothing is parsed as markup). */
const SVG_NS = 'http://www.w3.org/2000/svg';

export function svgEl<K extends keyof SVGElementTagNameMap>(name: K, attrs: Record<string, string | number>, text?: string): SVGElementTagNameMap[K] {
  const e = document.createElementNS(SVG_NS, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  if (text !== undefined) e.textContent = text;
  return e;
}

/** A chart as a standalone SVG file (its colours inlined: an exported file has no stylesheet). */
export function svgFile(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  copy.setAttribute('xmlns', SVG_NS);
  const source = svg.querySelectorAll('*');
  copy.querySelectorAll('*').forEach((node, i) => {
    const style = getComputedStyle(source[i]);
    for (const p of ['fill', 'stroke', 'stroke-width', 'font-size', 'font-family']) (node as SVGElement).style.setProperty(p, style.getPropertyValue(p));
  });
  return `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(copy)}`;
}

/** Pixels per CSS pixel of an exported PNG: sharp on a slide or in print without being huge. */
const PNG_SCALE = 2;

/**
 * A chart as a PNG: its standalone SVG drawn on a canvas over the page's background colour (a
 * transparent PNG is unreadable on a dark slide). The SVG is loaded as an image from a blob: URL the
 * page made itself, which is why the CSP's img-src allows blob: (and still nothing remote).
 */
export async function pngFile(svg: SVGSVGElement): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const url = URL.createObjectURL(new Blob([svgFile(svg)], { type: 'image/svg+xml' }));
  try {
    const image = new Image(width, height);
    image.src = url;
    await image.decode();
    const canvas = document.createElement('canvas');
    canvas.width = Math.round(width * PNG_SCALE);
    canvas.height = Math.round(height * PNG_SCALE);
    const ctx = canvas.getContext('2d')!;
    ctx.fillStyle = getComputedStyle(svg.closest('section') ?? document.body).backgroundColor || '#ffffff';
    ctx.fillRect(0, 0, canvas.width, canvas.height);
    ctx.drawImage(image, 0, 0, canvas.width, canvas.height);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The chart could not be drawn as a PNG.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
