/** The agreement statistics against worked examples from the literature, to 3 decimals, and their degenerate cases. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import {
  cohenKappa,
  fleissKappa,
  fleissKappaFromCounts,
  krippendorffAlpha,
  measuresOf,
  percentAgreement,
  type ReliabilityUnit,
  type Value,
} from '../../../app/core/agreement/reliability';

const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);

/** Columns are coders: the matrix as printed (coders × units) turned into units. */
function byCoder(rows: (Value | null)[][]): ReliabilityUnit[] {
  return rows[0].map((_, u) => ({ values: rows.map((r) => r[u]) }));
}

test("Krippendorff (2011), 'Computing Krippendorff's Alpha-Reliability': 4 observers × 12 units with missing values, nominal alpha = 0.743", () => {
  const _ = null;
  const data = byCoder([
    [1, 2, 3, 3, 2, 1, 4, 1, 2, _, _, _],
    [1, 2, 3, 3, 2, 2, 4, 1, 2, 5, _, 3],
    [_, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, _],
    [1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, _],
  ]);
  assert.equal(round3(krippendorffAlpha(data).value), 0.743);
  // Unit 12 has one value: it is not pairable and changes nothing.
  assert.equal(round3(krippendorffAlpha(data.slice(0, 11)).value), 0.743);
});

test('Krippendorff (2011), section A: binary data, two observers, 10 units, no missing values, alpha = 0.095', () => {
  const data = byCoder([
    [0, 1, 0, 0, 0, 0, 0, 0, 1, 0],
    [1, 1, 1, 0, 0, 1, 0, 0, 0, 0],
  ]);
  // n = 20 values (14 zeros, 6 ones), 4 disagreeing units: alpha = 1 − 19·4/(14·6) = 0.095.
  assert.equal(round3(krippendorffAlpha(data).value), 0.095);
});

test("Fleiss' kappa: the widely reproduced 10 subjects × 14 raters × 5 categories example, kappa = 0.210", () => {
  const table = [
    [0, 0, 0, 0, 14],
    [0, 2, 6, 4, 2],
    [0, 0, 3, 5, 6],
    [0, 3, 9, 2, 0],
    [2, 2, 8, 1, 1],
    [7, 7, 0, 0, 0],
    [3, 2, 6, 3, 0],
    [2, 5, 3, 2, 2],
    [6, 5, 2, 1, 0],
    [0, 2, 2, 3, 7],
  ];
  const rows = table.map((counts) => ({ counts: counts.map((n, j) => [j + 1, n] as const) }));
  assert.equal(round3(fleissKappaFromCounts(rows, 14).value), 0.21);
  // The same data as a reliability matrix (each subject's 14 ratings in any order of raters) gives the same kappa.
  const units = table.map((counts) => ({ values: counts.flatMap((n, j) => Array<Value>(n).fill(j + 1)) }));
  assert.equal(round3(fleissKappa(units, 14).value), 0.21);
});

test("Cohen's kappa: 50 proposals read by two readers (20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no): p_o 0.7, p_e 0.5, kappa = 0.400", () => {
  const units: ReliabilityUnit[] = [
    ...Array.from({ length: 20 }, () => ({ values: ['yes', 'yes'] })),
    ...Array.from({ length: 5 }, () => ({ values: ['yes', 'no'] })),
    ...Array.from({ length: 10 }, () => ({ values: ['no', 'yes'] })),
    ...Array.from({ length: 15 }, () => ({ values: ['no', 'no'] })),
  ];
  assert.equal(round3(cohenKappa(units, 2).value), 0.4);
  assert.equal(round3(percentAgreement(units).value), 0.7);
  // Weights stand for repeated units: four weighted rows say the same as the fifty.
  const weighted: ReliabilityUnit[] = [
    { values: ['yes', 'yes'], weight: 20 },
    { values: ['yes', 'no'], weight: 5 },
    { values: ['no', 'yes'], weight: 10 },
    { values: ['no', 'no'], weight: 15 },
  ];
  assert.deepEqual(measuresOf(weighted, 2), measuresOf(units, 2));
  // Alpha for two coders, no missing data: 1 − (n − 1)·D_o/D_e with n = 100 values; 15 disagreeing units give 30 off-diagonal coincidences.
  // totals: yes 20·2+5+10 = 55, no 45; expected = 100² − 55² − 45² = 4950; alpha = 1 − 99·30/4950 = 0.4.
  assert.equal(round3(krippendorffAlpha(units).value), 0.4);
});

test('weighted segments give what one unit per character gives', () => {
  // Three coders over 10 characters: segments [0,3) all agree on 0, [3,7) split, [7,10) one coder missing.
  const segments: ReliabilityUnit[] = [
    { values: [false, false, false], weight: 3 },
    { values: [true, true, false], weight: 4 },
    { values: [true, null, true], weight: 3 },
  ];
  const chars = segments.flatMap((s) => Array.from({ length: s.weight! }, () => ({ values: s.values })));
  const a = measuresOf(segments, 3);
  const b = measuresOf(chars, 3);
  for (const k of Object.keys(a) as (keyof typeof a)[]) {
    assert.equal(a[k].reason, b[k].reason, k);
    assert.ok(Math.abs((a[k].value ?? NaN) - (b[k].value ?? NaN)) < 1e-12 || (a[k].value === null && b[k].value === null), k);
  }
  // Hand-worked alpha: values n = 9 + 12 + 6 = 27; true: 8 + 6 = 14, false: 9 + 4 = 13.
  // Disagreements: each of the 4 split characters has ordered pairs true–false 2·1·2/(3−1) = 2 → 8.
  // alpha = 1 − 26·8/(27² − 14² − 13²) = 1 − 208/364 = 0.429.
  assert.equal(round3(a.krippendorffAlpha.value), 0.429);
  // Fleiss only on the 7 complete characters: P̄ = (3·1 + 4·(1/3))/7 = 13/21; p_true = 8/21, P_e = (64 + 169)/441.
  assert.equal(round3(a.fleissKappa.value), round3((13 / 21 - 233 / 441) / (1 - 233 / 441)));
  assert.equal(a.cohenKappa.value, null);
  assert.match(a.cohenKappa.reason!, /exactly two coders; 3 were chosen/);
});

test('degenerate cases are null with a reason, never NaN', () => {
  const same: ReliabilityUnit[] = [{ values: [true, true] }, { values: [true, true] }];
  const m = measuresOf(same, 2);
  assert.equal(m.percentAgreement.value, 1);
  for (const k of ['cohenKappa', 'fleissKappa', 'krippendorffAlpha'] as const) {
    assert.equal(m[k].value, null, k);
    assert.match(m[k].reason!, /no variation/, k);
  }
  const none = measuresOf([], 2);
  for (const v of Object.values(none)) assert.equal(v.value, null);
  assert.match(none.krippendorffAlpha.reason!, /no unit was coded by two or more/);
  assert.match(none.fleissKappa.reason!, /no unit was coded by every chosen coder/);
  const alone = measuresOf([{ values: [true] }, { values: [false] }], 1);
  for (const v of Object.values(alone)) assert.match(v.reason!, /at least two coders; 1 was chosen/);
  // Missing everywhere but one coder per unit: nothing is pairable.
  const apart = measuresOf([{ values: [true, null] }, { values: [null, false] }], 2);
  for (const v of Object.values(apart)) assert.equal(v.value, null);
});
