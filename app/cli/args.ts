/**
 * The command line's one argument parser: positionals, --flag, --key value or --key=value, options
 * that may repeat, and `--` to end options. Each command declares its options; anything else is a
 * usage error (exit code 2) that names the option and shows the command's usage.
 */
import { LecternError } from '../common/errors';

export interface OptionSpec {
  /** Options that take a value (the last one given wins, unless repeatable). */
  valued?: readonly string[];
  /** Valued options that may be given more than once (--tag A --tag B). */
  repeatable?: readonly string[];
  /** Options without a value. */
  flags?: readonly string[];
}

/** Options every command takes. */
const GLOBAL: Required<OptionSpec> = { valued: ['corpus', 'coder'], repeatable: [], flags: ['help'] };

export class ParsedArgs {
  constructor(
    readonly positionals: string[],
    private readonly values: Map<string, string[]>,
    private readonly flags: Set<string>,
    private readonly usage: string,
  ) {}

  has(name: string): boolean {
    return this.flags.has(name) || this.values.has(name);
  }

  /** The option's value (the last given), or undefined. */
  value(name: string): string | undefined {
    return this.values.get(name)?.at(-1);
  }

  /** Every value a repeatable option was given, in order. */
  all(name: string): string[] {
    return this.values.get(name) ?? [];
  }

  /** A whole number of at least 0, or the fallback when the option is absent. */
  int(name: string, fallback: number): number {
    const v = this.value(name);
    if (v === undefined) return fallback;
    const n = Number(v);
    if (v.trim() === '' || !Number.isInteger(n) || n < 0) throw usageError(`--${name} needs a whole number, not "${v}".`, this.usage);
    return n;
  }

  /** A usage error for this command: the message, then how to use it. */
  misuse(message: string): LecternError {
    return usageError(message, this.usage);
  }
}

export function usageError(message: string, usage: string): LecternError {
  return new LecternError(`${message}\n\n${usage}`, 'usage');
}

export function parseArgs(argv: readonly string[], spec: OptionSpec, usage: string): ParsedArgs {
  const valued = new Set([...GLOBAL.valued, ...(spec.valued ?? []), ...(spec.repeatable ?? [])]);
  const repeatable = new Set(spec.repeatable ?? []);
  const flagNames = new Set([...GLOBAL.flags, ...(spec.flags ?? [])]);
  const positionals: string[] = [];
  const values = new Map<string, string[]>();
  const flags = new Set<string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg.length === 2) {
      positionals.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (flagNames.has(name)) {
      if (eq >= 0) throw usageError(`--${name} takes no value.`, usage);
      flags.add(name);
    } else if (valued.has(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw usageError(`--${name} needs a value.`, usage);
      values.set(name, repeatable.has(name) ? [...(values.get(name) ?? []), value] : [value]);
    } else {
      throw usageError(`Unknown option --${name}.`, usage);
    }
  }
  return new ParsedArgs(positionals, values, flags, usage);
}
