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
const endListeners = new Set<() => void>();

/** The signed-in account; null in the desktop app and browser mode, and once the session has ended. */
export function teamMe(): TeamMe | null {
  return me;
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
  document.title = `${me.team} · Lectern`;
  return me;
}

/** Ends this session on the server (the cookie is cleared), then shows the sign-in screen. */
export async function signOut(): Promise<void> {
  if (!me) return;
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
  if (!me) return;
  const name = me.name;
  me = null;
  for (const fn of endListeners) fn();
  void signInScreen({ notice, name }).then(() => location.reload());
}
