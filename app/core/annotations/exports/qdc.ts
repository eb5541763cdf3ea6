/**
 * REFI-QDA codebook export (.qdc, namespace urn:QDA-XML:codebook:1.0): the codebook alone, with its
 * hierarchy, colours and descriptions, as Taguette, QualCoder, ATLAS.ti, MAXQDA and NVivo exchange it.
 */
import { LecternError } from '../../../common/errors';
import { attrs, CODEBOOK_NAMESPACE, codesXml } from '../refiQda';
import type { ExportModel } from './model';

export function toQdc(model: ExportModel): string {
  // The schema requires at least one Code, so an empty codebook has no valid .qdc.
  if (model.codebook.length === 0) throw new LecternError('The codebook is empty, so there is no codebook to export: create a tag first.');
  return (
    `<?xml version="1.0" encoding="UTF-8"?>\n<CodeBook${attrs({ xmlns: CODEBOOK_NAMESPACE, origin: 'Lectern' })}>\n` +
    `  <Codes>\n${codesXml(model.codebook, '    ')}  </Codes>\n</CodeBook>\n`
  );
}
