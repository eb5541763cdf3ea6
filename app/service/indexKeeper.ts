/**
 * Keeps the corpus and its index current: reads the corpus, opens or builds the index (from the
 * caches when they are fresh), swaps the new snapshot in whole when it is complete, and writes the
 * caches once changes settle. Requests are answered from the previous snapshot meanwhile.
 */
import type { LibraryView, SimilarResponse } from '../common/contract';
import { loadCorpus, type LoadedCorpus } from '../core/corpus';
import { nearDuplicates } from '../core/compare/nearDuplicates';
import type { DocAnalysis } from '../core/indexing/analysis';
import { BuildCancelled } from '../core/indexing/buildIndex';
import { readDocumentCache, writeDocumentCache } from '../core/indexing/documentCache';
import { openIndex, readAnalysesCache, removeStaleCacheTemps } from '../core/indexing/indexCache';
import { makeSearchIndex, type SearchIndex } from '../core/searchIndex';
import { warmTypedSearch } from '../core/evaluator/typedSearch';
import { hasTokens, warmTokens } from '../core/tokenIndex/documentTokens';
import { readTokenCache, writeTokenCache } from '../core/tokenIndex/tokenCache';
import type { LoadedDocument } from '../core/types';
import type { DocumentSource } from '../core/annotations/tagging';

/** How long the caches wait for further changes before they are written. */
export const SAVE_DELAY_MS = 1500;

interface Snapshot {
  corpus: LoadedCorpus;
  index: SearchIndex;
  /** Near-duplicate documents, computed on first use. */
  similar?: SimilarResponse;
}

export interface KeeperOptions {
  /** How long cache writes wait for further changes (the CLI writes at once: it is about to exit). */
  saveDelayMs?: number;
  /** Runs after each new snapshot is in place (tags re-anchor to the new text). */
  afterRebuild(): Promise<void> | void;
}

export class IndexKeeper {
  /** The corpus and index answering requests; replaced whole when a rebuild completes. */
  private current!: Snapshot;
  indexing: LibraryView['indexing'] = null;
  indexInfo: LibraryView['index'] = null;
  /** Counts the corpora and indexes served: a new value means the library changed. */
  generation = 0;
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
  /** The token index being made (or read) in the background, and its cache written. */
  private tokensReady: Promise<void> = Promise.resolve();
  /** Documents rebuilt since the documents cache was last written (a later save must still write it). */
  private documentsUnsaved = false;

  readonly documents: DocumentSource = {
    documents: () => this.current.corpus.documents,
    get: (id) => this.current.index.byId.get(id),
  };

  constructor(
    private dir: string,
    private readonly options: KeeperOptions,
  ) {}

  get corpusDir(): string {
    return this.dir;
  }

  get corpus(): LoadedCorpus {
    return this.current.corpus;
  }

  get index(): SearchIndex {
    return this.current.index;
  }

  /** Near-duplicate documents of the current corpus, computed once per snapshot. */
  similar(): SimilarResponse {
    const snapshot = this.current;
    snapshot.similar ??= nearDuplicates(snapshot.corpus.documents);
    return snapshot.similar;
  }

  /** Stops work on the corpus open now and points the keeper at another folder; the next reload reads it from scratch. */
  async moveTo(dir: string): Promise<void> {
    this.building?.abort.abort();
    await this.idle();
    this.dir = dir;
    this.documentsUnsaved = false;
    this.analyses = undefined;
    this.indexInfo = null;
  }

  /**
   * Reads the corpus again (files, cleaning rules, marked boilerplate), re-indexes it and runs
   * afterRebuild. Unchanged files are not parsed again and unchanged documents not re-analysed.
   */
  reload(): Promise<void> {
    this.building?.abort.abort();
    const abort = new AbortController();
    const done = this.rebuild(abort.signal)
      .finally(() => {
        if (this.building?.abort === abort) {
          this.building = null;
          this.indexing = null;
        }
      })
      // A caller that wrote a file and reloads must see a snapshot with its change, even when a newer
      // reload (the watcher seeing that same file) superseded this one: wait for the newest build.
      .then(() => (abort.signal.aborted && this.building && this.building.abort !== abort ? this.building.done : undefined));
    this.building = { abort, done };
    return done;
  }

  /** Stops a running rebuild; the previous snapshot stays in use. */
  cancel(): void {
    this.building?.abort.abort();
    this.building = null;
    this.indexing = null;
  }

  private async rebuild(signal: AbortSignal): Promise<void> {
    const t0 = performance.now();
    this.indexing = { phase: 'reading', done: 0, total: 0 };
    const dir = this.dir;
    const opening = this.current?.corpus.dir !== dir;
    if (opening) await removeStaleCacheTemps(dir);
    const previousDocs = opening ? await readDocumentCache(dir) : new Map(this.current.corpus.documents.map((d) => [d.meta.path, d]));
    const corpus = await loadCorpus(dir, {
      previous: previousDocs,
      onProgress: (done, total) => (this.indexing = { phase: 'reading', done, total }),
    });
    if (signal.aborted) return;
    let opened;
    try {
      // A corpus folder that cannot be read gets an empty index and no cache (nothing is created there).
      await this.analysesLoading;
      opened = await openIndex(dir, corpus.documents, corpus.diagnostics, {
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
    if (!this.analyses && !corpus.error) this.analysesLoading = readAnalysesCache(dir).then((a) => (this.analyses ??= a));
    this.current = { corpus, index: makeSearchIndex(corpus.documents, () => opened.index, opened.typed) };
    this.generation++;
    // The written words that wildcard and fuzzy terms are matched against, and the token index the
    // corpus tools count, made between requests so that the first table finds them ready.
    const index = this.current.index;
    const writable = !corpus.error;
    setImmediate(() => {
      if (this.current?.index !== index) return;
      // The token index first: read from its cache it is ready in a fraction of a second, and every corpus tool waits for it.
      this.tokensReady = this.warmTokenIndex(dir, index.documents, () => this.current?.index === index, writable)
        .then(() => warmTypedSearch(index.typed(), index.documents))
        .catch(() => undefined);
    });
    this.indexInfo = { source: opened.source, analysed: opened.analysed, reused: opened.reused, ms: Math.round(performance.now() - t0) };
    // The documents cache is written whenever a document was rebuilt, even if the index came from its
    // cache (a stale documents cache would otherwise make every launch parse every file again).
    this.documentsUnsaved ||= corpus.changed;
    if ((opened.source === 'built' || this.documentsUnsaved) && !corpus.error) {
      this.scheduleSave(async () => {
        await opened.save();
        if (!this.documentsUnsaved) return;
        this.documentsUnsaved = false;
        await writeDocumentCache(dir, corpus.documents);
      });
    }
    await this.options.afterRebuild();
  }

  /**
   * The token index of the documents: from its cache where a document is unchanged, made for the
   * rest, and the cache written again when anything was made.
   */
  private async warmTokenIndex(dir: string, docs: LoadedDocument[], stillWanted: () => boolean, writable: boolean): Promise<void> {
    const missing = () => docs.filter((d) => !hasTokens(d)).length;
    if (missing() > 0)
      await readTokenCache(
        dir,
        docs.filter((d) => !hasTokens(d)),
      );
    const made = missing();
    await warmTokens(docs, stillWanted);
    if (made > 0 && writable && stillWanted()) await writeTokenCache(dir, docs);
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
    await Promise.all([this.flushSave(), this.analysesLoading, this.tokensReady]);
  }
}
