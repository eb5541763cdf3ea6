/**
 * `lectern team …`: a team server's accounts, and its annotations in and out, run on the server's machine
 * against its database. Passwords come from LECTERN_PASSWORD or the first line of standard input, never
 * from the command line (where `ps` and the shell history would show them).
 */
import path from 'node:path';
import { LecternError } from '../common/errors';
import { TEAM_ROLES, type TeamRole } from '../common/teamSession';
import { RENDERER_DIR } from '../core/paths';
import { startTeamServer } from '../server/team/teamServer';
import { openTeamApp } from '../server/team/teamApp';
import { openService } from '../service/openService';
import { createAccount, listAccounts, migrate, openDb, setPassword, setRole } from '../team';
import type { ParsedArgs } from './args';
import type { Command } from './command';
import type { Io } from './exit';
import { exportTags, importExport, importTags } from './tags';

const USAGE = `Usage (every command needs --database postgres://USER@HOST/DB, or LECTERN_DATABASE):
  lectern team add-user NAME --role owner|coder|viewer
  lectern team password NAME
      The password is read from LECTERN_PASSWORD, else from the first line of standard input
      (at least 8 characters): printf '%s\\n' "$PW" | lectern team add-user ada --role coder
  lectern team role NAME owner|coder|viewer
  lectern team users [--json]
  lectern team import FILE [--corpus DIR] [--allow-orphans]
      Adds the annotations of an export (.qdpx, W3C .jsonld/.json, CSV) to the team, each in its coder's
      layer (coders need no account; an account of the same name then owns that layer).
  lectern team import --from LOCAL_CORPUS_DIR [--corpus DIR]
      The same for a single-user corpus's own tags (its .lectern/annotations.json).
  lectern team export --format FORMAT [--out FILE] [--corpus DIR]
      The team's codebook and every coder's annotations, in any export format (lectern tags --help).
  lectern serve --team --database URL [--corpus DIR] [--host H] [--port N] [--cert PEM --key PEM]
      Serves the team (see lectern serve --help).`;

const SUBCOMMANDS = ['add-user', 'password', 'role', 'users', 'import', 'export'] as const;

