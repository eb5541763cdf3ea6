/** `lectern compare …` and `lectern similar`: two sides compared, and near-duplicate documents, through the service. */
import { Buffer } from 'node:buffer';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import {
  attributionNote,
  checkThreshold,
  formulaSentence,
  leftOutSentence,
  stopListSentence,
  unitsPhrase,
  DEFAULT_THRESHOLD,
  type Comparison,
  type KeyTerm,
  type KwicLine,
  type Quote,
} from '../common/compare';
import type { CompareRequest } from '../common/contract';
import { STOP_LIST_CHOICES, type StopListChoice } from '../common/corpusTools';
import { LecternError } from '../common/errors';
import type { ParsedArgs } from './args';
import type { Command } from './command';

const COMPARE_USAGE = `Usage:
  lectern compare LEFT RIGHT [--corpus DIR] [--json] [--threshold X] [--report FILE] [--quotes-only left|right|both] [--whole-documents] [--kwic TERM] [--keep-formulas]
                  [--stop-list builtin|corpus]
      LEFT and RIGHT are document ids, speaker:"Full Name", metadata queries ('year:1980..1989', 'party:Democratic')
      or saved subcorpora (@NAME, see lectern subcorpus).
      --threshold X     lowest similarity (0 to 1, default ${DEFAULT_THRESHOLD}) for two passages to pair
      --report FILE     also write the comparison as a Markdown report
      --quotes-only S   narrow side S to its speaker's own quotations
      --whole-documents compare whole documents; by default a side that names speakers (speaker:"Full Name",
                        a query with speaker:) holds only their words, quoted or reported, without the
                        writer's narration or others' words (lectern attribute shows which are which)
      --kwic TERM       show TERM in context on both sides instead of the comparison
      --keep-formulas   count the corpus's formulas (greetings, sign-offs recurring across documents) too
      --stop-list L     leave the built-in stop list (108 English function words) or the corpus's own
                        (.lectern/stopwords.txt) out of the distinctive-term tables; by default every
                        word, stop words too, has its row (counts and sizes are the same either way)`;

const SIMILAR_USAGE = `Usage:
  lectern similar [--corpus DIR] [--json]
      Groups of documents that report the same event (near-duplicates), with their similarity.`;

const SHOWN = 10;

export const compareCommand: Command = {
  name: 'compare',
  synopsis: 'compare LEFT RIGHT [--json]           compare two documents, speakers (speaker:"Full Name") or subcorpora (year:1980..1989)',
  usage: COMPARE_USAGE,
  options: { valued: ['threshold', 'report', 'quotes-only', 'kwic', 'stop-list'], flags: ['json', 'keep-formulas', 'whole-documents'] },
  async run({ args, io, open }) {
    const [left, right, ...extra] = args.positionals;
    if (right === undefined || extra.length > 0) {
      const got = args.positionals.length ? `: ${args.positionals.map((p) => JSON.stringify(p)).join(' ')}` : '';
      throw args.misuse(`compare takes two sides, got ${args.positionals.length}${got}. Put a speaker's name in quotes: speaker:"Jeremy Hunt".`);
    }
    const request: CompareRequest = {
      left,
      right,
      quotesOnly: quotesOnly(args),
      ...(args.has('keep-formulas') ? { keepFormulas: true } : {}),
      ...(args.has('whole-documents') ? { wholeDocuments: true } : {}),
      ...stopListOf(args),
    };
    const threshold = args.value('threshold');
    if (threshold !== undefined) request.threshold = checkThreshold(threshold);
    const service = await open();

    const kwic = args.value('kwic');
    if (kwic !== undefined) {
      const result = await service.compareKwic({ ...request, term: kwic });
      if (args.has('json')) io.out(JSON.stringify(result, null, 2));
      else {
        io.out(`"${result.term}" (stem "${result.stem}": every form of the word) in context`);
        io.out(`\nLeft, ${left}: ${usesShown(result.totalLeft, result.left.length)}`);
        for (const line of result.left) io.out(kwicLine(line));
        io.out(`\nRight, ${right}: ${usesShown(result.totalRight, result.right.length)}`);
        for (const line of result.right) io.out(kwicLine(line));
      }
      return 0;
    }

    const comparison = await service.compare(request);
    const report = args.value('report');
    if (report !== undefined) {
      const file = path.resolve(report);
      const written = await service.compareReport(request);
      try {
        await fsp.writeFile(file, Buffer.from(written.base64, 'base64'));
      } catch (e) {
        throw new LecternError(`Could not write the report to ${file} (${(e as Error).message}). Choose a folder you can write to.`);
      }
      io.err(`Wrote the report to ${file}.`);
    }
    io.out(args.has('json') ? JSON.stringify(comparison, null, 2) : summary(comparison));
    return 0;
  },
};

