/**
 * The team server's page (issue 17): a real team server on a real PostgreSQL, one browser context per
 * person. Signing in (a wrong password says so), live changes (what ana tags shows on ben's page
 * without a reload), the roles in the UI (a viewer is offered no tagging, a coder no codebook keeping;
 * the API refuses them anyway), signing out and a session ended elsewhere, and no new CSP violation.
 */
import { expect, test, type Browser, type BrowserContext, type Page } from '@playwright/test';
import type { MethodName, RequestOf, ResponseOf } from '../../app/common/contract';
import { unwrap } from '../../app/common/envelope';
import { CSRF_HEADER, ROLE_RIGHTS, TEAM_ME_PATH, type TeamRole } from '../../app/common/teamSession';
import { startTeamServer } from '../helpers/teamServer';
import { createTagInPicker, openTool, screenshotsOf, selectText } from './helpers';

const ACCOUNTS = [
  { name: 'olga', role: 'owner', password: 'olga-owner-pass' },
  { name: 'ana', role: 'coder', password: 'ana-coder-pass' },
  { name: 'ben', role: 'coder', password: 'ben-coder-pass' },
  { name: 'vic', role: 'viewer', password: 'vic-viewer-pass' },
] satisfies Array<{ name: string; role: TeamRole; password: string }>;
type Account = (typeof ACCOUNTS)[number];
const account = (name: string): Account => ACCOUNTS.find((a) => a.name === name)!;

const HUNT = 'Foreign Secretary outlines cybercrime deterrence';
const HUNT_ID = '2019-03-07-hunt-cybercrime-deterrence';
const PHRASE = 'cybercrime deterrence and how it affects democracy';
const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

let server: { url: string; close(): Promise<void> };
test.beforeAll(async () => {
  test.setTimeout(120_000);
  server = await startTeamServer({ accounts: ACCOUNTS });
});
test.afterAll(async () => {
  await server?.close();
});

/** One person's browser: what the page did wrong over the whole test. */
interface Person {
  context: BrowserContext;
  page: Page;
  /** CSP violations Chromium reported, uncaught exceptions, and requests that left the team server. */
  problems: string[];
}

const people: Person[] = [];
test.afterEach(async () => {
  for (const p of people.splice(0)) {
    expect(p.problems).toEqual([]);
    await p.context.close();
  }
});

async function browserOf(browser: Browser): Promise<Person> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) problems.push(`CSP: ${m.text()}`);
  });
  page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
  context.on('request', (r) => {
    if (!r.url().startsWith(server.url) && !/^(data|blob):/.test(r.url())) problems.push(`foreign request: ${r.url()}`);
  });
  const person = { context, page, problems };
  people.push(person);
  return person;
}

/** Signs in on the sign-in screen with the keyboard, as a person would, and waits for the app. */
async function signIn(page: Page, who: Account): Promise<void> {
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await page.getByLabel('Name', { exact: true }).fill(who.name);
  await page.getByLabel('Password', { exact: true }).fill(who.password);
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('library')).toBeVisible();
  await expect(page.getByTestId('coder-account')).toHaveText(`Signed in as ${who.name} (${who.role})`);
}

async function signedIn(browser: Browser, name: string): Promise<Page> {
  const { page } = await browserOf(browser);
  await page.goto(server.url);
  await signIn(page, account(name));
  return page;
}

/** A contract call from the page as the signed-in account (its cookie and CSRF token): the status and the reply. */
async function rawCall(page: Page, method: MethodName, req: unknown): Promise<{ status: number; reply: unknown }> {
  return page.evaluate(
    async ([m, r, mePath, header]) => {
      const me = await fetch(mePath, { credentials: 'same-origin' });
      const csrf = me.ok ? ((await me.json()) as { value: { csrf: string } }).value.csrf : '';
      const res = await fetch('/api/' + m, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [header]: csrf },
        body: JSON.stringify(r),
        credentials: 'same-origin',
      });
      return { status: res.status, reply: await res.json() };
    },
    [method, req, TEAM_ME_PATH, CSRF_HEADER] as const,
  );
}

