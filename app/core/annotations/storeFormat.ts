/**
 * The on-disk format of the tag store (<corpus>/.lectern/annotations.json): a versioned JSON file
 * whose annotations follow the W3C Web Annotation data model, plus the codebook they refer to.
 * Documented with an example in docs/TAGS.md; parseStore is the one gate every file passes.
 */

export const STORE_FORMAT = 'lectern-annotations';
/** Bump when a reader of the old version would misread the file; older readers then refuse it. */
export const STORE_VERSION = 1;

export const TAGGING = 'tagging';
export const COMMENTING = 'commenting';

export interface StoredTag {
  id: string;
  name: string;
  /** #rrggbb, lower case. */
  color: string;
  description: string;
  parentId: string | null;
  created: string;
  modified: string;
}

export interface TextQuoteSelector {
  type: 'TextQuoteSelector';
  exact: string;
  prefix: string;
  suffix: string;
}

export interface TextPositionSelector {
  type: 'TextPositionSelector';
  start: number;
  end: number;
}

/** A tag on an annotation: a link to a codebook entry by id (renaming a tag touches no annotation). */
export interface TagBody {
  type: 'SpecificResource';
  purpose: typeof TAGGING;
  source: string;
}

/** The note (memo) on an annotation. */
export interface NoteBody {
  type: 'TextualBody';
  purpose: typeof COMMENTING;
  value: string;
  format: 'text/plain';
}

export type StoredBody = TagBody | NoteBody;

/** Who made an annotation (W3C `creator`): a coder's name, kept when it travels through .qdpx and W3C. */
export interface Creator {
  type: 'Person';
  name: string;
}

export interface StoredAnnotation {
  id: string;
  type: 'Annotation';
  created: string;
  modified: string;
  /** Absent for annotations made before coders were recorded (and by a coder with no name). */
  creator?: Creator;
  body: StoredBody[];
  target: {
    /** The document id (its path in the corpus without extension). */
    source: string;
    selector: [TextQuoteSelector, TextPositionSelector];
  };
}

export interface StoreData {
  format: typeof STORE_FORMAT;
  version: number;
  /** Incremented by every write; lets a second instance see that the file moved on. */
  revision: number;
  codebook: StoredTag[];
  annotations: StoredAnnotation[];
}

export function emptyStore(): StoreData {
  return { format: STORE_FORMAT, version: STORE_VERSION, revision: 0, codebook: [], annotations: [] };
}

/** A file that is not a store we can read; `newer` marks one written by a later Lectern. */
export class StoreFormatError extends Error {
  constructor(
    message: string,
    readonly newer = false,
  ) {
    super(message);
    this.name = 'StoreFormatError';
  }
}

export function serializeStore(data: StoreData): string {
  return JSON.stringify(data, null, 2) + '\n';
}

// ---------- accessors: the rest of the code never digs through bodies by hand ----------

export function tagIdsOf(a: StoredAnnotation): string[] {
  return a.body.filter((b): b is TagBody => b.purpose === TAGGING).map((b) => b.source);
}

export function noteOf(a: StoredAnnotation): string {
  return a.body.find((b): b is NoteBody => b.purpose === COMMENTING)?.value ?? '';
}

export function coderOf(a: StoredAnnotation): string {
  return a.creator?.name ?? '';
}

export function makeCreator(name: string | undefined): { creator?: Creator } {
  const clean = name?.trim();
  return clean ? { creator: { type: 'Person', name: clean } } : {};
}

export function quoteOf(a: StoredAnnotation): TextQuoteSelector {
  return a.target.selector[0];
}

export function positionOf(a: StoredAnnotation): TextPositionSelector {
  return a.target.selector[1];
}

export function makeBody(tagIds: string[], note: string): StoredBody[] {
  const body: StoredBody[] = [...new Set(tagIds)].map((id) => ({ type: 'SpecificResource', purpose: TAGGING, source: id }));
  if (note !== '') body.push({ type: 'TextualBody', purpose: COMMENTING, value: note, format: 'text/plain' });
  return body;
}

export function makeSelectors(quote: { exact: string; prefix: string; suffix: string }, start: number, end: number): [TextQuoteSelector, TextPositionSelector] {
  return [
    { type: 'TextQuoteSelector', exact: quote.exact, prefix: quote.prefix, suffix: quote.suffix },
    { type: 'TextPositionSelector', start, end },
  ];
}

// ---------- parsing with messages that point at the offending field ----------

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function fail(path: string, expected: string, got: Json): never {
  const shown = got === undefined ? 'nothing' : JSON.stringify(got)?.slice(0, 60);
  throw new StoreFormatError(`${path}: expected ${expected}, found ${shown}`);
}

function str(o: Record<string, Json>, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') fail(`${path}.${key}`, 'a string', v);
  return v;
}

function offset(o: Record<string, Json>, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0) fail(`${path}.${key}`, 'a whole number ≥ 0', v);
  return v;
}

