/**
 * Document attributes (QualCoder's and NVivo's "cases and attributes"): every front-matter field of
 * a document is one. The fields Lectern reads itself (title, speakers, date, outlet …) are in
 * DocumentMeta; every other field is in `meta.attributes`, as text. Across the corpus, each
 * attribute is typed from its values (number, date or text), which decides how `field:value`
 * matches (ranges for numbers and dates) and how the library sorts it.
 */
import type { AttributeInfo, AttributeType, DocumentMeta } from '../common/documents';
import { stringField } from './frontMatter';

/** Front-matter fields read into DocumentMeta (or used by the loader), not kept as attributes. */
export const BUILT_IN_FIELDS = new Set([
  'title',
  'speakers',
  'speaker',
  'date',
  'event',
  'place',
  'outlet',
  'publisher',
  'kind',
  'language',
  'author',
  'source',
  'format',
]);

/** Filters the query language has had from the start, and what they read. */
export const BUILT_IN_FILTERS = ['speaker', 'outlet', 'year', 'tag'] as const;

/** Lunr's own fields: `title:x` and `text:x` search a field of the index, they filter nothing. */
export const INDEX_FIELD_NAMES = new Set(['title', 'text']);

/** The most attributes a document has: the corpus reads no more (an import writes no more). */
export const MAX_ATTRIBUTES = 100;
const RESERVED = new Set(['constructor', 'prototype', 'hasownproperty', 'tostring', 'valueof', 'isprototypeof', 'propertyisenumerable', 'tolocalestring']);

export function isReservedName(name: string): boolean {
  return RESERVED.has(name.toLowerCase()) || name.startsWith('__');
}

/** A document's value of an attribute: its own, never an inherited member of a plain object (a cache or IPC copy has a prototype). */
export function attributeValue(attributes: Record<string, string>, name: string): string | undefined {
  return Object.hasOwn(attributes, name) ? attributes[name] : undefined;
}
/** The longest attribute value the corpus reads (longer ones are cut; an import refuses them). */
export const MAX_VALUE = 500;

/** A field name as the query language and the library know it: lower case, spaces as "_". */
export function attributeName(key: string): string {
  return key.trim().toLowerCase().replace(/\s+/g, '_');
}

/**
 * The attributes of a front matter: every field Lectern does not read itself, as text (a list as
 * its items joined with "; "). Nested maps are not attributes: they are reported, not guessed at.
 */
export function attributesOf(data: Record<string, unknown>, warn: (message: string) => void): Record<string, string> {
  const out: Record<string, string> = {};
  let count = 0;
  for (const [key, value] of Object.entries(data)) {
    const name = attributeName(key);
    if (!name || BUILT_IN_FIELDS.has(name) || INDEX_FIELD_NAMES.has(name) || BUILT_IN_FILTERS.includes(name as (typeof BUILT_IN_FILTERS)[number])) continue;
    // Names an object lookup would resolve to Object.prototype's members (hostile front matter uses them).
    if (isReservedName(name)) {
      warn(`the field "${key.slice(0, 60)}" has a reserved name, so it is not an attribute; rename it`);
      continue;
    }
    if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name)) {
      warn(
        `the field "${key.slice(0, 60)}" cannot be searched as field:value (a name is letters, digits and "_", starting with a letter); rename it to use it as an attribute`,
      );
      continue;
    }
    const text = Array.isArray(value) ? value.map(stringField).filter(Boolean).join('; ') : typeof value === 'boolean' ? String(value) : stringField(value);
    if (value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Date)) {
      warn(`the field "${key}" holds a group of fields (a nested map); an attribute is one value or a list of values, so it was left out`);
      continue;
    }
    if (!text) continue;
    if (++count > MAX_ATTRIBUTES) {
      warn(`more than ${MAX_ATTRIBUTES} fields: the rest were left out`);
      break;
    }
    out[name] = text.slice(0, MAX_VALUE);
  }
  return out;
}

const NUMBER = /^-?\d+(?:\.\d+)?$/;
const DATE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** Every attribute of the corpus, typed from its values: number if every value is one, date likewise, else text. */
export function attributeSchema(metas: DocumentMeta[]): AttributeInfo[] {
  const values = new Map<string, string[]>();
  for (const m of metas) for (const [k, v] of Object.entries(m.attributes)) (values.get(k) ?? values.set(k, []).get(k)!).push(v);
  return [...values]
    .map(([name, vs]): AttributeInfo => {
      // A four-digit number reads as a year: a date, which also sorts and ranges like one.
      const type: AttributeType = vs.every((v) => DATE.test(v)) ? 'date' : vs.every((v) => NUMBER.test(v)) ? 'number' : 'text';
      return { name, type, documents: vs.length, distinct: new Set(vs.map((v) => v.toLowerCase())).size };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

export interface AttributeFilter {
  name: string;
  /** The value as typed ("Democratic", "1980..1989", "..2000"). */
  value: string;
}

/** Why a filter cannot be applied to this attribute ('' when it can): a range on text, a malformed bound. */
export function filterProblem(f: AttributeFilter, type: AttributeType): string {
  if (!f.value.includes('..')) return '';
  if (type === 'text') return `The field ${f.name}: holds text, so it has no ranges; write ${f.name}:"a value"`;
  const [lo, hi] = f.value.split('..');
  const ok = (b: string) => b === '' || (type === 'number' ? NUMBER.test(b) : DATE.test(b));
  if (!ok(lo) || !ok(hi) || (lo === '' && hi === ''))
    return `"${f.name}:${f.value}" is not a range of ${type === 'number' ? 'numbers' : 'dates'}; write ${f.name}:${type === 'number' ? '10..20' : '1980..1989'} (either end may be left open)`;
  return '';
}

/**
 * Whether a document's value matches: text values case- and accent-insensitively and whole (one
 * item of a list is enough); numbers by value; dates by prefix ("1980" holds "1980-05-01") and
 * ranges inclusive of both ends.
 */
export function attributeMatches(value: string | undefined, f: AttributeFilter, type: AttributeType, fold: (s: string) => string): boolean {
  if (value === undefined || value === '') return false;
  if (!f.value.includes('..')) {
    if (type === 'number') return Number(value) === Number(f.value);
    if (type === 'date') return value.startsWith(f.value);
    const want = fold(f.value);
    return value.split(/\s*;\s*/).some((item) => fold(item) === want);
  }
  const [lo, hi] = f.value.split('..');
  if (type === 'number') return (lo === '' || Number(value) >= Number(lo)) && (hi === '' || Number(value) <= Number(hi));
  return (lo === '' || value >= lo) && (hi === '' || value.slice(0, hi.length) <= hi);
}
