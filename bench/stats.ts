/** Percentiles of timings, one definition for every bench (nearest rank). */
export function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

/** p50/p95/p99 of unsorted samples, rounded to 0.1 ms (null with no samples). */
export function spread(samples: number[]): { n: number; p50: number; p95: number; p99: number } | null {
  if (samples.length === 0) return null;
  const s = [...samples].sort((a, b) => a - b);
  const r = (x: number) => Math.round(x * 10) / 10;
  return { n: s.length, p50: r(percentile(s, 50)), p95: r(percentile(s, 95)), p99: r(percentile(s, 99)) };
}
