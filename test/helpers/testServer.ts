/** A real browser-mode server on 127.0.0.1 over a copy of the shipped corpus, with a minimal renderer folder. */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { openService } from '../../app/service/openService';
import { startServer, type RunningServer } from '../../app/server/httpServer';
import { copyShippedCorpus, tempDir } from './tempCorpus';

export interface TestServer {
  server: RunningServer;
  corpusDir: string;
  /** The folder holding `renderer/`, for files that must stay out of reach. */
  uiDir: string;
  close(): Promise<void>;
}

/** `prepareUi` may add files around the renderer folder before the server starts (it lists its files at start). */
export async function startTestServer(prepareUi: (uiDir: string) => void = () => {}): Promise<TestServer> {
  const corpus = copyShippedCorpus();
  const ui = tempDir();
  mkdirSync(path.join(ui.dir, 'renderer'));
  writeFileSync(path.join(ui.dir, 'renderer', 'index.html'), '<!doctype html><title>Lectern</title>');
  prepareUi(ui.dir);
  const server = await startServer({ api: await openService(corpus.dir), rendererDir: path.join(ui.dir, 'renderer') });
  return {
    server,
    corpusDir: corpus.dir,
    uiDir: ui.dir,
    close: async () => {
      await server.close();
      corpus.cleanup();
      ui.cleanup();
    },
  };
}