export const similarCommand: Command = {
  name: 'similar',
  synopsis: 'similar [--json]                      groups of near-duplicate documents (reports of one event)',
  usage: SIMILAR_USAGE,
  options: { flags: ['json'] },
  async run({ args, io, open }) {
    if (args.positionals.length > 0) throw args.misuse(`similar takes no arguments (got ${args.positionals.join(' ')}).`);
    const service = await open();
    const result = await service.similar({});
    if (args.has('json')) {
      io.out(JSON.stringify(result, null, 2));
      return 0;
    }
    const { documents } = await service.library({});
    if (result.groups.length === 0) {
      io.out(`No near-duplicates among ${documents.length} document(s).`);
      return 0;
    }
    const byId = new Map(documents.map((d) => [d.id, d]));
    for (const group of result.groups) {
      const reasons = [...new Set(group.pairs.map((p) => (p.reason === 'text' ? 'shared wording' : 'same speaker, date and event, similar vocabulary')))];
      io.out(`${group.documentIds.length} documents report the same event (similarity ${group.similarity.toFixed(2)}; ${reasons.join('; ')}):`);
      for (const id of group.documentIds) {
        const m = byId.get(id);
        io.out(`  ${id}  ${m ? `${m.outlet || 'outlet unknown'}: ${m.title}` : ''}`);
      }
    }
    return 0;
  },
};

function stopListOf(args: ParsedArgs): Pick<CompareRequest, 'stopList'> {
  const list = args.value('stop-list');
  if (list === undefined) return {};
  if (!STOP_LIST_CHOICES.includes(list as StopListChoice)) throw args.misuse(`--stop-list takes ${STOP_LIST_CHOICES.join(', ')} (got "${list}").`);
  return { stopList: list as StopListChoice };
}

function quotesOnly(args: ParsedArgs): CompareRequest['quotesOnly'] {
  const value = args.value('quotes-only');
  if (value === undefined) return {};
  if (value === 'left') return { left: true };
  if (value === 'right') return { right: true };
  if (value === 'both') return { left: true, right: true };
  throw args.misuse(`--quotes-only takes left, right or both (got "${value}").`);
}

function summary(c: Comparison): string {
  const lines: string[] = [];
  const side = (name: string, s: Comparison['left']) => `${name}: ${s.label}: ${s.documentIds.length} document(s), ${unitsPhrase(s)}, ${s.wordCount} words`;
  lines.push(side('Left ', c.left), side('Right', c.right));
  for (const [name, s] of [
    ['left', c.left],
    ['right', c.right],
  ] as const)
    if (s.speakerWords) lines.push(leftOutSentence(name, s));
  lines.push(
    `Threshold ${c.threshold}: ${c.pairs.length} aligned pair(s); ${c.onlyLeft.length} passage(s) only on the left, ${c.onlyRight.length} only on the right. (${c.tookMs} ms)`,
  );
  lines.push(c.pairDefinition);
  lines.push(formulaSentence(c));

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
      lines.push(
        `  ${t.term.padEnd(20)} G² ${t.g2.toFixed(2).padStart(7)}  log ratio ${t.logRatio.toFixed(2).padStart(6)}  ${t.countLeft}:${t.countRight}${t.significant ? '  *' : ''}${t.inFormulas ? `  (+${t.inFormulas[0]}:${t.inFormulas[1]} in formulas, left out)` : ''}`,
      );
    }
  };
  lines.push('', c.counting, stopListSentence(c));
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

export function clip(text: string, max = 90): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
