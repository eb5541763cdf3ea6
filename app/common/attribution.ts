/**
 * Who is speaking, sentence by sentence: the attribution layer's JSON shape, as `lectern attribute
 * --json` prints it, the reader shows it and compare counts it.
 */

/**
 * `direct`: the speaker's words as spoken (a quotation; in a transcript, the speaker's own text);
 * `reported`: someone's words told in the writer's words ("Raab said that…", "He warned…");
 * `narration`: the writer's own account (background, the frame around a quotation);
 * `other`: headline, byline, captions, page furniture.
 */
export type SpanKind = 'direct' | 'reported' | 'narration' | 'other';

export const SPAN_KINDS: readonly SpanKind[] = ['direct', 'reported', 'narration', 'other'];

export interface AttributedSpan {
  /** Offsets into the document's cleaned text (the text `lectern kwic` cuts lines from). */
  start: number;
  end: number;
  text: string;
  kind: SpanKind;
  /** Whose words (direct and reported): a name the text gives, or null when it names nobody. */
  speaker: string | null;
  /** How the text describes an unnamed speaker ("the ports minister"), or null. */
  role: string | null;
  /** How sure the attribution is, 0..1; 1 where it is certain (a headline, a transcript's own words). */
  confidence: number;
  /** The words that attribute it ("Raab said", "according to the minister"), or null. */
  cue: string | null;
  /** Index of the sentence it belongs to (spans of one sentence share it). */
  sentence: number;
}

export interface DocumentAttribution {
  docId: string;
  /** `transcript`: the document's speaker speaks throughout; `news`: a writer reports others' words. */
  genre: 'news' | 'transcript';
  /** The document's own speakers (its metadata), whose words compare takes by default. */
  speakers: string[];
  /** In text order, covering the cleaned text exactly: their texts joined are the text. */
  spans: AttributedSpan[];
  /** Each sentence as a whole (what the reader's margin marks show): the label most of its words carry. */
  sentences: SentenceAttribution[];
}

/** A sentence's label: a reporting clause ("Raab said") counts with what it reports. */
export interface SentenceAttribution {
  start: number;
  end: number;
  kind: SpanKind;
  speaker: string | null;
  role: string | null;
  confidence: number;
  cue: string | null;
  /** The label of most of the sentence's words, quotations included: what the reader's margin shows. */
  voice: { kind: SpanKind; speaker: string | null; role: string | null; confidence: number };
}

/** Below this confidence the reader and the CLI show an attribution as uncertain. */
export const CERTAIN_ATTRIBUTION = 0.9;

/** The same name, whatever its case and spacing: "dominic  raab" is "Dominic Raab". */
export function sameName(a: string, b: string): boolean {
  return a.trim().replace(/\s+/g, ' ').toLowerCase() === b.trim().replace(/\s+/g, ' ').toLowerCase();
}

/** Is this span one of these speakers' words (direct or reported)? */
export function isWordsOf(span: Pick<AttributedSpan, 'kind' | 'speaker'>, speakers: readonly string[]): boolean {
  return (span.kind === 'direct' || span.kind === 'reported') && span.speaker !== null && speakers.some((s) => sameName(s, span.speaker!));
}
