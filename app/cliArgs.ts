/** Minimal argument parsing for the CLI: positionals, --flag and --key value (or --key=value). */
import { LecternError } from './contract';

export interface ParsedArgs {
  positionals: string[];
  options: Map<string, string | true>;
}

export function parseArgs(argv: string[], valued: Set<string>): ParsedArgs {
  const positionals: string[] = [];
  const options = new Map<string, string | true>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const key = eq > 0 ? a.slice(2, eq) : a.slice(2);
      if (eq > 0) options.set(key, a.slice(eq + 1));
      else if (valued.has(key)) {
        if (i + 1 >= argv.length) throw new LecternError(`--${key} needs a value.`);
        options.set(key, argv[++i]);
      } else options.set(key, true);
    } else positionals.push(a);
  }
  return { positionals, options };
}

export function intOption(args: ParsedArgs, name: string, fallback: number): number {
  const v = args.options.get(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (v === true || !Number.isInteger(n) || n < 0) throw new LecternError(`--${name} needs a whole number, not "${v === true ? '' : v}".`);
  return n;
}
