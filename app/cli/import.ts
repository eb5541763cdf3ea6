/** `lectern import FILE...`: shows what would be imported; with --yes writes it into the corpus as Markdown. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type ImportPreview } from '../common/contract';
import { LecternError } from '../common/errors';
import type { Command } from './command';

const IMPORT_USAGE = `Usage:
  lectern import FILE... [--corpus DIR] [--yes] [--id ID] [--overwrite]
      Imports .txt, .md, .html (saved web pages), .pdf and .docx files as Markdown with front matter.
      Without --yes it prints the text and metadata found and writes nothing.
      --yes        write them as shown
      --id ID      the document's name in the corpus (one file only; default: date and title)
      --overwrite  replace a document of the same name (otherwise it is refused)`;

/** Shown text is cut here: enough to judge the extraction, short enough for a terminal. */
const SHOWN_CHARS = 1500;

function describe(p: ImportPreview, id: string): string {
  const m = p.meta;
  const rows: [string, string][] = [
    ['id', `${id}  (written as ${id}.md)`],
    ['title', m.title],
    ['speakers', m.speakers.join('; ')],
    ['date', m.date],
    ['event', m.event],
    ['place', m.place],
    ['outlet', m.outlet],
    ['kind', m.kind],
    ['language', m.language],
    ['author', m.author],
    ['source', m.source],
  ];
  const text = p.markdown.length > SHOWN_CHARS ? `${p.markdown.slice(0, SHOWN_CHARS)}\n… (${p.markdown.length - SHOWN_CHARS} more characters)` : p.markdown;
  return [
    `== ${p.filename}`,
    ...rows.filter(([, v]) => v).map(([k, v]) => `  ${k.padEnd(9)} ${v}`),
    ...p.warnings.map((w) => `  check:    ${w}`),
    '',
    text.replace(/^/gm, '  | '),
    '',
  ].join('\n');
}

export const importCommand: Command = {
  name: 'import',
  synopsis: 'import FILE... [--yes]                import .txt, .md, .html, .pdf, .docx files (lectern import --help)',
  usage: IMPORT_USAGE,
  options: { valued: ['id'], flags: ['yes', 'overwrite'] },
  async run({ args, io, open, corpusDir }) {
    const files = args.positionals;
    if (!files.length) throw args.misuse('import needs at least one file.');
    const id = args.value('id');
    if (id !== undefined && files.length > 1) throw new LecternError('--id names one document: import one file at a time with it.');
    const yes = args.has('yes');
    const service = await open();
    let failed = 0;
    for (const file of files) {
      try {
        let bytes: Buffer;
        try {
          bytes = await fs.readFile(file);
        } catch (e) {
          throw new LecternError(
            `Cannot import “${file}”: the file cannot be read (${(e as NodeJS.ErrnoException).code}). Check the path. Nothing was written to the corpus.`,
          );
        }
        const preview = await service.importPreview({ filename: path.basename(file), base64: bytes.toString('base64') });
        const docId = id ?? preview.suggestedId;
        if (!yes) {
          io.out(describe(preview, docId));
          continue;
        }
        const written = await service.importCommit({
          id: docId,
          meta: preview.meta,
          markdown: preview.markdown,
          format: preview.format,
          overwrite: args.has('overwrite'),
        });
        io.out(`Wrote ${path.join(corpusDir, written.path)}${written.replaced ? ` (replacing ${written.replaced})` : ''}: “${preview.meta.title}”`);
      } catch (e) {
        if (!(e instanceof LecternError)) throw e;
        // One file that cannot be imported never stops the others.
        io.err(`lectern: ${e.message}${e.code === 'exists' ? ' (Use --id NAME for another name, or --overwrite to replace it.)' : ''}`);
        failed++;
      }
    }
    if (!yes && failed < files.length)
      io.out(
        `Nothing was written. Check the text and metadata above; to write ${files.length - failed === 1 ? 'it' : 'them'} into ${corpusDir}, run the same command again with --yes (and correct the metadata afterwards in the app, or edit the front matter).`,
      );
    return failed ? 1 : 0;
  },
};
