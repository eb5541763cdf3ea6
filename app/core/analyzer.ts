/**
 * Text analysis shared by search highlighting, compare and tags: words with their offsets, and
 * the same normalisation Lunr applies (lower case, trimmed, Porter-stemmed, stop words flagged),
 * so that what we highlight is exactly what the index matched.
 */
import lunr from 'lunr';

export interface WordToken {
  /** The word as it stands in the text. */
  text: string;
  start: number;
  end: number;
}

/**
 * Lunr's tokenizer splits on white space and hyphens, then its trimmer strips non-word characters
 * (ASCII \W) from both ends. We mirror both exactly, keeping offsets, so that a highlighted word is
 * precisely a token the index holds.
 */
const CHUNK = /[^\s\-]+/g;
const LEADING = /^\W+/;
const TRAILING = /\W+$/;

/**
 * The words of a text with their offsets. With `firstChars`, only words whose first character
 * (lower-cased) is one of them: the others are passed over before being copied.
 */
export function words(text: string, firstChars?: Set<string>): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(CHUNK)) {
    const raw = m[0];
    const lead = LEADING.exec(raw)?.[0].length ?? 0;
    if (lead === raw.length || (firstChars && !firstChars.has(raw[lead].toLowerCase()))) continue;
    const trail = TRAILING.exec(raw)?.[0].length ?? 0;
    const start = m.index! + lead;
    const end = m.index! + raw.length - trail;
    out.push({ text: text.slice(start, end), start, end });
  }
  return out;
}

/**
 * [start, end) of every word of `text` whose stem is in `stems` (the highlights of a search hit).
 * Lunr's stemmer only rewrites the end of a word, and the word's first character is always an ASCII
 * letter, digit or underscore (the trimmer strips the rest): so only words starting as some stem
 * does are stemmed at all.
 */
export function spansOfStems(text: string, stems: Set<string>): [number, number][] {
  const firsts = new Set([...stems].map((s) => s[0]));
  return words(text, firsts).filter((w) => stems.has(stem(w.text))).map((w): [number, number] => [w.start, w.end]);
}

/**
 * Lunr keeps curly apostrophes inside words, so "Russia’s" would never match "Russia". This pipeline
 * step folds ’ to ' and drops a possessive 's / s' ending. It is registered with Lunr so that saved
 * indexes load with it, and it runs in both the indexing and the search pipelines.
 */
export function possessive(token: lunr.Token): lunr.Token {
  return token.update((s) => s.replace(/[’‘]/g, "'").replace(/'s?$/, ''));
}
lunr.Pipeline.registerFunction(possessive as unknown as lunr.PipelineFunction, 'lecternPossessive');

/** Sets up a builder with Lectern's analysis: Lunr's default pipeline plus the possessive step. */
export function configureBuilder(builder: lunr.Builder): void {
  builder.pipeline.before(lunr.stopWordFilter, possessive as unknown as lunr.PipelineFunction);
  builder.searchPipeline.before(lunr.stemmer, possessive as unknown as lunr.PipelineFunction);
}

const stemCache = new Map<string, string>();

/** Lunr's normalisation of one word: lower case, trimmed, stemmed. Memoised: vocabularies are small. */
export function stem(word: string): string {
  const lower = word.toLowerCase();
  let s = stemCache.get(lower);
  if (s === undefined) {
    s = lunr.stemmer(possessive(new lunr.Token(lower, {}))).toString();
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(lower, s);
  }
  return s;
}

/** True for Lunr's English stop words ("the", "and", ...). */
export function isStopWord(word: string): boolean {
  return lunr.stopWordFilter(new lunr.Token(word.toLowerCase(), {})) === undefined;
}

export interface Term extends WordToken {
  stem: string;
  stop: boolean;
}

/** Words of a text with their stems and stop-word flags. */
export function terms(text: string): Term[] {
  return words(text).map((w) => ({ ...w, stem: stem(w.text), stop: isStopWord(w.text) }));
}

/** Counts words the way the index sees them. */
export function countWords(text: string): number {
  return words(text).length;
}
