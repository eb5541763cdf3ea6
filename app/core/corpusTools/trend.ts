/**
 * Words' relative frequency per group (year, speaker, or any attribute), several words at once:
 * Voyant's Trends. Uses per million running words of each group, counted from the token index in
 * one unit (stems by default, so "war" counts wars too). A document with two speakers (or a list
 * attribute) counts in each of its groups.
 */
import type { CountUnit, TrendGroup } from '../../common/corpusTools';
import { LecternError } from '../../common/errors';
import { attributeValue } from '../attributes';
import { formCountsOf } from '../tokenIndex/counts';
import { vocabulary } from '../tokenIndex/vocabulary';
import type { LoadedDocument } from '../types';
import { perMillion } from './wordList';

function groupsOf(doc: LoadedDocument, by: string): string[] {
  if (by === 'year') return doc.meta.date ? [doc.meta.date.slice(0, 4)] : [];
  if (by === 'speaker') return doc.meta.speakers;
  if (by === 'outlet') return doc.meta.outlet ? [doc.meta.outlet] : [];
  const v = attributeValue(doc.meta.attributes, by);
  return v ? v.split(/\s*;\s*/) : [];
}

export function trend(
  documents: LoadedDocument[],
  terms: string[],
  by: string,
  unit: CountUnit = 'stem',
): { stems: string[]; unit: CountUnit; groups: TrendGroup[] } {
  if (!terms.length) throw new LecternError('Give at least one term for the trend.', 'bad-request');
  const keys = terms.map((t) => vocabulary.keyOfWord(unit, t.trim()));
  const known = by === 'year' || by === 'speaker' || by === 'outlet' || documents.some((d) => attributeValue(d.meta.attributes, by) !== undefined);
  if (!known) throw new LecternError(`No document has the field "${by}"; group by year, speaker, outlet or one of the corpus's attributes.`, 'bad-request');
  const groups = new Map<string, { docs: number; words: number; counts: number[] }>();
  for (const doc of documents) formCountsOf(doc); // every form known before the keys are looked up
  const ids = keys.map((k) => vocabulary.findKey(unit, k));
  for (const doc of documents) {
    const names = groupsOf(doc, by);
    if (!names.length) continue;
    const c = formCountsOf(doc);
    const counts = keys.map(() => 0);
    for (let i = 0; i < c.ids.length; i++) {
      const k = ids.indexOf(vocabulary.unitId(unit, c.ids[i]));
      if (k >= 0) counts[k] += c.counts[i];
    }
    for (const name of names) {
      const g = groups.get(name) ?? groups.set(name, { docs: 0, words: 0, counts: keys.map(() => 0) }).get(name)!;
      g.docs++;
      g.words += c.words;
      counts.forEach((n, k) => (g.counts[k] += n));
    }
  }
  const numeric = by === 'year' || [...groups.keys()].every((k) => /^-?\d+(\.\d+)?$/.test(k));
  return {
    stems: keys,
    unit,
    groups: [...groups]
      .sort(([a], [b]) => (numeric ? Number(a) - Number(b) : a.localeCompare(b)))
      .map(([key, g]) => ({ key, documents: g.docs, words: g.words, counts: g.counts, perMillion: g.counts.map((c) => perMillion(c, g.words)) })),
  };
}
