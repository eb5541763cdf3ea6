/** Offline: every view of the app, used as a researcher would, asks nothing of any host but Lectern's own. */
import { expect, test } from './fixtures';
import { selectText } from './helpers';

const INDEPENDENT = 'UK foreign secretary calls for cooperation on cybersecurity';

test('every view (library, search, reader, tags, compare, help) makes no request beyond 127.0.0.1', async ({ page, lectern }) => {
  test.setTimeout(60_000);
  // Every request the page makes, to check the collector saw traffic at all.
  const seen: string[] = [];
  page.on('request', (r) => seen.push(r.url()));
  await lectern.open(page);

  // Library → Reader, with removed text shown.
  await page.locator('[data-testid="library-item"][data-doc-id="2021-05-12-raab-cooperation-independent"]').click();
  await expect(page.getByTestId('reader-title')).toHaveText(INDEPENDENT);
  await page.getByTestId('show-removed').click();

  // Search, then a result in the reader with hits.
  await page.getByTestId('search-input').fill('cyber');
  await expect(page.getByTestId('result').first()).toBeVisible();
  await page.getByTestId('result-passage').first().click();
  await expect(page.getByTestId('hit-counter')).toHaveText(/\d+ \/ \d+/);

  // Tagging in the reader, then the Tags view's two tabs.
  await page.getByTestId('search-input').fill('');
  await page.locator('[data-testid="library-item"][data-doc-id="2021-05-12-raab-cooperation-independent"]').click();
  await expect(page.getByTestId('hit-counter')).toBeHidden();
  await expect(page.getByTestId('reader-title')).toHaveText(INDEPENDENT);
  await selectText(page, 'prime target');
  await expect(page.getByTestId('tag-picker-input')).toBeFocused();
  await page.keyboard.type('Offline');
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('annotation-mark')).toHaveText(['prime target']);
  await page.getByTestId('view-tags').click();
  await expect(page.getByTestId('tags-view')).toBeVisible();
  await page.getByTestId('codebook-tag').first().click();
  await page.getByTestId('tags-tab-matrix').click();
  await page.getByTestId('tags-tab-passages').click();

  // Compare (when the view is present), each of its tabs.
  if (await page.getByTestId('view-compare').count()) {
    await page.getByTestId('view-compare').click();
    await expect(page.getByTestId('compare-view')).toBeVisible();
    for (const side of ['left', 'right'] as const) {
      const select = page.getByTestId(`side-${side}`);
      if ((await select.locator('option').count()) > 2) await select.selectOption({ index: side === 'left' ? 1 : 2 });
    }
    for (const tab of ['passages', 'terms', 'quotes']) {
      const button = page.getByTestId(`compare-tab-${tab}`);
      if (await button.count()) await button.click();
    }
    await expect(page.getByTestId('compare-panel')).not.toBeEmpty();
  }

  // Help overlay.
  await page.getByTestId('view-read').click();
  await page.locator('body').click({ position: { x: 5, y: 5 } });
  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await page.keyboard.press('Escape');

  expect(seen.length, 'requests were observed').toBeGreaterThan(5);
  expect(lectern.foreignRequests).toEqual([]);
  expect(seen.every((u) => u.startsWith(lectern.server.url))).toBe(true);
  expect(page.url()).toBe(lectern.server.url);
});
