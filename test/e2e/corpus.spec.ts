/** The Corpus view (issue 16): concordance sorting, word list → concordance, trends with a chart and its data table, exports. */
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { expect, expectCleanRun, test } from './fixtures';
import { call, openTool, screenshotsOf } from './helpers';

/**
 * The chart's PNG export: a PNG twice the chart's size whose pixels are the chart (drawn back on a
 * canvas in the page: many pixels differ from the background, in more than two colours).
 */
async function expectPngOf(page: Page, chart: Locator): Promise<void> {
  const [png] = await Promise.all([page.waitForEvent('download'), page.getByTestId('corpus-export-png').click()]);
  expect(png.suggestedFilename()).toMatch(/\.png$/);
  const bytes = readFileSync((await png.path())!);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  const box = (await chart.boundingBox())!;
  expect([bytes.readUInt32BE(16), bytes.readUInt32BE(20)]).toEqual([Math.round(box.width * 2), Math.round(box.height * 2)]);
  const drawn = await page.evaluate(async (b64) => {
    const url = URL.createObjectURL(new Blob([Uint8Array.from(atob(b64), (c) => c.charCodeAt(0))], { type: 'image/png' }));
    const img = new Image();
    img.src = url;
    await img.decode();
    const canvas = document.createElement('canvas');
    [canvas.width, canvas.height] = [img.width, img.height];
    const ctx = canvas.getContext('2d')!;
    ctx.drawImage(img, 0, 0);
    const data = ctx.getImageData(0, 0, img.width, img.height).data;
    const colours = new Set<number>();
    let differ = 0;
    for (let i = 0; i < data.length; i += 4) {
      const c = (data[i] << 16) | (data[i + 1] << 8) | data[i + 2];
      colours.add(c);
      if (c !== ((data[0] << 16) | (data[1] << 8) | data[2])) differ++;
    }
    return { colours: colours.size, differ, total: data.length / 4 };
  }, bytes.toString('base64'));
  expect(drawn.colours).toBeGreaterThan(2);
  expect(drawn.differ).toBeGreaterThan(drawn.total / 200);
}

