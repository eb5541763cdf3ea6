/**
 * The team's codebook and each coder's annotations, in PostgreSQL, read back in the file store's shapes
 * (StoredTag, StoredAnnotation: app/core/annotations/storeFormat.ts), so exports and agreement work on
 * them unchanged. The coder of an annotation is the account that wrote it (its `creator`); a coder edits
 * only their own layer, a viewer writes nothing.
 */
import { randomUUID } from 'node:crypto';
import { LecternError } from '../common/errors';
import { makeBody, makeCreator, makeSelectors, type StoredAnnotation, type StoredTag } from '../core/annotations/storeFormat';
import type { Account } from './accounts';
import { recordChange } from './changes';
import { checkText, inTransaction, type Db, type Queryable } from './db';

function requireWriter(account: Account): void {
  if (account.role === 'viewer')
    throw new LecternError(`${account.name} is a viewer: viewers can read the team's annotations but not change them`, 'forbidden');
}

const iso = (d: Date) => d.toISOString();

export interface TagInput {
  name: string;
  color: string;
  description?: string;
  parentId?: string | null;
}

export async function createTag(db: Db, account: Account, input: TagInput): Promise<StoredTag> {
  requireWriter(account);
  const name = checkText('the tag name', typeof input.name === 'string' ? input.name.trim() : input.name, { min: 1, max: 200 });
  const color = checkText('the colour', input.color, { max: 7 }).toLowerCase();
  if (!/^#[0-9a-f]{6}$/.test(color)) throw new LecternError(`the colour must look like "#1f77b4", not ${JSON.stringify(color)}`, 'bad-request');
  const description = checkText('the description', input.description ?? '');
  const parentId = input.parentId == null ? null : checkText('the parent tag', input.parentId, { min: 1, max: 100 });
  return inTransaction(db, async (client) => {
    if (parentId !== null && (await client.query('SELECT 1 FROM tags WHERE id = $1', [parentId])).rowCount === 0) {
      throw new LecternError(`there is no tag with the id "${parentId}" to put this tag under`, 'not-found');
    }
    const id = randomUUID();
    const { rows } = await client.query<{ created: Date }>(
      `INSERT INTO tags (id, name, color, description, parent_id, created, modified) VALUES ($1, $2, $3, $4, $5, now(), now())
       ON CONFLICT (name) DO NOTHING RETURNING created`,
      [id, name, color, description, parentId],
    );
    if (rows.length === 0) throw new LecternError(`the codebook already has a tag named "${name}"`, 'duplicate-tag');
    await recordChange(client, 'tag', 'put', id, account.id);
    return { id, name, color, description, parentId, created: iso(rows[0].created), modified: iso(rows[0].created) };
  });
}

export async function listCodebook(db: Queryable): Promise<StoredTag[]> {
  const { rows } = await db.query<{ id: string; name: string; color: string; description: string; parent_id: string | null; created: Date; modified: Date }>(
    'SELECT id, name, color, description, parent_id, created, modified FROM tags ORDER BY name, id',
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

export interface AnnotationInput {
  /** Absent for a new annotation; an existing one's id to replace it (the writer's own only). */
  id?: string;
  document: string;
  quote: { exact: string; prefix: string; suffix: string };
  start: number;
  end: number;
  tagIds: string[];
  note: string;
}

function checkOffset(field: string, v: unknown): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > 2 ** 31 - 1) throw new LecternError(`${field} must be a whole number ≥ 0`, 'bad-request');
  return v;
}

/** Writes one annotation (new, or a replacement of the writer's own) with its tags and note, in one transaction. */
export async function putAnnotation(db: Db, account: Account, input: AnnotationInput): Promise<StoredAnnotation> {
  requireWriter(account);
  const document = checkText('the document id', input.document, { min: 1, max: 1000 });
  const exact = checkText('the quoted text', input.quote?.exact, { min: 1 });
  const prefix = checkText('the text before the quote', input.quote?.prefix);
  const suffix = checkText('the text after the quote', input.quote?.suffix);
  const start = checkOffset('the start', input.start);
  const end = checkOffset('the end', input.end);
  if (end < start) throw new LecternError(`the end (${end}) comes before the start (${start})`, 'bad-request');
  const note = checkText('the note', input.note ?? '');
  if (!Array.isArray(input.tagIds)) throw new LecternError('the tags must be a list of tag ids', 'bad-request');
  const tagIds = [...new Set(input.tagIds.map((t) => checkText('a tag id', t, { min: 1, max: 100 })))];
  if (tagIds.length === 0 && note === '') throw new LecternError('an annotation needs a tag or a note', 'bad-request');
  return inTransaction(db, async (client) => {
    const known = await client.query<{ id: string }>('SELECT id FROM tags WHERE id = ANY($1::text[])', [tagIds]);
    const missing = tagIds.filter((t) => !known.rows.some((r) => r.id === t));
    if (missing.length > 0) throw new LecternError(`the codebook has no tag with the id ${missing.map((m) => JSON.stringify(m)).join(', ')}`, 'not-found');
    let id = input.id;
    let created: Date;
    let modified: Date;
    if (id === undefined) {
      id = randomUUID();
      const { rows } = await client.query<{ created: Date }>(
        `INSERT INTO annotations (id, account_id, document, exact, prefix, suffix, start_at, end_at, note, created, modified)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, now(), now()) RETURNING created`,
        [id, account.id, document, exact, prefix, suffix, start, end, note],
      );
      created = modified = rows[0].created;
    } else {
      checkText('the annotation id', id, { min: 1, max: 100 });
      // FOR UPDATE: two replacements of one annotation queue up rather than interleave.
      const own = await client.query<{ account_id: string }>('SELECT account_id FROM annotations WHERE id = $1 FOR UPDATE', [id]);
      if (own.rows.length === 0) throw new LecternError(`there is no annotation with the id "${id}"`, 'not-found');
      if (Number(own.rows[0].account_id) !== account.id)
        throw new LecternError("this annotation is another coder's: each coder changes only their own", 'forbidden');
      const { rows } = await client.query<{ created: Date; modified: Date }>(
        `UPDATE annotations SET document = $2, exact = $3, prefix = $4, suffix = $5, start_at = $6, end_at = $7, note = $8, modified = now()
         WHERE id = $1 RETURNING created, modified`,
        [id, document, exact, prefix, suffix, start, end, note],
      );
      ({ created, modified } = rows[0]);
      await client.query('DELETE FROM annotation_tags WHERE annotation_id = $1', [id]);
    }
    for (const [position, tagId] of tagIds.entries()) {
      await client.query('INSERT INTO annotation_tags (annotation_id, tag_id, position) VALUES ($1, $2, $3)', [id, tagId, position]);
    }
    await recordChange(client, 'annotation', 'put', id, account.id);
    return {
      id,
      type: 'Annotation',
      created: iso(created),
      modified: iso(modified),
      ...makeCreator(account.name),
      body: makeBody(tagIds, note),
      target: { source: document, selector: makeSelectors({ exact, prefix, suffix }, start, end) },
    };
  });
}

export async function deleteAnnotation(db: Db, account: Account, id: string): Promise<void> {
  requireWriter(account);
  checkText('the annotation id', id, { min: 1, max: 100 });
  await inTransaction(db, async (client) => {
    const { rows } = await client.query<{ account_id: string }>('DELETE FROM annotations WHERE id = $1 AND account_id = $2 RETURNING account_id', [
      id,
      account.id,
    ]);
    if (rows.length === 0) {
      const exists = (await client.query('SELECT 1 FROM annotations WHERE id = $1', [id])).rowCount !== 0;
      throw exists
        ? new LecternError("this annotation is another coder's: each coder changes only their own", 'forbidden')
        : new LecternError(`there is no annotation with the id "${id}"`, 'not-found');
    }
    await recordChange(client, 'annotation', 'delete', id, account.id);
  });
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

/** The annotations, of one document or all, of the given coders or all, in document and position order. */
export async function listAnnotations(db: Queryable, filter: { document?: string; coders?: string[] } = {}): Promise<StoredAnnotation[]> {
  const { rows } = await db.query<AnnotationRow>(
    `SELECT a.id, c.name AS coder, a.document, a.exact, a.prefix, a.suffix, a.start_at, a.end_at, a.note, a.created, a.modified,
            coalesce(array_agg(t.tag_id ORDER BY t.position) FILTER (WHERE t.tag_id IS NOT NULL), '{}') AS tag_ids
       FROM annotations a JOIN accounts c ON c.id = a.account_id LEFT JOIN annotation_tags t ON t.annotation_id = a.id
      WHERE ($1::text IS NULL OR a.document = $1) AND ($2::text[] IS NULL OR c.name = ANY($2))
      GROUP BY a.id, c.name ORDER BY a.document, a.start_at, a.end_at, a.id`,
    [filter.document ?? null, filter.coders ?? null],
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
