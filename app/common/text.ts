/** Plain string helpers both sides of the contract need. */

/** Every start offset of `needle` in `text` (overlapping ones too). */
export function occurrences(text: string, needle: string): number[] {
  const out: number[] = [];
  if (needle === '') return out;
  for (let i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) out.push(i);
  return out;
}
