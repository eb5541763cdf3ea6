/**
 * The one API between the renderer and the main process. Both transports (Electron IPC and HTTP in
 * browser mode) carry exactly these methods; each takes one JSON request and returns one JSON value.
 * Errors a user can cause are rejected with a LecternError-shaped message, never a stack trace.
 */
import type {
  AssociationMeasure,
  CollocatesResponse,
  ConcordanceResult,
  ConcordanceRequest,
  CountUnit,
  StopListChoice,
  CorpusOverview,
  DispersionResult,
  KeynessResult,
  NgramsResult,
  TrendResult,
  WordListResult,
} from './corpusTools';
import type { AgreementResult, AgreementUnit, CooccurrenceMode, CooccurrenceResult, DisagreementResult } from './agreement';
import type { Comparison, KwicResult, SimilarGroup, SimilarPair } from './compare';
import type { DocumentAttribution } from './attribution';
import type { AttributeInfo, Diagnostic, DocumentMeta, Passage } from './documents';
import type { ExportFormat } from './formats';
import type { SubcorpusList, SubcorpusView } from './subcorpora';
import type { TeamRole } from './teamSession';

// ---------- library, documents, search (foundation) ----------

export interface DocSummary extends DocumentMeta {
  wordCount: number;
  passageCount: number;
  /** Ids of documents detected as reports of the same event (near-duplicates); filled by compare. */
  similarTo: { id: string; similarity: number }[];
  /** Changes whenever the document's text changes (its file, or the cleaning that applies to it). */
  revision: string;
}

export interface LibraryView {
  corpusDir: string;
  documents: DocSummary[];
  diagnostics: Diagnostic[];
  /** Set when the corpus folder itself could not be read; the app stays usable with no documents. */
  error: string | null;
  /** Present while the index is being (re)built; search answers from the previous index meanwhile. */
  indexing: { phase: 'reading' | 'indexing'; done: number; total: number } | null;
  /** How the current index was obtained: from the cache, or built (with documents analysed / reused). */
  index: { source: 'cache' | 'built'; analysed: number; reused: number; ms: number } | null;
  /** Counts the corpora and indexes this service has served: a new value means the library changed. */
  generation: number;
  /** The corpus's attributes (every other front-matter field), typed from their values: the table's columns. */
  attributes: AttributeInfo[];
}

/** Who is coding now (the creator of new annotations), where the name comes from, and every coder of the corpus. */
export interface CoderInfo {
  name: string;
  /** option: `--coder`; env: LECTERN_CODER; preference: set in Lectern; system: the OS user name; team: the signed-in team account. */
  source: 'option' | 'env' | 'preference' | 'system' | 'team';
  /** On a team server, the account's role (what it may change); absent in the single-user app. */
  role?: TeamRole;
  /** The coders of this corpus's annotations, alphabetically ('' for annotations with none recorded). */
  coders: string[];
}

/** The documents a query finds, for filtering the library table: every one, with its matching passages. */
export interface LibraryMatches {
  query: string;
  /** Best match first, as search ranks them (the table sorts them by its own column). */
  documents: { id: string; passages: number }[];
  /** False for a metadata-only query (speaker:, year:, party: …): passage counts are then 0. */
  countsPassages: boolean;
  error: QueryError | null;
}

/** What the renderer polls to notice changes made outside it (the corpus folder watcher, another window). */
export interface ServiceStatus {
  generation: number;
  indexing: LibraryView['indexing'];
}

export interface PassageHit {
  id: string;
  start: number;
  end: number;
  /** The passage's whole text, only when the request asked for it (passageText). */
  text?: string;
  /** [start, end) pairs, offsets into the document's canonical text. */
  highlights: [number, number][];
  /** A keyword-in-context window of the passage: text and highlights relative to the snippet. */
  snippet: { text: string; highlights: [number, number][]; leading: boolean; trailing: boolean };
  score: number;
  /** Names of the tags on annotations overlapping this passage. */
  tags: string[];
}

export interface DocumentHit {
  id: string;
  title: string;
  speakers: string[];
  date: string;
  outlet: string;
  score: number;
  /** The best matching passages (3 unless asked for more), with highlights and snippets. */
  passages: PassageHit[];
  /** How many passages of the document match in all. */
  passageTotal: number;
}

