/** The foundation: library, search as you type, the reader with hits, removed text and boilerplate, keyboard use. */
import path from 'node:path';
import type { Page } from '@playwright/test';
import { expect, expectCleanRun, test } from './fixtures';

const INDEPENDENT = 'UK foreign secretary calls for cooperation on cybersecurity';
const COALITION = 'The UK calls for an international coalition for cybersecurity';
const HUNT = 'Foreign Secretary outlines cybercrime deterrence';

/** Number of ranges painted by a CSS Custom Highlight (search hits are painted that way, leaving the text's DOM alone). */
function highlightSize(page: Page, name: string): Promise<number> {
  return page.evaluate((n) => CSS.highlights.get(n)?.size ?? 0, name);
}

function currentHitText(page: Page): Promise<string> {
  return page.evaluate(() => {
    const h = CSS.highlights.get('lectern-hit-current');
    return h ? [...h].map((r) => r.toString()).join('') : '';
  });
}

test.describe('foundation', () => {
  // Nothing may leave 127.0.0.1, and no exception may reach the page.
  test.afterEach(({ lectern }) => expectCleanRun(lectern));

  test('the library lists the three seed documents with their metadata', async ({ page, lectern }) => {
    await lectern.open(page);
    const items = page.getByTestId('library-item');
    await expect(items).toHaveCount(3);
    // 349: "U.K." (3 times) and "U.S." are one word each.
    await expect(items.filter({ hasText: INDEPENDENT })).toContainText(/Dominic Raab.*2021.*The Independent.*349 words/);
    await expect(items.filter({ hasText: COALITION })).toContainText(/Dominic Raab.*2021.*Unknown \(web aggregator\)/);
    await expect(items.filter({ hasText: HUNT })).toContainText(/Jeremy Hunt.*2019.*Defence Online.*372 words/);
    await expect(page.getByTestId('library')).toContainText('3 documents');
    await expect(page.getByTestId('diagnostics')).toHaveCount(0);
  });

  test('search as you type: an exact phrase finds only the Independent report, its snippet highlighting the phrase', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('search-input').pressSequentially('"prime target"');
    const results = page.getByTestId('result');
    await expect(results).toHaveCount(1);
    await expect(results.first()).toContainText(INDEPENDENT);
    await expect(results.first()).toContainText('The Independent');
    const passage = page.getByTestId('result-passage').first();
    await expect(passage.locator('mark')).toHaveText(['prime target']);
    await expect(page.getByTestId('result-count')).toContainText('1 document · 1 passage');
    const facets = page.getByTestId('facets');
    await expect(facets).toContainText('Dominic Raab');
    await expect(facets).toContainText('2021');
    await expect(page.getByTestId('library')).toBeHidden();
  });

  test('every keystroke searches at once; the page gets snippets, not whole passages, and shows the last query typed', async ({ page, lectern }) => {
    await lectern.open(page);
    const replies: { query: string; passages: Record<string, unknown>[] }[] = [];
    page.on('response', async (r) => {
      if (!r.url().endsWith('/api/search')) return;
      const body = await r.json().catch(() => null);
      if (body?.value)
        replies.push({ query: body.value.query, passages: body.value.documents.flatMap((d: { passages: Record<string, unknown>[] }) => d.passages) });
    });
    await page.getByTestId('search-input').pressSequentially('sanctions', { delay: 5 });
    await expect(page.getByTestId('result').first()).toBeVisible();
    await expect(page.getByTestId('result-passage').first().locator('mark').first()).toHaveText(/sanctions/i);
    // One request per keystroke (no typing delay swallows them); older ones may be aborted. A reply's
    // body is read after the page has painted it, so the last one may be a moment behind the page.
    await expect.poll(() => replies.some((r) => r.query === 'sanctions')).toBe(true);
    for (const r of replies) for (const p of r.passages) expect(p.text, 'no whole passage text').toBeUndefined();
    expect(replies.flatMap((r) => r.passages).some((p) => typeof (p.snippet as { text: string }).text === 'string')).toBe(true);
  });

  test('a facet adds its filter to the query', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('search-input').fill('elections');
    await expect(page.getByTestId('result')).toHaveCount(3);
    await page
      .getByTestId('facets')
      .getByRole('button', { name: /Jeremy Hunt/ })
      .click();
    await expect(page.getByTestId('search-input')).toHaveValue('elections speaker:"Jeremy Hunt"');
    await expect(page.getByTestId('result')).toHaveCount(1);
    await expect(page.getByTestId('result')).toContainText(HUNT);
  });

  test('opening a result shows the document scrolled to the passage, with every hit highlighted', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('search-input').fill('"prime target"');
    await page.getByTestId('result-passage').first().click();
    await expect(page.getByTestId('reader-title')).toHaveText(INDEPENDENT);
    const reader = page.getByTestId('reader');
    await expect(reader).toContainText('CYBERUK 2021');
    await expect(reader).toContainText('Online');
    const target = page.getByTestId('passage').filter({ hasText: 'prime target' });
    await expect(target).toBeInViewport();
    await expect(page.getByTestId('hit-counter')).toHaveText('1 / 1');
    expect(await highlightSize(page, 'lectern-hit')).toBe(1);
    expect(await currentHitText(page)).toBe('prime target');
  });

  test('hit navigation with buttons and keys', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('search-input').fill('raab');
    await page.getByTestId('result').filter({ hasText: INDEPENDENT }).getByTestId('result-passage').first().click();
    const counter = page.getByTestId('hit-counter');
    await expect(counter).toHaveText(/^\d+ \/ \d+$/);
    const [first, total] = (await counter.textContent())!.split(' / ').map(Number);
    expect(total).toBeGreaterThan(3);
    expect(await highlightSize(page, 'lectern-hit')).toBe(total);
    /** The counter after moving `delta` hits from the first one shown (wrapping around at the ends). */
    const at = (delta: number) => `${((first - 1 + delta + total * 4) % total) + 1} / ${total}`;

    await page.getByTestId('next-hit').click();
    await expect(counter).toHaveText(at(1));
    await page.keyboard.press('n');
    await expect(counter).toHaveText(at(2));
    await page.keyboard.press('Shift+N');
    await expect(counter).toHaveText(at(1));
    await page.keyboard.press('F3');
    await expect(counter).toHaveText(at(2));
    await page.keyboard.press('Shift+F3');
    await expect(counter).toHaveText(at(1));
    for (let i = 0; i < total; i++) await page.getByTestId('prev-hit').click();
    await expect(counter).toHaveText(at(1 - total));
    expect((await currentHitText(page)).toLowerCase()).toBe('raab');
  });

  test('a malformed query says what is wrong under the search box', async ({ page, lectern }) => {
    await lectern.open(page);
    const input = page.getByTestId('search-input');
    const error = page.getByTestId('query-error');
    await input.fill('year:20x');
    await expect(error).toBeVisible();
    await expect(error).toContainText('"year:20x" is not a year');
    await input.fill('"prime target');
    await expect(error).toContainText('no closing quote');
    await input.fill('"prime target"');
    await expect(error).toBeHidden();
    await expect(page.getByTestId('result')).toHaveCount(1);
  });

  test('keyboard: / focuses search, arrows move, Enter opens, Esc goes back step by step', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.locator('body').click({ position: { x: 900, y: 400 } });
    await expect(page.getByTestId('search-input')).not.toBeFocused();
    await page.keyboard.press('/');
    await expect(page.getByTestId('search-input')).toBeFocused();
    await page.keyboard.type('raab');
    const passages = page.getByTestId('result-passage');
    await expect(passages.first()).toBeVisible();
    await page.keyboard.press('ArrowDown');
    await expect(passages.nth(0)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('ArrowDown');
    await expect(passages.nth(1)).toHaveAttribute('aria-selected', 'true');
    await expect(passages.nth(0)).toHaveAttribute('aria-selected', 'false');
    const expectedTitle = await passages.nth(1).evaluate((el) => el.closest('[data-testid="result"]')!.querySelector('.item-title')!.textContent);
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('reader-title')).toHaveText(expectedTitle!);
    await page.keyboard.press('n');
    await expect(page.getByTestId('hit-counter')).not.toHaveText(/^1 \//);

    await page.keyboard.press('Escape');
    await expect(page.getByTestId('reader')).toBeHidden();
    await expect(page.getByTestId('search-input')).toBeFocused();
    await expect(passages.nth(1)).toHaveAttribute('aria-selected', 'true');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('search-input')).toHaveValue('');
    await expect(page.getByTestId('library')).toBeVisible();

    // The library is navigable the same way.
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('reader-title')).toHaveText(COALITION);
  });

  test('the help overlay lists shortcuts and the query syntax', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.locator('body').click({ position: { x: 900, y: 400 } });
    await page.keyboard.press('?');
    const help = page.getByTestId('help-overlay');
    await expect(help).toBeVisible();
    await expect(help).toContainText('speaker:"Jeremy Hunt"');
    await expect(help).toContainText('year:2019..2021');
    await expect(help).toContainText('tag:');
    await page.keyboard.press('Escape');
    await expect(help).toBeHidden();
  });

  test('boilerplate is not findable, and "show removed text" reveals it with its rule', async ({ page, lectern }) => {
    await lectern.open(page);
    // As a phrase: typed loose, its stop word "a" (indexed like any word) finds the article text.
    await page.getByTestId('search-input').fill('"Leave a Reply"');
    await expect(page.getByTestId('no-results')).toBeVisible();
    await expect(page.getByTestId('result')).toHaveCount(0);

    await page.getByTestId('search-input').fill('');
    await page.getByTestId('library-item').filter({ hasText: COALITION }).click();
    await expect(page.getByTestId('reader-title')).toHaveText(COALITION);
    await expect(page.getByTestId('reader')).not.toContainText('Leave a Reply');
    await expect(page.getByTestId('removed')).toHaveCount(0);
    await page.getByTestId('show-removed').click();
    const removed = page.getByTestId('removed').filter({ hasText: 'Leave a Reply' });
    await expect(removed).toBeVisible();
    // Removed text is outside the canonical text: never inside a passage element.
    await expect(page.getByTestId('passage').filter({ hasText: 'Leave a Reply' })).toHaveCount(0);
    await page.keyboard.press('r');
    await expect(page.getByTestId('removed')).toHaveCount(0);
  });

  test('a passage marked as boilerplate leaves the text and search, and can be unmarked', async ({ page, lectern }) => {
    const paragraph = 'A British defense review in March called for an increase in cyberwar capabilities.';
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: COALITION }).click();
    const row = page.locator('.passage-row').filter({ hasText: paragraph });
    await row.hover();
    await row.getByTestId('mark-boilerplate').click();
    await expect(page.getByTestId('passage').filter({ hasText: paragraph })).toHaveCount(0);
    await expect(page.getByTestId('toast')).toContainText('Marked as boilerplate');

    await page.getByTestId('search-input').fill('cyberwar');
    await expect(page.getByTestId('no-results')).toBeVisible();

    await page.getByTestId('show-removed').click();
    const mine = page.locator('[data-testid="removed"][data-rule="user"]');
    await expect(mine).toContainText(paragraph);
    await mine.getByTestId('unmark-boilerplate').click();
    await expect(page.getByTestId('passage').filter({ hasText: paragraph })).toHaveCount(1);
    await page.getByTestId('search-input').fill('cyberwars');
    await expect(page.getByTestId('result')).toHaveCount(1);
  });
});

