/** Coders in the UI (issue 17): the top bar names who is coding, the name can be changed, and new tags record it. */
import { readFileSync } from 'node:fs';
import { expect, expectCleanRun, test } from './fixtures';
import { call, createTagInPicker, openTool, screenshotsOf, selectText } from './helpers';

test.afterEach(({ lectern }) => expectCleanRun(lectern));

test('the coder set in the top bar is recorded on the next tag, and shown once a document has two coders', async ({ page, lectern }) => {
  await lectern.open(page);
  const before = await call(page, 'coder', {});
  await expect(page.getByTestId('coder-button')).toHaveText(`Coding as ${before.name}`);
  await page.getByTestId('coder-button').click();
  await page.getByTestId('coder-dialog-input').fill('x\u0007y');
  await page.getByTestId('coder-dialog-ok').click();
  await expect(page.getByTestId('coder-dialog-error')).toContainText('control characters');
  await page.getByTestId('coder-dialog-input').fill('Ada Lovelace');
  await page.getByTestId('coder-dialog-ok').click();
  await expect(page.getByTestId('coder-button')).toHaveText('Coding as Ada Lovelace');

  const lib = await call(page, 'library', {});
  const doc = lib.documents.find((d) => d.id.includes('hunt'))!;
  // Another coder's passage in the same document (as an import of their export would add it).
  await call(page, 'setCoder', { name: 'Bea' });
  await call(page, 'tagRange', { docId: doc.id, start: 0, end: 12, newTags: ['Opening'] });
  await call(page, 'setCoder', { name: 'Ada Lovelace' });

  await page.getByTestId('library-item').filter({ hasText: doc.title }).click();
  await selectText(page, 'National Offensive Cyber Programme');
  await createTagInPicker(page, 'Capabilities');
  const mine = (await call(page, 'annotations', { docId: doc.id })).find((a) => a.quote === 'National Offensive Cyber Programme')!;
  expect(mine.coder).toBe('Ada Lovelace');
  await expect(page.getByTestId('annotation-coder')).toHaveText(['coded by Bea', 'coded by Ada Lovelace']);

  // Layers: hide Bea's; the reader, the Tags view's counts and its passages follow, as the API counts them.
  await page.getByTestId('reader').getByTestId('coder-layers').locator('input[data-coder="Bea"]').uncheck();
  await expect(page.getByTestId('annotation-coder')).toHaveText(['coded by Ada Lovelace']);
  await expect(page.getByTestId('doc-annotation-count')).toHaveText('1');
  await page.getByTestId('view-tags').click();
  const adaOnly = await call(page, 'codebook', { coders: ['Ada Lovelace'] });
  const opening = adaOnly.find((t) => t.name === 'Opening')!;
  expect(opening.count).toBe(0);
  await expect(page.locator(`[data-testid="codebook-tag"][data-tag-id="${opening.id}"] [data-testid="tag-count"]`)).toHaveText('0');
  await page.locator('[data-testid="coder-layers"]:visible input[data-coder="Bea"]').check();
  await expect(page.locator(`[data-testid="codebook-tag"][data-tag-id="${opening.id}"] [data-testid="tag-count"]`)).toHaveText('1');
});

test('agreement, disagreements (accept into the resolved layer, undone in one step) and co-occurrence, as the API answers', async ({ page, lectern }) => {
  await lectern.open(page);
  const lib = await call(page, 'library', {});
  const doc = lib.documents.find((d) => d.id.includes('hunt'))!;
  // Two coders on one document: both tag its opening as Crime; only Bea tags a later passage, and Ada adds Economy there.
  const as = async (coder: string, start: number, end: number, tags: string[]) => {
    await call(page, 'setCoder', { name: coder });
    await call(page, 'tagRange', { docId: doc.id, start, end, newTags: tags });
  };
  await as('Ada', 0, 40, ['Crime']);
  await as('Bea', 0, 40, ['Crime']);
  await as('Bea', 200, 260, ['Crime', 'Economy']);
  await as('Ada', 210, 250, ['Economy']);

  await openTool(page, 'view-tags', 'tags-tab-agreement');
  const api = await call(page, 'agreement', { unit: 'passage' });
  const rows = page.getByTestId('agreement-row');
  await expect(rows).toHaveCount(api.codes.length + 1);
  for (const [i, c] of api.codes.entries()) {
    const alpha = c.measures.krippendorffAlpha.value;
    await expect(rows.nth(i).locator('td').nth(4)).toHaveText(alpha === null ? '—' : alpha.toFixed(3));
    await expect(rows.nth(i).locator('td').nth(0)).toHaveText(String(c.units));
  }
  await screenshotsOf(page, page.getByTestId('agreement-panel'), 'agreement');
  await page.getByTestId('agreement-unit').selectOption('char');
  const byChar = await call(page, 'agreement', { unit: 'char' });
  await expect(page.getByTestId('agreement-summary')).toContainText('by character');
  await expect(rows.last().locator('td').nth(0)).toHaveText(String(byChar.overall.units));

  await page.getByTestId('tags-tab-disagreements').click();
  const dis = await call(page, 'disagreements', {});
  const spans = dis.codes.flatMap((c) => c.spans);
  await expect(page.getByTestId('disagreement')).toHaveCount(spans.length);
  await screenshotsOf(page, page.getByTestId('disagreements-panel'), 'disagreements');
  const before = (await call(page, 'annotations', {})).length;
  await page.getByTestId('disagreement').first().getByTestId('accept').first().click();
  await expect(page.getByTestId('toast')).toContainText('Accepted into the resolved layer');
  const resolved = (await call(page, 'annotations', {})).filter((a) => a.coder === 'resolved');
  expect(resolved).toHaveLength(1);
  await page.keyboard.press('Control+z');
  await expect(page.getByTestId('toast')).toContainText('Undone');
  expect((await call(page, 'annotations', {})).length).toBe(before);

  await page.getByTestId('tags-tab-cooccurrence').click();
  const co = await call(page, 'cooccurrence', { mode: 'overlap' });
  const off = co.cells.find((c) => c.a !== c.b)!;
  const names = new Map(co.codes.map((c) => [c.tagId, c.name]));
  const cell = page.locator(`[data-testid="cooccurrence-cell"][data-a="${names.get(off.a)}"][data-b="${names.get(off.b)}"]`);
  await expect(cell).toHaveText(String(off.count));
  await cell.click();
  await expect(page.getByTestId('cooccurrence-place')).toHaveCount(off.count);
  await screenshotsOf(page, page.getByTestId('cooccurrence-panel'), 'cooccurrence');
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('cooccurrence-export').click()]);
  const csv = readFileSync((await download.path())!, 'utf8')
    .trim()
    .split(/\r?\n/);
  expect(csv).toHaveLength(co.codes.length + 1);
  await page.getByTestId('cooccurrence-place').first().getByRole('button').click();
  await expect(page.getByTestId('reader')).toBeVisible();
});
