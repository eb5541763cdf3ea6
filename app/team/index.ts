/**
 * The team store (issue 17, part 2): accounts, sessions, the codebook and each coder's annotations in
 * PostgreSQL, with changes announced through LISTEN/NOTIFY. Served by the team server (app/server/team);
 * the single-user app never imports it (its desktop and browser modes keep their file store).
 */
export * from './accounts';
export * from './annotations';
export * from './changes';
export { openDb, inTransaction, checkText, explainDbError, type Db } from './db';
export { migrate, MIGRATIONS } from './migrations';
export { checkChange, type Writer } from './permissions';
export { TeamStore, teamTagging } from './store';
