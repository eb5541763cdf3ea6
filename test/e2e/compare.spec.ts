/** Compare: two speakers or documents side by side: aligned passages, distinctive terms, own words, tags, export, errors. */
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, expectCleanRun, test } from './fixtures';
import { call, createTagInPicker, selectText } from './helpers';
import { formulaSentence } from '../../app/common/compare';

const RAAB = 'speaker:"Dominic Raab"';
const HUNT = 'speaker:"Jeremy Hunt"';
const HUNT_ID = '2019-03-07-hunt-cybercrime-deterrence';
const HUNT_TITLE = 'Foreign Secretary outlines cybercrime deterrence';
const INDEPENDENT_ID = '2021-05-12-raab-cooperation-independent';
const INDEPENDENT = 'UK foreign secretary calls for cooperation on cybersecurity';
const COALITION_ID = '2021-05-12-raab-international-coalition';
const COALITION = 'The UK calls for an international coalition for cybersecurity';

/** Opens the Compare view from its tab and waits for the first comparison. */
async function openCompare(page: Page): Promise<void> {
  await page.getByTestId('view-compare').click();
  await expect(page.getByTestId('compare-view')).toBeVisible();
  await expect(page.getByTestId('compare-status')).toHaveAttribute('data-pairs', /\d+/);
}

/** Turns on Whole documents (narration and others' words too) and waits for the comparison to follow. */
async function wholeDocuments(page: Page): Promise<void> {
  await page.getByTestId('whole-documents').check();
  await expect(page.getByTestId('side-desc-left')).not.toContainText('own words only');
  await expect(page.getByTestId('compare-status')).toHaveAttribute('data-pairs', /\d+/);
}

/** Puts every unlinked passage on the page (the lists show a few at first). */
async function showAllPieces(page: Page): Promise<void> {
  for (const side of ['left', 'right']) {
    const more = page.getByTestId(`only-${side}-more`);
    while (await more.isVisible()) await more.click();
  }
}

/** The text of every piece shown on one side (in pairs and in the "only" lists, folded or not). */
function sideTexts(page: Page, side: 'left' | 'right'): Promise<string[]> {
  return page.locator(`.cmp-card[data-side="${side}"] .cmp-text`).evaluateAll((els) => els.map((e) => e.textContent ?? ''));
}

