/**
 * `lectern team …` against a real PostgreSQL: accounts made, listed, re-roled and re-passworded (ending
 * their sessions), passwords never taken from the command line; a local corpus's tags and an export file
 * imported into the team, each coder's layer kept, twice adding nothing twice; the team exported with
 * every coder; `serve --team` refuses a missing database and team options without --team.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import { accountOfSession, authenticate, createSession, openDb, readAnnotations } from '../../../app/team';
import { postgresForTests } from '../../helpers/postgres';
import { runCli } from '../../helpers/runCli';
import { copyShippedCorpus, tempDirFor } from '../../helpers/temp';
import path from 'node:path';

const pgs = postgresForTests({ before, after });

async function withPassword<T>(password: string, fn: () => Promise<T>): Promise<T> {
  process.env.LECTERN_PASSWORD = password;
  try {
    return await fn();
  } finally {
    delete process.env.LECTERN_PASSWORD;
  }
}

test('accounts from the command line: add, list, role, password; passwords only from LECTERN_PASSWORD or stdin', async (t) => {
  const config = await pgs.fresh(t);
  if (!config) return;
  const url = `postgres://${config.user}@/${config.database}?host=${encodeURIComponent(String(config.host))}&port=${config.port}`;
  const add = await withPassword('olga password', () => runCli('team', 'add-user', 'olga', '--role', 'owner', '--database', url));
  assert.deepEqual(add, { code: 0, out: 'Added olga (owner).', err: '' });
  await withPassword('ada password', () => runCli('team', 'add-user', 'ada', '--role', 'coder', '--database', url));
  const twice = await withPassword('ada password', () => runCli('team', 'add-user', 'ada', '--role', 'coder', '--database', url));
  assert.equal(twice.code, 1);
  assert.match(twice.err, /an account named "ada" already exists/);
  assert.equal((await runCli('team', 'add-user', 'bob', '--role', 'boss', '--database', url)).code, 2);
  assert.equal((await withPassword('short', () => runCli('team', 'add-user', 'bob', '--role', 'coder', '--database', url))).code, 1);
  assert.equal((await runCli('team', 'users', '--database', url)).out, 'ada  coder\nolga  owner');
  const json = JSON.parse((await runCli('team', 'users', '--json', '--database', url)).out);
  assert.deepEqual(
    json.map((a: { name: string; role: string }) => [a.name, a.role]),
    [
      ['ada', 'coder'],
      ['olga', 'owner'],
    ],
  );
  assert.equal((await runCli('team', 'role', 'ada', 'viewer', '--database', url)).out, 'ada is now a viewer.');

  const db = openDb(config);
  t.after(() => db.end());
  const { token } = await createSession(db, await authenticate(db, 'ada', 'ada password'));
  await withPassword('a new password', () => runCli('team', 'password', 'ada', '--database', url));
  await assert.rejects(accountOfSession(db, token), /sign in again/, 'a new password ends the old sessions');
  await assert.rejects(authenticate(db, 'ada', 'ada password'));
  assert.equal((await authenticate(db, 'ada', 'a new password')).role, 'viewer');
  const noDb = await runCli('team', 'users');
  assert.equal(noDb.code, 2);
  assert.match(noDb.err, /--database postgres:\/\/USER@HOST\/DB \(or set LECTERN_DATABASE\)/);
  assert.equal((await runCli('serve', '--database', url)).code, 2, 'team options need --team');
});

test('a local corpus and an export file imported into the team keep their coders; twice adds nothing twice; export has everyone', async (t) => {
  const config = await pgs.fresh(t);
  if (!config) return;
  const url = `postgres://${config.user}@/${config.database}?host=${encodeURIComponent(String(config.host))}&port=${config.port}`;
  const team = copyShippedCorpus();
  const local = copyShippedCorpus();
  t.after(() => {
    team.cleanup();
    local.cleanup();
  });
  // Two people coded a local corpus (one laptop, two names).
  for (const [coder, quote, tag] of [
    ['ben', 'National Offensive Cyber Programme', 'Threats'],
    ['cleo', 'National Offensive Cyber Programme', 'Capabilities'],
  ]) {
    const r = await runCli('tags', 'add', '2019-03-07-hunt-cybercrime-deterrence', '--quote', quote, '--tag', tag, '--corpus', local.dir, '--coder', coder);
    assert.equal(r.code, 0, r.err);
  }
  const first = await runCli('team', 'import', '--from', local.dir, '--corpus', team.dir, '--database', url);
  assert.equal(first.code, 0, first.err);
  assert.match(first.out, /^Imported 2 passage\(s\) and 2 new tag\(s\)/);
  const again = await runCli('team', 'import', '--from', local.dir, '--corpus', team.dir, '--database', url);
  assert.equal(again.code, 0, again.err);
  const db = openDb(config);
  t.after(() => db.end());
  const rows = await readAnnotations(db);
  assert.deepEqual(rows.map((r) => r.creator?.name).sort(), ['ben', 'cleo'], 'each coder a layer, nothing twice');

  // Out: a .qdpx with every coder, which a file import adds to nothing (the same codings).
  const out = path.join(tempDirFor(t), 'team.qdpx');
  const exported = await runCli('team', 'export', '--format', 'qdpx', '--out', out, '--corpus', team.dir, '--database', url);
  assert.equal(exported.code, 0, exported.err);
  const { readFileSync } = await import('node:fs');
  const project = strFromU8(unzipSync(readFileSync(out))['project.qde']);
  assert.deepEqual([...project.matchAll(/<User guid="[^"]+" name="([^"]+)"/g)].map((m) => m[1]).sort(), ['Lectern', 'ben', 'cleo']);
  const back = await runCli('team', 'import', out, '--corpus', team.dir, '--database', url);
  assert.equal(back.code, 0, back.err);
  assert.equal((await readAnnotations(db)).length, 2);
});
