/**
 * Lunr's token set (a minimised automaton of every index term) is only read by `lunr.Index.query`,
 * which Lectern's own evaluator no longer calls, and it takes seconds to build on a large
 * vocabulary. So a lunr.Index is made with it as a getter: built the first time a caller asks.
 */
import lunr from 'lunr';

const TokenSet = lunr.TokenSet as unknown as { fromArray(sorted: string[]): lunr.TokenSet };

/** A lunr.Index whose token set is built from the (sorted) terms on first use. */
export function indexWithLazyTokenSet(attributes: Record<string, unknown>, sortedTerms: () => string[]): lunr.Index {
  const index = new lunr.Index({ ...attributes, tokenSet: null } as unknown as lunr.Index.Attributes);
  let built: lunr.TokenSet | null = null;
  Object.defineProperty(index, 'tokenSet', {
    get: () => (built ??= TokenSet.fromArray(sortedTerms())),
    set: (v: lunr.TokenSet) => (built = v),
    enumerable: true,
    configurable: true,
  });
  return index;
}
