/**
 * Runtime checks of every contract request, one zod schema per method, applied by both transports
 * (IPC and HTTP) before the service sees a request. TypeScript types vanish at run time, and a
 * request may come from a compromised renderer or a script: shapes, types and sizes are checked
 * here; meaning (does the document exist, is the colour valid) stays with the service and core.
 */
import { AGREEMENT_UNITS, COOCCURRENCE_MODES } from './agreement';
import { CONCORDANCE_SORTS, COUNT_UNITS, STOP_LIST_CHOICES } from './corpusTools';
import { z } from 'zod';
import { HIT_COUNTS, METHODS, type MethodName, type RequestOf } from './contract';
import { LecternError } from './errors';
import { EXPORT_FORMAT_IDS, MAX_DOCUMENT_BYTES, MAX_IMPORT_BASE64 } from './formats';

/** Bounds that no honest request comes near, so a huge string cannot tie up the search or the store. */
const LIMITS = {
  id: 4096, // document ids are paths
  query: 10_000,
  name: 1_000,
  note: 100_000,
  text: 1_000_000, // a boilerplate paragraph
  base64: MAX_IMPORT_BASE64,
  tagIds: 10_000,
  path: 4096, // a folder path
  markdown: MAX_DOCUMENT_BYTES,
  speakers: 1_000,
} as const;

const id = z.string().min(1).max(LIMITS.id);
const offset = z.number().int().min(0);
const empty = z.strictObject({});
const unit = z.enum(COUNT_UNITS).optional();
const stopList = z.enum(STOP_LIST_CHOICES).optional();
const tagNames = z.array(z.string().max(LIMITS.name)).max(LIMITS.tagIds);

const coderName = z.string().max(LIMITS.name);
const agreementChoice = {
  coders: z.array(coderName).max(LIMITS.speakers).optional(),
  codes: z.array(id).max(LIMITS.tagIds).optional(),
  docIds: z.array(id).max(LIMITS.tagIds).optional(),
};

const compareRequest = z.strictObject({
  left: z.string().min(1).max(LIMITS.query),
  right: z.string().min(1).max(LIMITS.query),
  threshold: z.number().optional(),
  quotesOnly: z.strictObject({ left: z.boolean().optional(), right: z.boolean().optional() }).optional(),
  tagId: z.strictObject({ left: id.optional(), right: id.optional() }).optional(),
  keepFormulas: z.boolean().optional(),
  wholeDocuments: z.boolean().optional(),
  stopList,
});

/** A document's metadata as the user edits it (import preview, metadata editor). */
const metadataFields = z.strictObject({
  title: z.string().max(LIMITS.name),
  speakers: z.array(z.string().max(LIMITS.name)).max(LIMITS.speakers),
  date: z.string().max(LIMITS.name),
  event: z.string().max(LIMITS.name),
  place: z.string().max(LIMITS.name),
  outlet: z.string().max(LIMITS.name),
  kind: z.string().max(LIMITS.name),
  language: z.string().max(LIMITS.name),
  author: z.string().max(LIMITS.name),
  source: z.string().max(LIMITS.id),
  attributes: z.record(z.string().max(LIMITS.name), z.string().max(LIMITS.name)).optional(),
});
/** A coder layer: the coders whose annotations to count or list ('' for annotations with none). */
const coders = z.array(z.string().max(LIMITS.name)).max(1000).optional();

const folder = z.strictObject({ dir: z.string().min(1).max(LIMITS.path) });

/**
 * One schema per contract method. `satisfies` makes the compiler insist on a schema for every
 * method of METHODS, and on each schema producing that method's request type.
 */
