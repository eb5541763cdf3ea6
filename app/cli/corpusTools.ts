/**
 * The corpus tools from the command line: kwic, words, ngrams, collocates, trend. Each prints a
 * table, or with --json the service's answer itself, so the CLI, the JSON and the UI say the same.
 */
import {
  CONCORDANCE_SORTS,
  COUNT_UNITS,
  STOP_LIST_CHOICES,
  UNIT_LABELS,
  type AssociationMeasure,
  type ConcordanceSort,
  type Counting,
  type CountUnit,
  type StopListChoice,
} from '../common/corpusTools';
import { LecternError } from '../common/errors';
import type { ParsedArgs } from './args';
import type { Command } from './command';
import type { Io } from './exit';

const MEASURES: AssociationMeasure[] = ['logdice', 'mi', 't', 'g2'];

/** Prints the --json answer, or the table. */
function print(io: Io, json: boolean, value: unknown, table: () => string[]): number {
  io.out(json ? JSON.stringify(value, null, 2) : table().join('\n'));
  return 0;
}

const UNIT_HELP = `--unit form|lower|stem: what counts as one word: the form as written ("The" and "the" apart), the lower-cased form, or a stem with all its forms`;
const STOP_HELP =
  "--stop-list builtin|corpus: leave out the built-in stop list (108 English function words) or the corpus's own (.lectern/stopwords.txt); by default every word counts";

/** --unit, checked; undefined leaves the tool's default. */
function unitOf(args: ParsedArgs): CountUnit | undefined {
  const unit = args.value('unit');
  if (unit !== undefined && !COUNT_UNITS.includes(unit as CountUnit)) throw args.misuse(`--unit is one of ${COUNT_UNITS.join(', ')}, not "${unit}".`);
  return unit as CountUnit | undefined;
}

function stopListOf(args: ParsedArgs): StopListChoice | undefined {
  const list = args.value('stop-list');
  if (list !== undefined && !STOP_LIST_CHOICES.includes(list as StopListChoice))
    throw args.misuse(`--stop-list is one of ${STOP_LIST_CHOICES.join(', ')}, not "${list}".`);
  return list as StopListChoice | undefined;
}

/** The line every table starts with: what it counted. */
const countingLine = (c: Counting) => `Counting ${UNIT_LABELS[c.unit]}; ${c.stopList ?? 'every word counted (no stop list)'}.`;

const pad = (s: string | number, n: number) => String(s).padStart(n);
const fixed = (x: number) => (Number.isFinite(x) ? x.toFixed(2) : String(x));

export const kwicCommand: Command = {
  name: 'kwic',
  synopsis: 'kwic QUERY [--sort KEY] [--context N] every hit of a query in context (KEY: L1-L3, R1-R3, doc, date)',
  usage: `Usage:
  lectern kwic QUERY [--corpus DIR] [--sort L1|L2|L3|R1|R2|R3|doc|date] [--context N] [--subcorpus QUERY]
                     [--unit form|lower|stem] [--regex] [--offset N] [--limit N] [--json]
      Every hit of QUERY as a keyword-in-context line, sorted by the 1st-3rd word left (L1-L3) or right
      (R1-R3) of the keyword, by document (default) or date; N characters of context a side (default 60);
      --subcorpus only the lines in a subcorpus (a metadata query, or a saved one as @NAME).
      A word (must), a "phrase" or a wildcard word (govern*) is found among the running words: a bare
      word by its stem (want: wants, wanted), a phrase or wildcard by lower-cased forms, unless --unit.
      --regex: QUERY is regular expressions, one per word, each matching a whole word (gov.*ment).
      Any other search (speaker:, tag:, several words) finds the words search highlights.
      ${UNIT_HELP}.`,
  options: { valued: ['sort', 'context', 'limit', 'offset', 'subcorpus', 'unit'], flags: ['json', 'regex'] },
  async run({ args, io, open }) {
    const query = args.positionals.join(' ');
    if (!query.trim()) throw args.misuse('kwic needs a query, e.g. lectern kwic economy --sort L1.');
    const sort = (args.value('sort') ?? 'doc') as ConcordanceSort;
    if (!CONCORDANCE_SORTS.includes(sort)) throw args.misuse(`--sort is one of ${CONCORDANCE_SORTS.join(', ')}, not "${sort}".`);
    const limit = args.int('limit', 0);
    const offset = args.int('offset', 0);
    const subcorpus = args.value('subcorpus');
    const unit = unitOf(args);
    const res = await (
      await open()
    ).concordance({
      query,
      sort,
      context: args.int('context', 60),
      ...(limit ? { limit } : {}),
      ...(offset ? { offset } : {}),
      ...(subcorpus ? { subcorpus } : {}),
      ...(unit ? { unit } : {}),
      ...(args.has('regex') ? { regex: true } : {}),
    });
    if (res.error) throw new LecternError(`Query error: ${res.error}`);
    return print(io, args.has('json'), res, () => [
      ...res.lines.map((l) => `${l.docId.padEnd(28).slice(0, 28)} ${l.before.slice(-50).padStart(50)} [${l.keyword}] ${l.after.slice(0, 50)}`),
      `${res.total} line(s)${res.lines.length < res.total ? `, ${res.lines.length} shown (from line ${res.offset + 1})` : ''}${res.unit ? `; words matched by ${UNIT_LABELS[res.unit]}` : '; found by search'}`,
    ]);
  },
};

