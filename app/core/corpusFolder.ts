/** Checks a folder before Lectern opens it as a corpus, and makes the folder of a new corpus. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { LecternError } from '../common/errors';

/** The folder as an absolute path, once it is known to exist, be a folder and be readable; else a LecternError saying what to do. */
export async function checkCorpusFolder(dir: string): Promise<string> {
  if (!dir.trim()) throw new LecternError('Enter the path of a folder to open as a corpus.');
  const abs = path.resolve(dir.trim());
  let st;
  try {
    st = await fs.stat(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new LecternError(
      code === 'ENOENT'
        ? `The folder ${abs} does not exist. Check the path, or use New Corpus to create it.`
        : `The folder ${abs} cannot be opened (${code}). Check its permissions, or choose another folder.`,
      'not-found',
    );
  }
  if (!st.isDirectory()) throw new LecternError(`${abs} is a file, not a folder. Choose the folder that holds the corpus's files.`);
  try {
    await fs.readdir(abs);
  } catch (e) {
    throw new LecternError(`The folder ${abs} cannot be read (${(e as NodeJS.ErrnoException).code}). Check its permissions, or choose another folder.`);
  }
  return abs;
}

/** Creates the folder of a new, empty corpus (an existing empty folder will do); a folder with files in it is refused. */
export async function makeCorpusFolder(dir: string): Promise<string> {
  if (!dir.trim()) throw new LecternError('Enter the path of the folder to create the new corpus in.');
  const abs = path.resolve(dir.trim());
  try {
    const entries = await fs.readdir(abs);
    if (entries.some((e) => e !== '.DS_Store')) {
      throw new LecternError(`The folder ${abs} is not empty. Choose a new or empty folder for a new corpus, or use Open Corpus to open this one.`, 'exists');
    }
    return abs;
  } catch (e) {
    if (e instanceof LecternError) throw e;
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOTDIR') throw new LecternError(`${abs} is a file. Choose a new or empty folder for the corpus.`);
    if (code !== 'ENOENT') throw new LecternError(`The folder ${abs} cannot be used (${code}). Check its permissions, or choose another place.`);
  }
  try {
    await fs.mkdir(abs, { recursive: true });
  } catch (e) {
    throw new LecternError(
      `The folder ${abs} cannot be created (${(e as NodeJS.ErrnoException).code}). Check that you may write there, or choose another place.`,
    );
  }
  return abs;
}
