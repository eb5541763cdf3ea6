/**
 * The team server over real HTTP, on a real PostgreSQL: signing in (a wrong password and an unknown name
 * alike), the cookie's attributes, CSRF and foreign Origin/Host refused, a cookie from another team server
 * worthless here, roles (a viewer reads and writes nothing), two coders tagging at once who lose nothing and
 * hear each other live over Server-Sent Events, a connection to PostgreSQL lost mid-write (nothing
 * acknowledged lost), SQL injection in every field a request carries, and signing out.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import type http from 'node:http';
import https from 'node:https';
import os from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { readAnnotations, readCodebook, openDb } from '../../../app/team';
import { MAX_STREAMS_PER_SESSION } from '../../../app/server/team/events';
import { hostsOf, startTeamServer as startServerProcess } from '../../../app/server/team/teamServer';
import { RENDERER_DIR } from '../../../app/core/paths';
import { MAX_ADDRESS_FAILURES, MAX_FAILURES, MAX_NAME_FAILURES, SignInLimit, WINDOW_MS } from '../../../app/server/team/signInLimit';
import { killConnections, postgresForTests } from '../../helpers/postgres';
import { rawRequest } from '../../helpers/rawHttp';
import { REPO } from '../../helpers/repo';
import { startTeamServer, TeamClient, type TestTeamServer } from '../../helpers/teamServer';

const pgs = postgresForTests({ before, after });
const HUNT = '2019-03-07-hunt-cybercrime-deterrence';
const PEOPLE = [
  { name: 'olga', role: 'owner' as const, password: 'olga password' },
  { name: 'ada', role: 'coder' as const, password: 'ada password' },
  { name: 'bob', role: 'coder' as const, password: 'bob password' },
  { name: 'vera', role: 'viewer' as const, password: 'vera password' },
];

async function serve(t: { skip(m: string): void; after(fn: () => Promise<void>): void }): Promise<TestTeamServer | null> {
  const database = await pgs.fresh(t);
  if (!database) return null; // skipping (LECTERN_SKIP_POSTGRES=1)
  const server = await startTeamServer({ accounts: PEOPLE, postgres: pgs.server!, database });
  t.after(() => server.close());
  return server;
}

async function signedIn(server: TestTeamServer, name: string): Promise<TeamClient> {
  const c = new TeamClient(server.url);
  const r = await c.signIn(name, `${name} password`);
  assert.ok(r.ok, JSON.stringify(r));
  return c;
}

/** Passage i of Hunt's speech, as a range to tag. */
async function passages(c: TeamClient): Promise<{ start: number; end: number }[]> {
  const { reply } = await c.call('document', { id: HUNT });
  assert.ok(reply.ok);
  return reply.value.passages.map((p) => ({ start: p.start, end: Math.min(p.end, p.start + 30) }));
}

test('signing in: one answer for a wrong password and an unknown name; an HttpOnly SameSite=Strict cookie; /team/me', async (t) => {
  const server = await serve(t);
  if (!server) return;
  const c = new TeamClient(server.url);
  const me0 = await c.request('/team/me');
  assert.equal(me0.status, 401);
  const wrong = await c.signIn('ada', 'not her password');
  const unknown = await c.signIn('nobody', 'ada password');
  assert.deepEqual(wrong, unknown, 'neither reply tells which names exist');
  assert.deepEqual(wrong, { ok: false, error: { message: 'wrong name or password', code: 'unauthorized' } });
  assert.equal(c.cookie, '');

  const res = await c.request('/team/signin', { body: { name: 'ada', password: 'ada password' } });
  assert.equal(res.status, 200);
  c.csrf = (await res.json()).value.csrf;
  const cookie = res.headers.get('set-cookie')!;
  assert.match(cookie, /^lectern-team-[0-9a-f]{12}=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200$/);
  assert.doesNotMatch(cookie, /Secure/, 'plain HTTP on 127.0.0.1: a Secure cookie would never be sent back');
  const me = await (await c.request('/team/me')).json();
  assert.equal(me.ok, true);
  assert.deepEqual({ ...me.value, csrf: typeof me.value.csrf }, { name: 'ada', role: 'coder', csrf: 'string', team: server.corpusDir.split('/').pop() });
  const coder = await c.call('coder', {});
  assert.deepEqual(coder.reply.ok && { ...coder.reply.value, coders: [] }, { name: 'ada', source: 'team', role: 'coder', coders: [] });
  // The form of another site cannot post JSON without a preflight; a urlencoded sign-in is refused.
  const form = await fetch(new URL('/team/signin', server.url), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: 'name=ada&password=ada+password',
  });
  assert.equal(form.status, 400);
  assert.equal(form.headers.get('set-cookie'), null);
});

