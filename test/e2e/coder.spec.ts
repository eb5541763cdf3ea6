/** Coders in the UI (issue 17): the top bar names who is coding, the name can be changed, and new tags record it. */
import { expect, expectCleanRun, test } from './fixtures';
import { call, createTagInPicker, selectText } from './helpers';

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
