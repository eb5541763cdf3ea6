/**
 * Browser mode: the same contract over HTTP on 127.0.0.1, and the renderer's files. Every request
 * must carry the per-launch secret (from the URL printed at start, then an HttpOnly SameSite=Strict
 * cookie); requests naming a foreign Host or Origin are refused (DNS rebinding, cross-site calls).
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import type { LecternApi } from '../common/contract';
import { errorReply, type Reply } from '../common/envelope';
import { LecternError } from '../common/errors';
import { MAX_IMPORT_BASE64, MAX_IMPORT_BYTES } from '../common/formats';
import { isMethod, makeDispatch } from '../service/dispatch';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { listStaticFiles, staticFileFor } from './staticFiles';

export interface ServerOptions {
  api: LecternApi;
  rendererDir: string;
  port?: number;
  /** Fixed secret (tests); otherwise a random one per launch. */
  token?: string;
}

export interface RunningServer {
  url: string;
  /** The URL to open: carries the secret once; the page then keeps it in a cookie. */
  launchUrl: string;
  token: string;
  port: number;
  close(): Promise<void>;
}

/** Room for the largest import (sent as base64, a third longer) and its JSON wrapping. */
const MAX_BODY_BYTES = MAX_IMPORT_BASE64 + 1024 * 1024;
const COOKIE = 'lectern_token';

function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function cookieValue(header: string | undefined, name: string): string | undefined {
  for (const part of (header ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'Content-Type': type,
    'Content-Security-Policy': CONTENT_SECURITY_POLICY,
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
    'Cross-Origin-Opener-Policy': 'same-origin',
    'Cross-Origin-Resource-Policy': 'same-origin',
    'Cache-Control': 'no-store',
    ...extra,
  });
  res.end(body);
}

/** A reply envelope as HTTP: errors a user caused are 400 (403 refused, 404 unknown method), faults 500. */
function sendReply(
  res: http.ServerResponse,
  reply: Reply,
  status = reply.ok ? 200 : reply.error.code === 'internal' ? 500 : reply.error.code === 'forbidden' ? 403 : 400,
): void {
  send(res, status, JSON.stringify(reply), 'application/json; charset=utf-8');
}

async function readBody(req: http.IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES)
      throw new LecternError(
        `The request is larger than ${Math.round(MAX_BODY_BYTES / 1048576)} MB; import files of at most ${MAX_IMPORT_BYTES / 1048576} MB.`,
        'too-large',
      );
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const token = options.token ?? randomBytes(24).toString('base64url');
  const files = await listStaticFiles(options.rendererDir);
  const dispatch = makeDispatch(options.api);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);

  const server = http.createServer(async (req, res) => {
    try {
      // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends Host: evil.example.
      if (!allowedHosts().has(req.headers.host ?? '')) return sendReply(res, errorReply('Refused: foreign Host header.', 'forbidden'));
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
        return sendReply(res, errorReply('Refused: cross-origin request.', 'forbidden'));
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      const presented = url.searchParams.get('token') ?? (req.headers['x-lectern-token'] as string | undefined) ?? cookieValue(req.headers.cookie, COOKIE);
      if (!sameSecret(presented ?? undefined, token)) {
        return send(res, 401, 'Lectern: open the address printed when Lectern started (it carries a one-time secret).', 'text/plain; charset=utf-8');
      }
      if (url.searchParams.has('token')) {
        // Move the secret from the URL into a cookie and drop it from the address bar.
        return send(res, 303, '', 'text/plain', {
          'Set-Cookie': `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`,
          Location: url.pathname,
        });
      }
      if (url.pathname.startsWith('/api/')) {
        const method = url.pathname.slice(5);
        if (req.method !== 'POST') return sendReply(res, errorReply('Use POST for API calls.', 'bad-request'), 405);
        if (!isMethod(method)) return sendReply(res, await dispatch(method, null), 404);
        let body: unknown;
        try {
          const raw = await readBody(req);
          body = raw ? JSON.parse(raw) : {};
        } catch (e) {
          if (e instanceof LecternError) throw e;
          return sendReply(res, errorReply('The request body is not valid JSON.', 'bad-request'));
        }
        return sendReply(res, await dispatch(method, body));
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return sendReply(res, errorReply('Method not allowed.', 'bad-request'), 405);
      const found = staticFileFor(files, url.pathname);
      if (!found) return send(res, 404, 'Not found', 'text/plain; charset=utf-8');
      return send(res, 200, await fs.readFile(found.file), found.type);
    } catch (e) {
      if (e instanceof LecternError) return sendReply(res, errorReply(e.message, e.code));
      console.error('lectern: internal error:', e);
      return sendReply(res, errorReply(`Lectern hit an internal error: ${(e as Error).message}. Please report it.`, 'internal'));
    }
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  port = (server.address() as { port: number }).port;
  const url = `http://127.0.0.1:${port}/`;
  return {
    url,
    launchUrl: `${url}?token=${token}`,
    token,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
