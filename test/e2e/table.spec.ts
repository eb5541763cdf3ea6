/**
 * The library as a table (issue 16): virtual rows at 1,500 documents, sorting by any column as
 * `lectern documents --sort` sorts, filtering with a query (the count is the CLI's), choosing
 * columns, selecting documents to compare or export.
 */
import { readFileSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { expect, expectCleanRun, test } from './fixtures';
import { call, screenshotsOf } from './helpers';
import { runCli } from '../helpers/runCli';
import { sizedCorpus } from '../helpers/sizedCorpus';

const COUNT = 1500;
const PARTIES = ['Whig', 'Democratic', 'Republican'];
// term is a number (10 must sort after 9, not after 1); founded a date; party text.
const corpus = sizedCorpus(COUNT, (i) => ({ party: PARTIES[i % 3], term: (i * 7) % 13, founded: `18${String(10 + (i % 80))}-0${1 + (i % 9)}-15` }));
test.afterAll(() => corpus.cleanup());

/** What the CLI answers for the same table, on the test's own copy of the corpus. */
async function cli(corpusDir: string, ...args: string[]): Promise<{ count: number; documents: { id: string; [column: string]: string }[] }> {
  const res = await runCli('documents', '--corpus', corpusDir, '--json', ...args);
  expect(res.err).toBe('');
  return JSON.parse(res.out);
}

test.describe('library table', () => {
  test.use({ corpusSource: corpus.dir });
  test.afterEach(({ lectern }) => expectCleanRun(lectern));

  test('1,500 documents as virtual rows, sorted by a number attribute as the CLI sorts them, to the last row', async ({ page, lectern }) => {
    test.setTimeout(120_000);
    await lectern.open(page, { timeout: 60_000 });
    // The sidebar lists the newest 300 and points to the table for the rest.
    await expect(page.getByTestId('library-item')).toHaveCount(300);
    await page.getByTestId('show-table').click();
    const table = page.getByTestId('library-table');
    await expect(table).toBeVisible();
    await expect(page.getByTestId('table-count')).toHaveText('1,500 documents');
    await expect(table).toHaveAttribute('aria-rowcount', String(COUNT + 1));
    // Only the rows in view (and a few more) exist.
    expect(await page.getByTestId('table-row').count()).toBeLessThan(100);

    // The expected order, worked out here: the library's order (newest first), stably re-sorted by term as a number.
    const lib = await call(page, 'library', {});
    const byTerm = [...lib.documents].sort((x, y) => Number(x.attributes.term) - Number(y.attributes.term));
    const ids = (rows: { id: string }[]) => rows.map((d) => d.id);
    await page.getByTestId('sort-attr:term').click();
    await expect(page.getByTestId('sort-attr:term').locator('..')).toHaveAttribute('aria-sort', 'ascending');
    const firstIds = await page.getByTestId('table-row').evaluateAll((rows) => rows.slice(0, 10).map((r) => r.getAttribute('data-doc-id')));
    expect(firstIds).toEqual(ids(byTerm.slice(0, 10)));
    expect(byTerm.at(-1)!.attributes.term).toBe('12');

    await page.getByTestId('sort-attr:term').click();
    await expect(page.getByTestId('sort-attr:term').locator('..')).toHaveAttribute('aria-sort', 'descending');
    const desc = [...lib.documents].sort((x, y) => Number(y.attributes.term) - Number(x.attributes.term));
    await page.getByTestId('library-table').focus();
    await page.keyboard.press('End');
    const last = page.locator(`[data-testid="table-row"][aria-rowindex="${COUNT + 1}"]`);
    await expect(last).toBeVisible();
    await expect(last).toHaveAttribute('data-doc-id', desc.at(-1)!.id);
    await expect(last).toHaveClass(/active/);
    await page.keyboard.press('Enter');
    // Read in the page: Playwright's own locator checks spend a minute naming the 1,500-row page's
    // accessible elements here (a profile shows its getTextAlternative, not Lectern, on the CPU).
    const title = desc.at(-1)!.title;
    await page.waitForFunction((t) => {
      const reader = document.querySelector<HTMLElement>('[data-testid="reader"]');
      return !!reader && reader.offsetParent !== null && !!reader.textContent?.includes(t);
    }, title);
    // The CLI sorts the same way.
    const fromCli = await cli(lectern.corpusDir, '--sort', 'term', '--desc');
    expect(ids(fromCli.documents)).toEqual(ids(desc));
  });

  test('a filter query finds what the CLI finds; columns chosen stay chosen; two selected documents are compared and exported', async ({ page, lectern }) => {
    test.setTimeout(120_000);
    await lectern.open(page, { timeout: 60_000 });
    await page.keyboard.press('Alt+5');
    await page.getByTestId('table-filter').fill('party:Whig term:3..5');
    await page.getByTestId('table-filter').press('Enter');
    const sorted = await cli(lectern.corpusDir, 'party:Whig term:3..5', '--sort', 'date', '--columns', 'title,speakers,date,words,party,founded,term');
    const whigs = sorted;
    expect(whigs.count).toBeGreaterThan(50);
    await expect(page.getByTestId('table-count')).toHaveText(`${whigs.count} of 1,500 documents`);
    await expect(page.getByTestId('library-table')).toHaveAttribute('aria-rowcount', String(whigs.count + 1));

    // The filter saved as a subcorpus filters again as @name, to the same documents.
    await page.getByTestId('table-save-subcorpus').click();
    await page.getByTestId('save-subcorpus-input').fill('Whigs 3-5');
    await page.getByTestId('save-subcorpus-ok').click();
    await expect(page.getByTestId('save-subcorpus')).toHaveCount(0);
    await page.getByTestId('table-filter').fill('@whigs 3-5');
    await page.getByTestId('table-filter').press('Enter');
    await expect(page.getByTestId('table-count')).toHaveText(`${whigs.count} of 1,500 documents`);

    // A field the corpus does not have is said, not an empty table.
    await page.getByTestId('table-filter').fill('colour:red');
    await page.getByTestId('table-filter').press('Enter');
    await expect(page.getByTestId('table-filter-error')).toContainText('There is no field "colour:"');
    await page.getByTestId('table-filter').fill('party:Whig term:3..5');
    await page.getByTestId('table-filter').press('Enter');
    await expect(page.getByTestId('table-filter-error')).toBeHidden();

    // Columns: hide Outlet, show founded; the choice survives a reload.
    await page.getByTestId('table-columns-button').click();
    await page.locator('[data-testid="table-columns"] input[data-column="outlet"]').uncheck();
    await page.locator('[data-testid="table-columns"] input[data-column="attr:founded"]').check();
    await expect(page.getByTestId('sort-attr:founded')).toBeVisible();
    await expect(page.getByTestId('sort-outlet')).toHaveCount(0);
    await page.reload();
    // The window is built once the page knows how it reaches Lectern (one request): keys before that go nowhere.
    await expect(page.getByTestId('search-input')).toBeVisible();
    await page.keyboard.press('Alt+5');
    await expect(page.getByTestId('sort-attr:founded')).toBeVisible();
    await expect(page.getByTestId('sort-outlet')).toHaveCount(0);

    await page.getByTestId('table-filter').fill('party:Whig term:3..5');
    await page.getByTestId('table-filter').press('Enter');
    await expect(page.getByTestId('table-count')).toHaveText(`${whigs.count} of 1,500 documents`);
    await page.getByTestId('sort-date').click();
    const rows = page.getByTestId('table-row');
    await rows.nth(0).locator('input[type=checkbox]').check();
    await rows.nth(1).locator('input[type=checkbox]').check();
    await expect(page.getByTestId('table-count')).toHaveText(`${whigs.count} of 1,500 documents · 2 selected`);

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('table-export').click()]);
    const csv: string[][] = parse(readFileSync((await download.path())!, 'utf8'));
    const header = csv[0];
    expect(header).toEqual(['Title', 'Speakers', 'Date', 'Words', 'founded', 'party', 'term']);
    expect(csv).toHaveLength(3);
    for (const [i, row] of csv.slice(1).entries()) {
      const d = sorted.documents[i];
      expect(row).toEqual([d.title, d.speakers, d.date, d.words, d['attr:founded'], d['attr:party'], d['attr:term']]);
    }

    await page.getByTestId('table-compare').click();
    await expect(page.getByTestId('compare-view')).toBeVisible();
    await expect(page.getByTestId('side-left')).toHaveValue(sorted.documents[0].id);
    await expect(page.getByTestId('side-right')).toHaveValue(sorted.documents[1].id);
  });
});

test.describe('library table on the shipped corpus', () => {
  test.afterEach(({ lectern }) => expectCleanRun(lectern));

  test('a word filter shows each document’s matching passages, as search counts them', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('view-library').click();
    await page.getByTestId('table-filter').fill('cyber');
    await page.getByTestId('table-filter').press('Enter');
    const res = await call(page, 'search', { query: 'cyber', limit: 100 });
    await expect(page.getByTestId('table-count')).toHaveText(`${res.documents.length} of 3 documents`);
    await page.getByTestId('sort-matches').click();
    const cells = page.locator('[data-testid="table-row"] [data-column="matches"]');
    const expected = res.documents.map((d) => d.passageTotal).sort((a, b) => a - b);
    await expect(cells).toHaveText(expected.map(String));
    await screenshotsOf(page, page.getByTestId('table-view'), 'library-table');
  });
});
