/**
 * The team's codebook and annotations as rows, read back in the file store's shapes (StoredTag,
 * StoredAnnotation: app/core/annotations/storeFormat.ts), so that Tagging, exports and agreement work on
 * them unchanged; and one store change (core/annotations/changes.ts) written as row changes. A coder layer
 * is its coder's name (`annotations.coder`): an imported coder needs no account, and the account of that
 * name owns the layer. Every statement is parameterised; text is checked (checkText) before it is stored.
 */
import { makeBody, makeCreator, makeSelectors, noteOf, positionOf, quoteOf, tagIdsOf, coderOf } from '../core/annotations/storeFormat';
import type { StoredAnnotation, StoredTag } from '../core/annotations/storeFormat';
import type { Change as StoreChange } from '../core/annotations/changes';
import { LecternError } from '../common/errors';
import { recordChange, type Change } from './changes';
import { checkText, type Queryable } from './db';
import type pg from 'pg';

const iso = (d: Date) => d.toISOString();

interface TagRow {
  id: string;
  name: string;
  color: string;
  description: string;
  parent_id: string | null;
  created: Date;
  modified: Date;
}

/** The codebook (or the tags of these ids), in name order. */
export async function readCodebook(db: Queryable, ids?: string[]): Promise<StoredTag[]> {
  const { rows } = await db.query<TagRow>(
    'SELECT id, name, color, description, parent_id, created, modified FROM tags WHERE ($1::text[] IS NULL OR id = ANY($1)) ORDER BY name, id',
    [ids ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    color: r.color,
    description: r.description,
    parentId: r.parent_id,
    created: iso(r.created),
    modified: iso(r.modified),
  }));
}

interface AnnotationRow {
  id: string;
  coder: string;
  document: string;
  exact: string;
  prefix: string;
  suffix: string;
  start_at: number;
  end_at: number;
  note: string;
  created: Date;
  modified: Date;
  tag_ids: string[];
}

export interface AnnotationFilter {
  ids?: string[];
  document?: string;
  coders?: string[];
}

/** The annotations (of these ids, one document, these coders; or all), in document and position order. */
export async function readAnnotations(db: Queryable, filter: AnnotationFilter = {}): Promise<StoredAnnotation[]> {
  const { rows } = await db.query<AnnotationRow>(
    `SELECT a.id, a.coder, a.document, a.exact, a.prefix, a.suffix, a.start_at, a.end_at, a.note, a.created, a.modified,
            coalesce(array_agg(t.tag_id ORDER BY t.position) FILTER (WHERE t.tag_id IS NOT NULL), '{}') AS tag_ids
       FROM annotations a LEFT JOIN annotation_tags t ON t.annotation_id = a.id
      WHERE ($1::text[] IS NULL OR a.id = ANY($1)) AND ($2::text IS NULL OR a.document = $2) AND ($3::text[] IS NULL OR a.coder = ANY($3))
      GROUP BY a.id ORDER BY a.document, a.start_at, a.end_at, a.id`,
    [filter.ids ?? null, filter.document ?? null, filter.coders ?? null],
  );
  return rows.map((r) => ({
    id: r.id,
    type: 'Annotation',
    created: iso(r.created),
    modified: iso(r.modified),
    ...makeCreator(r.coder),
    body: makeBody(r.tag_ids, r.note),
    target: { source: r.document, selector: makeSelectors({ exact: r.exact, prefix: r.prefix, suffix: r.suffix }, r.start_at, r.end_at) },
  }));
}

function checkOffset(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) throw new LecternError(`${field} must be a whole number ≥ 0`, 'bad-request');
  return v;
}

/** A timestamp as the store keeps it (ISO 8601), refused with its field's name when PostgreSQL could not read it. */
function checkTime(field: string, v: string): string {
  if (Number.isNaN(Date.parse(v))) throw new LecternError(`${field} is not a date and time: ${JSON.stringify(v.slice(0, 40))}`, 'bad-request');
  return v;
}

