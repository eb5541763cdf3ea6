/**
 * Implements the contract over the core. The only thing the transports (IPC, HTTP) call; it never
 * knows which one carried the request.
 */
import path from 'node:path';
import { LecternError, type CompareRequest, type Comparison, type DocSummary, type DocumentView, type ExportFile, type ImportPreview, type KwicResult, type LecternApi, type LibraryView, type RecentCorpus, type RequestOf, type SearchResponse, type ServiceStatus, type SimilarResponse, type WrittenDocument } from './contract';
import { compare, compareKwic, type CompareOptions } from './core/compare/compare';
import { nearDuplicates, similarTo } from './core/compare/nearDuplicates';
import { comparisonReport } from './core/compare/report';
import { loadCorpus, type LoadedCorpus } from './core/corpus';
import { readMarkedParagraphs, ruleDescriptions, writeMarkedParagraphs } from './core/corpusConfig';
import { normaliseParagraph } from './core/cleaning';
import { hitHighlights, search, type TagLookup } from './core/search';
import { makeSearchIndex, type SearchIndex } from './core/searchIndex';
import type { DocAnalysis } from './core/indexing/analysis';
import { BuildCancelled } from './core/indexing/buildIndex';
import { openIndex, readAnalysesCache } from './core/indexing/indexCache';
import { readDocumentCache, writeDocumentCache } from './core/indexing/documentCache';
import type { LoadedDocument } from './core/types';
import { checkCorpusFolder, makeCorpusFolder } from './core/corpusFolder';
import { watchCorpus, type CorpusWatcher } from './core/corpusWatcher';
import { extractFile, suggestId } from './core/import/extract';
import { checkDocumentId, existingFileOf, updateFrontMatter, writeNewDocument } from './core/import/writeDocument';
import { RecentCorpora } from './recentCorpora';

/** How long the caches wait for further changes before they are written. */
const SAVE_DELAY_MS = 1500;

/** The tag methods of the contract, implemented by the annotations core. */
export type TagMethodName =
  | 'codebook' | 'createTag' | 'updateTag' | 'mergeTags' | 'deleteTag' | 'annotate' | 'updateAnnotation'
  | 'deleteAnnotation' | 'annotations' | 'tagMatrix' | 'history' | 'undo' | 'redo' | 'exportTags' | 'importTags';

export interface TaggingPart extends Pick<LecternApi, TagMethodName>, TagLookup {
  reanchorAll(): Promise<void> | void;
  /** Why the tag store cannot be used (invalid, or from a newer Lectern), or null. */
  problem?(): string | null;
}

export interface DocumentSource {
  documents(): LoadedDocument[];
  get(id: string): LoadedDocument | undefined;
}

export type TaggingFactory = (corpusDir: string, docs: DocumentSource) => Promise<TaggingPart>;

export interface ServiceOptions {
  tagging?: TaggingFactory;
  /** Re-index when other programs change the corpus folder (the app); off for the CLI and most tests. */
  watch?: boolean | { debounceMs: number };
  /** Where the list of recent corpora is kept; without one it lasts as long as the process. */
  recent?: RecentCorpora;
  /** How long cache writes wait for further changes (the CLI writes at once: it is about to exit). */
  saveDelayMs?: number;
}

interface Snapshot {
  corpus: LoadedCorpus;
  index: SearchIndex;
  /** Near-duplicate documents, computed on first use. */
  similar?: SimilarResponse;
}

export class LecternService implements LecternApi {
  /** The corpus and index answering requests; replaced whole when a rebuild completes. */
  private current!: Snapshot;
  private tagging: TaggingPart | null = null;
  private indexing: { phase: 'reading' | 'indexing'; done: number; total: number } | null = null;
  private indexInfo: LibraryView['index'] = null;
  private generation = 0;
  private building: { abort: AbortController; done: Promise<void> } | null = null;
  private analyses: Map<string, DocAnalysis> | undefined;
  /** Cached analyses being read after a warm start (see rebuild). */
  private analysesLoading: Promise<unknown> = Promise.resolve();
  /** Cache files being written after a build (never awaited by requests). */
  private saving: Promise<void> = Promise.resolve();
  /**
   * The cache write waiting to start. Serialising a large index takes a noticeable time on this
   * thread, so it waits until changes settle: a burst of edits (the watcher) writes the caches once.
   */
  private pendingSave: { timer: NodeJS.Timeout; run: () => Promise<void> } | null = null;
  /** Documents rebuilt since the documents cache was last written (a later save must still write it). */
  private documentsUnsaved = false;
  private readonly docs: DocumentSource = {
    documents: () => this.current.corpus.documents,
    get: (id) => this.current.index.byId.get(id),
  };

