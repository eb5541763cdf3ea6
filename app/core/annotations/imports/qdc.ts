/** Reads a REFI-QDA codebook (.qdc, as Taguette, QualCoder and the commercial tools write it): its Codes become tags. */
import { CODEBOOK_NAMESPACE, kid, parseQdaXml, readCodes } from '../refiQda';
import type { ImportBundle } from './bundle';

export function parseQdc(xml: string, filename: string): ImportBundle {
  const root = parseQdaXml(xml, filename, 'the file', 'CodeBook', CODEBOOK_NAMESPACE);
  return { kind: 'REFI-QDA codebook', tags: readCodes(kid(root, 'Codes'), filename), annotations: [] };
}
