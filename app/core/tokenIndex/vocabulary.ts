/**
 * The word forms the token index has seen, each once, with the two coarser units a table may count
 * instead: the lower-cased form and the stem. Token arrays hold form ids; a unit's key for a token
 * is one array lookup away.
 *
 * One vocabulary serves the whole process: documents keep their token arrays across reloads (an
 * unchanged file keeps its LoadedDocument), so their ids must stay valid. It only grows; a corpus of
 * 1.8 M running words has about 50,000 forms (a few MB).
 */
import type { CountUnit } from '../../common/corpusTools';
import { indexTerm } from '../analysis/tokens';
import { stopKey } from '../analysis/stopList';
import { doubled } from './typedArrays';

/**
 * The stem of a word: the search index's own term for it (possessive dropped, Porter-stemmed; an
 * abbreviation or a number is its own), so a stem row counts what a search for the word finds.
 * A word the pipeline reduces to nothing keeps its lower-cased form.
 */
export function stemOf(word: string): string {
  return indexTerm(word) ?? stopKey(word);
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
      if (id >= this.lowerOfForm.length)
        [this.lowerOfForm, this.stemOfForm, this.lengthOfForm] = [doubled(this.lowerOfForm), doubled(this.stemOfForm), doubled(this.lengthOfForm)];
      this.lowerOfForm[id] = this.lowers.id(stopKey(form));
      this.stemOfForm[id] = this.stems.id(stemOf(form));
      this.lengthOfForm[id] = Math.min(form.length, 65535);
    }
    return id;
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
    return unit === 'form' ? word : unit === 'lower' ? stopKey(word) : stemOf(word);
  }
}

export const vocabulary = new Vocabulary();
