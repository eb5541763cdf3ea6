/** One writer per export format (the formats table says each one's extension and MIME type): the file store's and the team's exports alike. */
import type { ExportFile } from '../../../common/contract';
import { LecternError } from '../../../common/errors';
import { exportFormatInfo, exportFormatList, type ExportFormat } from '../../../common/formats';
import { toCodebookCsv } from './codebookCsv';
import { toCsv } from './csv';
import { toMarkdown } from './markdownReport';
import type { ExportModel } from './model';
import { toQdc } from './qdc';
import { toQdpx } from './qdpx';
import { toW3c } from './w3c';

const WRITERS: Record<ExportFormat, (model: ExportModel) => Uint8Array | string> = {
  csv: (m) => toCsv(m),
  'csv-raw': (m) => toCsv(m, { raw: true }),
  w3c: toW3c,
  qdpx: toQdpx,
  md: toMarkdown,
  qdc: toQdc,
  'codebook-csv': toCodebookCsv,
};

/** The model written in a format, as the file the API returns. */
export function writeExport(model: ExportModel, format: ExportFormat): ExportFile {
  if (!Object.hasOwn(WRITERS, format)) throw new LecternError(`Unknown export format “${format}”: use ${exportFormatList()}.`);
  const written = WRITERS[format](model);
  const { extensions, mime } = exportFormatInfo(format);
  const bytes = typeof written === 'string' ? Buffer.from(written, 'utf8') : Buffer.from(written);
  return { filename: `lectern-tags.${extensions[0]}`, mime, base64: bytes.toString('base64') };
}
