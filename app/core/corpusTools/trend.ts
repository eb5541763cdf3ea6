/**
 * A term's relative frequency per group (year, speaker, or any attribute), several terms at once:
 * Voyant's Trends. Uses per million running words of each group, from the same counting as the
 * word list. A document with two speakers (or a list attribute) counts in each of its groups.
 */
import type { TrendGroup } from '../../common/corpusTools';
import { LecternError } from '../../common/errors';
import { termStem } from '../compare/kwic';
import type { LoadedDocument } from '../types';
import { unitsOf } from './units';
import { attributeValue } from '../attributes';

function groupsOf(doc: LoadedDocument, by: string): string[] {
  if (by === 'year') return doc.meta.date ? [doc.meta.date.slice(0, 4)] : [];
  if (by === 'speaker') return doc.meta.speakers;
  if (by === 'outlet') return doc.meta.outlet ? [doc.meta.outlet] : [];
  const v = attributeValue(doc.meta.attributes, by);
  return v ? v.split(/\s*;\s*/) : [];
}

export function trend(documents: LoadedDocument[], terms: string[], by: string): { stems: string[]; groups: TrendGroup[] } {
  if (!terms.length) throw new LecternError('Give at least one term for the trend.', 'bad-request');
  const stems = terms.map(termStem);
  const known = by === 'year' || by === 'speaker' || by === 'outlet' || documents.some((d) => attributeValue(d.meta.attributes, by) !== undefined);
  if (!known) throw new LecternError(`No document has the field "${by}"; group by year, speaker, outlet or one of the corpus's attributes.`, 'bad-request');
  const groups = new Map<string, { docs: number; words: number; counts: number[] }>();
  for (const doc of documents) {
    const keys = groupsOf(doc, by);
    if (!keys.length) continue;
    let words = 0;
    const counts = stems.map(() => 0);
    for (const u of unitsOf(doc)) {
      words += u.terms.wordCount;
      for (const s of u.terms.stems) {
        const k = stems.indexOf(s);
        if (k >= 0) counts[k]++;
      }
    }
    for (const key of keys) {
      const g = groups.get(key) ?? groups.set(key, { docs: 0, words: 0, counts: stems.map(() => 0) }).get(key)!;
      g.docs++;
      g.words += words;
      counts.forEach((c, k) => (g.counts[k] += c));
    }
  }
  const numeric = by === 'year' || [...groups.keys()].every((k) => /^-?\d+(\.\d+)?$/.test(k));
  return {
    stems,
    groups: [...groups]
      .sort(([a], [b]) => (numeric ? Number(a) - Number(b) : a.localeCompare(b)))
      .map(([key, g]) => ({
        key,
        documents: g.docs,
        words: g.words,
        counts: g.counts,
        perMillion: g.counts.map((c) => (g.words ? Math.round((c / g.words) * 1e6 * 100) / 100 : 0)),
      })),
  };
}
