/**
 * Team mode's session as the page holds it (app/common/teamSession.ts describes the server's side):
 * who is signed in and their CSRF token, signing out, and what follows when the session ends. The
 * cookie itself is HttpOnly: the page never sees it, the browser sends it with same-origin requests.
 */
import { unwrap } from '../../app/common/envelope';
import { CSRF_HEADER, TEAM_ME_PATH, TEAM_SIGNOUT_PATH, type TeamMe } from '../../app/common/teamSession';
import { request } from '../http';
import { signInScreen } from './signIn';

let me: TeamMe | null = null;
let open = false;
const endListeners = new Set<() => void>();

/**
 * The account this page was loaded for (its name, role and CSRF token); null in the desktop app and
 * browser mode. It stays after the session ends: the page keeps its role until it reloads.
 */
export function teamMe(): TeamMe | null {
  return me;
}

/** True while the account's session lasts (false once signed out or refused by the server). */
export function sessionOpen(): boolean {
  return open;
}

/** Called once when the session ends (to close what holds it open, such as the event stream). */
export function onSessionEnd(fn: () => void): void {
  endListeners.add(fn);
}

/** What a call made after the session ended waits for: the reload that follows the next sign-in. */
export function untilReload(): Promise<never> {
  return new Promise<never>(() => undefined);
}

/**
 * Asks the server who is signed in. Null: a single-user server (it has no TEAM_ME_PATH). On a team
 * server nobody signed in gets the sign-in screen, and this resolves once somebody has.
 */
export async function findTeam(): Promise<TeamMe | null> {
  const { status, reply } = await request(TEAM_ME_PATH, { method: 'GET', credentials: 'same-origin' });
  if (status === 404) return null;
  me = status === 401 ? await signInScreen({}) : unwrap<TeamMe>(reply);
  open = true;
  document.title = `${me.team} · Lectern`;
  return me;
}

/** Ends this session on the server (the cookie is cleared), then shows the sign-in screen. */
export async function signOut(): Promise<void> {
  if (!me || !open) return;
  const { reply } = await request(TEAM_SIGNOUT_PATH, { method: 'POST', headers: { [CSRF_HEADER]: me.csrf }, credentials: 'same-origin' });
  unwrap(reply);
  sessionEnded('You have signed out.');
}

/**
 * The session is over (signed out here, or a call answered 401): the sign-in screen replaces the app.
 * After signing in the page is loaded afresh, since another account, with other rights, may have
 * signed in, and nothing drawn for the last one should outlive it.
 */
export function sessionEnded(notice: string): void {
  if (!me || !open) return;
  open = false;
  for (const fn of endListeners) fn();
  void signInScreen({ notice, name: me.name }).then(() => location.reload());
}
