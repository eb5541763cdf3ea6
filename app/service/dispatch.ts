/**
 * The one dispatch both transports use (IPC in the desktop app, HTTP in browser mode): checks the
 * request against its method's schema, calls the service, and turns what happened into the reply
 * envelope. A user's error keeps its message and code; anything else is logged and reported as an
 * internal fault, without its message or stack trace.
 */
import { METHODS, type LecternApi, type MethodName, type RequestOf, type ResponseOf } from '../common/contract';
import { errorReply, okReply, type Reply } from '../common/envelope';
import { LecternError } from '../common/errors';
import { validateRequest } from '../common/schemas';

export type Dispatch = (method: string, request: unknown) => Promise<Reply>;

const KNOWN = new Set<string>(METHODS);

export function isMethod(name: string): name is MethodName {
  return KNOWN.has(name);
}

/** Calls one method with a checked request (the compiler cannot pair a method name with its request type by itself). */
function call<M extends MethodName>(api: LecternApi, method: M, request: RequestOf<M>): Promise<ResponseOf<M>> {
  return (api[method] as (req: RequestOf<M>) => Promise<ResponseOf<M>>).call(api, request);
}

/**
 * What the user reads of a fault: the method, never the fault's own message, which can carry the
 * request (a regular expression built from a query, a path, a document's text). Details go to the log.
 */
export function internalErrorMessage(method?: MethodName): string {
  return `Lectern hit an internal error${method ? ` in ${method}` : ''}. Its details are in Lectern's log (the terminal or console it runs in); please report it.`;
}

export function makeDispatch(api: LecternApi, log: (...args: unknown[]) => void = console.error): Dispatch {
  return async (method, request) => {
    if (!isMethod(method)) return errorReply(`Unknown API method "${method}".`, 'not-found');
    try {
      return okReply(await call(api, method, validateRequest(method, request ?? {})));
    } catch (e) {
      if (e instanceof LecternError) return errorReply(e.message, e.code);
      log(`lectern: ${method} failed:`, e);
      return errorReply(internalErrorMessage(method), 'internal');
    }
  };
}