  private watcher: CorpusWatcher | null = null;
  private readonly recent: RecentCorpora;

  private constructor(private dir: string, private readonly options: ServiceOptions) {
    this.recent = options.recent ?? new RecentCorpora(null);
  }

  static async open(corpusDir: string, options: ServiceOptions = {}): Promise<LecternService> {
    const service = new LecternService(path.resolve(corpusDir), options);
    await service.load();
    return service;
  }

  /** The folder of the corpus open now (it changes with openCorpus). */
  get corpusDir(): string {
    return this.dir;
  }

  /** Reads the corpus in this.dir, then connects tags and the watcher to it. */
  private async load(): Promise<void> {
    await this.reload();
    if (this.options.tagging && !this.current.corpus.error) this.tagging = await this.options.tagging(this.dir, this.docs);
    if (this.options.watch && !this.current.corpus.error) {
      const debounceMs = typeof this.options.watch === 'object' ? this.options.watch.debounceMs : undefined;
      this.watcher = watchCorpus(this.dir, () => void this.reload().catch((e) => console.error('lectern: re-indexing after a change in the corpus folder failed:', e)), {
        debounceMs,
        onError: (e) => console.error(`lectern: stopped watching ${this.dir} for changes (${e.message}); use Re-read in the library to pick up changes.`),
      });
    }
  }

  /** Stops watching the corpus folder and waits for running work (tests, and before the app quits). */
  async close(): Promise<void> {
    this.watcher?.close();
    this.watcher = null;
    await this.idle();
  }

  /**
   * Reads the corpus again (files, cleaning rules, marked boilerplate), re-indexes it and re-anchors
   * tags. Unchanged files are not parsed again and unchanged documents not re-analysed. Requests are
   * answered from the previous corpus and index until the new ones are complete.
   */
  reload(): Promise<void> {
    this.building?.abort.abort();
    const abort = new AbortController();
    const done = this.rebuild(abort.signal).finally(() => {
      if (this.building?.abort === abort) {
        this.building = null;
        this.indexing = null;
      }
    });
    this.building = { abort, done };
    return done;
  }

  private async rebuild(signal: AbortSignal): Promise<void> {
    const t0 = performance.now();
    this.indexing = { phase: 'reading', done: 0, total: 0 };
    const previousDocs = this.current?.corpus.dir === this.dir ? new Map(this.current.corpus.documents.map((d) => [d.meta.path, d])) : await readDocumentCache(this.corpusDir);
    const corpus = await loadCorpus(this.corpusDir, {
      previous: previousDocs,
      onProgress: (done, total) => (this.indexing = { phase: 'reading', done, total }),
    });
    if (signal.aborted) return;
    let opened;
    try {
      // A corpus folder that cannot be read gets an empty index and no cache (nothing is created there).
      await this.analysesLoading;
      opened = await openIndex(this.corpusDir, corpus.documents, corpus.diagnostics, {
        save: !corpus.error,
        previous: this.analyses,
        signal,
        onProgress: (done, total) => (this.indexing = { phase: 'indexing', done, total }),
      });
    } catch (e) {
      if (e instanceof BuildCancelled) return;
      throw e;
    }
    if (signal.aborted) return;
    this.analyses = opened.analyses ?? undefined;
    // Opened from the cache: read the per-document analyses in the background, so that the first
    // change to a document re-analyses only that one without waiting for the file.
    if (!this.analyses && !corpus.error) this.analysesLoading = readAnalysesCache(this.corpusDir).then((a) => (this.analyses ??= a));
    this.current = { corpus, index: makeSearchIndex(corpus.documents, opened.index) };
    this.generation++;
    this.indexInfo = { source: opened.source, analysed: opened.analysed, reused: opened.reused, ms: Math.round(performance.now() - t0) };
    // The documents cache is written whenever a document was rebuilt, even if the index came from its
    // cache (a stale documents cache would otherwise make every launch parse every file again).
    this.documentsUnsaved ||= corpus.changed;
    if ((opened.source === 'built' || this.documentsUnsaved) && !corpus.error) {
      const dir = this.dir;
      this.scheduleSave(async () => {
        await opened.save();
        if (!this.documentsUnsaved) return;
        this.documentsUnsaved = false;
        await writeDocumentCache(dir, corpus.documents);
      });
    }
    await this.tagging?.reanchorAll();
  }

