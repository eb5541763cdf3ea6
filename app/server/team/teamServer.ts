/**
 * The team server: the renderer and the contract over HTTP (or HTTPS) to several people, each signed in
 * with an account (app/common/teamSession.ts has the protocol). The session is an HttpOnly, SameSite=Strict
 * cookie, Secure when the server speaks TLS (or says it is behind a TLS proxy); every POST but the sign-in
 * also carries the session's CSRF token, which a page of another site cannot read, and a foreign Origin or
 * Host is refused outright. Passwords are checked by app/team/accounts.ts (scrypt), and sessions are kept
 * there, hashed.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { promises as fs } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import type pg from 'pg';
import { errorReply, okReply } from '../../common/envelope';
import { LecternError } from '../../common/errors';
import { CSRF_HEADER, TEAM_EVENTS_PATH, TEAM_ME_PATH, TEAM_SIGNIN_PATH, TEAM_SIGNOUT_PATH, type TeamMe } from '../../common/teamSession';
import { accountOfSession, authenticate, createSession, endSession, explainDbError, SESSION_TTL_MS, type Account } from '../../team';
import { readJson, sendFailure, sendReply, serveApi, serveStatic } from '../http';
import { listStaticFiles } from '../staticFiles';
import { ChangeEvents, MAX_STREAMS_PER_SESSION } from './events';
import { SignInLimit } from './signInLimit';
import { openTeamApp, type TeamApp } from './teamApp';

export interface TeamServerOptions {
  corpusDir: string;
  database: string | pg.PoolConfig;
  rendererDir: string;
  /** Where to listen: 127.0.0.1 unless told (0.0.0.0 for every interface of this machine). */
  host?: string;
  port?: number;
  /** PEM files: serve HTTPS (cookies then Secure). */
  tls?: { cert: string; key: string };
  /** Behind a proxy that speaks TLS to the browsers: mark cookies Secure although this server speaks HTTP. */
  secureCookies?: boolean;
  /** Further host names people use to reach the server (a DNS name, a proxy's), accepted in Host and Origin. */
  hostnames?: string[];
  watch?: boolean;
}

export interface RunningTeamServer {
  url: string;
  port: number;
  app: TeamApp;
  close(): Promise<void>;
}

const COOKIE_PREFIX = 'lectern-team-';

/** The CSRF token of a session: derived from it, so it needs no storage, survives restarts, and nobody without the cookie can make it. */
function csrfOf(token: string): string {
  return createHmac('sha256', token).update('lectern csrf').digest('base64url');
}

function sameText(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * The session cookie's value; none when there are two of that name: a neighbour on the same host (cookies
 * ignore ports) or a sibling domain could have planted a second one, with a more specific path, to sign
 * the browser into the neighbour's session.
 */
function cookieOf(req: http.IncomingMessage, name: string): string | undefined {
  const values = (req.headers.cookie ?? '')
    .split(';')
    .map((part) => [part.slice(0, part.indexOf('=')).trim(), part.slice(part.indexOf('=') + 1).trim()] as const)
    .filter(([n]) => n === name);
  return values.length === 1 ? values[0][1] : undefined;
}

/** The names this machine answers to, with the port (and without it on the scheme's own port, as browsers send them): what a Host or Origin header may say. */
export function hostsOf(host: string, port: number, extra: string[], scheme: 'http' | 'https'): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]', ...extra]);
  if (host === '0.0.0.0' || host === '::') {
    names.add(os.hostname());
    for (const list of Object.values(os.networkInterfaces())) for (const i of list ?? []) names.add(i.family === 'IPv6' ? `[${i.address}]` : i.address);
  } else names.add(host);
  const defaultPort = port === (scheme === 'https' ? 443 : 80);
  return new Set([...names].map((n) => n.toLowerCase()).flatMap((n) => (defaultPort ? [`${n}:${port}`, n] : [`${n}:${port}`])));
}

/** A name and a password, in JSON: nothing more is read before the sign-in is refused. */
const SIGN_IN_MAX_BYTES = 4096;
/** What an API request may carry unless it brings a file (an owner's import): a viewer cannot make the server read 68 MB. */
const API_MAX_BYTES = 1024 * 1024;
const FILE_METHODS = new Set(['importTags', 'importPreview', 'importCommit']);

const NOT_SIGNED_IN = 'You are not signed in (or your session ended): sign in again.';

