/**
 * Long tasks in Chromium (browser mode, the real page and server, SOTU): drives the page through a
 * list of named scenarios and reports, per scenario, the longest task the page ran and its total
 * blocking time (the sum of every task's time over 50 ms), from the page's own
 * PerformanceObserver('longtask') entries, against the target that no task blocks longer than
 * 50 ms. Printed by `npm run bench` (with SOTU); alone: `npm run bench -- --long-tasks`, or
 * `node --import tsx bench/longTasks.ts [--profile DIR] [--trace DIR] [--renderer DIR] [--only TEXT]`
 * (one Chromium CPU profile, or one timeline trace, per scenario into DIR, to open in DevTools'
 * Performance panel; --renderer serves another build's page, e.g. dist/renderer of an older commit,
 * against this service: how BEFORE was measured). A benchmark, not a test.
 *
 * A scenario is an async function given the page: it does what a user does and resolves once the
 * answer is on screen (every row of it, when a list is put on the page in parts). Add one to
 * SCENARIOS; they run in order on one page, each starting where the previous one left it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Page } from 'playwright';
import { RENDERER_DIR } from '../app/core/paths';
import { startServer } from '../app/server/httpServer';
import { openService } from '../app/service/openService';
// @ts-expect-error a plain .mjs helper shared with the e2e setup
import { findChromium } from '../scripts/findChromium.mjs';
import { writeCorpusFolder } from './corpora';

export const LONG_TASK_TARGET_MS = 50;

export interface Scenario {
  name: string;
  run(page: Page): Promise<void>;
}

export interface LongTaskResult {
  scenario: string;
  /** From the scenario's first action to its answer on screen. */
  doneMs: number;
  longestMs: number;
  totalBlockingMs: number;
  longTasks: number;
}

const REAGAN = 'speaker:"Ronald Reagan"';
const OBAMA = 'speaker:"Barack Obama"';

/** Resolves once the page has answered `method` (the HTTP call a UI action makes) and the answer is painted. */
async function answered(page: Page, method: string, action: () => Promise<void>): Promise<void> {
  const response = page.waitForResponse((r) => new URL(r.url()).pathname === `/api/${method}`, { timeout: 120_000 });
  await action();
  await response;
}

/** The Compare view is done when its body is no longer busy and every list it is filling is complete. */
async function compareSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => document.querySelector('.cmp-body')?.getAttribute('aria-busy') === 'false' && !document.querySelector('.cmp-body [aria-busy="true"]'),
    null,
    { timeout: 120_000 },
  );
}

/** The Corpus view is done when its status says something other than "Counting…" and no list in it is still filling. */
async function corpusSettled(page: Page): Promise<void> {
  await page.waitForFunction(
    () => {
      const status = document.querySelector('[data-testid="corpus-status"]')?.textContent ?? '';
      return status !== '' && !status.startsWith('Counting') && !document.querySelector('[data-testid="corpus-results"] [aria-busy="true"]');
    },
    null,
    { timeout: 120_000 },
  );
}

async function runCorpusTool(page: Page, tool: string, method: string, query: string | null): Promise<void> {
  await page.getByTestId(`corpus-tool-${tool}`).click();
  await answered(page, method, async () => {
    if (query !== null) await page.getByTestId('corpus-query').fill(query);
    await page.getByTestId('corpus-run').click();
  });
  await corpusSettled(page);
}

export const SCENARIOS: Scenario[] = [
  {
    name: 'Compare: Reagan vs Obama open',
    async run(page) {
      await page.keyboard.press('Alt+3');
      await compareSettled(page);
      await answered(page, 'compare', () =>
        page
          .getByTestId('side-left')
          .selectOption(REAGAN)
          .then(() => undefined),
      );
      await compareSettled(page);
      await answered(page, 'compare', () =>
        page
          .getByTestId('side-right')
          .selectOption(OBAMA)
          .then(() => undefined),
      );
      await compareSettled(page);
    },
  },
  {
    name: 'Compare: threshold moved to 0.05',
    async run(page) {
      await answered(page, 'compare', () =>
        page.getByTestId('threshold').evaluate((el: HTMLInputElement) => {
          el.value = '0.05';
          el.dispatchEvent(new Event('input', { bubbles: true }));
        }),
      );
      await compareSettled(page);
    },
  },
  {
    name: 'Compare: Distinctive terms tab',
    async run(page) {
      await page.getByTestId('compare-tab-terms').click();
      await page.getByTestId('terms-left').getByTestId('term').first().waitFor();
      await compareSettled(page);
    },
  },
  {
    name: "Compare: a distinctive term's KWIC",
    async run(page) {
      await answered(page, 'compareKwic', () => page.getByTestId('terms-left').getByTestId('term').first().click());
      await page.getByTestId('kwic-left-count').waitFor();
      await compareSettled(page);
    },
  },
  {
    name: 'Corpus (Alt+4): concordance of "government"',
    async run(page) {
      await page.keyboard.press('Alt+4');
      await runCorpusTool(page, 'kwic', 'concordance', 'government');
    },
  },
  { name: 'Corpus: word list', run: (page) => runCorpusTool(page, 'words', 'wordList', null) },
  { name: 'Corpus: collocates of "people"', run: (page) => runCorpusTool(page, 'collocates', 'collocates', 'people') },
  { name: 'Corpus: trend of "war"', run: (page) => runCorpusTool(page, 'trend', 'trend', 'war') },
];

/** In the page before any script: every long task the page runs, from its own observer. */
const OBSERVE = `window.__longTasks = [];
new PerformanceObserver((list) => { for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration }); })
  .observe({ type: 'longtask', buffered: true });`;

