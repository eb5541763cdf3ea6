/** Renders bench/results.json as docs/PERFORMANCE.md: the tables, the targets checked, how to reproduce. */

interface QueryRow {
  query: string;
  kind: string;
  p50Ms: Record<'lectern' | 'stock' | 'minisearch' | 'scan', number>;
  p95Ms: Record<'lectern' | 'stock' | 'minisearch' | 'scan', number>;
}

export interface CorpusResult {
  documents: number;
  passages: number;
  words: number;
  build: { stockMs: number; lecternMs: number; ratio: number; identical: boolean };
  peakRssMb: { stock: number; lectern: number; documentsOnly?: number };
  serializedBytes: number | null;
  coldLoadMs: number | null;
  warmStartMs: number;
  updateOneMs: number;
  queries: QueryRow[];
}

export interface Results {
  machine: { cpus: number; cpuModel: string; node: string; date: string };
  corpora: Record<string, CorpusResult>;
  compare?: { leftWords: number; rightWords: number; medianMs: number; maxMs: number };
  paint?: { keys: number; p50Ms: number; p95Ms: number; maxMs: number };
}

const fmt = (n: number | null | undefined, digits = 0) => (n === null || n === undefined ? '—' : n.toFixed(digits));
const yes = (ok: boolean) => (ok ? 'reached' : '**not reached**');

export function performanceReport(r: Results, narrative: string): string {
  const lines: string[] = [];
  lines.push('# Performance', '');
  lines.push(
    `Measured by \`npm run bench\` on ${r.machine.cpus} × ${r.machine.cpuModel || 'CPU'}, Node ${r.machine.node}, ${r.machine.date.slice(0, 10)}. Every ratio compares two figures taken in the same run. Re-run it with \`npm run bench\` (all corpora, several minutes) or \`npm run bench -- --corpus sotu\`; it rewrites this page and \`bench/results.json\`.`,
    '',
  );
  lines.push(
    '| corpus | documents | passages | words | build stock | build Lectern | ratio | identical | peak RSS stock | peak RSS Lectern | serialised | cold load | launch → first query (warm) | update one document |',
  );
  lines.push('| --- | ---: | ---: | ---: | ---: | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, c] of Object.entries(r.corpora)) {
    lines.push(
      `| ${name} | ${c.documents} | ${c.passages} | ${c.words} | ${c.build.stockMs} ms | ${c.build.lecternMs} ms | ${fmt(c.build.ratio, 1)}× | ${c.build.identical ? 'yes' : 'NO'} | ${c.peakRssMb.stock} MB | ${c.peakRssMb.lectern} MB | ${c.serializedBytes ? `${(c.serializedBytes / 1048576).toFixed(1)} MB` : '—'} | ${c.coldLoadMs === null ? '—' : `${c.coldLoadMs} ms`} | ${c.warmStartMs} ms | ${c.updateOneMs} ms |`,
    );
  }
  for (const [name, c] of Object.entries(r.corpora)) {
    lines.push('', `## Query latency, ${name} (ms, p50 / p95)`, '');
    lines.push('| kind | query | Lectern | stock Lunr | MiniSearch | regex scan |', '| --- | --- | ---: | ---: | ---: | ---: |');
    for (const q of c.queries) {
      const cell = (k: keyof QueryRow['p50Ms']) => `${fmt(q.p50Ms[k], 2)} / ${fmt(q.p95Ms[k], 2)}`;
      lines.push(`| ${q.kind} | \`${q.query}\` | ${cell('lectern')} | ${cell('stock')} | ${cell('minisearch')} | ${cell('scan')} |`);
    }
  }
  const sotu = r.corpora.sotu;
  if (sotu) {
    const queriesUnder10 = sotu.queries.every((q) => q.p95Ms.lectern < 10);
    const belowMini = sotu.queries.filter((q) => q.p95Ms.lectern < q.p95Ms.minisearch).length;
    const fasterThanScan = sotu.queries.every((q) => q.p95Ms.lectern < q.p95Ms.scan);
    lines.push('', '## Targets (SOTU)', '');
    lines.push('| target | measured | |', '| --- | --- | --- |');
    lines.push(
      `| build ≥ 8× faster than stock Lunr, identical results | ${fmt(sotu.build.ratio, 1)}×, identical: ${sotu.build.identical} | ${yes(sotu.build.ratio >= 8 && sotu.build.identical)} |`,
    );
    lines.push(
      `| peak memory while building ≤ half of stock's | ${sotu.peakRssMb.lectern} MB vs ${sotu.peakRssMb.stock} MB | ${yes(sotu.peakRssMb.lectern <= sotu.peakRssMb.stock / 2)} |`,
    );
    lines.push(`| launch to first answered query, warm cache, < 0.5 s | ${sotu.warmStartMs} ms | ${yes(sotu.warmStartMs < 500)} |`);
    lines.push(`| every query p95 < 10 ms | worst ${Math.max(...sotu.queries.map((q) => q.p95Ms.lectern)).toFixed(1)} ms | ${yes(queriesUnder10)} |`);
    lines.push(`| every query p95 below MiniSearch's | ${belowMini} of ${sotu.queries.length} | ${yes(belowMini === sotu.queries.length)} |`);
    if (r.paint)
      lines.push(
        `| keystroke to painted results p95 < 50 ms (Chromium) | p50 ${r.paint.p50Ms} ms, p95 ${r.paint.p95Ms} ms over ${r.paint.keys} keys | ${yes(r.paint.p95Ms < 50)} |`,
      );
    lines.push(
      `| every query faster than the regex scan | ${sotu.queries.filter((q) => q.p95Ms.lectern < q.p95Ms.scan).length} of ${sotu.queries.length} | ${yes(fasterThanScan)} |`,
    );
    lines.push(
      `| one changed document: < 5% of a full stock build | ${sotu.updateOneMs} ms = ${((sotu.updateOneMs / sotu.build.stockMs) * 100).toFixed(1)}% | ${yes(sotu.updateOneMs < 0.05 * sotu.build.stockMs)} |`,
    );
    const x10 = r.corpora.sotu10;
    if (x10) {
      lines.push(
        `| SOTU × 10 within 2 GB RSS, growth about linear | ${x10.peakRssMb.lectern} MB; time ×${(x10.build.lecternMs / sotu.build.lecternMs).toFixed(1)}, memory ×${(x10.peakRssMb.lectern / sotu.peakRssMb.lectern).toFixed(1)} for 10× the text | ${yes(x10.peakRssMb.lectern <= 2048)} |`,
      );
    }
  }
  if (r.compare) {
    lines.push(
      '',
      '## Compare',
      '',
      `Theodore Roosevelt (${r.compare.leftWords} words) against Grover Cleveland (${r.compare.rightWords} words): median ${r.compare.medianMs} ms, slowest ${r.compare.maxMs} ms (target: under 2 s).`,
    );
  }
  lines.push('', narrative.trim(), '');
  return lines.join('\n');
}
