/** What a document is, as both sides of the contract see it: its metadata, its passages, a problem with its file. */

/** Metadata of one document, from its front matter (all optional in the file; normalised here). */
export interface DocumentMeta {
  /** File path relative to the corpus folder, without extension, '/'-separated. */
  id: string;
  title: string;
  speakers: string[];
  /** ISO 8601 date of the speech (YYYY-MM-DD), or '' when unknown. */
  date: string;
  event: string;
  place: string;
  outlet: string;
  kind: string;
  language: string;
  /** Who wrote the text (a journalist), kept apart from the speakers; '' when not given. */
  author: string;
  /** The file the document was imported from, if it was imported; ''. */
  source: string;
  /** Relative path of the source file inside the corpus folder. */
  path: string;
  /** Every other front-matter field, by lower-case name, as text (a list's items joined with "; "). */
  attributes: Record<string, string>;
}

export type AttributeType = 'text' | 'number' | 'date';

/** One attribute of a corpus: its name, its type (from its values), how many documents have it. */
export interface AttributeInfo {
  name: string;
  type: AttributeType;
  documents: number;
  /** Distinct values (case-insensitive). */
  distinct: number;
}

/** A problem with one corpus file; the file is skipped or loaded partly, the rest loads. */
export interface Diagnostic {
  /** Relative path of the file inside the corpus, or '' for the corpus as a whole. */
  file: string;
  severity: 'error' | 'warning';
  message: string;
}

/** A passage: a paragraph (or a few sentences of a long one) of a document's canonical text. */
export interface Passage {
  /** Stable id: a hash of the passage text, with a suffix for repeats within one document. */
  id: string;
  /** Position in the document (0-based). */
  index: number;
  /** Character offsets [start, end) into the document's canonical text (UTF-16 code units). */
  start: number;
  end: number;
  text: string;
  /** HTML of this passage (marked's output, raw HTML escaped); the renderer sanitises it again. */
  html: string;
}