/**
 * Waits until the page is quiet (no long task ended in the last 300 ms and a frame comes promptly), so
 * that work a scenario's answer left queued (a list filled in parts, a late paint) is counted.
 */
const QUIET = `() => new Promise((resolve) => {
  const check = () => requestAnimationFrame(() => setTimeout(() => {
    const last = window.__longTasks[window.__longTasks.length - 1];
    if (last && performance.now() - (last.start + last.duration) < 300) check();
    else resolve();
  }, 300));
  check();
})`;

const slug = (name: string) => name.replace(/[^\w]+/g, '-').replace(/^-|-$/g, '');

export async function measureLongTasks(
  scenarios: Scenario[] = SCENARIOS,
  options: { profileDir?: string; traceDir?: string; log?: boolean; rendererDir?: string } = {},
): Promise<LongTaskResult[]> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'lectern-longtasks-'));
  writeCorpusFolder('sotu', dir);
  const service = await openService(dir);
  await service.idle();
  const server = await startServer({ api: service, rendererDir: options.rendererDir ?? RENDERER_DIR });
  const browser = await chromium.launch({ executablePath: findChromium({ install: false }) as string });
  const results: LongTaskResult[] = [];
  try {
    const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
    await page.addInitScript(OBSERVE);
    await page.goto(server.launchUrl);
    await page.getByTestId('library-item').first().waitFor();
    await page.evaluate(QUIET);
    const cdp = options.profileDir ? await page.context().newCDPSession(page) : null;
    if (cdp && options.profileDir) {
      mkdirSync(options.profileDir, { recursive: true });
      await cdp.send('Profiler.enable');
    }
    for (const s of scenarios) {
      await page.evaluate('window.__longTasks.length = 0');
      if (cdp) await cdp.send('Profiler.start');
      if (options.traceDir)
        await browser.startTracing(page, {
          path: path.join(options.traceDir, `${slug(s.name)}.json`),
          categories: ['devtools.timeline', 'v8.execute', 'disabled-by-default-devtools.timeline'],
        });
      const t0 = Date.now();
      await s.run(page);
      const doneMs = Date.now() - t0;
      await page.evaluate(QUIET);
      if (options.traceDir) await browser.stopTracing();
      if (cdp && options.profileDir) {
        const { profile } = await cdp.send('Profiler.stop');
        writeFileSync(path.join(options.profileDir, `${slug(s.name)}.cpuprofile`), JSON.stringify(profile));
      }
      const tasks = (await page.evaluate('window.__longTasks')) as { start: number; duration: number }[];
      const r: LongTaskResult = {
        scenario: s.name,
        doneMs,
        longestMs: Math.round(Math.max(0, ...tasks.map((t) => t.duration))),
        totalBlockingMs: Math.round(tasks.reduce((n, t) => n + Math.max(0, t.duration - LONG_TASK_TARGET_MS), 0)),
        longTasks: tasks.length,
      };
      results.push(r);
      if (options.log) console.log(formatLongTask(r));
    }
  } finally {
    await browser.close();
    await server.close();
    await service.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

/**
 * The same scenarios measured on the page before the long-task work (the renderer of commit
 * 38d9ce6, served with `--renderer` against this service, on the 2-core machine of
 * docs/PERFORMANCE.md; the median of three runs alternated with three of this code): the baseline
 * each run is printed against. Measured, not estimated; re-measure a build of any commit with
 * `--renderer` (bench/performance-notes.md).
 */
export const BEFORE: Record<string, { longestMs: number; totalBlockingMs: number }> = {
  'Compare: Reagan vs Obama open': { longestMs: 148, totalBlockingMs: 156 },
  'Compare: threshold moved to 0.05': { longestMs: 142, totalBlockingMs: 92 },
  'Compare: Distinctive terms tab': { longestMs: 0, totalBlockingMs: 0 },
  "Compare: a distinctive term's KWIC": { longestMs: 0, totalBlockingMs: 0 },
  'Corpus (Alt+4): concordance of "government"': { longestMs: 208, totalBlockingMs: 158 },
  'Corpus: word list': { longestMs: 59, totalBlockingMs: 9 },
  'Corpus: collocates of "people"': { longestMs: 0, totalBlockingMs: 0 },
  'Corpus: trend of "war"': { longestMs: 0, totalBlockingMs: 0 },
};

export function formatLongTask(r: LongTaskResult): string {
  const before = BEFORE[r.scenario];
  const was = before ? ` (before: longest ${before.longestMs} ms, blocking ${before.totalBlockingMs} ms)` : '';
  const ok = r.longestMs <= LONG_TASK_TARGET_MS ? 'reached' : 'NOT reached';
  return `${r.scenario}: longest task ${r.longestMs} ms, total blocking ${r.totalBlockingMs} ms over ${r.longTasks} long tasks, answer on screen in ${r.doneMs} ms; target ≤ ${LONG_TASK_TARGET_MS} ms ${ok}${was}`;
}

if (require.main === module) {
  const arg = (name: string) => {
    const i = process.argv.indexOf(name);
    return i > 0 ? path.resolve(process.argv[i + 1]) : undefined;
  };
  // --only TEXT: the scenarios whose name holds TEXT (those before them that they start from are up to the caller).
  const only = process.argv.indexOf('--only');
  const chosen = only > 0 ? SCENARIOS.filter((s) => s.name.includes(process.argv[only + 1])) : SCENARIOS;
  measureLongTasks(chosen, { profileDir: arg('--profile'), traceDir: arg('--trace'), rendererDir: arg('--renderer'), log: true }).catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
