/** `lectern serve`: browser mode, the app served to a browser on 127.0.0.1. */
import { RENDERER_DIR } from '../core/paths';
import { startServer } from '../server/httpServer';
import { openService } from '../service/openService';
import { defaultDataDir } from '../service/recentCorpora';
import type { Command } from './command';

export const serveCommand: Command = {
  name: 'serve',
  synopsis: 'serve [--port N]                      browser mode on http://127.0.0.1 (prints the address to open)',
  usage: `Usage:
  lectern serve [--corpus DIR] [--port N]
      Serves Lectern to your browser on http://127.0.0.1 (a free port unless --port); prints the address to open.`,
  options: { valued: ['port'] },
  async run({ args, io, corpusDir }) {
    if (args.positionals.length) throw args.misuse(`serve takes no arguments (got ${args.positionals.join(' ')}).`);
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
