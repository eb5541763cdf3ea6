/**
 * Association measures for collocation, from one contingency table. For a node word and a
 * collocate: O11 = the collocate's uses inside the node's windows; R1 = the running-word positions
 * those windows cover (each counted once, cut at passage ends); C1 = the collocate's uses in the
 * corpus; N = the corpus's running words. Expected E11 = R1·C1/N. The formulas are the standard
 * ones (Evert 2008, "Corpora and collocations"; Rychlý 2008 for log-Dice), written out so that a
 * test can check each against a hand computation.
 */

export interface Contingency {
  o11: number;
  r1: number;
  c1: number;
  n: number;
  /** The node's own frequency (log-Dice's f(x)). */
  nodeFrequency: number;
}

export type Measure = 'logdice' | 'mi' | 't' | 'g2';
export const MEASURES: readonly Measure[] = ['logdice', 'mi', 't', 'g2'];

export const expected = (c: Contingency) => (c.r1 * c.c1) / c.n;

/** Pointwise mutual information, log2(O11/E11): how much more often than chance (favours rare pairs). */
export function mutualInformation(c: Contingency): number {
  return Math.log2(c.o11 / expected(c));
}

/** t-score, (O11 − E11)/√O11: confidence that the pair is not chance (favours frequent pairs). */
export function tScore(c: Contingency): number {
  return (c.o11 - expected(c)) / Math.sqrt(c.o11);
}

/** log-Dice, 14 + log2(2·O11/(f(node) + f(collocate))): a scale that does not depend on corpus size (max 14). */
export function logDice(c: Contingency): number {
  return 14 + Math.log2((2 * c.o11) / (c.nodeFrequency + c.c1));
}

/** Log-likelihood G² over the 2×2 table (window/elsewhere × collocate/other), signed: negative when rarer than expected. */
export function logLikelihood(c: Contingency): number {
  const o = [c.o11, c.r1 - c.o11, c.c1 - c.o11, c.n - c.r1 - c.c1 + c.o11];
  const rows = [c.r1, c.n - c.r1];
  const cols = [c.c1, c.n - c.c1];
  let g = 0;
  for (let i = 0; i < 2; i++)
    for (let j = 0; j < 2; j++) {
      const obs = o[i * 2 + j];
      const e = (rows[i] * cols[j]) / c.n;
      if (obs > 0) g += obs * Math.log(obs / e);
    }
  return (c.o11 >= expected(c) ? 1 : -1) * 2 * g;
}

export function score(measure: Measure, c: Contingency): number {
  return measure === 'logdice' ? logDice(c) : measure === 'mi' ? mutualInformation(c) : measure === 't' ? tScore(c) : logLikelihood(c);
}
