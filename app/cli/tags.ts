/** `lectern tags …`: tag passages, list, export and import tags from the command line. */
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { LecternError, type ExportFormat } from '../contract';
import { findByName } from '../core/annotations/codebook';
import { occurrences } from '../core/annotations/reanchor';
import { Tagging, type DocumentSource } from '../core/annotations/tagging';
import { guarded } from './guarded';

export interface TagsContext {
  corpusDir: string;
  documents: DocumentSource;
  out: (s: string) => void;
  err: (s: string) => void;
}

export const TAGS_USAGE = `Usage:
  lectern tags add DOC_ID --quote TEXT --tag NAME [--tag NAME…] [--note TEXT] [--occurrence N]
      Tags the first (or Nth) occurrence of TEXT in the document; unknown tag names are created.
  lectern tags list [--json]
      Lists every tagged passage (offsets are where the passage is now).
  lectern tags export --format csv|w3c|qdpx|md [--out FILE]
      Writes to FILE, or to standard output (qdpx needs --out).
  lectern tags import FILE
      Imports a W3C Web Annotation JSON or a REFI-QDA .qdpx file.`;

interface Parsed {
  positional: string[];
  options: Map<string, string[]>;
  flags: Set<string>;
}

const VALUE_OPTIONS = new Set(['quote', 'tag', 'note', 'occurrence', 'format', 'out']);
const FLAGS = new Set(['json', 'help']);

function parseArgs(argv: string[]): Parsed {
  const parsed: Parsed = { positional: [], options: new Map(), flags: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--') {
      parsed.positional.push(...argv.slice(i + 1));
      break;
    }
    if (!arg.startsWith('--') || arg === '-') {
      parsed.positional.push(arg);
      continue;
    }
    const eq = arg.indexOf('=');
    const name = arg.slice(2, eq < 0 ? undefined : eq);
    if (FLAGS.has(name)) {
      parsed.flags.add(name);
    } else if (VALUE_OPTIONS.has(name)) {
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined) throw new LecternError(`--${name} needs a value.`);
      parsed.options.set(name, [...(parsed.options.get(name) ?? []), value]);
    } else {
      throw new LecternError(`Unknown option ${arg}.`);
    }
  }
  return parsed;
}

const one = (p: Parsed, name: string) => p.options.get(name)?.at(-1);

