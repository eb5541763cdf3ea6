import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import type { RunningServer } from '../../../app/server/httpServer';
import { startTestServer, type TestServer } from '../../helpers/server';
import { symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

let running: TestServer;
let server: RunningServer;

before(async () => {
  running = await startTestServer({
    prepareUi: (uiDir) => {
      writeFileSync(path.join(uiDir, 'secret.txt'), 'outside the renderer');
      writeFileSync(path.join(uiDir, 'secret.html'), 'outside the renderer');
      // Links inside the renderer folder that lead out of it, to a file and to a folder.
      symlinkSync(path.join(uiDir, 'secret.html'), path.join(uiDir, 'renderer', 'escape.html'));
      symlinkSync(uiDir, path.join(uiDir, 'renderer', 'up'));
    },
  });
  server = running.server;
});
after(() => running.close());

/** Raw HTTP so that Host and Origin can be set as an attacker would (fetch forbids that). */
function request(opts: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: server.port, path: opts.path, method: opts.method ?? 'GET', headers: { Host: `127.0.0.1:${server.port}`, ...opts.headers } },
      (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end(opts.body);
  });
}

const auth = () => ({ 'X-Lectern-Token': server.token });
const api = (method: string, body: unknown, headers: Record<string, string> = auth()) =>
  request({ path: `/api/${method}`, method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) });

test('the API answers contract calls over HTTP', async () => {
  const res = await api('search', { query: '"prime target"' });
  assert.equal(res.status, 200);
  const value = JSON.parse(res.body).value;
  assert.deepEqual(
    value.documents.map((d: { id: string }) => d.id),
    ['2021-05-12-raab-cooperation-independent'],
  );
});

test('every request needs the per-launch secret', async () => {
  assert.equal((await api('library', {}, {})).status, 401);
  assert.equal((await api('library', {}, { 'X-Lectern-Token': 'wrong' })).status, 401);
  assert.equal((await request({ path: '/' })).status, 401);
});

test('the launch URL moves the secret into an HttpOnly SameSite=Strict cookie', async () => {
  const res = await request({ path: `/?token=${server.token}` });
  assert.equal(res.status, 303);
  assert.equal(res.headers.location, '/');
  const cookie = String(res.headers['set-cookie']);
  assert.match(cookie, /HttpOnly/);
  assert.match(cookie, /SameSite=Strict/);
  const page = await request({ path: '/', headers: { Cookie: cookie.split(';')[0] } });
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
});

test('a foreign Host (DNS rebinding) or Origin (cross-site) is refused', async () => {
  assert.equal((await request({ path: '/', headers: { Host: 'evil.example', ...auth() } })).status, 403);
  assert.equal((await api('library', {}, { ...auth(), Origin: 'http://evil.example' })).status, 403);
  assert.equal((await api('library', {}, { ...auth(), Origin: `http://127.0.0.1:${server.port}` })).status, 200);
});

test("only the renderer's own files are served: no path escapes", async () => {
  for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/..%2fsecret.txt', '/renderer/../secret.txt', '//etc/passwd']) {
    const res = await request({ path: p, headers: auth() });
    assert.equal(res.status, 404, p);
    assert.ok(!res.body.includes('outside the renderer'));
  }
});

test('symbolic links leading out of the renderer folder, and encoded or absolute variants, are refused', async () => {
  const paths = [
    '/escape.html',
    '/up/secret.html',
    '/up/secret.txt',
    '/%65scape.html',
    '/up%2fsecret.html',
    '/%2e%2e%2fsecret.html',
    '/%252e%252e%252fsecret.html',
    '/..%5csecret.html',
    '/..\\secret.html',
    '/.%2e/secret.html',
    '/%2fetc%2fpasswd',
    '/etc/passwd',
    '/index.html%00.txt',
    '/./../secret.html',
    '/index.html/../../secret.html',
    `${'/..'.repeat(20)}/etc/passwd`,
    'http://127.0.0.1/../secret.html',
    'file:///etc/passwd',
  ];
  for (const p of paths) {
    const res = await request({ path: p, headers: auth() });
    assert.ok(res.status === 404 || res.status === 400, `${p} → ${res.status}`);
    assert.ok(!res.body.includes('outside the renderer') && !res.body.includes('root:'), `${p} leaked a file`);
  }
  // The real page is still served.
  assert.equal((await request({ path: '/index.html', headers: auth() })).status, 200);
});

/** Whether a TCP connection to host:port is accepted. */
function connects(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port, timeout: 2000 });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
  });
}

test('it listens on 127.0.0.1 only: other addresses of this machine refuse the connection', async (t) => {
  assert.match(server.url, /^http:\/\/127\.0\.0\.1:\d+\/$/);
  assert.equal(await connects('127.0.0.1', server.port), true);
  const others = Object.values(os.networkInterfaces())
    .flat()
    .filter((i) => i && !i.internal)
    .map((i) => i!.address);
  if (others.length === 0) t.diagnostic('this machine has no non-loopback address; only ::1 is checked');
  for (const address of ['::1', ...others]) assert.equal(await connects(address, server.port), false, `reachable on ${address}`);
});

test('bad requests get clear errors', async () => {
  const unknown = await api('nope', {});
  assert.equal(unknown.status, 404);
  const badJson = await request({ path: '/api/search', method: 'POST', headers: auth(), body: '{not json' });
  assert.equal(badJson.status, 400);
  assert.match(JSON.parse(badJson.body).error.message, /not valid JSON/);
  const missing = await api('document', { id: 'no-such-doc' });
  assert.equal(missing.status, 400);
  assert.match(JSON.parse(missing.body).error.message, /no document "no-such-doc"/);
  const get = await request({ path: '/api/library', headers: auth() });
  assert.equal(get.status, 405);
});
