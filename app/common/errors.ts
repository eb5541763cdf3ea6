/**
 * The one error a user can cause (a bad request, an unknown id, a file that cannot be imported): its
 * message says what was wrong and what to do, and is shown as it is. Every transport carries its
 * code, so a caller can react to the kind of problem without reading the message.
 */

/** Every kind of user error Lectern reports; a new kind is added here, so callers can switch on it. */
export const ERROR_CODES = [
  'bad-request', // a malformed or impossible request
  'bad-threshold', // a compare threshold outside 0..1
  'usage', // the command line was used wrongly (exit code 2)
  'not-found', // an id, method or file that does not exist (any more)
  'unknown-document', // a compare side names no document
  'unknown-speaker', // a compare side names no speaker
  'empty-side', // a compare side has nothing to compare
  'same-side', // both compare sides are the same
  'exists', // an import would replace a document without being told to
  'duplicate-tag', // a tag name already in the codebook
  'bad-import', // a file that cannot be imported (tags or documents)
  'foreign-import', // a tag import that names none of this corpus's documents
  'unmatched-sources', // a REFI-QDA import whose sources match no document (allowed with allowOrphans)
  'unavailable', // the corpus or its tag store cannot be used now
  'store-unreadable', // the tag store's file cannot be read or written
  'store-locked', // another Lectern holds the tag store's lock too long
  'disk-full', // a write failed for want of space
  'read-only', // a write failed for want of permission
  'too-large', // a request or file over Lectern's limits
  'too-many', // too many attempts (failed sign-ins): wait, then try again
  'conflict', // an undo or redo whose entities were changed again since by someone else
  'forbidden', // a caller Lectern does not trust (foreign host, unknown window)
  'unauthorized', // a browser-mode page without this instance's session (a spent or foreign launch address)
  'offline', // the client cannot reach Lectern
  'internal', // a fault in Lectern itself (not the user's doing)
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export class LecternError extends Error {
  constructor(
    message: string,
    readonly code: ErrorCode = 'bad-request',
  ) {
    super(message);
    this.name = 'LecternError';
  }
}

/** The code of a value received over a transport, 'internal' when it is not one Lectern knows. */
export function errorCodeOf(value: unknown): ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value) ? (value as ErrorCode) : 'internal';
}
