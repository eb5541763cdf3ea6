/**
 * The command line's one exit-code policy: 0 done; 1 a user error, its message printed (a missing
 * document, a file that cannot be read); 2 the command was used wrongly, with its usage; 70 a fault
 * in Lectern itself (sysexits' EX_SOFTWARE), printed with its stack for a bug report.
 */
import { LecternError } from '../common/errors';

export const EXIT = { ok: 0, userError: 1, usage: 2, internal: 70 } as const;

export interface Io {
  out(s: string): void;
  err(s: string): void;
}

/** The exit code for what a command threw, after printing it. */
export function reportFailure(e: unknown, io: Io): number {
  if (e instanceof LecternError) {
    io.err(`lectern: ${e.message}`);
    return e.code === 'usage' ? EXIT.usage : EXIT.userError;
  }
  io.err(`lectern: internal error (please report it): ${(e as Error)?.stack ?? e}`);
  return EXIT.internal;
}