test('CSRF token, Origin and Host are checked; a cookie from another team server is worthless here', async (t) => {
  const server = await serve(t);
  if (!server) return;
  const ada = await signedIn(server, 'ada');
  const [p] = await passages(ada);
  const noToken = await ada.request('/api/tagRange', { body: { docId: HUNT, ...p, newTags: ['x'] }, csrf: false });
  assert.equal(noToken.status, 403);
  assert.match((await noToken.json()).error.message, /lacks this session's X-Lectern-CSRF header/);
  const forged = await ada.request('/api/tagRange', { body: { docId: HUNT, ...p, newTags: ['x'] }, headers: { 'X-Lectern-CSRF': 'A'.repeat(43) } });
  assert.equal(forged.status, 403);
  const crossSite = await ada.request('/api/codebook', { body: {}, headers: { Origin: 'https://evil.example' } });
  assert.equal(crossSite.status, 403);
  // fetch will not send a foreign Host: raw HTTP, as a DNS-rebinding page's requests arrive.
  const headers = { Cookie: ada.cookie, 'X-Lectern-CSRF': ada.csrf, 'Content-Type': 'application/json' };
  const rebound = await rawRequest(server.port, {
    path: '/api/codebook',
    method: 'POST',
    body: '{}',
    headers: { ...headers, Host: `evil.example:${server.port}` },
  });
  assert.equal(rebound.status, 403);
  assert.equal((await rawRequest(server.port, { path: '/api/codebook', method: 'POST', body: '{}', headers })).status, 200);
  assert.deepEqual(await readCodebook(openPool(server, t)), [], 'nothing refused was written');

  // Another team (its own database, its own cookie name): its session opens nothing here.
  const other = await serve(t);
  const there = await signedIn(other!, 'ada');
  assert.notEqual(there.cookie.split('=')[0], ada.cookie.split('=')[0]);
  const visitor = new TeamClient(server.url);
  visitor.cookie = `${ada.cookie.split('=')[0]}=${there.cookie.split('=')[1]}`;
  visitor.csrf = there.csrf;
  const r = await visitor.call('codebook', {});
  assert.equal(r.status, 401);
  assert.equal((await visitor.request('/team/me')).status, 401);
});

const pools = new WeakMap<TestTeamServer, pg.Pool>();
function openPool(server: TestTeamServer, t: { after(fn: () => Promise<void>): void }): pg.Pool {
  let pool = pools.get(server);
  if (!pool) {
    pool = openDb(server.database);
    pools.set(server, pool);
    const p = pool;
    t.after(() => p.end());
  }
  return pool;
}

test('roles: a viewer reads everything and writes nothing; a coder cannot keep the codebook or leave the corpus', async (t) => {
  const server = await serve(t);
  if (!server) return;
  const [ada, bob, vera, olga] = await Promise.all(['ada', 'bob', 'vera', 'olga'].map((n) => signedIn(server, n)));
  const ps = await passages(ada);
  const tagged = await ada.call('tagRange', { docId: HUNT, ...ps[1], newTags: ['Deterrence'], note: 'ada' });
  assert.ok(tagged.reply.ok);
  const code = tagged.reply.value.created[0];

  for (const [method, req] of [
    ['tagRange', { docId: HUNT, ...ps[2], tagIds: [code.id] }],
    ['createTag', { name: 'Mine' }],
    ['updateAnnotation', { id: tagged.reply.value.annotation.id, note: 'vera' }],
    ['deleteAnnotation', { id: tagged.reply.value.annotation.id }],
    ['undo', {}],
    ['importTags', { filename: 'x.csv', base64: '' }],
    ['reindex', {}],
    ['saveSubcorpus', { name: 'mine', query: 'year:2019' }],
  ] as const) {
    const r = await vera.raw(method, req);
    assert.equal(r.status, 403, method);
    assert.match(r.reply.ok ? '' : r.reply.error.message, /^vera is a viewer and cannot/);
  }
  for (const [method, req] of [
    ['search', { query: 'cyber' }],
    ['annotations', {}],
    ['agreement', {}],
    ['exportTags', { format: 'w3c' }],
  ] as const) {
    assert.equal((await vera.raw(method, req)).status, 200, method);
  }
  // A code is its coder's to change while no one else codes with it; then it is the owner's.
  assert.equal((await bob.call('updateTag', { id: code.id, name: 'Deterrents' })).status, 403, "ada's code");
  assert.equal((await ada.call('updateTag', { id: code.id, name: 'Deterrents' })).status, 200, 'only ada uses it');
  await bob.call('tagRange', { docId: HUNT, ...ps[2], tagIds: [code.id] });
  const shared = await ada.call('updateTag', { id: code.id, name: 'Deterrence' });
  assert.equal(shared.status, 403, 'a code two coders use is the owner’s to rename');
  assert.match(shared.reply.ok ? '' : shared.reply.error.message, /which other coders use \(ask an owner\)/);
  assert.equal((await olga.call('updateTag', { id: code.id, name: 'Deterrence' })).status, 200);
  assert.equal((await bob.call('updateAnnotation', { id: tagged.reply.value.annotation.id, note: 'bob' })).status, 403);
  assert.equal((await bob.call('setCoder', { name: 'ada' })).status, 403);
  assert.equal((await bob.call('openCorpus', { dir: '/' })).status, 403);
  const rows = await readAnnotations(openPool(server, t));
  assert.deepEqual(rows.map((r) => r.creator?.name).sort(), ['ada', 'bob']);
});

/** Polls until `done()` holds (events arrive asynchronously); fails with `what()` after `ms`. */
async function eventually(done: () => boolean, what: () => string, ms = 10_000): Promise<void> {
  const end = Date.now() + ms;
  while (!done()) {
    if (Date.now() > end) assert.fail(`timed out: ${what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test("two coders tagging at once over HTTP lose nothing and each page hears the other's changes live", async (t) => {
  const server = await serve(t);
  if (!server) return;
  const [ada, bob] = await Promise.all(['ada', 'bob'].map((n) => signedIn(server, n)));
  const ps = await passages(ada);
  const adaHears = await ada.listen();
  const bobHears = await bob.listen();
  t.after(() => {
    adaHears.close();
    bobHears.close();
  });
  assert.equal(adaHears.status, 200);
  const N = Math.min(25, ps.length);
  const results = await Promise.all(
    [ada, bob].flatMap((c, k) =>
      ps.slice(0, N).map((p, i) => c.call('tagRange', { docId: HUNT, ...p, newTags: [`${k ? 'bob' : 'ada'} code ${i}`], note: `${k} ${i}` })),
    ),
  );
  for (const r of results) assert.equal(r.status, 200, JSON.stringify(r.reply));
  const acknowledged = results.map((r) => (r.reply.ok ? r.reply.value.annotation.id : ''));
  const rows = await readAnnotations(openPool(server, t));
  assert.deepEqual(new Set(rows.map((r) => r.id)), new Set(acknowledged));
  assert.equal(rows.length, 2 * N, 'one annotation per coder and range: two layers, no twins');
  // Each change is one event to every page, in commit order; the page reads the data through the contract.
  const log = (await openPool(server, t).query('SELECT seq FROM changes ORDER BY seq')).rows.map((r) => Number(r.seq));
  await eventually(
    () => adaHears.events.length >= log.length && bobHears.events.length >= log.length,
    () => `ada heard ${adaHears.events.length}, bob ${bobHears.events.length} of ${log.length}`,
  );
  assert.deepEqual(
    bobHears.events.map((e) => e.seq),
    log,
  );
  assert.deepEqual(
    adaHears.events.map((e) => e.seq),
    log,
  );
  assert.deepEqual(new Set(bobHears.events.map((e) => e.by)), new Set(['ada', 'bob']));
  // A page that reconnects (EventSource sends Last-Event-ID) is sent what it missed, and only that.
  const late = await bob.listen(log[log.length - 3]);
  t.after(() => late.close());
  await eventually(
    () => late.events.length >= 2,
    () => `replayed ${late.events.length}`,
  );
  await new Promise((r) => setTimeout(r, 100));
  assert.deepEqual(
    late.events.map((e) => e.seq),
    log.slice(-2),
  );
  // Both see the same agreement, computed from the same store.
  const [a1, b1] = await Promise.all([ada.call('agreement', { coders: ['ada', 'bob'] }), bob.call('agreement', { coders: ['ada', 'bob'] })]);
  assert.deepEqual(a1.reply, b1.reply);
  // A viewer's stream needs a session.
  const anonymous = await new TeamClient(server.url).listen();
  assert.equal(anonymous.status, 401);
});

test('a PostgreSQL connection lost mid-write: the request says so, nothing acknowledged is lost, the server recovers', async (t) => {
  const server = await serve(t);
  if (!server) return;
  const [ada, bob] = await Promise.all(['ada', 'bob'].map((n) => signedIn(server, n)));
  const ps = await passages(ada);
  // The server's pool connections (not its LISTEN one, whose reconnecting is another matter), caught mid-write.
  const killer = await killConnections(server.database, "datname = current_database() AND query NOT LIKE 'LISTEN%'", [15, 45], t);
  const outcomes = await Promise.all(
    Array.from({ length: 80 }, (_, i) => (i % 2 ? ada : bob).call('tagRange', { docId: HUNT, ...ps[i % ps.length], newTags: [`c${i}`], note: `n${i}` })),
  );
  const kills = await killer.stop();
  const ok = outcomes.filter((o) => o.status === 200);
  const failed = outcomes.filter((o) => o.status !== 200);
  t.diagnostic(`${kills} connections killed: ${ok.length} acknowledged, ${failed.length} failed`);
  assert.ok(kills > 0 && failed.length > 0, 'the killer must have cut some writes, or this test tests nothing');
  for (const f of failed) {
    assert.equal(f.reply.ok ? '' : f.reply.error.code, 'unavailable', JSON.stringify(f.reply));
    assert.match(f.reply.ok ? '' : f.reply.error.message, /the connection to the team database was lost\. Nothing unconfirmed was kept; try again/);
  }
  const rows = await readAnnotations(openPool(server, t));
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const o of ok) {
    const v = o.reply.ok ? o.reply.value : null;
    const row = byId.get(v!.annotation.id);
    assert.ok(row, 'an acknowledged write is lost');
    for (const tagId of v!.annotation.tagIds)
      assert.ok(
        row.body.some((b) => b.purpose === 'tagging' && b.source === tagId),
        'an acknowledged code is lost',
      );
  }
  // What the server shows agrees with the database, and the next write goes through.
  const shown = await ada.call('annotations', {});
  assert.equal(shown.reply.ok && shown.reply.value.length, rows.length);
  assert.equal((await ada.call('tagRange', { docId: HUNT, ...ps[0], newTags: ['after'] })).status, 200);
});

test('SQL injection in every field of a request is a value, never SQL; then signing out ends the session', async (t) => {
  const server = await serve(t);
  if (!server) return;
  const db = openPool(server, t);
  const attacks = ["'; DROP TABLE annotations; --", "x' OR '1'='1", "ada' --", 'Robert"); DELETE FROM tags; --', '$1; SELECT pg_sleep(5)'];
  for (const s of attacks) {
    const c: TeamClient = new TeamClient(server.url);
    assert.equal((await c.signIn(s, s)).ok, false, 'a name is a value');
    assert.equal((await c.signIn('ada', s)).ok, false, 'a password is a value');
  }
  const ada = await signedIn(server, 'ada');
  const ps = await passages(ada);
  for (const [i, s] of attacks.entries()) {
    const r = await ada.call('tagRange', { docId: HUNT, ...ps[i], newTags: [s], note: s });
    assert.equal(r.status, 200, JSON.stringify(r.reply));
    const id = r.reply.ok ? r.reply.value.annotation.id : '';
    const tagId = r.reply.ok ? r.reply.value.created[0].id : '';
    assert.equal((await ada.call('updateAnnotation', { id, note: `${s} (edited)`, newTags: [`${s} 2`] })).status, 200);
    assert.equal((await ada.call('updateTag', { id: tagId, description: s })).status, 200);
    for (const [method, req] of [
      ['tagRange', { docId: s, start: 0, end: 5, newTags: ['x'] }],
      ['updateAnnotation', { id: s, note: 'x' }],
      ['deleteAnnotation', { id: s }],
      ['updateTag', { id: s, name: 'x' }],
      ['annotations', { docId: s, tagId: s, speaker: s, coders: [s] }],
      ['search', { query: s }],
      ['agreement', { coders: [s, 'ada'], codes: [s] }],
    ] as const) {
      const res = await ada.raw(method, req);
      assert.ok(res.status < 500, `${method} with ${s}: ${JSON.stringify(res.reply)}`);
    }
    const cookieAttack: TeamClient = new TeamClient(server.url);
    cookieAttack.cookie = `${ada.cookie.split('=')[0]}=${encodeURIComponent(s)}`;
    assert.equal((await cookieAttack.request('/team/me')).status, 401, 'a cookie is a value');
  }
  const rows = await readAnnotations(db, { coders: ['ada'] });
  assert.equal(rows.length, attacks.length, 'every table still there, every row as written');
  assert.deepEqual(
    rows
      .map((r) => r.body.find((b) => b.purpose === 'commenting'))
      .map((b) => (b && 'value' in b ? b.value : ''))
      .sort(),
    attacks.map((s) => `${s} (edited)`).sort(),
  );
  const codebook = await readCodebook(db);
  for (const s of attacks) assert.ok(codebook.some((c) => c.name === s && c.description === s) && codebook.some((c) => c.name === `${s} 2`));
  assert.equal((await db.query('SELECT count(*)::int AS n FROM accounts')).rows[0].n, PEOPLE.length);

  // Signing out: the cookie is cleared, the session is gone from the database, the API answers 401.
  const sessionsBefore = (await db.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n;
  const kept = ada.cookie;
  const out = await ada.request('/team/signout', { body: {} });
  assert.equal(out.status, 200);
  assert.match(out.headers.get('set-cookie') ?? '', /^lectern-team-[0-9a-f]{12}=; HttpOnly; SameSite=Strict; Path=\/; Max-Age=0$/);
  assert.equal((await db.query('SELECT count(*)::int AS n FROM sessions')).rows[0].n, sessionsBefore - 1);
  const replay = new TeamClient(server.url);
  replay.cookie = kept;
  replay.csrf = ada.csrf;
  assert.equal((await replay.call('codebook', {})).status, 401, 'a stolen cookie is worthless after signing out');
});

test('a coder whose own connection drops mid-request: the server goes on, and what it stored is whole and shown', async (t) => {
  const server = await serve(t);
  if (!server) return;
  const ada = await signedIn(server, 'ada');
  const ps = await passages(ada);
  const cut = await Promise.all(
    Array.from({ length: 40 }, async (_, i) => {
      const controller = new AbortController();
      setTimeout(() => controller.abort(), Math.random() * 150);
      try {
        const res = await fetch(new URL('/api/tagRange', server.url), {
          method: 'POST',
          headers: { Cookie: ada.cookie, 'X-Lectern-CSRF': ada.csrf, 'Content-Type': 'application/json', Origin: new URL(server.url).origin },
          body: JSON.stringify({ docId: HUNT, ...ps[i % ps.length], newTags: [`cut ${i}`], note: `cut ${i}` }),
          signal: controller.signal,
        });
        const reply = await res.json();
        return reply.ok ? (reply.value.annotation.id as string) : 'refused';
      } catch {
        return 'cut';
      }
    }),
  );
  t.diagnostic(`${cut.filter((c) => c === 'cut').length} of 40 requests cut by the client`);
  assert.ok(cut.includes('cut'), 'some requests must have been cut, or this test tests nothing');
  // The server still answers, and what it shows is what the database holds, every annotation whole.
  // Writes whose replies were cut may still be queued on the server: wait until the change log stands still.
  const logSize = async () => (await openPool(server, t).query('SELECT count(*)::int AS n FROM changes')).rows[0].n as number;
  for (let before = -1, now = await logSize(); now !== before; before = now, now = await logSize()) await new Promise((r) => setTimeout(r, 300));
  const shown = await ada.call('annotations', {});
  assert.ok(shown.reply.ok);
  const rows = await readAnnotations(openPool(server, t));
  assert.deepEqual(shown.reply.value.map((a) => a.id).sort(), rows.map((r) => r.id).sort());
  // Every acknowledged write is there (two on one range are one annotation: the same coder's twin).
  const acknowledged = new Set(cut.filter((c) => c !== 'cut' && c !== 'refused'));
  for (const id of acknowledged)
    assert.ok(
      rows.some((r) => r.id === id),
      `acknowledged annotation ${id} is missing`,
    );
  for (const r of rows)
    assert.ok(
      r.body.some((b) => b.purpose === 'commenting'),
      `annotation ${r.id} lost its note`,
    );
  assert.equal((await ada.call('tagRange', { docId: HUNT, ...ps[0], newTags: ['after'] })).status, 200);
});

test('over HTTPS (--cert/--key) the session cookie is Secure, and so it is behind a TLS proxy (--secure-cookies)', async (t) => {
  const database = await pgs.fresh(t);
  if (!database) return;
  const tlsDir = path.join(REPO, 'test', 'fixtures', 'tls');
  const tls = { cert: path.join(tlsDir, 'cert.pem'), key: path.join(tlsDir, 'key.pem') };
  const server = await startTeamServer({ accounts: PEOPLE, postgres: pgs.server!, database, tls });
  t.after(() => server.close());
  assert.match(server.url, /^https:\/\/127\.0\.0\.1:\d+\/$/);
  const ca = readFileSync(tls.cert);
  const post = (pathname: string, body: string, headers: Record<string, string> = {}) =>
    new Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }>((resolve, reject) => {
      const req = https.request(
        new URL(pathname, server.url),
        { method: 'POST', ca, headers: { 'Content-Type': 'application/json', Origin: new URL(server.url).origin, ...headers } },
        (res) => {
          let text = '';
          res.on('data', (c) => (text += c));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
        },
      );
      req.on('error', reject);
      req.end(body);
    });
  const signIn = await post('/team/signin', JSON.stringify({ name: 'ada', password: 'ada password' }));
  assert.equal(signIn.status, 200);
  const cookie = signIn.headers['set-cookie']![0];
  assert.match(cookie, /; HttpOnly; SameSite=Strict; Path=\/; Max-Age=43200; Secure$/);
  const csrf = JSON.parse(signIn.body).value.csrf;
  const call = await post('/api/codebook', '{}', { Cookie: cookie.split(';')[0], 'X-Lectern-CSRF': csrf });
  assert.equal(call.status, 200, call.body);
  // A page of the plain-HTTP origin is another origin: refused.
  const downgrade = await post('/api/codebook', '{}', {
    Cookie: cookie.split(';')[0],
    'X-Lectern-CSRF': csrf,
    Origin: server.url.replace('https', 'http').replace(/\/$/, ''),
  });
  assert.equal(downgrade.status, 403);

  const proxied = await startTeamServer({ accounts: PEOPLE.slice(0, 1), postgres: pgs.server!, secureCookies: true });
  t.after(() => proxied.close());
  const res = await new TeamClient(proxied.url).request('/team/signin', { body: { name: 'olga', password: 'olga password' } });
  assert.match(res.headers.get('set-cookie') ?? '', /; Secure$/);
});

test('guessing passwords is stopped: after 10 attempts a name is refused (429) for a while, sent one by one or all at once', async (t) => {
  const server = await serve(t);
  if (!server) return;
  const guesser = new TeamClient(server.url);
  for (let i = 0; i < MAX_FAILURES; i++) assert.equal((await guesser.signIn('ada', `guess ${i}`)).error?.code, 'unauthorized');
  // All at once: counted as they arrive, so no more than 10 reach scrypt.
  const volley = await Promise.all(Array.from({ length: 30 }, (_, i) => new TeamClient(server.url).signIn('bob', `guess ${i}`)));
  assert.equal(volley.filter((r) => r.error?.code === 'unauthorized').length, MAX_FAILURES);
  assert.equal(volley.filter((r) => r.error?.code === 'too-many').length, 30 - MAX_FAILURES);
  // A sign-in body is a name and a password: a big one is refused before anything is done with it.
  const huge = await guesser.request('/team/signin', { body: { name: 'x'.repeat(10_000), password: 'y' } });
  assert.equal(huge.status, 400);
  assert.match((await huge.json()).error.message, /larger than 4 KB/);
  const res = await guesser.request('/team/signin', { body: { name: 'ada', password: 'ada password' } });
  assert.equal(res.status, 429, 'even the right password waits: the guesser must not learn it is right');
  assert.match((await res.json()).error.message, /^Too many failed sign-ins (for this account|from your address): try again in \d+ minutes?\.$/);
  assert.equal(res.headers.get('set-cookie'), null);
});

test('the sign-in limit: attempts count as they start, per name and address, per address, per name; a success clears the name', () => {
  let now = 0;
  const limit = new SignInLimit(() => now);
  // Sent all at once: each counts before any finishes, so the 11th is refused though none has failed yet.
  for (let i = 0; i < MAX_FAILURES; i++) limit.begin('Ada', '10.0.0.1');
  assert.throws(() => limit.begin('ADA', '10.0.0.1'), /Too many failed sign-ins for this account: try again in 10 minutes\./);
  // Someone guessing ada's password from one address does not lock ada out elsewhere.
  limit.begin('ada', '10.0.0.2').succeeded();
  // One address (an office may share one): 50 attempts, whatever the names.
  for (let i = 0; i < MAX_ADDRESS_FAILURES - 1; i++) limit.begin(`name${i}`, '10.0.0.9');
  limit.begin('someone', '10.0.0.9');
  assert.throws(() => limit.begin('someone else', '10.0.0.9'), /from your address/);
  // A name tried from many addresses: stopped at MAX_NAME_FAILURES.
  for (let i = 0; i < MAX_NAME_FAILURES; i++) limit.begin('olga', `10.1.${i >> 8}.${i & 255}`);
  assert.throws(() => limit.begin('olga', '10.2.0.1'), /for this account/);
  // The window passes.
  now += WINDOW_MS + 1;
  limit.begin('someone else', '10.0.0.9');
  limit.begin('olga', '10.2.0.1');
  // A success takes the name's attempts back (not the address's).
  for (let i = 0; i < MAX_FAILURES - 1; i++) limit.begin('bob', '10.0.0.3');
  limit.begin('bob', '10.0.0.3').succeeded();
  for (let i = 0; i < MAX_FAILURES; i++) limit.begin('bob', '10.0.0.3');
  // An office signing in together: successes do not count against its address.
  for (let i = 0; i < 2 * MAX_ADDRESS_FAILURES; i++) limit.begin(`person${i}`, '10.0.0.5').succeeded();
  limit.begin('latecomer', '10.0.0.5');
  // A name of any length is kept as a short key.
  limit.begin('x'.repeat(100_000), '10.0.0.4');
});

test('the names a Host or Origin may give: with the port, and without it on the scheme’s own port (as browsers send it)', () => {
  const on443 = hostsOf('0.0.0.0', 443, ['lectern.example.org'], 'https');
  assert.ok(on443.has('lectern.example.org') && on443.has('lectern.example.org:443') && on443.has('127.0.0.1') && on443.has(`${os.hostname()}:443`));
  const on8443 = hostsOf('127.0.0.1', 8443, ['lectern.example.org'], 'https');
  assert.ok(on8443.has('lectern.example.org:8443') && !on8443.has('lectern.example.org') && !on8443.has('evil.example:8443'));
  assert.ok(!hostsOf('127.0.0.1', 80, [], 'http').has('evil.example'));
  assert.ok(hostsOf('127.0.0.1', 80, [], 'http').has('localhost'));
});

test('one session holds at most 16 live-update streams; closing one makes room', async (t) => {
  const server = await serve(t);
  if (!server) return;
  const ada = await signedIn(server, 'ada');
  const streams = await Promise.all(Array.from({ length: MAX_STREAMS_PER_SESSION }, () => ada.listen()));
  t.after(() => streams.forEach((s) => s.close()));
  assert.deepEqual(new Set(streams.map((s) => s.status)), new Set([200]));
  const over = await ada.listen();
  assert.equal(over.status, 429);
  const bob = await (await signedIn(server, 'bob')).listen(); // another session is not counted with ada's
  t.after(() => bob.close());
  assert.equal(bob.status, 200);
  streams[0].close();
  let again = await ada.listen();
  for (let i = 0; i < 50 && again.status !== 200; i++) {
    await new Promise((r) => setTimeout(r, 20)); // the server hears of the closed stream a moment later
    again = await ada.listen();
  }
  t.after(() => again.close());
  assert.equal(again.status, 200);
});

test("the server's own LISTEN connection lost and back: pages still get every committed change, once, in order", async (t) => {
  const server = await serve(t);
  if (!server) return;
  const ada = await signedIn(server, 'ada');
  const [p] = await passages(ada);
  const first = await ada.call('tagRange', { docId: HUNT, ...p, newTags: ['Live'] });
  const id = first.reply.ok ? first.reply.value.annotation.id : '';
  const db = openPool(server, t);
  const from = Number((await db.query('SELECT max(seq) AS s FROM changes')).rows[0].s);
  const page = await ada.listen();
  t.after(() => page.close());
  let stop = false;
  let n = 0;
  const writers = Promise.all(
    [0, 1, 2].map(async () => {
      while (!stop) await ada.call('updateAnnotation', { id, note: `note ${n++}` });
    }),
  );
  let kills = 0;
  for (let k = 0; k < 3; k++) {
    await new Promise((r) => setTimeout(r, 1300)); // the server reconnects a second after losing it
    kills += (await db.query("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE 'LISTEN%' AND pid <> pg_backend_pid()")).rowCount ?? 0;
  }
  await new Promise((r) => setTimeout(r, 1500)); // the last reconnect (after a second) and its catch-up
  stop = true;
  await writers;
  const committed = (await db.query('SELECT seq FROM changes WHERE seq > $1 ORDER BY seq', [from])).rows.map((r) => Number(r.seq));
  await eventually(
    () => page.events.length >= committed.length,
    () => `the page got ${page.events.length} of ${committed.length}`,
  );
  t.diagnostic(`${kills} LISTEN connections killed; ${committed.length} changes`);
  assert.ok(kills >= 2, 'the LISTEN connection must have been cut, or this test tests nothing');
  assert.deepEqual(
    page.events.map((e) => e.seq),
    committed,
  );
});

test('two server processes on one team: a passage tagged on one is found by tag: search on the other at once', async (t) => {
  const server = await serve(t);
  if (!server) return;
  const second = await startServerProcess({ corpusDir: server.corpusDir, database: server.database, rendererDir: RENDERER_DIR });
  t.after(() => second.close());
  const ada = new TeamClient(second.url);
  assert.ok((await ada.signIn('ada', 'ada password')).ok);
  const bob = await signedIn(server, 'bob');
  assert.equal((await bob.call('search', { query: 'tag:Deterrence' })).reply.ok, true);
  const [p] = await passages(ada);
  assert.equal((await ada.call('tagRange', { docId: HUNT, ...p, newTags: ['Deterrence'] })).status, 200);
  const found = await bob.call('search', { query: 'tag:Deterrence' });
  assert.ok(found.reply.ok);
  assert.deepEqual(
    found.reply.value.documents.map((d) => d.id),
    [HUNT],
  );
});
