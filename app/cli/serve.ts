/** `lectern serve`: browser mode, the app served to a browser on 127.0.0.1. */
import { RENDERER_DIR } from '../core/paths';
import { startServer } from '../server/httpServer';
import { openService } from '../service/openService';
import { defaultDataDir } from '../service/recentCorpora';
import type { Command } from './command';
import { serveTeam } from './team';

export const serveCommand: Command = {
  name: 'serve',
  synopsis: 'serve [--port N] [--team --database URL]  browser mode on http://127.0.0.1, or a team server',
  usage: `Usage:
  lectern serve [--corpus DIR] [--port N]
      Serves Lectern to your browser on http://127.0.0.1 (a free port unless --port); prints the address to open.
  lectern serve --team --database postgres://USER@HOST/DB [--corpus DIR] [--host H] [--port N]
                [--cert PEM --key PEM | --secure-cookies] [--hostname NAME]...
      Serves the corpus to a team: each person signs in with an account (lectern team add-user), codes in
      their own layer, and sees the others' changes live; annotations are kept in PostgreSQL.
      --host 0.0.0.0 listens on every interface (default 127.0.0.1, this machine only); --cert/--key serve
      HTTPS; --secure-cookies when a TLS proxy is in front; --hostname adds a name people reach it by.`,
  options: { valued: ['port', 'database', 'host', 'cert', 'key'], repeatable: ['hostname'], flags: ['team', 'secure-cookies'] },
  async run({ args, io, corpusDir }) {
    if (args.positionals.length) throw args.misuse(`serve takes no arguments (got ${args.positionals.join(' ')}).`);
    if (args.has('team')) return serveTeam(args, io, corpusDir);
    for (const teamOnly of ['database', 'host', 'cert', 'key', 'secure-cookies', 'hostname'])
      if (args.has(teamOnly)) throw args.misuse(`--${teamOnly} is an option of the team server: add --team.`);
    const port = args.int('port', 0);
    // Browser mode is the app: it watches the corpus folder and keeps the list of recent corpora.
    const service = await openService(corpusDir, { watch: true, dataDir: defaultDataDir(), coder: args.value('coder') });
    if (service.loaded.error) io.err(`Warning: ${service.loaded.error} Lectern runs with an empty library.`);
    else await service.rememberCorpus();
    const server = await startServer({ api: service, rendererDir: RENDERER_DIR, port });
    io.out(`Lectern (browser mode) is serving ${service.corpusDir}`);
    io.out(`Open ${server.launchUrl}`);
    // The address's secret is traded once for this browser's session: say how to get more tabs.
    io.out(`That address works once. For more tabs in the same browser, open ${server.url}; for another browser, restart Lectern.`);
    io.out('Press Ctrl+C to stop.');
    await new Promise<void>((resolve) => {
      process.once('SIGINT', resolve);
      process.once('SIGTERM', resolve);
    });
    await server.close();
    await service.close();
    return 0;
  },
};
