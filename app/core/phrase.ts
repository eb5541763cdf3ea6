/**
 * Exact phrase matching against passage text, tolerant only of what a reader would not call a
 * difference: letter case, runs of white space, and curly versus straight quotes and apostrophes.
 */

const QUOTE_FOLD: Record<string, string> = { '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'", '‛': "'" };

interface Folded {
  text: string;
  /** map[i] = index in the original text of folded character i */
  map: number[];
}

function fold(text: string): Folded {
  let out = '';
  const map: number[] = [];
  let lastSpace = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (/\s/.test(ch)) {
      if (!lastSpace) {
        out += ' ';
        map.push(i);
      }
      lastSpace = true;
      continue;
    }
    lastSpace = false;
    const f = (QUOTE_FOLD[ch] ?? ch).toLowerCase();
    for (const c of f) {
      out += c;
      map.push(i);
    }
  }
  return { text: out, map };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/** All occurrences of phrase in text as [start, end) offsets, on word boundaries. */
export function findPhrase(text: string, phrase: string): [number, number][] {
  const needle = fold(phrase.trim()).text;
  if (!needle) return [];
  const hay = fold(text);
  const found: [number, number][] = [];
  let from = 0;
  for (;;) {
    const at = hay.text.indexOf(needle, from);
    if (at < 0) break;
    const endF = at + needle.length;
    const beforeOk = at === 0 || !WORD_CHAR.test(hay.text[at - 1]) || !WORD_CHAR.test(needle[0]);
    const afterOk = endF >= hay.text.length || !WORD_CHAR.test(hay.text[endF]) || !WORD_CHAR.test(needle[needle.length - 1]);
    if (beforeOk && afterOk) found.push([hay.map[at], hay.map[endF - 1] + 1]);
    from = at + 1;
  }
  return found;
}
