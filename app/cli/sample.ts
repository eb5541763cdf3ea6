/** `lectern sample sotu --out DIR`: writes the sample corpus (the State of the Union addresses). */
import path from 'node:path';
import type { Command } from './command';

export const sampleCommand: Command = {
  name: 'sample',
  synopsis: 'sample sotu --out DIR                 write the sample corpus: 233 State of the Union addresses',
  usage: `Usage:
  lectern sample sotu --out DIR
      Writes the 233 State of the Union addresses (1790–2018; speakers, dates and party) into DIR,
      a new or empty folder, as a corpus to explore: then lectern serve --corpus DIR, or open it in the app.`,
  options: { valued: ['out'] },
  async run({ args, io, open }) {
    const [name, ...extra] = args.positionals;
    if (name !== 'sotu' || extra.length)
      throw args.misuse(
        name ? `There is no sample "${[name, ...extra].join(' ')}"; the sample corpus is "sotu".` : 'Name the sample: lectern sample sotu --out DIR.',
      );
    const out = args.value('out');
    if (!out) throw args.misuse('Give the folder to write it into: --out DIR.');
    const written = await (await open()).sampleCorpus({ dir: path.resolve(out) });
    io.out(`Wrote ${written.documents} State of the Union addresses to ${written.dir}.`);
    io.out(`Explore them: lectern serve --corpus ${JSON.stringify(written.dir)}`);
    return 0;
  },
};