test.describe('hostile and broken corpus files', () => {
  test.use({ corpusSource: path.join(__dirname, 'corpora', 'hostile') });

  test('a broken file is named in the library with its problem; the rest loads', async ({ page, lectern }) => {
    await lectern.open(page);
    const diagnostics = page.getByTestId('diagnostics');
    await expect(diagnostics).toBeVisible();
    await expect(diagnostics).toContainText('broken-front-matter.md');
    await expect(diagnostics).toContainText('front matter is not valid YAML');
    await expect(page.getByTestId('library-item').filter({ hasText: 'A page full of tricks' })).toBeVisible();
  });

  test('document HTML is sanitised and links ask before opening outside Lectern', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: 'A page full of tricks' }).click();
    const text = page.locator('.doc-text');
    await expect(text).toContainText('Raw HTML is shown as text');
    expect(await page.evaluate(() => (window as { __pwned?: boolean }).__pwned)).toBeUndefined();
    await expect(text.locator('img, script')).toHaveCount(0);
    await expect(text.locator('strong')).toHaveText('Bold claims');
    // Only the web link keeps its href.
    const hrefs = await text.locator('a').evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(hrefs).toEqual(['https://example.org/ministry', null, null]);

    const popups: string[] = [];
    page.context().on('page', (p) => popups.push(p.url()));
    await text.getByText('the ministry').click();
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog).toContainText('https://example.org/ministry');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(dialog).toBeHidden();
    expect(page.url()).toBe(lectern.server.url);
    expect(popups).toEqual([]);
    expect(lectern.foreignRequests).toEqual([]);
  });
});
