/** What the corpus tools answer (word list, n-grams, collocates, concordance, trend): the DTOs both sides use. */
import type { KeyTerm, KwicLine, SimilarGroup } from './compare';
import type { AnnotationView } from './contract';

export type ConcordanceSort = 'L1' | 'L2' | 'L3' | 'R1' | 'R2' | 'R3' | 'doc' | 'date';
export const CONCORDANCE_SORTS: readonly ConcordanceSort[] = ['L1', 'L2', 'L3', 'R1', 'R2', 'R3', 'doc', 'date'];

export interface ConcordanceLine extends KwicLine {
  title: string;
  date: string;
}

export interface ConcordanceResult {
  query: string;
  /** The subcorpus the lines were taken from ('' for the whole corpus). */
  subcorpus: string;
  sort: ConcordanceSort;
  /** Every line the query has (its hits: the reader's highlights), not only those returned. */
  total: number;
  lines: ConcordanceLine[];
  error: string | null;
}

export interface WordListResult {
  subcorpus: string;
  /** Running words of the (sub)corpus, stop words included. */
  words: number;
  documents: number;
  /** Distinct terms, before the limit. */
  terms: number;
  rows: { term: string; form: string; forms: string[]; frequency: number; documents: number; perMillion: number }[];
}

export interface NgramsResult {
  subcorpus: string;
  n: number;
  min: number;
  /** N-grams counted (running), and distinct ones at or above the minimum frequency. */
  total: number;
  distinct: number;
  rows: { ngram: string; frequency: number; documents: number }[];
}

export type AssociationMeasure = 'logdice' | 'mi' | 't' | 'g2';

export interface CollocatesResponse {
  subcorpus: string;
  term: string;
  node: string;
  nodeFrequency: number;
  window: number;
  measure: AssociationMeasure;
  min: number;
  windowWords: number;
  words: number;
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
  terms: string[];
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
export interface KeynessResult {
  target: string;
  /** The reference query, or '' for the rest of the corpus. */
  reference: string;
  targetDocuments: number;
  referenceDocuments: number;
  targetWords: number;
  referenceWords: number;
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
