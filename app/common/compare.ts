/** The JSON shapes a comparison produces: what the CLI prints with --json and the service returns. */
import { LecternError } from './errors';

/** [start, end) offsets into a document's canonical text. */
export type Range = [number, number];

/** A piece of one side: a passage, or (when narrowed to quotations) the part of a passage a quote covers. */
export interface PassageRef {
  docId: string;
  passageId: string;
  start: number;
  end: number;
  text: string;
}

/** A term both passages of a pair use, with where it occurs in each (for marking in the UI). */
export interface SharedTerm {
  /** Its most frequent surface form in the two passages. */
  term: string;
  stem: string;
  left: Range[];
  right: Range[];
}

export interface AlignedPair {
  left: PassageRef;
  right: PassageRef;
  /** TF-IDF cosine, 0..1. */
  score: number;
  /** Ordered by how much each term adds to the score. */
  sharedTerms: SharedTerm[];
  /** True when this is the left passage's best partner (resp. the right passage's). */
  bestForLeft: boolean;
  bestForRight: boolean;
}

export interface KeyTerm {
  /** The stem's most frequent surface form on both sides, e.g. "elections" for "elect". */
  term: string;
  /** What is counted: every use of any form of this stem (see `Comparison.counting`). */
  stem: string;
  /** The forms counted, case folded, most used first (at most six). */
  forms: string[];
  g2: number;
  /** log2 of the ratio of relative frequencies, left over right (positive: more used on the left). */
  logRatio: number;
  countLeft: number;
  countRight: number;
  /** G² ≥ 3.84, i.e. p < 0.05 with one degree of freedom. */
  significant: boolean;
  /** Uses on each side (left, right) left out because they stand in formulas; absent when none. */
  inFormulas?: [number, number];
}

export type AttributionKind =
  /** “…,” Raab said / “…,” said Raab / “…,” he added */
  | 'after'
  /** He said: “…” / He outlined four principles: “…” */
  | 'colon'
  /** Raab urged … “hostile state actors” (a quoted phrase inside the speaker's reported speech) */
  | 'sentence'
  /** a quotation that follows the previous one with nothing but quote marks or its attribution between */
  | 'continuation';

/** Below this confidence an attribution is shown as uncertain (UI, CLI and report). */
export const LOW_CONFIDENCE = 0.7;

/** Lowest TF-IDF cosine for two passages to pair, unless the request says otherwise. */
export const DEFAULT_THRESHOLD = 0.15;

/** A threshold as given (a number, or the text typed on the command line), checked: 0 to 1. */
export function checkThreshold(value: unknown): number {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n) || n < 0 || n > 1) {
    throw new LecternError(`The threshold must be a number from 0 to 1 (got ${JSON.stringify(value)}); the default is ${DEFAULT_THRESHOLD}.`, 'bad-threshold');
  }
  return n;
}

export interface Quote {
  /** The quoted words, without quote marks; parts over several paragraphs joined by a blank line. */
  text: string;
  /** A speaker of the document's metadata, another name the text gives, or null when unattributed. */
  speaker: string | null;
  docId: string;
  /** From the first quoted character to the last one (the quote marks are outside). */
  start: number;
  end: number;
  /** One range per paragraph the quotation runs over. */
  segments: Range[];
  attribution: AttributionKind | null;
  /** The words that attribute it ("Raab said", "he added", "He said:"), for showing why. */
  cue: string | null;
  /** How sure the attribution is, 0..1 (0 when unattributed); below LOW_CONFIDENCE (0.7) it is shown as uncertain. */
  confidence: number;
}

export interface SideDescription {
  /** What the user typed: a document id or speaker:"Full Name". */
  query: string;
  kind: 'document' | 'speaker' | 'query';
  /** A document's title or a speaker's name, with its narrowing ("— own quotations", "— tag X"). */
  label: string;
  /** The speaker names whose own words this side holds (a document side: its metadata speakers). */
  speakers: string[];
  documentIds: string[];
  /** Units compared: passages, or quotation parts when narrowed to the speaker's own words. */
  unitCount: number;
  wordCount: number;
  quotesOnly: boolean;
  /** True when the side holds only its speakers' words (direct and reported), as by default for a side that names speakers. */
  speakerWords: boolean;
  /** Words of the side's documents left out because they are not its speakers' words: the writer's narration, others' words, headline and furniture. */
  wordsLeftOut: { narration: number; others: number; other: number };
  tag: string | null;
}

