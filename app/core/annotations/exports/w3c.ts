/**
 * W3C Web Annotation JSON-LD export: an AnnotationCollection whose first (and only) page holds
 * every annotation. Tags are TextualBody "tagging" bodies whose id names the codebook entry, so a
 * generic client sees the tag's name and Lectern can restore the codebook (kept, with hierarchy,
 * colours and descriptions, under "lectern:codebook") on import.
 *
 * As the model requires, TextPositionSelector counts code points (Lectern counts UTF-16 units
 * inside); each target's source is an IRI (urn:lectern:doc:…, never a file: path, which would
 * carry the user's folders away), with the document id also under "lectern:docId"; and every term
 * that is not in anno.jsonld is defined in a second context, so a JSON-LD processor keeps it.
 */
import { CodePoints } from '../../../common/codePoints';
import { guidFor } from '../refiQda';
import { STORE_VERSION, coderOf, noteOf, positionOf, tagIdsOf, type StoredAnnotation, type StoredTag } from '../storeFormat';
import type { ExportModel } from './model';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
export const URN_UUID = 'urn:uuid:';
export const LECTERN_NS = 'urn:lectern:ns:';
export const DOC_IRI = 'urn:lectern:doc:';

/** Lectern's own terms, so that JSON-LD expansion (even in safe mode) drops none of them. */
export const LECTERN_CONTEXT = {
  lectern: LECTERN_NS,
  schema: 'http://schema.org/',
  color: 'lectern:color',
  description: 'schema:description',
  parent: { '@id': 'lectern:parent', '@type': '@id' },
  'lectern:codebook': { '@container': '@list' },
};

export const toIri = (id: string) => (/^[a-z][a-z0-9+.-]*:/i.test(id) ? id : URN_UUID + id);
export const fromIri = (iri: string) => (iri.startsWith(URN_UUID) ? iri.slice(URN_UUID.length) : iri);

/** A document id as an IRI: each path segment percent-encoded, the slashes kept. */
export const docIri = (docId: string) => DOC_IRI + docId.split('/').map(encodeURIComponent).join('/');

function annotationJson(a: StoredAnnotation, orphan: boolean, tags: Map<string, StoredTag>, positions: CodePoints | undefined) {
  const body: Record<string, unknown>[] = tagIdsOf(a)
    .filter((id) => tags.has(id))
    .map((id) => ({ type: 'TextualBody', purpose: 'tagging', id: toIri(id), value: tags.get(id)!.name }));
  const note = noteOf(a);
  if (note) body.push({ type: 'TextualBody', purpose: 'commenting', value: note, format: 'text/plain' });
  const [quote] = a.target.selector;
  const { start, end } = positionOf(a);
  // An orphan's stored positions refer to a text that is gone; they are kept as they are.
  const cp = (n: number) => (positions && !orphan ? positions.toCodePoints(n) : n);
  const coder = coderOf(a);
  return {
    id: toIri(a.id),
    type: 'Annotation',
    motivation: tagIdsOf(a).length ? 'tagging' : 'commenting',
    ...(coder ? { creator: { type: 'Person', name: coder } } : {}),
    created: a.created,
    modified: a.modified,
    body,
    target: {
      source: docIri(a.target.source),
      'lectern:docId': a.target.source,
      selector: [quote, { type: 'TextPositionSelector', start: cp(start), end: cp(end) }],
    },
    ...(orphan ? { 'lectern:orphan': true } : {}),
  };
}

export function toW3c(model: ExportModel): string {
  const tags = new Map(model.codebook.map((t) => [t.id, t]));
  const positions = new Map(model.documents.map((d) => [d.meta.id, new CodePoints(d.text)]));
  const items = model.items.map((i) => annotationJson(i.annotation, i.orphan, tags, positions.get(i.annotation.target.source)));
  const id = URN_UUID + guidFor(`${model.name}\n${model.exportedAt}`, 'collection');
  const collection = {
    '@context': [ANNO_CONTEXT, LECTERN_CONTEXT],
    id,
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
      ...(t.parentId === null ? {} : { parent: toIri(t.parentId) }),
      created: t.created,
      modified: t.modified,
    })),
    first: { id: URN_UUID + guidFor(`${model.name}\n${model.exportedAt}`, 'page'), type: 'AnnotationPage', partOf: id, startIndex: 0, items },
  };
  return JSON.stringify(collection, null, 2) + '\n';
}
