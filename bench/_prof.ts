import { sotuDocuments } from './sotu';
import { warmTokens } from '../app/core/tokenIndex/documentTokens';
import { ngrams } from '../app/core/corpusTools/ngrams';
import { corpusOverview } from '../app/core/corpusTools/overview';
import { collocates } from '../app/core/corpusTools/collocates';
import { subcorpusKeyness } from '../app/core/corpusTools/keyness';
import { Session } from 'node:inspector/promises';
import { writeFileSync } from 'node:fs';
async function main() {
  const docs = sotuDocuments(1);
  await warmTokens(docs);
  const s = new Session(); s.connect();
  await s.post('Profiler.enable'); 
  for (const [name, fn] of [
    ['ngrams', (d: typeof docs) => ngrams(d, 3, { limit: 500 })],
    ['overview', (d: typeof docs) => corpusOverview(d)],
    ['collocates', (d: typeof docs) => collocates(d, 'government')],
    ['keyness', (d: typeof docs) => subcorpusKeyness(d, 'year:1980..1989')],
    ['tokens', (d: typeof docs) => warmTokens(d)],
  ] as const) {
    const fresh = docs.map((x) => ({ ...x }));
    if (name !== 'tokens') await warmTokens(fresh);
    await s.post('Profiler.start');
    const t = performance.now();
    await fn(fresh);
    console.log(name, Math.round(performance.now() - t));
    const { profile } = await s.post('Profiler.stop');
    writeFileSync(`/tmp/tb/${name}.cpuprofile`, JSON.stringify(profile));
  }
}
void main();
