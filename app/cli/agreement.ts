/**
 * `lectern agreement` and `lectern cooccurrence`: intercoder agreement per code and overall, and the
 * codes × codes co-occurrence matrix, as a table, CSV or with --json the service's answer itself
 * (so the CLI and the app say the same).
 */
import { stringify } from 'csv-stringify/sync';
import {
  AGREEMENT_UNITS,
  COOCCURRENCE_MODES,
  coderLabel,
  cooccurrenceTable,
  type AgreementMeasures,
  type AgreementUnit,
  type CooccurrenceMode,
} from '../common/agreement';
import type { LecternApi } from '../common/contract';
import { LecternError } from '../common/errors';
import { CSV_TABLE_OPTIONS } from '../common/formats';
import type { ParsedArgs } from './args';
import type { Command } from './command';
import type { Io } from './exit';

/** A table in aligned columns: the first (names) left-aligned, the numbers right-aligned. */
function printColumns(io: Io, table: string[][]): void {
  const widths = table[0].map((_, i) => Math.max(...table.map((row) => row[i].length)));
  for (const row of table) io.out(row.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  '));
}

const MEASURES: [keyof AgreementMeasures, string][] = [
  ['percentAgreement', 'percent'],
  ['cohenKappa', 'Cohen κ'],
  ['fleissKappa', 'Fleiss κ'],
  ['krippendorffAlpha', 'alpha'],
];

/** A comma-separated option as a list (empty items dropped), or undefined when absent. */
function listOption(args: ParsedArgs, name: string): string[] | undefined {
  const v = args.value(name);
  if (v === undefined) return undefined;
  const items = v
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) throw args.misuse(`--${name} needs one or more names separated by commas.`);
  return items;
}

/** Tag names (any case) to ids; an unknown name is an error naming the codebook's. */
async function codeIds(service: LecternApi, names: string[] | undefined): Promise<string[] | undefined> {
  if (!names) return undefined;
  const codebook = await service.codebook({});
  return names.map((name) => {
    const tag = codebook.find((t) => t.name.toLowerCase() === name.toLowerCase());
    if (!tag)
      throw new LecternError(`There is no tag “${name}” in the codebook (it has ${codebook.map((t) => t.name).join(', ') || 'no tags yet'}).`, 'not-found');
    return tag.id;
  });
}

const cell = (v: number | null) => (v === null ? '—' : v.toFixed(3));

export const agreementCommand: Command = {
  name: 'agreement',
  synopsis: 'agreement [--coders A,B] [--codes X,Y] [--unit passage|char]  intercoder agreement per code and overall',
  usage: `Usage:
  lectern agreement [--corpus DIR] [--coders A,B] [--codes X,Y] [--documents ID,ID] [--unit passage|char] [--json]
      Percent agreement, Cohen's kappa (two coders), Fleiss' kappa and Krippendorff's alpha per code and
      overall, for the coders named (default: everyone with annotations) and the codes named (default:
      the whole codebook), over the documents named (default: those a chosen coder annotated). A coder who annotated nothing in
      a document is missing there, not "not applied". --unit passage (default): was the code applied to
      each passage; char: to each character. --json prints the service's answer.`,
  options: { valued: ['coders', 'codes', 'documents', 'unit'], flags: ['json'] },
  async run({ args, io, open }) {
    if (args.positionals.length) throw args.misuse(`agreement takes no arguments (got ${args.positionals.join(' ')}).`);
    // --coder (every command's) names who is tagging; agreement chooses coders with --coders.
    if (args.has('coder')) throw args.misuse(`agreement compares the coders given as --coders A,B; --coder names who you are when tagging.`);
    const unit = (args.value('unit') ?? 'passage') as AgreementUnit;
    if (!AGREEMENT_UNITS.includes(unit)) throw args.misuse(`--unit is ${AGREEMENT_UNITS.join(' or ')}, not "${unit}".`);
    const service = await open();
    const coders = listOption(args, 'coders');
    const codes = await codeIds(service, listOption(args, 'codes'));
    const docIds = listOption(args, 'documents');
    const r = await service.agreement({ unit, ...(coders ? { coders } : {}), ...(codes ? { codes } : {}), ...(docIds ? { docIds } : {}) });
    if (args.has('json')) {
      io.out(JSON.stringify(r, null, 2));
      return 0;
    }
    if (r.coders.length < 2 && !coders) {
      io.out(
        `Agreement compares the annotations of two or more coders; this corpus has ${r.coders.length ? `only ${coderLabel(r.coders[0])}'s` : 'none'}. Each annotation records its coder (--coder NAME, or the coder set in Lectern; a .qdpx or W3C import keeps them).`,
      );
      return 0;
    }
    const what = unit === 'char' ? 'characters' : 'passages';
    io.out(
      `Agreement by ${unit === 'char' ? 'character' : 'passage'}: ${r.coders.length} coder(s) (${r.coders.map(coderLabel).join(', ') || 'none'}), ${r.documents.length} document(s)`,
    );
    const rows = [
      ...r.codes.map((c) => [c.name, String(c.units), ...MEASURES.map(([k]) => cell(c.measures[k].value))]),
      ['overall (pooled)', String(r.overall.units), ...MEASURES.map(([k]) => cell(r.overall.pooled[k].value))],
      ['overall (mean of codes)', '', ...MEASURES.map(([k]) => cell(r.overall.mean[k]))],
    ];
    const header = ['code', what, ...MEASURES.map(([, label]) => label)];
    printColumns(io, [header, ...rows]);
    // Why a value is missing, once per reason, naming where it applies.
    const reasons = new Map<string, string[]>();
    const note = (where: string, m: AgreementMeasures) => {
      for (const [k, label] of MEASURES) {
        const reason = m[k].reason;
        if (reason) (reasons.get(`${label}: ${reason}`) ?? reasons.set(`${label}: ${reason}`, []).get(`${label}: ${reason}`)!).push(where);
      }
    };
    for (const c of r.codes) note(c.name, c.measures);
    note('overall', r.overall.pooled);
    for (const [reason, where] of reasons) io.out(`— ${reason} (${where.join(', ')})`);
    for (const n of r.notes) io.out(n);
    return 0;
  },
};

