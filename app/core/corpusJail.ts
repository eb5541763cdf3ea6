/**
 * The corpus folder is a jail. Corpus text is untrusted, and so is the shape of the folder: a
 * symbolic link inside it may point anywhere (`corpus/passwd.txt -> /etc/passwd`, or
 * `corpus/linkdir -> /home/me`). Links are followed only to targets inside the corpus's real path,
 * both when files are read and when Lectern writes (documents, metadata, the tag store, caches).
 *
 * Node has no openat()/O_NOFOLLOW walk, so the check is made on real paths: a read checks the file it
 * opened (corpusFiles.ts), a write checks its folder before and after creating it. A link swapped in
 * the instant between that check and the rename is beyond it; whoever can do that can already write
 * in the corpus folder itself.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LecternError } from '../common/errors';

/** Whether `real` (a real path) is `root` (a real path) or inside it. */
export function isInside(root: string, real: string): boolean {
  const rel = path.relative(root, real);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/** The corpus folder's real path (its own link, like macOS's /tmp -> /private/tmp, is the corpus). */
export function corpusRoot(corpusDir: string): Promise<string> {
  return fs.realpath(corpusDir);
}

function refuse(target: string, corpusDir: string, why: string, action = 'write'): never {
  throw new LecternError(
    `Lectern will not ${action} ${target}: ${why}, outside the corpus folder ${corpusDir}. Remove the link, or make it point inside the corpus.`,
    'forbidden',
  );
}

/**
 * The real path that a write to (or read of) `target`, a path under corpusDir, lands on; refused
 * with a 'forbidden' LecternError when a link (of the target, of a folder above it, or `.lectern`
 * itself) leads it out of the corpus. The target and the folders above it need not exist yet: the
 * nearest one that does is resolved, and the rest appended (they will be created as real folders).
 */
export async function realPathInCorpus(corpusDir: string, target: string, action: 'write' | 'read' = 'write'): Promise<string> {
  const root = await corpusRoot(corpusDir);
  const abs = path.resolve(target);
  if (!isInside(path.resolve(corpusDir), abs) && !isInside(root, abs)) refuse(abs, corpusDir, 'it is not a path in the corpus', action);
  const rest: string[] = [];
  for (let at = abs; ; at = path.dirname(at)) {
    let real: string;
    try {
      real = await fs.realpath(at);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT' || path.dirname(at) === at) throw e;
      const st = await fs.lstat(at).catch(() => null);
      // A name that exists but cannot be resolved is a broken link: where it would lead is unknown.
      if (st?.isSymbolicLink()) refuse(abs, corpusDir, `${at} is a link to something that does not exist`, action);
      if (!st) {
        rest.unshift(path.basename(at));
        continue;
      }
      // Created between the two calls (another writer made .lectern or the cache folder): resolve it now.
      real = await fs.realpath(at);
    }
    const resolved = path.join(real, ...rest);
    if (!isInside(root, resolved)) refuse(abs, corpusDir, `a symbolic link leads it to ${resolved}`, action);
    return resolved;
  }
}

/**
 * After the folders of a write target were created: checks that its folder is still where
 * realPathInCorpus said (nothing swapped a folder for a link meanwhile).
 */
export async function confirmWriteFolder(corpusDir: string, resolvedTarget: string): Promise<void> {
  const folder = path.dirname(resolvedTarget);
  const real = await fs.realpath(folder);
  if (real !== folder || !isInside(await corpusRoot(corpusDir), real)) refuse(resolvedTarget, corpusDir, `its folder now leads to ${real}`);
}
