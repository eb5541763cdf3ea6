/**
 * Agreement statistics on a reliability-data matrix: one row per unit, one value per coder, null
 * where a coder gave none (missing data). A unit may carry a weight: a segment of w characters
 * with one value per coder counts as w units with those values, which is how the char unit stays
 * exact without a unit per character. Every measure is nominal. Undefined results are null with
 * the reason, never NaN.
 */
import type { AgreementMeasures, Measure } from '../../common/agreement';

export type Value = string | number | boolean;

export interface ReliabilityUnit {
  /** One entry per coder, in the same coder order for every unit; null: that coder gave no value. */
  values: readonly (Value | null)[];
  /** How many identical units this row stands for (default 1). */
  weight?: number;
}

const defined = (value: number): Measure => ({ value, reason: null });
const undefinedBecause = (reason: string): Measure => ({ value: null, reason });

const weightOf = (u: ReliabilityUnit) => u.weight ?? 1;
const present = (u: ReliabilityUnit) => u.values.filter((v): v is Value => v !== null);

/** Value → how often it occurs in a list. */
function tally(values: readonly Value[]): Map<Value, number> {
  const counts = new Map<Value, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return counts;
}

/**
 * The share of agreeing pairs among the coders who coded a unit, averaged over units with at least
 * two values (weighted). For two coders it is the share of units on which they agree.
 */
export function percentAgreement(units: readonly ReliabilityUnit[]): Measure {
  let agreeing = 0;
  let total = 0;
  for (const u of units) {
    const values = present(u);
    const m = values.length;
    if (m < 2) continue;
    let same = 0;
    for (const n of tally(values).values()) same += (n * (n - 1)) / 2;
    agreeing += (weightOf(u) * same) / ((m * (m - 1)) / 2);
    total += weightOf(u);
  }
  return total > 0 ? defined(agreeing / total) : undefinedBecause('no unit was coded by two or more of the chosen coders');
}

/** Cohen's kappa: exactly two coders, over the units both coded; chance from each coder's own distribution. */
export function cohenKappa(units: readonly ReliabilityUnit[], coders: number): Measure {
  if (coders !== 2) return undefinedBecause(`Cohen's kappa compares exactly two coders; ${coders} were chosen (see Fleiss' kappa and Krippendorff's alpha)`);
  let n = 0;
  let agree = 0;
  const first = new Map<Value, number>();
  const second = new Map<Value, number>();
  for (const u of units) {
    const [a, b] = u.values;
    if (a === null || b === null || a === undefined || b === undefined) continue;
    const w = weightOf(u);
    n += w;
    if (a === b) agree += w;
    first.set(a, (first.get(a) ?? 0) + w);
    second.set(b, (second.get(b) ?? 0) + w);
  }
  if (n === 0) return undefinedBecause('no unit was coded by both coders');
  let chance = 0;
  for (const [v, c] of first) chance += (c / n) * ((second.get(v) ?? 0) / n);
  if (chance >= 1) return undefinedBecause('no variation: both coders gave the same value to every unit, so agreement expected by chance is 1');
  return defined((agree / n - chance) / (1 - chance));
}

/**
 * Fleiss' kappa over the units every coder coded (it assumes the same number of ratings per unit;
 * units with a missing value are left out, and the reason says when none is left).
 */
export function fleissKappa(units: readonly ReliabilityUnit[], coders: number): Measure {
  if (coders < 2) return undefinedBecause(`Fleiss' kappa needs at least two coders; ${coders} ${coders === 1 ? 'was' : 'were'} chosen`);
  const rows = units
    .filter((u) => u.values.length === coders && u.values.every((v) => v !== null))
    .map((u) => ({ counts: [...tally(present(u)).entries()], weight: weightOf(u) }));
  if (rows.length === 0) return undefinedBecause('no unit was coded by every chosen coder');
  return fleissKappaFromCounts(rows, coders);
}

/** Fleiss' kappa from category counts per unit (each unit rated by `raters`), as Fleiss (1971) tabulates it. */
export function fleissKappaFromCounts(rows: readonly { counts: readonly (readonly [Value, number])[]; weight?: number }[], raters: number): Measure {
  let units = 0;
  let observed = 0;
  const perCategory = new Map<Value, number>();
  for (const row of rows) {
    const w = row.weight ?? 1;
    let squares = 0;
    for (const [category, n] of row.counts) {
      squares += n * n;
      perCategory.set(category, (perCategory.get(category) ?? 0) + w * n);
    }
    units += w;
    observed += (w * (squares - raters)) / (raters * (raters - 1));
  }
  if (units === 0) return undefinedBecause('there are no units');
  let chance = 0;
  for (const n of perCategory.values()) chance += (n / (units * raters)) ** 2;
  if (chance >= 1) return undefinedBecause('no variation: every value given was the same, so agreement expected by chance is 1');
  return defined((observed / units - chance) / (1 - chance));
}

/**
 * Krippendorff's alpha, nominal: 1 − observed / expected disagreement, from the coincidence matrix
 * of the values in units with at least two (pairable values); any number of coders, missing values allowed.
 */
export function krippendorffAlpha(units: readonly ReliabilityUnit[]): Measure {
  // Only the off-diagonal coincidences (disagreements) and each value's total are needed for nominal alpha.
  let disagreeing = 0;
  const totals = new Map<Value, number>();
  for (const u of units) {
    const values = present(u);
    const m = values.length;
    if (m < 2) continue;
    const w = weightOf(u);
    const counts = tally(values);
    for (const [v, n] of counts) {
      totals.set(v, (totals.get(v) ?? 0) + w * n);
      // Ordered pairs of this value with a different one, each pair weighted 1/(m − 1).
      disagreeing += (w * n * (m - n)) / (m - 1);
    }
  }
  let n = 0;
  for (const t of totals.values()) n += t;
  if (n < 2) return undefinedBecause('no unit was coded by two or more of the chosen coders');
  let squares = 0;
  for (const t of totals.values()) squares += t * t;
  const expected = n * n - squares; // Σ over value pairs c ≠ k of n_c · n_k
  if (expected === 0) return undefinedBecause('no variation: every value given was the same, so there is no disagreement to expect');
  return defined(1 - ((n - 1) * disagreeing) / expected);
}

/** The four measures on one matrix of `coders` columns. */
export function measuresOf(units: readonly ReliabilityUnit[], coders: number): AgreementMeasures {
  if (coders < 2) {
    const none = undefinedBecause(`agreement needs at least two coders; ${coders} ${coders === 1 ? 'was' : 'were'} chosen`);
    return { percentAgreement: none, cohenKappa: none, fleissKappa: none, krippendorffAlpha: none };
  }
  return {
    percentAgreement: percentAgreement(units),
    cohenKappa: cohenKappa(units, coders),
    fleissKappa: fleissKappa(units, coders),
    krippendorffAlpha: krippendorffAlpha(units),
  };
}
