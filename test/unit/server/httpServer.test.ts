import assert from 'node:assert/strict';
import http from 'node:http';
import { after, before, test } from 'node:test';
import type { RunningServer } from '../../../app/server/httpServer';
import { openSession, startTestServer, type TestServer } from '../../helpers/server';
import { symlinkSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

let running: TestServer;
let server: RunningServer;
let session: Record<string, string>;

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
  session = await openSession(server);
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

const auth = () => session;
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

test("every API call needs this instance's session: none, a wrong one or the launch secret itself is a 401 with a message", async () => {
  const attempts: Record<string, string>[] = [
    {},
    { 'X-Lectern-Session': 'wrong' },
    { 'X-Lectern-Session': server.launchSecret },
    { 'X-Lectern-Launch': server.launchSecret },
  ];
  for (const headers of attempts) {
    const res = await api('library', {}, headers);
    assert.equal(res.status, 401, JSON.stringify(headers));
    const error = JSON.parse(res.body).error;
    assert.equal(error.code, 'unauthorized');
    assert.match(error.message, /Open the address Lectern printed when it started/);
  }
});

test("the renderer's files are served without a secret (public code, no data), still with the CSP", async () => {
  const page = await request({ path: '/' });
  assert.equal(page.status, 200);
  assert.match(String(page.headers['content-security-policy']), /script-src 'self'/);
});

test('the launch address carries its secret in the fragment, which no browser sends to a server', () => {
  assert.equal(server.launchUrl, `${server.url}#launch=${server.launchSecret}`);
  assert.ok(server.launchSecret.length >= 32);
});

test('the launch secret is traded once: a second trade, or a wrong secret, is refused with a message saying what to do', async () => {
  const again = await request({ path: '/session', method: 'POST', headers: { 'X-Lectern-Launch': server.launchSecret } });
  assert.equal(again.status, 401);
  assert.match(JSON.parse(again.body).error.message, new RegExp(`used already.*go to http://127\\.0\\.0\\.1:${server.port}/.*restart Lectern`));
  const wrong = await request({ path: '/session', method: 'POST', headers: { 'X-Lectern-Launch': 'x'.repeat(32) } });
  assert.equal(wrong.status, 401);
  assert.match(JSON.parse(wrong.body).error.message, /not the launch address of the Lectern running here/);
  assert.equal((await request({ path: '/session' })).status, 405);
  // The session itself keeps working.
  assert.equal((await api('library', {})).status, 200);
});

test('no response ever sets a cookie', async () => {
  const other = await startTestServer();
  try {
    const responses = [
      await request({ path: '/' }),
      await request({ path: '/index.html' }),
      await request({ path: `/?token=${server.launchSecret}` }),
      await request({ path: '/nope' }),
      await api('library', {}),
      await api('library', {}, {}),
      await api('nope', {}),
      await request({ path: '/session', method: 'POST', headers: { 'X-Lectern-Launch': server.launchSecret } }),
      await request({ path: '/', headers: { Host: 'evil.example' } }),
    ];
    const trade = await fetch(`${other.server.url}session`, { method: 'POST', headers: { 'X-Lectern-Launch': other.server.launchSecret } });
    assert.equal(trade.status, 200);
    assert.equal(trade.headers.get('set-cookie'), null);
    for (const res of responses) assert.equal(res.headers['set-cookie'], undefined);
  } finally {
    await other.close();
  }
});

test('two instances each keep their own session, interleaved; neither session opens the other', async () => {
  const b = await startTestServer();
  try {
    const sessionB = await openSession(b.server);
    const callB = (headers: Record<string, string>) =>
      fetch(`${b.server.url}api/library`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body: '{}' });
    for (let i = 0; i < 3; i++) {
      assert.equal((await api('library', {})).status, 200);
      assert.equal((await callB(sessionB)).status, 200);
    }
    assert.equal((await callB(session)).status, 401);
    assert.equal((await api('library', {}, sessionB)).status, 401);
  } finally {
    await b.close();
  }
});

test('nothing redirects: no path, with or without the old ?token=, answers a 3xx to another site', async () => {
  for (const p of [
    `/.//evil.example/?token=${server.launchSecret}`,
    '/.//evil.example/?token=x',
    '//evil.example',
    '//evil.example/?token=x',
    '/\\evil.example',
    '/\\evil.example/?token=x',
    '/%2F%2Fevil.example',
    '/./%2Fevil.example/',
    `/?token=${server.launchSecret}`,
  ]) {
    const res = await request({ path: p });
    assert.ok(res.status < 300 || res.status >= 400, `${p} → ${res.status}`);
    assert.equal(res.headers.location, undefined, p);
  }
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
