/** The corpus at a glance when nothing is open (issue 16, point 8): charts with data tables, distinctive terms, recent tags, same-event groups. */
import { expect, expectCleanRun, test } from './fixtures';
import { call, screenshotsOf } from './helpers';

test.describe('overview', () => {
  test.afterEach(({ lectern }) => expectCleanRun(lectern));

  test('the empty reader pane shows the corpus: its charts say what their tables say, and each part opens what it shows', async ({ page, lectern }) => {
    await lectern.open(page);
    const overview = page.getByTestId('overview');
    await expect(overview).toBeVisible();
    const o = await call(page, 'overview', {});
    await screenshotsOf(page, overview, 'overview');
    await expect(overview).toContainText(`${o.documents} documents, ${o.words.toLocaleString('en-US')} words`);
    await expect(page.getByTestId('overview-years').locator('rect')).toHaveCount(o.perYear.length);
    await expect(page.getByTestId('overview-speakers').locator('g.overview-bar')).toHaveCount(o.perSpeaker.length);
    // The table behind each chart: its rows are the chart's bars, and they add up to the corpus.
    const yearCells = await page.getByTestId('overview-years-table').locator('tbody tr td:nth-child(2)').allTextContents();
    expect(yearCells.reduce((n, c) => n + Number(c), 0)).toBe(o.documents);
    const lib = await call(page, 'library', {});
    expect(o.documents).toBe(lib.documents.length);
    // Two speakers in the seed corpus, each with distinctive terms; a term opens its concordance for that speaker.
    expect(o.distinctive.length).toBe(2);
    const first = o.distinctive[0];
    await page.getByTestId('overview-distinctive').getByRole('button', { name: first.terms[0].term, exact: true }).first().click();
    await expect(page.getByTestId('corpus-view')).toBeVisible();
    await expect(page.getByTestId('corpus-query')).toHaveValue(`${first.terms[0].term} speaker:"${first.speaker}"`);
    await expect(page.getByTestId('kwic-line').first()).toBeVisible();
    // The two reports of Raab's speech are a same-event group; it opens them side by side.
    await page.getByTestId('view-read').click();
    expect(o.sameEvent.length).toBeGreaterThan(0);
    await page.getByTestId('overview-same').getByRole('button').first().click();
    await expect(page.getByTestId('compare-view')).toBeVisible();
  });
});