async function call<M extends MethodName>(page: Page, method: M, req: RequestOf<M>): Promise<ResponseOf<M>> {
  return unwrap<ResponseOf<M>>((await rawCall(page, method, req)).reply);
}

async function openHunt(page: Page): Promise<void> {
  await page.getByTestId('library-item').filter({ hasText: HUNT }).click();
  await expect(page.getByTestId('reader-title')).toHaveText(HUNT);
}

test.describe.configure({ mode: 'serial' });

test('a wrong password shows the server’s message; the right one opens the app with the account and its rights in the top bar', async ({ browser }) => {
  const { page } = await browserOf(browser);
  await page.goto(server.url);
  await expect(page.getByTestId('sign-in')).toBeVisible();
  await expect(page.getByTestId('library')).toHaveCount(0);
  await expect(page.getByLabel('Name', { exact: true })).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByLabel('Password', { exact: true })).toHaveAttribute('autocomplete', 'current-password');
  await expect(page.getByLabel('Name', { exact: true })).toBeFocused();

  await page.getByLabel('Name', { exact: true }).fill('ana');
  await page.getByLabel('Password', { exact: true }).fill('not her password');
  await page.getByLabel('Password', { exact: true }).press('Enter');
  await expect(page.getByTestId('sign-in-error')).toContainText('wrong name or password');
  await expect(page.getByLabel('Password', { exact: true })).toBeFocused();
  // Evidence for the notes (LECTERN_SCREENSHOTS=1 writes docs/screenshots/).
  await screenshotsOf(page, page.getByTestId('sign-in'), 'team-sign-in');
  await expect(page.getByTestId('library')).toHaveCount(0);

  await signIn(page, account('ana'));
  await expect(page.getByTestId('coder-account')).toHaveAttribute('title', `As coder, you ${ROLE_RIGHTS.coder}.`);
  // The account is the coder: no rename dialog to open.
  await expect(page.getByTestId('coder-button')).toHaveCount(0);
  await expect(page.getByTestId('live-status')).toBeHidden();
  const coder = await call(page, 'coder', {});
  expect(coder).toMatchObject({ name: 'ana', source: 'team', role: 'coder' });
  // The page reached the app through the cookie: a reload keeps the account.
  await page.reload();
  await expect(page.getByTestId('coder-account')).toHaveText('Signed in as ana (coder)');
});

test('a passage ana tags in her reader appears on ben’s page, highlighted and counted, without a reload', async ({ browser }) => {
  test.setTimeout(60_000);
  const ana = await signedIn(browser, 'ana');
  const ben = await signedIn(browser, 'ben');
  await openHunt(ben);
  await expect(ben.getByTestId('annotation-mark')).toHaveCount(0);
  // Set once; a reload of ben's page would lose it.
  await ben.evaluate(() => ((window as unknown as { stillHere: boolean }).stillHere = true));

  await openHunt(ana);
  await selectText(ana, PHRASE);
  await createTagInPicker(ana, 'Deterrence');

  await expect(ben.getByTestId('annotation-mark')).toHaveText([PHRASE]);
  await expect(ben.getByTestId('doc-annotation-count')).toHaveText('1');
  await expect(ben.getByTestId('annotation-item')).toContainText('Deterrence');
  await screenshotsOf(ben, ben.locator('body'), 'team-live');
  await ben.getByTestId('view-tags').click();
  await expect(ben.locator('[data-testid="codebook-tag"][data-tag-name="Deterrence"] [data-testid="tag-count"]')).toHaveText('1');

  // Ben's Tags view is open when ana tags again: its count follows.
  await ana.getByTestId('reader').getByTestId('annotation-mark').click();
  await ana.getByTestId('add-tag').click();
  await ana.keyboard.type('Democracy');
  await ana.keyboard.press('Enter');
  await expect(ben.locator('[data-testid="codebook-tag"][data-tag-name="Democracy"] [data-testid="tag-count"]')).toHaveText('1');
  expect(await ben.evaluate(() => (window as unknown as { stillHere?: boolean }).stillHere)).toBe(true);
  await expect(ben.getByTestId('live-status')).toBeHidden();

  // No stream (it cannot connect): the top bar says so; ana tags meanwhile, and ben's page catches up once it connects.
  await ben.context().route('**/team/events', (route) => route.abort());
  await ben.reload();
  await ben.getByTestId('view-tags').click();
  await expect(ben.getByTestId('live-status')).toBeVisible();
  await expect(ben.getByTestId('live-status')).toHaveText('Live updates paused: reconnecting…');
  await call(ana, 'tagRange', { docId: HUNT_ID, start: 0, end: 40, newTags: ['Opening'] });
  await expect(ben.locator('[data-testid="codebook-tag"][data-tag-name="Opening"]')).toHaveCount(0);
  await ben.context().unroute('**/team/events');
  await expect(ben.getByTestId('live-status')).toBeHidden({ timeout: 15_000 });
  await expect(ben.locator('[data-testid="codebook-tag"][data-tag-name="Opening"] [data-testid="tag-count"]')).toHaveText('1');
});

