/**
 * Browser mode: the same contract over HTTP on 127.0.0.1, and the renderer's files. The renderer's
 * files are public code and are served to any page of this origin; every API call must carry this
 * instance's session token, which the page gets once for the launch secret of the address printed
 * at start (app/common/browserSession.ts: the secret travels in the URL fragment and in headers,
 * never in a cookie, so no other server on 127.0.0.1 ever receives it). Requests naming a foreign
 * Host or Origin are refused (DNS rebinding, cross-site calls). Nothing here redirects.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { LAUNCH_HEADER, LAUNCH_PARAM, SESSION_HEADER, SESSION_PATH, type SessionGrant } from '../common/browserSession';
import type { LecternApi } from '../common/contract';
import { errorReply, okReply, type Reply } from '../common/envelope';
import { makeDispatch } from '../service/dispatch';
import { sendFailure, sendReply, serveApi, serveStatic } from './http';
import { listStaticFiles } from './staticFiles';

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

function sameSecret(a: string | undefined, b: string): boolean {
  if (!a) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
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
        return await serveApi(req, res, url.pathname.slice(5), dispatch);
      }
      return await serveStatic(req, res, files, url.pathname);
    } catch (e) {
      return sendFailure(res, e);
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
