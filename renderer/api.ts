/**
 * The renderer's only door to the app: the contract, over Electron's preload (window.lectern) or,
 * in browser mode, over HTTP to the 127.0.0.1 server that served this page. Both decode replies
 * with the contract's own client (app/common/envelope.ts).
 */
import type { AppEventSource, LecternApi, MethodName } from '../app/common/contract';
import { makeClient } from '../app/common/envelope';
import { LecternError } from '../app/common/errors';

declare global {
  interface Window {
    lectern?: LecternApi;
    /** The desktop app's menu and dialogs talking to the page (absent in browser mode). */
    lecternEvents?: AppEventSource;
  }
}

/** One call over HTTP; resolves with the server's reply envelope. */
async function postHttp(method: MethodName, req: unknown): Promise<unknown> {
  let res: Response;
  try {
    res = await fetch('/api/' + method, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(req),
      credentials: 'same-origin',
    });
  } catch {
    throw new LecternError('Lectern is not responding. Is it still running? Restart it and reload this page.', 'offline');
  }
  try {
    return await res.json();
  } catch {
    throw new LecternError(`Lectern answered ${res.status} without a readable reply. Reload the page; if it persists, restart Lectern.`, 'internal');
  }
}

export const api: LecternApi = window.lectern ?? makeClient(postHttp);

/** Events from the desktop app's main process, or null in browser mode. */
export const appEvents: AppEventSource | null = window.lecternEvents ?? null;

/** The message of anything thrown by an API call, for showing to the user. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
