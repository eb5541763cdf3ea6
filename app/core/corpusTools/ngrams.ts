/**
 * N-grams (2–5): runs of n consecutive running words in one unit (forms as written by default),
 * stop words included, that never cross punctuation, a sentence end or a passage's end: the runs
 * the concordance's phrase matcher finds for the row's phrase (tokenIndex/patterns.ts), so a row's
 * frequency is the number of lines its phrase opens. Frequency and range (documents) per n-gram,
 * kept from a minimum frequency. With a stop list, a run holding a listed word is not counted.
 */
import type { CountUnit } from '../../common/corpusTools';
import { LecternError } from '../../common/errors';
import { StopFilter } from '../tokenIndex/counts';
import { boundaryBefore, OPEN, tokensOf } from '../tokenIndex/documentTokens';
import { doubled } from '../tokenIndex/typedArrays';
import { vocabulary } from '../tokenIndex/vocabulary';
import type { LoadedDocument } from '../types';

export interface NgramRow {
  /** The run's words as keys of the unit. */
  ngram: string;
  /** Its first occurrence as written: the phrase whose concordance, in the same unit, has the row's lines (a stem is not a word one can search for again). */
  phrase: string;
  frequency: number;
  documents: number;
}

export interface NgramOptions {
  unit?: CountUnit;
  minFrequency?: number;
  stopWords?: ReadonlySet<string> | null;
  /** Rows returned (all by default); `distinct` counts every row at or above the minimum. */
  limit?: number;
}

/**
 * Ids for pairs (an id of the level below, a word id), assigned in first-seen order, in an
 * open-addressing table of typed arrays: a Map keyed by numbers above 2^31 took 1.2 s for SOTU's
 * 1.5 M trigrams, this takes a tenth of that.
 */
/**
 * Ids for runs of n word ids, assigned in first-seen order, in an open-addressing table of typed
 * arrays: keyed by the words' strings, or by numbers above 2^31 in a Map, SOTU's 1.5 M trigrams took
 * 1.2–3 s; this takes a fraction of that.
 */
class RunIds {
  /** Per id, its n word ids. */
  words: Int32Array;
  /** Per id, where it first occurs: document index and token index. */
  firstDoc: number[] = [];
  firstToken: number[] = [];
  size = 0;
  private slots = new Int32Array(1 << 14).fill(-1);
  constructor(private readonly n: number) {
    this.words = new Int32Array(n << 12);
  }
  private hash(ids: Int32Array, at: number): number {
    let h = 0x811c9dc5;
    for (let k = 0; k < this.n; k++) h = Math.imul(h ^ ids[at + k], 0x9e3779b1);
    h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
    return (h ^ (h >>> 13)) >>> 0;
  }
  /** The id of the run ids[at … at + n − 1] of document `doc`. */
  id(ids: Int32Array, at: number, doc: number): number {
    const { n, slots } = this;
    const mask = slots.length - 1;
    let h = this.hash(ids, at) & mask;
    for (let id = slots[h]; id !== -1; id = slots[h]) {
      let k = 0;
      while (k < n && this.words[id * n + k] === ids[at + k]) k++;
      if (k === n) return id;
      h = (h + 1) & mask;
    }
    const id = this.size++;
    if ((id + 1) * n > this.words.length) this.words = doubled(this.words);
    for (let k = 0; k < n; k++) this.words[id * n + k] = ids[at + k];
    this.firstDoc.push(doc);
    this.firstToken.push(at);
    slots[h] = id;
    if (this.size * 2 > slots.length) this.rehash();
    return id;
  }
  private rehash(): void {
    const slots = new Int32Array(this.slots.length * 2).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let h = this.hash(this.words, id * this.n) & mask;
      while (slots[h] !== -1) h = (h + 1) & mask;
      slots[h] = id;
    }
    this.slots = slots;
  }
}

export function ngrams(
  documents: LoadedDocument[],
  n: number,
  options: NgramOptions = {},
): { rows: NgramRow[]; total: number; distinct: number; unit: CountUnit } {
  if (!Number.isInteger(n) || n < 2 || n > 5) throw new LecternError(`N-grams are 2 to 5 words long; ${n} is not.`, 'bad-request');
  const unit = options.unit ?? 'form';
  const minFrequency = options.minFrequency ?? 2;
  const limit = options.limit ?? Number.MAX_SAFE_INTEGER;
  const stop = new StopFilter(options.stopWords ?? null);
  const runs = new RunIds(n);
  let frequency = new Uint32Array(1024);
  let range = new Uint32Array(1024);
  let lastDoc = new Int32Array(1024).fill(-1);
  let total = 0;
  for (let d = 0; d < documents.length; d++) {
    const t = tokensOf(documents[d]);
    const len = t.forms.length;
    const ids = new Int32Array(len);
    for (let i = 0; i < len; i++) ids[i] = vocabulary.unitId(unit, t.forms[i]);
    // joined: how many tokens up to and including i are joined (open gaps, none stop-listed).
    let joined = 0;
    for (let i = 0; i < len; i++) {
      joined = stop.out(t.forms[i]) ? 0 : i > 0 && boundaryBefore(t, i) === OPEN ? joined + 1 : 1;
      if (joined < n) continue;
      const g = runs.id(ids, i - n + 1, d);
      if (g >= frequency.length) [frequency, range, lastDoc] = [doubled(frequency, g + 1), doubled(range, g + 1), doubled(lastDoc, g + 1, -1)];
      total++;
      frequency[g]++;
      if (lastDoc[g] !== d) {
        lastDoc[g] = d;
        range[g]++;
      }
    }
  }
  // Strings only for the rows returned: sort the ids by frequency, then by words among the rows kept.
  const words = (id: number) => Array.from(runs.words.subarray(id * n, id * n + n), (w) => vocabulary.key(unit, w)).join(' ');
  const kept: number[] = [];
  for (let g = 0; g < runs.size; g++) if (frequency[g] >= minFrequency) kept.push(g);
  kept.sort((a, b) => frequency[b] - frequency[a]);
  // Rows tied with the last one returned must all be read to order the tie by their words.
  let cut = Math.min(kept.length, limit);
  while (cut > 0 && cut < kept.length && frequency[kept[cut]] === frequency[kept[cut - 1]]) cut++;
  const phrase = (g: number) => {
    const t = tokensOf(documents[runs.firstDoc[g]]);
    return Array.from(t.forms.subarray(runs.firstToken[g], runs.firstToken[g] + n), (f) => vocabulary.form(f)).join(' ');
  };
  const rows: NgramRow[] = kept
    .slice(0, cut)
    .map((g) => ({ ngram: words(g), phrase: unit === 'stem' ? phrase(g) : words(g), frequency: frequency[g], documents: range[g] }));
  rows.sort((a, b) => b.frequency - a.frequency || (a.ngram < b.ngram ? -1 : 1));
  return { rows: rows.slice(0, limit), total, distinct: kept.length, unit };
}
