/** Runs a subcommand: a user's mistake (LecternError) prints its message and exits 1; anything else exits 2. */
import { LecternError } from '../contract';

export async function guarded(io: { err: (s: string) => void }, run: () => Promise<number>): Promise<number> {
  try {
    return await run();
  } catch (e) {
    if (e instanceof LecternError) {
      io.err(e.message);
      return 1;
    }
    io.err(`Unexpected error: ${(e as Error)?.stack ?? e}`);
    return 2;
  }
}
