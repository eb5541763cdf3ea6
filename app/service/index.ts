/**
 * The service: implements the contract over the core, one part per concern (corpus, search, tags,
 * compare, import), over one IndexKeeper. The only thing the transports (IPC, HTTP, CLI) call; it
 * never knows which one carried the request.
 */
import path from 'node:path';
import type { LecternApi, LibraryView } from '../common/contract';
import type { LoadedCorpus } from '../core/corpus';
import type { DocumentSource } from '../core/annotations/tagging';
import { watchCorpus, type CorpusWatcher } from '../core/corpusWatcher';
import { agreementMethods } from './agreement';
import { compareMethods } from './compare';
import { corpusToolMethods } from './corpusTools';
import type { ServiceContext } from './context';
import { corpusMethods, libraryView } from './corpus';
import { importMethods } from './import';
import { IndexKeeper } from './indexKeeper';
import { CoderIdentity } from './coder';
import { RecentCorpora } from './recentCorpora';
import { searchMethods } from './search';
import { subcorpusMethods } from './subcorpora';
import { readSubcorpora, SUBCORPORA_PATH } from '../core/subcorpora';
import { tagMethods, type TaggingPart } from './tags';

export type { TaggingPart } from './tags';

/** A file of saved subcorpora that cannot be used is said in the library's problems, as the tag store's is. */
function withSubcorporaProblem(lib: LibraryView, saved: { problem: string | null }): LibraryView {
  if (!saved.problem || lib.error) return lib;
  return { ...lib, diagnostics: [{ file: SUBCORPORA_PATH, severity: 'error', message: saved.problem }, ...lib.diagnostics] };
}

/** Opens the tag store of a corpus; its new annotations are `coder`'s. */
export type TaggingFactory = (corpusDir: string, docs: DocumentSource, coder: string) => Promise<TaggingPart>;

export interface ServiceOptions {
  tagging?: TaggingFactory;
  /** Re-index when other programs change the corpus folder (the app); off for the CLI and most tests. */
  watch?: boolean | { debounceMs: number };
  /** Where the list of recent corpora is kept; without one it lasts as long as the process. */
  recent?: RecentCorpora;
  /** Who is coding (the preference, or a name given for this run); default: the OS user name. */
  coder?: CoderIdentity;
  /** How long cache writes wait for further changes (the CLI writes at once: it is about to exit). */
  saveDelayMs?: number;
}

// The contract's methods are mixed in from the parts (see the constructor); this declaration tells the compiler so.
// eslint-disable-next-line @typescript-eslint/no-empty-object-type, @typescript-eslint/no-unsafe-declaration-merging
export interface LecternService extends LecternApi {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class LecternService {
  private readonly keeper: IndexKeeper;
  private tags: TaggingPart | null = null;
  private watcher: CorpusWatcher | null = null;
  private readonly recent: RecentCorpora;
  private readonly identity: CoderIdentity;
  private readonly ctx: ServiceContext;
  private readonly api: LecternApi;

  private constructor(
    dir: string,
    private readonly options: ServiceOptions,
  ) {
    this.recent = options.recent ?? new RecentCorpora(null);
    this.identity = options.coder ?? new CoderIdentity(null);
    this.keeper = new IndexKeeper(dir, { saveDelayMs: options.saveDelayMs, afterRebuild: () => this.tags?.reanchorAll() });
    const ctx: ServiceContext = (this.ctx = {
      keeper: this.keeper,
      tagging: () => this.tags,
      switchTo: (d) => this.switchTo(d),
      library: async () => withSubcorporaProblem(libraryView(ctx), await readSubcorpora(this.keeper.corpusDir)),
    });
    // Every method of the contract, from exactly one part: the type says none is missing.
    const api: LecternApi = (this.api = {
      ...corpusMethods(ctx, this.recent),
      ...searchMethods(ctx),
      ...tagMethods(ctx),
      ...agreementMethods(ctx),
      ...compareMethods(ctx),
      ...corpusToolMethods(ctx),
      ...importMethods(ctx),
      ...subcorpusMethods(ctx),
      coder: async () => ({ ...(await this.identity.current()), coders: this.tags?.coders() ?? [] }),
      setCoder: async (req) => {
        const now = await this.identity.set(req.name);
        this.tags?.setCoder(now.name);
        return { ...now, coders: this.tags?.coders() ?? [] };
      },
    });
    Object.assign(this, api);
  }

  /**
   * The contract as one user of a shared service sees it (the team server): the tag methods go through
   * `tagging` (their coder name, their undo history, their rights), the rest is the service's.
   */
  forUser(tagging: TaggingPart): LecternApi {
    return { ...this.api, ...tagMethods({ ...this.ctx, tagging: () => tagging }) };
  }

  static async open(corpusDir: string, options: ServiceOptions = {}): Promise<LecternService> {
    const service = new LecternService(path.resolve(corpusDir), options);
    await service.load();
    return service;
  }

  /** The folder of the corpus open now (it changes with openCorpus). */
  get corpusDir(): string {
    return this.keeper.corpusDir;
  }

  get documents(): DocumentSource {
    return this.keeper.documents;
  }

  get loaded(): LoadedCorpus {
    return this.keeper.corpus;
  }

  /** Reads the corpus again and re-indexes it; resolves when the new index is in use. */
  reload(): Promise<void> {
    return this.keeper.reload();
  }

  /** Resolves when no rebuild is running and the caches are written (tests, CLI, benchmark, quitting). */
  idle(): Promise<void> {
    return this.keeper.idle();
  }

  /** Reads the corpus, then connects tags and the watcher to it. */
  private async load(): Promise<void> {
    await this.keeper.reload();
    const dir = this.keeper.corpusDir;
    if (this.keeper.corpus.error) return;
    if (this.options.tagging) this.tags = await this.options.tagging(dir, this.keeper.documents, (await this.identity.current()).name);
    if (this.options.watch) {
      const debounceMs = typeof this.options.watch === 'object' ? this.options.watch.debounceMs : undefined;
      this.watcher = watchCorpus(
        dir,
        () => void this.keeper.reload().catch((e) => console.error('lectern: re-indexing after a change in the corpus folder failed:', e)),
        {
          debounceMs,
          onError: (e) => console.error(`lectern: stopped watching ${dir} for changes (${e.message}); use Re-read in the library to pick up changes.`),
        },
      );
    }
  }

  /** Stops watching the corpus folder and waits for running work (tests, and before the app quits). */
  async close(): Promise<void> {
    this.watcher?.close();
    this.watcher = null;
    await this.keeper.idle();
  }

  /** Closes the corpus open now and opens the one in `dir` (already checked); requests meanwhile see the old one. */
  private async switchTo(dir: string): Promise<LibraryView> {
    this.watcher?.close();
    this.watcher = null;
    await this.keeper.moveTo(dir);
    this.tags = null;
    await this.load();
    await this.recent.add(dir);
    return this.library({});
  }

  /** Records the corpus opened at start as the most recent one. */
  rememberCorpus(): Promise<void> {
    return this.recent.add(this.keeper.corpusDir);
  }
}
