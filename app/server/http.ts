/**
 * What both HTTP transports (browser mode's httpServer.ts and the team server, team/teamServer.ts) send
 * and read the same way: security headers on every response, the reply envelope as HTTP statuses, bounded
 * request bodies, one API call, the renderer's static files, and faults reported without their details.
 */
import { promises as fs } from 'node:fs';
import type http from 'node:http';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { errorReply, type Reply } from '../common/envelope';
import { LecternError } from '../common/errors';
import { MAX_IMPORT_BASE64, MAX_IMPORT_BYTES } from '../common/formats';
import { internalErrorMessage, isMethod, type Dispatch } from '../service/dispatch';
import { staticFileFor } from './staticFiles';

/** Room for the largest import (sent as base64, a third longer) and its JSON wrapping. */
const MAX_BODY_BYTES = MAX_IMPORT_BASE64 + 1024 * 1024;

export function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
  });
  res.end(body);
}

const STATUS_OF: Partial<Record<string, number>> = { internal: 500, forbidden: 403, unauthorized: 401, 'too-many': 429, conflict: 409 };

/** A reply envelope as HTTP: errors a user caused are 400 (401 no session, 403 refused, 404 unknown method), faults 500. */
export function sendReply(res: http.ServerResponse, reply: Reply, status = reply.ok ? 200 : (STATUS_OF[reply.error.code] ?? 400)): void {
  send(res, status, JSON.stringify(reply), 'application/json; charset=utf-8');
}

export async function readBody(req: http.IncomingMessage, max = MAX_BODY_BYTES): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > max)
      throw new LecternError(
        max === MAX_BODY_BYTES
          ? `The request is larger than ${Math.round(MAX_BODY_BYTES / 1048576)} MB; import files of at most ${MAX_IMPORT_BYTES / 1048576} MB.`
          : `The request is larger than ${Math.ceil(max / 1024)} KB, the most this request can be.`,
        'too-large',
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Reads a JSON request body ({} when empty); a body that is not JSON is the caller's error. */
export async function readJson(req: http.IncomingMessage, max?: number): Promise<unknown> {
  const raw = await readBody(req, max);
  try {
    return raw ? JSON.parse(raw) : {};
  } catch {
    throw new LecternError('The request body is not valid JSON.', 'bad-request');
  }
}

/** POST /api/<method>: one contract call through the dispatch, its reply as HTTP. */
export async function serveApi(
  req: http.IncomingMessage,
  res: http.ServerResponse,
  method: string,
  dispatch: Dispatch,
  maxBody?: (method: string) => number | undefined,
): Promise<void> {
  if (req.method !== 'POST') return sendReply(res, errorReply('Use POST for API calls.', 'bad-request'), 405);
  if (!isMethod(method)) return sendReply(res, await dispatch(method, null), 404);
  return sendReply(res, await dispatch(method, await readJson(req, maxBody?.(method))));
}

/** GET of one of the renderer's files (never a path from the request: see staticFiles.ts). */
export async function serveStatic(req: http.IncomingMessage, res: http.ServerResponse, files: Map<string, string>, pathname: string): Promise<void> {
  if (req.method !== 'GET' && req.method !== 'HEAD') return sendReply(res, errorReply('Method not allowed.', 'bad-request'), 405);
  const found = staticFileFor(files, pathname);
  if (!found) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
  return send(res, 200, await fs.readFile(found.file), found.type);
}

/** Anything thrown while serving: a user's error keeps its message, a fault is logged and reported without details. */
export function sendFailure(res: http.ServerResponse, e: unknown): void {
  if (e instanceof LecternError) return sendReply(res, errorReply(e.message, e.code));
  console.error('lectern: internal error:', e);
  return sendReply(res, errorReply(internalErrorMessage(), 'internal'));
}
