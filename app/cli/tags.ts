/** `lectern tags …`: tag passages, list, export and import tags, through the service like the app. */
import { Buffer } from 'node:buffer';
import { promises as fsp } from 'node:fs';
import path from 'node:path';
import { LecternError } from '../common/errors';
import { EXPORT_FORMAT_IDS, exportFormatInfo, exportFormatList, type ExportFormat } from '../common/formats';
import { occurrences } from '../common/text';
import type { LecternApi } from '../common/contract';
import type { ParsedArgs } from './args';
import type { Command } from './command';
import type { Io } from './exit';

const USAGE = `Usage:
  lectern tags add DOC_ID --quote TEXT --tag NAME [--tag NAME…] [--note TEXT] [--occurrence N]
      Tags the first (or Nth) occurrence of TEXT in the document; unknown tag names are created.
      Tagging the same text again adds the tags to that passage (one annotation, never a twin).
  lectern tags list [--json]
      Lists every tagged passage (offsets are where the passage is now).
  lectern tags codes [--json]
      Lists the codebook: each tag under its parent, with its colour, description and counts.
  lectern tags export --format ${EXPORT_FORMAT_IDS.join('|')} [--out FILE]
      Writes to FILE, or to standard output (binary formats need --out). csv starts text cells that a
      spreadsheet would run as a formula (=, +, -, @) with '; csv-raw writes every cell as it is (R, pandas).
  lectern tags import FILE [--allow-orphans]
      Imports a W3C Web Annotation JSON file, a REFI-QDA project (.qdpx) or codebook (.qdc), or a
      codebook CSV (Taguette's or Lectern's). A project whose sources match no document of the corpus
      is refused, naming them; --allow-orphans imports their passages as orphans instead.`;

/** Typographic quotes and dashes fold to ASCII one for one, so offsets stay valid. */
const fold = (s: string) => s.replace(/[‘’ʼ]/g, "'").replace(/[“”]/g, '"').replace(/[–—]/g, '-');

export const tagsCommand: Command = {
  name: 'tags',
  synopsis: 'tags add|list|codes|export|import ... tag passages from the command line (lectern tags --help)',
  usage: USAGE,
  options: { valued: ['quote', 'note', 'occurrence', 'format', 'out'], repeatable: ['tag'], flags: ['json', 'allow-orphans'] },
  async run({ args, io, open }) {
    const [sub, ...rest] = args.positionals;
    if (sub === 'help') {
      io.out(USAGE);
      return 0;
    }
    if (!['add', 'list', 'codes', 'export', 'import'].includes(sub ?? ''))
      throw args.misuse(sub ? `Unknown tags command “${sub}”.` : 'tags needs a command: add, list, codes, export or import.');
    const service = await open();
    if (sub === 'add') return add(service, rest, args, io);
    if (sub === 'list') return list(service, args, io);
    if (sub === 'codes') return codes(service, args, io);
    if (sub === 'export') return exportTags(service, args, io);
    return importTags(service, rest, args, io);
  },
};

async function add(service: LecternApi, rest: string[], args: ParsedArgs, io: Io): Promise<number> {
  const docId = rest[0];
  const quote = args.value('quote');
  const tagNames = args.all('tag');
  const note = args.value('note');
  if (!docId || quote === undefined || (tagNames.length === 0 && note === undefined))
    throw args.misuse('tags add needs a document id, --quote TEXT and --tag NAME.');
  if (quote === '') throw new LecternError('--quote is empty: give the text to tag.');
  const { text } = await service.document({ id: docId });
  let hits = occurrences(text, quote);
  if (hits.length === 0) hits = occurrences(fold(text), fold(quote));
  if (hits.length === 0) throw new LecternError(`“${quote}” does not occur in “${docId}”. Check the spelling and spacing of --quote.`);
  let index = 0;
  const occurrence = args.value('occurrence');
  if (occurrence !== undefined) {
    const n = Number(occurrence);
    if (!Number.isInteger(n) || n < 1 || n > hits.length)
      throw new LecternError(`--occurrence must be a number from 1 to ${hits.length} (“${quote}” occurs ${hits.length} time(s) in “${docId}”).`);
    index = n - 1;
  } else if (hits.length > 1) {
    throw new LecternError(`“${quote}” occurs ${hits.length} times in “${docId}”. Say which with --occurrence N (1 to ${hits.length}), or quote more text.`);
  }
  const start = hits[index];
  const { annotation: a, created, merged } = await service.tagRange({ docId, start, end: start + quote.length, newTags: tagNames, note });
  const what = tagNames.length ? tagNames.join(', ') : 'a note';
  const news = created.length ? `; new tag(s): ${created.map((t) => t.name).join(', ')}` : '';
  io.out(`Tagged ${docId} ${a.start}–${a.end} “${a.quote}” with ${what} (annotation ${a.id}${merged ? ', which already tagged this text' : ''}${news}).`);
  return 0;
}

