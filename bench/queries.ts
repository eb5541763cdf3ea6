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

/** Queries for the two corpora from npm packages: the same kinds, in their own words. */
function kinds(words: {
  one: string;
  two: [string, string];
  phrase: [string, string];
  prefix: string;
  fuzzy: [string, RegExp];
  rare: string;
  common: string;
}): BenchQuery[] {
  const w = (x: string) => new RegExp(`\\b${x}\\b`, 'i');
  return [
    { kind: 'one term', lectern: words.one, lunr: words.one, minisearch: { text: words.one, options: {} }, scan: w(words.one) },
    {
      kind: 'two terms',
      lectern: words.two.join(' '),
      lunr: words.two.join(' '),
      minisearch: { text: words.two.join(' '), options: {} },
      scan: w(`(${words.two.join('|')})`),
    },
    {
      kind: 'phrase',
      lectern: `"${words.phrase.join(' ')}"`,
      lunr: words.phrase.map((x) => `+${x}`).join(' '),
      minisearch: { text: words.phrase.join(' '), options: { combineWith: 'AND' } },
      scan: w(words.phrase.join(' ')),
    },
    {
      kind: 'prefix wildcard',
      lectern: `${words.prefix}*`,
      lunr: `${words.prefix}*`,
      minisearch: { text: words.prefix, options: { prefix: true } },
      scan: new RegExp(`\\b${words.prefix}\\w*`, 'i'),
    },
    {
      kind: 'fuzzy ~1',
      lectern: `${words.fuzzy[0]}~1`,
      lunr: `${words.fuzzy[0]}~1`,
      minisearch: { text: words.fuzzy[0], options: { fuzzy: 1 } },
      scan: words.fuzzy[1],
    },
    {
      kind: 'field filter',
      lectern: `text:${words.one}`,
      lunr: `text:${words.one}`,
      minisearch: { text: words.one, options: { fields: ['text'] } },
      scan: w(words.one),
    },
    { kind: 'rare term', lectern: words.rare, lunr: words.rare, minisearch: { text: words.rare, options: {} }, scan: w(words.rare) },
    { kind: 'very common term', lectern: words.common, lunr: words.common, minisearch: { text: words.common, options: {} }, scan: w(words.common) },
  ];
}

export function queriesFor(corpus: string): BenchQuery[] {
  if (corpus === 'emails')
    return kinds({
      one: 'linux',
      two: ['spam', 'filter'],
      phrase: ['click', 'here'],
      prefix: 'unsubscr',
      fuzzy: ['recieve', /rec(ie|ei)ve/i],
      rare: 'zeppelin',
      common: 'list',
    });
  if (corpus === 'readmes')
    return kinds({
      one: 'install',
      two: ['license', 'mit'],
      phrase: ['command', 'line'],
      prefix: 'config',
      fuzzy: ['dependecy', /depende?n?cy/i],
      rare: 'zeppelin',
      common: 'function',
    });
  return QUERIES;
}

export const INDEX_QUERIES = QUERIES.map((q) => q.lunr);
