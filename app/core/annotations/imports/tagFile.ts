/** Which kind of tag file an import is, by its content (and its extension where content cannot tell). */
import { LecternError } from '../../../common/errors';
import type { ImportBundle } from './bundle';
import { looksLikeCodebookCsv, parseCodebookCsv } from './codebookCsv';
import { parseQdc } from './qdc';
import { parseQdpx, type DocumentLookup } from './qdpx';
import { parseW3c } from './w3c';

export function parseTagFile(filename: string, bytes: Buffer, docs: DocumentLookup): ImportBundle {
  const isZip = bytes.length >= 4 && bytes.readUInt32LE(0) === 0x04034b50;
  if (isZip) return parseQdpx(bytes, filename, docs);
  if (/\.qdpx$/i.test(filename)) {
    throw new LecternError(`Cannot import “${filename}”: it is not a zip archive, so not a REFI-QDA .qdpx project. Nothing was changed.`, 'bad-import');
  }
  const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
  if (/^\s*[[{]/.test(text)) return parseW3c(text, filename, docs);
  if (/^\s*</.test(text)) return parseQdc(text, filename);
  if (/\.csv$/i.test(filename) || looksLikeCodebookCsv(text)) {
    if (!looksLikeCodebookCsv(text)) {
      const passages = /annotation_id/.test(text.split(/\r?\n/, 1)[0]);
      throw new LecternError(
        `Cannot import “${filename}”: ${passages ? 'it is a passage CSV (Lectern’s “csv” export), which holds no positions to place passages by; import the .qdpx or W3C export instead, or a codebook CSV for the tags alone' : 'it has no column named “tag”, “name” or “path”, so it is not a codebook CSV'}. Nothing was changed.`,
        'bad-import',
      );
    }
    return parseCodebookCsv(text, filename);
  }
  const start = JSON.stringify(text.slice(0, 20));
  throw new LecternError(
    `Cannot import “${filename}”: it is neither a W3C Web Annotation JSON file, a REFI-QDA .qdpx project or .qdc codebook, nor a codebook CSV (it begins ${start}). Nothing was changed.`,
    'bad-import',
  );
}
