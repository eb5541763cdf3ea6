/** Bring your own corpus: import files (button, drop), check and correct them first; edit metadata; open another corpus. */
import { readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { REPO } from '../helpers/repo';
import { expect, expectCleanRun, test } from './fixtures';
import { call } from './helpers';

const FIXTURES = path.join(REPO, 'test', 'fixtures', 'import');
const HUNT = 'Foreign Secretary outlines cybercrime deterrence';
const HUNT_ID = '2019-03-07-hunt-cybercrime-deterrence';
const corpusFiles = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f !== '.lectern')
    .sort();

test.describe('import and metadata', () => {
  // Nothing may leave 127.0.0.1, and no exception may reach the page.
  test.afterEach(({ lectern }) => expectCleanRun(lectern));

  test('import a saved web page: preview, correct the metadata, confirm; it is in the library, searchable, on disk', async ({ page, lectern }) => {
    await lectern.open(page);
    const before = corpusFiles(lectern.corpusDir);
    await page.getByTestId('import-input').setInputFiles(path.join(FIXTURES, 'article.html'));
    const dialog = page.getByTestId('import-dialog');
    await expect(dialog).toBeVisible();
    await expect(page.getByTestId('meta-title')).toHaveValue('Jeremy Hunt: democracies must deter cyber attacks on elections');
    await expect(page.getByTestId('meta-date')).toHaveValue('2019-03-07');
    await expect(page.getByTestId('meta-outlet')).toHaveValue('The Daily Ledger');
    await expect(page.getByTestId('meta-author')).toHaveValue('Sam Reporter');
    await expect(page.getByTestId('import-warnings')).toContainText('publication date');
    await expect(page.getByTestId('import-text')).toHaveValue(/^The Foreign Secretary, Jeremy Hunt, told an audience/);
    expect(corpusFiles(lectern.corpusDir), 'nothing is written before confirming').toEqual(before);

    await page.getByTestId('meta-title').fill('Hunt in Glasgow: deter attacks on elections');
    await page.getByTestId('meta-speakers').fill('Jeremy Hunt');
    await page.getByTestId('meta-event').fill('Speech at the University of Glasgow');
    await page.getByTestId('import-id').fill('press/hunt-glasgow-ledger');
    await page.getByTestId('import-text').press('Control+End');
    await page.getByTestId('import-text').pressSequentially('\n\nA closing line added in the preview.');
    await page.getByTestId('import-confirm').click();
    await expect(dialog).toBeHidden();
    await expect(page.getByTestId('toast')).toContainText('as press/hunt-glasgow-ledger.md');
    await expect(page.getByTestId('reader-title')).toHaveText('Hunt in Glasgow: deter attacks on elections');
    await expect(page.getByTestId('library-item').filter({ hasText: 'Hunt in Glasgow' })).toHaveCount(1);

    const source = readFileSync(path.join(lectern.corpusDir, 'press', 'hunt-glasgow-ledger.md'), 'utf8');
    expect(source).toContain(
      'title: "Hunt in Glasgow: deter attacks on elections"\nspeakers:\n  - Jeremy Hunt\ndate: 2019-03-07\nevent: Speech at the University of Glasgow\n',
    );
    expect(source).toContain('A closing line added in the preview.');

    await page.getByTestId('search-input').fill('"closing line added" speaker:hunt');
    await expect(page.getByTestId('result')).toHaveCount(1);
    await expect(page.getByTestId('result').first()).toContainText('Hunt in Glasgow');
  });

  test('drop a file on the window: the drop zone shows, the preview opens; cancelling writes nothing', async ({ page, lectern }) => {
    await lectern.open(page);
    const before = corpusFiles(lectern.corpusDir);
    const content = readFileSync(path.join(FIXTURES, 'remarks.md'), 'utf8');
    const transfer = await page.evaluateHandle((text) => {
      const dt = new DataTransfer();
      dt.items.add(new File([text], 'remarks.md', { type: 'text/markdown' }));
      return dt;
    }, content);
    await page.dispatchEvent('body', 'dragenter', { dataTransfer: transfer });
    await expect(page.getByTestId('drop-zone')).toBeVisible();
    await page.dispatchEvent('body', 'drop', { dataTransfer: transfer });
    await expect(page.getByTestId('drop-zone')).toBeHidden();
    await expect(page.getByTestId('import-dialog')).toBeVisible();
    await expect(page.getByTestId('meta-speakers')).toHaveValue('Dominic Raab');
    await expect(page.getByTestId('import-id')).toHaveValue('2021-05-12-remarks-at-the-cyber-security-conference');
    await page.getByTestId('import-cancel').click();
    await expect(page.getByTestId('import-dialog')).toBeHidden();
    expect(corpusFiles(lectern.corpusDir)).toEqual(before);
  });

  test('a file that cannot be imported: a message naming the file and the reason, and nothing written', async ({ page, lectern }) => {
    await lectern.open(page);
    const before = corpusFiles(lectern.corpusDir);
    await page.getByTestId('import-input').setInputFiles([path.join(FIXTURES, 'scanned.pdf'), path.join(FIXTURES, 'notes.txt')]);
    await expect(page.getByTestId('toast')).toContainText('Cannot import “scanned.pdf”: the PDF has no text to extract');
    // The next file still gets its preview; an existing name is only replaced when the user says so.
    await expect(page.getByTestId('import-dialog')).toBeVisible();
    await page.getByTestId('import-id').fill(HUNT_ID);
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('confirm-dialog')).toContainText('already has a document');
    await page.getByTestId('confirm-dialog').getByRole('button', { name: 'Cancel' }).click();
    await expect(page.getByTestId('import-dialog')).toBeVisible();
    await page.getByTestId('import-cancel').click();
    expect(corpusFiles(lectern.corpusDir)).toEqual(before);
  });

  test('edit a document’s metadata from the reader: only the front matter changes', async ({ page, lectern }) => {
    await lectern.open(page);
    const file = path.join(lectern.corpusDir, `${HUNT_ID}.md`);
    const body = (s: string) => s.slice(s.indexOf('\n---\n', 4));
    const original = readFileSync(file, 'utf8');
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
    await expect(page.getByTestId('reader-title')).toHaveText(HUNT);
    await page.getByTestId('edit-metadata').click();
    await expect(page.getByTestId('metadata-dialog')).toBeVisible();
    await expect(page.getByTestId('meta-speakers')).toHaveValue('Jeremy Hunt');
    await page.getByTestId('meta-title').fill('Hunt on deterring cybercrime');
    await page.getByTestId('meta-speakers').fill('Jeremy Hunt; A Second Speaker');
    await page.getByTestId('metadata-save').click();
    await expect(page.getByTestId('metadata-dialog')).toBeHidden();
    await expect(page.getByTestId('reader-title')).toHaveText('Hunt on deterring cybercrime');
    await expect(page.getByTestId('library-item').filter({ hasText: 'Hunt on deterring cybercrime' })).toContainText('A Second Speaker');
    const changed = readFileSync(file, 'utf8');
    expect(changed).toContain('title: Hunt on deterring cybercrime');
    expect(body(changed)).toBe(body(original));
    const lib = await call(page, 'library', {});
    expect(lib.documents.find((d) => d.id === HUNT_ID)?.speakers).toEqual(['Jeremy Hunt', 'A Second Speaker']);
  });

  test('files added, changed and removed by another program show up by themselves, the open document with its new text', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
    await expect(page.getByTestId('reader-title')).toHaveText(HUNT);
    // Added
    writeFileSync(
      path.join(lectern.corpusDir, 'added-elsewhere.md'),
      '---\ntitle: Written by another program\nspeakers: [Ada Example]\n---\n\nA paragraph about quantum deterrence.\n',
    );
    await expect(page.getByTestId('library-item').filter({ hasText: 'Written by another program' })).toBeVisible({ timeout: 5000 });
    // Changed: the open document shows its new text without being reopened.
    const file = path.join(lectern.corpusDir, `${HUNT_ID}.md`);
    writeFileSync(
      file,
      readFileSync(file, 'utf8').replace('He also outlined previous successes', 'He also outlined, as edited in another program, previous successes'),
    );
    await expect(page.getByTestId('reader')).toContainText('He also outlined, as edited in another program, previous successes', { timeout: 5000 });
    // Removed
    rmSync(path.join(lectern.corpusDir, 'added-elsewhere.md'));
    await expect(page.getByTestId('library-item').filter({ hasText: 'Written by another program' })).toHaveCount(0, { timeout: 5000 });
    expect((await call(page, 'search', { query: 'quantum' })).documents).toEqual([]);
  });

  test('open another corpus by its path; a missing folder is refused; New corpus; back through Recent', async ({ page, lectern }) => {
    await lectern.open(page);
    await page.getByTestId('open-corpus').click();
    await expect(page.getByTestId('corpus-path')).toHaveValue(lectern.corpusDir);
    await page.getByTestId('corpus-path').fill(path.join(lectern.corpusDir, 'no-such-folder'));
    await page.getByTestId('corpus-open').click();
    await expect(page.getByTestId('corpus-error')).toContainText('does not exist. Check the path, or use New Corpus to create it.');
    const fresh = path.join(path.dirname(lectern.corpusDir), 'fresh');
    await page.getByTestId('corpus-path').fill(fresh);
    await page.getByTestId('corpus-new').click();
    await expect(page.getByTestId('corpus-dialog')).toBeHidden();
    await expect(page.getByTestId('library')).toContainText('0 documents');
    await expect(page.getByTestId('library')).toContainText(fresh);

    // An import goes into the corpus open now.
    await page.getByTestId('import-input').setInputFiles(path.join(FIXTURES, 'notes.txt'));
    await page.getByTestId('import-confirm').click();
    await expect(page.getByTestId('library-item')).toHaveCount(1);
    expect(corpusFiles(fresh)).toEqual(['notes-on-the-glasgow-speech.md']);

    await page.getByTestId('open-corpus').click();
    await page.getByTestId('corpus-path').fill(lectern.corpusDir);
    await page.getByTestId('corpus-open').click();
    await expect(page.getByTestId('library-item').filter({ hasText: HUNT })).toHaveCount(1);
    await page.getByTestId('open-corpus').click();
    await expect(page.getByTestId('recent-corpus')).toHaveText([new RegExp(`corpus ${lectern.corpusDir}`), new RegExp(`fresh ${fresh}`)]);
    await page.getByTestId('recent-corpus').nth(1).click();
    await expect(page.getByTestId('library-item')).toHaveCount(1);
    await expect(page.getByTestId('library-item')).toContainText('Notes on the Glasgow speech');
  });

  test('an empty corpus offers the sample corpus: written beside it, opened, searchable by party', async ({ page, lectern }) => {
    // Writing and indexing 233 addresses takes seconds, more on a busy machine than the default 30 s allow.
    test.setTimeout(120_000);
    await lectern.open(page);
    const empty = path.join(path.dirname(lectern.corpusDir), 'empty');
    await page.getByTestId('open-corpus').click();
    await page.getByTestId('corpus-path').fill(empty);
    await page.getByTestId('corpus-new').click();
    await expect(page.getByTestId('library')).toContainText('0 documents');
    await page.getByTestId('try-sample').click();
    const sampleDir = path.join(path.dirname(lectern.corpusDir), 'State of the Union');
    await expect(page.getByTestId('corpus-path')).toHaveValue(sampleDir);
    await expect(page.getByTestId('corpus-sample')).toBeFocused();
    await page.getByTestId('corpus-sample').click();
    // 22 MB of text written, read, cleaned and indexed before the dialog closes.
    await expect(page.getByTestId('corpus-dialog')).toBeHidden({ timeout: 60_000 });
    await expect(page.getByTestId('library-item')).toHaveCount(233);
    expect(corpusFiles(sampleDir)).toHaveLength(233);
    await expect(page.locator('[data-testid="library-item"][data-doc-id="2016-barack-obama"] [data-testid="item-attributes"]')).toHaveText('party: Democratic');
    const res = await call(page, 'search', { query: 'party:Whig' });
    // The files say which addresses are a Whig's; the search finds exactly those.
    const whigs = corpusFiles(sampleDir)
      .filter((f) => /^party: "Whig"$/m.test(readFileSync(path.join(sampleDir, f), 'utf8')))
      .map((f) => f.replace(/\.txt$/, ''));
    expect(whigs.length).toBeGreaterThan(0);
    expect(res.documents.map((d: { id: string }) => d.id).sort()).toEqual(whigs.sort());
    // Offered again over a folder with files, it refuses and says why.
    await page.getByTestId('open-corpus').click();
    await page.getByTestId('corpus-path').fill(sampleDir);
    await page.getByTestId('corpus-sample').click();
    await expect(page.getByTestId('corpus-error')).toContainText('is not empty. Choose a new or empty folder');
  });
});