test.describe('corpus tools', () => {
  test.afterEach(({ lectern }) => expectCleanRun(lectern));

  test('a concordance of any query, re-sorted by the word left of the keyword, as the API sorts it; lines open the reader', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('view-corpus').click();
    await page.getByTestId('corpus-query').fill('cyber');
    await page.getByTestId('corpus-run').click();
    const api = await call(page, 'concordance', { query: 'cyber', sort: 'doc' });
    expect(api.total).toBeGreaterThan(5);
    await expect(page.getByTestId('kwic-line')).toHaveCount(api.total);
    await expect(page.getByTestId('corpus-status')).toContainText(`${api.total} lines of cyber`);
    await page.getByTestId('corpus-sort').selectOption('L1');
    const byL1 = await call(page, 'concordance', { query: 'cyber', sort: 'L1' });
    await expect(page.getByTestId('corpus-status')).toContainText('sorted by L1');
    const shown = await page.getByTestId('kwic-line').locator('.kwic-before').allTextContents();
    expect(shown).toEqual(byL1.lines.map((l: { before: string }) => l.before));
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('corpus-export-csv').click()]);
    expect(download.suggestedFilename()).toBe('concordance.csv');
    const csv = readFileSync((await download.path())!, 'utf8');
    expect(csv.trim().split('\n')).toHaveLength(byL1.total + 1);
    await page.getByTestId('kwic-line').first().click();
    await expect(page.getByTestId('reader')).toBeVisible();
  });

  test('a word-list row opens its concordance, with as many lines as the row counts', async ({ page, lectern }) => {
    await lectern.open(page);
    await openTool(page, 'view-corpus', 'corpus-tool-words');
    await page.getByTestId('corpus-run').click();
    const rows = page.getByTestId('corpus-table').locator('tbody tr');
    const words = await call(page, 'wordList', { limit: 500 });
    await expect(rows).toHaveCount(words.rows.length);
    const third = words.rows[2];
    await expect(rows.nth(2).locator('td').nth(2)).toHaveText(String(third.frequency));
    await rows.nth(2).click();
    await expect(page.getByTestId('corpus-tool-kwic')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('kwic-line')).toHaveCount(third.frequency);
  });

  test('the word list counts running words: "the" is there, the unit and the stop list are the user’s and said above the table', async ({ page, lectern }) => {
    await lectern.open(page);
    await openTool(page, 'view-corpus', 'corpus-tool-words');
    await page.getByTestId('corpus-run').click();
    await expect(page.getByTestId('corpus-status')).toContainText('Counting word forms as written; every word counted (no stop list).');
    const rows = page.getByTestId('corpus-table').locator('tbody tr');
    const forms = await call(page, 'wordList', { limit: 500 });
    expect(forms.rows[0].term).toBe('the');
    await expect(rows.first().locator('td').nth(1)).toHaveText('the');
    // Stems: a row lists the forms it adds up; the built-in stop list takes "the" away and says so.
    await page.getByTestId('corpus-unit').selectOption('stem');
    await page.getByTestId('corpus-stop-list').selectOption('builtin');
    await page.getByTestId('corpus-run').click();
    await expect(page.getByTestId('corpus-status')).toContainText('Counting stems (all forms of a word); built-in stop list (108 words) left out.');
    const stems = await call(page, 'wordList', { limit: 500, unit: 'stem', stopList: 'builtin' });
    expect(stems.rows.some((r: { term: string }) => r.term === 'the')).toBe(false);
    await expect(rows).toHaveCount(stems.rows.length);
    // A stem row opens the concordance of all its forms, as many lines as it counts.
    const i = stems.rows.findIndex((r: { forms: string[] }) => r.forms.length > 1);
    expect(i).toBeGreaterThanOrEqual(0);
    await rows.nth(i).click();
    await expect(page.getByTestId('corpus-tool-kwic')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('kwic-line')).toHaveCount(stems.rows[i].frequency);
    await expect(page.getByTestId('corpus-status')).toContainText('words matched by stems');
  });

  test('an n-gram row opens exactly its count; a regular expression finds whole words', async ({ page, lectern }) => {
    await lectern.open(page);
    await openTool(page, 'view-corpus', 'corpus-tool-ngrams');
    await page.getByTestId('corpus-n').fill('2');
    await page.getByTestId('corpus-min').fill('2');
    await page.getByTestId('corpus-run').click();
    const grams = await call(page, 'ngrams', { n: 2, min: 2, limit: 500 });
    const rows = page.getByTestId('corpus-table').locator('tbody tr');
    await expect(rows).toHaveCount(grams.rows.length);
    await rows.nth(1).click();
    await expect(page.getByTestId('kwic-line')).toHaveCount(grams.rows[1].frequency);
    // Regular expressions over word forms.
    // Regular expressions over lower-cased forms (the row left the unit at forms as written).
    await expect(page.getByTestId('corpus-unit')).toHaveValue('form');
    await page.getByTestId('corpus-unit').selectOption('lower');
    await page.getByTestId('corpus-query').fill('cyber.*');
    await page.getByTestId('corpus-regex').check();
    await page.getByTestId('corpus-run').click();
    const re = await call(page, 'concordance', { query: 'cyber.*', regex: true, unit: 'lower' });
    expect(re.total).toBeGreaterThan(5);
    await expect(page.getByTestId('kwic-line')).toHaveCount(re.total);
    for (const l of re.lines) expect(l.keyword.toLowerCase()).toMatch(/^cyber/);
    await page.getByTestId('corpus-query').fill('cyber(');
    await page.getByTestId('corpus-run').click();
    await expect(page.getByTestId('corpus-status')).toContainText('is not a regular expression');
  });

  test('trends: a chart per term and a data table with the numbers the CLI gives; exported as SVG and CSV', async ({ page, lectern }) => {
    await lectern.open(page);
    await openTool(page, 'view-corpus', 'corpus-tool-trend');
    await page.getByTestId('corpus-query').fill('cyber elections');
    await page.getByTestId('corpus-by').fill('speaker');
    await page.getByTestId('corpus-run').click();
    const chart = page.getByTestId('trend-chart');
    await expect(chart).toBeVisible();
    await expect(chart.locator('g.series')).toHaveCount(2);
    const trend = await call(page, 'trend', { terms: ['cyber', 'elections'], by: 'speaker' });
    const table = page.getByTestId('trend-table').locator('tbody tr');
    await expect(table).toHaveCount(trend.groups.length);
    for (const [i, g] of trend.groups.entries()) {
      await expect(table.nth(i).locator('td')).toHaveText([
        g.key,
        String(g.documents),
        String(g.words),
        ...g.counts.flatMap((c: number, k: number) => [String(c), String(g.perMillion[k])]),
      ]);
    }
    await expect(chart.locator('g.series').first().locator('circle')).toHaveCount(trend.groups.length);
    const [svg] = await Promise.all([page.waitForEvent('download'), page.getByTestId('corpus-export-svg').click()]);
    const svgText = readFileSync((await svg.path())!, 'utf8');
    expect(svgText).toMatch(/^<\?xml[^>]*>\n<svg[^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svgText).not.toMatch(/<script|on\w+=/i);
    await expectPngOf(page, chart);
    const [csv] = await Promise.all([page.waitForEvent('download'), page.getByTestId('corpus-export-csv').click()]);
    expect(readFileSync((await csv.path())!, 'utf8')).toContain(`${trend.groups[0].key},${trend.groups[0].documents},${trend.groups[0].words}`);
    // Evidence for the notes: the chart in light and dark (LECTERN_SCREENSHOTS=1 writes docs/screenshots/).
    await screenshotsOf(page, page.getByTestId('corpus-results'), 'trend');
  });

  test('dispersion: a bar per document with a tick per hit, as many as the concordance has lines', async ({ page, lectern }) => {
    await lectern.open(page);
    await openTool(page, 'view-corpus', 'corpus-tool-dispersion');
    await page.getByTestId('corpus-query').fill('elections');
    await page.getByTestId('corpus-run').click();
    const chart = page.getByTestId('dispersion-chart');
    await expect(chart).toBeVisible();
    const kwic = await call(page, 'concordance', { query: 'elections' });
    const docs = new Set(kwic.lines.map((l: { docId: string }) => l.docId));
    await expect(chart.locator('.dispersion-row')).toHaveCount(docs.size);
    await expect(chart.locator('.dispersion-hit')).toHaveCount(kwic.total);
    const cells = await page.getByTestId('dispersion-table').locator('tbody tr td:nth-child(3)').allTextContents();
    expect(cells.reduce((n, c) => n + Number(c), 0)).toBe(kwic.total);
    await expectPngOf(page, chart);
    await screenshotsOf(page, page.getByTestId('corpus-results'), 'dispersion');
  });

  test('keyness of a subcorpus against the rest: a bar per term, the table and the API agree', async ({ page, lectern }) => {
    await lectern.open(page);
    await openTool(page, 'view-corpus', 'corpus-tool-keyness');
    await page.getByTestId('corpus-query').fill('speaker:hunt');
    await page.getByTestId('corpus-run').click();
    const api = await call(page, 'keyness', { target: 'speaker:hunt', limit: 100 });
    await expect(page.getByTestId('corpus-status')).toContainText(`against the rest of the corpus: ${api.referenceDocuments} documents`);
    const chart = page.getByTestId('keyness-chart');
    await expect(chart.locator('.keyness-bar.over')).toHaveCount(Math.min(15, api.over.length));
    await expect(chart.locator('.keyness-bar.under')).toHaveCount(Math.min(15, api.under.length));
    const rows = page.getByTestId('keyness-table').locator('tbody tr');
    await expect(rows).toHaveCount(api.over.length + api.under.length);
    await expect(rows.first().locator('td')).toHaveText([
      api.over[0].term,
      'more',
      String(Math.round(api.over[0].g2 * 100) / 100),
      String(Math.round(api.over[0].logRatio * 100) / 100),
      String(api.over[0].countLeft),
      String(api.over[0].countRight),
      api.over[0].inFormulas ? `${api.over[0].inFormulas[0]} + ${api.over[0].inFormulas[1]}` : '',
    ]);
    await expectPngOf(page, chart);
    await screenshotsOf(page, chart, 'keyness');
  });

  test('a subcorpus that names a field the corpus lacks says so, and nothing breaks', async ({ page, lectern }) => {
    await lectern.open(page);
    await openTool(page, 'view-corpus', 'corpus-tool-words');
    await page.getByTestId('corpus-subcorpus').fill('party:Labour');
    await page.getByTestId('corpus-run').click();
    await expect(page.getByTestId('corpus-status')).toContainText('There is no field "party:" in this corpus');
  });
});
