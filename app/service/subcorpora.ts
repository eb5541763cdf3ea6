/**
 * Saved subcorpora of the open corpus (core/subcorpora.ts): list, save, rename, delete; and the saved
 * entries for the tools that take a subcorpus, read only when a request names one (`@name`).
 */
import type { LecternApi } from '../common/contract';
import { LecternError } from '../common/errors';
import { savedReference, type SavedSubcorpora, type SubcorpusList } from '../common/subcorpora';
import type { SavedSubcorpus } from '../common/subcorpora';
import { readSubcorpora, subcorpusView, withDeleted, withRenamed, withSaved, writeSubcorpora } from '../core/subcorpora';
import type { ServiceContext } from './context';

type SubcorpusMethods = Pick<LecternApi, 'subcorpora' | 'saveSubcorpus' | 'renameSubcorpus' | 'deleteSubcorpus'>;

/**
 * The saved subcorpora when one of `texts` (subcorpus queries, compare sides) names one, else
 * undefined: the file is read per request, so a subcorpus saved by the CLI or another window counts at once.
 */
export async function savedSubcorporaFor(ctx: ServiceContext, ...texts: (string | undefined)[]): Promise<SavedSubcorpora | undefined> {
  if (!texts.some((t) => savedReference(t) !== null)) return undefined;
  return readSubcorpora(ctx.keeper.corpusDir);
}

export function subcorpusMethods(ctx: ServiceContext): SubcorpusMethods {
  const docs = () => ctx.keeper.corpus.documents;
  const list = (entries: SavedSubcorpus[], problem: string | null): SubcorpusList => ({
    subcorpora: entries.map((e) => subcorpusView(docs(), e)),
    problem,
  });

  /** Writes one after another, each reading the file as the last one left it. */
  let writing: Promise<unknown> = Promise.resolve();
  function change<T>(edit: (entries: SavedSubcorpus[]) => { entries: SavedSubcorpus[] } & T): Promise<SubcorpusList & T> {
    const run = async () => {
      const dir = ctx.keeper.corpusDir;
      if (ctx.keeper.corpus.error) throw new LecternError(`${ctx.keeper.corpus.error} Open another corpus to save subcorpora.`, 'unavailable');
      const current = await readSubcorpora(dir);
      // A file Lectern cannot read is never overwritten: the user's entries in it would be lost.
      if (current.problem) throw new LecternError(current.problem, 'store-unreadable');
      const { entries, ...rest } = edit(current.entries);
      await writeSubcorpora(dir, entries);
      return { ...list(entries, null), ...(rest as T) };
    };
    const result = writing.then(run, run);
    writing = result.catch(() => undefined);
    return result;
  }

  return {
    async subcorpora() {
      const { entries, problem } = await readSubcorpora(ctx.keeper.corpusDir);
      return list(entries, problem);
    },
    saveSubcorpus: (req) =>
      change((entries) => {
        const r = withSaved(entries, docs(), req.name, req.query);
        return { entries: r.entries, saved: subcorpusView(docs(), r.saved), replaced: r.replaced };
      }),
    renameSubcorpus: (req) =>
      change((entries) => {
        const r = withRenamed(entries, req.name, req.newName);
        return { entries: r.entries, renamed: subcorpusView(docs(), r.renamed) };
      }),
    deleteSubcorpus: (req) => change((entries) => withDeleted(entries, req.name)),
  };
}
