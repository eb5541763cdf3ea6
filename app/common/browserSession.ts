/**
 * Browser mode's handshake, shared by the server and the page. The address Lectern prints carries a
 * one-time launch secret in its fragment (#launch=…), which no browser sends to any server or puts
 * in a Referer. The page takes it from there, and trades it once (POST SESSION_PATH with the secret
 * in LAUNCH_HEADER) for this instance's session token, which every API call then carries in
 * SESSION_HEADER. No cookie is used: cookies ignore ports, so a cookie of 127.0.0.1 would reach
 * every other server on 127.0.0.1 and be overwritten by another Lectern's.
 */

/** The fragment parameter of the launch address that holds the secret. */
export const LAUNCH_PARAM = 'launch';
/** Where the page trades the launch secret for the session token (outside /api/: not a contract method). */
export const SESSION_PATH = '/session';
export const LAUNCH_HEADER = 'X-Lectern-Launch';
export const SESSION_HEADER = 'X-Lectern-Session';
/**
 * Where the page keeps the session token: localStorage is per origin, port included, so tabs and
 * reloads of this instance share it and no page of another port can read it.
 */
export const SESSION_STORAGE_KEY = 'lectern.session';

/** The answer to a successful trade. */
export interface SessionGrant {
  session: string;
}
