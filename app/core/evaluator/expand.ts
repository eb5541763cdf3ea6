/**
 * Which index terms a query term stands for, exactly as Lunr decides it — the index's token set
 * intersected with the term's (`TokenSet.fromClause`: a wildcard pattern, or Lunr's fuzzy
 * automaton) — but without the index's token set, which takes seconds to build on a large
 * vocabulary. A plain term is a lookup. A pattern is Lunr's own small automaton for the query term,
 * run over the sorted term list as over a trie: the automaton's states are kept per prefix, so
 * terms sharing a prefix share the work, and a prefix no state survives skips every term under it.
 */
import lunr from 'lunr';
import type { QueryBudget } from '../queryBudget';
import type { EvalIndex } from './evalIndex';
import { expandSurface, type SurfaceWords } from './surfaceWords';

interface Node {
  final: boolean;
  edges: Record<string, Node>;
}

const TokenSet = lunr.TokenSet as unknown as { fromClause(c: { term: string; editDistance?: number }): Node };

/** The first index position ≥ lo whose term does not start with `prefix` (terms are sorted). */
function afterPrefix(terms: string[], prefix: string, lo: number): number {
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid].startsWith(prefix) || terms[mid] < prefix) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function firstAtLeast(terms: string[], s: string): number {
  let lo = 0;
  let hi = terms.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (terms[mid] < s) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

function step(states: Node[], ch: string): Node[] {
  const out: Node[] = [];
  for (const s of states) {
    const a = s.edges[ch];
    if (a !== undefined && !out.includes(a)) out.push(a);
    const any = s.edges['*'];
    if (any !== undefined && !out.includes(any)) out.push(any);
  }
  return out;
}

/** Sorted positions of the index terms the automaton accepts, among positions [lo, hi). */
function run(terms: string[], root: Node, lo: number, hi: number, budget?: QueryBudget): number[] {
  const out: number[] = [];
  // stack[d] = the automaton's states after the first d characters of the current term.
  const stack: Node[][] = [[root]];
  let prev = '';
  let p = lo;
  let visited = 0;
  while (p < hi) {
    if (budget && ++visited % 512 === 0) budget.check();
    const term = terms[p];
    let common = 0;
    const max = Math.min(prev.length, term.length, stack.length - 1);
    while (common < max && prev.charCodeAt(common) === term.charCodeAt(common)) common++;
    stack.length = common + 1;
    let d = common;
    let dead = false;
    for (; d < term.length; d++) {
      const next = step(stack[d], term[d]);
      if (next.length === 0) {
        dead = true;
        break;
      }
      stack.push(next);
    }
    if (dead) {
      // No term starting with these d+1 characters can be accepted: skip past all of them.
      prev = term.slice(0, d);
      stack.length = d + 1;
      p = afterPrefix(terms, term.slice(0, d + 1), p + 1);
      continue;
    }
    if (stack[term.length].some((s) => s.final)) out.push(p);
    prev = term;
    p++;
  }
  return out;
}

/** The literal characters before a pattern's first wildcard. */
const literalPrefix = (pattern: string) => pattern.slice(0, pattern.includes('*') ? pattern.indexOf('*') : pattern.length);

/** Positions in `terms` (sorted) that a wildcard pattern or a fuzzy term matches, by Lunr's rules. */
export function expandOver(terms: string[], term: string, editDistance: number | undefined, budget?: QueryBudget): number[] {
  const fuzzy = editDistance !== undefined;
  const root = TokenSet.fromClause(fuzzy ? { term, editDistance } : { term });
  let lo = 0;
  let hi = terms.length;
  if (!fuzzy) {
    // A pattern's literal start narrows the range to the terms that begin with it.
    const prefix = literalPrefix(term);
    if (prefix) {
      lo = firstAtLeast(terms, prefix);
      hi = afterPrefix(terms, prefix, lo);
    }
  }
  return run(terms, root, lo, hi, budget);
}

export class TermExpander {
  private readonly memo = new Map<string, number[]>();
  private surface: SurfaceWords | null = null;

  /** `surfaceWords` gives the corpus's written words (made on the first pattern that needs them). */
  constructor(
    private readonly index: EvalIndex,
    private readonly surfaceWords?: () => SurfaceWords,
  ) {}

  /** True when patterns are matched against written words (Lectern's meaning), not stems (Lunr's). */
  get matchesWrittenWords(): boolean {
    return this.surfaceWords !== undefined;
  }

  /** Makes the written words now, if they are not there yet (outside any query's time budget). */
  prepareWrittenWords(): void {
    if (this.surfaceWords) this.surface ??= this.surfaceWords();
  }

  /** Hands over written words made elsewhere (in the background), so no query waits for them. */
  useWrittenWords(words: SurfaceWords): void {
    this.surface ??= words;
  }

  /** Sorted term positions of the written words a wildcard pattern or fuzzy term matches. */
  expandWritten(term: string, editDistance: number | undefined, budget?: QueryBudget): number[] {
    const key = `w${editDistance ?? ''}\u0000${term}`;
    const known = this.memo.get(key);
    if (known) return known;
    this.surface ??= this.surfaceWords!();
    const found = expandSurface(this.surface, term, editDistance, budget);
    if (this.memo.size > 1000) this.memo.clear();
    this.memo.set(key, found);
    return found;
  }

  /** Sorted term positions for one query term (after the pipeline), with Lunr's wildcard and fuzzy rules. */
  expand(term: string, editDistance: number | undefined, budget?: QueryBudget): number[] {
    const fuzzy = editDistance !== undefined;
    if (!fuzzy && !term.includes('*')) {
      const p = this.index.termPosition.get(term);
      return p === undefined ? [] : [p];
    }
    const key = `${editDistance ?? ''}\u0000${term}`;
    const known = this.memo.get(key);
    if (known) return known;
    const found = expandOver(this.index.terms, term, editDistance, budget);
    if (this.memo.size > 1000) this.memo.clear();
    this.memo.set(key, found);
    return found;
  }
}
