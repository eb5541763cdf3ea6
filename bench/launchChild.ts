/**
 * Launch to first answered query in a fresh process, as the app starts: open the service on a corpus
 * folder (warm cache), answer one query. Prints {ms, source}.
 */
import { openService } from '../app/service/openService';

async function main() {
  const t = performance.now();
  const service = await openService(process.argv[2]);
  const res = await service.search({ query: 'people' });
  const ms = performance.now() - t;
  const lib = await service.library({});
  process.stdout.write(JSON.stringify({ ms, source: lib.index?.source, hits: res.documents.length }));
}
void main();
