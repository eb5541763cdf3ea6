/**
 * The team store's accounts and sessions against a real PostgreSQL (test/helpers/postgres.ts starts one
 * for this file): the schema's migrations, sign-in that does not tell unknown names from wrong passwords,
 * passwords kept only as salted scrypt hashes, sessions that expire and cannot be forged, and SQL
 * injection attempts in names and passwords stored verbatim, never run.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { LecternError } from '../../../app/common/errors';
import { accountOfSession, authenticate, createAccount, createSession, endSession, migrate, MIGRATIONS } from '../../../app/team';
import { postgresForTests } from '../../helpers/postgres';
import { freshTeamStore, refused } from '../../helpers/teamStore';

const pg = postgresForTests({ before, after });

test('migrations run once, are recorded, and a newer schema is refused', async (t) => {
  const store = await freshTeamStore(pg, t);
  if (!store) return;
  const { db } = store;
  assert.equal(await migrate(db), MIGRATIONS.length); // the second run applies nothing
  const { rows } = await db.query('SELECT version FROM schema_migrations ORDER BY version');
  assert.deepEqual(
    rows.map((r) => r.version),
    MIGRATIONS.map((m) => m.version),
  );
  await db.query("INSERT INTO schema_migrations (version, name) VALUES (99, 'from the future')");
  const e = await refused(migrate(db), 'unavailable');
  assert.match(e.message, new RegExp(`version 99, newer than this Lectern knows \\(${MIGRATIONS.length}\\): update Lectern`));
});

test('a wrong password and an unknown name are refused alike', async (t) => {
  const store = await freshTeamStore(pg, t);
  if (!store) return;
  const { db } = store;
  const ada = await createAccount(db, { name: 'ada', role: 'coder', password: 'correct horse' });
  assert.deepEqual(await authenticate(db, 'ada', 'correct horse'), ada);
  assert.deepEqual(await authenticate(db, '  ada ', 'correct horse'), ada); // names are trimmed, as when created

  const time = async (p: () => Promise<unknown>) => {
    const t0 = process.hrtime.bigint();
    const e = await p().catch((err: unknown) => err);
    return { e: e as LecternError, ms: Number(process.hrtime.bigint() - t0) / 1e6 };
  };
  await authenticate(db, 'nobody', 'x').catch(() => {}); // makes the decoy hash, once
  const wrong = await time(() => authenticate(db, 'ada', 'correct horsE'));
  const unknown = await time(() => authenticate(db, 'grace', 'correct horse'));
  const malformed = await time(() => authenticate(db, 'ada\u0000', 'correct horse'));
  for (const r of [wrong, unknown, malformed]) {
    assert.ok(r.e instanceof LecternError);
    assert.equal(r.e.code, 'unauthorized');
    assert.equal(r.e.message, 'wrong name or password');
  }
  // Both ran one scrypt (tens of ms); a shortcut for unknown names would take a fraction of a millisecond.
  assert.ok(unknown.ms > wrong.ms / 4, `unknown name took ${unknown.ms} ms, wrong password ${wrong.ms} ms`);
  assert.ok(malformed.ms > wrong.ms / 4, `malformed name took ${malformed.ms} ms, wrong password ${wrong.ms} ms`);
});

test('passwords are stored only as salted scrypt hashes', async (t) => {
  const store = await freshTeamStore(pg, t);
  if (!store) return;
  const { db } = store;
  await createAccount(db, { name: 'ada', role: 'owner', password: 'same password' });
  await createAccount(db, { name: 'grace', role: 'coder', password: 'same password' });
  const { rows } = await db.query<{ password: string }>('SELECT password FROM accounts ORDER BY name');
  assert.equal(rows.length, 2);
  for (const r of rows) {
    assert.match(r.password, /^scrypt\$32768\$8\$1\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    assert.ok(!r.password.includes('same password'));
  }
  assert.notEqual(rows[0].password, rows[1].password); // a salt per user
  await refused(createAccount(db, { name: 'ada', role: 'coder', password: 'another one' }), 'exists');
  await refused(createAccount(db, { name: 'bob', role: 'coder', password: 'short' }), 'bad-request');
  await refused(createAccount(db, { name: 'bob', role: 'admin' as never, password: 'long enough' }), 'bad-request');
});

test('a session token works until it expires or ends; a forged one never does', async (t) => {
  const store = await freshTeamStore(pg, t);
  if (!store) return;
  const { db } = store;
  const ada = await createAccount(db, { name: 'ada', role: 'coder', password: 'correct horse' });
  const { token, expires } = await createSession(db, ada);
  assert.match(token, /^[A-Za-z0-9_-]{43}$/); // 32 random bytes
  assert.ok(expires.getTime() > Date.now() + 11 * 3600_000);
  assert.deepEqual(await accountOfSession(db, token), ada);

  // Stored only as its hash.
  const { rows } = await db.query<{ token_hash: Buffer }>('SELECT token_hash FROM sessions');
  assert.equal(rows.length, 1);
  assert.equal(rows[0].token_hash.length, 32);
  assert.ok(!rows[0].token_hash.equals(Buffer.from(token, 'base64url')));

  const forged = randomBytes(32).toString('base64url');
  for (const bad of [forged, token.slice(0, -1) + (token.endsWith('A') ? 'B' : 'A'), '', "' OR '1'='1", token + 'x', 42, null]) {
    const e = await refused(accountOfSession(db, bad), 'unauthorized');
    assert.match(e.message, /sign in again/);
  }

  // A token from another server (another database, the same name and password) means nothing here.
  const other = await freshTeamStore(pg, t);
  assert.ok(other);
  const elsewhere = await createSession(other.db, await createAccount(other.db, { name: 'ada', role: 'coder', password: 'correct horse' }));
  await refused(accountOfSession(db, elsewhere.token), 'unauthorized');

  const stale = await createSession(db, ada, -1000); // expired a second ago
  await refused(accountOfSession(db, stale.token), 'unauthorized');
  await endSession(db, token);
  await refused(accountOfSession(db, token), 'unauthorized');
});

test('SQL in names and passwords is stored verbatim, never run; NUL is refused with a message', async (t) => {
  const store = await freshTeamStore(pg, t);
  if (!store) return;
  const { db } = store;
  const attacks = [
    "'; DROP TABLE accounts; --",
    "ada' OR '1'='1",
    'back\\slash\\',
    '"quoted" $1 $$dollar$$ E\'\\x00\'',
    "Robert'); DELETE FROM sessions; --",
    'émile 日本 🙂',
  ];
  for (const [i, name] of attacks.entries()) {
    const password = `${name} pw ${i}`; // the attack in the password too
    const account = await createAccount(db, { name, role: 'coder', password });
    assert.equal(account.name, name);
    assert.deepEqual(await authenticate(db, name, password), account);
    await refused(authenticate(db, name, "' OR '1'='1"), 'unauthorized');
  }
  const { rows } = await db.query<{ name: string }>('SELECT name FROM accounts ORDER BY id');
  assert.deepEqual(
    rows.map((r) => r.name),
    attacks,
  );
  const tables = await db.query("SELECT count(*)::int AS n FROM information_schema.tables WHERE table_name IN ('accounts', 'sessions')");
  assert.equal(tables.rows[0].n, 2);

  for (const input of [
    { name: 'nul\u0000name', password: 'long enough' },
    { name: 'nulpassword', password: 'long\u0000enough' },
  ]) {
    const e = await refused(createAccount(db, { ...input, role: 'coder' }), 'bad-request');
    assert.match(e.message, /contains a NUL character \(U\+0000\), which cannot be stored/);
  }
  await refused(createAccount(db, { name: 'tab\there', role: 'coder', password: 'long enough' }), 'bad-request');
  assert.equal((await db.query('SELECT count(*)::int AS n FROM accounts')).rows[0].n, attacks.length);
});
