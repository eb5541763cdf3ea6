/**
 * Who may make a store change, decided on the change itself (the rows one action replaces), not on the
 * method that asked for it: whatever path a change takes (tagging, undo, import, resolving a disagreement),
 * the same rule holds. A coder's layer is the annotations whose coder is their account's name.
 */
import { RESOLVED_CODER } from '../common/agreement';
import { LecternError } from '../common/errors';
import { ROLE_RIGHTS } from '../common/teamSession';
import type { Change as StoreChange } from '../core/annotations/changes';
import { coderOf, tagIdsOf, type StoreData } from '../core/annotations/storeFormat';
import type { Account } from './accounts';

/** An account, or the server itself (re-anchoring after the corpus changed, an import run on the server). */
export type Writer = Account | 'server';

const forbidden = (account: Account, what: string) =>
  new LecternError(`${account.name} is a ${account.role} and ${what}. A ${account.role} ${ROLE_RIGHTS[account.role]}.`, 'forbidden');

/** The codes that annotations other than `name`'s use (the resolved layer's among them). */
function othersCodes(base: StoreData, name: string): Set<string> {
  return new Set(base.annotations.filter((a) => coderOf(a) !== name).flatMap(tagIdsOf));
}

/** Throws 'forbidden' unless `writer` may make every row replacement in `changes` to the state `base`. */
export function checkChange(writer: Writer, changes: StoreChange[], base: StoreData, creators: Map<string, string | null> = new Map()): void {
  if (writer === 'server' || writer.role === 'owner' || changes.length === 0) return;
  if (writer.role === 'viewer') throw forbidden(writer, 'cannot change annotations or codes');
  const own = new Set([writer.name, RESOLVED_CODER]);
  let shared: Set<string> | null = null;
  for (const c of changes) {
    if (c.kind === 'tag') {
      // Adding a code is part of coding, and so is changing one you added that only you use (undoing the gesture
      // that made it); any other code is the team's, and renaming, merging or deleting it is the owner's call.
      if (c.before === null) continue;
      if (creators.get(c.id) !== writer.name) {
        throw forbidden(
          writer,
          `cannot rename, recolour, move, merge or delete the code ‘${c.before.name}’, which ${creators.get(c.id) ? `${creators.get(c.id)} added` : 'you did not add'} (ask an owner)`,
        );
      }
      // Only for a change to an existing code: a new one (the usual case) costs no walk of every annotation.
      shared ??= othersCodes(base, writer.name);
      if (shared.has(c.id)) {
        throw forbidden(writer, `cannot rename, recolour, move, merge or delete the code ‘${c.before.name}’, which other coders use (ask an owner)`);
      }
      continue;
    }
    for (const side of [c.before, c.after]) {
      if (side && !own.has(coderOf(side))) {
        throw forbidden(writer, `cannot change ${coderOf(side) ? `${coderOf(side)}'s` : 'unattributed'} annotations (this change touches one)`);
      }
    }
  }
}