export const REQUEST_SCHEMAS = {
  library: empty,
  status: empty,
  search: z.strictObject({
    query: z.string().max(LIMITS.query),
    limit: z.number().int().min(1).optional(),
    offset: offset.optional(),
    hitCount: z.enum(HIT_COUNTS).optional(),
    passageText: z.boolean().optional(),
  }),
  libraryMatches: z.strictObject({ query: z.string().max(LIMITS.query) }),
  coder: empty,
  setCoder: z.strictObject({ name: z.string().max(LIMITS.name) }),
  document: z.strictObject({ id, query: z.string().max(LIMITS.query).optional() }),
  attribution: z.strictObject({ id }),
  markBoilerplate: z.strictObject({ docId: id, passageId: id }),
  unmarkBoilerplate: z.strictObject({ text: z.string().max(LIMITS.text) }),
  reindex: empty,
  cancelIndexing: empty,

  codebook: z.strictObject({ coders }),
  createTag: z.strictObject({
    name: z.string().max(LIMITS.name),
    color: z.string().max(LIMITS.name).optional(),
    description: z.string().max(LIMITS.note).optional(),
    parentId: id.nullable().optional(),
  }),
  updateTag: z.strictObject({
    id,
    name: z.string().max(LIMITS.name).optional(),
    color: z.string().max(LIMITS.name).optional(),
    description: z.string().max(LIMITS.note).optional(),
    parentId: id.nullable().optional(),
  }),
  mergeTags: z.strictObject({ sourceId: id, targetId: id }),
  deleteTag: z.strictObject({ id }),
  tagRange: z.strictObject({
    docId: id,
    start: offset,
    end: offset,
    tagIds: z.array(id).max(LIMITS.tagIds).optional(),
    newTags: tagNames.optional(),
    note: z.string().max(LIMITS.note).optional(),
  }),
  updateAnnotation: z.strictObject({
    id,
    tagIds: z.array(id).max(LIMITS.tagIds).optional(),
    newTags: tagNames.optional(),
    note: z.string().max(LIMITS.note).optional(),
  }),
  deleteAnnotation: z.strictObject({ id }),
  annotations: z.strictObject({ docId: id.optional(), tagId: id.optional(), speaker: z.string().max(LIMITS.name).optional(), coders }),
  tagMatrix: z.strictObject({ coders }),
  history: empty,
  undo: empty,
  redo: empty,
  exportTags: z.strictObject({ format: z.enum(EXPORT_FORMAT_IDS) }),
  importTags: z.strictObject({ filename: z.string().min(1).max(LIMITS.name), base64: z.string().max(LIMITS.base64), allowOrphans: z.boolean().optional() }),

  agreement: z.strictObject({ unit: z.enum(AGREEMENT_UNITS).optional(), ...agreementChoice }),
  disagreements: z.strictObject(agreementChoice),
  resolveDisagreement: z.strictObject({
    tagId: id,
    annotationIds: z.array(id).max(LIMITS.tagIds),
    merge: z.boolean().optional(),
    coder: coderName.optional(),
  }),
  cooccurrence: z.strictObject({ mode: z.enum(COOCCURRENCE_MODES).optional(), coder: coderName.optional(), codes: agreementChoice.codes }),

  compare: compareRequest,
  compareKwic: compareRequest.extend({ term: z.string().min(1).max(LIMITS.query), stem: z.string().min(1).max(LIMITS.query).optional() }),
  similar: empty,
  compareReport: compareRequest,
  concordance: z.strictObject({
    query: z.string().max(LIMITS.query),
    sort: z.enum(CONCORDANCE_SORTS).optional(),
    context: z.number().int().min(10).max(500).optional(),
    offset: offset.optional(),
    limit: z.number().int().min(1).optional(),
    subcorpus: z.string().max(LIMITS.query).optional(),
    unit,
    regex: z.boolean().optional(),
  }),
  wordList: z.strictObject({
    subcorpus: z.string().max(LIMITS.query).optional(),
    limit: z.number().int().min(1).optional(),
    unit,
    stopList,
    pattern: z.string().max(LIMITS.name).optional(),
  }),
  ngrams: z.strictObject({
    n: z.number().int().min(2).max(5),
    min: z.number().int().min(1).optional(),
    subcorpus: z.string().max(LIMITS.query).optional(),
    limit: z.number().int().min(1).optional(),
    unit,
    stopList,
  }),
  collocates: z.strictObject({
    term: z.string().min(1).max(LIMITS.name),
    window: z.number().int().min(1).max(10).optional(),
    measure: z.enum(['logdice', 'mi', 't', 'g2']).optional(),
    min: z.number().int().min(1).optional(),
    subcorpus: z.string().max(LIMITS.query).optional(),
    limit: z.number().int().min(1).optional(),
    unit,
    stopList,
  }),
  dispersion: z.strictObject({ query: z.string().max(LIMITS.query) }),
  overview: empty,
  keyness: z.strictObject({
    target: z.string().min(1).max(LIMITS.query),
    reference: z.string().max(LIMITS.query).optional(),
    limit: z.number().int().min(1).max(1000).optional(),
    unit,
    stopList,
    keepFormulas: z.boolean().optional(),
  }),
  trend: z.strictObject({
    terms: z.array(z.string().min(1).max(LIMITS.name)).min(1).max(12),
    by: z.string().min(1).max(LIMITS.name),
    subcorpus: z.string().max(LIMITS.query).optional(),
    unit,
  }),

  subcorpora: empty,
  saveSubcorpus: z.strictObject({ name: z.string().max(LIMITS.name), query: z.string().max(LIMITS.query) }),
  renameSubcorpus: z.strictObject({ name: z.string().max(LIMITS.name), newName: z.string().max(LIMITS.name) }),
  deleteSubcorpus: z.strictObject({ name: z.string().max(LIMITS.name) }),

  openCorpus: folder,
  newCorpus: folder,
  recentCorpora: empty,
  sampleCorpus: z.strictObject({ dir: z.string().min(1).max(LIMITS.path), open: z.boolean().optional() }),
  importPreview: z.strictObject({ filename: z.string().min(1).max(LIMITS.name), base64: z.string().max(LIMITS.base64) }),
  importCommit: z.strictObject({
    id,
    meta: metadataFields,
    markdown: z.string().max(LIMITS.markdown),
    format: z.enum(['markdown', 'text']).optional(),
    overwrite: z.boolean().optional(),
  }),
  updateMetadata: z.strictObject({ id, meta: metadataFields.partial({ author: true, source: true }) }),
} satisfies { [M in MethodName]: z.ZodType<RequestOf<M>> };

