/**
 * What an import file is parsed into before it touches the store, and how it is then merged:
 * in one store change (all or nothing), tags matched to existing ones by id, then by name.
 */
import { randomUUID } from 'node:crypto';
import { LecternError } from '../../../common/errors';
import type { LoadedDocument } from '../../types';
import { cleanName, defaultColor, findByName, normalizeColor } from '../codebook';
import { describeRange } from '../reanchor';
import { makeBody, makeCreator, makeSelectors, type StoreData, type StoredTag } from '../storeFormat';

export interface ImportedTag {
  /** The id in the file (links annotations and parents within the bundle). */
  id: string;
  name: string;
  color: string | null;
  description: string;
  parentId: string | null;
  created?: string;
  modified?: string;
}

export interface ImportedAnnotation {
  id: string | null;
  docId: string;
  /** '' when the file gave only a position: it is then read from the document. */
  exact: string;
  prefix: string;
  suffix: string;
  start: number;
  end: number;
  tagIds: string[];
  note: string;
  /** The coder who made it, '' or absent when the file does not say. */
  coder?: string;
  created?: string;
  modified?: string;
}

/** The attribute values a file gives one document of the corpus (REFI-QDA Variables), in the file's order. */
export interface ImportedAttributes {
  docId: string;
  /** The file's name for the document, in messages. */
  source: string;
  /** [the file's variable name, value]; a name may come twice (a source's value and its case's). */
  values: [string, string][];
}

export interface ImportBundle {
  /** Names the kind of file in messages. */
  kind: string;
  tags: ImportedTag[];
  annotations: ImportedAnnotation[];
  /** What the reader corrected or left out, to tell the user. */
  notices?: string[];
  /** Sources (REFI-QDA) that match no document of the corpus: their passages would be orphans. */
  unmatched?: { name: string; passages: number; reason: string }[];
  /** Document attributes the file holds (REFI-QDA Variables), written to front matter after the store change. */
  attributes?: ImportedAttributes[];
}

export interface ImportOptions {
  /** Import passages of sources that match no document, as orphans, instead of refusing. */
  allowOrphans?: boolean;
}

export interface ImportResult {
  imported: number;
  tags: number;
  notices: string[];
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keeps the file's id when it is a UUID not yet used here, so a round trip keeps ids. */
function freshId(id: string | null, taken: (id: string) => boolean): string {
  return id && UUID.test(id) && !taken(id) ? id.toLowerCase() : randomUUID();
}

/** Parents before children, so a child's parent is always mapped first. */
function parentsFirst(tags: ImportedTag[]): ImportedTag[] {
  const byId = new Map(tags.map((t) => [t.id, t]));
  const out: ImportedTag[] = [];
  const done = new Set<string>();
  const visit = (t: ImportedTag, trail: Set<string>) => {
    if (done.has(t.id) || trail.has(t.id)) return;
    trail.add(t.id);
    const p = t.parentId ? byId.get(t.parentId) : undefined;
    if (p) visit(p, trail);
    done.add(t.id);
    out.push(t);
  };
  for (const t of tags) visit(t, new Set());
  return out;
}

export function applyImport(
  draft: StoreData,
  bundle: ImportBundle,
  docs: { get(id: string): LoadedDocument | undefined },
  now: string,
  options: ImportOptions = {},
): ImportResult {
  if (bundle.annotations.length === 0 && bundle.tags.length === 0) {
    throw new LecternError(
      `This ${bundle.kind} holds no annotations and no tags that Lectern can read. Check that it is the file you meant (Lectern reads W3C Web Annotation JSON and REFI-QDA .qdpx). Nothing was changed.`,
      'bad-import',
    );
  }
  const notices = [...(bundle.notices ?? [])];
  const unmatched = bundle.unmatched ?? [];
  if (unmatched.length && !options.allowOrphans) {
    const list = unmatched.map((u) => `“${u.name}” (${u.passages} passage(s)): ${u.reason}`).join('; ');
    throw new LecternError(
      `${unmatched.length} source(s) in this ${bundle.kind} match no document of this corpus: ${list}. ` +
        'Add those documents to the corpus and import again, or import anyway to keep their passages as orphans (lectern tags import --allow-orphans). Nothing was changed.',
      'unmatched-sources',
    );
  }
  for (const u of unmatched) notices.push(`“${u.name}” matches no document of this corpus (${u.reason}): its ${u.passages} passage(s) were kept as orphans.`);
  const known = bundle.annotations.filter((a) => docs.get(a.docId));
  if (bundle.annotations.length > 0 && known.length === 0 && !options.allowOrphans) {
    throw new LecternError(
      `None of the ${bundle.annotations.length} annotation(s) in this ${bundle.kind} refers to a document of this corpus ` +
        `(the first refers to “${bundle.annotations[0].docId}”). Open the corpus they were made on, then import again.`,
      'foreign-import',
    );
  }
  const tagMap = new Map<string, string>();
  let createdTags = 0;
  for (const t of parentsFirst(bundle.tags)) {
    const name = cleanName(t.name);
    const existing = draft.codebook.find((x) => x.id === t.id) ?? findByName(draft.codebook, name);
    if (existing) {
      tagMap.set(t.id, existing.id);
      continue;
    }
    let color: string;
    try {
      color = t.color ? normalizeColor(t.color) : defaultColor(draft.codebook);
    } catch {
      color = defaultColor(draft.codebook);
    }
    const tag: StoredTag = {
      id: freshId(t.id, (id) => draft.codebook.some((x) => x.id === id)),
      name,
      color,
      description: t.description,
      parentId: t.parentId ? (tagMap.get(t.parentId) ?? null) : null,
      created: t.created ?? now,
      modified: t.modified ?? now,
    };
    draft.codebook.push(tag);
    tagMap.set(t.id, tag.id);
    createdTags++;
  }
  let imported = 0;
  let alreadyHere = 0;
  for (const a of bundle.annotations) {
    if (a.id && draft.annotations.some((x) => x.id === a.id)) {
      alreadyHere++; // imported before
      continue;
    }
    const tagIds = a.tagIds.map((id) => tagMap.get(id)).filter((id): id is string => id !== undefined);
    if (tagIds.length === 0 && a.note === '') continue; // nothing to keep
    let quote = { exact: a.exact, prefix: a.prefix, suffix: a.suffix };
    const doc = docs.get(a.docId);
    if (quote.exact === '' && doc) quote = describeRange(doc.text, a.start, Math.min(a.end, doc.text.length));
    if (quote.exact === '') continue; // an empty range marks no passage
    draft.annotations.push({
      id: freshId(a.id, (id) => draft.annotations.some((x) => x.id === id)),
      type: 'Annotation',
      created: a.created ?? now,
      modified: a.modified ?? now,
      ...makeCreator(a.coder),
      body: makeBody(tagIds, a.note),
      target: { source: a.docId, selector: makeSelectors(quote, a.start, a.end) },
    });
    imported++;
  }
  if (bundle.annotations.length > 0 && imported === 0 && alreadyHere === 0) {
    throw new LecternError(
      `None of the ${bundle.annotations.length} annotation(s) in this ${bundle.kind} carries a tag or a note Lectern can read ` +
        '(a W3C body must be a TextualBody: purpose "tagging" for a tag, "commenting" for a note; a body that is only a link names neither). Nothing was changed.',
      'bad-import',
    );
  }
  return { imported, tags: createdTags, notices };
}
