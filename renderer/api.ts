/**
 * The renderer's only door to the app: the contract, over Electron's preload (window.lectern) or over
 * HTTP to the server that served this page: browser mode's 127.0.0.1 server (a session token in a
 * header), or a team server (an account's session cookie and its CSRF token). All of them decode
 * replies with the contract's own client (app/common/envelope.ts).
 */
import { LAUNCH_HEADER, LAUNCH_PARAM, SESSION_HEADER, SESSION_PATH, SESSION_STORAGE_KEY, type SessionGrant } from '../app/common/browserSession';
import type { AppEventSource, LecternApi, MethodName, SearchRequest, SearchResponse } from '../app/common/contract';
import { makeClient, unwrap } from '../app/common/envelope';
import { LecternError } from '../app/common/errors';
import { CSRF_HEADER } from '../app/common/teamSession';
import { request } from './http';
import { findTeam, sessionEnded, sessionOpen, teamMe, untilReload } from './team/session';

export { errorMessage } from './http';

declare global {
  interface Window {
    lectern?: LecternApi;
    /** The desktop app's menu and dialogs talking to the page (absent in browser mode). */
    lecternEvents?: AppEventSource;
  }
}

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
  const { reply } = await request(SESSION_PATH, { method: 'POST', headers: { [LAUNCH_HEADER]: launch } });
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
 * Browser mode's session: traded for the launch secret when the address carried one, else the one
 * this browser already holds for this origin (another tab, a reload).
 */
function startSession(launch: string | null): Promise<string> {
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

/** How this page's calls travel over HTTP: with browser mode's session token, or as a team account. */
type Link = { mode: 'browser'; token: string } | { mode: 'team' };

/**
 * The launch secret leaves the address bar and the history entry before anything else can read or
 * bookmark it, even before the page asks which kind of server it talks to; then a server without
 * TEAM_ME_PATH is browser mode's, and a team server has the account signed in (the sign-in screen
 * first, when nobody is).
 */
async function connect(): Promise<Link> {
  const launch = new URLSearchParams(location.hash.slice(1)).get(LAUNCH_PARAM);
  if (launch !== null) history.replaceState(history.state, '', location.pathname + location.search);
  if (await findTeam()) return { mode: 'team' };
  return { mode: 'browser', token: await startSession(launch) };
}

const link: Promise<Link> | null = window.lectern ? null : connect();

/**
 * Settles when the app may be built: at once in the desktop app; over HTTP once the mode is known
 * (and, on a team server, someone is signed in). A refusal (browser mode without a session) is
 * reported by the calls that need it, so this settles then too.
 */
export const connected: Promise<void> = link
  ? link.then(
      () => undefined,
      () => undefined,
    )
  : Promise.resolve();

/** One call over HTTP, as this page's link says; resolves with the server's reply envelope. */
async function postHttp(method: MethodName, req: unknown, signal?: AbortSignal): Promise<unknown> {
  const l = await link!;
  // Signed out, or the server ended the session: nothing more is sent, and the page reloads once someone signs in.
  if (l.mode === 'team' && !sessionOpen()) return untilReload();
  const { status, reply } = await request('/api/' + method, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...(l.mode === 'team' ? { [CSRF_HEADER]: teamMe()!.csrf } : { [SESSION_HEADER]: l.token }) },
    body: JSON.stringify(req),
    // A team account is its cookie; browser mode sends none (cookies ignore ports: see browserSession.ts).
    credentials: l.mode === 'team' ? 'same-origin' : 'omit',
    signal,
  });
  if (l.mode === 'team' && status === 401) {
    sessionEnded('Your session has ended (it expired, you signed out elsewhere, or the server restarted). Sign in again to go on.');
    return untilReload();
  }
  return reply;
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
