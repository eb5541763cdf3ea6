/** What every CLI command is (its name, usage and options) and what it is given to run. */
import type { LecternApi } from '../common/contract';
import type { OptionSpec, ParsedArgs } from './args';
import type { Io } from './exit';

export interface CliContext {
  io: Io;
  args: ParsedArgs;
  /** The --corpus folder, resolved (default: the corpus shipped with Lectern). */
  corpusDir: string;
  /**
   * The contract on that corpus, through the dispatch the app's IPC and HTTP use (so the same checks
   * and errors); a folder that cannot be read is a user error.
   */
  open(): Promise<LecternApi>;
}

export interface Command {
  name: string;
  /** One line for `lectern help`: the arguments and what the command does. */
  synopsis: string;
  usage: string;
  options: OptionSpec;
  run(ctx: CliContext): Promise<number>;
}
