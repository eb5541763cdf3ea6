/**
 * Each test gets its own copy of the shipped corpus and its own browser-mode server on 127.0.0.1,
 * so tags written by one test never leak into another, and the repo's corpus is never written.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openService } from '../../app/service/openService';
import { RENDERER_DIR } from '../../app/core/paths';
import { startServer, type RunningServer } from '../../app/server/httpServer';

export const REPO = path.resolve(__dirname, '..', '..');

export interface Lectern {
  server: RunningServer;
  corpusDir: string;
  /** Opens Lectern in the page (with the launch secret) and waits for the library. */
  open(page: Page): Promise<void>;
  /** Requests that left 127.0.0.1, collected over the whole test. */
  foreignRequests: string[];
  /** Uncaught exceptions in the page, collected over the whole test. */
  pageErrors: string[];
}

/** What every UI test ends with: nothing left 127.0.0.1, and no exception reached the page. */
export function expectCleanRun(lectern: Lectern): void {
  expect(lectern.foreignRequests).toEqual([]);
  expect(lectern.pageErrors).toEqual([]);
}

export async function startLectern(corpusSource = path.join(REPO, 'corpus')): Promise<{ server: RunningServer; corpusDir: string; cleanup: () => Promise<void> }> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-e2e-'));
  const corpusDir = path.join(dir, 'corpus');
  cpSync(corpusSource, corpusDir, { recursive: true, filter: (src) => !src.includes(`${path.sep}.lectern`) });
  // As `npm start` serves it: the corpus folder is watched for changes made by other programs.
  const service = await openService(corpusDir, { watch: { debounceMs: 100 } });
  const server = await startServer({ api: service, rendererDir: RENDERER_DIR });
  return {
    server,
    corpusDir,
    cleanup: async () => {
      await server.close();
      // The service writes its caches after edits settle: let it finish before its folder goes.
      await service.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export const test = base.extend<{ lectern: Lectern; corpusSource: string }>({
  corpusSource: [path.join(REPO, 'corpus'), { option: true }],
  lectern: async ({ page, corpusSource }, use) => {
    const { server, corpusDir, cleanup } = await startLectern(corpusSource);
    const foreignRequests: string[] = [];
    page.on('request', (r) => {
      if (!r.url().startsWith(server.url) && !r.url().startsWith('data:') && !r.url().startsWith('blob:')) foreignRequests.push(r.url());
    });
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(e.message));
    await use({
      server,
      corpusDir,
      foreignRequests,
      pageErrors,
      open: async (p: Page) => {
        await p.goto(server.launchUrl);
        await expect(p.getByTestId('library')).toBeVisible();
      },
    });
    await cleanup();
  },
});

export { expect };
