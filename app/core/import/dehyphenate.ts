/**
 * Words hyphenated at a line break in a PDF ("secu-" / "rity"). Typesetting breaks words at syllables
 * but also at the hyphens of compounds ("well-" / "known"), and the PDF does not say which. Without a
 * dictionary the document itself is the best judge, so a break is resolved, in this order:
 *
 * 1. the part after the break starts with a capital, or a digit is next to it: the hyphen stays (Anglo-American, COVID-19);
 * 2. the part before it is already in a hyphenated compound (state-of-the-art): the hyphen stays;
 * 3. the joined word appears elsewhere in the document without a break: joined (security);
 * 4. the hyphenated form appears elsewhere in the document: the hyphen stays (well-known);
 * 5. the part before is a word that commonly starts compounds (self, well, non …): the hyphen stays;
 * 6. otherwise joined: most line-end hyphens in running text are a typesetter's syllable breaks.
 *
 * The extractor marks each candidate as a hyphen followed by a newline, which nothing else in its
 * paragraphs contains.
 */

/**
 * First parts of compounds that keep their hyphen (rule 5). Not "ex", "re", "pre", "post" or "mid":
 * those are far more often a syllable break (ex-ample, re-port, pre-vent, post-pone, mid-dle).
 */
const COMPOUND_FIRST_WORDS = new Set([
  'self',
  'well',
  'non',
  'co',
  'anti',
  'multi',
  'semi',
  'cross',
  'half',
  'quasi',
  'vice',
  'ill',
  'long',
  'short',
  'full',
  'part',
  'first',
  'second',
  'third',
  'one',
  'two',
  'three',
  'four',
  'five',
]);

const BREAK = /((?:[\p{L}\p{N}]+-)*)([\p{L}\p{N}]+)-\n([\p{L}\p{N}]+)/gu;

export function dehyphenate(text: string): string {
  const rest = text.replace(BREAK, ' ').toLowerCase();
  const words = new Set(rest.match(/[\p{L}\p{N}]+/gu) ?? []);
  const pairs = new Set<string>();
  for (const compound of rest.match(/[\p{L}\p{N}]+(?:-[\p{L}\p{N}]+)+/gu) ?? []) {
    const parts = compound.split('-');
    for (let i = 1; i < parts.length; i++) pairs.add(`${parts[i - 1]}-${parts[i]}`);
  }
  return text.replace(BREAK, (_, compound: string, first: string, second: string) => {
    const before = `${compound}${first}`;
    const keep = `${before}-${second}`;
    if (!/^\p{Ll}/u.test(second) || /\p{N}$/u.test(first) || compound) return keep;
    const a = first.toLowerCase();
    const b = second.toLowerCase();
    if (words.has(a + b)) return before + second;
    if (pairs.has(`${a}-${b}`) || COMPOUND_FIRST_WORDS.has(a)) return keep;
    return before + second;
  });
}
