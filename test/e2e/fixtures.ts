/**
 * Each test gets its own copy of the shipped corpus and its own browser-mode server on 127.0.0.1,
 * so tags written by one test never leak into another, and the repo's corpus is never written.
 */
import { test as base, expect, type Page } from '@playwright/test';
import { RENDERER_DIR } from '../../app/core/paths';
import type { RunningServer } from '../../app/server/httpServer';
import { SHIPPED_CORPUS } from '../helpers/repo';
import { startTestServer } from '../helpers/server';

export interface Lectern {
  server: RunningServer;
  corpusDir: string;
  /** Opens Lectern in the page (with the launch secret) and waits for the library (`timeout` ms: a large corpus's first index takes longer). */
  open(page: Page, options?: { timeout?: number }): Promise<void>;
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

export const test = base.extend<{ lectern: Lectern; corpusSource: string }>({
  corpusSource: [SHIPPED_CORPUS, { option: true }],
  lectern: async ({ page, corpusSource }, use) => {
    // As `npm start` serves it: the real renderer, and the corpus folder watched for changes made by other programs.
    const running = await startTestServer({ corpusSource, open: { watch: { debounceMs: 100 } }, rendererDir: RENDERER_DIR });
    const { server, corpusDir } = running;
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
      open: async (p: Page, options?: { timeout?: number }) => {
        await p.goto(server.launchUrl);
        await expect(p.getByTestId('library')).toBeVisible(options);
      },
    });
    await running.close();
  },
});

export { expect };
