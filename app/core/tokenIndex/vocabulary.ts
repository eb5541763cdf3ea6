/**
 * The word forms the token index has seen, each once, with the two coarser units a table may count
 * instead: the lower-cased form and the stem. Token arrays hold form ids; a unit's key for a token
 * is one array lookup away.
 *
 * One vocabulary serves the whole process: documents keep their token arrays across reloads (an
 * unchanged file keeps its LoadedDocument), so their ids must stay valid. It only grows; a corpus of
 * 1.8 M running words has about 50,000 forms (a few MB).
 */
import lunr from 'lunr';
import type { CountUnit } from '../../common/corpusTools';
import { stopKey } from '../analysis/stopList';

/** Drops a possessive "'s" / "s'" (curly apostrophes are already straight in a lower key). */
const withoutPossessive = (w: string) => w.replace(/'s?$/, '') || w;

/**
 * The stem of a lower-cased form: Lunr's Porter stemmer after the possessive is dropped, as the search
 * index stems. An abbreviation or a number ("u.s.", "3.5") is its own stem: stemming "u.s." is meaningless.
 */
export function stemOfLower(lower: string): string {
  // "u.s" (before a comma) is "u.s.", "u.k.'s" is "u.k.", as the search index has them.
  if (/^(?:\p{L}\.)+\p{L}\.?(?:'s?)?$/u.test(lower)) return withoutPossessive(lower).replace(/(\p{L})$/u, '$1.');
  if (/[.,]/.test(lower)) return withoutPossessive(lower);
  return lunr.stemmer(new lunr.Token(withoutPossessive(lower), {})).toString();
}

class KeyTable {
  readonly keys: string[] = [];
  private readonly ids = new Map<string, number>();
  id(key: string): number {
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.keys.length;
      this.keys.push(key);
      this.ids.set(key, id);
    }
    return id;
  }
  find(key: string): number | undefined {
    return this.ids.get(key);
  }
}

export class Vocabulary {
  private readonly forms = new KeyTable();
  private readonly lowers = new KeyTable();
  private readonly stems = new KeyTable();
  /** Per form id: its lower id and its stem id; per form id, its length in UTF-16 units (token end = start + length). */
  private lowerOfForm = new Int32Array(1024);
  private stemOfForm = new Int32Array(1024);
  private lengthOfForm = new Uint16Array(1024);

  get size(): number {
    return this.forms.keys.length;
  }

  /** The id of a form as written, added when new. */
  formId(form: string): number {
    const before = this.forms.keys.length;
    const id = this.forms.id(form);
    if (id === before) {
      if (id >= this.lowerOfForm.length) this.grow();
      const lower = stopKey(form);
      this.lowerOfForm[id] = this.lowers.id(lower);
      this.stemOfForm[id] = this.stems.id(stemOfLower(lower));
      this.lengthOfForm[id] = Math.min(form.length, 65535);
    }
    return id;
  }

  private grow(): void {
    const n = this.lowerOfForm.length * 2;
    const lower = new Int32Array(n);
    lower.set(this.lowerOfForm);
    this.lowerOfForm = lower;
    const stem = new Int32Array(n);
    stem.set(this.stemOfForm);
    this.stemOfForm = stem;
    const length = new Uint16Array(n);
    length.set(this.lengthOfForm);
    this.lengthOfForm = length;
  }

  form(id: number): string {
    return this.forms.keys[id];
  }

  length(formId: number): number {
    return this.lengthOfForm[formId];
  }

  lowerId(formId: number): number {
    return this.lowerOfForm[formId];
  }

  /** The key a unit counts a form under, as a number (form, lower or stem id). */
  unitId(unit: CountUnit, formId: number): number {
    return unit === 'form' ? formId : unit === 'lower' ? this.lowerOfForm[formId] : this.stemOfForm[formId];
  }

  /** The text of a unit's key. */
  key(unit: CountUnit, id: number): string {
    return unit === 'form' ? this.forms.keys[id] : unit === 'lower' ? this.lowers.keys[id] : this.stems.keys[id];
  }

  /** The id of a unit key, or undefined when no token has it. */
  findKey(unit: CountUnit, key: string): number | undefined {
    return unit === 'form' ? this.forms.find(key) : unit === 'lower' ? this.lowers.find(key) : this.stems.find(key);
  }

  /** How many keys a unit has so far (the length of a per-key table). */
  keyCount(unit: CountUnit): number {
    return unit === 'form' ? this.forms.keys.length : unit === 'lower' ? this.lowers.keys.length : this.stems.keys.length;
  }

  /** The key of a word typed by a user, under a unit (it need not occur in the corpus). */
  keyOfWord(unit: CountUnit, word: string): string {
    if (unit === 'form') return word;
    const lower = stopKey(word);
    return unit === 'lower' ? lower : stemOfLower(lower);
  }
}

export const vocabulary = new Vocabulary();
