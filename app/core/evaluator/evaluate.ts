/**
 * Answers a parsed Lunr query over the typed index, with the result `lunr.Index.query` gives on
 * the same index: the same entries, the same scores, the same matched terms. It follows Lunr's
 * algorithm step for step (clauses through the search pipeline, term expansion, required and
 * prohibited sets per field, the query vector of boosts, cosine against the stored field vectors)
 * but on typed arrays: scores are accumulated term by term, in ascending term index — the order in
 * which Lunr's dot product adds them, so every score is the same double — and only for entries the
 * caller's filter allows, and match data is made only for the entries the caller asks about.
 */
import lunr from 'lunr';
import type { QueryBudget } from '../queryBudget';
import type { EvalIndex } from './evalIndex';
import type { TermExpander } from './expand';

type Clause = lunr.Query.Clause & { presence: lunr.Query.presence; editDistance?: number };
interface Pipeline {
  runString(s: string, metadata: object): string[];
}

export interface Evaluation {
  /** Entries that match, in ascending entry number, with their scores. */
  entries: Int32Array;
  scores: Float64Array;
  /** The index terms (and fields) this entry matched, as Lunr's matchData.metadata keys would list them. */
  matchedTerms(entry: number): string[];
  /** Index terms that free clauses (not prohibited, not marked as phrase support) expanded to. */
  freeTerms: Set<string>;
}

export interface EvaluateOptions {
  /** Per entry, 1 if it may be returned (metadata filters): others are never scored. */
  allowed?: Uint8Array;
  /** Index terms to add as optional clauses that do not count as free terms (a phrase's words). */
  supportTerms?: string[];
  budget?: QueryBudget;
}

/** An error Lunr itself throws for this query (a required term that the pipeline reduces to nothing). */
export class LunrWouldThrow extends Error {}

