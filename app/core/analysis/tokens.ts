/**
 * Lectern's one tokeniser and one notion of an index term. The index (stock Lunr's builder and
 * Lectern's fast builder alike), the query lexer, search highlights, KWIC, keyness, alignment and
 * quotation counts all cut text and normalise words here, so a word is the same term wherever it is
 * counted.
 *
 * A token is a run of characters between separators (white space, hyphens, dashes, and the
 * punctuation that glues words without belonging to either: / \ . , ; : ! ? quotes, brackets), trimmed at both
 * ends of everything but letters, digits and combining marks (Unicode-aware: Lunr's own trimmer
 * strips the "ü" of "über"); two exceptions keep a token whole across a separator: a dotted
 * abbreviation ("U.S.", "e.g.", "U.S.S.R.") and a number with a decimal point or thousands
 * separator ("3.5", "1,000"). `scanTokens` is the rule; everything else calls it.
 *
 * Its index term is the token lower-cased, curly apostrophes folded, a possessive "'s" dropped, then
 * Porter-stemmed: the steps Lunr's index pipeline runs, in the same order, so `indexTerm(w)` is
 * exactly what the index holds for w. Stop words are terms like any other word ("the" is "the"):
 * search finds them, and tables count them unless asked to leave a stop list out (stopList.ts). An
 * abbreviation keeps its full stops ("U.S." and "U.S" are "u.s."), so it is never the word "us".
 */
import lunr from 'lunr';

/**
 * The separator characters: white space, the hyphen-minus, Unicode hyphens and dashes (‐ ‑ ‒ – — ―),
 * the minus sign, and punctuation between words: "GNU/Linux", "and/or", "here.Click", "note:see",
 * "(aside)", "«quote»", "user@linux.ie", "R&D" are two words or more each, as in AntConc's default
 * token definition and Unicode's word boundaries. Apostrophes stay inside words ("don't",
 * "Russia's": the pipeline drops a possessive), as do "_" and the query operators "*" (a wildcard
 * inside a query term), "~" and "^". A full stop or comma is a separator except inside a dotted
 * abbreviation ("U.S.") or between two digits ("3.5", "1,000"): scanTokens keeps those whole, and so
 * does the query lexer (below), so `U.S.` searches the one token. Lunr's tokenizer tests a separator
 * one character at a time, so it is a class; Lectern's builders cut with scanTokens instead.
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

// Lunr's own tokenizer (used by no builder of Lectern's: configureBuilder gives them scanTokens) and
// its query lexer read these at call time; the lexer is also told which separators lie inside a token.
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

const isDigit = (c: number) => c >= 48 && c <= 57;
const FULL_STOP = 46;
const COMMA = 44;

/**
 * A dotted abbreviation at `at`: single letters each followed by a full stop, two or more of them
 * ("U.S.", "U.K.", "e.g.", "U.S.S.R."), the last stop optional ("U.S" before a comma). Its length,
 * or 0. Letters are tested with \p{L} on one code unit: abbreviations are written in the BMP.
 */
const LETTER = /\p{L}/u;
function abbreviationAt(text: string, at: number): number {
  let i = at;
  let letters = 0;
  while (text.charCodeAt(i + 1) === FULL_STOP && LETTER.test(text[i]) && !LETTER.test(text[i - 1] ?? ' ')) {
    letters++;
    i += 2;
  }
  if (letters === 0) return 0;
  // "U.S" (no last stop): one more single letter, not followed by a word character.
  if (i < text.length && LETTER.test(text[i]) && !/[\p{L}\p{N}]/u.test(text[i + 1] ?? ' ')) return i + 1 - at;
  if (letters < 2) return 0;
  // A possessive stays with it ("U.K.'s"), as with any word.
  if ((text[i] === "'" || text[i] === '’') && (text[i + 1] === 's' || text[i + 1] === 'S') && !/[\p{L}\p{N}]/u.test(text[i + 2] ?? ' ')) return i + 2 - at;
  // The letters must end the word: "e.g.x" is no abbreviation.
  return /[\p{L}\p{N}]/u.test(text[i] ?? ' ') ? 0 : i - at;
}

