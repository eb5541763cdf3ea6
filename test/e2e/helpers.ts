/** Shared steps of the e2e tests: calling the contract from the page, opening a view's tool, and selecting reader text with the mouse. */
import path from 'node:path';
import { expect, type Locator, type Page } from '@playwright/test';
import { REPO } from '../helpers/repo';
import { SESSION_HEADER, SESSION_STORAGE_KEY } from '../../app/common/browserSession';
import type { MethodName, RequestOf, ResponseOf } from '../../app/common/contract';
import { unwrap } from '../../app/common/envelope';

/** Calls the API the way the renderer does (same origin, the session this page's origin keeps), to read back what the UI did. */
export async function call<M extends MethodName>(page: Page, method: M, req: RequestOf<M>): Promise<ResponseOf<M>> {
  const reply = await page.evaluate(
    async ([m, r, key, header]) => {
      const res = await fetch('/api/' + m, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', [header]: localStorage.getItem(key) ?? '' },
        body: JSON.stringify(r),
      });
      return res.json();
    },
    [method, req, SESSION_STORAGE_KEY, SESSION_HEADER] as const,
  );
  return unwrap<ResponseOf<M>>(reply);
}

/** Opens a view by its tab in the top bar (`view-corpus`), then picks one of its tools or tabs (`corpus-tool-words`, `tags-tab-agreement`). */
export async function openTool(page: Page, view: string, tool: string): Promise<void> {
  await page.getByTestId(view).click();
  await page.getByTestId(tool).click();
}

/**
 * Drags the mouse from the first character of `from` to the last character of `to` (each found in
 * the reader's passages; `to` defaults to `from`), like a user selecting text.
 */
export async function selectText(page: Page, from: string, to = from): Promise<void> {
  // The reader renders after its document arrives: wait for the text rather than race a click that opened it.
  await page.waitForFunction(
    (phrases) => phrases.every((p) => [...document.querySelectorAll('[data-passage-id]')].some((el) => el.textContent!.includes(p))),
    [from, to],
  );
  const box = await page.evaluate(
    ([from, to]) => {
      const passages = [...document.querySelectorAll('[data-passage-id]')];
      function charBox(phrase: string, last: boolean): DOMRect {
        const el = passages.find((p) => p.textContent!.includes(phrase));
        if (!el) throw new Error(`"${phrase}" is not in the reader`);
        const index = el.textContent!.indexOf(phrase) + (last ? phrase.length - 1 : 0);
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        let seen = 0;
        for (let n = walker.nextNode() as Text | null; n; n = walker.nextNode() as Text | null) {
          if (index < seen + n.data.length) {
            const r = document.createRange();
            r.setStart(n, index - seen);
            r.setEnd(n, index - seen + 1);
            return r.getBoundingClientRect();
          }
          seen += n.data.length;
        }
        throw new Error('offset outside the passage');
      }
      passages.find((p) => p.textContent!.includes(from))?.scrollIntoView({ block: 'center', behavior: 'instant' });
      const a = charBox(from, false);
      const b = charBox(to, true);
      return { x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2 };
    },
    [from, to] as const,
  );
  await page.mouse.move(box.x1, box.y1);
  await page.mouse.down();
  await page.mouse.move(box.x2, box.y2, { steps: 8 });
  await page.mouse.up();
}

/** In the picker opened at a selection: types a new tag's name, takes "Create tag", and sees it applied. */
export async function createTagInPicker(page: Page, name: string): Promise<void> {
  await expect(page.getByTestId('tag-picker-input')).toBeFocused();
  await page.keyboard.type(name);
  await expect(page.getByTestId('tag-picker-option')).toHaveText([`Create tag “${name}”`]);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('tag-picker')).toBeHidden();
  await expect(page.getByTestId('toast')).toContainText(`as ${name}`);
}

/** Evidence for a session's notes: the element in light and dark, written to docs/screenshots/ when LECTERN_SCREENSHOTS is set. */
export async function screenshotsOf(page: Page, locator: Locator, name: string): Promise<void> {
  if (!process.env.LECTERN_SCREENSHOTS) return;
  for (const scheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme: scheme });
    await locator.screenshot({ path: path.join(REPO, 'docs', 'screenshots', `${name}-${scheme}.png`) });
  }
}
