/** Tagging: select text and tag it with the keyboard, the codebook, the matrix, undo and redo. */
import { expect, expectCleanRun, test } from './fixtures';
import type { Page } from '@playwright/test';
import { strToU8, zipSync } from 'fflate';
import { call, createTagInPicker, openTool, selectText } from './helpers';

/** Types into the picker that opened at the selection and applies the first (or the arrowed-to) option. */
async function pick(page: Page, typed: string): Promise<void> {
  await expect(page.getByTestId('tag-picker-input')).toBeFocused();
  await page.keyboard.type(typed);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tag-picker')).toBeHidden();
}

const HUNT = 'Foreign Secretary outlines cybercrime deterrence';
const HUNT_ID = '2019-03-07-hunt-cybercrime-deterrence';
const INDEPENDENT = 'UK foreign secretary calls for cooperation on cybersecurity';
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

test.describe('tagging', () => {
  // Nothing may leave 127.0.0.1, and no exception may reach the page.
  test.afterEach(({ lectern }) => expectCleanRun(lectern));

  test('select text, tag it with the keyboard; the API gets the exact offsets; after a reload the tag is there', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
    await expect(page.getByTestId('reader-title')).toHaveText(HUNT);
    await selectText(page, 'cybercrime deterrence and how it affects democracy');
    await expect(page.getByTestId('tag-picker')).toBeVisible();
    await createTagInPicker(page, 'Deterrence');

    const [a] = await call(page, 'annotations', { docId: HUNT_ID });
    expect(a.quote).toBe('cybercrime deterrence and how it affects democracy');
    const doc = await call(page, 'document', { id: HUNT_ID });
    expect(doc.text.slice(a.start, a.end)).toBe(a.quote);

    await page.reload();
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
    await expect(page.getByTestId('annotation-mark')).toHaveText(['cybercrime deterrence and how it affects democracy']);
    await expect(page.getByTestId('annotation-item')).toContainText('Deterrence');
    // Wrapping the tagged text left the passage's text exactly as it was.
    const passage = page.getByTestId('passage').filter({ has: page.getByTestId('annotation-mark') });
    const passageText = await passage.textContent();
    expect(doc.passages.some((p) => p.text === passageText)).toBe(true);
  });

  test('a selection across passages maps to canonical offsets, skipping the blank line between them', async ({ page, lectern }) => {
    await lectern.open(page);
    await call(page, 'createTag', { name: 'Sanctions' });
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
    await selectText(page, 'After Brexit, the UK', 'As for diplomatic penalties');
    await expect(page.getByTestId('tag-picker-input')).toBeFocused();
    await page.keyboard.type('sanc');
    await expect(page.getByTestId('tag-picker-option').first()).toContainText('Sanctions');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('annotation-item')).toHaveCount(1);
    const [a] = await call(page, 'annotations', { docId: HUNT_ID });
    const doc = await call(page, 'document', { id: HUNT_ID });
    expect(a.quote).toBe(doc.text.slice(a.start, a.end));
    expect(a.quote.startsWith('After Brexit, the UK')).toBe(true);
    expect(a.quote.endsWith('As for diplomatic penalties')).toBe(true);
    expect(a.quote).toContain('basis.”\n\n“As for');
    // Both passages show their part of the highlight.
    await expect(page.getByTestId('annotation-mark')).toHaveCount(2);
  });

  test('the picker filters existing tags; arrows and Enter apply one; Esc closes without tagging', async ({ page, lectern }) => {
    await lectern.open(page);
    await call(page, 'createTag', { name: 'Elections' });
    await call(page, 'createTag', { name: 'Election interference' });
    await call(page, 'createTag', { name: 'Trust' });
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();

    await selectText(page, 'foreign interference with elections');
    await expect(page.getByTestId('tag-picker-input')).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('tag-picker')).toBeHidden();
    expect(await call(page, 'annotations', {})).toEqual([]);

    // Pressing on a selection would drag it: click elsewhere first, as a user would.
    await page.getByTestId('reader-title').click();
    await selectText(page, 'foreign interference with elections');
    await expect(page.getByTestId('tag-picker-input')).toBeFocused();
    await page.keyboard.type('elec');
    // Matching tags, then the offer to create what was typed.
    await expect(page.getByTestId('tag-picker-option')).toHaveText([/Election interference/, /Elections/, 'Create tag “elec”']);
    await page.keyboard.press('ArrowDown');
    await expect(page.locator('[data-testid="tag-picker-option"][aria-selected="true"]')).toContainText('Elections');
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('annotation-item').getByTestId('tag-chip')).toHaveText(['Elections']);

    // A second tag and a note on the same passage, from its popover.
    await page.getByTestId('annotation-mark').first().click();
    const popover = page.getByTestId('annotation-popover');
    await popover.getByTestId('add-tag').click();
    await pick(page, 'Trust');
    await expect(popover.getByTestId('tag-chip')).toHaveCount(2);
    await popover.getByTestId('annotation-note').fill('Hunt links interference to trust.');
    await popover.getByTestId('annotation-note').blur();
    await expect(page.getByTestId('annotation-item')).toContainText('Hunt links interference to trust.');
    const [a] = await call(page, 'annotations', {});
    expect(a.tagIds).toHaveLength(2);
    expect(a.note).toBe('Hunt links interference to trust.');
  });

  test('overlapping tags both stay visible and clickable', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
    await selectText(page, 'cybercrime deterrence and how it affects democracy');
    await pick(page, 'Deterrence');
    await expect(page.getByTestId('annotation-item')).toHaveCount(1);
    await selectText(page, 'affects democracy and trust in governments');
    await pick(page, 'Democracy');
    await expect(page.getByTestId('annotation-item')).toHaveCount(2);
    const overlap = page.locator('.anno.overlap');
    await expect(overlap).toHaveText('affects democracy');
    await overlap.click();
    await expect(page.getByTestId('annotation-popover').getByTestId('tag-chip')).toHaveText([/Democracy/, /Deterrence/]);
  });

  test('create, rename and merge tags in the Tags view', async ({ page, lectern }) => {
    await lectern.open(page);
    const ann = async (tagName: string, from: string) => {
      const tag = (await call(page, 'codebook', {})).find((t) => t.name === tagName)!;
      const doc = await call(page, 'document', { id: HUNT_ID });
      const start = doc.text.indexOf(from);
      await call(page, 'tagRange', { docId: HUNT_ID, start, end: start + from.length, tagIds: [tag.id] });
    };
    await page.getByTestId('view-tags').click();
    await expect(page.getByTestId('tags-view')).toBeVisible();
    const create = page.getByTestId('new-tag-input');
    await create.fill('Threat');
    await create.press('Enter');
    await expect(page.getByTestId('codebook-tag')).toHaveCount(1);
    await create.fill('Cyber threats');
    await create.press('Enter');
    await expect(page.getByTestId('codebook-tag')).toHaveCount(2);
    await ann('Threat', 'malign cyber activity');
    await ann('Cyber threats', 'current cyber attacks');
    await ann('Cyber threats', 'deter future ones');

    // Rename: the selected tag's name is edited in place.
    await page.getByTestId('codebook-tag').filter({ hasText: 'Threat' }).first().click();
    await page
      .getByTestId('codebook-tag')
      .filter({ hasText: /^Threat/ })
      .click();
    const name = page.getByTestId('tag-name');
    await expect(name).toHaveValue('Threat');
    await name.fill('Malign activity');
    await name.press('Enter');
    await expect(page.getByTestId('codebook-tag').filter({ hasText: 'Malign activity' })).toHaveCount(1);
    await expect(page.getByTestId('tag-passage')).toHaveCount(1);
    await expect(page.getByTestId('tag-passage')).toContainText('malign cyber activity');
    await expect(page.getByTestId('tag-passage')).toContainText('Jeremy Hunt');

    // Merge it into "Cyber threats", after confirming.
    await page.getByTestId('merge-target').selectOption({ label: 'Cyber threats' });
    const dialog = page.getByTestId('confirm-dialog');
    await expect(dialog).toContainText('1 passage');
    await dialog.getByRole('button', { name: 'Merge' }).click();
    await expect(page.getByTestId('codebook-tag')).toHaveCount(1);
    await expect(page.getByTestId('codebook-tag')).toContainText('Cyber threats');
    await expect(page.getByTestId('codebook-tag').getByTestId('tag-count')).toHaveText('3');
    await expect(page.getByTestId('tag-passage')).toHaveCount(3);

    // Delete asks first, saying how many passages carry the tag.
    await page.getByTestId('delete-tag').click();
    await expect(dialog).toContainText('3 passages');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('codebook-tag')).toHaveCount(1);
  });

  test('the tag × speaker matrix counts passages, and a cell opens them; a passage opens in the reader', async ({ page, lectern }) => {
    await lectern.open(page);
    const tag = await call(page, 'createTag', { name: 'Elections' });
    for (const [id, phrase] of [
      [HUNT_ID, 'foreign interference with elections'],
      [HUNT_ID, 'interfered with democratic elections'],
      ['2021-05-12-raab-cooperation-independent', 'elections had become a'],
    ] as const) {
      const doc = await call(page, 'document', { id });
      const start = doc.text.indexOf(phrase);
      await call(page, 'tagRange', { docId: id, start, end: start + phrase.length, tagIds: [tag.id] });
    }
    await openTool(page, 'view-tags', 'tags-tab-matrix');
    const matrix = page.getByTestId('tag-matrix');
    await expect(matrix.locator('[data-testid="matrix-cell"][data-speaker="Jeremy Hunt"]')).toHaveText('2');
    await expect(matrix.locator('[data-testid="matrix-cell"][data-speaker="Dominic Raab"]')).toHaveText('1');
    await matrix.locator('[data-testid="matrix-cell"][data-speaker="Jeremy Hunt"]').click();
    await expect(page.getByTestId('filter-speaker')).toHaveValue('Jeremy Hunt');
    await expect(page.getByTestId('tag-passage')).toHaveCount(2);

    await page.getByTestId('tag-passage').filter({ hasText: 'interfered with democratic elections' }).getByTestId('open-in-reader').click();
    await expect(page.getByTestId('reader-title')).toHaveText(HUNT);
    await expect(page.getByTestId('annotation-popover')).toContainText('interfered with democratic elections');
    await expect(page.getByTestId('annotation-mark').filter({ hasText: 'interfered with democratic elections' })).toBeInViewport();

    // Search results show the tags on their passages, and tag: finds them.
    await page.keyboard.press('Escape');
    await page.getByTestId('search-input').fill('tag:Elections');
    await expect(page.getByTestId('result')).toHaveCount(2);
    await expect(page.getByTestId('result').filter({ hasText: INDEPENDENT }).getByTestId('result-tag')).toHaveText(['Elections']);
  });

  test('one gesture is one undo step: tagging with a new tag undoes at one Ctrl+Z, and redoes at one', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
    await selectText(page, 'National Offensive Cyber Programme');
    await pick(page, 'Offence');
    await expect(page.getByTestId('annotation-mark')).toHaveCount(1);

    await page.getByTestId('reader').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(`${mod}+z`);
    await expect(page.getByTestId('toast')).toContainText(/Undone: tagged “National Offensive Cyber Programme” with ‘Offence’/);
    await expect(page.getByTestId('annotation-mark')).toHaveCount(0);
    expect(await call(page, 'codebook', {}), 'the tag the gesture created goes with it').toEqual([]);
    expect((await call(page, 'history', {})).canUndo).toBe(false);

    await page.keyboard.press(`${mod}+Shift+z`);
    await expect(page.getByTestId('toast')).toContainText('Redone: tagged “National Offensive Cyber Programme” with ‘Offence’');
    await expect(page.getByTestId('annotation-mark')).toHaveText(['National Offensive Cyber Programme']);
    expect((await call(page, 'codebook', {})).map((t) => t.name)).toEqual(['Offence']);
  });

  test("the toast's Undo takes back the whole gesture, the new tag included", async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
    await selectText(page, 'National Offensive Cyber Programme');
    await pick(page, 'Offence');
    await expect(page.getByTestId('toast')).toContainText('Tagged “National Offensive Cyber Programme” as Offence');
    await page.getByTestId('toast').getByRole('button', { name: 'Undo' }).click();
    await expect(page.getByTestId('toast')).toContainText('Undone: tagged');
    await expect(page.getByTestId('annotation-mark')).toHaveCount(0);
    expect(await call(page, 'codebook', {})).toEqual([]);
    expect(await call(page, 'annotations', {})).toEqual([]);
  });

  test('tagging the same text again adds the tag to its passage: one annotation, one undo step each', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
    await selectText(page, 'National Offensive Cyber Programme');
    await pick(page, 'Offence');
    await expect(page.getByTestId('annotation-mark')).toHaveCount(1);
    await selectText(page, 'National Offensive Cyber Programme');
    await pick(page, 'Capabilities');
    await expect.poll(async () => (await call(page, 'annotations', {})).map((a) => a.tagIds.length)).toEqual([2]);
    await page.getByTestId('reader').click({ position: { x: 5, y: 5 } });
    await page.keyboard.press(`${mod}+z`);
    await expect(page.getByTestId('toast')).toContainText('Undone: tagged “National Offensive Cyber Programme” with ‘Capabilities’');
    expect((await call(page, 'annotations', {})).map((a) => a.tagIds.length)).toEqual([1]);
  });

  test('a note saved with Ctrl+Enter, then Esc, is one undo step', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
    await selectText(page, 'National Offensive Cyber Programme');
    await pick(page, 'Offence');
    await page.getByTestId('annotation-mark').click();
    const note = page.getByTestId('annotation-popover').getByTestId('annotation-note');
    await note.fill('A new unit.');
    await note.press('Control+Enter');
    await expect(page.getByTestId('toast')).toContainText('Note saved');
    await note.press('Escape');
    await expect(page.getByTestId('annotation-popover')).toBeHidden();
    await expect.poll(async () => (await call(page, 'history', {})).undoLabel).toBe('Undo: edited note on “National Offensive Cyber Programme”');
    await page.keyboard.press(`${mod}+z`);
    await expect(page.getByTestId('toast')).toContainText('Undone: edited note on “National Offensive Cyber Programme”');
    expect((await call(page, 'annotations', {}))[0].note).toBe('');
    await page.keyboard.press(`${mod}+z`);
    await expect(page.getByTestId('toast')).toContainText('Undone: tagged “National Offensive Cyber Programme” with ‘Offence’');
  });

  test('export downloads a file', async ({ page, lectern }) => {
    await lectern.open(page);
    const tag = await call(page, 'createTag', { name: 'Deterrence' });
    await call(page, 'tagRange', { docId: HUNT_ID, start: 0, end: 11, tagIds: [tag.id] });
    await page.getByTestId('view-tags').click();
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-csv').click()]);
    expect(download.suggestedFilename()).toMatch(/\.csv$/);
    const [qdpx] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-qdpx').click()]);
    expect(qdpx.suggestedFilename()).toMatch(/\.qdpx$/);
    const [qdc] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-qdc').click()]);
    expect(qdc.suggestedFilename()).toBe('lectern-tags.qdc');
  });

  test('a .qdpx whose source matches no document asks first, then imports its passages as orphans and says so', async ({ page, lectern }) => {
    await lectern.open(page);
    const text = 'A speech that is not in this corpus, about deterrence.';
    const start = text.indexOf('deterrence');
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="elsewhere">
  <CodeBook><Codes><Code guid="11111111-1111-4111-8111-111111111111" name="Deterrence" isCodable="true"/></Codes></CodeBook>
  <Sources><TextSource guid="22222222-2222-4222-8222-222222222222" name="Unknown speech"><PlainTextContent>${text}</PlainTextContent>
    <PlainTextSelection guid="33333333-3333-4333-8333-333333333333" name="deterrence" startPosition="${start}" endPosition="${start + 10}">
      <Coding guid="44444444-4444-4444-8444-444444444444"><CodeRef targetGUID="11111111-1111-4111-8111-111111111111"/></Coding>
    </PlainTextSelection>
  </TextSource></Sources>
</Project>`;
    await page.getByTestId('view-tags').click();
    await page
      .getByTestId('import-file')
      .setInputFiles({ name: 'elsewhere.qdpx', mimeType: 'application/zip', buffer: Buffer.from(zipSync({ 'project.qde': strToU8(xml) })) });
    const ask = page.getByTestId('confirm-dialog');
    await expect(ask).toContainText('“Unknown speech” (1 passage(s)): no document of this corpus has that id or title, or the same text');
    await ask.getByRole('button', { name: 'Import as orphans' }).click();
    await expect(page.getByTestId('import-notice')).toContainText('“Unknown speech” matches no document of this corpus');
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'OK' }).click();
    const [a] = await call(page, 'annotations', {});
    expect([a.docId, a.quote, a.orphan]).toEqual(['Unknown speech', 'deterrence', true]);
  });
});
