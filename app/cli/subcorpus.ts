/** `lectern subcorpus list|save|rename|delete`: the corpus's saved subcorpora, used elsewhere as @name. */
import type { SubcorpusList, SubcorpusView } from '../common/subcorpora';
import type { Command } from './command';
import type { Io } from './exit';

const USAGE = `Usage:
  lectern subcorpus list [--corpus DIR] [--json]
      The saved subcorpora: each name, its metadata query and the documents it finds now.
  lectern subcorpus save NAME QUERY [--corpus DIR] [--json]
      Saves the metadata QUERY (year:1980..1989 party:Democratic) as NAME (1-60 characters), replacing
      the subcorpus of that name. Use it as @NAME wherever a subcorpus is taken: compare sides,
      keyness TARGET and --reference, and --subcorpus of kwic, words, ngrams, collocates and trend.
  lectern subcorpus rename NAME NEW_NAME [--corpus DIR] [--json]
  lectern subcorpus delete NAME [--corpus DIR] [--json]
      Saved subcorpora live in the corpus's .lectern/subcorpora.json.`;

const SUBCOMMANDS = ['list', 'save', 'rename', 'delete'] as const;

function line(s: SubcorpusView): string {
  const count = `${s.documents} document${s.documents === 1 ? '' : 's'}`;
  return `@${s.name}  ${s.query}  (${count}${s.problem ? `: ${s.problem}` : ''})`;
}

function printList(io: Io, list: SubcorpusList): void {
  if (list.problem) io.err(`lectern: ${list.problem}`);
  if (list.subcorpora.length === 0) io.out(list.problem ? '' : 'No subcorpus is saved yet. Save one with lectern subcorpus save NAME QUERY.');
  for (const s of list.subcorpora) io.out(line(s));
}

export const subcorpusCommand: Command = {
  name: 'subcorpus',
  synopsis: 'subcorpus list|save|rename|delete ...  saved subcorpora, used as @NAME (lectern subcorpus --help)',
  usage: USAGE,
  options: { flags: ['json'] },
  async run({ args, io, open }) {
    const [sub, ...rest] = args.positionals;
    if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? ''))
      throw args.misuse(sub ? `Unknown subcorpus command "${sub}".` : `subcorpus needs a command: ${SUBCOMMANDS.join(', ')}.`);
    const arity = { list: 0, save: 2, rename: 2, delete: 1 }[sub as (typeof SUBCOMMANDS)[number]];
    if (rest.length !== arity) {
      const want = { list: 'no arguments', save: 'a NAME and a QUERY (quote each)', rename: 'a NAME and a NEW_NAME', delete: 'a NAME' }[
        sub as (typeof SUBCOMMANDS)[number]
      ];
      throw args.misuse(`subcorpus ${sub} takes ${want}, got ${rest.length}${rest.length ? `: ${rest.map((r) => JSON.stringify(r)).join(' ')}` : ''}.`);
    }
    const service = await open();
    const json = args.has('json');
    if (sub === 'list') {
      const list = await service.subcorpora({});
      if (json) io.out(JSON.stringify(list, null, 2));
      else printList(io, list);
      return 0;
    }
    if (sub === 'save') {
      const r = await service.saveSubcorpus({ name: rest[0], query: rest[1] });
      io.out(json ? JSON.stringify(r, null, 2) : `${r.replaced ? 'Replaced' : 'Saved'} ${line(r.saved)}. Use it as @${r.saved.name}.`);
      return 0;
    }
    if (sub === 'rename') {
      const r = await service.renameSubcorpus({ name: rest[0], newName: rest[1] });
      io.out(json ? JSON.stringify(r, null, 2) : `Renamed to ${line(r.renamed)}.`);
      return 0;
    }
    const r = await service.deleteSubcorpus({ name: rest[0] });
    io.out(json ? JSON.stringify(r, null, 2) : `Deleted @${r.deleted}.`);
    return 0;
  },
};
