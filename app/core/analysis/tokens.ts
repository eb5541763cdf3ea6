/**
 * Lectern's one tokeniser and one notion of an index term. The index (stock Lunr's builder and
 * Lectern's fast builder alike), search highlights, KWIC, keyness, alignment and quotation counts all
 * cut text and normalise words here, so a word is the same term wherever it is counted.
 *
 * A token is a run of characters between separators (white space, hyphens, dashes, and the
 * punctuation that glues words without belonging to either: / \ . , ; : ! ? quotes, brackets), trimmed at both
 * ends of everything but letters, digits and combining marks (Unicode-aware: Lunr's own trimmer
 * strips the "ü" of "über"). Its index term is the token lower-cased, curly apostrophes folded,
 * a possessive "'s" dropped, then, unless it is a stop word, Porter-stemmed: the steps Lunr's index
 * pipeline runs, in the same order, so `indexTerm(w)` is exactly what the index holds for w.
 */
import lunr from 'lunr';

/**
 * The separator characters: white space, the hyphen-minus, Unicode hyphens and dashes (‐ ‑ ‒ – — ―),
 * the minus sign, and punctuation between words: "GNU/Linux", "and/or", "here.Click", "note:see",
 * "(aside)", "«quote»", "user@linux.ie", "R&D" are two words or more each, as in AntConc's default
 * token definition and Unicode's word boundaries. Apostrophes stay inside words ("don't",
 * "Russia's": the pipeline drops a possessive), as do "_" and the query operators "*" (a wildcard
 * inside a query term), "~" and "^". A consequence a user should know,
 * said in the README: "U.S." and "3.5" are two tokens each, found by the phrase of their parts
 * (query.ts makes a glued query word such a phrase). Lunr's tokenizer tests it one character at a
 * time, so it is a class; Lunr's own builder given this separator indexes exactly what Lectern's does.
 */
const SEPARATOR_CLASS = '\\s\\-\\u2010-\\u2015\\u2212/\\\\.,;:!?"“”„«»‹›()\\[\\]{}<>|=…@&#$%+';
export const TOKEN_SEPARATOR = new RegExp(`[${SEPARATOR_CLASS}]`);
/**
 * TOKEN_SEPARATOR as a table of UTF-16 code units (it matches only characters of the BMP, so a
 * code unit decides): cutting by table is several times faster than by regular expression, and
 * highlights cut every passage they show. A property test checks the cut against the expression.
 */
export const IS_SEPARATOR = (() => {
  const table = new Uint8Array(65536);
  for (let c = 0; c < 65536; c++) if (TOKEN_SEPARATOR.test(String.fromCharCode(c))) table[c] = 1;
  return table;
})();

// Lunr's tokenizer and query lexer read these at call time: a query splits as the text does.
lunr.tokenizer.separator = TOKEN_SEPARATOR;
(lunr as unknown as { QueryLexer: { termSeparator: RegExp } }).QueryLexer.termSeparator = TOKEN_SEPARATOR;

// A token starts with a letter or digit and ends with one or its combining marks: "__init__" is
// "init", and a run of underscores or of marks alone (rules drawn in plain-text mail) is no token.
const LEADING = /^[^\p{L}\p{N}]+/u;
const TRAILING = /[^\p{L}\p{N}\p{M}]+$/u;

/** [0-9A-Za-z]: a character both trimming expressions keep. */
function isAsciiWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
}

export interface Token {
  /** The word as it stands in the text. */
  text: string;
  start: number;
  end: number;
}

/**
 * The tokens of a text with their offsets. With `firstChars`, only tokens whose first character
 * (lower-cased) is one of them: the others are passed over before being copied.
 */