export interface Facets {
  speaker: Record<string, number>;
  outlet: Record<string, number>;
  year: Record<string, number>;
  /** Documents per value of each text attribute with at most FACET_MAX_VALUES values (party: …). */
  attributes?: Record<string, Record<string, number>>;
}

export interface QueryError {
  message: string;
  /** Character range of the problem in the query, when known. */
  start?: number;
  end?: number;
}

/**
 * How a search counts its hits (SearchTotals.hits): 'all' (the default) every matched passage's,
 * within the query's time budget; 'quick' for a few milliseconds at most, enough for most queries (a
 * list shown as you type, which asks for 'all' once typing pauses, if need be); 'none' not at all.
 */
export const HIT_COUNTS = ['all', 'quick', 'none'] as const;
export type HitCount = (typeof HIT_COUNTS)[number];

export interface SearchRequest {
  query: string;
  /** Documents returned (default 50). */
  limit?: number;
  /** Documents of the ranking skipped first (default 0): the next page of a response starts at offset + documents.length. */
  offset?: number;
  /** How totals.hits is counted (default 'all'). */
  hitCount?: HitCount;
  /** Include each returned passage's whole text (the page needs only its snippet; the CLI's --json prints it). */
  passageText?: boolean;
}

/**
 * Exact counts over everything a query matches, not only the page returned. The whole ranking that
 * `offset` pages through has documents + titleOnly documents. A query of metadata filters alone
 * (`party:Whig`) matches whole documents: they are its `documents`, with no passages and no hits.
 */
export interface SearchTotals {
  /** Documents with at least one matched passage. */
  documents: number;
  /** Passages matched, over all documents (DocumentHit.passageTotal, summed over every matched document). */
  passages: number;
  /**
   * Highlighted words and phrases over all matched passages: each range the reader highlights is one
   * hit (a word of the query, a phrase's occurrence; touching ranges are one). A query that
   * highlights nothing (`tag:NAME` alone) has passages and no hits.
   */
  hits: number;
  /**
   * False when `hits` is a lower bound (the hits of the passages counted): counting stopped when the
   * query's time budget ran out, or a 'quick' count's time did, or hits were not asked for ('none').
   * The other totals are always exact.
   */
  hitsExact: boolean;
  /** Documents matched by their title alone (none of their passages matches); listed with the others. */
  titleOnly: number;
}

export interface SearchResponse {
  query: string;
  /** One page of the ranking: `limit` documents from `offset`. */
  documents: DocumentHit[];
  /** The request's offset: the first document's place in the ranking. */
  offset: number;
  /** Documents per speaker, outlet, year and attribute value, over the whole ranking. */
  facets: Facets;
  totals: SearchTotals;
  error: QueryError | null;
  tookMs: number;
}

export interface RemovedView {
  text: string;
  rule: string;
  ruleDescription: string;
  beforePassage: number;
}

/** A passage as the reader shows it (the core's Passage: id, index, offsets, text, HTML). */
export type PassageView = Passage;

export interface DocumentView {
  meta: DocumentMeta;
  text: string;
  passages: PassageView[];
  removed: RemovedView[];
  wordCount: number;
  /** Every hit of the query given with the request, as offsets into text (empty without a query). */
  highlights: [number, number][];
  /** Set when the query given with the request could not be read. */
  queryError: QueryError | null;
}

// ---------- tags (codebook, annotations) ----------

export interface Tag {
  id: string;
  name: string;
  color: string;
  description: string;
  parentId: string | null;
  /** Number of annotations carrying this tag. */
  count: number;
}

export interface Citation {
  docId: string;
  title: string;
  speakers: string[];
  date: string;
  outlet: string;
}

export interface AnnotationView {
  id: string;
  docId: string;
  start: number;
  end: number;
  quote: string;
  tagIds: string[];
  note: string;
  /** The coder who made it ('' when not recorded). */
  coder: string;
  /** True when the annotation could not be anchored in the document's current text. */
  orphan: boolean;
  created: string;
  modified: string;
  citation: Citation;
}

/** What a tag import did: counts, and what was corrected or left out, to tell the user. */
export interface TagImportResult {
  imported: number;
  tags: number;
  /** Attribute values written to documents' front matter (a .qdpx's Cases and Variables). */
  attributes: number;
  notices: string[];
}