function parseTag(v: Json, path: string): StoredTag {
  if (!isObject(v)) fail(path, 'a tag object', v);
  const parentId = v.parentId ?? null;
  if (parentId !== null && typeof parentId !== 'string') fail(`${path}.parentId`, 'a tag id or null', parentId);
  const color = str(v, 'color', path);
  if (!/^#[0-9a-fA-F]{6}$/.test(color)) fail(`${path}.color`, 'a colour like "#1f77b4"', color);
  return {
    id: str(v, 'id', path),
    name: str(v, 'name', path),
    color: color.toLowerCase(),
    description: typeof v.description === 'string' ? v.description : '',
    parentId,
    created: str(v, 'created', path),
    modified: str(v, 'modified', path),
  };
}

function parseBody(v: Json, path: string): StoredBody {
  if (!isObject(v)) fail(path, 'a body object', v);
  if (v.purpose === TAGGING) return { type: 'SpecificResource', purpose: TAGGING, source: str(v, 'source', path) };
  if (v.purpose === COMMENTING) return { type: 'TextualBody', purpose: COMMENTING, value: str(v, 'value', path), format: 'text/plain' };
  return fail(`${path}.purpose`, '"tagging" or "commenting"', v.purpose);
}

function parseAnnotation(v: Json, path: string): StoredAnnotation {
  if (!isObject(v)) fail(path, 'an annotation object', v);
  if (!Array.isArray(v.body)) fail(`${path}.body`, 'a list', v.body);
  const target = v.target;
  if (!isObject(target)) fail(`${path}.target`, 'an object', target);
  const sel = target.selector;
  if (!Array.isArray(sel)) fail(`${path}.target.selector`, 'a list of two selectors', sel);
  const q = sel.find((s) => isObject(s) && s.type === 'TextQuoteSelector');
  const p = sel.find((s) => isObject(s) && s.type === 'TextPositionSelector');
  if (!isObject(q)) fail(`${path}.target.selector`, 'a TextQuoteSelector', sel);
  if (!isObject(p)) fail(`${path}.target.selector`, 'a TextPositionSelector', sel);
  const start = offset(p, 'start', `${path}.target.selector`);
  const end = offset(p, 'end', `${path}.target.selector`);
  if (end < start) fail(`${path}.target.selector.end`, `a number ≥ start (${start})`, end);
  const creator = v.creator;
  if (creator !== undefined && !(isObject(creator) && typeof creator.name === 'string')) fail(`${path}.creator`, 'an object with a "name"', creator);
  return {
    id: str(v, 'id', path),
    type: 'Annotation',
    created: str(v, 'created', path),
    modified: str(v, 'modified', path),
    ...makeCreator(creator?.name as string | undefined),
    body: v.body.map((b, i) => parseBody(b, `${path}.body[${i}]`)),
    target: {
      source: str(target, 'source', `${path}.target`),
      selector: makeSelectors(
        {
          exact: str(q, 'exact', `${path}.target.selector`),
          // Stores written before context was cut at whole characters may hold half an emoji at the cut.
          prefix: typeof q.prefix === 'string' ? q.prefix.replace(/^[\udc00-\udfff]/, '') : '',
          suffix: typeof q.suffix === 'string' ? q.suffix.replace(/[\ud800-\udbff]$/, '') : '',
        },
        start,
        end,
      ),
    },
  };
}

/** Parses and checks a store file's text; throws StoreFormatError saying what is wrong and where. */
export function parseStore(text: string): StoreData {
  let raw: Json;
  try {
    // Notepad and some other Windows editors save UTF-8 with a byte order mark, which JSON.parse refuses.
    raw = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    throw new StoreFormatError(`not valid JSON (${(e as Error).message})`);
  }
  if (!isObject(raw)) fail('the file', 'a JSON object', raw);
  if (raw.format !== STORE_FORMAT) fail('format', `"${STORE_FORMAT}"`, raw.format);
  const version = raw.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) fail('version', 'a whole number ≥ 1', version);
  if (version > STORE_VERSION) {
    throw new StoreFormatError(
      `it was written by a newer Lectern (format version ${version}; this one reads up to ${STORE_VERSION}). Update Lectern to use these tags`,
      true,
    );
  }
  const revision = offset(raw, 'revision', 'the file');
  if (!Array.isArray(raw.codebook)) fail('codebook', 'a list', raw.codebook);
  if (!Array.isArray(raw.annotations)) fail('annotations', 'a list', raw.annotations);
  const codebook = raw.codebook.map((t, i) => parseTag(t, `codebook[${i}]`));
  const annotations = raw.annotations.map((a, i) => parseAnnotation(a, `annotations[${i}]`));
  checkIds(
    codebook.map((t) => t.id),
    'codebook',
  );
  checkIds(
    annotations.map((a) => a.id),
    'annotations',
  );
  return { format: STORE_FORMAT, version: STORE_VERSION, revision, codebook, annotations };
}

function checkIds(ids: string[], where: string): void {
  const seen = new Set<string>();
  for (const id of ids) {
    if (seen.has(id)) throw new StoreFormatError(`${where}: the id "${id}" is used twice`);
    seen.add(id);
  }
}
