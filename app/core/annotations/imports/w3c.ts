/**
 * Reads W3C Web Annotation JSON(-LD): an AnnotationCollection (its embedded first page, or items),
 * a list of Annotations, or one Annotation. Lectern's own export round-trips exactly (its
 * "lectern:codebook" restores hierarchy, colours and descriptions); other tools' files import
 * their tagging bodies by name and their comments as notes.
 */
import { LecternError } from '../../../common/errors';
import { CodePoints } from '../../../common/codePoints';
import { DOC_IRI, fromIri } from '../exports/w3c';
import type { ImportBundle, ImportedAnnotation, ImportedTag } from './bundle';
import type { DocumentLookup } from './qdpx';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (v === undefined || v === null ? [] : Array.isArray(v) ? v : [v]);
const hasType = (v: Obj, t: string) => list(v.type).includes(t);
const str = (v: unknown) => (typeof v === 'string' ? v : undefined);

function bad(filename: string, what: string): never {
  throw new LecternError(`Cannot import “${filename}”: ${what}. Nothing was changed.`, 'bad-import');
}

function itemsOf(root: unknown, filename: string): unknown[] {
  if (Array.isArray(root)) return root;
  if (!isObj(root)) bad(filename, 'it is not a W3C Web Annotation file (expected a JSON object or list)');
  if (hasType(root, 'AnnotationCollection')) {
    if (root.first !== undefined && !isObj(root.first)) bad(filename, 'its AnnotationCollection links to pages elsewhere instead of embedding them');
    return list(isObj(root.first) ? root.first.items : root.items);
  }
  if (hasType(root, 'Annotation')) return [root];
  const found = root.type === undefined ? 'no "type"' : `type ${JSON.stringify(root.type)}`;
  bad(filename, `it is not a W3C Web Annotation file (expected an AnnotationCollection, a list of Annotations or an Annotation; found ${found})`);
}

/** The corpus document a target's source names: Lectern's urn:lectern:doc: IRI or its lectern:docId, a file: IRI, or a bare id (older exports). */
function documentOf(target: Obj, docs: DocumentLookup): string {
  const explicit = str(target['lectern:docId']);
  if (explicit) return explicit;
  const source = target.source as string;
  if (source.startsWith(DOC_IRI)) return source.slice(DOC_IRI.length).split('/').map(decodeURIComponent).join('/');
  if (source.startsWith('file:')) {
    // A file in the corpus folder: its id is its path below that folder, without the extension.
    const file = decodeURIComponent(new URL(source).pathname).replace(/\.(md|markdown|txt)$/i, '');
    const hit = docs.documents().find((d) => file === d.meta.id || file.endsWith(`/${d.meta.id}`));
    if (hit) return hit.meta.id;
  }
  return source;
}

/** The coder's name from a W3C creator: an agent object (name or nickname) or an IRI. */
function creatorName(creator: unknown): string {
  const first = list(creator)[0];
  if (isObj(first)) return str(first.name) ?? str(first.nickname) ?? str(first.id) ?? '';
  return str(first)?.replace(/^acct:/, '') ?? '';
}

export function parseW3c(text: string, filename: string, docs: DocumentLookup): ImportBundle {
  let root: unknown;
  try {
    root = JSON.parse(text);
  } catch (e) {
    bad(filename, `it is not valid JSON (${(e as Error).message})`);
  }
  const items = itemsOf(root, filename);
  const tags = new Map<string, ImportedTag>();
  for (const [i, t] of list(isObj(root) ? root['lectern:codebook'] : undefined).entries()) {
    if (!isObj(t) || !str(t.id) || !str(t.name)) bad(filename, `codebook entry ${i + 1} lacks an id or a name`);
    tags.set(fromIri(t.id as string), {
      id: fromIri(t.id as string),
      name: t.name as string,
      color: str(t.color) ?? null,
      description: str(t.description) ?? '',
      parentId: str(t.parent) ? fromIri(t.parent as string) : null,
      created: str(t.created),
      modified: str(t.modified),
    });
  }
  const byName = new Map([...tags.values()].map((t) => [t.name.toLowerCase(), t.id]));
  /** A tagging body names a codebook entry by id, or just a tag name (other tools). */
  const tagRef = (body: Obj): string | null => {
    const id = str(body.id) ? fromIri(body.id as string) : null;
    const name = str(body.value)?.trim();
    if (id && tags.has(id)) return id;
    if (!name) return null;
    const known = byName.get(name.toLowerCase());
    if (known) return known;
    const newId = id ?? `name:${name.toLowerCase()}`;
    tags.set(newId, { id: newId, name, color: null, description: '', parentId: null });
    byName.set(name.toLowerCase(), newId);
    return newId;
  };
  // One position index per document, however many annotations it has.
  const indexed = new Map<string, CodePoints | undefined>();
  const positionsOf = (docId: string) => {
    if (!indexed.has(docId)) {
      const text = docs.get(docId)?.text;
      indexed.set(docId, text === undefined ? undefined : new CodePoints(text));
    }
    return indexed.get(docId);
  };
  const annotations = items.map((item, i): ImportedAnnotation => {
    const where = `annotation ${i + 1}${isObj(item) && str(item.id) ? ` (${item.id})` : ''}`;
    if (!isObj(item) || !hasType(item, 'Annotation')) bad(filename, `${where} is not an Annotation`);
    const target = list(item.target).find(isObj);
    if (!target || !str(target.source)) bad(filename, `${where} has no target with a "source" document`);
    const selectors = list(target.selector).filter(isObj);
    const q = selectors.find((s) => s.type === 'TextQuoteSelector');
    const p = selectors.find((s) => s.type === 'TextPositionSelector');
    if (!q && !p) bad(filename, `${where} has neither a TextQuoteSelector nor a TextPositionSelector`);
    const start = p ? p.start : 0;
    const end = p ? p.end : 0;
    if (typeof start !== 'number' || typeof end !== 'number' || !(start >= 0 && end >= start)) {
      bad(filename, `${where} has a TextPositionSelector with an invalid start/end`);
    }
    if (q && typeof q.exact !== 'string') bad(filename, `${where} has a TextQuoteSelector without "exact" text`);
    const docId = documentOf(target, docs);
    // The model counts code points; Lectern counts UTF-16 units, so positions are converted in the document's text.
    const positions = positionsOf(docId);
    const toUnits = (n: number) => (positions ? positions.fromCodePoints(n) : n);
    const tagIds: string[] = [];
    const notes: string[] = [];
    if (str(item.bodyValue)) notes.push(item.bodyValue as string);
    for (const body of list(item.body)) {
      if (!isObj(body)) continue;
      if (list(body.purpose).includes('tagging')) {
        const ref = tagRef(body);
        if (ref) tagIds.push(ref);
      } else if (hasType(body, 'TextualBody') && str(body.value)) {
        notes.push(body.value as string);
      }
    }
    return {
      id: str(item.id) ? fromIri(item.id as string) : null,
      docId,
      exact: q ? (q.exact as string) : '',
      prefix: str(q?.prefix) ?? '',
      suffix: str(q?.suffix) ?? '',
      start: toUnits(start),
      end: q && !p ? (q.exact as string).length : toUnits(end),
      tagIds,
      note: notes.join('\n\n'),
      coder: creatorName(item.creator),
      created: str(item.created),
      modified: str(item.modified),
    };
  });
  return { kind: 'W3C Web Annotation file', tags: [...tags.values()], annotations };
}
