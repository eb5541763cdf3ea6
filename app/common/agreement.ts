/** What intercoder agreement, disagreements and code co-occurrence answer: the DTOs both sides of the contract use. */

/** The unit agreement is measured on: each passage, or each character (counted over segments between annotation boundaries). */
export type AgreementUnit = 'passage' | 'char';
export const AGREEMENT_UNITS: readonly AgreementUnit[] = ['passage', 'char'];

/** How co-occurrence is counted: overlapping annotations, or codes sharing a passage. */
export type CooccurrenceMode = 'overlap' | 'passage';
export const COOCCURRENCE_MODES: readonly CooccurrenceMode[] = ['overlap', 'passage'];

/** The coder layer resolved disagreements are written to, unless another is named. */
export const RESOLVED_CODER = 'resolved';

/** How a coder is named to the user: '' is the coder of annotations made before coders were recorded. */
export const coderLabel = (coder: string) => (coder === '' ? '(no coder recorded)' : coder);

/** One statistic: its value, or null with the reason it is undefined here (never NaN). */
export interface Measure {
  value: number | null;
  reason: string | null;
}

export interface AgreementMeasures {
  /** Share of agreeing pairs of coders, averaged over units with at least two coders' values. */
  percentAgreement: Measure;
  /** Exactly two coders, over units both coded. */
  cohenKappa: Measure;
  /** Any number of coders, over units every chosen coder coded (Fleiss needs the same raters per unit). */
  fleissKappa: Measure;
  /** Nominal alpha, any number of coders, missing values allowed. */
  krippendorffAlpha: Measure;
}

export interface CodeAgreement {
  tagId: string;
  name: string;
  /** Units with at least two coders' values (passages, or characters for the char unit). */
  units: number;
  /** Per chosen coder: units of the chosen documents they applied the code to (passages, or characters), pairable or not. */
  applied: Record<string, number>;
  measures: AgreementMeasures;
}

export interface AgreementResult {
  unit: AgreementUnit;
  /** The coders compared ('' is the coder of annotations made before coders were recorded). */
  coders: string[];
  /** The documents whose units were compared: each coded by at least one chosen coder. */
  documents: string[];
  codes: CodeAgreement[];
  overall: {
    /** Every code's units pooled as one reliability matrix (one unit per code and passage or character). */
    pooled: AgreementMeasures;
    /** The mean of the per-code values, over the codes where the measure is defined (null when none is). */
    mean: Record<keyof AgreementMeasures, number | null>;
    units: number;
  };
  /** What the user should know about the data (orphaned annotations left out, coders who coded nothing chosen). */
  notes: string[];
}

/** One coder's side of a disagreement span. */
export interface CoderSide {
  coder: string;
  applied: boolean;
  /** This coder's annotations with the code that overlap the span (none when they did not apply it). */
  annotationIds: string[];
}

/** A character range of one document where the chosen coders (those who coded the document) did not all agree on a code. */
export interface DisagreementSpan {
  docId: string;
  start: number;
  end: number;
  /** The span's text (its first 200 characters). */
  quote: string;
  coders: CoderSide[];
}

export interface DisagreementResult {
  coders: string[];
  codes: { tagId: string; name: string; spans: DisagreementSpan[] }[];
}

/** Where two codes co-occur (or, on the diagonal, where one code is): what a UI opens. */
export interface CooccurrencePlace {
  docId: string;
  /** The passage (mode passage), or the passage where the overlap begins (mode overlap). */
  passageId: string | null;
  /** The passage's range (mode passage), the overlap's (mode overlap) or the annotation's (diagonal, mode overlap). */
  start: number;
  end: number;
  annotationIds: string[];
}

export interface CooccurrenceCell {
  /** Tag ids, a before b in the codebook's order (a === b: the diagonal). */
  a: string;
  b: string;
  /** Always places.length. */
  count: number;
  places: CooccurrencePlace[];
}

export interface CooccurrenceResult {
  mode: CooccurrenceMode;
  /** The coder whose annotations were counted, or null for every coder's. */
  coder: string | null;
  codes: { tagId: string; name: string }[];
  /** counts[i][j]: the cell of codes i and j, symmetric. */
  counts: number[][];
  /** The cells that are not zero, each once (i ≤ j). */
  cells: CooccurrenceCell[];
}

/** The co-occurrence matrix as a table (header, rows) for CSV: a row and a column per code, names as labels. */
export function cooccurrenceTable(result: CooccurrenceResult): { header: string[]; rows: (string | number)[][] } {
  const names = result.codes.map((c) => c.name);
  return { header: ['code', ...names], rows: result.counts.map((row, i) => [names[i], ...row]) };
}
