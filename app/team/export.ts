/**
 * A team corpus out to a file: the shared codebook and every coder's annotations, anchored in the
 * corpus's documents, written by the same exporters as a single user's corpus (a .qdpx carries
 * each coder as a User; W3C as creator; CSV in its coder column).
 */
import type { ExportFile } from '../common/contract';
import type { ExportFormat } from '../common/formats';
import { AnchorCache } from '../core/annotations/anchors';
import { buildExportModel } from '../core/annotations/exports/model';
import { writeExport } from '../core/annotations/exports/writers';
import type { LoadedDocument } from '../core/types';
import { listAnnotations, listCodebook } from './annotations';
import { inTransaction, type Db } from './db';

export async function exportTeamCorpus(
  db: Db,
  corpus: { name: string; documents: LoadedDocument[] },
  format: ExportFormat,
  now: Date = new Date(),
): Promise<ExportFile> {
  // One snapshot: the codebook and the annotations read in one transaction, so no coding is exported without its code.
  const [codebook, annotations] = await inTransaction(db, async (client) => {
    await client.query('SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY');
    return [await listCodebook(client), await listAnnotations(client)] as const;
  });
  const model = buildExportModel({
    name: corpus.name,
    exportedAt: now.toISOString(),
    codebook,
    annotations,
    documents: corpus.documents,
    anchors: new AnchorCache(),
  });
  return writeExport(model, format);
}
