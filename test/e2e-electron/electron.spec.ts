/**
 * The desktop app itself, driven by Playwright's _electron. Electron's binary is downloaded on first
 * use and cannot be had on machines without access to its downloads: there these tests are reported
 * as skipped, with that reason, and the same UI is covered in Chromium by test/e2e.
 */
import { _electron as electron, expect, test } from '@playwright/test';
import path from 'node:path';
// @ts-expect-error: a plain .mjs helper shared with scripts/start.mjs
import { electronBinary } from '../../scripts/electronBinary.mjs';
import { REPO as ROOT } from '../helpers/repo';

const binary: string | null = electronBinary(ROOT);
const noDisplay = process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY;

test.describe('Electron app', () => {
  test.skip(
    !binary,
    "Electron's binary is not installed (it is downloaded on first use, and this machine cannot reach Electron's downloads): run `npx install-electron` where it can.",
  );
  test.skip(noDisplay, 'No display (DISPLAY / WAYLAND_DISPLAY) to open an Electron window on: run under xvfb-run.');

  test('opens on the corpus, sandboxed, and searches through the preload contract', async () => {
    const app = await electron.launch({ executablePath: binary!, args: [path.join(ROOT, 'dist', 'electron', 'main.js')] });
    try {
      const win = await app.firstWindow();
      expect(win.url()).toMatch(/^lectern:\/\/app\//);
      await expect(win.getByTestId('library')).toBeVisible();
      // The page sees exactly the contract, and no Node.
      const exposed = await win.evaluate(() => ({
        keys: Object.keys((window as unknown as { lectern: object }).lectern).sort(),
        node: typeof (globalThis as { process?: unknown }).process,
      }));
      expect(exposed.node).toBe('undefined');
      expect(exposed.keys).toContain('search');
      const ids = await win.evaluate(async () => {
        const api = (window as unknown as { lectern: { search(r: { query: string }): Promise<{ documents: { id: string }[] }> } }).lectern;
        return (await api.search({ query: '"prime target"' })).documents.map((d) => d.id);
      });
      expect(ids).toEqual(['2021-05-12-raab-cooperation-independent']);
      const prefs = await app.evaluate(({ BrowserWindow }) => {
        const wc = BrowserWindow.getAllWindows()[0].webContents;
        return (wc as unknown as { getLastWebPreferences(): Record<string, unknown> }).getLastWebPreferences();
      });
      expect(prefs.contextIsolation).toBe(true);
      expect(prefs.sandbox).toBe(true);
      expect(prefs.nodeIntegration).toBe(false);
    } finally {
      await app.close();
    }
  });
});
