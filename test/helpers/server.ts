/**
 * A real browser-mode server on 127.0.0.1 over a temp copy of a corpus: the one starter of unit and
 * e2e tests. close() stops the server, then closes the service (it writes its caches after edits
 * settle), and only then removes the folders.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { LAUNCH_HEADER, LAUNCH_PARAM, SESSION_HEADER, SESSION_PATH, type SessionGrant } from '../../app/common/browserSession';
import { unwrap } from '../../app/common/envelope';
import type { LecternService } from '../../app/service';
import { openService, type OpenOptions } from '../../app/service/openService';
import { startServer, type RunningServer } from '../../app/server/httpServer';
import { copyShippedCorpus, tempDir, type TempDir } from './temp';

export interface TestServerOptions {
  /** The corpus folder to copy (default: the shipped corpus). */
  corpusSource?: string;
  /** Changes the copy before the service opens it. */
  prepareCorpus?: (corpusDir: string) => void;
  /** openService's options, or a function that opens the service on the copy. */
  open?: OpenOptions | ((corpusDir: string) => Promise<LecternService>);
  /** The renderer folder to serve; default: a minimal one (an index.html) in a temp folder. */
  rendererDir?: string;
  /** With the minimal renderer: adds files around it before the server starts (it lists its files at start). */
  prepareUi?: (uiDir: string) => void;
}

export interface TestServer {
  server: RunningServer;
  service: LecternService;
  corpusDir: string;
  /** The folder holding the minimal `renderer/`, for files that must stay out of reach (null with `rendererDir`). */
  uiDir: string | null;
  close(): Promise<void>;
}

export async function startTestServer(options: TestServerOptions = {}): Promise<TestServer> {
  const corpus = copyShippedCorpus(options.corpusSource);
  let ui: TempDir | null = null;
  try {
    options.prepareCorpus?.(corpus.dir);
    let rendererDir = options.rendererDir;
    if (!rendererDir) {
      ui = tempDir();
      rendererDir = path.join(ui.dir, 'renderer');
      mkdirSync(rendererDir);
      writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Lectern</title>');
      options.prepareUi?.(ui.dir);
    }
    const open = options.open;
    const service = typeof open === 'function' ? await open(corpus.dir) : await openService(corpus.dir, open);
    const server = await startServer({ api: service, rendererDir }).catch(async (e: unknown) => {
      await service.close();
      throw e;
    });
    const uiDir = ui?.dir ?? null;
    return {
      server,
      service,
      corpusDir: corpus.dir,
      uiDir,
      close: async () => {
        try {
          await server.close();
          await service.close();
        } finally {
          corpus.cleanup();
          ui?.cleanup();
        }
      },
    };
  } catch (e) {
    corpus.cleanup();
    ui?.cleanup();
    throw e;
  }
}

/**
 * Trades the server's launch secret for its session, as the page does, and returns the header every
 * API call then carries. Works once per server: the launch secret is then spent.
 */
export function openSession(server: RunningServer): Promise<Record<string, string>> {
  return sessionFor(server.launchUrl);
}

/** openSession from the launch address alone (the one `lectern serve` prints): its secret is in the fragment. */
export async function sessionFor(launchUrl: string): Promise<Record<string, string>> {
  const url = new URL(launchUrl);
  const secret = new URLSearchParams(url.hash.slice(1)).get(LAUNCH_PARAM) ?? '';
  const res = await fetch(new URL(SESSION_PATH, url.origin), { method: 'POST', headers: { [LAUNCH_HEADER]: secret } });
  const { session } = unwrap<SessionGrant>(await res.json());
  return { [SESSION_HEADER]: session };
}