/**
 * Calls `visit(start, end)` for every token of `text`: the one tokenising rule (see the module
 * comment). Two exceptions to the separators keep a token whole: a full stop or comma between two
 * digits ("3.5", "1,000", "192.168.0.1"), and a dotted abbreviation ("U.S.", "e.g.", "U.S.S.R."),
 * whose last full stop is part of it.
 */
export function scanTokens(text: string, visit: (start: number, end: number) => void): void {
  const n = text.length;
  for (let i = 0; i < n;) {
    while (i < n && IS_SEPARATOR[text.charCodeAt(i)]) i++;
    if (i === n) break;
    const from = i;
    const abbreviation = text.charCodeAt(from + 1) === FULL_STOP ? abbreviationAt(text, from) : 0;
    if (abbreviation) {
      i = from + abbreviation;
      visit(from, i);
      continue;
    }
    for (; i < n; i++) {
      const c = text.charCodeAt(i);
      if (!IS_SEPARATOR[c]) continue;
      if ((c === FULL_STOP || c === COMMA) && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) continue;
      break;
    }
    // Most tokens start and end with an ASCII letter or digit: no trimming expression for them.
    let start = from;
    if (!isAsciiWordChar(text.charCodeAt(from))) {
      start += LEADING.exec(text.slice(from, i))?.[0].length ?? 0;
      if (start === i) continue;
    }
    const end = isAsciiWordChar(text.charCodeAt(i - 1)) ? i : i - (TRAILING.exec(text.slice(start, i))?.[0].length ?? 0);
    visit(start, end);
  }
}

/**
 * The tokens of a text with their offsets. With `firstChars`, only tokens whose first character
 * (lower-cased) is one of them.
 */
export function tokens(text: string, firstChars?: Set<string>): Token[] {
  const out: Token[] = [];
  scanTokens(text, (start, end) => {
    if (!firstChars || firstChars.has(text[start].toLowerCase())) out.push({ text: text.slice(start, end), start, end });
  });
  return out;
}

/** Running words of a text: its tokens, stop words included (what "N words" means everywhere). */
export function countWords(text: string): number {
  let n = 0;
  scanTokens(text, () => n++);
  return n;
}

/**
 * Lunr's builder tokenizer, cutting as scanTokens does (set on every builder by configureBuilder):
 * each token lower-cased, with the metadata Lunr's own tokenizer gives (position, index).
 */
export function lunrTokenizer(obj?: unknown, metadata?: Record<string, unknown>): lunr.Token[] {
  if (obj === null || obj === undefined) return [];
  if (Array.isArray(obj)) return obj.map((t) => new lunr.Token(String(t).toLowerCase(), cloneMetadata(metadata)));
  const str = String(obj);
  const out: lunr.Token[] = [];
  scanTokens(str, (start, end) => {
    const meta = { ...cloneMetadata(metadata), position: [start, end - start], index: out.length };
    out.push(new lunr.Token(str.slice(start, end).toLowerCase(), meta));
  });
  return out;
}

/** A copy of token metadata as lunr.utils.clone makes it (arrays copied, other values shared). */
function cloneMetadata(metadata: Record<string, unknown> | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(metadata ?? {})) out[k] = Array.isArray(v) ? v.slice() : v;
  return out;
}

/**
 * Where a query's text may be cut: 1 for a separator that lies between tokens, 0 for a character of
 * a token, a separator kept inside one ("U.S.", "3.5") included.
 */
function queryCuts(str: string): Uint8Array {
  const cuts = new Uint8Array(str.length);
  for (let i = 0; i < str.length; i++) cuts[i] = IS_SEPARATOR[str.charCodeAt(i)];
  scanTokens(str, (start, end) => cuts.fill(0, start, end));
  return cuts;
}

