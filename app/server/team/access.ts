/**
 * What each role may call on a team server: every method of the contract is classified here (the type
 * says none is missing), so a method added later is refused until someone decides who may use it. The
 * store checks each change again (app/team/permissions.ts): this gate gives the clear message early.
 */
import { METHODS, type LecternApi, type MethodName } from '../../common/contract';
import { LecternError } from '../../common/errors';
import { ROLE_RIGHTS, type TeamRole } from '../../common/teamSession';

/** read: everyone; code: coders and owners; owner: owners only; never: not on a team server. */
type Access = 'read' | 'code' | 'owner' | 'never';

export const METHOD_ACCESS: Record<MethodName, Access> = {
  library: 'read',
  status: 'read',
  search: 'read',
  libraryMatches: 'read',
  coder: 'read',
  document: 'read',
  attribution: 'read',
  codebook: 'read',
  annotations: 'read',
  tagMatrix: 'read',
  history: 'read',
  exportTags: 'read',
  agreement: 'read',
  disagreements: 'read',
  cooccurrence: 'read',
  compare: 'read',
  compareKwic: 'read',
  similar: 'read',
  compareReport: 'read',
  concordance: 'read',
  wordList: 'read',
  ngrams: 'read',
  collocates: 'read',
  dispersion: 'read',
  keyness: 'read',
  overview: 'read',
  trend: 'read',
  subcorpora: 'read',
  createTag: 'code',
  updateTag: 'code',
  mergeTags: 'code',
  deleteTag: 'code',
  tagRange: 'code',
  updateAnnotation: 'code',
  deleteAnnotation: 'code',
  undo: 'code',
  redo: 'code',
  resolveDisagreement: 'code',
  // What changes the server's corpus folder, or imports annotations in any coder's name, is the owner's.
  importTags: 'owner',
  markBoilerplate: 'owner',
  unmarkBoilerplate: 'owner',
  reindex: 'owner',
  cancelIndexing: 'owner',
  saveSubcorpus: 'owner',
  renameSubcorpus: 'owner',
  deleteSubcorpus: 'owner',
  importPreview: 'owner',
  importCommit: 'owner',
  updateMetadata: 'owner',
  // The coder is the account, and the corpus is the server's.
  setCoder: 'never',
  openCorpus: 'never',
  newCorpus: 'never',
  recentCorpora: 'never',
  sampleCorpus: 'never',
};

const NEVER: Partial<Record<MethodName, string>> = {
  setCoder: 'On a team server you code as your account: sign in with another account to code under another name.',
};

function allowed(access: Access, role: TeamRole): boolean {
  return access === 'read' || (access === 'code' && role !== 'viewer') || (access === 'owner' && role === 'owner');
}

function refusal(method: MethodName, who: { name: string; role: TeamRole }): LecternError {
  const access = METHOD_ACCESS[method];
  if (access === 'never') {
    return new LecternError(NEVER[method] ?? `${method} is not available on a team server: its corpus is the server's, chosen when it started.`, 'forbidden');
  }
  return new LecternError(
    `${who.name} is a ${who.role} and cannot ${access === 'owner' ? 'do this (owners only)' : 'change annotations or codes'}: ${method}. A ${who.role} ${ROLE_RIGHTS[who.role]}.`,
    'forbidden',
  );
}

/** The contract with every method the role may not call replaced by a refusal. */
export function gated(api: LecternApi, who: { name: string; role: TeamRole }): LecternApi {
  const entries = METHODS.map((m) => [m, allowed(METHOD_ACCESS[m], who.role) ? api[m] : () => Promise.reject(refusal(m, who))]);
  return Object.fromEntries(entries) as LecternApi;
}
