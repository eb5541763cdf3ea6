#!/usr/bin/env node
/** Lectern's command line: index, search, serve (browser mode), tags and compare. */
import path from 'node:path';
import { LecternError } from './contract';
import { intOption, parseArgs, type ParsedArgs } from './cliArgs';
import { DEFAULT_CORPUS, RENDERER_DIR } from './paths';
import { LecternService } from './service';
import { startServer } from './server/httpServer';
import { openService } from './openService';
import { tagsCommand } from './cli/tags';
import { compareCommand, similarCommand } from './cli/compare';
import { importCommand } from './cli/import';
import { defaultDataDir } from './recentCorpora';

const USAGE = `Usage: lectern <command> [options]

Commands:
  search QUERY [--json] [--limit N]     search the corpus (query syntax: see README)
  index                                 load and index the corpus; report documents, passages, problems, time
  serve [--port N]                      browser mode on http://127.0.0.1 (prints the address to open)
  tags add|list|export|import ...       tag passages from the command line (lectern tags --help)
  compare LEFT RIGHT [--json]           compare two documents or speakers (speaker:"Full Name")
  similar [--json]                      groups of near-duplicate documents (reports of one event)
  import FILE... [--yes]                import .txt, .md, .html, .pdf, .docx files (lectern import --help)

Every command takes --corpus DIR (default: the corpus shipped with Lectern).`;

const VALUED = new Set(['corpus', 'limit', 'port', 'quote', 'tag', 'note', 'occurrence', 'format', 'out', 'threshold', 'report', 'id']);

type Out = { out: (s: string) => void; err: (s: string) => void };

/** A CLI command is over in a moment: caches are written as soon as it has its answer, not once edits settle. */
const CLI_OPTIONS = { saveDelayMs: 0 };

function corpusDir(args: ParsedArgs): string {
  const c = args.options.get('corpus');
  if (c === true) throw new LecternError('--corpus needs a folder.');
  return path.resolve(c ?? DEFAULT_CORPUS);
}

async function open(args: ParsedArgs, io: Out): Promise<LecternService> {
  const service = await openService(corpusDir(args), CLI_OPTIONS);
  if (service.loaded.error) throw new LecternError(service.loaded.error);
  for (const d of service.loaded.diagnostics) io.err(`${d.severity}: ${d.file || '(corpus)'}: ${d.message}`);
  return service;
}

async function searchCommand(args: ParsedArgs, io: Out): Promise<number> {
  const query = args.positionals.slice(1).join(' ');
  if (!query.trim()) throw new LecternError('search needs a query, e.g. lectern search \'"prime target"\'.');
  const service = await open(args, { ...io, err: () => {} });
  const res = await service.search({ query, limit: intOption(args, 'limit', 20) || 20 });
  if (res.error) {
    io.err(`Query error: ${res.error.message}`);
    return 1;
  }
  if (args.options.has('json')) {
    const out = res.documents.map((d) => ({
      id: d.id, title: d.title, speakers: d.speakers, date: d.date, outlet: d.outlet, score: d.score,
      passages: d.passages.map((p) => ({ id: p.id, start: p.start, end: p.end, text: p.text, highlights: p.highlights, tags: p.tags })),
    }));
    io.out(JSON.stringify(out, null, 2));
    return 0;
  }
  if (!res.documents.length) io.out('No matches.');
  for (const d of res.documents) {
    io.out(`${d.title}  [${d.id}]\n  ${[d.speakers.join(', '), d.date, d.outlet].filter(Boolean).join(' · ')}  score ${d.score}`);
    for (const p of d.passages.slice(0, 3)) {
      let s = p.snippet.text;
      for (const [a, b] of [...p.snippet.highlights].reverse()) s = `${s.slice(0, a)}[${s.slice(a, b)}]${s.slice(b)}`;
      io.out(`    ${p.snippet.leading ? '…' : ''}${s}${p.snippet.trailing ? '…' : ''}`);
    }
  }
  io.out(`${res.documents.length} document(s), ${res.passageCount} passage(s) in ${res.tookMs} ms`);
  return 0;
}