test.describe('compare', () => {
  // Nothing may leave 127.0.0.1, and no exception may reach the page.
  test.afterEach(({ lectern }) => expectCleanRun(lectern));

  test('the shortcut opens Raab against Hunt; selecting the pair on interference in elections marks their shared words on both sides', async ({
    page,
    lectern,
  }) => {
    await lectern.open(page);
    await page.getByTestId('search-input').blur();
    await page.keyboard.press('c');
    await expect(page.getByTestId('compare-view')).toBeVisible();
    await expect(page.getByTestId('side-left')).toHaveValue(RAAB);
    await expect(page.getByTestId('side-right')).toHaveValue(HUNT);
    await expect(page.getByTestId('threshold-value')).toHaveText('0.15');
    // By default each side is what its speaker said: the journalists' narration is counted out, and says so.
    const own = await call(page, 'compare', { left: RAAB, right: HUNT });
    await expect(page.getByTestId('words-left-out-left')).toContainText(`${own.left.wordsLeftOut.narration} narration`);
    expect(own.distinctive.left.map((t: { term: string }) => t.term)).not.toContain('Raab');

    await wholeDocuments(page);
    const pair = page.getByTestId('pair').filter({ hasText: 'prime target' });
    await expect(pair).toHaveCount(1);
    await expect(pair).toContainText('compromising elections');
    await pair.getByTestId('pair-score').click();
    await expect(pair).toHaveAttribute('aria-selected', 'true');
    await expect(pair.locator('[data-side="left"] mark.shared')).toHaveText(['elections', 'interference', 'democratic']);
    await expect(pair.locator('[data-side="right"] mark.shared')).toHaveText(['elections', 'interference', 'elections', 'democratic']);
    await expect(pair.getByTestId('shared-term')).toHaveText(['elections', 'interference', 'democratic']);

    // What has no counterpart is listed apart, per side.
    const c = await call(page, 'compare', { left: RAAB, right: HUNT, wholeDocuments: true });
    await expect(page.getByTestId('only-left')).toContainText(`Only in Dominic Raab ${c.onlyLeft.length}`);
    // The first few are shown; the rest come on demand.
    const onlyRight = page.getByTestId('only-right').getByTestId('cmp-passage');
    await expect(onlyRight).toHaveCount(Math.min(6, c.onlyRight.length));
    await page.getByTestId('only-right-more').click();
    await expect(onlyRight).toHaveCount(c.onlyRight.length);
    await expect(page.getByTestId('only-right-more')).toBeHidden();

    // Every shown passage opens in the reader.
    await pair.locator('[data-side="right"]').getByTestId('open-in-reader').click();
    await expect(page.getByTestId('reader-title')).toHaveText(HUNT_TITLE);
    await page.keyboard.press('Alt+3');
    await expect(page.getByTestId('pair').filter({ hasText: 'prime target' })).toBeVisible();
  });

  test('moving the threshold re-runs the comparison with more or fewer pairs', async ({ page, lectern }) => {
    await lectern.open(page);
    await openCompare(page);
    const at = async (threshold: number) => (await call(page, 'compare', { left: RAAB, right: HUNT, threshold })).pairs.length;
    await expect(page.getByTestId('pair')).toHaveCount(await at(0.15));
    const lower = await at(0.1);
    expect(lower).toBeGreaterThan(await at(0.15));
    await page.getByTestId('threshold').fill('0.1');
    await expect(page.getByTestId('threshold-value')).toHaveText('0.10');
    await expect(page.getByTestId('pair')).toHaveCount(lower);
    await expect(page.getByTestId('compare-tab-passages')).toHaveText(`Aligned passages (${lower})`);
    // The page states the one definition of a pair, with the count it shows.
    const c = await call(page, 'compare', { left: RAAB, right: HUNT, threshold: 0.1 });
    await expect(page.getByTestId('pair-definition')).toHaveText(`${lower} pair${lower === 1 ? '' : 's'}. ${c.pairDefinition} ${formulaSentence(c)}`);
    await page.getByTestId('threshold').fill('0.5');
    await expect(page.getByTestId('pair')).toHaveCount(0);
    await expect(page.getByTestId('no-pairs')).toContainText('Lower the threshold');
  });

  test('a passage with several partners: selecting its pair marks the others, and its button goes to each in turn', async ({ page, lectern }) => {
    await lectern.open(page);
    await openCompare(page);
    await page.getByTestId('threshold').fill('0.08');
    await expect(page.getByTestId('threshold-value')).toHaveText('0.08');
    const c = await call(page, 'compare', { left: RAAB, right: HUNT, threshold: 0.08 });
    await expect(page.getByTestId('pair')).toHaveCount(c.pairs.length);
    // The best pair whose left passage is also paired elsewhere, and its partners, from the API.
    const ordered = [...c.pairs].sort((a, b) => b.score - a.score);
    const key = (r: { docId: string; start: number }) => `${r.docId}:${r.start}`;
    const i = ordered.findIndex((p) => ordered.filter((q) => key(q.left) === key(p.left) || key(q.right) === key(p.right)).length > 1);
    expect(i).toBeGreaterThanOrEqual(0);
    const partners = ordered.flatMap((q, k) => (k !== i && (key(q.left) === key(ordered[i].left) || key(q.right) === key(ordered[i].right)) ? [k] : []));

    const pairs = page.getByTestId('pair');
    await pairs.nth(i).getByTestId('pair-score').click();
    await expect(pairs.nth(i)).toHaveAttribute('aria-selected', 'true');
    await expect(page.locator('[data-testid="pair"].partner')).toHaveCount(partners.length);
    const jump = pairs.nth(i).getByTestId('partner-jump');
    await expect(jump).toHaveText(`${partners.length} other pairing${partners.length === 1 ? '' : 's'} ↓`);
    await expect(page.getByTestId('partner-jump').filter({ visible: true })).toHaveCount(1);
    for (const k of partners) {
      await jump.click();
      await expect(pairs.nth(k)).toHaveClass(/partner-flash/);
      await expect(pairs.nth(k)).toBeInViewport();
    }
  });

  test('distinctive terms are ranked per side with significance; clicking one shows its uses on both sides', async ({ page, lectern }) => {
    await lectern.open(page);
    await openCompare(page);
    await page.getByTestId('compare-tab-terms').click();
    const c = await call(page, 'compare', { left: RAAB, right: HUNT });
    await expect(page.getByTestId('terms-left').getByTestId('term')).toHaveCount(c.distinctive.left.length);
    await expect(page.getByTestId('terms-left').getByTestId('term').first()).toHaveText(new RegExp(c.distinctive.left[0].term));
    await expect(page.getByTestId('terms-left').locator('tr[data-significant="true"]')).toHaveCount(c.distinctive.left.filter((t) => t.significant).length);

    await page.getByTestId('terms-shared').locator('[data-term="cyber"]').click();
    const kwic = await call(page, 'compareKwic', { left: RAAB, right: HUNT, term: 'cyber' });
    expect(kwic.left.length).toBeGreaterThan(0);
    expect(kwic.right.length).toBeGreaterThan(0);
    await expect(page.getByTestId('kwic-term')).toHaveText('cyber');
    await expect(page.getByTestId('kwic-left').getByTestId('kwic-line')).toHaveCount(kwic.left.length);
    await expect(page.getByTestId('kwic-right').getByTestId('kwic-line')).toHaveCount(kwic.right.length);
    await expect(page.getByTestId('kwic-right').locator('.kwic-keyword').first()).toHaveText(/^cyber$/i);
    // The cell's counts are the lines it opens, and the table says what it counts.
    const cyber = c.distinctive.shared.find((t) => t.term === 'cyber')!;
    expect([kwic.totalLeft, kwic.totalRight]).toEqual([cyber.countLeft, cyber.countRight]);
    await expect(page.getByTestId('kwic-left-count')).toContainText(`${cyber.countLeft} use`);
    await expect(page.getByTestId('kwic-right-count')).toContainText(`${cyber.countRight} use`);

    // A term only one side uses: its lines there, and the other side says so.
    const own = c.distinctive.left.find((t) => t.countRight === 0)!;
    await page.getByTestId('terms-left').locator(`[data-term="${own.term}"]`).click();
    await expect(page.getByTestId('kwic-term')).toHaveText(own.term);
    await expect(page.getByTestId('kwic-left').getByTestId('kwic-line')).toHaveCount(own.countLeft);
    await expect(page.getByTestId('kwic-right')).toContainText('Not used on this side.');

    // A shared word of a pair leads to the same place.
    await page.getByTestId('compare-tab-passages').click();
    await page.getByTestId('pair').filter({ hasText: 'prime target' }).getByTestId('shared-term').filter({ hasText: 'interference' }).click();
    await expect(page.getByTestId('compare-tab-terms')).toHaveAttribute('aria-selected', 'true');
    await expect(page.getByTestId('kwic-term')).toHaveText('interference');
    await expect(page.getByTestId('kwic-left').getByTestId('kwic-line')).not.toHaveCount(0);
    await page.getByTestId('kwic-close').click();
    await expect(page.getByTestId('kwic')).toHaveCount(0);
  });

  test('stop words are ranked like any word; the Stop words select leaves the built-in list out of the tables and says so', async ({ page, lectern }) => {
    await lectern.open(page);
    await openCompare(page);
    await page.getByTestId('compare-tab-terms').click();
    const plain = await call(page, 'compare', { left: RAAB, right: HUNT });
    const stems = (c: typeof plain) => [...c.distinctive.left, ...c.distinctive.right, ...c.distinctive.shared].map((t) => t.stem);
    expect(stems(plain)).toContain('the');
    await expect(page.getByTestId('terms-shared').locator('[data-stem="the"]')).toHaveCount(1);
    await expect(page.getByTestId('term-stop-list')).toHaveText(/No stop list/);

    await page.getByTestId('compare-stop-list').selectOption('builtin');
    await expect(page.getByTestId('term-stop-list')).toHaveText(/built-in stop list \(108 words\) left out/);
    const listed = await call(page, 'compare', { left: RAAB, right: HUNT, stopList: 'builtin' });
    expect(stems(listed)).not.toContain('the');
    await expect(page.getByTestId('terms-shared').locator('[data-stem="the"]')).toHaveCount(0);
    await expect(page.getByTestId('terms-left').getByTestId('term')).toHaveCount(listed.distinctive.left.length);
    // Counts and sizes are the same with the list: only rows go.
    expect([listed.left.wordCount, listed.right.wordCount]).toEqual([plain.left.wordCount, plain.right.wordCount]);
    await page.getByTestId('compare-stop-list').selectOption('none');
    await expect(page.getByTestId('terms-shared').locator('[data-stem="the"]')).toHaveCount(1);
  });

  test('own words: quotations per side with who said them; narrowing a side to them shows only quotations', async ({ page, lectern }) => {
    await lectern.open(page);
    await openCompare(page);
    await wholeDocuments(page);
    await page.getByTestId('compare-tab-quotes').click();
    const c = await call(page, 'compare', { left: RAAB, right: HUNT, wholeDocuments: true });
    await expect(page.getByTestId('quotes-right').getByTestId('own-quotes').getByTestId('quote')).toHaveCount(c.quotes.right.length);
    await expect(page.getByTestId('quotes-right').getByTestId('quote').first()).toContainText('Jeremy Hunt');
    await expect(page.getByTestId('quotes-right').getByTestId('quote').first()).toContainText('He said:');

    await page.getByTestId('compare-tab-passages').click();
    await showAllPieces(page);
    const before = (await sideTexts(page, 'left')).length;
    await page.getByTestId('quotes-only-left').click();
    await expect(page.getByTestId('quotes-only-left')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('side-desc-left')).toContainText('quotation part');
    const narrowed = await call(page, 'compare', { left: RAAB, right: HUNT, quotesOnly: { left: true }, wholeDocuments: true });
    const quotes = narrowed.quotes.left.map((q) => q.text);
    await expect(page.getByTestId('side-desc-left')).toContainText('quotation part');
    await showAllPieces(page);
    await expect(page.locator('.cmp-card[data-side="left"]')).toHaveCount(narrowed.pairs.length + narrowed.onlyLeft.length);
    const shown = await sideTexts(page, 'left');
    expect(shown.length).not.toBe(before);
    for (const text of shown) expect(quotes.some((q) => q.includes(text))).toBe(true);
    // The other side is untouched.
    await expect(page.getByTestId('side-desc-right')).toContainText('11 passages');
  });

  test('the library badges two reports of one event, and opens Compare on the two', async ({ page, lectern }) => {
    await lectern.open(page);
    const coalition = page.getByTestId('library-item').filter({ hasText: COALITION });
    await expect(coalition.getByTestId('same-event')).toContainText('Same event as The Independent');
    await expect(coalition.getByTestId('same-event')).toHaveAttribute('title', `Same event as “${INDEPENDENT}”`);
    await expect(page.getByTestId('library-item').filter({ hasText: INDEPENDENT }).getByTestId('same-event')).toHaveAttribute('data-other-id', COALITION_ID);
    await expect(page.getByTestId('library-item').filter({ hasText: HUNT_TITLE }).getByTestId('same-event')).toHaveCount(0);
    await coalition.getByTestId('compare-same-event').click();
    await expect(page.getByTestId('compare-view')).toBeVisible();
    await expect(page.getByTestId('side-left')).toHaveValue(COALITION_ID);
    await expect(page.getByTestId('side-right')).toHaveValue(INDEPENDENT_ID);
    const c = await call(page, 'compare', { left: COALITION_ID, right: INDEPENDENT_ID });
    expect(c.pairs.length).toBeGreaterThan(0);
    await expect(page.getByTestId('pair')).toHaveCount(c.pairs.length);
    await expect(page.getByTestId('pair').filter({ hasText: '22 million' }).first()).toBeVisible();
  });

  test('"Compare…" on a document or a search result puts it on the left', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: HUNT_TITLE }).getByTestId('compare-doc').click();
    await expect(page.getByTestId('side-left')).toHaveValue(HUNT_ID);
    await expect(page.getByTestId('side-right')).toHaveValue(RAAB);
    await expect(page.getByTestId('side-desc-left')).toContainText('Jeremy Hunt');

    await page.getByTestId('view-read').click();
    await page.getByTestId('search-input').fill('"prime target"');
    await page.getByTestId('result').first().hover();
    await page.getByTestId('result').first().getByTestId('compare-doc').click();
    await expect(page.getByTestId('side-left')).toHaveValue(INDEPENDENT_ID);
    await expect(page.getByTestId('side-right')).toHaveValue(HUNT);
    await wholeDocuments(page);
    await expect(page.getByTestId('pair').filter({ hasText: 'prime target' })).toHaveCount(1);
  });

  test('tag a passage from Compare with the keyboard picker; the annotation has the document’s offsets', async ({ page, lectern }) => {
    await lectern.open(page);
    await openCompare(page);
    await selectText(page, 'cybercriminals compromising elections');
    await createTagInPicker(page, 'Elections');

    const [a] = await call(page, 'annotations', { docId: HUNT_ID });
    expect(a.quote).toBe('cybercriminals compromising elections');
    const doc = await call(page, 'document', { id: HUNT_ID });
    expect(doc.text.slice(a.start, a.end)).toBe(a.quote);
    // Painted over the shared-word marks, so possibly in pieces: together they are the tagged text.
    const painted = await page.getByTestId('compare-view').getByTestId('annotation-mark').allTextContents();
    expect(painted.join('')).toBe('cybercriminals compromising elections');

    // The same with the keyboard shortcut on a selection in a Raab passage.
    await page.getByTestId('compare-status').click();
    await selectText(page, 'prime target');
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('tag-picker')).toBeHidden();
    await page.keyboard.press('t');
    await expect(page.getByTestId('tag-picker-input')).toBeFocused();
    await page.keyboard.type('elec');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('toast')).toContainText('“prime target” as Elections');
    const [b] = await call(page, 'annotations', { docId: INDEPENDENT_ID });
    expect(b.quote).toBe('prime target');
  });

  test('a side narrowed to a tag holds only its tagged passages', async ({ page, lectern }) => {
    await lectern.open(page);
    const tag = await call(page, 'createTag', { name: 'Elections' });
    for (const [id, phrase] of [
      [HUNT_ID, 'compromising elections'],
      [INDEPENDENT_ID, 'elections had become a'],
    ] as const) {
      const doc = await call(page, 'document', { id });
      const start = doc.text.indexOf(phrase);
      await call(page, 'tagRange', { docId: id, start, end: start + phrase.length, tagIds: [tag.id] });
    }
    await openCompare(page);
    await wholeDocuments(page);
    await page.getByTestId('tag-right').selectOption({ label: 'Tagged Elections' });
    await expect(page.getByTestId('side-desc-right')).toContainText('1 passage · ');
    await expect(page.getByTestId('side-desc-right')).toContainText('tagged Elections');
    for (const text of await sideTexts(page, 'right')) expect(text).toContain('compromising elections');
    await page.getByTestId('tag-left').selectOption({ label: 'Tagged Elections' });
    await expect(page.getByTestId('side-desc-left')).toContainText('tagged Elections');
    await expect(page.locator('.cmp-card[data-side="left"]')).toHaveCount(1);
    await expect(page.locator('.cmp-card[data-side="left"]')).toContainText('prime target');
    // Widening again.
    await page.getByTestId('tag-left').selectOption({ label: 'Any passage' });
    await expect(page.getByTestId('side-desc-left')).not.toContainText('tagged');
  });

  test('export the report downloads the comparison as Markdown', async ({ page, lectern }) => {
    await lectern.open(page);
    await openCompare(page);
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('compare-export').click()]);
    expect(download.suggestedFilename()).toMatch(/^compare-.*dominic-raab.*jeremy-hunt.*\.md$/);
    const text = readFileSync((await download.path())!, 'utf8');
    expect(text).toContain('Dominic Raab');
    expect(text).toContain('Jeremy Hunt');
  });

  test('comparing a document with itself shows the API’s message in the view', async ({ page, lectern }) => {
    await lectern.open(page);
    await openCompare(page);
    await page.getByTestId('side-left').selectOption(HUNT_ID);
    await page.getByTestId('side-right').selectOption(HUNT_ID);
    await expect(page.getByTestId('compare-error')).toContainText('compared with itself');
    await expect(page.getByTestId('pair')).toHaveCount(0);
    await expect(page.getByTestId('compare-export')).toBeDisabled();
    // Choosing another side recovers.
    await page.getByTestId('side-right').selectOption(RAAB);
    await expect(page.getByTestId('compare-error')).toHaveCount(0);
    await expect(page.getByTestId('compare-export')).toBeEnabled();
  });
});
