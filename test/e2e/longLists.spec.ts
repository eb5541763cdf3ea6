/**
 * Long lists on a real corpus (the State of the Union addresses of 1981–2016): they are put on the
 * page in slices (renderer/ui/progressive.ts) and every row still arrives, in the API's order, so
 * the count a view shows is the rows it holds; a newer answer replaces one still arriving.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { readSpeeches, writeSpeeches } from '../helpers/sotu';
import { expect, expectCleanRun, test } from './fixtures';
import { call } from './helpers';
import { CONCORDANCE_SORTS } from '../../app/common/corpusTools';

const REAGAN = 'speaker:"Ronald Reagan"';
const OBAMA = 'speaker:"Barack Obama"';
const SOTU = mkdtempSync(path.join(os.tmpdir(), 'lectern-e2e-sotu-'));
writeSpeeches(
  SOTU,
  readSpeeches().filter((s) => s.year >= 1981 && s.year <= 2016),
);

/** Waits until no list in the view is still filling. */
async function filled(page: Page, view: string): Promise<void> {
  await expect(page.locator(`[data-testid="${view}"] [aria-busy="true"]`)).toHaveCount(0);
}

async function compareReaganObama(page: Page, threshold: string): Promise<void> {
  await page.keyboard.press('Alt+3');
  await page.getByTestId('side-left').selectOption(REAGAN);
  await page.getByTestId('side-right').selectOption(OBAMA);
  await page.getByTestId('threshold').fill(threshold);
  await expect(page.getByTestId('threshold-value')).toHaveText(threshold);
}

test.describe('long lists', () => {
  test.use({ corpusSource: SOTU });
  test.afterEach(({ lectern }) => expectCleanRun(lectern));
  test.afterAll(() => rmSync(SOTU, { recursive: true, force: true }));

  test('Reagan vs Obama at 0.05: a page of pairs arrives whole and in order, and "Show more" reaches every pair the count states', async ({
    page,
    lectern,
  }) => {
    // Twenty-three pages of pairs, each waited for.
    test.setTimeout(120_000);
    await lectern.open(page);
    await page.getByTestId('search-input').blur();
    const c = await call(page, 'compare', { left: REAGAN, right: OBAMA, threshold: 0.05 });
    expect(c.pairs.length).toBeGreaterThan(1000);
    // Tags on passages of pairs that arrive after the first slice, and after "Show more": painted too.
    const tag = await call(page, 'createTag', { name: 'late rows' });
    for (const k of [99, 150]) {
      const ref = c.pairs[k].left;
      await call(page, 'tagRange', { docId: ref.docId, start: ref.start, end: ref.start + 12, tagIds: [tag.id] });
    }
    await compareReaganObama(page, '0.05');
    await expect(page.getByTestId('compare-status')).toHaveAttribute('data-pairs', String(c.pairs.length));
    await expect(page.getByTestId('compare-tab-passages')).toHaveText(`Aligned passages (${c.pairs.length})`);
    const pairs = page.getByTestId('pairs').getByTestId('pair');
    const more = page.getByTestId('pairs-more');
    // The first page, all of it, then the button for the rest (100 a click).
    await filled(page, 'compare-view');
    await expect(pairs).toHaveCount(100);
    await expect(more).toHaveText(`Show 100 more pairs (${(c.pairs.length - 100).toLocaleString('en-US')} not shown)`);
    const scores = await pairs.getByTestId('pair-score').allTextContents();
    expect(scores).toEqual(c.pairs.slice(0, 100).map((p) => p.score.toFixed(2)));
    const marked = (k: number) => pairs.nth(k).locator('.cmp-card[data-side="left"]').getByTestId('annotation-mark');
    await expect(marked(99)).not.toHaveCount(0);
    // Each press asks for 100 more; they arrive whole before the next. (From the keyboard: pairs
    // scrolled into view for a pointer click take their real height then, and the button moves.)
    for (let shown = 100; shown < c.pairs.length;) {
      await more.press('Enter');
      shown = Math.min(c.pairs.length, shown + 100);
      await filled(page, 'compare-view');
      await expect(pairs).toHaveCount(shown);
    }
    await expect(more).toBeHidden();
    await expect(marked(150)).not.toHaveCount(0);
    // The last pair is the API's last, and it can be read.
    const last = pairs.last();
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
    await expect(last.locator('.cmp-card[data-side="left"] .cmp-text')).toHaveText(c.pairs[c.pairs.length - 1].left.text);
  });

  test('a later threshold supersedes an answer still on its way; the terms stay put while a term’s lines open', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('search-input').blur();
    // Once the request for 0.05 has left (its answer still to come), the threshold moves on: the
    // view greys at once, and whichever answer arrives last, only 0.30's is shown.
    const asked = page.waitForRequest((r) => r.url().endsWith('/api/compare') && r.postDataJSON()?.threshold === 0.05);
    await compareReaganObama(page, '0.05');
    await asked;
    await page.getByTestId('threshold').fill('0.30');
    await expect(page.locator('.cmp-body')).toHaveAttribute('aria-busy', 'true');
    const c = await call(page, 'compare', { left: REAGAN, right: OBAMA, threshold: 0.3 });
    await expect(page.getByTestId('compare-status')).toHaveAttribute('data-pairs', String(c.pairs.length));
    await filled(page, 'compare-view');
    await expect(page.getByTestId('pairs').getByTestId('pair')).toHaveCount(Math.min(100, c.pairs.length));
    await expect(page.getByTestId('pair-definition')).toContainText(`${c.pairs.length} pair`);

    await page.getByTestId('compare-tab-terms').click();
    const table = page.getByTestId('terms-left');
    await expect(table.getByTestId('term')).toHaveCount(c.distinctive.left.length);
    const term = c.distinctive.left[0];
    const first = await table.elementHandle();
    await table.getByTestId('term').first().click();
    await expect(page.getByTestId('kwic-term')).toHaveText(term.term);
    await expect(page.getByTestId('kwic-left-count')).toHaveText(` ${term.countLeft} use${term.countLeft === 1 ? '' : 's'}`);
    await filled(page, 'compare-view');
    await expect(page.getByTestId('kwic-left').getByTestId('kwic-line')).toHaveCount(Math.min(200, term.countLeft));
    await expect(table.getByTestId('term').first()).toHaveAttribute('aria-pressed', 'true');
    // The same table, not one built again.
    expect(await first!.evaluate((el) => el.isConnected)).toBe(true);
  });

  test('the concordance of "government": every line arrives, in the API’s order, as many as the status counts', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('view-corpus').click();
    const api = await call(page, 'concordance', { query: 'government', sort: CONCORDANCE_SORTS[0] });
    expect(api.total).toBeGreaterThan(500);
    await page.getByTestId('corpus-query').fill('government');
    await page.getByTestId('corpus-run').click();
    await expect(page.getByTestId('corpus-status')).toContainText(`${api.total.toLocaleString('en-US')} lines of government`);
    await filled(page, 'corpus-view');
    const lines = page.getByTestId('kwic-line');
    await expect(lines).toHaveCount(api.total);
    expect(await lines.locator('.kwic-key').allTextContents()).toEqual(api.lines.map((l) => l.keyword));
    // The last line, far below, is reachable and opens its document in the reader.
    const last = lines.last();
    await last.scrollIntoViewIfNeeded();
    await expect(last).toBeInViewport();
    await expect(last.locator('.kwic-after')).toHaveText(api.lines[api.total - 1].after);
    await last.click();
    await expect(page.getByTestId('reader')).toBeVisible();
  });
});