export async function startTeamServer(options: TeamServerOptions): Promise<RunningTeamServer> {
  const app = await openTeamApp({ corpusDir: options.corpusDir, database: options.database, watch: options.watch });
  const teamId = (await app.db.query<{ id: string }>('SELECT id FROM team')).rows[0].id;
  const secure = Boolean(options.tls) || Boolean(options.secureCookies);
  // __Host-: the browser takes it only Secure, for this host and path /, so no sibling domain can set or shadow it.
  const cookieName = (secure ? '__Host-' : '') + COOKIE_PREFIX + teamId.replace(/-/g, '').slice(0, 12);
  const scheme = options.tls ? 'https' : 'http';
  // Behind a TLS proxy the browser's pages are https:// although this server speaks HTTP to the proxy.
  const originSchemes = options.secureCookies && !options.tls ? ['https', 'http'] : [scheme];
  const events = await ChangeEvents.start(app.db, options.database);
  const files = await listStaticFiles(options.rendererDir);
  let port = 0;
  let hosts = new Set<string>();
  const limit = new SignInLimit();

  const setCookie = (res: http.ServerResponse, value: string, maxAgeS: number) =>
    res.setHeader('Set-Cookie', `${cookieName}=${value}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeS}${secure ? '; Secure' : ''}`);
  const me = (account: Account, token: string): TeamMe => ({ name: account.name, role: account.role, csrf: csrfOf(token), team: app.name });

  /** The signed-in account and its token, or null. */
  const sessionOf = async (req: http.IncomingMessage): Promise<{ account: Account; token: string } | null> => {
    const token = cookieOf(req, cookieName);
    if (!token) return null;
    try {
      return { account: await accountOfSession(app.db, token), token };
    } catch (e) {
      if (e instanceof LecternError && e.code === 'unauthorized') return null;
      throw e;
    }
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    // DNS rebinding and cross-site requests: only this server's own names, and pages of its own origin.
    if (!hosts.has((req.headers.host ?? '').toLowerCase())) return sendReply(res, errorReply('Refused: foreign Host header.', 'forbidden'));
    const origin = req.headers.origin?.toLowerCase();
    if (origin !== undefined && !originSchemes.some((sch) => origin.startsWith(`${sch}://`) && hosts.has(origin.slice(sch.length + 3)))) {
      return sendReply(res, errorReply('Refused: cross-origin request.', 'forbidden'));
    }
    const url = new URL(req.url ?? '/', `${scheme}://127.0.0.1`);
    const isPost = req.method === 'POST';
    if (url.pathname === TEAM_SIGNIN_PATH) {
      if (!isPost) return sendReply(res, errorReply('Use POST to sign in.', 'bad-request'), 405);
      // JSON only: a form on another site cannot send it without a preflight this server never answers.
      if (!/^application\/json\b/.test(req.headers['content-type'] ?? '')) {
        return sendReply(res, errorReply('Send the name and password as JSON (Content-Type: application/json).', 'bad-request'));
      }
      const body = (await readJson(req, SIGN_IN_MAX_BYTES)) as { name?: unknown; password?: unknown };
      const name = typeof body?.name === 'string' ? body.name : '';
      const attempt = limit.begin(name, req.socket.remoteAddress ?? '');
      const account = await limit.run(() => authenticate(app.db, body?.name as string, body?.password as string));
      attempt.succeeded();
      const { token } = await createSession(app.db, account);
      setCookie(res, token, Math.floor(SESSION_TTL_MS / 1000));
      return sendReply(res, okReply(me(account, token)));
    }
    const session = await sessionOf(req);
    if (url.pathname === TEAM_ME_PATH) {
      if (!session) return sendReply(res, errorReply(NOT_SIGNED_IN, 'unauthorized'));
      return sendReply(res, okReply(me(session.account, session.token)));
    }
    const api = url.pathname.startsWith('/api/');
    if (api || url.pathname === TEAM_SIGNOUT_PATH || url.pathname === TEAM_EVENTS_PATH) {
      if (!session) return sendReply(res, errorReply(NOT_SIGNED_IN, 'unauthorized'));
      if (isPost && !sameText(req.headers[CSRF_HEADER.toLowerCase()] as string | undefined, csrfOf(session.token))) {
        return sendReply(res, errorReply(`Refused: the request lacks this session's ${CSRF_HEADER} header (reload the page).`, 'forbidden'));
      }
    }
    if (api) {
      const owner = session!.account.role === 'owner';
      return serveApi(req, res, url.pathname.slice(5), app.dispatchFor(session!.account), (m) => (owner && FILE_METHODS.has(m) ? undefined : API_MAX_BYTES));
    }
    if (url.pathname === TEAM_SIGNOUT_PATH) {
      if (!isPost) return sendReply(res, errorReply('Use POST to sign out.', 'bad-request'), 405);
      await endSession(app.db, session!.token);
      setCookie(res, '', 0);
      return sendReply(res, okReply({}));
    }
    if (url.pathname === TEAM_EVENTS_PATH) {
      const { token } = session!;
      const stillValid = () =>
        accountOfSession(app.db, token).then(
          () => true,
          () => false,
        );
      const headers = { 'X-Content-Type-Options': 'nosniff', 'Cross-Origin-Resource-Policy': 'same-origin' };
      if (await events.subscribe(req, res, headers, csrfOf(token), stillValid)) return;
      return sendReply(
        res,
        errorReply(`This session has ${MAX_STREAMS_PER_SESSION} live-update streams open already (a tab each): close some tabs of Lectern.`, 'too-many'),
      );
    }
    return serveStatic(req, res, files, url.pathname);
  };

  const listener = (req: http.IncomingMessage, res: http.ServerResponse) =>
    void handle(req, res).catch((e) => sendFailure(res, explainDbError(e, 'answer this request')));
  const server = options.tls
    ? https.createServer({ cert: await fs.readFile(options.tls.cert), key: await fs.readFile(options.tls.key) }, listener)
    : http.createServer(listener);
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  port = (server.address() as { port: number }).port;
  hosts = hostsOf(host, port, options.hostnames ?? [], scheme);
  return {
    url: `${scheme}://${host === '0.0.0.0' || host === '::' ? os.hostname() : host}:${port}/`,
    port,
    app,
    async close() {
      await events.close();
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await app.close();
    },
  };
}
