/**
 * Team mode's sign-in, shared by the team server (app/server/team/) and the page. Unlike browser mode
 * (browserSession.ts), a team server is reached by several people, each with an account: the session is
 * an HttpOnly cookie (no script of the page can read it), named for this team so that two team servers
 * on one host do not overwrite each other's. Every request that changes something also carries the
 * session's CSRF token in CSRF_HEADER: a page of another site can make the browser send the cookie, but
 * cannot read the token, and the server refuses a foreign Origin besides.
 */

export const TEAM_ROLES = ['owner', 'coder', 'viewer'] as const;
export type TeamRole = (typeof TEAM_ROLES)[number];

/** GET: who is signed in (401 'unauthorized' when nobody is). Answers 404 on a single-user server: how the page tells the modes apart. */
export const TEAM_ME_PATH = '/team/me';
/** POST {name, password}: signs in; sets the session cookie. */
export const TEAM_SIGNIN_PATH = '/team/signin';
/** POST (with the CSRF header): ends the session and clears the cookie. */
export const TEAM_SIGNOUT_PATH = '/team/signout';
/** GET: Server-Sent Events, one `change` event per committed change of the team's codebook or annotations. */
export const TEAM_EVENTS_PATH = '/team/events';
export const CSRF_HEADER = 'X-Lectern-CSRF';

/** Who is signed in, and the CSRF token of their session. */
export interface TeamMe {
  name: string;
  role: TeamRole;
  csrf: string;
  /** The team's name (its corpus folder's), for the page title. */
  team: string;
}

/** The data of a `change` event (its SSE id is `seq`). */
export interface TeamChangeEvent {
  seq: number;
  kind: 'annotation' | 'tag';
  op: 'put' | 'delete';
  /** The coder who made it (null: the server itself, e.g. re-anchoring after the corpus changed). */
  by: string | null;
}

/** What each role may do, in words the page and the server's refusals share. */
export const ROLE_RIGHTS: Record<TeamRole, string> = {
  owner: 'reads everything, codes, keeps the codebook (rename, merge, delete codes), edits any layer, and changes the corpus',
  coder: "reads everything, codes in their own layer and the resolved layer, and adds codes; cannot change another coder's layer or the team's codes",
  viewer: 'reads everything (search, compare, agreement, exports) and changes nothing',
};