export const wordsCommand: Command = {
  name: 'words',
  synopsis: 'words [--unit U] [--stop-list L] [--pattern RE]  the word list: words by frequency, with range and per million',
  usage: `Usage:
  lectern words [--corpus DIR] [--subcorpus QUERY] [--unit form|lower|stem] [--stop-list builtin|corpus] [--pattern RE] [--limit N] [--json]
      Every running word by frequency (word forms as written unless --unit), with the documents it is in
      and uses per million running words; --subcorpus a metadata query (year:1980..1989 party:Democratic)
      or a saved subcorpus (@NAME, see lectern subcorpus); --pattern only the words a regular expression
      matches whole (e.g. 'democra.*'). 200 rows unless --limit.
      ${UNIT_HELP}; ${STOP_HELP}.`,
  options: { valued: ['subcorpus', 'limit', 'unit', 'stop-list', 'pattern'], flags: ['json'] },
  async run({ args, io, open }) {
    if (args.positionals.length) throw args.misuse(`words takes no arguments (got ${args.positionals.join(' ')}); choose documents with --subcorpus.`);
    const res = await (
      await open()
    ).wordList({
      subcorpus: args.value('subcorpus'),
      limit: args.int('limit', 200) || 200,
      unit: unitOf(args),
      stopList: stopListOf(args),
      pattern: args.value('pattern'),
    });
    return print(io, args.has('json'), res, () => [
      countingLine(res),
      `${res.documents} document(s), ${res.words} running words (${res.counted} counted), ${res.terms} distinct${res.pattern ? `, ${res.matching} matching ${res.pattern}` : ''}`,
      ' rank  frequency  documents  per million  word (forms)',
      ...res.rows.map(
        (r, i) =>
          `${pad(i + 1, 5)}  ${pad(r.frequency, 9)}  ${pad(r.documents, 9)}  ${pad(r.perMillion.toFixed(2), 11)}  ${r.term}${r.forms.length > 1 || r.forms[0] !== r.term ? ` (${r.forms.join(', ')})` : ''}`,
      ),
    ]);
  },
};

export const ngramsCommand: Command = {
  name: 'ngrams',
  synopsis: 'ngrams --n N [--min F]                n-grams of 2-5 running words, from frequency F (default 2)',
  usage: `Usage:
  lectern ngrams --n N [--corpus DIR] [--min F] [--subcorpus QUERY] [--unit form|lower|stem] [--stop-list builtin|corpus] [--limit N] [--json]
      Runs of N (2-5) running words, stop words included, at least F times (default 2). A run never
      crosses punctuation, a sentence end or a paragraph: each row's phrase, given to kwic with the same
      --unit, finds exactly its frequency. With a stop list, runs holding one of its words are left out.
      ${UNIT_HELP}; ${STOP_HELP}.`,
  options: { valued: ['n', 'min', 'subcorpus', 'limit', 'unit', 'stop-list'], flags: ['json'] },
  async run({ args, io, open }) {
    if (args.positionals.length) throw args.misuse(`ngrams takes no arguments (got ${args.positionals.join(' ')}).`);
    const n = args.int('n', 0);
    if (n < 2 || n > 5) throw args.misuse('Give --n from 2 to 5.');
    const res = await (
      await open()
    ).ngrams({
      n,
      min: args.int('min', 2) || 1,
      subcorpus: args.value('subcorpus'),
      limit: args.int('limit', 200) || 200,
      unit: unitOf(args),
      stopList: stopListOf(args),
    });
    return print(io, args.has('json'), res, () => [
      countingLine(res),
      `${res.distinct} distinct ${n}-gram(s) at least ${res.min} times, of ${res.total} counted`,
      ...res.rows.map((r) => `${pad(r.frequency, 7)}  ${pad(r.documents, 5)} doc(s)  ${r.ngram}`),
    ]);
  },
};