async function indexCommand(args: ParsedArgs, io: Out): Promise<number> {
  const t0 = performance.now();
  const service = await openService(corpusDir(args), CLI_OPTIONS);
  const ms = performance.now() - t0;
  const c = service.loaded;
  if (c.error) throw new LecternError(c.error);
  const passages = c.documents.reduce((n, d) => n + d.passages.length, 0);
  const words = c.documents.reduce((n, d) => n + d.wordCount, 0);
  io.out(`Corpus ${c.dir}`);
  const lib = await service.library();
  const how = lib.index?.source === 'cache' ? 'loaded from the index cache' : `indexed (${lib.index?.analysed ?? 0} analysed, ${lib.index?.reused ?? 0} reused)`;
  io.out(`${c.documents.length} documents, ${passages} passages, ${words} words ${how} in ${Math.round(ms)} ms`);
  const errors = c.diagnostics.filter((d) => d.severity === 'error').length;
  io.out(`${c.diagnostics.length} diagnostic(s)${c.diagnostics.length ? ` (${errors} error(s): those files were skipped)` : ''}`);
  for (const d of c.diagnostics) io.out(`  ${d.severity}: ${d.file || '(corpus)'}: ${d.message}`);
  return 0;
}

async function serveCommand(args: ParsedArgs, io: Out): Promise<number> {
  // Browser mode is the app: it watches the corpus folder and keeps the list of recent corpora.
  const service = await openService(corpusDir(args), { watch: true, dataDir: defaultDataDir() });
  if (service.loaded.error) io.err(`Warning: ${service.loaded.error} Lectern runs with an empty library.`);
  else await service.rememberCorpus();
  const server = await startServer({ api: service, rendererDir: RENDERER_DIR, port: intOption(args, 'port', 0) });
  io.out(`Lectern (browser mode) is serving ${service.corpusDir}`);
  io.out(`Open ${server.launchUrl}`);
  io.out('Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  await service.close();
  return 0;
}

/** Takes --corpus out of argv for subcommands that parse their own options. */
function withoutCorpus(argv: string[]): { rest: string[]; corpus: string | undefined } {
  const rest: string[] = [];
  let corpus: string | undefined;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--corpus') corpus = argv[++i];
    else if (argv[i].startsWith('--corpus=')) corpus = argv[i].slice(9);
    else rest.push(argv[i]);
  }
  return { rest, corpus };
}

async function subcommand(argv: string[], io: Out, run: (rest: string[], service: LecternService) => Promise<number>): Promise<number> {
  const { rest, corpus } = withoutCorpus(argv.slice(1));
  const service = await openService(path.resolve(corpus ?? DEFAULT_CORPUS), CLI_OPTIONS);
  if (service.loaded.error) throw new LecternError(service.loaded.error);
  return run(rest, service);
}

export async function main(argv: string[], io: Out = { out: (s) => console.log(s), err: (s) => console.error(s) }): Promise<number> {
  try {
    if (argv[0] === 'tags') {
      return await subcommand(argv, io, (rest, service) => tagsCommand(rest, { corpusDir: service.corpusDir, documents: service.documents, out: io.out, err: io.err }));
    }
    if (argv[0] === 'compare' || argv[0] === 'similar') {
      const run = argv[0] === 'compare' ? compareCommand : similarCommand;
      return await subcommand(argv, io, (rest, service) => run(rest, { corpusDir: service.corpusDir, documents: service.documents.documents(), out: io.out, err: io.err }));
    }
    const args = parseArgs(argv, VALUED);
    const command = args.positionals[0];
    switch (command) {
      case 'search':
        return await searchCommand(args, io);
      case 'index':
        return await indexCommand(args, io);
      case 'serve':
        return await serveCommand(args, io);
      case 'import':
        return await importCommand(args, await open(args, { ...io, err: () => {} }), io);
      case undefined:
      case 'help':
        io.out(USAGE);
        return command ? 0 : 2;
      default:
        throw new LecternError(`Unknown command "${command}".\n\n${USAGE}`);
    }
  } catch (e) {
    if (e instanceof LecternError) {
      io.err(`lectern: ${e.message}`);
      return e.code === 'usage' ? 2 : 1;
    }
    throw e;
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then(
    (code) => { process.exitCode = code; },
    (e) => {
      console.error('lectern: internal error:', e);
      process.exitCode = 70;
    },
  );
}