test('a viewer is offered no tagging, note, import, undo or resolving, and the API refuses a tag from its page', async ({ browser }) => {
  test.setTimeout(60_000);
  const ana = await signedIn(browser, 'ana');
  const ben = await signedIn(browser, 'ben');
  // A disagreement to resolve: only ben tags the later passage as Crime.
  await call(ana, 'tagRange', { docId: HUNT_ID, start: 0, end: 40, newTags: ['Crime'] });
  await call(ben, 'tagRange', { docId: HUNT_ID, start: 0, end: 40, tagIds: [(await call(ben, 'codebook', {})).find((t) => t.name === 'Crime')!.id] });
  await call(ben, 'tagRange', { docId: HUNT_ID, start: 200, end: 260, newTags: ['Crime'] });

  const vic = await signedIn(browser, 'vic');
  await expect(vic.getByTestId('coder-account')).toHaveAttribute('title', `As viewer, you ${ROLE_RIGHTS.viewer}.`);
  await openHunt(vic);
  await expect(vic.getByTestId('reader').getByTestId('annotation-mark').first()).toBeVisible();
  // A selection opens no picker (it opens at mouseup, so it would be there now), nor does T.
  await selectText(vic, 'After Brexit, the UK');
  await expect(vic.getByTestId('tag-picker')).toHaveCount(0);
  await vic.keyboard.press('t');
  await expect(vic.getByTestId('tag-picker')).toHaveCount(0);

  // A tagged passage opens, read-only, each control saying why.
  await vic.getByTestId('annotation-item').first().click();
  const popover = vic.getByTestId('annotation-popover');
  await expect(popover).toBeVisible();
  for (const id of ['annotation-note', 'add-tag', 'delete-annotation']) {
    await expect(popover.getByTestId(id).first()).toBeDisabled();
    await expect(popover.getByTestId(id).first()).toHaveAttribute('title', /Viewers cannot change annotations/);
  }
  await expect(popover.locator('.chip-remove')).toHaveCount(0);
  await vic.keyboard.press('Escape');

  await vic.keyboard.press(`${mod}+z`);
  await expect(vic.getByTestId('toast')).toContainText('Viewers cannot change annotations');

  await vic.getByTestId('view-tags').click();
  await expect(vic.getByTestId('new-tag-input')).toBeDisabled();
  await expect(vic.getByTestId('import-file')).toBeDisabled();
  await expect(vic.getByTestId('import-label')).toHaveAttribute('title', /Only the team’s owner can import tags/);
  await vic.locator('[data-testid="codebook-tag"][data-tag-name="Crime"]').click();
  await expect(vic.getByTestId('tag-name')).toBeDisabled();
  await vic.getByTestId('tags-tab-disagreements').click();
  await expect(vic.getByTestId('disagreement').first()).toBeVisible();
  const accept = vic.getByTestId('accept');
  await expect(accept.first()).toBeDisabled();
  await expect(accept.first()).toHaveAttribute('title', /Viewers cannot change annotations/);

  // The server refuses what the page does not offer, with a message saying why.
  const refused = await rawCall(vic, 'tagRange', { docId: HUNT_ID, start: 300, end: 320, newTags: ['Sneaky'] });
  expect(refused.status).toBe(403);
  expect(refused.reply).toMatchObject({ ok: false, error: { code: 'forbidden' } });
  expect((await call(vic, 'codebook', {})).some((t) => t.name === 'Sneaky')).toBe(false);

  // Ben (a coder) may accept into the resolved layer: his buttons are enabled.
  await openTool(ben, 'view-tags', 'tags-tab-disagreements');
  await expect(ben.getByTestId('accept').first()).toBeEnabled();
});

