/**
 * One index build in a fresh process, so that its peak RSS is its own: `node --import tsx
 * bench/buildChild.ts CORPUS stock|lectern` prints {ms, peakRssMb, baseRssMb, bytes, resultsHash}.
 */
import { createHash } from 'node:crypto';
import type lunr from 'lunr';
import { buildIndex } from '../app/core/indexing/buildIndex';
import { buildLunrIndex } from '../app/core/searchIndex';
import { documentsOf, type CorpusName } from './corpora';
import { INDEX_QUERIES } from './queries';

async function main() {
  const [name, builder] = process.argv.slice(2) as [CorpusName, 'stock' | 'lectern'];
  const docs = await documentsOf(name);
  const baseRssMb = process.memoryUsage().rss / 1048576;
  const t = performance.now();
  const index: lunr.Index = builder === 'stock' ? buildLunrIndex(docs) : (await buildIndex(docs)).index;
  const ms = performance.now() - t;
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  // The identical-results check: every query's refs and scores, hashed (the JSON of SOTU × 10 is too large to ship).
  const h = createHash('sha256');
  for (const q of INDEX_QUERIES) h.update(JSON.stringify(index.search(q).map((r) => [r.ref, r.score])));
  let bytes = 0;
  let jsonHash = '';
  if (name !== 'sotu10') {
    const json = JSON.stringify(index);
    bytes = Buffer.byteLength(json);
    jsonHash = createHash('sha256').update(json).digest('hex');
  }
  process.stdout.write(JSON.stringify({ ms, peakRssMb, baseRssMb, bytes, resultsHash: h.digest('hex'), jsonHash }));
}
void main();
