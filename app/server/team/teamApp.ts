/**
 * A team's Lectern: the server's corpus and its index (the single-user service, unchanged: Lunr stays the
 * engine), its tags in PostgreSQL (app/team's store), and for each signed-in account the contract as that
 * account may use it: their own tagging (their name on every annotation, their undo history), gated by role.
 */
import path from 'node:path';
import type { LecternApi } from '../../common/contract';
import { LecternService } from '../../service';
import { makeDispatch, type Dispatch } from '../../service/dispatch';
import { migrate, openDb, TeamStore, teamTagging, type Account, type Db } from '../../team';
import { gated } from './access';

export interface TeamAppOptions {
  corpusDir: string;
  /** postgres://… (or a node-postgres config, for tests). */
  database: string | import('pg').PoolConfig;
  /** Re-index when files change in the corpus folder (the server); off for one-off commands. */
  watch?: boolean;
}

export interface TeamApp {
  readonly db: Db;
  /** The corpus, its index and the server's own tagging (every layer): what `lectern team import|export` use. */
  readonly service: LecternService;
  /** The team's name: its corpus folder's. */
  readonly name: string;
  /** The dispatch of one account's requests (made once per account and role). */
  dispatchFor(account: Account): Dispatch;
  close(): Promise<void>;
}

export async function openTeamApp(options: TeamAppOptions): Promise<TeamApp> {
  const db = openDb(options.database);
  try {
    await migrate(db);
  } catch (e) {
    await db.end();
    throw e;
  }
  const store = new TeamStore(db);
  const service = await LecternService.open(options.corpusDir, {
    watch: options.watch,
    // The server's own tagging: what search (tag:), agreement and re-anchoring read, and re-anchoring writes.
    tagging: async (dir, docs) => {
      const tagging = teamTagging(store, dir, docs, 'server');
      await tagging.load();
      return tagging;
    },
  });
  const perAccount = new Map<string, Dispatch>();
  const apiFor = (account: Account): LecternApi => {
    const tagging = teamTagging(store, service.corpusDir, service.documents, account);
    const api = service.forUser(tagging);
    return gated(
      {
        ...api,
        coder: async () => ({ name: account.name, source: 'team', role: account.role, coders: tagging.coders() }),
      },
      account,
    );
  };
  return {
    db,
    service,
    name: path.basename(service.corpusDir),
    dispatchFor(account) {
      // A role or name changed since: a new entry (and a new undo history, as after signing in again).
      const key = `${account.id}\u0000${account.name}\u0000${account.role}`;
      let dispatch = perAccount.get(key);
      if (!dispatch) perAccount.set(key, (dispatch = makeDispatch(apiFor(account))));
      return dispatch;
    },
    async close() {
      await service.close();
      await db.end();
    },
  };
}