/** What resolving a disagreement wrote: the resolved layer's annotations carrying the accepted code. */
export interface ResolvedDisagreement {
  coder: string;
  annotations: AnnotationView[];
}

/** What one tagging gesture did. */
export interface TaggedRange {
  /** The annotation as it is now (the new one, or the one already on that range). */
  annotation: AnnotationView;
  /** The tags the gesture created from new names. */
  created: Tag[];
  /** True when the range was already tagged, so its annotation got the tags instead of a twin. */
  merged: boolean;
}

export interface TagMatrix {
  tags: Tag[];
  speakers: string[];
  /** counts[tagId][speaker] = number of annotations */
  counts: Record<string, Record<string, number>>;
}

export interface HistoryState {
  canUndo: boolean;
  canRedo: boolean;
  undoLabel: string | null;
  redoLabel: string | null;
}

export interface ExportFile {
  filename: string;
  mime: string;
  /** base64 of the file's bytes (qdpx is binary; the others are UTF-8 text). */
  base64: string;
}

// ---------- compare ----------

export interface CompareRequest {
  /** A document id or speaker:"Full Name" (case-insensitive, quotes optional). */
  left: string;
  right: string;
  /** Lowest TF-IDF cosine for two passages to pair, 0..1 (default 0.15). */
  threshold?: number;
  /** Narrow a side to its speaker's own quotations. */
  quotesOnly?: { left?: boolean; right?: boolean };
  /** Narrow a side to the passages carrying one tag (and its sub-tags). */
  tagId?: { left?: string; right?: string };
  /** Count the corpus's formulas (greetings, sign-offs) too; left out by default. */
  keepFormulas?: boolean;
  /** Compare whole documents; by default a side that names speakers holds only their words (direct and reported). */
  wholeDocuments?: boolean;
  /** A stop list the distinctive-term tables leave out (default 'none': every word has its row); Comparison.stopList says which. */
  stopList?: StopListChoice;
}

export interface SimilarResponse {
  groups: SimilarGroup[];
  pairs: SimilarPair[];
}

export type { Comparison, KwicResult, SimilarGroup, SimilarPair };

// ---------- corpora, import, metadata ----------

/** A corpus opened before, most recent first. */
export interface SampleCorpus {
  dir: string;
  documents: number;
  /** The library of the sample, when it was opened. */
  library: LibraryView | null;
}

export interface RecentCorpus {
  dir: string;
  /** The folder's name, for menus. */
  name: string;
  openedAt: string;
  /** False when the folder is gone or unreadable now (a moved disk, a deleted folder). */
  available: boolean;
}

/**
 * A document's metadata as the user edits it; written as the front matter of its Markdown file. The date
 * may also be partial here (YYYY-MM or YYYY) when that is all the source says.
 */
/**
 * A document's metadata as written and edited. `attributes` are changes to its other fields: a
 * name with a value sets it, with '' removes it, and fields not named are left as they are.
 */
export type MetadataFields = Omit<DocumentMeta, 'id' | 'path' | 'attributes'> & { attributes?: Record<string, string> };

/**
 * How an imported body is written: as Markdown, or as plain text (a PDF's text layer), which is
 * stored as it is with `format: text` in the front matter so that the corpus never reads it as Markdown.
 */
export type BodyFormat = 'markdown' | 'text';

/** What an import would write, for the user to confirm or correct first. */
export interface ImportPreview {
  filename: string;
  /** The document id (its path in the corpus without .md), unique in the corpus. */
  suggestedId: string;
  meta: MetadataFields;
  /** The body: Markdown, or plain text when `format` is 'text'. */
  markdown: string;
  format: BodyFormat;
  /** What the user should check (a date that is the publication date, text found from layout …). */
  warnings: string[];
}

export interface WrittenDocument {
  id: string;
  /** The file written, relative to the corpus folder. */
  path: string;
  /** The file that was replaced, when the user confirmed replacing one. */
  replaced: string | null;
  library: LibraryView;
}

// ---------- the contract ----------

