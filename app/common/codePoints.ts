/**
 * Lectern counts text positions in UTF-16 code units, as JavaScript strings do; the formats it
 * exchanges (W3C Web Annotation, REFI-QDA) count Unicode characters (code points). The two differ
 * only after characters outside the Basic Multilingual Plane, such as emoji, so every position is
 * converted where it leaves or enters Lectern, and no cut ever splits a surrogate pair (a lone
 * surrogate makes JSON that jq and other strict parsers refuse).
 */

const isHigh = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLow = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/**
 * Position conversions over one text, for converting many positions (every passage of a document):
 * a text without characters outside the BMP converts as the identity; any other is indexed once.
 */
export class CodePoints {
  /** unitsAt[cp] = the UTF-16 offset of code point cp (one more entry for the end); null when they coincide. */
  private readonly unitsAt: Int32Array | null;
  readonly length: number;

  constructor(private readonly text: string) {
    if (!/[\ud800-\udfff]/.test(text)) {
      this.unitsAt = null;
      this.length = text.length;
      return;
    }
    const at: number[] = [];
    for (let i = 0; i < text.length; i += isHigh(text.charCodeAt(i)) && isLow(text.charCodeAt(i + 1)) ? 2 : 1) at.push(i);
    at.push(text.length);
    this.unitsAt = Int32Array.from(at);
    this.length = at.length - 1;
  }

  /** The code-point position of a UTF-16 offset: the code points that start before it. */
  toCodePoints(offset: number): number {
    const at = this.unitsAt;
    if (!at) return Math.min(offset, this.text.length);
    let lo = 0;
    let hi = at.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (at[mid] < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** The UTF-16 offset of a code-point position (the text's end when it is beyond it). */
  fromCodePoints(codePoints: number): number {
    const at = this.unitsAt;
    if (!at) return Math.min(codePoints, this.text.length);
    return at[Math.min(Math.max(codePoints, 0), at.length - 1)];
  }
}

/** An offset moved forward off the second half of a surrogate pair, so a cut there keeps the pair whole. */
export function pairSafeStart(text: string, offset: number): number {
  return offset > 0 && offset < text.length && isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1)) ? offset + 1 : offset;
}

/** An offset moved back off the second half of a surrogate pair, so a cut there keeps the pair whole. */
export function pairSafeEnd(text: string, offset: number): number {
  return offset > 0 && offset < text.length && isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1)) ? offset - 1 : offset;
}
