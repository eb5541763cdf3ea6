/** What the corpus tools answer (word list, n-grams, collocates, concordance, trend): the DTOs both sides use. */
import type { KeyTerm, KwicLine, SimilarGroup } from './compare';
import type { AnnotationView } from './contract';

/**
 * What a table counts as one word: the form as written ("The" and "the" apart), the lower-cased
 * form, or a stem with all its forms ("want", "wants", "wanted": a lemma-like grouping).
 */
export type CountUnit = 'form' | 'lower' | 'stem';
export const COUNT_UNITS: readonly CountUnit[] = ['form', 'lower', 'stem'];
export const UNIT_LABELS: Record<CountUnit, string> = { form: 'word forms as written', lower: 'lower-cased word forms', stem: 'stems (all forms of a word)' };

/** Which stop list a table leaves out: none (every running word counts, the default), the built-in list, or the corpus's own (.lectern/stopwords.txt). */
export type StopListChoice = 'none' | 'builtin' | 'corpus';
export const STOP_LIST_CHOICES: readonly StopListChoice[] = ['none', 'builtin', 'corpus'];

export type ConcordanceSort = 'L1' | 'L2' | 'L3' | 'R1' | 'R2' | 'R3' | 'doc' | 'date';
export const CONCORDANCE_SORTS: readonly ConcordanceSort[] = ['L1', 'L2', 'L3', 'R1', 'R2', 'R3', 'doc', 'date'];

export interface ConcordanceLine extends KwicLine {
  title: string;
  date: string;
}

export interface ConcordanceRequest {
  query: string;
  sort?: ConcordanceSort;
  context?: number;
  offset?: number;
  limit?: number;
  subcorpus?: string;
  /** What a word is compared by (default: a bare word its stem, a phrase or a pattern its lower-cased forms). */
  unit?: CountUnit;
  /** The query is regular expressions, one per word (matched whole against the unit's words), not the search language. */
  regex?: boolean;
}

export interface ConcordanceResult {
  query: string;
  /** The unit the token index matched words by; null when the search language answered (field filters, tag:, several words …). */
  unit: CountUnit | null;
  offset: number;
  /** The subcorpus the lines were taken from ('' for the whole corpus). */
  subcorpus: string;
  sort: ConcordanceSort;
  /** Every line the query has (its hits: the reader's highlights), not only those returned. */
  total: number;
  lines: ConcordanceLine[];
  error: string | null;
}

/** What every corpus-tool table says about what it counted. */
export interface Counting {
  unit: CountUnit;
  /** The stop list left out, as its header says it ("built-in stop list (108 words) left out"); null: every word counted. */
  stopList: string | null;
}

export interface WordListResult extends Counting {
  subcorpus: string;
  /** Running words of the (sub)corpus, every token (what per-million figures divide by). */
  words: number;
  /** Running words counted: `words` less the stop list's. */
  counted: number;
  documents: number;
  /** Distinct words in the unit, before the limit. */
  terms: number;
  /** Of them, those the pattern kept (= terms without a pattern). */
  matching: number;
  pattern: string;
  /** term: the unit's key (what the row's concordance looks for, in the same unit); form: the form writers use most; forms: what the row adds up. */
  rows: { term: string; form: string; forms: string[]; frequency: number; documents: number; perMillion: number }[];
}

export interface NgramsResult extends Counting {
  subcorpus: string;
  n: number;
  min: number;
  /** N-grams counted (running), and distinct ones at or above the minimum frequency. */
  total: number;
  distinct: number;
  /** ngram: the words as the unit's keys; phrase: what opens its concordance in the same unit (its first occurrence as written, for stems). */
  rows: { ngram: string; phrase: string; frequency: number; documents: number }[];
}

export type AssociationMeasure = 'logdice' | 'mi' | 't' | 'g2';

export interface CollocatesResponse extends Counting {
  subcorpus: string;
  term: string;
  node: string;
  nodeFrequency: number;
  window: number;
  measure: AssociationMeasure;
  min: number;
  windowWords: number;
  words: number;
  /** term: the collocate's key in the unit (what its concordance looks for); form: the form writers use most. */
  rows: { term: string; form: string; together: number; frequency: number; score: number; logDice: number; mi: number; t: number; g2: number }[];
}

export interface TrendGroup {
  /** The year, speaker or attribute value. */
  key: string;
  documents: number;
  words: number;
  /** Per term (in the order asked): its uses and uses per million running words. */
  counts: number[];
  perMillion: number[];
}

export interface TrendResult {
  subcorpus: string;
  by: string;
  unit: CountUnit;
  terms: string[];
  /** Each term's key in the unit (its stem by default). */
  stems: string[];
  groups: TrendGroup[];
}

/** Where a query's hits fall in each document (AntConc's Plot): positions as offsets into its text. */
export interface DispersionResult {
  query: string;
  error: string | null;
  documents: { docId: string; title: string; date: string; chars: number; words: number; hits: number[] }[];
}

/** Keyness of a subcorpus against a reference subcorpus, or against the rest of the corpus. */
export interface KeynessResult extends Counting {
  target: string;
  /** The reference query, or '' for the rest of the corpus. */
  reference: string;
  targetDocuments: number;
  referenceDocuments: number;
  targetWords: number;
  referenceWords: number;
  /** Running words left out as formulas (found within the two sides), target and reference. */
  formulaWords: [number, number];
  /** Terms the target uses more (positive log ratio), and less, each by G², strongest first. */
  over: KeyTerm[];
  under: KeyTerm[];
}

/** The corpus at a glance (the reader pane when no document is open). */
export interface CorpusOverview {
  documents: number;
  words: number;
  perYear: { key: string; documents: number; words: number }[];
  /** The speakers with the most words (at most 12), and how many there are in all. */
  perSpeaker: { key: string; documents: number; words: number }[];
  speakers: number;
  /** Each leading speaker's most distinctive terms against the rest of the corpus (G² ≥ 3.84, formulas left out). */
  distinctive: { speaker: string; terms: { term: string; stem: string; g2: number }[] }[];
  /** The latest tagged passages (at most 5). */
  recentTags: AnnotationView[];
  /** Groups of documents that report the same event. */
  sameEvent: SimilarGroup[];
}
