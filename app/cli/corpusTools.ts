/**
 * The corpus tools from the command line: kwic, words, ngrams, collocates, trend. Each prints a
 * table, or with --json the service's answer itself, so the CLI, the JSON and the UI say the same.
 */
import { CONCORDANCE_SORTS, type AssociationMeasure, type ConcordanceSort } from '../common/corpusTools';
import { LecternError } from '../common/errors';
import type { Command } from './command';
import type { Io } from './exit';

const MEASURES: AssociationMeasure[] = ['logdice', 'mi', 't', 'g2'];

/** Prints the --json answer, or the table. */
function print(io: Io, json: boolean, value: unknown, table: () => string[]): number {
  io.out(json ? JSON.stringify(value, null, 2) : table().join('\n'));
  return 0;
}

const pad = (s: string | number, n: number) => String(s).padStart(n);
const fixed = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : String(x));

export const kwicCommand: Command = {
  name: 'kwic',
  synopsis: 'kwic QUERY [--sort KEY] [--context N] every hit of a query in context (KEY: L1-L3, R1-R3, doc, date)',
  usage: `Usage:
  lectern kwic QUERY [--corpus DIR] [--sort L1|L2|L3|R1|R2|R3|doc|date] [--context N] [--subcorpus QUERY] [--limit N] [--json]
      Every hit of QUERY (any search) as a keyword-in-context line, sorted by the 1st-3rd word left (L1-L3)
      or right (R1-R3) of the keyword, by document (default) or date; N characters of context a side (default 60);
      --subcorpus only the lines in a subcorpus (a metadata query, or a saved one as @NAME).`,
  options: { valued: ['sort', 'context', 'limit', 'subcorpus'], flags: ['json'] },
  async run({ args, io, open }) {
    const query = args.positionals.join(' ');
    if (!query.trim()) throw args.misuse('kwic needs a query, e.g. lectern kwic economy --sort L1.');
    const sort = (args.value('sort') ?? 'doc') as ConcordanceSort;
    if (!CONCORDANCE_SORTS.includes(sort)) throw args.misuse(`--sort is one of ${CONCORDANCE_SORTS.join(', ')}, not "${sort}".`);
    const limit = args.int('limit', 0);
    const subcorpus = args.value('subcorpus');
    const res = await (
      await open()
    ).concordance({ query, sort, context: args.int('context', 60), ...(limit ? { limit } : {}), ...(subcorpus ? { subcorpus } : {}) });
    if (res.error) throw new LecternError(`Query error: ${res.error}`);
    return print(io, args.has('json'), res, () => [
      ...res.lines.map((l) => `${l.docId.padEnd(28).slice(0, 28)} ${l.before.slice(-50).padStart(50)} [${l.keyword}] ${l.after.slice(0, 50)}`),
      `${res.total} line(s)${res.lines.length < res.total ? `, ${res.lines.length} shown` : ''}`,
    ]);
  },
};

export const wordsCommand: Command = {
  name: 'words',
  synopsis: 'words [--subcorpus QUERY] [--limit N]  the word list: terms by frequency, with range and per million',
  usage: `Usage:
  lectern words [--corpus DIR] [--subcorpus QUERY] [--limit N] [--json]
      Terms (stems, stop words left out) by frequency, with the documents they are in and uses per
      million running words; --subcorpus a metadata query (year:1980..1989 party:Democratic) or a saved
      subcorpus (@NAME, see lectern subcorpus). 200 rows unless --limit.`,
  options: { valued: ['subcorpus', 'limit'], flags: ['json'] },
  async run({ args, io, open }) {
    if (args.positionals.length) throw args.misuse(`words takes no arguments (got ${args.positionals.join(' ')}); choose documents with --subcorpus.`);
    const res = await (await open()).wordList({ subcorpus: args.value('subcorpus'), limit: args.int('limit', 200) || 200 });
    return print(io, args.has('json'), res, () => [
      `${res.documents} document(s), ${res.words} running words, ${res.terms} terms`,
      ' rank  frequency  documents  per million  term (forms)',
      ...res.rows.map(
        (r, i) => `${pad(i + 1, 5)}  ${pad(r.frequency, 9)}  ${pad(r.documents, 9)}  ${pad(r.perMillion.toFixed(2), 11)}  ${r.form} (${r.forms.join(', ')})`,
      ),
    ]);
  },
};

export const ngramsCommand: Command = {
  name: 'ngrams',
  synopsis: 'ngrams --n N [--min F]                n-grams of 2-5 running words, from frequency F (default 2)',
  usage: `Usage:
  lectern ngrams --n N [--corpus DIR] [--min F] [--subcorpus QUERY] [--limit N] [--json]
      Runs of N (2-5) running words, stop words included, within passages, at least F times (default 2).`,
  options: { valued: ['n', 'min', 'subcorpus', 'limit'], flags: ['json'] },
  async run({ args, io, open }) {
    if (args.positionals.length) throw args.misuse(`ngrams takes no arguments (got ${args.positionals.join(' ')}).`);
    const n = args.int('n', 0);
    if (n < 2 || n > 5) throw args.misuse('Give --n from 2 to 5.');
    const res = await (await open()).ngrams({ n, min: args.int('min', 2) || 1, subcorpus: args.value('subcorpus'), limit: args.int('limit', 200) || 200 });
    return print(io, args.has('json'), res, () => [
      `${res.distinct} distinct ${n}-gram(s) at least ${res.min} times, of ${res.total} counted`,
      ...res.rows.map((r) => `${pad(r.frequency, 7)}  ${pad(r.documents, 5)} doc(s)  ${r.ngram}`),
    ]);
  },
};

