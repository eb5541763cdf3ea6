/**
 * Terms of running text and the one way they are counted. Keyness cells, KWIC totals, alignment
 * vectors, shared-term marks and report tables are all read off `ContentTerms`, so a count in a
 * table and the lines it opens are the same query by construction.
 *
 * A term is an index term (a stem: "elect" stands for elect, elections, elected, electing): every
 * form of a word counts as one term, and every running word has one, stop words included (as
 * AntConc counts them): a table leaves a stop list out only when asked (stopList.ts), and the rules
 * that skip stop words (formulas, near-duplicates, alignment) skip the built-in list explicitly.
 */
import { indexTerm, scanTokens, tokens } from './tokens';

/** Said beside every table of term counts. */
export const TERM_COUNTING =
  'Counts are of stems: every form of a word counts as one term (elect, elections, elected), stop words too. Sizes are running words.';

export interface ContentTerms {
  /** Index terms (stems) of the running words, stop words included. */
  stems: string[];
  /** The words as they stand in the text. */
  surfaces: string[];
  /** Offsets into the document's canonical text. */
  starts: number[];
  ends: number[];
  /** Each term's place among the running words (0-based): the distance collocation windows measure. */
  positions: number[];
  /** Every token: the size of the text in running words. */
  wordCount: number;
}

/** Content terms of `text`, which starts at `offset` in its document. */
export function contentTerms(text: string, offset = 0): ContentTerms {
  const out: ContentTerms = { stems: [], surfaces: [], starts: [], ends: [], positions: [], wordCount: 0 };
  for (const t of tokens(text)) {
    const position = out.wordCount++;
    const term = indexTerm(t.text);
    if (term === null) continue;
    out.positions.push(position);
    out.stems.push(term);
    out.surfaces.push(t.text);
    out.starts.push(t.start + offset);
    out.ends.push(t.end + offset);
  }
  return out;
}

export interface TermCounts {
  counts: Map<string, number>;
  /** Running words (every token). */
  words: number;
}

/** The counting function: uses of each term, and running words, over some units of text. */
export function countTerms(units: ContentTerms[]): TermCounts {
  const counts = new Map<string, number>();
  let words = 0;
  for (const t of units) {
    words += t.wordCount;
    for (const s of t.stems) counts.set(s, (counts.get(s) ?? 0) + 1);
  }
  return { counts, words };
}

/** Each use of `term` in the units, in text order: [unit index, position in the unit's terms]. */
export function* occurrences(units: ContentTerms[], term: string): Generator<[number, number]> {
  for (let u = 0; u < units.length; u++) {
    const stems = units[u].stems;
    for (let i = 0; i < stems.length; i++) if (stems[i] === term) yield [u, i];
  }
}

/**
 * [start, end) of every token of `text` whose index term is in `terms` (a search hit's highlights).
 * Stemming only rewrites a word's end, and a term's first character is the token's (lower-cased):
 * so only tokens starting as some term does are analysed at all.
 */
export function spansOfTerms(text: string, terms: Set<string>): [number, number][] {
  // First characters wanted, an ASCII one by table (either case): most tokens are passed over without a string made.
  const ascii = new Uint8Array(128);
  const others = new Set<string>();
  for (const term of terms) {
    const c = term.charCodeAt(0);
    if (c < 128) ascii[c] = ascii[term[0].toUpperCase().charCodeAt(0)] = 1;
    else others.add(term[0]);
  }
  const wanted = (lower: string) => (lower.charCodeAt(0) < 128 ? ascii[lower.charCodeAt(0)] === 1 : others.has(lower));
  const out: [number, number][] = [];
  scanTokens(text, (start, end) => {
    const c = text.charCodeAt(start);
    if (c < 128 ? !ascii[c] : !wanted(text[start].toLowerCase()[0])) return;
    const term = indexTerm(text.slice(start, end));
    if (term !== null && terms.has(term)) out.push([start, end]);
  });
  return out;
}

/** Counts surface forms per term, to show each term by the form writers use most and list its forms. */
export class SurfaceForms {
  private readonly counts = new Map<string, Map<string, number>>();

  add(term: string, surface: string, times = 1): void {
    let forms = this.counts.get(term);
    if (!forms) this.counts.set(term, (forms = new Map()));
    forms.set(surface, (forms.get(surface) ?? 0) + times);
  }

  addAll(t: ContentTerms): void {
    for (let i = 0; i < t.stems.length; i++) this.add(t.stems[i], t.surfaces[i]);
  }

  /** The most frequent form; ties go to the lower-case one, then the first seen. */
  of(term: string): string {
    const forms = this.counts.get(term);
    if (!forms) return term;
    let best = term;
    let bestCount = -1;
    for (const [form, n] of forms) {
      if (n > bestCount || (n === bestCount && form === form.toLowerCase() && best !== best.toLowerCase())) {
        best = form;
        bestCount = n;
      }
    }
    return best;
  }

  /** The term's forms, case folded, most used first: what its count adds up. */
  formsOf(term: string, limit = 6): string[] {
    const folded = new Map<string, number>();
    for (const [form, n] of this.counts.get(term) ?? []) {
      const f = form.toLowerCase().replace(/[’‘]/g, "'");
      folded.set(f, (folded.get(f) ?? 0) + n);
    }
    return [...folded]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, limit)
      .map(([f]) => f);
  }
}