export function evaluate(ei: EvalIndex, expander: TermExpander, pipeline: Pipeline, query: lunr.Query, options: EvaluateOptions = {}): Evaluation {
  const F = ei.fields.length;
  const R = ei.refs.length;
  const REQUIRED = lunr.Query.presence.REQUIRED;
  const PROHIBITED = lunr.Query.presence.PROHIBITED;
  const fieldNumber = new Map(ei.fields.map((f, i) => [f, i]));
  const budget = options.budget;

  // Per field: query-vector weight per term position; required (undefined = no constraint) and prohibited entry sets.
  const weights: Map<number, number>[] = Array.from({ length: F }, () => new Map());
  const required: (Uint8Array | undefined)[] = new Array(F).fill(undefined);
  const prohibited: (Uint8Array | undefined)[] = new Array(F).fill(undefined);
  const freeTerms = new Set<string>();
  const clauses = [...(query.clauses as Clause[])];
  for (const term of options.supportTerms ?? []) {
    clauses.push({
      term,
      fields: [...ei.fields],
      boost: 1,
      usePipeline: false,
      wildcard: lunr.Query.wildcard.NONE,
      presence: lunr.Query.presence.OPTIONAL,
      support: true,
    } as unknown as Clause);
  }
  const mark = (set: Uint8Array, p: number, f: number) => {
    const k = p * F + f;
    for (let i = ei.postStart[k]; i < ei.postStart[k + 1]; i++) set[ei.postRef[i]] = 1;
  };

  for (const clause of clauses) {
    budget?.check();
    // Lectern's meaning: a wildcard or fuzzy term is matched against the corpus's written words (then
    // searched by their stems), not run through the stemmer and matched against stems as Lunr does.
    const written = expander.matchesWrittenWords && (clause.editDistance !== undefined || clause.term.includes('*'));
    const terms = written ? [clause.term.toLowerCase()] : clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
    const fields = clause.fields.map((f) => fieldNumber.get(f)!);
    const clauseMatches = clause.presence === REQUIRED ? new Uint8Array(R) : null;
    const support = (clause as { support?: boolean }).support === true;
    for (const term of terms) {
      const expanded = written ? expander.expandWritten(term, clause.editDistance, budget) : expander.expand(term, clause.editDistance, budget);
      if (expanded.length === 0 && clause.presence === REQUIRED) {
        for (const f of fields) required[f] = new Uint8Array(R);
        break;
      }
      for (const p of expanded) {
        for (const f of fields) {
          if (clause.presence === REQUIRED) {
            mark(clauseMatches!, p, f);
            required[f] ??= new Uint8Array(R).fill(1);
          }
          if (clause.presence === PROHIBITED) {
            mark((prohibited[f] ??= new Uint8Array(R)), p, f);
            continue;
          }
          weights[f].set(p, (weights[f].get(p) ?? 0) + clause.boost);
          if (!support) freeTerms.add(ei.terms[p]);
        }
      }
    }
    if (clause.presence === REQUIRED) {
      for (const f of fields) {
        const r = required[f];
        if (r === undefined) throw new LunrWouldThrow(`Lunr cannot run a required clause "${clause.term}" that has no terms`);
        for (let i = 0; i < R; i++) r[i] &= clauseMatches![i];
      }
    }
  }

  // Who may be scored: allowed by the caller, in every field's required set, in no prohibited set.
  const eligible = options.allowed ? options.allowed.slice() : new Uint8Array(R).fill(1);
  for (let f = 0; f < F; f++) {
    const req = required[f];
    const pro = prohibited[f];
    if (req) for (let i = 0; i < R; i++) eligible[i] &= req[i];
    if (pro) for (let i = 0; i < R; i++) if (pro[i]) eligible[i] = 0;
  }

  const negated = (query.clauses as Clause[]).every((c) => c.presence === PROHIBITED) && !(options.supportTerms?.length ?? 0);
  const total = new Float64Array(R);
  const matched = new Uint8Array(R);
  const ordered: number[][] = [];
  for (let f = 0; f < F; f++) {
    // The query vector's elements in Lunr's order (ascending term index), and its magnitude as Lunr computes it.
    const order = [...weights[f].keys()].sort((a, b) => ei.termIndex[a] - ei.termIndex[b]);
    ordered.push(order);
    let sumOfSquares = 0;
    for (const p of order) sumOfSquares += weights[f].get(p)! * weights[f].get(p)!;
    const magnitude = Math.sqrt(sumOfSquares);
    const dot = new Float64Array(R);
    const inField = new Uint8Array(R);
    for (const p of order) {
      budget?.check();
      const q = weights[f].get(p)!;
      const k = p * F + f;
      for (let i = ei.postStart[k]; i < ei.postStart[k + 1]; i++) {
        const r = ei.postRef[i];
        if (!eligible[r]) continue;
        dot[r] += q * ei.postWeight[i];
        inField[r] = 1;
      }
    }
    for (let r = 0; r < R; r++) {
      if (!(inField[r] || (negated && eligible[r]))) continue;
      // Lunr: similarity = dot / magnitude || 0 (an empty query vector scores 0).
      total[r] += dot[r] / magnitude || 0;
      matched[r] = 1;
    }
  }
  let n = 0;
  for (let r = 0; r < R; r++) if (matched[r]) n++;
  const entries = new Int32Array(n);
  const scores = new Float64Array(n);
  n = 0;
  for (let r = 0; r < R; r++) {
    if (!matched[r]) continue;
    entries[n] = r;
    scores[n++] = total[r];
  }
  return {
    entries,
    scores,
    freeTerms,
    matchedTerms(entry) {
      const out = new Set<string>();
      for (let f = 0; f < F; f++) {
        for (const p of ordered[f]) {
          const k = p * F + f;
          if (contains(ei.postRef, ei.postStart[k], ei.postStart[k + 1], entry)) out.add(ei.terms[p]);
        }
      }
      return [...out];
    },
  };
}

/** Binary search in a sorted slice of a typed array. */
function contains(a: Int32Array, lo: number, hi: number, x: number): boolean {
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (a[mid] < x) lo = mid + 1;
    else if (a[mid] > x) hi = mid;
    else return true;
  }
  return false;
}
