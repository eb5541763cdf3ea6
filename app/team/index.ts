/**
 * The team store (issue 17, part 2): accounts, sessions and each coder's annotations in PostgreSQL, with
 * changes announced through LISTEN/NOTIFY. Not wired to any transport yet; the single-user app never
 * imports it (its desktop and browser modes keep their file store).
 */
export * from './accounts';
export * from './annotations';
export * from './changes';
export { openDb, inTransaction, checkText, type Db } from './db';
export { migrate, MIGRATIONS } from './migrations';
export { exportTeamCorpus } from './export';
