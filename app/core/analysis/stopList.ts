/**
 * Stop lists: words a table may leave out when the user asks it to. Nothing leaves them out by
 * default (corpus linguists count every running word, as AntConc and #LancsBox do). The built-in
 * list is the `stopword` package's English list (108 function words); a corpus may keep its own
 * in .lectern/stopwords.txt, one word per line, "#" starting a comment.
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { eng } from 'stopword';
import type { StopListChoice } from '../../common/corpusTools';
import { LecternError } from '../../common/errors';
import { lecternDir, LECTERN_DIR } from '../corpusConfig';
import { realPathInCorpus } from '../corpusJail';

export const CORPUS_STOP_LIST_FILE = 'stopwords.txt';
/** A stop list file larger than this is refused (a list of words, not a corpus). */
const MAX_STOP_LIST_BYTES = 1_000_000;

/** A word as stop lists compare it: lower-cased, curly apostrophes straight. */
export const stopKey = (w: string) => w.toLowerCase().replace(/[’‘‛]/g, "'");

export const BUILT_IN_STOP_WORDS: ReadonlySet<string> = new Set(eng.map(stopKey));

/**
 * True for a word of the built-in list, compared as stop lists compare ("The", "the"; "that's" is
 * not on it). The one stop list of the product: the rules that skip stop words (formulas,
 * near-duplicates, passage alignment) skip these, as a table asked to leave the list out does.
 */
export function isStopWord(word: string): boolean {
  return BUILT_IN_STOP_WORDS.has(stopKey(word));
}

/** The words of a stop list file's text. */
export function parseStopList(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split(/\r?\n/)) {
    const w = line.replace(/#.*/, '').trim();
    if (w) out.add(stopKey(w));
  }
  return out;
}

export interface StopList {
  choice: StopListChoice;
  words: ReadonlySet<string>;
  /** Said in a table's header when the list is on. */
  label: string;
}

/** The stop list a request names; null for none. The corpus's own list is read from its folder (inside the jail). */
export async function resolveStopList(choice: StopListChoice | undefined, corpusDir: string): Promise<StopList | null> {
  if (!choice || choice === 'none') return null;
  if (choice === 'builtin') return { choice, words: BUILT_IN_STOP_WORDS, label: `built-in stop list (${BUILT_IN_STOP_WORDS.size} words) left out` };
  const file = path.join(lecternDir(corpusDir), CORPUS_STOP_LIST_FILE);
  let text: string;
  try {
    const real = await realPathInCorpus(corpusDir, file, 'read');
    const stat = await fs.stat(real);
    if (stat.size > MAX_STOP_LIST_BYTES)
      throw new LecternError(
        `${LECTERN_DIR}/${CORPUS_STOP_LIST_FILE} is ${stat.size} bytes; a stop list must be under 1 MB (one word per line).`,
        'bad-request',
      );
    text = await fs.readFile(real, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT')
      throw new LecternError(
        `This corpus has no stop list of its own: write one word per line in ${LECTERN_DIR}/${CORPUS_STOP_LIST_FILE} in the corpus folder, or use the built-in list.`,
        'bad-request',
      );
    throw e;
  }
  const words = parseStopList(text);
  return { choice, words, label: `corpus stop list (${LECTERN_DIR}/${CORPUS_STOP_LIST_FILE}, ${words.size} words) left out` };
}
