/** Shared data shapes of the core: what flows from files to passages to search, tags and compare. */

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

/** A piece of the source that cleaning left out, with the rule that removed it. */
export interface RemovedBlock {
  text: string;
  /** Id of the cleaning rule, or 'user' for paragraphs the user marked as boilerplate. */
  rule: string;
  /** Index of the passage this block stood before in the source (passages.length if at the end). */
  beforePassage: number;
}

/** A fully loaded, cleaned document. */
export interface LoadedDocument {
  meta: DocumentMeta;
  /** The canonical plain text: passage texts joined by blank lines. Every offset points into it. */
  text: string;
  passages: Passage[];
  removed: RemovedBlock[];
  wordCount: number;
  /** sha256 of the file's bytes: identifies the content for caches. */
  contentHash: string;
  /** The cleaning configuration it was built under (CleaningConfig.key). */
  configKey: string;
  /** The file's size, time and inode when it was read (see fileStamp); unset or null: compare the bytes. */
  stamp?: string | null;
  /** Warnings about the file found while building it (reported again when the document is reused); unset: none. */
  diagnostics?: Diagnostic[];
}
