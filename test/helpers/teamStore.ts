/** A migrated team store in a fresh database of the test file's PostgreSQL, closed after the test. */
import type { ClientConfig } from 'pg';
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
