/**
 * One part of the token-index bench (bench/tokenIndex.ts) in a fresh process, so that the vocabulary
 * starts empty and the heap is the corpus's own: `node --expose-gc --import tsx bench/tokenChild.ts
 * corpus NAME tools|no-tools` or `… launch DIR [first]`. Prints its figures as JSON on stdout, progress on stderr.
 */
import type { CorpusName } from './corpora';
import { launchOnce, measureCorpus } from './tokenIndex';

async function main() {
  const [mode, arg, flag] = process.argv.slice(2);
  const out = mode === 'launch' ? await launchOnce(arg, flag === 'first') : await measureCorpus(arg as CorpusName, flag === 'tools');
  process.stdout.write(JSON.stringify(out));
}
main().catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