interface Lexer {
  str: string;
  pos: number;
  cuts?: Uint8Array;
  next(): string;
  backup(): void;
  width(): number;
  emit(type: string): void;
  escapeCharacter(): void;
}
type LexState = (lexer: Lexer) => LexState | undefined;
const QueryLexer = (lunr as unknown as { QueryLexer: Record<string, unknown> & { prototype: { run(this: Lexer): void } } }).QueryLexer;
const state = (name: string) => QueryLexer[name] as LexState;

// Lunr's query lexer cuts a term at every separator character: "U.S." would be the terms "u" and
// "s". Its run now marks which separators lie inside a token of the query (by scanTokens), and its
// text state (Lunr 2.3.9's lexText, unchanged but for that test) cuts only at the others.
const lunrRun = QueryLexer.prototype.run;
QueryLexer.prototype.run = function (this: Lexer) {
  this.cuts = queryCuts(this.str);
  lunrRun.call(this);
};
QueryLexer.lexText = function lexText(lexer: Lexer): LexState | undefined {
  for (;;) {
    const char = lexer.next();
    if (char === QueryLexer.EOS) return state('lexEOS');
    // Escape character is '\'
    if (char.charCodeAt(0) === 92) {
      lexer.escapeCharacter();
      continue;
    }
    if (char === ':') return state('lexField');
    if (char === '~' || char === '^') {
      lexer.backup();
      if (lexer.width() > 0) lexer.emit(QueryLexer.TERM as string);
      return state(char === '~' ? 'lexEditDistance' : 'lexBoost');
    }
    // A leading "+" (required) or "-" (prohibited).
    if ((char === '+' || char === '-') && lexer.width() === 1) {
      lexer.emit(QueryLexer.PRESENCE as string);
      return state('lexText');
    }
    if (lexer.cuts ? lexer.cuts[lexer.pos - 1] === 1 : TOKEN_SEPARATOR.test(char)) return state('lexTerm');
  }
};

// ---- The index pipeline, as Lunr pipeline functions (registered: saved indexes name them). ----

/** An abbreviation as scanTokens keeps it, lower-cased: letters each followed by a full stop, the last stop optional ("u.s.", "u.s", "e.g."). */
const ABBREVIATION = /^(?:\p{L}\p{M}*\.)+\p{L}\p{M}*\.?$/u;

/**
 * Trims a token as `tokens()` does (Lunr's trimmer knows only ASCII \W); nothing left, no token. An
 * abbreviation keeps its full stops and ends with one ("u.s" → "u.s."): the term of "U.S." and of
 * "U.S" before a comma, never the word "us".
 */
export function trimmer(token: lunr.Token): lunr.Token | undefined {
  const t = token.update((s) => {
    const lead = s.replace(LEADING, '');
    if (ABBREVIATION.test(lead)) return lead.endsWith('.') ? lead : `${lead}.`;
    return lead.replace(TRAILING, '');
  });
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

/**
 * What the index holds for a token, in order: every token, stop words included (Porter's stemmer
 * leaves a term ending in a full stop, an abbreviation, as it is). Queries go through the same steps.
 */
const INDEX_STEPS: Step[] = [trimmer, possessive, lunr.stemmer as unknown as Step];
const SEARCH_STEPS: Step[] = INDEX_STEPS;

/** Sets up a Lunr builder with Lectern's analysis: scanTokens' cut, then exactly INDEX_STEPS and SEARCH_STEPS. */
export function configureBuilder(builder: lunr.Builder): void {
  (builder as unknown as { tokenizer: typeof lunrTokenizer }).tokenizer = lunrTokenizer;
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
 * The index term of a token (its stem), or null for a token with nothing left once trimmed (a
 * possessive ending alone): null terms are not indexed, not counted as terms and never highlighted.
 * Stop words have terms ("the" is "the"). Memoised: vocabularies are small next to running text.
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
