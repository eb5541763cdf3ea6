/** `lectern compare …` and `lectern similar`: two sides compared, and near-duplicate documents. */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { parseArgs, type ParsedArgs } from '../cliArgs';
import { guarded } from './guarded';
import { LecternError } from '../contract';
import { DEFAULT_THRESHOLD } from '../core/compare/alignment';
import { checkThreshold, compare, compareKwic, type CompareOptions } from '../core/compare/compare';
import { nearDuplicates } from '../core/compare/nearDuplicates';
import { attributionNote, comparisonReport } from '../core/compare/report';
import type { Comparison, KeyTerm, KwicLine, Quote } from '../core/compare/types';
import type { LoadedDocument } from '../core/types';

export interface CompareContext {
  corpusDir: string;
  documents: LoadedDocument[];
  out: (s: string) => void;
  err: (s: string) => void;
}

export const COMPARE_USAGE = `Usage:
  lectern compare LEFT RIGHT [--corpus DIR] [--json] [--threshold X] [--report FILE] [--quotes-only left|right|both] [--kwic TERM]
      LEFT and RIGHT are document ids or speaker:"Full Name".
      --threshold X     lowest similarity (0 to 1, default ${DEFAULT_THRESHOLD}) for two passages to pair
      --report FILE     also write the comparison as a Markdown report
      --quotes-only S   narrow side S to its speaker's own quotations
      --kwic TERM       show TERM in context on both sides instead of the comparison`;

export const SIMILAR_USAGE = `Usage:
  lectern similar [--corpus DIR] [--json]
      Groups of documents that report the same event (near-duplicates), with their similarity.`;

const SHOWN = 10;

export async function compareCommand(argv: string[], ctx: CompareContext): Promise<number> {
  return guarded(ctx, async () => {
    const args = parseArgs(argv, new Set(['threshold', 'report', 'quotes-only', 'kwic']));
    if (args.options.has('help')) {
      ctx.out(COMPARE_USAGE);
      return 0;
    }
    rejectUnknown(args, ['json', 'threshold', 'report', 'quotes-only', 'kwic'], COMPARE_USAGE);
    const [left, right, ...extra] = args.positionals;
    if (right === undefined || extra.length > 0) {
      throw new LecternError(
        `compare takes two sides, got ${args.positionals.length}${args.positionals.length ? `: ${args.positionals.map((p) => JSON.stringify(p)).join(' ')}` : ''}. ` +
          'Put a speaker\'s name in quotes: speaker:"Jeremy Hunt".\n' + COMPARE_USAGE,
      );
    }
    const options: CompareOptions = { quotesOnly: quotesOnly(args.options.get('quotes-only')) };
    const threshold = args.options.get('threshold');
    if (threshold !== undefined) options.threshold = checkThreshold(threshold === true ? '' : threshold);

    const kwic = args.options.get('kwic');
    if (kwic !== undefined) {
      const result = compareKwic(ctx.documents, left, right, kwic === true ? '' : kwic, options);
      if (args.options.has('json')) ctx.out(JSON.stringify(result, null, 2));
      else {
        ctx.out(`"${result.term}" (stem "${result.stem}": every form of the word) in context`);
        ctx.out(`\nLeft, ${left}: ${usesShown(result.totalLeft, result.left.length)}`);
        for (const line of result.left) ctx.out(kwicLine(line));
        ctx.out(`\nRight, ${right}: ${usesShown(result.totalRight, result.right.length)}`);
        for (const line of result.right) ctx.out(kwicLine(line));
      }
      return 0;
    }

    const comparison = compare(ctx.documents, left, right, options);
    const report = args.options.get('report');
    if (report !== undefined) {
      if (report === true) throw new LecternError('--report needs a file name, e.g. --report comparison.md.');
      const file = path.resolve(report);
      try {
        await fsp.writeFile(file, comparisonReport(comparison, ctx.documents), 'utf8');
      } catch (e) {
        throw new LecternError(`Could not write the report to ${file} (${(e as Error).message}). Choose a folder you can write to.`);
      }
      ctx.err(`Wrote the report to ${file}.`);
    }
    ctx.out(args.options.has('json') ? JSON.stringify(comparison, null, 2) : summary(comparison));
    return 0;
  });
}

