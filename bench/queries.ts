/** The fixed query set of the benchmark, with what each query means for each engine. */

export interface BenchQuery {
  kind: string;
  /** Lectern's query language. */
  lectern: string;
  /** Stock Lunr (no phrases, no metadata filters: their words, the filter left out). */
  lunr: string;
  minisearch: { text: string; options: { prefix?: boolean; fuzzy?: number; fields?: string[]; combineWith?: 'AND' | 'OR' }; speaker?: string };
  /** The plain scan: a regular expression over every passage's text. */
  scan: RegExp;
  speaker?: string;
}

export const QUERIES: BenchQuery[] = [
  { kind: 'one term', lectern: 'railroads', lunr: 'railroads', minisearch: { text: 'railroads', options: {} }, scan: /\brailroads\b/i },
  { kind: 'two terms', lectern: 'tariff revenue', lunr: 'tariff revenue', minisearch: { text: 'tariff revenue', options: {} }, scan: /\b(tariff|revenue)\b/i },
  {
    kind: 'phrase',
    lectern: '"public debt"',
    lunr: '+public +debt',
    minisearch: { text: 'public debt', options: { combineWith: 'AND' } },
    scan: /\bpublic debt\b/i,
  },
  { kind: 'prefix wildcard', lectern: 'railr*', lunr: 'railr*', minisearch: { text: 'railr', options: { prefix: true } }, scan: /\brailr\w*/i },
  { kind: 'fuzzy ~1', lectern: 'goverment~1', lunr: 'goverment~1', minisearch: { text: 'goverment', options: { fuzzy: 1 } }, scan: /\bgo(v|ve)?e?rn?ment\b/i },
  { kind: 'field filter', lectern: 'text:slavery', lunr: 'text:slavery', minisearch: { text: 'slavery', options: { fields: ['text'] } }, scan: /\bslavery\b/i },
  {
    kind: 'speaker filter',
    lectern: 'war speaker:lincoln',
    lunr: 'war',
    minisearch: { text: 'war', options: {}, speaker: 'lincoln' },
    scan: /\bwar\b/i,
    speaker: 'lincoln',
  },
  { kind: 'rare term', lectern: 'zeppelin', lunr: 'zeppelin', minisearch: { text: 'zeppelin', options: {} }, scan: /\bzeppelin\b/i },
  { kind: 'very common term', lectern: 'people', lunr: 'people', minisearch: { text: 'people', options: {} }, scan: /\bpeople\b/i },
];

export const INDEX_QUERIES = QUERIES.map((q) => q.lunr);