  private scheduleSave(run: () => Promise<void>): void {
    if (this.pendingSave) clearTimeout(this.pendingSave.timer);
    this.pendingSave = { timer: setTimeout(() => void this.flushSave(), this.options.saveDelayMs ?? SAVE_DELAY_MS), run };
  }

  /** Starts the waiting cache write now; writes run one after another. */
  private flushSave(): Promise<void> {
    const pending = this.pendingSave;
    if (pending) {
      clearTimeout(pending.timer);
      this.pendingSave = null;
      this.saving = this.saving.then(pending.run, pending.run);
    }
    return this.saving;
  }

  /** Resolves when no rebuild is running and the caches are written (tests, CLI, benchmark, quitting). */
  async idle(): Promise<void> {
    while (this.building) await this.building.done.catch(() => undefined);
    await Promise.all([this.flushSave(), this.analysesLoading]);
  }

  get documents(): DocumentSource {
    return this.docs;
  }

  get loaded(): LoadedCorpus {
    return this.current.corpus;
  }

  private get corpus(): LoadedCorpus {
    return this.current.corpus;
  }

  private get index(): SearchIndex {
    return this.current.index;
  }

  async reindex(_req?: Record<string, never>): Promise<LibraryView> {
    void this.reload().catch((e) => console.error('lectern: re-indexing failed:', e));
    return this.library();
  }

  async cancelIndexing(_req?: Record<string, never>): Promise<LibraryView> {
    this.building?.abort.abort();
    this.building = null;
    this.indexing = null;
    return this.library();
  }

  private requireDoc(id: unknown): LoadedDocument {
    if (typeof id !== 'string' || id === '') throw new LecternError('A document id is required.');
    const doc = this.index.byId.get(id);
    if (!doc) throw new LecternError(`There is no document "${id}" in this corpus. It may have been renamed or removed; reload the library.`, 'not-found');
    return doc;
  }

  private requireTagging(): TaggingPart {
    if (!this.tagging) throw new LecternError(this.corpus.error ?? 'Tagging is not available for this corpus.', 'unavailable');
    return this.tagging;
  }

  private similarDocs(): SimilarResponse {
    const snapshot = this.current;
    snapshot.similar ??= nearDuplicates(snapshot.corpus.documents);
    return snapshot.similar;
  }

  async library(): Promise<LibraryView> {
    const similar = similarTo(this.similarDocs().pairs);
    const documents: DocSummary[] = this.corpus.documents.map((d) => ({
      ...d.meta,
      wordCount: d.wordCount,
      passageCount: d.passages.length,
      similarTo: similar.get(d.meta.id) ?? [],
      revision: `${d.contentHash}:${d.configKey}`,
    }));
    documents.sort((a, b) => (a.date < b.date ? 1 : a.date > b.date ? -1 : a.title.localeCompare(b.title)));
    // A tag store that cannot be used is said at once, in the library, not only at the next change:
    // otherwise months of tags would look simply gone.
    const storeProblem = this.tagging?.problem?.();
    const diagnostics = storeProblem ? [{ file: '.lectern/annotations.json', severity: 'error' as const, message: storeProblem }, ...this.corpus.diagnostics] : this.corpus.diagnostics;
    return { corpusDir: this.corpusDir, documents, diagnostics, error: this.corpus.error, indexing: this.indexing, index: this.indexInfo, generation: this.generation };
  }

  async status(_req?: Record<string, never>): Promise<ServiceStatus> {
    return { generation: this.generation, indexing: this.indexing };
  }

