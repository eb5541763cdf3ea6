/**
 * The team server over real HTTP, on a real PostgreSQL: signing in (a wrong password and an unknown name
 * alike), the cookie's attributes, CSRF and foreign Origin/Host refused, a cookie from another team server
 * worthless here, roles (a viewer reads and writes nothing), two coders tagging at once who lose nothing and
 * hear each other live over Server-Sent Events, a connection to PostgreSQL lost mid-write (nothing
 * acknowledged lost), SQL injection in every field a request carries, and signing out.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { readAnnotations, readCodebook, openDb } from '../../../app/team';
import { postgresForTests } from '../../helpers/postgres';
import { rawRequest } from '../../helpers/rawHttp';
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
  if (!(await pgs.fresh(t))) return null; // skipping (LECTERN_SKIP_POSTGRES=1)
  const server = await startTeamServer({ accounts: PEOPLE, postgres: pgs.server! });
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
