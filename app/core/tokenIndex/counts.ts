/**
 * Counting running words by unit over a set of documents: the one count under the word list,
 * keyness, trends and the overview. Each document's form counts are made once (distinct form ids
 * with their uses); a unit's counts add those up through the vocabulary, so a word list of a whole
 * corpus adds a few hundred small tables instead of walking every token.
 */
import type { CountUnit } from '../../common/corpusTools';
import type { LoadedDocument } from '../types';
import { tokensOf, type DocumentTokens } from './documentTokens';
import { doubled } from './typedArrays';
import { vocabulary } from './vocabulary';

export interface FormCounts {
  /** Distinct form ids, ascending, and each one's uses. */
  ids: Uint32Array;
  counts: Uint32Array;
  /** Running words of the document. */
  words: number;
}

const formCountsCache = new WeakMap<DocumentTokens, FormCounts>();
let scratch = new Uint32Array(1 << 16);

export function formCountsOf(doc: LoadedDocument): FormCounts {
  const t = tokensOf(doc);
  let c = formCountsCache.get(t);
  if (!c) {
    // Counted in one scratch table indexed by form id (a Map per document was most of a first word list).
    if (scratch.length < vocabulary.size) scratch = new Uint32Array(vocabulary.size * 2);
    const seen: number[] = [];
    for (const f of t.forms) if (scratch[f]++ === 0) seen.push(f);
    // Sorted by form id, so that whether a document has a form is a binary search (phrases.ts).
    const ids = Uint32Array.from(seen).sort();
    const counts = new Uint32Array(ids.length);
    for (let i = 0; i < ids.length; i++) {
      counts[i] = scratch[ids[i]];
      scratch[ids[i]] = 0;
    }
    c = { ids, counts, words: t.forms.length };
    formCountsCache.set(t, c);
  }
  return c;
}

/**
 * Which forms a stop list leaves out, by form id, decided once per form for one request: a form is
 * out when its lower-cased form (curly apostrophes straight) is on the list.
 */
export class StopFilter {
  private decided = new Int8Array(vocabulary.size + 1024);
  constructor(private readonly words: ReadonlySet<string> | null) {}
  /** True when the form is left out. */
  out(formId: number): boolean {
    if (!this.words) return false;
    if (formId >= this.decided.length) {
      this.decided = doubled(this.decided, Math.max(vocabulary.size, formId + 1) * 2);
    }
    let d = this.decided[formId];
    if (d === 0) this.decided[formId] = d = this.words.has(vocabulary.key('lower', vocabulary.lowerId(formId))) ? 1 : -1;
    return d === 1;
  }
}

export interface UnitCounts {
  unit: CountUnit;
  /** Uses per unit key id (the unit's ids index it). */
  frequency: Float64Array;
  /** Documents per key id. */
  range: Float64Array;
  /** Running words of the documents (every token, whatever the stop list). */
  words: number;
  /** Running words counted (the stop list's words taken away). */
  counted: number;
  /** Key ids with a count, in first-seen order. */
  keys: number[];
}

/** Uses of every key of a unit over documents, stop-listed forms left out. */
export function unitCounts(docs: LoadedDocument[], unit: CountUnit, stop: StopFilter = new StopFilter(null)): UnitCounts {
  for (const d of docs) formCountsOf(d); // grows the vocabulary before the tables are sized
  const size = vocabulary.keyCount(unit);
  const frequency = new Float64Array(size);
  const range = new Float64Array(size);
  const lastDoc = new Int32Array(size).fill(-1);
  const keys: number[] = [];
  let words = 0;
  let counted = 0;
  docs.forEach((doc, d) => {
    const c = formCountsOf(doc);
    words += c.words;
    for (let i = 0; i < c.ids.length; i++) {
      const form = c.ids[i];
      if (stop.out(form)) continue;
      const key = vocabulary.unitId(unit, form);
      if (frequency[key] === 0) keys.push(key);
      frequency[key] += c.counts[i];
      counted += c.counts[i];
      if (lastDoc[key] !== d) {
        lastDoc[key] = d;
        range[key]++;
      }
    }
  });
  return { unit, frequency, range, words, counted, keys };
}

/**
 * The forms a unit's keys stand for, with their uses: to show a key by the form writers use most
 * and list what a stem or a lower-cased form adds up. Only for the keys asked (the rows shown).
 */
export function formsOfKeys(
  docs: LoadedDocument[],
  unit: CountUnit,
  wanted: Set<number>,
  stop: StopFilter = new StopFilter(null),
): Map<number, Map<string, number>> {
  const out = new Map<number, Map<string, number>>();
  for (const doc of docs) {
    const c = formCountsOf(doc);
    for (let i = 0; i < c.ids.length; i++) {
      const form = c.ids[i];
      const key = vocabulary.unitId(unit, form);
      if (!wanted.has(key) || stop.out(form)) continue;
      const m = out.get(key) ?? out.set(key, new Map()).get(key)!;
      const f = vocabulary.form(form);
      m.set(f, (m.get(f) ?? 0) + c.counts[i]);
    }
  }
  return out;
}

/** The most used form (ties: the lower-case one, then the first in code-unit order). */
export function leadingForm(forms: Map<string, number> | undefined, fallback: string): string {
  let best: [string, number] | null = null;
  const isLower = (f: string) => (f === f.toLowerCase() ? 1 : 0);
  for (const entry of forms ?? []) {
    const [form, n] = entry;
    if (!best || n > best[1] || (n === best[1] && (isLower(form) > isLower(best[0]) || (isLower(form) === isLower(best[0]) && form < best[0])))) best = entry;
  }
  return best ? best[0] : fallback;
}

/** A key's forms, most used first (as written: "The" and "the" apart), at most `limit`. */
export function formList(forms: Map<string, number> | undefined, limit = 8): string[] {
  return [...(forms ?? [])]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, limit)
    .map(([f]) => f);
}
