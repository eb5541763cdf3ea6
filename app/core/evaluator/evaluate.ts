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
  /**
   * Prepares matchedTerms for every matched entry in one walk over the query's postings (about the cost
   * of the evaluation itself), instead of a search of every query term's posting per entry asked about:
   * for a caller about to ask for all of them (a wildcard that expands to thousands of terms made that
   * thousands of binary searches a passage). False, and nothing prepared, if `stop` said so on the way.
   */
  prepareAllMatchedTerms(stop?: () => boolean): boolean;
  /** Index terms that free clauses (not prohibited, not marked as phrase support) expanded to. */
  freeTerms: Set<string>;
}

export interface EvaluateOptions {
  /** Per document (by entryDoc), 1 if its entries may be returned (metadata filters): others are never scored. */
  allowedDocs?: { allowed: Uint8Array; entryDoc: Int32Array };
  /** Index terms to add as optional clauses that do not count as free terms (a phrase's words). */
  supportTerms?: string[];
  budget?: QueryBudget;
}

/** An error Lunr itself throws for this query (a required term that the pipeline reduces to nothing). */
export class LunrWouldThrow extends Error {}

/**
 * Per-entry work arrays, made once per index and reused by every query: a query touches only the
 * entries in its postings, and stamps tell this query's marks from older ones, so no query pays
 * for the size of the corpus (search runs on one thread, one query at a time).
 */
class Scratch {
  stamp = 0;
  readonly required: Int32Array;
  readonly requiredCount: Int32Array;
  readonly clauseSeen: Int32Array;
  readonly prohibited: Int32Array;
  readonly fieldSeen: Int32Array;
  readonly dot: Float64Array;
  readonly totalSeen: Int32Array;
  readonly total: Float64Array;
  constructor(R: number) {
    this.required = new Int32Array(R);
    this.requiredCount = new Int32Array(R);
    this.clauseSeen = new Int32Array(R);
    this.prohibited = new Int32Array(R);
    this.fieldSeen = new Int32Array(R);
    this.dot = new Float64Array(R);
    this.totalSeen = new Int32Array(R);
    this.total = new Float64Array(R);
  }
  next(): number {
    return ++this.stamp;
  }
}

const scratches = new WeakMap<EvalIndex, Scratch>();