export interface LecternApi {
  library(req: Record<string, never>): Promise<LibraryView>;
  /** Cheap to call every second: has the library changed, is an index being built. */
  status(req: Record<string, never>): Promise<ServiceStatus>;
  search(req: SearchRequest): Promise<SearchResponse>;
  /** Every document a query finds (words, phrases, tags and metadata filters alike), for the library table. */
  libraryMatches(req: { query: string }): Promise<LibraryMatches>;
  document(req: { id: string; query?: string }): Promise<DocumentView>;
  /** Who is speaking in a document: every sentence and quotation with its kind (direct, reported, narration, other) and speaker. */
  attribution(req: { id: string }): Promise<DocumentAttribution>;
  /** Marks a passage's text as boilerplate: removed from every document where it appears identically. */
  markBoilerplate(req: { docId: string; passageId: string }): Promise<LibraryView>;
  unmarkBoilerplate(req: { text: string }): Promise<LibraryView>;
  /** Reads the corpus again and re-indexes it in the background (progress in LibraryView.indexing). */
  reindex(req: Record<string, never>): Promise<LibraryView>;
  /** Stops a running re-index; the previous index stays in use. */
  cancelIndexing(req: Record<string, never>): Promise<LibraryView>;

  /** The coder whose annotations this Lectern makes, and the corpus's coders. */
  coder(req: Record<string, never>): Promise<CoderInfo>;
  /** Sets the coder (saved in the preferences; '' for the OS user name); a --coder or LECTERN_CODER given at start still wins. */
  setCoder(req: { name: string }): Promise<CoderInfo>;

  /** The codebook; each tag's count is of the `coders`' annotations only, when given (a coder layer), else of all. */
  codebook(req: { coders?: string[] }): Promise<Tag[]>;
  createTag(req: { name: string; color?: string; description?: string; parentId?: string | null }): Promise<Tag>;
  updateTag(req: { id: string; name?: string; color?: string; description?: string; parentId?: string | null }): Promise<Tag>;
  mergeTags(req: { sourceId: string; targetId: string }): Promise<Tag>;
  deleteTag(req: { id: string }): Promise<{ deleted: string; annotationsAffected: number }>;
  /**
   * One tagging gesture (a picker choice, `lectern tags add`), one undo step: tags a range with existing
   * tags (`tagIds`) and new tag names (`newTags`, created unless the codebook has them), with an optional
   * note. A range already tagged exactly there gets the tags added to its annotation, never a twin.
   */
  tagRange(req: { docId: string; start: number; end: number; tagIds?: string[]; newTags?: string[]; note?: string }): Promise<TaggedRange>;
  /** Sets an annotation's tags (`tagIds`: the ones kept), adds new tag names (`newTags`), sets its note: one undo step. */
  updateAnnotation(req: { id: string; tagIds?: string[]; newTags?: string[]; note?: string }): Promise<AnnotationView>;
  deleteAnnotation(req: { id: string }): Promise<{ deleted: string }>;
  /** `coders`: only these coders' annotations ('' for those with no coder recorded). */
  annotations(req: { docId?: string; tagId?: string; speaker?: string; coders?: string[] }): Promise<AnnotationView[]>;
  tagMatrix(req: { coders?: string[] }): Promise<TagMatrix>;
  history(req: Record<string, never>): Promise<HistoryState>;
  undo(req: Record<string, never>): Promise<HistoryState>;
  redo(req: Record<string, never>): Promise<HistoryState>;
  exportTags(req: { format: ExportFormat }): Promise<ExportFile>;
  /** allowOrphans: keep the passages of sources that match no document, as orphans, instead of refusing. */
  importTags(req: { filename: string; base64: string; allowOrphans?: boolean }): Promise<TagImportResult>;

  /**
   * Intercoder agreement per code and overall, by passage (default) or character. Coders default to
   * everyone with annotations, codes to the whole codebook (tag ids), documents to those a chosen coder annotated.
   */
  agreement(req: { unit?: AgreementUnit; coders?: string[]; codes?: string[]; docIds?: string[] }): Promise<AgreementResult>;
  /** Per code, the character ranges where the chosen coders differ, with each one's annotations (same defaults as agreement). */
  disagreements(req: { coders?: string[]; codes?: string[]; docIds?: string[] }): Promise<DisagreementResult>;
  /**
   * Resolves a disagreement in one undo step: the chosen annotations' code (`tagId`) is written to the
   * `coder` layer (default "resolved"), at each one's range, or with `merge` as one annotation from the
   * first start to the last end (one document); a range that layer already has gets the code added.
   */
  resolveDisagreement(req: { tagId: string; annotationIds: string[]; merge?: boolean; coder?: string }): Promise<ResolvedDisagreement>;
  /** Codes × codes: overlapping annotations (default) or codes sharing a passage; one coder's annotations or everyone's. */
  cooccurrence(req: { mode?: CooccurrenceMode; coder?: string; codes?: string[] }): Promise<CooccurrenceResult>;

