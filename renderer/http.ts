/** The page's one way to send a request to the server that served it, and read its reply envelope. */
import { LecternError } from '../app/common/errors';

const OFFLINE = 'Lectern is not responding. Is it still running? Restart it and reload this page.';

/**
 * Sends one request; resolves with the status and the parsed reply (null for a 404 that is not JSON:
 * a path this server does not have). A failed connection and an unreadable reply are LecternErrors
 * whose message says what to do; an aborted request rejects as fetch does.
 */
export async function request(path: string, init: RequestInit): Promise<{ status: number; reply: unknown }> {
  let res: Response;
  try {
    res = await fetch(path, init);
  } catch (e) {
    if (init.signal?.aborted) throw e;
    throw new LecternError(OFFLINE, 'offline');
  }
  try {
    return { status: res.status, reply: await res.json() };
  } catch {
    if (res.status === 404) return { status: 404, reply: null };
    throw new LecternError(`Lectern answered ${res.status} without a readable reply. Reload the page; if it persists, restart Lectern.`, 'internal');
  }
}

/** The message of anything thrown by a call, for showing to the user. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
