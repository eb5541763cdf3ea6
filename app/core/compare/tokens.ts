/**
 * Content terms of a span of text, as compare counts them: the analyzer's stems (the same ones search
 * matches), stop words left out, offsets into the document's canonical text.
 */
import { isStopWord, stem, words } from '../analyzer';

export interface ContentTerms {
  stems: string[];
  /** The words as they stand in the text, for showing a stem by its most frequent form. */
  surfaces: string[];
  starts: number[];
  ends: number[];
  /** Every word, stop words included: the size of the text in running words. */
  wordCount: number;
}

/**
 * The analyzer's stem and stop-word flag of a word, by its lower-case form (both lower-case first, so
 * this is exact). `terms()` would build a Lunr token per word; at 250,000 words that alone took
 * half a second, while a speaker's vocabulary is a few thousand distinct words.
 */
const analysed = new Map<string, string | null>();

function contentStem(word: string): string | null {
  const lower = word.toLowerCase();
  let s = analysed.get(lower);
  if (s === undefined) {
    // A stem can be empty (nothing but characters Lunr trims): nothing to compare, like a stop word.
    const stemmed = isStopWord(lower) ? '' : stem(lower);
    s = stemmed === '' ? null : stemmed;
    if (analysed.size > 200_000) analysed.clear();
    analysed.set(lower, s);
  }
  return s;
}

/** Content terms of `text`, which starts at `offset` in its document. */
export function contentTerms(text: string, offset = 0): ContentTerms {
  const out: ContentTerms = { stems: [], surfaces: [], starts: [], ends: [], wordCount: 0 };
  for (const w of words(text)) {
    out.wordCount++;
    const s = contentStem(w.text);
    if (s === null) continue;
    out.stems.push(s);
    out.surfaces.push(w.text);
    out.starts.push(w.start + offset);
    out.ends.push(w.end + offset);
  }
  return out;
}

/** Counts surface forms per stem, to show each stem by the form writers use most. */
export class SurfaceForms {
  private readonly counts = new Map<string, Map<string, number>>();

  add(stem: string, surface: string): void {
    let forms = this.counts.get(stem);
    if (!forms) this.counts.set(stem, (forms = new Map()));
    forms.set(surface, (forms.get(surface) ?? 0) + 1);
  }

  addAll(t: ContentTerms): void {
    for (let i = 0; i < t.stems.length; i++) this.add(t.stems[i], t.surfaces[i]);
  }

  /** The most frequent form; ties go to the lower-case one, then the first seen. */
  of(stem: string): string {
    const forms = this.counts.get(stem);
    if (!forms) return stem;
    let best = stem;
    let bestCount = -1;
    for (const [form, n] of forms) {
      if (n > bestCount || (n === bestCount && form === form.toLowerCase() && best !== best.toLowerCase())) {
        best = form;
        bestCount = n;
      }
    }
    return best;
  }
}
