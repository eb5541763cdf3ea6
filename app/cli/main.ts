#!/usr/bin/env node
/** Lectern's command line: every command goes through the service, as the app's other transports do. */
import path from 'node:path';
import { LecternError } from '../common/errors';
import { DEFAULT_CORPUS } from '../core/paths';
import { makeClient } from '../common/envelope';
import { makeDispatch } from '../service/dispatch';
import type { LecternService } from '../service';
import { openService } from '../service/openService';
import { parseArgs } from './args';
import type { CliContext, Command } from './command';
import { agreementCommand, cooccurrenceCommand } from './agreement';
import { compareCommand, similarCommand } from './compare';
import { attributeCommand } from './attribute';
import { collocatesCommand, keynessCommand, kwicCommand, ngramsCommand, trendCommand, wordsCommand } from './corpusTools';
import { documentsCommand } from './documents';
import { EXIT, reportFailure, type Io } from './exit';
import { importCommand } from './import';
import { indexCommand, searchCommand } from './search';
import { sampleCommand } from './sample';
import { serveCommand } from './serve';
import { subcorpusCommand } from './subcorpus';
import { tagsCommand } from './tags';
import { teamCommand } from './team';

const COMMANDS: Command[] = [
  searchCommand,
  indexCommand,
  documentsCommand,
  serveCommand,
  tagsCommand,
  agreementCommand,
  cooccurrenceCommand,
  compareCommand,
  attributeCommand,
  similarCommand,
  kwicCommand,
  wordsCommand,
  ngramsCommand,
  collocatesCommand,
  trendCommand,
  keynessCommand,
  subcorpusCommand,
  teamCommand,
  importCommand,
  sampleCommand,
];

export const USAGE = `Usage: lectern <command> [options]

Commands:
${COMMANDS.map((c) => `  ${c.synopsis}`).join('\n')}

Every command takes --corpus DIR (default: the corpus shipped with Lectern), --coder NAME (whose
annotations new tags are; default LECTERN_CODER, else your user name) and --help.
Exit codes: 0 done, 1 an error in what was asked (the message says what to do), 2 wrong usage, 70 a fault in Lectern.`;

/** A CLI command is over in a moment: caches are written as soon as it has its answer, not once edits settle. */
const CLI_OPTIONS = { saveDelayMs: 0 };

export async function main(argv: string[], io: Io = { out: (s) => console.log(s), err: (s) => console.error(s) }): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help') {
    io.out(USAGE);
    return name === undefined ? EXIT.usage : EXIT.ok;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`lectern: Unknown command "${name}".\n\n${USAGE}`);
    return EXIT.usage;
  }
  let opened: LecternService | null = null;
  try {
    const args = parseArgs(rest, command.options, command.usage);
    if (args.has('help')) {
      io.out(command.usage);
      return EXIT.ok;
    }
    const corpusDir = path.resolve(args.value('corpus') ?? DEFAULT_CORPUS);
    const ctx: CliContext = {
      io,
      args,
      corpusDir,
      async open() {
        const service = await openService(corpusDir, { ...CLI_OPTIONS, coder: args.value('coder') });
        opened = service;
        if (service.loaded.error) throw new LecternError(service.loaded.error);
        const dispatch = makeDispatch(service);
        return makeClient((method, request) => dispatch(method, request));
      },
    };
    return await command.run(ctx);
  } catch (e) {
    return reportFailure(e, io);
  } finally {
    // The caches are written before the command returns, so nothing writes into the corpus after it.
    await (opened as LecternService | null)?.close();
  }
}

if (require.main === module) {
  void main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