export async function similarCommand(argv: string[], ctx: CompareContext): Promise<number> {
  return guarded(ctx, async () => {
    const args = parseArgs(argv, new Set());
    if (args.options.has('help')) {
      ctx.out(SIMILAR_USAGE);
      return 0;
    }
    rejectUnknown(args, ['json'], SIMILAR_USAGE);
    if (args.positionals.length > 0) throw new LecternError(`similar takes no arguments (got ${args.positionals.join(' ')}).\n${SIMILAR_USAGE}`);
    const result = nearDuplicates(ctx.documents);
    if (args.options.has('json')) {
      ctx.out(JSON.stringify(result, null, 2));
      return 0;
    }
    if (result.groups.length === 0) {
      ctx.out(`No near-duplicates among ${ctx.documents.length} document(s).`);
      return 0;
    }
    const byId = new Map(ctx.documents.map((d) => [d.meta.id, d.meta]));
    for (const group of result.groups) {
      const reasons = [...new Set(group.pairs.map((p) => (p.reason === 'text' ? 'shared wording' : 'same speaker, date and event, similar vocabulary')))];
      ctx.out(`${group.documentIds.length} documents report the same event (similarity ${group.similarity.toFixed(2)}; ${reasons.join('; ')}):`);
      for (const id of group.documentIds) {
        const m = byId.get(id);
        ctx.out(`  ${id}  ${m ? `${m.outlet || 'outlet unknown'}: ${m.title}` : ''}`);
      }
    }
    return 0;
  });
}

function rejectUnknown(args: ParsedArgs, known: string[], usage: string): void {
  for (const key of args.options.keys()) {
    if (!known.includes(key)) throw new LecternError(`Unknown option --${key}.\n${usage}`);
  }
}

function quotesOnly(value: string | true | undefined): CompareOptions['quotesOnly'] {
  if (value === undefined) return {};
  if (value === 'left') return { left: true };
  if (value === 'right') return { right: true };
  if (value === 'both') return { left: true, right: true };
  throw new LecternError(`--quotes-only takes left, right or both (got ${value === true ? 'nothing' : `"${value}"`}).`);
}

function summary(c: Comparison): string {
  const lines: string[] = [];
  const side = (name: string, s: Comparison['left']) =>
    `${name}: ${s.label}: ${s.documentIds.length} document(s), ${s.unitCount} passage(s), ${s.wordCount} words`;
  lines.push(side('Left ', c.left), side('Right', c.right));
  lines.push(`Threshold ${c.threshold}: ${c.pairs.length} aligned pair(s); ${c.onlyLeft.length} passage(s) only on the left, ${c.onlyRight.length} only on the right. (${c.tookMs} ms)`);
  lines.push(c.pairDefinition);

  lines.push('', `Aligned passages (${c.pairs.length}), best first:`);
  for (const p of c.pairs.slice(0, SHOWN)) {
    lines.push(`  ${p.score.toFixed(2)}  L ${p.left.docId}: ${clip(p.left.text)}`);
    lines.push(`        R ${p.right.docId}: ${clip(p.right.text)}`);
    lines.push(`        shared: ${p.sharedTerms.map((t) => t.term).join(', ')}`);
  }
  if (c.pairs.length > SHOWN) lines.push(`  … ${c.pairs.length - SHOWN} more (--json or --report for all)`);

  const terms = (title: string, list: KeyTerm[]) => {
    lines.push('', `${title}:`);
    if (list.length === 0) lines.push('  none');
    for (const t of list.slice(0, SHOWN)) {
      lines.push(`  ${t.term.padEnd(20)} G² ${t.g2.toFixed(2).padStart(7)}  log ratio ${t.logRatio.toFixed(2).padStart(6)}  ${t.countLeft}:${t.countRight}${t.significant ? '  *' : ''}`);
    }
  };
  lines.push('', c.counting);
  terms(`Distinctive of ${c.left.label} (* = p < 0.05)`, c.distinctive.left);
  terms(`Distinctive of ${c.right.label}`, c.distinctive.right);
  terms('Used by both', c.distinctive.shared);

  const quotes = (title: string, list: Quote[]) => {
    if (list.length === 0) return;
    lines.push('', `${title} (${list.length}):`);
    for (const q of list.slice(0, SHOWN)) lines.push(`  “${clip(q.text, 100)}” (${q.speaker ?? 'unattributed'}, ${q.docId})${attributionNote(q)}`);
    if (list.length > SHOWN) lines.push(`  … ${list.length - SHOWN} more`);
  };
  quotes(`Quotations of ${c.left.label}`, c.quotes.left);
  quotes(`Quotations of ${c.right.label}`, c.quotes.right);
  quotes('Unattributed quotations, left', c.quotes.unattributed.left);
  quotes('Unattributed quotations, right', c.quotes.unattributed.right);
  return lines.join('\n');
}

function usesShown(total: number, shown: number): string {
  return shown < total ? `${total} use(s), the first ${shown} shown` : `${total} use(s)`;
}

function kwicLine(l: KwicLine): string {
  return `  ${l.before.padStart(60)}[${l.keyword}]${l.after}  (${l.docId})`;
}

function clip(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
