/**
 * What the signed-in account's role lets it change, so the page offers only what the team server will
 * do (the server enforces the roles anyway: app/common/teamSession.ts, ROLE_RIGHTS). Outside team
 * mode one person owns everything, and every control is offered.
 */
import { RESOLVED_CODER } from '../../app/common/agreement';
import type { TeamRole } from '../../app/common/teamSession';
import { teamMe } from './session';

const role = (): TeamRole | 'owner' => teamMe()?.role ?? 'owner';

/** Why a viewer's annotation controls are disabled (their title). */
export const VIEWER_CANNOT_ANNOTATE = 'Viewers cannot change annotations: your role on this team server is viewer.';
/** Why a coder's codebook controls are disabled. */
export const OWNER_KEEPS_CODEBOOK = 'Only the team’s owner can rename, recolour, move, merge or delete codes.';
/** Why tags cannot be imported from this account. */
export const OWNER_IMPORTS_TAGS = 'Only the team’s owner can import tags: a file brings every coder’s layers.';

/** Imports a .qdpx, .qdc, W3C or codebook CSV into the team (any coder's layers): the owner's. */
export function canImportTags(): boolean {
  return role() === 'owner';
}

/** Why the corpus cannot be changed from this account. */
export const OWNER_CHANGES_CORPUS = 'Only the team’s owner can change the corpus.';

/** Tags passages, edits notes, adds codes, imports tags, undoes and redoes, resolves disagreements. */
export function canAnnotate(): boolean {
  return role() !== 'viewer';
}

/** Renames, recolours, re-parents, merges and deletes codes. */
export function canKeepCodebook(): boolean {
  return role() === 'owner';
}

/** Opens another corpus or the sample one: not on a team server, whose corpus is chosen when it starts. */
export function canOpenCorpus(): boolean {
  return teamMe() === null;
}

export const SERVER_KEEPS_CORPUS = 'This team server serves one corpus, chosen when it started: open another one in your own Lectern.';

/** Imports documents, edits their metadata, re-reads the folder, saves subcorpora. */
export function canChangeCorpus(): boolean {
  return role() === 'owner';
}

/**
 * Whether this passage may be changed, and if not why (a title): a coder changes their own layer and
 * the resolved one, not another coder's.
 */
export function annotationRefusal(a: { coder: string }): string | null {
  const r = role();
  if (r === 'owner') return null;
  if (r === 'viewer') return VIEWER_CANNOT_ANNOTATE;
  if (a.coder === teamMe()?.name || a.coder === RESOLVED_CODER) return null;
  return `This passage is in ${a.coder ? `${a.coder}’s` : 'another'} layer: coders change only their own layer and the resolved one.`;
}

/** Disables a control this account may not use, its title saying why (`refusal` null: left as it is); returns it. */
export function refuse<T extends HTMLInputElement | HTMLButtonElement | HTMLSelectElement | HTMLTextAreaElement>(el: T, refusal: string | null): T {
  if (refusal) {
    el.disabled = true;
    el.title = refusal;
  }
  return el;
}

/** Why this account may not change the corpus, or null. */
export const corpusRefusal = (): string | null => (canChangeCorpus() ? null : OWNER_CHANGES_CORPUS);
/** Why this page may not open another corpus, or null. */
export const openCorpusRefusal = (): string | null => (canOpenCorpus() ? null : SERVER_KEEPS_CORPUS);