  async search(req: { query: string; limit?: number }): Promise<SearchResponse> {
    if (typeof req?.query !== 'string') throw new LecternError('search needs a query string.');
    const limit = req.limit === undefined ? undefined : Number(req.limit);
    if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) throw new LecternError('The result limit must be a whole number of at least 1.');
    return search(this.index, req.query, { limit, tags: this.tagging ?? undefined });
  }

  async document(req: { id: string; query?: string }): Promise<DocumentView> {
    const doc = this.requireDoc(req?.id);
    const descriptions = ruleDescriptions(this.corpus.config);
    let highlights: [number, number][] = [];
    let queryError = null;
    if (req.query && req.query.trim()) {
      const res = search(this.index, req.query, { limit: 0, allPassagesOf: doc.meta.id, tags: this.tagging ?? undefined });
      queryError = res.error;
      highlights = hitHighlights(res, doc.meta.id);
    }
    return {
      meta: doc.meta,
      text: doc.text,
      passages: doc.passages.map(({ id, index, start, end, text, html }) => ({ id, index, start, end, text, html })),
      removed: doc.removed.map((r) => ({ ...r, ruleDescription: descriptions.get(r.rule) ?? r.rule })),
      wordCount: doc.wordCount,
      highlights,
      queryError,
    };
  }

  async markBoilerplate(req: { docId: string; passageId: string }): Promise<LibraryView> {
    const doc = this.requireDoc(req?.docId);
    const passage = doc.passages.find((p) => p.id === req.passageId);
    if (!passage) throw new LecternError(`Document "${doc.meta.id}" has no passage "${req.passageId}". Reload the document and try again.`, 'not-found');
    const marked = await readMarkedParagraphs(this.corpusDir);
    if (!marked.some((p) => normaliseParagraph(p.text) === normaliseParagraph(passage.text))) {
      marked.push({ text: passage.text, docId: doc.meta.id, markedAt: new Date().toISOString() });
      await writeMarkedParagraphs(this.corpusDir, marked);
    }
    await this.reload();
    return this.library();
  }

  async unmarkBoilerplate(req: { text: string }): Promise<LibraryView> {
    if (typeof req?.text !== 'string') throw new LecternError('unmarkBoilerplate needs the paragraph text.');
    const marked = await readMarkedParagraphs(this.corpusDir);
    const kept = marked.filter((p) => normaliseParagraph(p.text) !== normaliseParagraph(req.text));
    if (kept.length === marked.length) throw new LecternError('That paragraph is not marked as boilerplate.', 'not-found');
    await writeMarkedParagraphs(this.corpusDir, kept);
    await this.reload();
    return this.library();
  }

  /** The request's narrowing as compare options: tags become their annotation ranges. */
  private async compareOptions(req: CompareRequest): Promise<CompareOptions> {
    if (typeof req?.left !== 'string' || typeof req?.right !== 'string') throw new LecternError('Compare needs a left and a right side: document ids or speaker:"Full Name".');
    const options: CompareOptions = { threshold: req.threshold, quotesOnly: req.quotesOnly };
    for (const side of ['left', 'right'] as const) {
      const tagId = req.tagId?.[side];
      if (!tagId) continue;
      const tag = (await this.requireTagging().codebook({})).find((t) => t.id === tagId);
      if (!tag) throw new LecternError(`There is no tag with id "${tagId}"; it may have been deleted. Choose another tag.`, 'not-found');
      options.tagRanges = { ...options.tagRanges, [side]: this.requireTagging().rangesWithTag(tag.name) ?? new Map() };
      options.tagNames = { ...options.tagNames, [side]: tag.name };
    }
    return options;
  }

  async compare(req: CompareRequest): Promise<Comparison> {
    return compare(this.corpus.documents, req.left, req.right, await this.compareOptions(req));
  }

  async compareKwic(req: CompareRequest & { term: string; stem?: string }): Promise<KwicResult> {
    if (typeof req?.term !== 'string') throw new LecternError('compareKwic needs a term.');
    return compareKwic(this.corpus.documents, req.left, req.right, req.term, { ...(await this.compareOptions(req)), stem: req.stem });
  }

  async similar(_req?: Record<string, never>): Promise<SimilarResponse> {
    return this.similarDocs();
  }

  // ---------- corpora ----------

  /** Closes the corpus open now and opens the one in `dir` (already checked); requests meanwhile see the old one. */
  private async switchTo(dir: string): Promise<LibraryView> {
    this.watcher?.close();
    this.watcher = null;
    this.building?.abort.abort();
    await this.idle();
    this.dir = dir;
    this.documentsUnsaved = false;
    this.tagging = null;
    this.analyses = undefined;
    this.indexInfo = null;
    await this.load();
    await this.recent.add(dir);
    return this.library();
  }

  async openCorpus(req: RequestOf<'openCorpus'>): Promise<LibraryView> {
    return this.switchTo(await checkCorpusFolder(req.dir));
  }

  async newCorpus(req: RequestOf<'newCorpus'>): Promise<LibraryView> {
    return this.switchTo(await makeCorpusFolder(req.dir));
  }

  async recentCorpora(_req?: Record<string, never>): Promise<RecentCorpus[]> {
    return this.recent.list();
  }

  /** Records the corpus opened at start as the most recent one. */
  rememberCorpus(): Promise<void> {
    return this.recent.add(this.dir);
  }

  // ---------- import, metadata ----------

  private requireWritableCorpus(): void {
    if (this.corpus.error) throw new LecternError(`${this.corpus.error} Open another corpus before importing.`, 'unavailable');
  }

  async importPreview(req: RequestOf<'importPreview'>): Promise<ImportPreview> {
    this.requireWritableCorpus();
    const extracted = await extractFile(req.filename, Buffer.from(req.base64, 'base64'));
    const ids = new Set(this.corpus.documents.map((d) => d.meta.id));
    return { filename: req.filename, suggestedId: suggestId(extracted.meta, (id) => ids.has(id)), ...extracted };
  }

  async importCommit(req: RequestOf<'importCommit'>): Promise<WrittenDocument> {
    this.requireWritableCorpus();
    if (!req.meta.title.trim()) throw new LecternError('The document needs a title: enter one before importing.');
    const id = checkDocumentId(req.id);
    const written = await writeNewDocument(this.dir, id, req.meta, req.markdown, req.overwrite === true);
    await this.reload();
    return { id, ...written, library: await this.library() };
  }

  async updateMetadata(req: RequestOf<'updateMetadata'>): Promise<WrittenDocument> {
    const doc = this.requireDoc(req.id);
    if (!req.meta.title.trim()) throw new LecternError('The document needs a title: enter one before saving.');
    // The file may have been renamed or removed since the corpus was read.
    if (!(await existingFileOf(this.dir, doc.meta.id))) throw new LecternError(`The file of “${doc.meta.id}” (${doc.meta.path}) is no longer in the corpus folder. Re-read the library.`, 'not-found');
    const written = await updateFrontMatter(this.dir, doc.meta.path, req.meta);
    await this.reload();
    return { id: doc.meta.id, path: written.path, replaced: written.path === doc.meta.path ? null : doc.meta.path, library: await this.library() };
  }

  async compareReport(req: CompareRequest): Promise<ExportFile> {
    const comparison = await this.compare(req);
    const slug = (s: string) => s.replace(/^speaker:/i, '').replace(/[^\p{L}\p{N}]+/gu, '-').replace(/^-|-$/g, '').toLowerCase();
    return {
      filename: `compare-${slug(req.left)}-vs-${slug(req.right)}.md`,
      mime: 'text/markdown',
      base64: Buffer.from(comparisonReport(comparison, this.corpus.documents), 'utf8').toString('base64'),
    };
  }

  codebook: LecternApi['codebook'] = (req) => this.requireTagging().codebook(req);
  createTag: LecternApi['createTag'] = (req) => this.requireTagging().createTag(req);
  updateTag: LecternApi['updateTag'] = (req) => this.requireTagging().updateTag(req);
  mergeTags: LecternApi['mergeTags'] = (req) => this.requireTagging().mergeTags(req);
  deleteTag: LecternApi['deleteTag'] = (req) => this.requireTagging().deleteTag(req);
  annotate: LecternApi['annotate'] = (req) => this.requireTagging().annotate(req);
  updateAnnotation: LecternApi['updateAnnotation'] = (req) => this.requireTagging().updateAnnotation(req);
  deleteAnnotation: LecternApi['deleteAnnotation'] = (req) => this.requireTagging().deleteAnnotation(req);
  annotations: LecternApi['annotations'] = (req) => this.requireTagging().annotations(req);
  tagMatrix: LecternApi['tagMatrix'] = (req) => this.requireTagging().tagMatrix(req);
  history: LecternApi['history'] = (req) => this.requireTagging().history(req);
  undo: LecternApi['undo'] = (req) => this.requireTagging().undo(req);
  redo: LecternApi['redo'] = (req) => this.requireTagging().redo(req);
  exportTags: LecternApi['exportTags'] = (req) => this.requireTagging().exportTags(req);
  importTags: LecternApi['importTags'] = (req) => this.requireTagging().importTags(req);
}
