/**
 * The renderer's only door to the app: the contract, over Electron's preload (window.lectern) or,
 * in browser mode, over HTTP to the 127.0.0.1 server that served this page.
 */
import type { AppEventSource, LecternApi, MethodName, RequestOf, ResponseOf } from '../app/contract';

declare global {
  interface Window {
    lectern?: LecternApi;
    /** The desktop app's menu and dialogs talking to the page (absent in browser mode). */
    lecternEvents?: AppEventSource;
  }
}

/** An API call that failed; `message` is written for the user and shown as it is. */
export class ApiError extends Error {
  constructor(message: string, readonly code: string) {
    super(message);
    this.name = 'ApiError';
  }
}

async function callHttp<M extends MethodName>(method: M, req: RequestOf<M>): Promise<ResponseOf<M>> {
  let res: Response;
  try {
    res = await fetch('/api/' + method, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(req ?? {}),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError('Lectern is not responding. Is it still running? Restart it and reload this page.', 'offline');
  }
  let body: { value?: ResponseOf<M>; error?: { message: string; code: string } };
  try {
    body = await res.json();
  } catch {
    throw new ApiError(`Lectern answered ${res.status} without a readable reply. Reload the page; if it persists, restart Lectern.`, 'internal');
  }
  if (body.error) throw new ApiError(body.error.message, body.error.code);
  return body.value as ResponseOf<M>;
}

function httpApi(): LecternApi {
  // One function per contract method, generated rather than written out, so the client cannot drift from the contract.
  return new Proxy({} as LecternApi, {
    get: (_t, method: string) => (req: unknown) => callHttp(method as MethodName, req as never),
  });
}

export const api: LecternApi = window.lectern ?? httpApi();

/** Events from the desktop app's main process, or null in browser mode. */
export const appEvents: AppEventSource | null = window.lecternEvents ?? null;

/** The message of anything thrown by an API call, for showing to the user. */
export function errorMessage(e: unknown): string {
  return e instanceof Error ? e.message : String(e);
}
