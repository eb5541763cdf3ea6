/** Who is speaking: the reader's margin marks (speaker and kind per sentence), off by default, kept across documents, beside tagging and search. */
import type { Locator, Page } from '@playwright/test';
import { expect, expectCleanRun, test } from './fixtures';
import { call, createTagInPicker, selectText } from './helpers';

const INDEPENDENT_ID = '2021-05-12-raab-cooperation-independent';
const INDEPENDENT = 'UK foreign secretary calls for cooperation on cybersecurity';
const HUNT = 'Foreign Secretary outlines cybercrime deterrence';
const PLEDGED = 'Raab also pledged 22 million pounds';
const RUSSIA = 'Russia, which denied involvement in the breach';

function whoToggle(page: Page): Locator {
  return page.getByRole('button', { name: 'Who is speaking' });
}

/** The reader's row (passage and its margin) holding `phrase`. */
function rowOf(page: Page, phrase: string): Locator {
  return page.locator('.passage-row').filter({ has: page.getByTestId('passage').filter({ hasText: phrase }) });
}

/** Counts the page's calls of the attribution method, to see it fetched only while the toggle is on. */
function countAttributionCalls(page: Page): { n: number } {
  const seen = { n: 0 };
  page.on('request', (r) => {
    if (new URL(r.url()).pathname === '/api/attribution') seen.n++;
  });
  return seen;
}

/** How far (px) a mark's middle is from the middle of the first line of the sentence starting with `phrase`. */
function distanceFromLine(page: Page, mark: Locator, phrase: string): Promise<number> {
  return mark.evaluate((el, phrase) => {
    const passage = el.closest('.passage-row')!.querySelector('[data-passage-id]')!;
    const walker = document.createTreeWalker(passage, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
      const i = n.data.indexOf(phrase);
      if (i < 0) continue;
      const r = document.createRange();
      r.setStart(n, i);
      r.setEnd(n, i + 1);
      const line = r.getBoundingClientRect();
      const box = el.getBoundingClientRect();
      return Math.abs(box.top + box.height / 2 - (line.top + line.height / 2));
    }
    throw new Error(`"${phrase}" is not in the mark's passage`);
  }, phrase);
}