export function databaseOf(args: ParsedArgs): string {
  const url = args.value('database') ?? process.env.LECTERN_DATABASE;
  if (!url) throw args.misuse('Give the team database with --database postgres://USER@HOST/DB (or set LECTERN_DATABASE).');
  if (!/^postgres(ql)?:\/\//.test(url)) throw args.misuse(`--database must be a postgres:// URL, not "${url.slice(0, 40)}".`);
  return url;
}

async function readPassword(): Promise<string> {
  if (process.env.LECTERN_PASSWORD) return process.env.LECTERN_PASSWORD;
  if (process.stdin.isTTY) throw new LecternError('Give the password in LECTERN_PASSWORD or on standard input (it is never taken from the command line).');
  let text = '';
  for await (const chunk of process.stdin) {
    text += String(chunk);
    if (text.includes('\n')) break;
  }
  return text.split(/\r?\n/)[0];
}

function roleOf(args: ParsedArgs, value: string | undefined): TeamRole {
  if (!value || !(TEAM_ROLES as readonly string[]).includes(value))
    throw args.misuse(`The role must be one of ${TEAM_ROLES.join(', ')}${value ? `, not "${value}"` : ''}.`);
  return value as TeamRole;
}

async function accounts(args: ParsedArgs, io: Io, sub: string, rest: string[]): Promise<number> {
  const db = openDb(databaseOf(args));
  try {
    await migrate(db);
    if (sub === 'users') {
      const list = await listAccounts(db);
      if (args.has('json')) io.out(JSON.stringify(list, null, 2));
      else if (list.length === 0) io.out('No accounts yet. Add the first owner with lectern team add-user NAME --role owner.');
      else for (const a of list) io.out(`${a.name}  ${a.role}`);
      return 0;
    }
    const name = rest[0];
    if (!name) throw args.misuse(`team ${sub} needs an account NAME.`);
    if (sub === 'add-user') {
      const a = await createAccount(db, { name, role: roleOf(args, args.value('role')), password: await readPassword() });
      io.out(`Added ${a.name} (${a.role}).`);
    } else if (sub === 'password') {
      await setPassword(db, name, await readPassword());
      io.out(`Changed ${name}'s password; their sessions were ended.`);
    } else {
      const a = await setRole(db, name, roleOf(args, rest[1]));
      io.out(`${a.name} is now ${a.role === 'owner' ? 'an' : 'a'} ${a.role}.`);
    }
    return 0;
  } finally {
    await db.end();
  }
}

async function moveAnnotations(args: ParsedArgs, io: Io, sub: 'import' | 'export', rest: string[], corpusDir: string): Promise<number> {
  const from = args.value('from');
  if (sub === 'import' && !from && rest.length !== 1) throw args.misuse('team import takes one FILE, or --from LOCAL_CORPUS_DIR.');
  const team = await openTeamApp({ corpusDir, database: databaseOf(args) });
  try {
    // The server's own view of the team (its tagging, not an account's): every coder's layers in and out.
    if (sub === 'export') return await exportTags(team.service, args, io);
    if (!from) return await importTags(team.service, rest, args, io);
    // A local corpus's tags go through its own W3C export: the one import path, which keeps coders and notes.
    const local = await openService(path.resolve(from));
    const file = await local.exportTags({ format: 'w3c' });
    await local.close();
    return await importExport(team.service, { filename: `${path.basename(path.resolve(from))}.jsonld`, base64: file.base64 }, from, args, io);
  } finally {
    await team.close();
  }
}

export const teamCommand: Command = {
  name: 'team',
  synopsis: "team add-user|password|role|users|import|export  a team server's accounts and annotations (lectern team --help)",
  usage: USAGE,
  options: { valued: ['database', 'role', 'from', 'format', 'out'], flags: ['json', 'allow-orphans'] },
  async run({ args, io, corpusDir }) {
    const [sub, ...rest] = args.positionals;
    if (!(SUBCOMMANDS as readonly string[]).includes(sub ?? ''))
      throw args.misuse(sub ? `Unknown team command "${sub}".` : `team needs a command: ${SUBCOMMANDS.join(', ')}.`);
    if (sub === 'import' || sub === 'export') return moveAnnotations(args, io, sub, rest, corpusDir);
    return accounts(args, io, sub!, rest);
  },
};

/** `lectern serve --team`: the team server, until Ctrl+C. */
export async function serveTeam(args: ParsedArgs, io: Io, corpusDir: string): Promise<number> {
  const cert = args.value('cert');
  const key = args.value('key');
  if (Boolean(cert) !== Boolean(key)) throw args.misuse('HTTPS needs both --cert PEM and --key PEM.');
  const server = await startTeamServer({
    corpusDir,
    database: databaseOf(args),
    rendererDir: RENDERER_DIR,
    host: args.value('host') ?? '127.0.0.1',
    port: args.int('port', 0),
    tls: cert && key ? { cert, key } : undefined,
    secureCookies: args.has('secure-cookies'),
    hostnames: args.all('hostname'),
    watch: true,
  });
  const users = await listAccounts(server.app.db);
  io.out(`Lectern (team server) is serving ${server.app.service.corpusDir}`);
  io.out(`Open ${server.url}`);
  if (users.length === 0) io.err('No accounts yet: add one with lectern team add-user NAME --role owner --database … (the server need not stop).');
  if (!cert && !args.has('secure-cookies') && args.value('host') && args.value('host') !== '127.0.0.1')
    io.err(
      'Warning: this server speaks plain HTTP to the network: passwords and session cookies cross it unencrypted. Use --cert/--key, or a TLS proxy with --secure-cookies.',
    );
  io.out('Press Ctrl+C to stop.');
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await server.close();
  return 0;
}
