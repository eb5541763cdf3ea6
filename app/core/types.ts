/** Shared data shapes of the core: what flows from files to passages to search, tags and compare. */
import type { Diagnostic, DocumentMeta, Passage } from '../common/documents';

export type { Diagnostic, DocumentMeta, Passage };

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