export function evaluate(ei: EvalIndex, expander: TermExpander, pipeline: Pipeline, query: lunr.Query, options: EvaluateOptions = {}): Evaluation {
  const F = ei.fields.length;
  const R = ei.refs.length;
  const REQUIRED = lunr.Query.presence.REQUIRED;
  const PROHIBITED = lunr.Query.presence.PROHIBITED;
  const fieldNumber = new Map(ei.fields.map((f, i) => [f, i]));
  const budget = options.budget;
  let sc = scratches.get(ei);
  if (!sc) scratches.set(ei, (sc = new Scratch(R)));
  const queryStamp = sc.next();

  // Per field: the query vector's weight per term position. Required clauses are counted per entry
  // (an entry must be in every required clause's matches: Lunr's per-field intersections come to
  // that); prohibited entries are stamped.
  const weights: Map<number, number>[] = Array.from({ length: F }, () => new Map());
  let requiredClauses = 0;
  let requiredEmpty = false;
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

  for (const clause of clauses) {
    budget?.check();
    // Lectern's meaning: a wildcard or fuzzy term is matched against the corpus's written words (then
    // searched by their stems), not run through the stemmer and matched against stems as Lunr does.
    const written = expander.matchesWrittenWords && (clause.editDistance !== undefined || clause.term.includes('*'));
    const terms = written ? [clause.term.toLowerCase()] : clause.usePipeline ? pipeline.runString(clause.term, { fields: clause.fields }) : [clause.term];
    const fields = clause.fields.map((f) => fieldNumber.get(f)!);
    const support = (clause as { support?: boolean }).support === true;
    const isRequired = clause.presence === REQUIRED;
    const clauseStamp = isRequired ? sc.next() : 0;
    let sawTerm = false;
    for (const term of terms) {
      const expanded = written ? expander.expandWritten(term, clause.editDistance, budget) : expander.expand(term, clause.editDistance, budget);
      if (expanded.length === 0 && isRequired) {
        requiredEmpty = true;
        break;
      }
      sawTerm = true;
      for (const p of expanded) {
        for (const f of fields) {
          const k = p * F + f;
          if (isRequired) {
            for (let i = ei.postStart[k]; i < ei.postStart[k + 1]; i++) {
              const r = ei.postRef[i];
              if (sc.clauseSeen[r] === clauseStamp) continue;
              sc.clauseSeen[r] = clauseStamp;
              if (sc.required[r] !== queryStamp) {
                sc.required[r] = queryStamp;
                sc.requiredCount[r] = 0;
              }
              sc.requiredCount[r]++;
            }
          }
          if (clause.presence === PROHIBITED) {
            for (let i = ei.postStart[k]; i < ei.postStart[k + 1]; i++) sc.prohibited[ei.postRef[i]] = queryStamp;
            continue;
          }
          weights[f].set(p, (weights[f].get(p) ?? 0) + clause.boost);
          if (!support) freeTerms.add(ei.terms[p]);
        }
      }
    }
    if (isRequired) {
      if (!sawTerm && !requiredEmpty) throw new LunrWouldThrow(`Lunr cannot run a required clause "${clause.term}" that has no terms`);
      requiredClauses++;
    }
  }

  const filter = options.allowedDocs;
  const s = sc;
  const eligible = (r: number) =>
    !requiredEmpty &&
    (requiredClauses === 0 || (s.required[r] === queryStamp && s.requiredCount[r] === requiredClauses)) &&
    s.prohibited[r] !== queryStamp &&
    (!filter || filter.allowed[filter.entryDoc[r]] === 1);

  const negated = (query.clauses as Clause[]).every((c) => c.presence === PROHIBITED) && !(options.supportTerms?.length ?? 0);
  const touched: number[] = [];
  const ordered: number[][] = [];
  for (let f = 0; f < F; f++) {
    // The query vector's elements in Lunr's order (ascending term index), and its magnitude as Lunr computes it.
    const order = [...weights[f].keys()].sort((a, b) => ei.termIndex[a] - ei.termIndex[b]);
    ordered.push(order);
    let sumOfSquares = 0;
    for (const p of order) sumOfSquares += weights[f].get(p)! * weights[f].get(p)!;
    const magnitude = Math.sqrt(sumOfSquares);
    const fieldStamp = sc.next();
    const inField: number[] = [];
    for (const p of order) {
      budget?.check();
      const q = weights[f].get(p)!;
      const k = p * F + f;
      for (let i = ei.postStart[k]; i < ei.postStart[k + 1]; i++) {
        const r = ei.postRef[i];
        if (sc.fieldSeen[r] !== fieldStamp) {
          if (!eligible(r)) continue;
          sc.fieldSeen[r] = fieldStamp;
          sc.dot[r] = 0;
          inField.push(r);
        }
        sc.dot[r] += q * ei.postWeight[i];
      }
    }
    for (const r of inField) {
      if (sc.totalSeen[r] !== queryStamp) {
        sc.totalSeen[r] = queryStamp;
        sc.total[r] = 0;
        touched.push(r);
      }
      // Lunr: similarity = dot / magnitude || 0 (an empty query vector scores 0).
      sc.total[r] += sc.dot[r] / magnitude || 0;
    }
  }
  if (negated) {
    // Lunr scores every entry (0) for a query of exclusions only.
    for (let r = 0; r < R; r++) {
      if (sc.totalSeen[r] === queryStamp || !eligible(r)) continue;
      sc.totalSeen[r] = queryStamp;
      sc.total[r] = 0;
      touched.push(r);
    }
  }
  const entries = Int32Array.from(touched).sort();
  const scores = new Float64Array(entries.length);
  for (let k = 0; k < entries.length; k++) scores[k] = sc.total[entries[k]];
  let prepared: Map<number, Set<string>> | null = null;
  return {
    entries,
    scores,
    freeTerms,
    prepareAllMatchedTerms(stop) {
      if (prepared) return true;
      // Entry → its place in `entries` + 1 (0: not matched).
      const slot = new Int32Array(R);
      for (let k = 0; k < entries.length; k++) slot[entries[k]] = k + 1;
      const sets: (Set<string> | undefined)[] = new Array(entries.length);
      let walked = 0;
      for (let f = 0; f < F; f++) {
        for (const p of ordered[f]) {
          if (++walked % 64 === 0 && stop?.()) return false;
          const k = p * F + f;
          const term = ei.terms[p];
          for (let i = ei.postStart[k]; i < ei.postStart[k + 1]; i++) {
            const at = slot[ei.postRef[i]];
            if (at) (sets[at - 1] ??= new Set()).add(term);
          }
        }
      }
      prepared = new Map();
      for (let k = 0; k < entries.length; k++) prepared.set(entries[k], sets[k] ?? new Set());
      return true;
    },
    matchedTerms(entry) {
      const known = prepared?.get(entry);
      if (known) return [...known];
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