test.describe('who is speaking', () => {
  // Nothing may leave 127.0.0.1, and no exception may reach the page.
  test.afterEach(({ lectern }) => expectCleanRun(lectern));

  test('the toggle marks each sentence in the margin with its speaker and kind; off removes them; the choice holds across documents', async ({
    page,
    lectern,
  }) => {
    const calls = countAttributionCalls(page);
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: INDEPENDENT }).click();
    await expect(page.getByTestId('reader-title')).toHaveText(INDEPENDENT);

    // Off by default, and nothing fetched while it is off.
    const toggle = whoToggle(page);
    await expect(toggle).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('who-mark')).toHaveCount(0);
    expect(calls.n).toBe(0);

    // From the keyboard: the toggle is an ordinary button in the toolbar.
    await toggle.focus();
    await page.keyboard.press('Space');
    await expect(toggle).toHaveAttribute('aria-pressed', 'true');

    const pledged = rowOf(page, PLEDGED).getByTestId('who-mark');
    await expect(pledged).toHaveText([/^Dominic Raab · reported/]);
    await expect(pledged).toHaveClass(/who-reported/);
    const russia = rowOf(page, RUSSIA).getByTestId('who-mark');
    await expect(russia).toHaveText(['narration']);
    await expect(russia).toHaveClass(/who-narration/);
    expect(calls.n).toBe(1);

    // Beside the sentence's line, in the margin to the right of the text.
    expect(await distanceFromLine(page, pledged, PLEDGED)).toBeLessThan(12);
    expect(await distanceFromLine(page, russia, RUSSIA)).toBeLessThan(12);
    const passageBox = (await rowOf(page, PLEDGED).getByTestId('passage').boundingBox())!;
    expect((await pledged.boundingBox())!.x).toBeGreaterThanOrEqual(passageBox.x + passageBox.width);

    // The confidence shows only where the attribution is uncertain.
    const marks = await page
      .getByTestId('who-mark')
      .evaluateAll((els) => els.map((e) => ({ text: e.textContent!, uncertain: e.classList.contains('who-uncertain') })));
    expect(marks.length).toBeGreaterThan(5);
    for (const m of marks) expect(/ · \d+%$/.test(m.text)).toBe(m.uncertain);

    // The marks sit outside the passages: every passage's text is still exactly the document's.
    const doc = await call(page, 'document', { id: INDEPENDENT_ID });
    const shown = await page.getByTestId('passage').evaluateAll((els) => els.map((e) => e.textContent));
    expect(shown).toEqual(doc.passages.map((p) => p.text));

    // Another document opens with the marks on, its attribution fetched for it.
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
    await expect(page.getByTestId('reader-title')).toHaveText(HUNT);
    await expect(whoToggle(page)).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('who-mark').first()).toBeVisible();
    expect(calls.n).toBe(2);

    // Off: the marks go, and the next document fetches nothing.
    await whoToggle(page).click();
    await expect(whoToggle(page)).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByTestId('who-mark')).toHaveCount(0);
    await expect(page.getByTestId('who-margin')).toHaveCount(0);
    await page.getByTestId('library-item').filter({ hasText: INDEPENDENT }).click();
    await expect(page.getByTestId('reader-title')).toHaveText(INDEPENDENT);
    await expect(page.getByTestId('passage').first()).toBeVisible();
    await expect(page.getByTestId('who-mark')).toHaveCount(0);
    expect(calls.n).toBe(2);
  });

  test('with the marks on, tagging takes exactly the selected text, across passages too', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: INDEPENDENT }).click();
    await expect(page.getByTestId('reader-title')).toHaveText(INDEPENDENT);
    await whoToggle(page).click();
    await expect(rowOf(page, PLEDGED).getByTestId('who-mark')).toHaveText([/^Dominic Raab · reported/]);

    await selectText(page, PLEDGED);
    await expect(page.getByTestId('tag-picker')).toBeVisible();
    await createTagInPicker(page, 'Funding');
    await expect(page.getByTestId('annotation-mark')).toHaveText([PLEDGED]);
    const [a] = await call(page, 'annotations', { docId: INDEPENDENT_ID });
    const doc = await call(page, 'document', { id: INDEPENDENT_ID });
    expect(a.quote).toBe(PLEDGED);
    expect(doc.text.slice(a.start, a.end)).toBe(PLEDGED);
    // The mark beside the tagged sentence stays.
    await expect(rowOf(page, PLEDGED).getByTestId('who-mark')).toHaveText([/^Dominic Raab · reported/]);

    // A selection dragged across two passages (and the margin between them) keeps none of the margin's words.
    await page.getByTestId('reader-title').click();
    await selectText(page, RUSSIA, 'China in April denied');
    await createTagInPicker(page, 'Denials');
    await expect(page.getByTestId('annotation-item')).toHaveCount(2);
    const denial = (await call(page, 'annotations', { docId: INDEPENDENT_ID })).find((x) => x.quote.startsWith(RUSSIA))!;
    expect(denial.quote).toBe(doc.text.slice(denial.start, denial.end));
    expect(denial.quote.endsWith('China in April denied')).toBe(true);
    expect(denial.quote).toContain('unprovoked action.\n\nChina');
    expect(denial.quote).not.toContain('narration');
  });

  test('search hits stay highlighted with the marks on', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('search-input').fill('"prime target"');
    await page.getByTestId('result-passage').first().click();
    await expect(page.getByTestId('reader-title')).toHaveText(INDEPENDENT);
    await expect(page.getByTestId('hit-counter')).toHaveText('1 / 1');
    await whoToggle(page).click();
    await expect(rowOf(page, 'prime target').getByTestId('who-mark')).toHaveText([/^Dominic Raab · reported/]);
    await page.getByTestId('next-hit').click();
    await expect(page.getByTestId('hit-counter')).toHaveText('1 / 1');
    const hit = await page.evaluate(() => [...(CSS.highlights.get('lectern-hit-current') ?? [])].map((r) => r.toString()).join(''));
    expect(hit).toBe('prime target');
  });
});
