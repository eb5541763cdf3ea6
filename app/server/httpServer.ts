/**
 * Browser mode: the same contract over HTTP on 127.0.0.1, and the renderer's files. The renderer's
 * files are public code and are served to any page of this origin; every API call must carry this
 * instance's session token, which the page gets once for the launch secret of the address printed
 * at start (app/common/browserSession.ts: the secret travels in the URL fragment and in headers,
 * never in a cookie, so no other server on 127.0.0.1 ever receives it). Requests naming a foreign
 * Host or Origin are refused (DNS rebinding, cross-site calls). Nothing here redirects.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import { LAUNCH_HEADER, LAUNCH_PARAM, SESSION_HEADER, SESSION_PATH, type SessionGrant } from '../common/browserSession';
import type { LecternApi } from '../common/contract';
import { errorReply, okReply, type Reply } from '../common/envelope';
import { LecternError } from '../common/errors';
import { MAX_IMPORT_BASE64, MAX_IMPORT_BYTES } from '../common/formats';
import { internalErrorMessage, isMethod, makeDispatch } from '../service/dispatch';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { listStaticFiles, staticFileFor } from './staticFiles';

export interface ServerOptions {
  api: LecternApi;
  rendererDir: string;
  port?: number;
  /** Fixed launch secret (tests); otherwise a random one per launch. */
  launchSecret?: string;
}

export interface RunningServer {
  /** The origin's root, http://127.0.0.1:PORT/: where any tab of the browser that launched Lectern can go. */
  url: string;
  /** The address to open: the launch secret in its fragment, traded once by the page for the session. */
  launchUrl: string;
  launchSecret: string;
  port: number;
  close(): Promise<void>;
}

/** Room for the largest import (sent as base64, a third longer) and its JSON wrapping. */
const MAX_BODY_BYTES = MAX_IMPORT_BASE64 + 1024 * 1024;

function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

function send(res: http.ServerResponse, status: number, body: string | Buffer, type: string): void {
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

const STATUS_OF: Partial<Record<string, number>> = { internal: 500, forbidden: 403, unauthorized: 401 };

/** A reply envelope as HTTP: errors a user caused are 400 (401 no session, 403 refused, 404 unknown method), faults 500. */
function sendReply(res: http.ServerResponse, reply: Reply, status = reply.ok ? 200 : (STATUS_OF[reply.error.code] ?? 400)): void {
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

/** Why a trade of the launch secret was refused: it was already traded, or it is not this instance's. */
function refusedLaunch(spent: boolean, url: string): Reply {
  return errorReply(
    spent
      ? `This launch address has been used already: it opens Lectern once. In the browser that opened it, go to ${url} (its tabs keep their session). To use another browser or profile, restart Lectern (lectern serve, or npm start) and open the new address it prints.`
      : 'This is not the launch address of the Lectern running here. Open the address Lectern printed when it started.',
    'unauthorized',
  );
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const launchSecret = options.launchSecret ?? randomBytes(24).toString('base64url');
  // The one session of this instance, made when the launch secret is traded (null until then).
  let session: string | null = null;
  const files = await listStaticFiles(options.rendererDir);
  const dispatch = makeDispatch(options.api);
  let port = 0;
  const allowedHosts = () => new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  const header = (req: http.IncomingMessage, name: string) => {
    const v = req.headers[name.toLowerCase()];
    return typeof v === 'string' ? v : undefined;
  };

  const server = http.createServer(async (req, res) => {
    try {
      // DNS rebinding: a page on evil.example resolving to 127.0.0.1 still sends Host: evil.example.
      if (!allowedHosts().has(req.headers.host ?? '')) return sendReply(res, errorReply('Refused: foreign Host header.', 'forbidden'));
      const origin = req.headers.origin;
      if (origin !== undefined && !allowedHosts().has(origin.replace(/^http:\/\//, ''))) {
        return sendReply(res, errorReply('Refused: cross-origin request.', 'forbidden'));
      }
      const url = new URL(req.url ?? '/', `http://127.0.0.1:${port}`);
      if (url.pathname === SESSION_PATH) {
        if (req.method !== 'POST') return sendReply(res, errorReply('Use POST to start a session.', 'bad-request'), 405);
        const presented = header(req, LAUNCH_HEADER);
        if (session !== null || !sameSecret(presented, launchSecret))
          return sendReply(res, refusedLaunch(sameSecret(presented, launchSecret), `http://127.0.0.1:${port}/`));
        session = randomBytes(32).toString('base64url');
        const grant: SessionGrant = { session };
        return sendReply(res, okReply(grant));
      }
      if (url.pathname.startsWith('/api/')) {
        if (session === null || !sameSecret(header(req, SESSION_HEADER), session)) {
          return sendReply(
            res,
            errorReply(
              'This page has no session with the Lectern running here (Lectern may have been restarted since it opened). Open the address Lectern printed when it started.',
              'unauthorized',
            ),
          );
        }
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
      return sendReply(res, errorReply(internalErrorMessage(), 'internal'));
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
    launchUrl: `${url}#${LAUNCH_PARAM}=${launchSecret}`,
    launchSecret,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
