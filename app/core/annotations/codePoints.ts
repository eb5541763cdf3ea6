/**
 * Lectern counts text positions in UTF-16 code units, as JavaScript strings do; the formats it
 * exchanges (W3C Web Annotation, REFI-QDA) count Unicode characters (code points). The two differ
 * only after characters outside the Basic Multilingual Plane, such as emoji, so every position is
 * converted where it leaves or enters Lectern, and no cut ever splits a surrogate pair (a lone
 * surrogate makes JSON that jq and other strict parsers refuse).
 */

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** The code-point position of a UTF-16 offset. */
export function toCodePoints(text: string, utf16Offset: number): number {
  let cp = 0;
  const stop = Math.min(utf16Offset, text.length);
  for (let i = 0; i < stop; i++) if (!(isLow(text.charCodeAt(i)) && i > 0 && isHigh(text.charCodeAt(i - 1)))) cp++;
  return cp;
}

/** The UTF-16 offset of a code-point position (the text's end when it is beyond it). */
export function fromCodePoints(text: string, codePoints: number): number {
  let cp = 0;
  let i = 0;
  while (i < text.length && cp < codePoints) {
    i += isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
    cp++;
  }
  return i;
}

/** The text's length in code points. */
export const codePointLength = (text: string) => toCodePoints(text, text.length);

/** An offset moved forward off the second half of a surrogate pair, so a cut there keeps the pair whole. */
export function pairSafeStart(text: string, offset: number): number {
  return offset > 0 && offset < text.length && isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1)) ? offset + 1 : offset;
}

/** An offset moved back off the second half of a surrogate pair, so a cut there keeps the pair whole. */
export function pairSafeEnd(text: string, offset: number): number {
  return offset > 0 && offset < text.length && isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1)) ? offset - 1 : offset;
}
