/**
 * W3C Web Annotation JSON-LD export: an AnnotationCollection whose first (and only) page holds
 * every annotation. Tags are TextualBody "tagging" bodies whose id names the codebook entry, so a
 * generic client sees the tag's name and Lectern can restore the codebook (kept, with hierarchy,
 * colours and descriptions, under "lectern:codebook") on import.
 */
import { STORE_VERSION, noteOf, tagIdsOf, type StoredAnnotation, type StoredTag } from '../storeFormat';
import type { ExportModel } from './model';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const URN_UUID = 'urn:uuid:';

export const toIri = (id: string) => (/^[a-z][a-z0-9+.-]*:/i.test(id) ? id : URN_UUID + id);
export const fromIri = (iri: string) => (iri.startsWith(URN_UUID) ? iri.slice(URN_UUID.length) : iri);

function annotationJson(a: StoredAnnotation, orphan: boolean, tags: Map<string, StoredTag>) {
  const body: Record<string, unknown>[] = tagIdsOf(a)
    .filter((id) => tags.has(id))
    .map((id) => ({ type: 'TextualBody', purpose: 'tagging', id: toIri(id), value: tags.get(id)!.name }));
  const note = noteOf(a);
  if (note) body.push({ type: 'TextualBody', purpose: 'commenting', value: note, format: 'text/plain' });
  return {
    id: toIri(a.id),
    type: 'Annotation',
    motivation: tagIdsOf(a).length ? 'tagging' : 'commenting',
    created: a.created,
    modified: a.modified,
    body,
    target: { source: a.target.source, selector: a.target.selector },
    ...(orphan ? { 'lectern:orphan': true } : {}),
  };
}

export function toW3c(model: ExportModel): string {
  const tags = new Map(model.codebook.map((t) => [t.id, t]));
  const items = model.items.map((i) => annotationJson(i.annotation, i.orphan, tags));
  const collection = {
    '@context': ANNO_CONTEXT,
    type: 'AnnotationCollection',
    label: `Lectern tags: ${model.name}`,
    generated: model.exportedAt,
    generator: { type: 'Software', name: 'Lectern' },
    total: items.length,
    'lectern:formatVersion': STORE_VERSION,
    'lectern:codebook': model.codebook.map((t) => ({
      id: toIri(t.id),
      name: t.name,
      color: t.color,
      description: t.description,
      parent: t.parentId === null ? null : toIri(t.parentId),
      created: t.created,
      modified: t.modified,
    })),
    first: { type: 'AnnotationPage', startIndex: 0, items },
  };
  return JSON.stringify(collection, null, 2) + '\n';
}
