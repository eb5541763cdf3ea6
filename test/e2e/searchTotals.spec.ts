/**
 * The Search view on a corpus with more than one page of matches (64 generated reports): the header
 * states the exact totals, counted from the files here, not the page's; "Show more" appends the
 * rest of the ranking, and the keyboard moves across the appended results as across the first page.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { lanternFiles, lanternTotalsByScan, writeLanternCorpus } from '../helpers/lanternCorpus';
import { expect, expectCleanRun, test } from './fixtures';
import { call } from './helpers';

const CORPUS = mkdtempSync(path.join(os.tmpdir(), 'lectern-e2e-lanterns-'));
writeLanternCorpus(CORPUS);
const expected = lanternTotalsByScan(lanternFiles());
const ranked = expected.documents + expected.titleOnly;

test.describe('search totals and "Show more"', () => {
  test.use({ corpusSource: CORPUS });
  test.afterEach(({ lectern }) => expectCleanRun(lectern));
  test.afterAll(() => rmSync(CORPUS, { recursive: true, force: true }));

  test('lantern: the header counts every match, "Show more" appends the rest, the keyboard reaches it', async ({ page, lectern }) => {
    expect(expected.documents).toBeGreaterThan(50);
    await lectern.open(page);
    const input = page.getByTestId('search-input');
    await input.fill('lantern');
    const totals = page.getByTestId('search-totals');
    await expect(totals).toHaveText(
      `${expected.documents} documents · ${expected.passages} passages · ${expected.hits} hits · ${expected.titleOnly} by title only`,
    );
    await expect(totals).toHaveAttribute('data-hits-exact', 'true');
    await expect(page.getByTestId('result-count')).toContainText(/ · \d+ ms$/);

    const results = page.getByTestId('result');
    await expect(results).toHaveCount(50);
    const more = page.getByTestId('search-more');
    await expect(more).toHaveText(`Show ${ranked - 50} more documents (${ranked - 50} not shown)`);

    // The first result's first passage is the active item; it stays active when more arrive.
    await page.keyboard.press('ArrowDown');
    const first = page.getByTestId('result-passage').first();
    await expect(first).toHaveAttribute('aria-selected', 'true');

    await more.click();
    await expect(results).toHaveCount(ranked);
    await expect(more).toHaveCount(0);
    // Focus is back in the search box, where the arrows move.
    await expect(input).toBeFocused();
    // The totals are the first page's, unchanged; the list is the whole ranking, in order, each document once.
    await expect(totals).toHaveText(new RegExp(`^${expected.documents} documents`));
    const whole = await call(page, 'search', { query: 'lantern', limit: 1000 });
    expect(await results.evaluateAll((els) => els.map((el) => el.getAttribute('data-doc-id')))).toEqual(whole.documents.map((d) => d.id));
    // The documents matched by their title alone are listed among the appended ones, with no passage.
    await expect(results.filter({ hasNot: page.getByTestId('result-passage') })).toHaveCount(expected.titleOnly);
    await expect(first).toHaveAttribute('aria-selected', 'true');

    // An appended result opens from a click, Esc comes back to it, and the arrows go on from there.
    const appended = results.nth(50);
    const appendedTitle = await appended.locator('.item-title').textContent();
    // Its first keyboard item: its first passage, or its heading when it matched by its title alone.
    const appendedItem = appended.locator('.nav-target').first();
    await appendedItem.click();
    await expect(page.getByTestId('reader-title')).toHaveText(appendedTitle!);
    await page.keyboard.press('Escape');
    await expect(input).toBeFocused();
    await expect(appendedItem).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowUp');
    const lastOfFirstPage = results.nth(49).locator('[aria-selected]').last();
    await expect(lastOfFirstPage).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('reader-title')).toHaveText(appendedTitle!);
  });

  test('a new query replaces the list and its "Show more"; a query with one page has none', async ({ page, lectern }) => {
    await lectern.open(page);
    const input = page.getByTestId('search-input');
    await input.fill('lantern');
    await expect(page.getByTestId('search-more')).toBeVisible();
    await input.fill('title:papers');
    await expect(page.getByTestId('search-totals')).toHaveText(`${expected.titleOnly} documents by title only`);
    await expect(page.getByTestId('result')).toHaveCount(expected.titleOnly);
    await expect(page.getByTestId('search-more')).toHaveCount(0);
  });
});