export const collocatesCommand: Command = {
  name: 'collocates',
  synopsis: 'collocates TERM [--window N] [--measure M]  words near TERM (M: logdice, mi, t, g2)',
  usage: `Usage:
  lectern collocates TERM [--corpus DIR] [--window N] [--measure logdice|mi|t|g2] [--min F] [--subcorpus QUERY]
                         [--unit form|lower|stem] [--stop-list builtin|corpus] [--limit N] [--json]
      Words within N running words either side of TERM (1-10, default 5; within its paragraph), seen
      together at least F times (default 3), ranked by the measure (default logdice); every measure is
      printed. Node and collocates are lower-cased word forms unless --unit.
      ${UNIT_HELP}; ${STOP_HELP}.`,
  options: { valued: ['window', 'measure', 'min', 'subcorpus', 'limit', 'unit', 'stop-list'], flags: ['json'] },
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
      unit: unitOf(args),
      stopList: stopListOf(args),
    });
    return print(io, args.has('json'), res, () => [
      countingLine(res),
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
  lectern trend TERM... --by year|speaker|outlet|ATTRIBUTE [--corpus DIR] [--subcorpus QUERY] [--unit form|lower|stem] [--json]
      Each term's uses and uses per million running words in each year, speaker, outlet or value of an
      attribute. A term counts all forms of its stem (war: wars) unless --unit.
      ${UNIT_HELP}.`,
  options: { valued: ['by', 'subcorpus', 'unit'], flags: ['json'] },
  async run({ args, io, open }) {
    if (!args.positionals.length) throw args.misuse('trend needs at least one term, e.g. lectern trend war peace --by year.');
    const by = args.value('by');
    if (!by) throw args.misuse('Say what to group by: --by year, --by speaker, --by outlet or --by an attribute (party).');
    const res = await (await open()).trend({ terms: args.positionals, by, subcorpus: args.value('subcorpus'), unit: unitOf(args) });
    return print(io, args.has('json'), res, () => [
      `Counting ${UNIT_LABELS[res.unit]}: ${res.terms.map((t, k) => `${t} as "${res.stems[k]}"`).join(', ')}.`,
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
  lectern keyness TARGET [--corpus DIR] [--reference QUERY] [--unit form|lower|stem] [--stop-list builtin|corpus] [--keep-formulas] [--limit N] [--json]
      Words the subcorpus TARGET (a metadata query: 'party:Republican', 'year:1980..1989', or @NAME) uses
      more and less than the reference subcorpus, or than the rest of the corpus; by log-likelihood (G²)
      with the log ratio beside it. Lower-cased word forms unless --unit. Formulas (greetings, sign-offs:
      runs found in many documents of the two sides, and only there) are left out unless --keep-formulas;
      a row says how many of its uses that left out.
      ${UNIT_HELP}; ${STOP_HELP}.`,
  options: { valued: ['reference', 'limit', 'unit', 'stop-list'], flags: ['json', 'keep-formulas'] },
  async run({ args, io, open }) {
    const target = args.positionals.join(' ');
    if (!target.trim()) throw args.misuse("keyness needs a target subcorpus, e.g. lectern keyness 'party:Republican'.");
    const res = await (
      await open()
    ).keyness({
      target,
      reference: args.value('reference'),
      limit: args.int('limit', 30) || 30,
      unit: unitOf(args),
      stopList: stopListOf(args),
      ...(args.has('keep-formulas') ? { keepFormulas: true } : {}),
    });
    const row = (k: (typeof res.over)[number]) =>
      `${pad(k.g2.toFixed(2), 9)}  ${pad(k.logRatio.toFixed(2), 7)}  ${pad(k.countLeft, 7)}  ${pad(k.countRight, 7)}  ${k.term}${k.inFormulas ? `  (${k.inFormulas[0]} + ${k.inFormulas[1]} uses in formulas left out)` : ''}`;
    return print(io, args.has('json'), res, () => [
      countingLine(res),
      `${res.target}: ${res.targetDocuments} document(s), ${res.targetWords} words; against ${res.reference || 'the rest of the corpus'}: ${res.referenceDocuments} document(s), ${res.referenceWords} words`,
      ...(res.formulaWords[0] || res.formulaWords[1]
        ? [`Formulas left out: ${res.formulaWords[0]} + ${res.formulaWords[1]} running words (--keep-formulas counts them).`]
        : []),
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