/** Compile-time check that the table has no schema for a method the contract does not list. */
type Extra = Exclude<keyof typeof REQUEST_SCHEMAS, (typeof METHODS)[number]>;
const _noExtra: Extra extends never ? true : Extra = true;
void _noExtra;

function describeValue(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'a list';
  if (typeof v === 'string') return v.length > 40 ? `a text of ${v.length} characters` : `the text ${JSON.stringify(v)}`;
  if (typeof v === 'object') return 'an object';
  return `${typeof v} ${String(v)}`;
}

/** One issue as a sentence naming the field and what it should be. */
function describeIssue(issue: z.core.$ZodIssue, input: unknown): string {
  const field = issue.path.length ? `"${issue.path.join('.')}"` : 'the request';
  const actual = issue.path.reduce<unknown>((v, k) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[k] : undefined), input);
  switch (issue.code) {
    case 'invalid_type': {
      const expected =
        issue.expected === 'object'
          ? 'a JSON object'
          : issue.expected === 'array'
            ? 'a list'
            : issue.expected === 'int'
              ? 'a whole number'
              : `a ${issue.expected}`;
      return actual === undefined ? `${field} is missing: it must be ${expected}` : `${field} must be ${expected}, not ${describeValue(actual)}`;
    }
    case 'too_big':
      return issue.origin === 'string'
        ? `${field} is too long: at most ${issue.maximum} characters, got ${(actual as string).length}`
        : issue.origin === 'array'
          ? `${field} has too many items: at most ${issue.maximum}`
          : `${field} must be at most ${issue.maximum}`;
    case 'too_small':
      return issue.origin === 'string'
        ? `${field} must not be empty`
        : issue.origin === 'array'
          ? `${field} must not be empty`
          : `${field} must be at least ${issue.minimum}, not ${describeValue(actual)}`;
    case 'unrecognized_keys':
      return `${field} has unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `"${k}"`).join(', ')}`;
    case 'invalid_value':
      return `${field} must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, not ${describeValue(actual)}`;
    default:
      return `${field}: ${issue.message}`;
  }
}

/**
 * The request, checked against its method's schema; throws a LecternError naming the field and
 * what was expected. Unknown methods are refused too.
 */
export function validateRequest<M extends MethodName>(method: M, req: unknown): RequestOf<M> {
  const schema = (REQUEST_SCHEMAS as Record<string, z.ZodType>)[method];
  if (!schema || !Object.hasOwn(REQUEST_SCHEMAS, method)) throw new LecternError(`Unknown API method "${String(method)}".`, 'not-found');
  const parsed = schema.safeParse(req);
  if (parsed.success) return parsed.data as RequestOf<M>;
  const problems = parsed.error.issues.slice(0, 3).map((i) => describeIssue(i, req));
  throw new LecternError(
    `Lectern refused a malformed ${method} request: ${problems.join('; ')}. This is a fault in the caller (a script, or a bug in Lectern's window), not in your corpus; nothing was changed.`,
  );
}