  compare(req: CompareRequest): Promise<Comparison>;
  /** Keyword-in-context lines of one term on both sides (clicking a distinctive term). */
  /** `stem`: the term a table counted (clicking a cell); without it `term` is analysed as search does. */
  compareKwic(req: CompareRequest & { term: string; stem?: string }): Promise<KwicResult>;
  similar(req: Record<string, never>): Promise<SimilarResponse>;
  /** The comparison as a Markdown report with citations. */
  compareReport(req: CompareRequest): Promise<ExportFile>;

  /**
   * Every hit of a query as a keyword-in-context line, sorted (L1–L3, R1–R3, doc, date); lines
   * `offset`… (`limit` of them) returned, `total` counts all; only a subcorpus's when given. A word, a
   * phrase, a wildcard word or (`regex`) regular expressions are matched in the token index by
   * `unit`; other search-language queries by search.
   */
  concordance(req: ConcordanceRequest): Promise<ConcordanceResult>;
  /**
   * Words of the corpus or of a subcorpus in a unit (forms as written by default), most frequent
   * first; `pattern` keeps the words a regular expression matches. Wherever a subcorpus is taken (here,
   * the other corpus tools, keyness, compare sides) it is a metadata query or a saved one as `@name`.
   */
  wordList(req: { subcorpus?: string; limit?: number; unit?: CountUnit; stopList?: StopListChoice; pattern?: string }): Promise<WordListResult>;
  ngrams(req: { n: number; min?: number; subcorpus?: string; limit?: number; unit?: CountUnit; stopList?: StopListChoice }): Promise<NgramsResult>;
  collocates(req: {
    term: string;
    window?: number;
    measure?: AssociationMeasure;
    min?: number;
    subcorpus?: string;
    limit?: number;
    unit?: CountUnit;
    stopList?: StopListChoice;
  }): Promise<CollocatesResponse>;
  /** Terms a subcorpus uses more and less than a reference subcorpus (by default the rest of the corpus). */
  keyness(req: {
    target: string;
    reference?: string;
    limit?: number;
    unit?: CountUnit;
    stopList?: StopListChoice;
    keepFormulas?: boolean;
  }): Promise<KeynessResult>;
  /** The corpus at a glance: documents per year and speaker, speakers' distinctive terms, recent tags, same-event groups. */
  overview(req: Record<string, never>): Promise<CorpusOverview>;
  /** Where a query's hits fall in each document that has them (a dispersion plot's data). */
  dispersion(req: { query: string }): Promise<DispersionResult>;
  /** Terms' uses per million words by year, speaker, outlet or an attribute. */
  trend(req: { terms: string[]; by: string; subcorpus?: string; unit?: CountUnit }): Promise<TrendResult>;

  /** The subcorpora saved with the corpus, each with the documents its query finds now. */
  subcorpora(req: Record<string, never>): Promise<SubcorpusList>;
  /** Saves a metadata query under a name (1–60 characters, unique in any case), replacing the one of that name. */
  saveSubcorpus(req: { name: string; query: string }): Promise<SubcorpusList & { saved: SubcorpusView; replaced: boolean }>;
  renameSubcorpus(req: { name: string; newName: string }): Promise<SubcorpusList & { renamed: SubcorpusView }>;
  deleteSubcorpus(req: { name: string }): Promise<SubcorpusList & { deleted: string }>;

