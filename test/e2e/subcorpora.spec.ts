/** Saved subcorpora in the UI: a query side of Compare saved under a name, then offered and used in the Corpus view. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, expectCleanRun, test } from './fixtures';
import { call, openTool } from './helpers';

const HUNT = 'speaker:"Jeremy Hunt"';
/** The side picker's "A subcorpus query…" entry (renderer/compare/sides.ts QUERY_CHOICE). */
const QUERY_CHOICE = ' a subcorpus query';

test.describe('saved subcorpora', () => {
  test.afterEach(({ lectern }) => expectCleanRun(lectern));

  test('a query side saved in Compare is offered by the Corpus view’s subcorpus field and counts what its query counts', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('view-compare').click();
    await expect(page.getByTestId('compare-status')).toHaveAttribute('data-pairs', /\d+/);
    await expect(page.getByTestId('save-side-left')).toBeHidden(); // a speaker side is not a query

    // The left side becomes a metadata query: Raab's two documents of 2021.
    await page.getByTestId('side-left').selectOption(QUERY_CHOICE);
    await page.getByTestId('side-query-input').fill('year:2021');
    await page.getByTestId('side-query-ok').click();
    await page.getByTestId('side-right').selectOption(HUNT);
    const byQuery = await call(page, 'compare', { left: 'year:2021', right: HUNT, threshold: 0.15 });
    await expect(page.getByTestId('compare-status')).toHaveAttribute('data-pairs', String(byQuery.pairs.length));
    await expect(page.getByTestId('side-desc-left')).toContainText('2 documents');

    // Save it: a name that is too long is refused in the dialog, then a good one saves.
    await page.getByTestId('save-side-left').click();
    await expect(page.getByTestId('save-subcorpus-query')).toHaveText('year:2021');
    await page.getByTestId('save-subcorpus-input').evaluate((el: HTMLInputElement) => el.removeAttribute('maxlength'));
    await page.getByTestId('save-subcorpus-input').fill('x'.repeat(61));
    await page.getByTestId('save-subcorpus-ok').click();
    await expect(page.getByTestId('save-subcorpus-error')).toContainText('at most 60 characters');
    await page.getByTestId('save-subcorpus-input').fill('Raab 2021');
    await page.getByTestId('save-subcorpus-ok').click();
    await expect(page.getByTestId('save-subcorpus')).toHaveCount(0);
    await expect(page.getByTestId('toast')).toContainText('Saved @Raab 2021: year:2021 · 2 documents');

    // The side is now the saved subcorpus, by name, with the same numbers; both pickers list it.
    await expect(page.getByTestId('side-left')).toHaveValue('@Raab 2021');
    await expect(page.getByTestId('save-side-left')).toBeHidden();
    await expect(page.getByTestId('side-right').locator('option[value="@Raab 2021"]')).toHaveText('@Raab 2021 — year:2021 · 2 documents');
    await expect(page.getByTestId('compare-status')).toHaveAttribute('data-pairs', String(byQuery.pairs.length));
    const saved = JSON.parse(readFileSync(path.join(lectern.corpusDir, '.lectern', 'subcorpora.json'), 'utf8'));
    expect(saved.subcorpora.map((s: { name: string; query: string }) => [s.name, s.query])).toEqual([['Raab 2021', 'year:2021']]);

    // The Corpus view offers it in its subcorpus field, and the word list of @name is that of the query.
    await openTool(page, 'view-corpus', 'corpus-tool-words');
    const offered = page.getByTestId('corpus-saved-subcorpora').locator('option');
    await expect(offered).toHaveCount(1);
    await expect(offered).toHaveAttribute('value', '@Raab 2021');
    await expect(offered).toHaveAttribute('label', 'year:2021 · 2 documents');
    expect(await page.getByTestId('corpus-subcorpus').getAttribute('list')).toBe('corpus-saved-subcorpora');
    await page.getByTestId('corpus-subcorpus').fill('@Raab 2021');
    await page.getByTestId('corpus-run').click();
    const words = await call(page, 'wordList', { subcorpus: 'year:2021', limit: 500 });
    await expect(page.getByTestId('corpus-status')).toContainText(`@Raab 2021: 2 documents, ${words.words.toLocaleString('en-US')} running words`);
    const rows = page.getByTestId('corpus-table').locator('tbody tr');
    await expect(rows).toHaveCount(words.rows.length);
    await expect(rows.first().locator('td').nth(2)).toHaveText(String(words.rows[0].frequency));

    // Its concordance is the subcorpus's lines only.
    await page.getByTestId('corpus-tool-kwic').click();
    await page.getByTestId('corpus-query').fill('elections');
    await page.getByTestId('corpus-run').click();
    const kwic = await call(page, 'concordance', { query: 'elections', subcorpus: 'year:2021' });
    await expect(page.getByTestId('corpus-status')).toContainText(`${kwic.total} lines of elections in @Raab 2021`);
    await expect(page.getByTestId('kwic-line')).toHaveCount(kwic.total);
  });

  test('"Save as…" in the Corpus view saves the subcorpus field; an unknown @name lists the saved ones', async ({ page, lectern }) => {
    await lectern.open(page);
    await openTool(page, 'view-corpus', 'corpus-tool-words');
    await page.getByTestId('corpus-subcorpus').fill('year:2019');
    await page.getByTestId('corpus-save-subcorpus').click();
    await page.getByTestId('save-subcorpus-input').fill('hunt19');
    await page.getByTestId('save-subcorpus-ok').click();
    await expect(page.getByTestId('corpus-subcorpus')).toHaveValue('@hunt19');
    await expect(page.getByTestId('corpus-saved-subcorpora').locator('option')).toHaveAttribute('label', 'year:2019 · 1 document');
    await page.getByTestId('corpus-subcorpus').fill('@hunt');
    await page.getByTestId('corpus-run').click();
    await expect(page.getByTestId('corpus-status')).toHaveText('There is no saved subcorpus "@hunt". The saved ones are @hunt19.');
  });
});
