/**
 * The renderer's only door to the app: the contract, over Electron's preload (window.lectern) or,
 * in browser mode, over HTTP to the 127.0.0.1 server that served this page. Both decode replies
 * with the contract's own client (app/common/envelope.ts).
 */
import { LAUNCH_HEADER, LAUNCH_PARAM, SESSION_HEADER, SESSION_PATH, SESSION_STORAGE_KEY, type SessionGrant } from '../app/common/browserSession';
import type { AppEventSource, LecternApi, MethodName, SearchRequest, SearchResponse } from '../app/common/contract';
import { makeClient, unwrap } from '../app/common/envelope';
import { LecternError } from '../app/common/errors';

declare global {
  interface Window {
    lectern?: LecternApi;
    /** The desktop app's menu and dialogs talking to the page (absent in browser mode). */
    lecternEvents?: AppEventSource;
  }
}

const OFFLINE = 'Lectern is not responding. Is it still running? Restart it and reload this page.';

/** localStorage, or nothing where the browser refuses it (storage disabled): the session then lasts as long as the page. */
const storage = {
  get: (): string | null => {
    try {
      return localStorage.getItem(SESSION_STORAGE_KEY);
    } catch {
      return null;
    }
  },
  set: (value: string): void => {
    try {
      localStorage.setItem(SESSION_STORAGE_KEY, value);
    } catch {
      // Kept in memory only.
    }
  },
};

/** Trades the launch secret for the session token (app/common/browserSession.ts explains the handshake). */
async function trade(launch: string): Promise<string> {
  let reply: unknown;
  try {
    const res = await fetch(SESSION_PATH, { method: 'POST', headers: { [LAUNCH_HEADER]: launch } });
    reply = await res.json();
  } catch {
    throw new LecternError(OFFLINE, 'offline');
  }
  try {
    const { session } = unwrap<SessionGrant>(reply);
    storage.set(session);
    return session;
  } catch (e) {
    // The address opened again in the browser that traded it (a second tab, a click on the printed
    // link): that browser still holds the session.
    const kept = storage.get();
    if (kept && e instanceof LecternError && e.code === 'unauthorized') return kept;
    throw e;
  }
}

/**
 * This page's session: traded for the launch secret when the address carries one, else the one
 * this browser already holds for this origin (another tab, a reload). The secret leaves the address
 * bar and the history entry before anything else can read or bookmark it.
 */
function startSession(): Promise<string> {
  const launch = new URLSearchParams(location.hash.slice(1)).get(LAUNCH_PARAM);
  if (launch !== null) history.replaceState(history.state, '', location.pathname + location.search);
  if (launch) return trade(launch);
  const kept = storage.get();
  return kept
    ? Promise.resolve(kept)
    : Promise.reject(
        new LecternError(
          'This page has no session with Lectern. Open the address Lectern printed when it started (lectern serve, or npm start).',
          'unauthorized',
        ),
      );
}

// Browser mode starts its session at once, so the launch secret leaves the address bar on load; a
// refusal is reported by the calls that need the session.
const session: Promise<string> | null = window.lectern ? null : startSession();
session?.catch(() => undefined);

/** One call over HTTP, with this page's session; resolves with the server's reply envelope. */
async function postHttp(method: MethodName, req: unknown, signal?: AbortSignal): Promise<unknown> {
  const token = await (session ?? startSession());
  let res: Response;
  try {
    res = await fetch('/api/' + method, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', [SESSION_HEADER]: token },
      body: JSON.stringify(req),
      credentials: 'omit',
      signal,
    });
  } catch (e) {
    if (signal?.aborted) throw e;
    throw new LecternError(OFFLINE, 'offline');
  }
  try {
    return await res.json();
  } catch {
    throw new LecternError(`Lectern answered ${res.status} without a readable reply. Reload the page; if it persists, restart Lectern.`, 'internal');
  }
}

export const api: LecternApi = window.lectern ?? makeClient(postHttp);

let searchInFlight: AbortController | null = null;

/**
 * Search as the query box asks it: each call cancels the one before (in browser mode the request
 * is aborted; over Electron's IPC, which cannot abort, the caller drops the older reply by its id).
 */
export function searchNewest(req: SearchRequest): Promise<SearchResponse> {
  if (window.lectern) return window.lectern.search(req);
  searchInFlight?.abort();
  const controller = (searchInFlight = new AbortController());
  return postHttp('search', req, controller.signal).then((reply) => unwrap<SearchResponse>(reply));
}

/** Events from the desktop app's main process, or null in browser mode. */
export const appEvents: AppEventSource | null = window.lecternEvents ?? null;

/** The message of anything thrown by an API call, for showing to the user. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