export const collocatesCommand: Command = {
  name: 'collocates',
  synopsis: 'collocates TERM [--window N] [--measure M]  words near TERM (M: logdice, mi, t, g2)',
  usage: `Usage:
  lectern collocates TERM [--corpus DIR] [--window N] [--measure logdice|mi|t|g2] [--min F] [--subcorpus QUERY] [--limit N] [--json]
      Terms within N running words either side of TERM (1-10, default 5), seen together at least F times
      (default 3), ranked by the measure (default logdice); every measure is printed.`,
  options: { valued: ['window', 'measure', 'min', 'subcorpus', 'limit'], flags: ['json'] },
  async run({ args, io, open }) {
    const term = args.positionals.join(' ');
    if (!term.trim()) throw args.misuse('collocates needs a term, e.g. lectern collocates war --window 5.');
    const measure = (args.value('measure') ?? 'logdice') as AssociationMeasure;
    if (!MEASURES.includes(measure)) throw args.misuse(`--measure is one of ${MEASURES.join(', ')}, not "${measure}".`);
    const res = await (
      await open()
    ).collocates({
      term,
      window: args.int('window', 5),
      measure,
      min: args.int('min', 3) || 1,
      subcorpus: args.value('subcorpus'),
      limit: args.int('limit', 50) || 50,
    });
    return print(io, args.has('json'), res, () => [
      `"${res.node}": ${res.nodeFrequency} use(s), window ±${res.window} (${res.windowWords} of ${res.words} running words), ranked by ${res.measure}`,
      ' together  frequency  log-Dice      MI       t        G²  collocate',
      ...res.rows.map(
        (r) =>
          `${pad(r.together, 9)}  ${pad(r.frequency, 9)}  ${pad(fixed(r.logDice), 8)}  ${pad(fixed(r.mi), 6)}  ${pad(fixed(r.t), 6)}  ${pad(fixed(r.g2), 8)}  ${r.form}`,
      ),
    ]);
  },
};

export const trendCommand: Command = {
  name: 'trend',
  synopsis: 'trend TERM... --by year|speaker|FIELD   uses per million words of each term, per group',
  usage: `Usage:
  lectern trend TERM... --by year|speaker|outlet|ATTRIBUTE [--corpus DIR] [--subcorpus QUERY] [--json]
      Each term's uses and uses per million running words in each year, speaker, outlet or value of an attribute.`,
  options: { valued: ['by', 'subcorpus'], flags: ['json'] },
  async run({ args, io, open }) {
    if (!args.positionals.length) throw args.misuse('trend needs at least one term, e.g. lectern trend war peace --by year.');
    const by = args.value('by');
    if (!by) throw args.misuse('Say what to group by: --by year, --by speaker, --by outlet or --by an attribute (party).');
    const res = await (await open()).trend({ terms: args.positionals, by, subcorpus: args.value('subcorpus') });
    return print(io, args.has('json'), res, () => [
      `${by.padEnd(24)} ${'words'.padStart(9)}  ${res.terms.map((t) => `${t} (per million)`.padStart(22)).join('')}`,
      ...res.groups.map(
        (g) => `${g.key.padEnd(24).slice(0, 24)} ${pad(g.words, 9)}  ${g.counts.map((c, k) => `${c} (${g.perMillion[k].toFixed(1)})`.padStart(22)).join('')}`,
      ),
    ]);
  },
};

export const keynessCommand: Command = {
  name: 'keyness',
  synopsis: 'keyness TARGET [--reference QUERY]    terms a subcorpus uses more and less (default: than the rest)',
  usage: `Usage:
  lectern keyness TARGET [--corpus DIR] [--reference QUERY] [--limit N] [--json]
      Terms the subcorpus TARGET (a metadata query: 'party:Republican', 'year:1980..1989', or @NAME) uses more
      and less than the reference subcorpus, or than the rest of the corpus; by log-likelihood (G²)
      with the log ratio beside it. The corpus's formulas (greetings, sign-offs) are left out.`,
  options: { valued: ['reference', 'limit'], flags: ['json'] },
  async run({ args, io, open }) {
    const target = args.positionals.join(' ');
    if (!target.trim()) throw args.misuse("keyness needs a target subcorpus, e.g. lectern keyness 'party:Republican'.");
    const res = await (await open()).keyness({ target, reference: args.value('reference'), limit: args.int('limit', 30) || 30 });
    const row = (k: (typeof res.over)[number]) =>
      `${pad(k.g2.toFixed(2), 9)}  ${pad(k.logRatio.toFixed(2), 7)}  ${pad(k.countLeft, 7)}  ${pad(k.countRight, 7)}  ${k.term}`;
    return print(io, args.has('json'), res, () => [
      `${res.target}: ${res.targetDocuments} document(s), ${res.targetWords} words; against ${res.reference || 'the rest of the corpus'}: ${res.referenceDocuments} document(s), ${res.referenceWords} words`,
      '',
      `More used in ${res.target}:`,
      '       G²  log ratio  target  reference  term',
      ...res.over.map(row),
      '',
      `Less used in ${res.target}:`,
      ...res.under.map(row),
    ]);
  },
};
