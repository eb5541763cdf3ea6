/**
 * Browser mode's sessions in a real Chromium (issue 13, findings 2 and 3): two Lectern instances in
 * one browser profile both keep working, tabs and reloads of an instance keep its session, a launch
 * address works once, and no other server on 127.0.0.1 that the browser visits receives a secret.
 */
import http from 'node:http';
import type { Page } from '@playwright/test';
import { RENDERER_DIR } from '../../app/core/paths';
import { startTestServer, type TestServer } from '../helpers/server';
import { expect, test } from './fixtures';
import { call } from './helpers';

/** A search typed into the page's own box shows results: the renderer's calls carry its session. */
async function searchWorks(page: Page): Promise<void> {
  await page.getByTestId('search-input').fill('cyber');
  await expect(page.getByTestId('result').first()).toBeVisible();
  await page.getByTestId('search-input').fill('');
}

/** A plain local server, as any other program on this machine might run, recording what it is sent. */
async function bystander(): Promise<{ url: string; seen: http.IncomingHttpHeaders[]; close(): Promise<void> }> {
  const seen: http.IncomingHttpHeaders[] = [];
  const server = http.createServer((req, res) => {
    seen.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'text/html' });
    res.end('<!doctype html><title>Another local server</title><p>Hello</p>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return { url: `http://127.0.0.1:${port}/`, seen, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

test.describe('browser-mode sessions', () => {
  let b: TestServer;
  test.beforeEach(async () => {
    b = await startTestServer({ rendererDir: RENDERER_DIR });
  });
  test.afterEach(async () => {
    await b.close();
  });

  test('two instances opened in one browser both keep working, across reloads and new tabs', async ({ page, context, lectern }) => {
    test.setTimeout(60_000);
    await lectern.open(page);
    // The secret left the address bar (and the history entry) at once.
    expect(page.url()).toBe(lectern.server.url);

    const pageB = await context.newPage();
    await pageB.goto(b.server.launchUrl);
    await expect(pageB.getByTestId('library')).toBeVisible();
    expect(pageB.url()).toBe(b.server.url);

    // Interleaved, from both pages: opening B logged nobody out of A.
    for (let i = 0; i < 2; i++) {
      expect((await call(page, 'library', {})).documents.length).toBe(3);
      expect((await call(pageB, 'library', {})).documents.length).toBe(3);
    }
    await searchWorks(page);
    await searchWorks(pageB);

    // A reload of A, a new tab on A's plain address, and A's launch address clicked again in this browser.
    await page.reload();
    await expect(page.getByTestId('library-item').first()).toBeVisible();
    await searchWorks(page);
    const tab = await context.newPage();
    await tab.goto(lectern.server.url);
    await expect(tab.getByTestId('library-item').first()).toBeVisible();
    await tab.goto(lectern.server.launchUrl);
    await expect(tab.getByTestId('library-item').first()).toBeVisible();
    await searchWorks(tab);
    await searchWorks(pageB);
    expect(lectern.pageErrors).toEqual([]);
  });

  test('a launch address already used is refused in a fresh browser profile, with a page saying what to do', async ({ page, browser, lectern }) => {
    await lectern.open(page);
    const fresh = await browser.newContext();
    try {
      const other = await fresh.newPage();
      await other.goto(lectern.server.launchUrl);
      await expect(other.getByTestId('no-session')).toContainText('This launch address has been used already');
      await expect(other.getByTestId('no-session')).toContainText('restart Lectern');
      expect(other.url()).toBe(lectern.server.url);
      // The plain address without a launch secret is refused too.
      await other.goto(lectern.server.url);
      await expect(other.getByTestId('no-session')).toContainText('Open the address Lectern printed');
    } finally {
      await fresh.close();
    }
    // The browser that opened it is unaffected.
    await searchWorks(page);
  });

  test('another server on 127.0.0.1 that the browser visits receives no cookie and no secret', async ({ page, context, lectern }) => {
    await lectern.open(page);
    const pageB = await context.newPage();
    await pageB.goto(b.server.launchUrl);
    await expect(pageB.getByTestId('library')).toBeVisible();
    const session = await page.evaluate(() => localStorage.getItem('lectern.session'));
    expect(session).toBeTruthy();

    const other = await bystander();
    try {
      const visitor = await context.newPage();
      await visitor.goto(other.url);
      await expect(visitor.locator('p')).toHaveText('Hello');
      await visitor.goto(`${other.url}page?x=1`);
      expect(other.seen.length).toBeGreaterThanOrEqual(2);
      const secrets = [lectern.server.launchSecret, b.server.launchSecret, session!];
      for (const headers of other.seen) {
        expect(headers.cookie).toBeUndefined();
        const all = JSON.stringify(headers);
        for (const s of secrets) expect(all).not.toContain(s);
      }
      // Its own origin cannot read Lectern's session either (localStorage is per origin, port included).
      expect(await visitor.evaluate(() => localStorage.getItem('lectern.session'))).toBeNull();
      expect(await context.cookies()).toEqual([]);
    } finally {
      await other.close();
    }
    await searchWorks(page);
  });
});