export interface Comparison {
  left: SideDescription;
  right: SideDescription;
  threshold: number;
  /**
   * The corpus's formulas (wording that recurs in at least `minDocuments` documents: greetings,
   * sign-offs) and what leaving them out took from each side; `kept` when they were counted.
   */
  formulas: {
    kept: boolean;
    minDocuments: number;
    wordsLeftOut: { left: number; right: number };
    passagesLeftOut: { left: number; right: number };
  };
  /** What a pair is, in words (the same sentence in the UI, the CLI and the report). */
  pairDefinition: string;
  /** What the term tables count, in words. */
  counting: string;
  /**
   * The stop list the term tables leave out, as their header says it ("built-in stop list (108
   * words) left out"); null when every word has its row (the default).
   */
  stopList: string | null;
  /** Every pair, by the one definition, best score first: every surface shows these and this many. */
  pairs: AlignedPair[];
  onlyLeft: PassageRef[];
  onlyRight: PassageRef[];
  distinctive: {
    left: KeyTerm[];
    right: KeyTerm[];
    /** Terms both sides use, most used first. */
    shared: KeyTerm[];
  };
  quotes: {
    /** Quotations attributed to the side's own speaker(s). */
    left: Quote[];
    right: Quote[];
    /** Quotations the text does not attribute: kept apart, never counted as the speaker's words. */
    unattributed: { left: Quote[]; right: Quote[] };
    /** Quotations attributed to someone else (another person the text names). */
    others: { left: Quote[]; right: Quote[] };
  };
  tookMs: number;
}

export interface KwicLine {
  docId: string;
  passageId: string;
  /** Offsets of the keyword itself in the document's canonical text. */
  start: number;
  end: number;
  before: string;
  keyword: string;
  after: string;
}

export interface KwicResult {
  term: string;
  stem: string;
  /** The first uses on each side (up to the limit asked for, 200 by default)… */
  left: KwicLine[];
  right: KwicLine[];
  /** …of this many. */
  totalLeft: number;
  totalRight: number;
}

export interface SimilarPair {
  a: string;
  b: string;
  /** The similarity that decided it (see `reason`), 0..1. */
  similarity: number;
  /** MinHash estimate of the Jaccard similarity of the two texts' shingle sets. */
  textJaccard: number;
  /** Estimated share of the smaller text's shingles that the other text holds. */
  textContainment: number;
  /** Jaccard similarity of the two documents' content vocabularies (stems without stop words). */
  vocabularyJaccard: number;
  /** 'text': the wording itself overlaps (copies, syndicated versions); 'event': same speaker, same
   *  speech date and event, and the reports talk about the same things. */
  reason: 'text' | 'event';
}

export interface SimilarGroup {
  documentIds: string[];
  /** The lowest similarity of the pairs that hold the group together. */
  similarity: number;
  pairs: SimilarPair[];
}

/**
 * Why a quotation is credited as it is: its cue, and a warning when the attribution is uncertain
 * (" (cue: “said”; uncertain attribution)"), for the report and the command line alike.
 */
export function attributionNote(q: Quote, escape: (text: string) => string = (t) => t): string {
  if (!q.speaker) return '';
  const cue = q.cue ? `cue: “${escape(q.cue.replace(/\s+/g, ' ').trim())}”` : q.attribution === 'continuation' ? 'continues the quotation before it' : '';
  const uncertain = q.confidence < LOW_CONFIDENCE ? 'uncertain attribution' : '';
  const parts = [cue, uncertain].filter(Boolean);
  return parts.length ? ` (${parts.join('; ')})` : '';
}

/** What leaving the corpus's formulas out took from each side, or that they were counted: one sentence for the UI, the CLI and the report. */
export function formulaSentence(c: Pick<Comparison, 'formulas'>): string {
  const f = c.formulas;
  if (f.kept) return `Formulas (wording found in ${f.minDocuments} or more documents of the corpus) are counted.`;
  return `Formulas are left out (wording found in ${f.minDocuments} or more documents of the corpus: greetings, sign-offs, set phrases): ${f.wordsLeftOut.left} word(s) on the left, ${f.wordsLeftOut.right} on the right.`;
}

/** What the term tables do with stop words: one sentence for the UI, the CLI and the report. */
export function stopListSentence(c: Pick<Comparison, 'stopList'>): string {
  return c.stopList
    ? `Distinctive terms: ${c.stopList} (a term whose most used form is on the list has no row; counts and sizes are unchanged).`
    : 'No stop list: stop words have rows like any other word.';
}

/** What narrowing a side to its speakers' words left out: one sentence for the UI, the CLI and the report. */
export function leftOutSentence(name: string, s: Pick<SideDescription, 'speakers' | 'wordsLeftOut'>): string {
  const w = s.wordsLeftOut;
  return (
    `The ${name} side holds only what ${s.speakers.join(' or ')} said (quoted or reported): left out ${w.narration} word(s) of narration, ` +
    `${w.others} of others' words and ${w.other} of headlines and page furniture. Compare whole documents to count them too.`
  );
}

/** "12 passage(s)", "13 quotation part(s)", "16 passage part(s)": what a side's units are, for the CLI and the report. */
export function unitsPhrase(s: Pick<SideDescription, 'unitCount' | 'quotesOnly' | 'speakerWords'>): string {
  return `${s.unitCount} ${s.quotesOnly ? 'quotation part(s)' : s.speakerWords ? 'passage part(s)' : 'passage(s)'}`;
}
