/**
 * Exact phrase matching against passage text, tolerant only of what a reader would not call a
 * difference: letter case, runs of white space, and curly versus straight quotes and apostrophes.
 */

/** Curly quotes fold to straight ones; Greek final sigma to sigma (lower-casing Σ gives σ, never ς). */
const FOLD: Record<string, string> = { '“': '"', '”': '"', '„': '"', '‘': "'", '’': "'", '‛': "'", 'ς': 'σ' };

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
    const f = (FOLD[ch] ?? ch).toLowerCase();
    for (const c of f) {
      out += c;
      map.push(i);
    }
  }
  return { text: out, map };
}

const WORD_CHAR = /[\p{L}\p{N}]/u;

/**
 * A native regular expression that matches wherever the folded comparison below can (and a little
 * more): testing it first rules out most candidate passages without folding them character by
 * character. Only for ASCII phrases, whose case mapping the regex's case folding covers; null else.
 */
function probeFor(phrase: string): RegExp | null {
  if (!/^[\x20-\x7e\s]*$/.test(phrase)) return null;
  const word = (w: string) => [...w].map((ch) => (ch === '"' ? '["“”„]' : ch === "'" ? "['‘’‛]" : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'))).join('');
  return new RegExp(phrase.trim().split(/\s+/).map(word).join('\\s+'), 'iu');
}

const prepared = new Map<string, { needle: string; probe: RegExp | null }>();

function prepare(phrase: string): { needle: string; probe: RegExp | null } {
  let p = prepared.get(phrase);
  if (!p) {
    if (prepared.size > 1000) prepared.clear();
    prepared.set(phrase, (p = { needle: fold(phrase.trim()).text, probe: probeFor(phrase) }));
  }
  return p;
}

/** All occurrences of phrase in text as [start, end) offsets, on word boundaries. */
export function findPhrase(text: string, phrase: string): [number, number][] {
  const { needle, probe } = prepare(phrase);
  if (!needle) return [];
  if (probe && !probe.test(text)) return [];
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