async function list(service: LecternApi, args: ParsedArgs, io: Io): Promise<number> {
  const views = await service.annotations({});
  const names = new Map((await service.codebook({})).map((t) => [t.id, t.name]));
  const rows = views.map((v) => ({
    id: v.id,
    docId: v.docId,
    quote: v.quote,
    start: v.start,
    end: v.end,
    orphan: v.orphan,
    tags: v.tagIds.map((id) => names.get(id) ?? id),
    note: v.note,
    coder: v.coder,
  }));
  if (args.has('json')) io.out(JSON.stringify(rows, null, 2));
  else {
    if (rows.length === 0) io.out('No tagged passages yet. Add one with “lectern tags add DOC_ID --quote TEXT --tag NAME”.');
    for (const r of rows) {
      const where = r.orphan ? 'ORPHAN (not found in the current text)' : `${r.start}–${r.end}`;
      io.out(`${r.docId} ${where} [${r.tags.join(', ')}] “${r.quote.replace(/\s+/g, ' ')}”${r.note ? ` — ${r.note}` : ''}`);
    }
  }
  // The store's problem (unreadable, from a newer Lectern) is one of the library's diagnostics.
  for (const d of (await service.library({})).diagnostics) if (d.file === '.lectern/annotations.json') io.err(d.message);
  return 0;
}

export async function exportTags(service: LecternApi, args: ParsedArgs, io: Io): Promise<number> {
  const format = args.value('format');
  if (!format || !(EXPORT_FORMAT_IDS as string[]).includes(format))
    throw args.misuse(`tags export needs --format ${exportFormatList()}${format ? ` (not “${format}”)` : ''}.`);
  const info = exportFormatInfo(format as ExportFormat);
  const out = args.value('out');
  if (info.binary && !out) throw new LecternError(`A .${info.extensions[0]} file is binary: give a file to write with --out FILE.${info.extensions[0]}.`);
  const file = await service.exportTags({ format: info.format });
  const bytes = Buffer.from(file.base64, 'base64');
  if (!out) {
    io.out(bytes.toString('utf8').replace(/\r?\n$/, ''));
    return 0;
  }
  try {
    await fsp.writeFile(out, bytes);
  } catch (e) {
    throw new LecternError(`Could not write ${out}: ${(e as Error).message}`);
  }
  io.err(`Wrote ${path.resolve(out)} (${bytes.length} bytes).`);
  return 0;
}

export async function importTags(service: LecternApi, rest: string[], args: ParsedArgs, io: Io): Promise<number> {
  const file = rest[0];
  if (!file) throw args.misuse('tags import needs a file.');
  let bytes: Buffer;
  try {
    bytes = await fsp.readFile(file);
  } catch (e) {
    throw new LecternError(`Could not read ${file}: ${(e as Error).message}`);
  }
  return importExport(service, { filename: path.basename(file), base64: bytes.toString('base64') }, file, args, io);
}

/** Imports an export's contents (a file read, or one made in memory), saying what came in from `source`. */
export async function importExport(
  service: LecternApi,
  exported: { filename: string; base64: string },
  source: string,
  args: ParsedArgs,
  io: Io,
): Promise<number> {
  const r = await service.importTags({ ...exported, allowOrphans: args.has('allow-orphans') });
  for (const n of r.notices) io.err(n);
  const attributes = r.attributes ? ` and ${r.attributes} document attribute value(s)` : '';
  io.out(`Imported ${r.imported} passage(s) and ${r.tags} new tag(s)${attributes} from ${source}.`);
  return 0;
}

async function codes(service: LecternApi, args: ParsedArgs, io: Io): Promise<number> {
  const tags = await service.codebook({});
  const byId = new Map(tags.map((t) => [t.id, t]));
  const depth = (id: string | null): number => (id && byId.has(id) ? 1 + depth(byId.get(id)!.parentId) : 0);
  const parentName = (id: string | null) => (id ? (byId.get(id)?.name ?? '') : '');
  if (args.has('json')) {
    const rows = tags.map((t) => ({
      id: t.id,
      name: t.name,
      parent: parentName(t.parentId) || null,
      color: t.color,
      description: t.description,
      passages: t.count,
    }));
    io.out(JSON.stringify(rows, null, 2));
    return 0;
  }
  if (tags.length === 0) io.out('The codebook is empty. Add a tag with “lectern tags add DOC_ID --quote TEXT --tag NAME”, or import a codebook.');
  // The codebook comes parent first, in display order, so indenting by depth draws the tree.
  for (const t of tags) {
    const indent = '  '.repeat(depth(t.parentId));
    io.out(`${indent}${t.name} ${t.color} (${t.count} passage${t.count === 1 ? '' : 's'})${t.description ? ` — ${t.description.replace(/\s+/g, ' ')}` : ''}`);
  }
  return 0;
}