export const cooccurrenceCommand: Command = {
  name: 'cooccurrence',
  synopsis: 'cooccurrence [--mode overlap|passage] [--coder NAME] [--csv]  the codes × codes co-occurrence matrix',
  usage: `Usage:
  lectern cooccurrence [--corpus DIR] [--mode overlap|passage] [--coder NAME] [--codes X,Y] [--csv|--json]
      How often codes occur together. --mode overlap (default): pairs of overlapping annotations, one with
      each code (an annotation with both codes counts once); the diagonal counts a code's annotations.
      --mode passage: passages holding both codes; the diagonal counts passages holding the code.
      --coder counts one coder's annotations (default: everyone's). --csv writes the matrix as CSV;
      --json prints the service's answer, with the places each cell counts.`,
  options: { valued: ['mode', 'coder', 'codes'], flags: ['csv', 'json'] },
  async run({ args, io, open }) {
    if (args.positionals.length) throw args.misuse(`cooccurrence takes no arguments (got ${args.positionals.join(' ')}).`);
    if (args.has('csv') && args.has('json')) throw args.misuse('Choose one of --csv and --json.');
    const mode = (args.value('mode') ?? 'overlap') as CooccurrenceMode;
    if (!COOCCURRENCE_MODES.includes(mode)) throw args.misuse(`--mode is ${COOCCURRENCE_MODES.join(' or ')}, not "${mode}".`);
    const service = await open();
    const coder = args.value('coder');
    const codes = await codeIds(service, listOption(args, 'codes'));
    const r = await service.cooccurrence({ mode, ...(coder !== undefined ? { coder } : {}), ...(codes ? { codes } : {}) });
    if (args.has('json')) {
      io.out(JSON.stringify(r, null, 2));
      return 0;
    }
    const { header, rows } = cooccurrenceTable(r);
    if (args.has('csv')) {
      io.out(stringify([header, ...rows], CSV_TABLE_OPTIONS).replace(/\r\n$/, ''));
      return 0;
    }
    if (r.codes.length === 0) {
      io.out('The codebook is empty: there is nothing to count.');
      return 0;
    }
    const counted =
      mode === 'overlap' ? 'overlapping annotations (diagonal: annotations with the code)' : 'passages with both codes (diagonal: passages with the code)';
    io.out(`Co-occurrence of codes: ${counted}; ${coder !== undefined ? `${coderLabel(coder)}'s annotations` : "every coder's annotations"}`);
    printColumns(io, [header, ...rows.map((row) => row.map(String))]);
    return 0;
  },
};
