/** Hand-built documents, without touching the disk or the loader. */
import type { MetadataFields } from '../../app/common/contract';
import { createHash } from 'node:crypto';
import type { DocumentMeta, LoadedDocument } from '../../app/core/types';

/**
 * A document with the given text: a string's passages are its runs of non-blank lines (offsets into
 * it); an array's are its items, joined by blank lines as the loader does. Meta fields not given are
 * empty (the title is the id).
 */
export function makeDoc(id: string, textOrParagraphs: string | string[], meta: Partial<DocumentMeta> = {}): LoadedDocument {
  const text = typeof textOrParagraphs === 'string' ? textOrParagraphs : textOrParagraphs.join('\n\n');
  const pieces =
    typeof textOrParagraphs === 'string'
      ? [...text.matchAll(/[^\n]+(?:\n(?!\n)[^\n]*)*/g)].map((m) => ({ start: m.index!, text: m[0] }))
      : paragraphPieces(textOrParagraphs);
  return {
    meta: {
      id,
      title: id,
      speakers: [],
      date: '',
      event: '',
      place: '',
      outlet: '',
      kind: '',
      language: 'en',
      author: '',
      source: '',
      path: `${id}.md`,
      ...meta,
      attributes: meta.attributes ?? {},
    },
    text,
    passages: pieces.map((p, index) => ({
      id: `${id}-p${index}`,
      index,
      start: p.start,
      end: p.start + p.text.length,
      text: p.text,
      html: `<p>${p.text}</p>`,
    })),
    removed: [],
    wordCount: text.split(/\s+/).filter(Boolean).length,
    contentHash: createHash('sha256').update(text).digest('hex'),
    configKey: '',
  };
}

function paragraphPieces(paragraphs: string[]): { start: number; text: string }[] {
  let offset = 0;
  return paragraphs.map((text) => {
    const start = offset;
    offset += text.length + 2;
    return { start, text };
  });
}

/** The metadata editor's fields, all empty but those given. */
export function metadataFields(fields: Partial<MetadataFields> = {}): MetadataFields {
  return { title: '', speakers: [], date: '', event: '', place: '', outlet: '', kind: '', language: '', author: '', source: '', ...fields };
}