export function tokens(text: string, firstChars?: Set<string>): Token[] {
  const out: Token[] = [];
  const n = text.length;
  for (let i = 0; i < n;) {
    while (i < n && IS_SEPARATOR[text.charCodeAt(i)]) i++;
    if (i === n) break;
    const from = i;
    while (i < n && !IS_SEPARATOR[text.charCodeAt(i)]) i++;
    // Most tokens start and end with an ASCII letter or digit: no trimming expression for them.
    let start = from;
    if (!isAsciiWordChar(text.charCodeAt(from))) {
      start += LEADING.exec(text.slice(from, i))?.[0].length ?? 0;
      if (start === i) continue;
    }
    if (firstChars && !firstChars.has(text[start].toLowerCase())) continue;
    const end = isAsciiWordChar(text.charCodeAt(i - 1)) ? i : i - (TRAILING.exec(text.slice(start, i))?.[0].length ?? 0);
    out.push({ text: text.slice(start, end), start, end });
  }
  return out;
}

/** Running words of a text: its tokens, stop words included (what "N words" means everywhere). */
export function countWords(text: string): number {
  return tokens(text).length;
}

// ---- The index pipeline, as Lunr pipeline functions (registered: saved indexes name them). ----

/** Trims a token as `tokens()` does (Lunr's trimmer knows only ASCII \W); nothing left, no token. */
export function trimmer(token: lunr.Token): lunr.Token | undefined {
  const t = token.update((s) => s.replace(LEADING, '').replace(TRAILING, ''));
  return t.toString() === '' ? undefined : t;
}
lunr.Pipeline.registerFunction(trimmer as unknown as lunr.PipelineFunction, 'lecternTrimmer');

/** Folds curly apostrophes to straight ones and drops a possessive 's / s' ending ("Russia’s" → "russia"). */
export function possessive(token: lunr.Token): lunr.Token | undefined {
  const t = token.update((s) => s.replace(/[’‘‛]/g, "'").replace(/'s?$/, ''));
  return t.toString() === '' ? undefined : t;
}
lunr.Pipeline.registerFunction(possessive as unknown as lunr.PipelineFunction, 'lecternPossessive');

type Step = (token: lunr.Token) => lunr.Token | undefined;

/** What the index holds for a token, in order. A token the stop-word filter drops is not indexed. */
const INDEX_STEPS: Step[] = [trimmer, possessive, lunr.stopWordFilter as unknown as Step, lunr.stemmer as unknown as Step];
/** What a query term goes through (Lunr applies no stop-word filter to queries). */
const SEARCH_STEPS: Step[] = [trimmer, possessive, lunr.stemmer as unknown as Step];

/** Sets up a Lunr builder with Lectern's analysis: exactly INDEX_STEPS and SEARCH_STEPS. */
export function configureBuilder(builder: lunr.Builder): void {
  builder.pipeline.reset();
  builder.pipeline.add(...(INDEX_STEPS as unknown as lunr.PipelineFunction[]));
  builder.searchPipeline.reset();
  builder.searchPipeline.add(...(SEARCH_STEPS as unknown as lunr.PipelineFunction[]));
}

function runSteps(steps: Step[], word: string): string | null {
  let t: lunr.Token | undefined = new lunr.Token(word.toLowerCase(), {});
  for (const step of steps) {
    t = step(t);
    if (t === undefined) return null;
  }
  const s = t.toString();
  return s === '' ? null : s;
}

const memo = new Map<string, string | null>();

/**
 * The index term of a token (its stem), or null for a stop word or a token with nothing left once
 * trimmed: null terms are not indexed, not counted as terms and never highlighted. Memoised:
 * vocabularies are small next to running text.
 */
export function indexTerm(word: string): string | null {
  let t = memo.get(word);
  if (t === undefined) {
    t = runSteps(INDEX_STEPS, word);
    if (memo.size > 500_000) memo.clear();
    memo.set(word, t);
  }
  return t;
}

/** True for a stop word ("the", "that's", "wants"): a token the index leaves out. */
export function isStopWord(word: string): boolean {
  const t = runSteps(INDEX_STEPS.slice(0, 2), word);
  return t !== null && lunr.stopWordFilter(new lunr.Token(t, {})) === undefined;
}
