/** What every format's extractor returns, and the error it throws for a file it cannot import. */
import { type BodyFormat, type MetadataFields } from '../../common/contract';
import { importFailure } from '../../common/formats';
import { LecternError } from '../../common/errors';

/** The text and metadata found in one file, before the user confirms or corrects them. */
export interface Extracted {
  /** Metadata found in the file; fields not found are '' (or []). */
  meta: MetadataFields;
  /** The body, without front matter: Markdown, or plain text when `format` is 'text'. */
  markdown: string;
  format: BodyFormat;
  /** Things the user should check (no date found, text guessed from layout …). */
  warnings: string[];
}

export function emptyMeta(source: string): MetadataFields {
  return { title: '', speakers: [], date: '', event: '', place: '', outlet: '', kind: '', language: '', author: '', source };
}

/** A file Lectern cannot import: the message names the file and the reason, and says nothing was written. */
export function importError(filename: string, reason: string): LecternError {
  return new LecternError(importFailure(filename, reason), 'bad-import');
}
