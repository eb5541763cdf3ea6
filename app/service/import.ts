/** Importing files as documents, and editing a document's metadata: the service's only writes to corpus text files. */
import { Buffer } from 'node:buffer';
import type { LecternApi } from '../common/contract';
import { LecternError } from '../common/errors';
import { extractBounded } from '../core/import/boundedExtract';
import { suggestId } from '../core/import/extract';
import { checkDocumentId, existingFileOf, updateFrontMatter, writeNewDocument } from '../core/import/writeDocument';
import { requireDoc, requireWritableCorpus, type ServiceContext } from './context';

type ImportMethods = Pick<LecternApi, 'importPreview' | 'importCommit' | 'updateMetadata'>;

export function importMethods(ctx: ServiceContext): ImportMethods {
  const { keeper } = ctx;
  return {
    async importPreview(req) {
      requireWritableCorpus(ctx);
      const extracted = await extractBounded(req.filename, Buffer.from(req.base64, 'base64'));
      const ids = new Set(keeper.corpus.documents.map((d) => d.meta.id));
      return { filename: req.filename, suggestedId: suggestId(extracted.meta, (id) => ids.has(id)), ...extracted };
    },

    async importCommit(req) {
      requireWritableCorpus(ctx);
      if (!req.meta.title.trim()) throw new LecternError('The document needs a title: enter one before importing.');
      const id = checkDocumentId(req.id);
      const written = await writeNewDocument(keeper.corpusDir, id, req.meta, req.markdown, req.overwrite === true, req.format);
      await keeper.reload();
      return { id, ...written, library: await ctx.library() };
    },

    async updateMetadata(req) {
      const doc = requireDoc(ctx, req.id);
      if (!req.meta.title.trim()) throw new LecternError('The document needs a title: enter one before saving.');
      // The file may have been renamed or removed since the corpus was read.
      if (!(await existingFileOf(keeper.corpusDir, doc.meta.id)))
        throw new LecternError(`The file of “${doc.meta.id}” (${doc.meta.path}) is no longer in the corpus folder. Re-read the library.`, 'not-found');
      const written = await updateFrontMatter(keeper.corpusDir, doc.meta.path, req.meta);
      await keeper.reload();
      return { id: doc.meta.id, path: written.path, replaced: written.path === doc.meta.path ? null : doc.meta.path, library: await ctx.library() };
    },
  };
}