test('a coder cannot rename, merge or delete a code; the owner can, and the coder sees the new name at once', async ({ browser }) => {
  test.setTimeout(60_000);
  const ana = await signedIn(browser, 'ana');
  // A code ben uses: not ana's alone, so the server refuses her changes to it too.
  const ben = await signedIn(browser, 'ben');
  await call(ben, 'tagRange', { docId: HUNT_ID, start: 300, end: 340, newTags: ['Sanctions'] });
  await ana.getByTestId('view-tags').click();
  // A coder adds codes…
  await expect(ana.getByTestId('new-tag-input')).toBeEnabled();
  // …but does not keep the codebook.
  await ana.locator('[data-testid="codebook-tag"][data-tag-name="Sanctions"]').click();
  for (const id of ['tag-name', 'tag-color', 'tag-parent', 'merge-target', 'delete-tag']) {
    await expect(ana.getByTestId(id)).toBeDisabled();
    await expect(ana.getByTestId(id)).toHaveAttribute('title', /Only the team’s owner can rename/);
  }
  const sanctions = (await call(ana, 'codebook', {})).find((t) => t.name === 'Sanctions')!;
  const refused = await rawCall(ana, 'updateTag', { id: sanctions.id, name: 'Penalties' });
  expect(refused.status).toBe(403);

  const olga = await signedIn(browser, 'olga');
  await expect(olga.getByTestId('coder-account')).toHaveAttribute('title', `As owner, you ${ROLE_RIGHTS.owner}.`);
  await olga.getByTestId('view-tags').click();
  await olga.locator('[data-testid="codebook-tag"][data-tag-name="Sanctions"]').click();
  await expect(olga.getByTestId('tag-name')).toBeEnabled();
  await olga.getByTestId('tag-name').fill('Penalties');
  await olga.getByTestId('tag-name').press('Enter');
  await expect(olga.getByTestId('toast')).toContainText('Renamed Sanctions to Penalties');
  await expect(ana.locator('[data-testid="codebook-tag"][data-tag-name="Penalties"]')).toBeVisible();
  await expect(ana.locator('[data-testid="codebook-tag"][data-tag-name="Sanctions"]')).toHaveCount(0);
});

test('signing out returns to the sign-in screen, the API then answers 401, and a tab whose session ended elsewhere asks to sign in again', async ({
  browser,
}) => {
  test.setTimeout(60_000);
  const ben = await browserOf(browser);
  await ben.page.goto(server.url);
  await signIn(ben.page, account('ben'));
  const otherTab = await ben.context.newPage();
  await otherTab.goto(server.url);
  await expect(otherTab.getByTestId('coder-account')).toHaveText('Signed in as ben (coder)');

  await ben.page.getByTestId('sign-out').click();
  await expect(ben.page.getByTestId('sign-in')).toBeVisible();
  await expect(ben.page.getByTestId('sign-in-notice')).toHaveText('You have signed out.');
  await expect(ben.page.getByTestId('library')).toBeHidden();
  expect((await rawCall(ben.page, 'library', {})).status).toBe(401);

  // The other tab shared the cookie: its next call (the status poll, each second) finds the session gone.
  await expect(otherTab.getByTestId('sign-in')).toBeVisible();
  await expect(otherTab.getByTestId('sign-in-notice')).toContainText('Your session has ended');
  await expect(otherTab.getByLabel('Name', { exact: true })).toHaveValue('ben');
  await expect(otherTab.getByLabel('Password', { exact: true })).toBeFocused();

  // Signing in again loads the app afresh.
  await signIn(ben.page, account('ben'));
  await expect(ben.page.getByTestId('sign-in')).toHaveCount(0);
  expect((await rawCall(ben.page, 'library', {})).status).toBe(200);
});
