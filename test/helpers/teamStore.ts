/** A migrated team store in a fresh database of the test file's PostgreSQL, closed after the test. */
import assert from 'node:assert/strict';
import type { ClientConfig } from 'pg';
import { LecternError } from '../../app/common/errors';
import { migrate, openDb, type Db } from '../../app/team';
import type { postgresForTests } from './postgres';

export async function freshTeamStore(
  pg: ReturnType<typeof postgresForTests>,
  t: { skip(message: string): void; after(fn: () => Promise<void>): void },
): Promise<{ db: Db; config: ClientConfig } | null> {
  const config = await pg.fresh(t);
  if (!config) return null;
  const db = openDb({ ...config, application_name: 'lectern-team-test' });
  t.after(() => db.end());
  await migrate(db);
  return { db, config };
}

/** Asserts the promise rejects with a LecternError of this code, and returns it. */
export async function refused(p: Promise<unknown>, code: string): Promise<LecternError> {
  const e = await p.then(
    () => assert.fail('expected a refusal'),
    (err: unknown) => err,
  );
  assert.ok(e instanceof LecternError, `expected a LecternError, got ${String(e)}`);
  assert.equal(e.code, code, e.message);
  return e;
}