  /** Switches to the corpus in another folder; a folder that is missing or unreadable is refused, and the current corpus stays open. */
  openCorpus(req: { dir: string }): Promise<LibraryView>;
  /** Creates an empty corpus folder (or takes an empty one) and opens it. */
  newCorpus(req: { dir: string }): Promise<LibraryView>;
  recentCorpora(req: Record<string, never>): Promise<RecentCorpus[]>;
  /**
   * Writes the sample corpus (the 233 State of the Union addresses, with speakers, dates and party)
   * into a new or empty folder and, with `open`, opens it.
   */
  sampleCorpus(req: { dir: string; open?: boolean }): Promise<SampleCorpus>;
  /** Extracts text and metadata from a file (.txt, .md, .html, .pdf, .docx); writes nothing. */
  importPreview(req: { filename: string; base64: string }): Promise<ImportPreview>;
  /** Writes a confirmed import as <id>.md (its body in `format`, Markdown by default); an existing document is replaced only with overwrite. */
  importCommit(req: { id: string; meta: MetadataFields; markdown: string; format?: BodyFormat; overwrite?: boolean }): Promise<WrittenDocument>;
  /** Rewrites only the front matter of a document's file (a .txt becomes .md); the text is untouched. */
  updateMetadata(req: {
    id: string;
    meta: Omit<MetadataFields, 'author' | 'source'> & Partial<Pick<MetadataFields, 'author' | 'source'>>;
  }): Promise<WrittenDocument>;
}

export type MethodName = keyof LecternApi;

/** The methods the open corpus's tag store serves (core/annotations/tagging.ts implements exactly these). */
export type TagMethodName =
  | 'codebook'
  | 'createTag'
  | 'updateTag'
  | 'mergeTags'
  | 'deleteTag'
  | 'tagRange'
  | 'updateAnnotation'
  | 'deleteAnnotation'
  | 'annotations'
  | 'tagMatrix'
  | 'history'
  | 'undo'
  | 'redo'
  | 'exportTags'
  | 'importTags'
  | 'resolveDisagreement';
export type RequestOf<M extends MethodName> = Parameters<LecternApi[M]>[0];
export type ResponseOf<M extends MethodName> = Awaited<ReturnType<LecternApi[M]>>;

/** Every method of the contract, for the transports to generate their channels from. */
export const METHODS = [
  'library',
  'status',
  'search',
  'libraryMatches',
  'coder',
  'setCoder',
  'document',
  'attribution',
  'markBoilerplate',
  'unmarkBoilerplate',
  'reindex',
  'cancelIndexing',
  'codebook',
  'createTag',
  'updateTag',
  'mergeTags',
  'deleteTag',
  'tagRange',
  'updateAnnotation',
  'deleteAnnotation',
  'annotations',
  'tagMatrix',
  'history',
  'undo',
  'redo',
  'exportTags',
  'importTags',
  'agreement',
  'disagreements',
  'resolveDisagreement',
  'cooccurrence',
  'compare',
  'compareKwic',
  'similar',
  'compareReport',
  'concordance',
  'wordList',
  'ngrams',
  'collocates',
  'dispersion',
  'keyness',
  'overview',
  'trend',
  'subcorpora',
  'saveSubcorpus',
  'renameSubcorpus',
  'deleteSubcorpus',
  'openCorpus',
  'newCorpus',
  'recentCorpora',
  'sampleCorpus',
  'importPreview',
  'importCommit',
  'updateMetadata',
] as const satisfies readonly MethodName[];

/** Compile-time check that METHODS lists every method of LecternApi. */
type Missing = Exclude<MethodName, (typeof METHODS)[number]>;
const _allListed: Missing extends never ? true : Missing = true;
void _allListed;

// ---------- events from the desktop shell to the renderer ----------

/**
 * Messages the Electron main process sends to the renderer (its menu, native dialogs), each with its
 * payload. The preload passes on exactly these, through window.lecternEvents; browser mode has none.
 */
export interface AppEvents {
  /** Help > Keyboard shortcuts: open the help overlay. */
  help: Record<string, never>;
  /** File > Import…: files the user picked in the native dialog, to preview and confirm. */
  'import-files': { files: { filename: string; base64: string }[] };
  /** Another corpus was opened (File > Open Corpus, Open Recent, New Corpus): load everything again. */
  'corpus-changed': Record<string, never>;
}

export type AppEventName = keyof AppEvents;
export const APP_EVENTS = ['help', 'import-files', 'corpus-changed'] as const satisfies readonly AppEventName[];

/** What the preload exposes as window.lecternEvents: a listener per event, nothing else. */
export interface AppEventSource {
  on<E extends AppEventName>(event: E, listener: (payload: AppEvents[E]) => void): void;
}