/** Typographic quotes and dashes fold to ASCII one for one, so offsets stay valid. */
const fold = (s: string) => s.replace(/[‘’ʼ]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-');

export async function tagsCommand(argv: string[], ctx: TagsContext): Promise<number> {
  return guarded(ctx, async () => {
    const args = parseArgs(argv);
    const [sub, ...rest] = args.positional;
    if (args.flags.has('help') || sub === 'help') {
      ctx.out(TAGS_USAGE);
      return 0;
    }
    const tagging = new Tagging(ctx.corpusDir, ctx.documents);
    await tagging.load();
    switch (sub) {
      case 'add':
        return await add(tagging, rest, args, ctx);
      case 'list':
        return await list(tagging, args, ctx);
      case 'export':
        return await exportTags(tagging, args, ctx);
      case 'import':
        return await importTags(tagging, rest, ctx);
      default:
        throw new LecternError(sub ? `Unknown tags command “${sub}”.\n${TAGS_USAGE}` : TAGS_USAGE);
    }
  });
}

async function add(tagging: Tagging, rest: string[], args: Parsed, ctx: TagsContext): Promise<number> {
  const docId = rest[0];
  const quote = one(args, 'quote');
  const tagNames = args.options.get('tag') ?? [];
  if (!docId || quote === undefined || (tagNames.length === 0 && one(args, 'note') === undefined)) {
    throw new LecternError(`tags add needs a document id, --quote TEXT and --tag NAME.\n${TAGS_USAGE}`);
  }
  const doc = ctx.documents.get(docId);
  if (!doc) throw new LecternError(`There is no document “${docId}” in ${ctx.corpusDir}. Run “lectern tags list” or check the id (the file name without .md).`);
  if (quote === '') throw new LecternError('--quote is empty: give the text to tag.');
  let hits = occurrences(doc.text, quote);
  if (hits.length === 0) hits = occurrences(fold(doc.text), fold(quote));
  if (hits.length === 0) throw new LecternError(`“${quote}” does not occur in “${docId}”. Check the spelling and spacing of --quote.`);
  const occurrenceArg = one(args, 'occurrence');
  let index = 0;
  if (occurrenceArg !== undefined) {
    const n = Number(occurrenceArg);
    if (!Number.isInteger(n) || n < 1 || n > hits.length) {
      throw new LecternError(`--occurrence must be a number from 1 to ${hits.length} (“${quote}” occurs ${hits.length} time(s) in “${docId}”).`);
    }
    index = n - 1;
  } else if (hits.length > 1) {
    throw new LecternError(`“${quote}” occurs ${hits.length} times in “${docId}”. Say which with --occurrence N (1 to ${hits.length}), or quote more text.`);
  }
  const tagIds: string[] = [];
  for (const name of tagNames) {
    const existing = findByName(tagging.store.state.codebook, name);
    tagIds.push(existing ? existing.id : (await tagging.createTag({ name })).id);
  }
  const start = hits[index];
  const view = await tagging.annotate({ docId, start, end: start + quote.length, tagIds, note: one(args, 'note') });
  ctx.out(`Tagged ${docId} ${view.start}–${view.end} “${view.quote}” with ${tagNames.join(', ') || 'a note'} (annotation ${view.id}).`);
  return 0;
}

async function list(tagging: Tagging, args: Parsed, ctx: TagsContext): Promise<number> {
  const views = await tagging.annotations({});
  const tags = new Map((await tagging.codebook({})).map((t) => [t.id, t.name]));
  const rows = views.map((v) => ({
    id: v.id,
    docId: v.docId,
    quote: v.quote,
    start: v.start,
    end: v.end,
    orphan: v.orphan,
    tags: v.tagIds.map((id) => tags.get(id) ?? id),
    note: v.note,
  }));
  if (args.flags.has('json')) {
    ctx.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (rows.length === 0) ctx.out('No tagged passages yet. Add one with “lectern tags add DOC_ID --quote TEXT --tag NAME”.');
  for (const r of rows) {
    const where = r.orphan ? 'ORPHAN (not found in the current text)' : `${r.start}–${r.end}`;
    ctx.out(`${r.docId} ${where} [${r.tags.join(', ')}] “${r.quote.replace(/\s+/g, ' ')}”${r.note ? ` — ${r.note}` : ''}`);
  }
  const problem = tagging.problem();
  if (problem) ctx.err(problem);
  return 0;
}

async function exportTags(tagging: Tagging, args: Parsed, ctx: TagsContext): Promise<number> {
  const format = one(args, 'format');
  if (format !== 'csv' && format !== 'w3c' && format !== 'qdpx' && format !== 'md') {
    throw new LecternError(`tags export needs --format csv, w3c, qdpx or md${format ? ` (not “${format}”)` : ''}.`);
  }
  const out = one(args, 'out');
  if (format === 'qdpx' && !out) throw new LecternError('A .qdpx file is binary: give a file to write with --out FILE.qdpx.');
  const file = await tagging.exportTags({ format: format as ExportFormat });
  const bytes = Buffer.from(file.base64, 'base64');
  if (!out) {
    ctx.out(bytes.toString('utf8').replace(/\r?\n$/, ''));
    return 0;
  }
  try {
    await fsp.writeFile(out, bytes);
  } catch (e) {
    throw new LecternError(`Could not write ${out}: ${(e as Error).message}`);
  }
  ctx.err(`Wrote ${path.resolve(out)} (${bytes.length} bytes).`);
  return 0;
}

async function importTags(tagging: Tagging, rest: string[], ctx: TagsContext): Promise<number> {
  const file = rest[0];
  if (!file) throw new LecternError(`tags import needs a file.\n${TAGS_USAGE}`);
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (e) {
    throw new LecternError(`Could not read ${file}: ${(e as Error).message}`);
  }
  const r = await tagging.importTags({ filename: path.basename(file), base64: bytes.toString('base64') });
  ctx.out(`Imported ${r.imported} passage(s) and ${r.tags} new tag(s) from ${file}.`);
  return 0;
}
