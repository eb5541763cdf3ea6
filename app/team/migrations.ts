/**
 * The team store's schema, as numbered migrations applied at start in order. Each runs in its own
 * transaction with its version recorded, under an advisory lock so two servers starting at once do not
 * both apply it. A migration, once released, is never edited: a change is a new one.
 */
import type { Db } from './db';
import { inTransaction } from './db';
import { LecternError } from '../common/errors';

interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const MIGRATIONS: readonly Migration[] = [
  {
    version: 1,
    name: 'accounts, sessions, codebook, annotations, change log',
    sql: `
      CREATE TABLE accounts (
        id          bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name        text NOT NULL UNIQUE,
        role        text NOT NULL CHECK (role IN ('owner', 'coder', 'viewer')),
        -- scrypt's parameters, salt and key (see passwords.ts); never the password
        password    text NOT NULL,
        created     timestamptz NOT NULL DEFAULT now()
      );
      CREATE TABLE sessions (
        -- SHA-256 of the token: a leaked table does not hand out sessions
        token_hash  bytea PRIMARY KEY,
        account_id  bigint NOT NULL REFERENCES accounts(id) ON DELETE CASCADE,
        created     timestamptz NOT NULL DEFAULT now(),
        expires     timestamptz NOT NULL
      );
      CREATE INDEX sessions_expires ON sessions (expires);
      CREATE TABLE tags (
        id          text PRIMARY KEY,
        name        text NOT NULL UNIQUE,
        color       text NOT NULL CHECK (color ~ '^#[0-9a-f]{6}$'),
        description text NOT NULL DEFAULT '',
        parent_id   text REFERENCES tags(id) ON DELETE SET NULL,
        created     timestamptz NOT NULL,
        modified    timestamptz NOT NULL
      );
      CREATE TABLE annotations (
        id          text PRIMARY KEY,
        account_id  bigint NOT NULL REFERENCES accounts(id),
        document    text NOT NULL,
        exact       text NOT NULL,
        prefix      text NOT NULL,
        suffix      text NOT NULL,
        start_at    integer NOT NULL CHECK (start_at >= 0),
        end_at      integer NOT NULL CHECK (end_at >= start_at),
        note        text NOT NULL DEFAULT '',
        created     timestamptz NOT NULL,
        modified    timestamptz NOT NULL
      );
      CREATE INDEX annotations_document ON annotations (document);
      CREATE TABLE annotation_tags (
        annotation_id text NOT NULL REFERENCES annotations(id) ON DELETE CASCADE,
        tag_id        text NOT NULL REFERENCES tags(id) ON DELETE CASCADE,
        position      integer NOT NULL,
        PRIMARY KEY (annotation_id, tag_id)
      );
      -- Every committed change, in order: what NOTIFY announces by seq, and what a page that missed some reads back.
      CREATE TABLE changes (
        seq         bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        kind        text NOT NULL CHECK (kind IN ('annotation', 'tag')),
        op          text NOT NULL CHECK (op IN ('put', 'delete')),
        entity_id   text NOT NULL,
        account_id  bigint REFERENCES accounts(id),
        at          timestamptz NOT NULL DEFAULT now()
      );
    `,
  },
  {
    version: 2,
    name: 'coder layers without accounts, deferred constraints for whole-change writes, the team id',
    sql: `
      -- A layer is its coder's name: imported coders need no account, and an account of that name owns the layer.
      ALTER TABLE annotations ADD COLUMN coder text;
      UPDATE annotations a SET coder = c.name FROM accounts c WHERE c.id = a.account_id;
      ALTER TABLE annotations ALTER COLUMN coder SET NOT NULL;
      -- account_id: who last wrote the row (null: the server, or an import).
      ALTER TABLE annotations ALTER COLUMN account_id DROP NOT NULL;
      CREATE INDEX annotations_coder ON annotations (coder);
      -- One user action is written as one set of row changes in one transaction (two codes swapping names, a
      -- code and its new parent, an annotation and its new code): the constraints hold at COMMIT, not per row.
      ALTER TABLE tags DROP CONSTRAINT tags_name_key;
      ALTER TABLE tags ADD CONSTRAINT tags_name_key UNIQUE (name) DEFERRABLE INITIALLY DEFERRED;
      ALTER TABLE tags DROP CONSTRAINT tags_parent_id_fkey;
      ALTER TABLE tags ADD CONSTRAINT tags_parent_id_fkey FOREIGN KEY (parent_id) REFERENCES tags(id) ON DELETE SET NULL DEFERRABLE INITIALLY DEFERRED;
      ALTER TABLE annotation_tags DROP CONSTRAINT annotation_tags_tag_id_fkey;
      ALTER TABLE annotation_tags ADD CONSTRAINT annotation_tags_tag_id_fkey FOREIGN KEY (tag_id) REFERENCES tags(id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED;
      -- A team's own random id: names its session cookie, so two team servers on one host keep apart.
      CREATE TABLE team (
        only_row    boolean PRIMARY KEY DEFAULT true CHECK (only_row),
        id          text NOT NULL DEFAULT gen_random_uuid()::text
      );
      INSERT INTO team DEFAULT VALUES;
    `,
  },
  {
    version: 3,
    name: 'who made each code',
    sql: `
      -- The coder who added a code (null: an import, the server, or a code from before this was kept): a coder
      -- may change only codes they added themselves, and only while no one else codes with them.
      ALTER TABLE tags ADD COLUMN created_by text;
    `,
  },
];

/** Any 64-bit number, the same for every Lectern: the advisory lock that serialises migrations. */
const MIGRATION_LOCK = 0x1ec7e5;

/** Brings the database's schema up to date; refuses one written by a newer Lectern. Returns the version. */
export async function migrate(db: Db): Promise<number> {
  return inTransaction(db, async (client) => {
    await client.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version integer PRIMARY KEY, name text NOT NULL, applied timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ version: number }>('SELECT coalesce(max(version), 0) AS version FROM schema_migrations');
    const current = rows[0].version;
    const latest = MIGRATIONS[MIGRATIONS.length - 1].version;
    if (current > latest) {
      throw new LecternError(`the team database's schema is version ${current}, newer than this Lectern knows (${latest}): update Lectern`, 'unavailable');
    }
    // All pending migrations in this one transaction: a failure leaves the schema as it was.
    for (const m of MIGRATIONS.filter((m) => m.version > current)) {
      await client.query(m.sql);
      await client.query('INSERT INTO schema_migrations (version, name) VALUES ($1, $2)', [m.version, m.name]);
    }
    return latest;
  });
}
