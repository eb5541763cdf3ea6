/**
 * Keystroke to painted results in Chromium (browser mode, the real page and server): types a query
 * one key at a time into the search box and measures, for each key, the time from the key event to
 * the first frame painted after the results list holds that query's answer. Printed by
 * `npm run bench` for SOTU; a benchmark, not a test.
 */
import { percentile } from './stats';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright';
import { RENDERER_DIR } from '../app/core/paths';
import { startServer } from '../app/server/httpServer';
import { openService } from '../app/service/openService';
// @ts-expect-error a plain .mjs helper shared with the e2e setup
import { findChromium } from '../scripts/findChromium.mjs';
import { writeCorpusFolder, type CorpusName } from './corpora';

const TYPED = ['government', 'people', 'railroads', 'tariff revenue', 'slavery'];

/**
 * Runs in the page (as source text: the bench runs under tsx, whose helpers do not exist there).
 * What is on screen belongs to the previous query; the answer to this one replaces it. Resolves
 * with the time from the input event to the first frame after the new answer is in the page.
 */
const IN_PAGE = `(q) => new Promise((resolve) => {
  const input = document.querySelector('[data-testid="search-input"]');
  for (const el of document.querySelectorAll('[data-testid="result-count"], [data-testid="no-results"]')) el.setAttribute('data-old', '');
  const t0 = performance.now();
  const observer = new MutationObserver(() => {
    if (document.querySelector('[data-testid="result-count"]:not([data-old]), [data-testid="no-results"]:not([data-old])')) {
      observer.disconnect();
      requestAnimationFrame(() => {
        const t = performance.now() - t0;
        const api = performance.getEntriesByType('resource').filter((e) => e.name.endsWith('/api/search')).pop();
        window.__lecternLastAnswer = api ? { startMs: api.startTime - t0, responseEndMs: api.responseEnd - t0, bytes: api.encodedBodySize } : null;
        resolve(t);
      });
    }
  });
  observer.observe(document.body, { childList: true, subtree: true, attributes: true });
  input.value = q;
  input.dispatchEvent(new Event('input', { bubbles: true }));
})`;

export interface PaintResult {
  keys: number;
  p50Ms: number;
  p95Ms: number;
  maxMs: number;
}

export async function keystrokeToPaint(name: CorpusName): Promise<PaintResult> {
  const dir = mkdtempSync(path.join(os.tmpdir(), `lectern-paint-${name}-`));
  writeCorpusFolder(name, dir);
  const service = await openService(dir);
  await service.idle();
  const server = await startServer({ api: service, rendererDir: RENDERER_DIR });
  const browser = await chromium.launch({ executablePath: findChromium({ install: false }) as string });
  const samples: number[] = [];
  try {
    const page = await browser.newPage();
    await page.goto(server.launchUrl);
    await page.getByTestId('library-item').first().waitFor();
    for (const word of TYPED) {
      for (let i = 1; i <= word.length; i++) {
        const prefix = word.slice(0, i);
        if (prefix.endsWith(' ')) continue;
        // In the page: clear, then time one key from its event to the frame after its answer is on screen.
        await page.getByTestId('search-input').fill(prefix.slice(0, -1));
        await page.waitForTimeout(30);
        const ms = (await page.evaluate(`(${IN_PAGE})(${JSON.stringify(prefix)})`)) as number;
        samples.push(ms);
        if (process.env.PAINT_LOG) console.log(prefix, ms.toFixed(1), JSON.stringify(await page.evaluate('window.__lecternLastAnswer')));
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
  samples.sort((a, b) => a - b);
  const at = (p: number) => Math.round(percentile(samples, p) * 10) / 10;
  return { keys: samples.length, p50Ms: at(50), p95Ms: at(95), maxMs: at(100) };
}