async function putTag(client: pg.PoolClient, t: StoredTag, creator: string | null): Promise<void> {
  const name = checkText('the tag name', t.name, { min: 1, max: 200 });
  const color = checkText('the colour', t.color, { max: 7 });
  if (!/^#[0-9a-f]{6}$/.test(color)) throw new LecternError(`the colour must look like "#1f77b4", not ${JSON.stringify(color)}`, 'bad-request');
  await client.query(
    `INSERT INTO tags (id, name, color, description, parent_id, created, modified, created_by) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
     ON CONFLICT (id) DO UPDATE SET name = $2, color = $3, description = $4, parent_id = $5, modified = $7`,
    [
      checkText('the tag id', t.id, { min: 1, max: 100 }),
      name,
      color,
      checkText('the description', t.description),
      t.parentId === null ? null : checkText('the parent tag', t.parentId, { min: 1, max: 100 }),
      checkTime('the creation time', t.created),
      checkTime('the modification time', t.modified),
      creator,
    ],
  );
}

/** Who added each of these codes (null: an import, the server, or unknown). */
export async function codeCreators(db: Queryable, ids: string[]): Promise<Map<string, string | null>> {
  const { rows } = await db.query<{ id: string; created_by: string | null }>('SELECT id, created_by FROM tags WHERE id = ANY($1)', [ids]);
  return new Map(rows.map((r) => [r.id, r.created_by]));
}

async function putAnnotation(client: pg.PoolClient, a: StoredAnnotation, by: number | null): Promise<void> {
  const id = checkText('the annotation id', a.id, { min: 1, max: 100 });
  const quote = quoteOf(a);
  const { start, end } = positionOf(a);
  checkOffset('the start', start);
  checkOffset('the end', end);
  if (end < start) throw new LecternError(`the end (${end}) comes before the start (${start})`, 'bad-request');
  await client.query(
    `INSERT INTO annotations (id, account_id, coder, document, exact, prefix, suffix, start_at, end_at, note, created, modified)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
     ON CONFLICT (id) DO UPDATE SET account_id = $2, coder = $3, document = $4, exact = $5, prefix = $6, suffix = $7,
                                    start_at = $8, end_at = $9, note = $10, modified = $12`,
    [
      id,
      by,
      checkText('the coder', coderOf(a), { max: 200 }),
      checkText('the document id', a.target.source, { min: 1, max: 1000 }),
      checkText('the quoted text', quote.exact, { min: 1 }),
      checkText('the text before the quote', quote.prefix),
      checkText('the text after the quote', quote.suffix),
      start,
      end,
      checkText('the note', noteOf(a)),
      checkTime('the creation time', a.created),
      checkTime('the modification time', a.modified),
    ],
  );
  await client.query('DELETE FROM annotation_tags WHERE annotation_id = $1', [id]);
  const tagIds = tagIdsOf(a).map((t) => checkText('a tag id', t, { min: 1, max: 100 }));
  if (tagIds.length > 0) {
    await client.query(
      'INSERT INTO annotation_tags (annotation_id, tag_id, position) SELECT $1, t.id, t.position - 1 FROM unnest($2::text[]) WITH ORDINALITY AS t(id, position)',
      [id, tagIds],
    );
  }
}

/**
 * Writes one store change (the row replacements of one user action) inside the caller's transaction, and
 * records each in the change log (which announces it at COMMIT). Codes are written before the annotations
 * that use them; deleted codes go last. Returns the logged changes, in order.
 */
export async function writeStoreChange(client: pg.PoolClient, changes: StoreChange[], writer: { id: number; name: string } | null): Promise<Change[]> {
  const by = writer?.id ?? null;
  const logged: Change[] = [];
  const tagPuts = changes.filter((c) => c.kind === 'tag' && c.after);
  const annotationChanges = changes.filter((c) => c.kind === 'annotation');
  const tagDeletes = changes.filter((c) => c.kind === 'tag' && !c.after);
  for (const c of [...tagPuts, ...annotationChanges, ...tagDeletes]) {
    if (c.kind === 'tag') {
      if (c.after) await putTag(client, c.after, writer?.name ?? null);
      else await client.query('DELETE FROM tags WHERE id = $1', [c.id]);
    } else if (c.after) await putAnnotation(client, c.after, by);
    else await client.query('DELETE FROM annotations WHERE id = $1', [c.id]);
    logged.push(await recordChange(client, c.kind, c.after ? 'put' : 'delete', c.id, by));
  }
  return logged;
}
