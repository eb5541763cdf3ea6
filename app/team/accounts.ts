/**
 * Accounts (a name, a role, a scrypt hash) and sessions (random tokens, stored only as their SHA-256,
 * expiring). Signing in with a wrong password and with an unknown name fail alike: same error, same
 * message, and the same scrypt work, so neither the reply nor its timing tells which names exist.
 */
import { createHash, randomBytes } from 'node:crypto';
import { LecternError } from '../common/errors';
import { checkText, inTransaction, type Db, type Queryable } from './db';
import { decoyHash, hashPassword, verifyPassword } from './passwords';

export const ROLES = ['owner', 'coder', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Account {
  id: number;
  name: string;
  role: Role;
}

/** How long a session lasts unless told otherwise: a working day and a bit. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;
const MIN_PASSWORD = 8;
/** scrypt's input is unbounded; a bound keeps one request from costing much more than another. */
const MAX_PASSWORD = 1024;

const SIGN_IN_REFUSED = 'wrong name or password';

export function checkName(name: unknown): string {
  const clean = checkText('the account name', typeof name === 'string' ? name.trim() : name, { min: 1, max: 200 });
  if (/[\u0000-\u001f\u007f]/.test(clean))
    throw new LecternError('the account name contains a control character: use letters, digits and punctuation', 'bad-request');
  return clean;
}

function checkPassword(password: unknown): string {
  const clean = checkText('the password', password, { max: MAX_PASSWORD });
  if (clean.length < MIN_PASSWORD) throw new LecternError(`the password must be at least ${MIN_PASSWORD} characters long`, 'bad-request');
  return clean;
}

function toAccount(row: { id: string | number; name: string; role: Role }): Account {
  return { id: Number(row.id), name: row.name, role: row.role };
}

export async function createAccount(db: Db, input: { name: string; role: Role; password: string }): Promise<Account> {
  const name = checkName(input.name);
  if (!ROLES.includes(input.role)) throw new LecternError(`the role must be one of ${ROLES.join(', ')}`, 'bad-request');
  const hash = await hashPassword(checkPassword(input.password));
  return inTransaction(db, async (client) => {
    const { rows } = await client.query<{ id: string; name: string; role: Role }>(
      'INSERT INTO accounts (name, role, password) VALUES ($1, $2, $3) ON CONFLICT (name) DO NOTHING RETURNING id, name, role',
      [name, input.role, hash],
    );
    if (rows.length === 0) throw new LecternError(`an account named "${name}" already exists: choose another name`, 'exists');
    return toAccount(rows[0]);
  });
}

/** The account whose name and password these are; LecternError 'unauthorized' otherwise, the same whichever was wrong. */
export async function authenticate(db: Queryable, name: string, password: string): Promise<Account> {
  const refused = () => new LecternError(SIGN_IN_REFUSED, 'unauthorized');
  // Malformed input is refused as a wrong one would be, after the same work.
  let cleanName: string | null = null;
  try {
    cleanName = checkName(name);
    checkText('the password', password, { max: MAX_PASSWORD });
  } catch {
    cleanName = null;
  }
  const row = cleanName
    ? (await db.query<{ id: string; name: string; role: Role; password: string }>('SELECT id, name, role, password FROM accounts WHERE name = $1', [cleanName]))
        .rows[0]
    : undefined;
  // Malformed input (an overlong password among it) is checked as a short dummy: the same work, never scrypt over megabytes.
  const presented = cleanName === null || typeof password !== 'string' ? 'not a password' : password;
  const ok = await verifyPassword(row?.password ?? (await decoyHash()), presented);
  if (!row || !ok || cleanName === null) throw refused();
  return toAccount(row);
}

const hashToken = (token: string) => createHash('sha256').update(token, 'utf8').digest();

/** A new session for the account: the token to hand the client (shown once, stored only hashed). */
export async function createSession(db: Db, account: Account, ttlMs = SESSION_TTL_MS): Promise<{ token: string; expires: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expires = new Date(Date.now() + ttlMs);
  await inTransaction(db, async (client) => {
    // Expired sessions are swept as new ones are made: the table holds only live ones and a few stale ones.
    await client.query('DELETE FROM sessions WHERE expires < now()');
    await client.query('INSERT INTO sessions (token_hash, account_id, expires) VALUES ($1, $2, $3)', [hashToken(token), account.id, expires]);
  });
  return { token, expires };
}

/** The account a session token belongs to; 'unauthorized' for a forged, expired or ended one. */
export async function accountOfSession(db: Queryable, token: unknown): Promise<Account> {
  const refused = new LecternError('this session is not valid (it expired, ended, or belongs to another server): sign in again', 'unauthorized');
  if (typeof token !== 'string' || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw refused;
  const { rows } = await db.query<{ id: string; name: string; role: Role }>(
    'SELECT a.id, a.name, a.role FROM sessions s JOIN accounts a ON a.id = s.account_id WHERE s.token_hash = $1 AND s.expires > now()',
    [hashToken(token)],
  );
  if (rows.length === 0) throw refused;
  return toAccount(rows[0]);
}

export async function endSession(db: Db, token: string): Promise<void> {
  await db.query('DELETE FROM sessions WHERE token_hash = $1', [hashToken(token)]);
}

export async function listAccounts(db: Queryable): Promise<Account[]> {
  const { rows } = await db.query<{ id: string; name: string; role: Role }>('SELECT id, name, role FROM accounts ORDER BY name');
  return rows.map(toAccount);
}

const noAccount = (name: string) => new LecternError(`there is no account named "${name}" (lectern team users lists them)`, 'not-found');

/** A new password for the account; its sessions end (whoever held them signs in again). */
export async function setPassword(db: Db, name: string, password: string): Promise<void> {
  const hash = await hashPassword(checkPassword(password));
  await inTransaction(db, async (client) => {
    const { rows } = await client.query<{ id: string }>('UPDATE accounts SET password = $2 WHERE name = $1 RETURNING id', [checkName(name), hash]);
    if (rows.length === 0) throw noAccount(name);
    await client.query('DELETE FROM sessions WHERE account_id = $1', [rows[0].id]);
  });
}

export async function setRole(db: Db, name: string, role: Role): Promise<Account> {
  if (!ROLES.includes(role)) throw new LecternError(`the role must be one of ${ROLES.join(', ')}`, 'bad-request');
  const { rows } = await db.query<{ id: string; name: string; role: Role }>('UPDATE accounts SET role = $2 WHERE name = $1 RETURNING id, name, role', [
    checkName(name),
    role,
  ]);
  if (rows.length === 0) throw noAccount(name);
  return toAccount(rows[0]);
}
