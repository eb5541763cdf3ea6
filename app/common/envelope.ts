/**
 * How a contract call travels: one reply envelope for every transport (IPC, HTTP), the channel each
 * method and app event uses, and `unwrap`, the one client-side decoder of a reply.
 */
import { METHODS, type LecternApi, type MethodName } from './contract';
import { errorCodeOf, LecternError, type ErrorCode } from './errors';

export interface ReplyError {
  message: string;
  code: ErrorCode;
}

/** Every reply: the method's value, or the error a user can read. */
export type Reply<T = unknown> = { ok: true; value: T } | { ok: false; error: ReplyError };

export function okReply<T>(value: T): Reply<T> {
  return { ok: true, value };
}

export function errorReply(message: string, code: ErrorCode): Reply<never> {
  return { ok: false, error: { message, code } };
}

/** The IPC channel of a contract method; the HTTP path is /api/<method>. */
export function methodChannel(method: string): string {
  return `lectern:${method}`;
}

/** The IPC channel of an event from the desktop shell to the page. */
export function eventChannel(event: string): string {
  return `lectern-event:${event}`;
}

/** The value of a reply, or its error thrown as a LecternError; anything that is not a reply is an internal fault. */
export function unwrap<T>(reply: unknown): T {
  const r = reply as Partial<{ ok: boolean; value: T; error: Partial<ReplyError> }> | null;
  if (r && r.ok === true) return r.value as T;
  if (r && r.ok === false && r.error && typeof r.error.message === 'string') throw new LecternError(r.error.message, errorCodeOf(r.error.code));
  throw new LecternError('Lectern sent a reply it cannot read. Reload the window; if it persists, restart Lectern.', 'internal');
}

/**
 * A client of the whole contract over any transport: `send` carries one method's request and resolves
 * with the reply envelope. The preload (IPC), the browser-mode page (HTTP) and the tests all use it,
 * so the client cannot drift from the contract or decode replies differently.
 */
export function makeClient(send: (method: MethodName, request: unknown) => Promise<unknown>): LecternApi {
  const client: Record<string, (req?: unknown) => Promise<unknown>> = {};
  for (const method of METHODS) client[method] = async (req?: unknown) => unwrap(await send(method, req ?? {}));
  return client as unknown as LecternApi;
}
