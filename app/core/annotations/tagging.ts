/**
 * Tagging: the tag methods of the contract over the durable store, with undo/redo, re-anchoring,
 * exports and imports. The service holds one per corpus and calls reanchorAll() after reloading.
 */
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import {
  type AnnotationView,
  type ExportFile,
  type HistoryState,
  type LecternApi,
  type RequestOf,
  type ResponseOf,
  type TagMethodName,
  type Tag,
  type TagImportResult,
  type TagMatrix,
} from '../../common/contract';
import { RESOLVED_CODER } from '../../common/agreement';
import { LecternError } from '../../common/errors';
import type { LoadedDocument } from '../types';
import { AnchorCache, reanchored } from './anchors';
import { AnnotationStore, type StoreOptions, type TagStore } from './annotationStore';
import { applyChanges, changedSince, findInDraft } from './changes';
import {
  assertParentAllowed,
  assertUniqueName,
  cleanName,
  defaultColor,
  findByName,
  normalizeColor,
  ordered,
  repairIntegrity,
  requireTag,
  withDescendants,
} from './codebook';
import { buildExportModel, citationOf, type ExportModel } from './exports/model';
import { writeExport } from './exports/writers';
import { History } from './history';
import { planAttributes, writeAttributes } from './imports/attributes';
import { applyImport } from './imports/bundle';
import { parseTagFile } from './imports/tagFile';
import { describeRange } from './reanchor';
import {
  coderOf,
  makeBody,
  makeCreator,
  makeSelectors,
  noteOf,
  positionOf,
  quoteOf,
  tagIdsOf,
  type StoreData,
  type StoredAnnotation,
  type StoredTag,
} from './storeFormat';

export interface DocumentSource {
  documents(): LoadedDocument[];
  get(id: string): LoadedDocument | undefined;
}

export interface TaggingOptions extends StoreOptions {
  /** Undo steps kept (default 500). */
  historyDepth?: number;
  /** Clock, for tests. */
  now?: () => Date;
  /** The coder whose annotations this instance makes (recorded as each new annotation's creator); none by default. */
  coder?: string;
  /** Where the tags are kept; default the corpus's file store (.lectern/annotations.json). */
  store?: TagStore;
}

/** The contract's tag methods, exactly. */
type TagMethods = Pick<LecternApi, TagMethodName>;

export interface ReanchorReport {
  /** Annotations whose saved position or quote was updated. */
  moved: number;
  /** Annotations that could not be found in their document's current text (or whose document is gone). */
  orphans: number;
  /** Why the new positions could not be saved (read-only corpus, unreadable store), else null. */
  problem: string | null;
}

export const NO_SPEAKER = '(unknown speaker)';

/** What one tagging gesture did: the annotation as it is now, the tags it created, whether it joined an annotation already there. */
export type TaggedRange = ResponseOf<'tagRange'>;

/** “The first words of a quote…” for history labels. */
function short(quote: string): string {
  const q = quote.replace(/\s+/g, ' ').trim();
  if (q.length <= 40) return `“${q}”`;
  const cut = q.slice(0, 41);
  const atWord = cut.lastIndexOf(' ') > 20 ? cut.slice(0, cut.lastIndexOf(' ')) : cut.slice(0, 40);
  return `“${atWord.replace(/[\s,;:.]+$/, '')}…”`;
}

/** Keeps the annotations of a coder layer (`coders`), or every one when no layer is chosen. */
function inLayer(coders: string[] | undefined): (a: StoredAnnotation) => boolean {
  if (!coders) return () => true;
  const shown = new Set(coders);
  return (a) => shown.has(coderOf(a));
}

const names = (codebook: StoredTag[], ids: string[]) => ids.map((id) => `‘${codebook.find((t) => t.id === id)?.name ?? '?'}’`).join(', ');

export class Tagging implements TagMethods {
  readonly store: TagStore;
  private readonly steps: History;
  private readonly anchors = new AnchorCache();
  private readonly now: () => Date;
  private coder: string;

  constructor(
    readonly corpusDir: string,
    private readonly docs: DocumentSource,
    options: TaggingOptions = {},
  ) {
    this.store = options.store ?? new AnnotationStore(corpusDir, options);
    this.steps = new History(options.historyDepth);
    this.now = options.now ?? (() => new Date());
    this.coder = options.coder?.trim() ?? '';
  }

  /** From now on, new annotations are this coder's (the preference changed). */
  setCoder(name: string): void {
    this.coder = name.trim();
  }

  /** Every coder of the store's annotations, alphabetically ('' for those with none recorded). */
  coders(): string[] {
    return [...new Set(this.store.state.annotations.map(coderOf))].sort((a, b) => a.localeCompare(b));
  }

  /** Reads the store (and any change another instance made since). Call once before the sync methods. */
  async load(): Promise<void> {
    await this.store.refresh();
  }

  /** Why tags cannot be saved right now (unreadable or newer store file), or null. */
  problem(): string | null {
    return this.store.problem;
  }

  // ---------- codebook ----------

  async codebook(req: RequestOf<'codebook'> = {}): Promise<Tag[]> {
    await this.load();
    return this.tagViews(this.store.state, req.coders);
  }

  async createTag(req: RequestOf<'createTag'>): Promise<Tag> {
    const id = randomUUID();
    await this.act((draft) => {
      const name = cleanName(req.name);
      assertUniqueName(draft.codebook, name, null);
      const parentId = req.parentId ?? null;
      assertParentAllowed(draft.codebook, null, parentId);
      const stamp = this.stamp();
      draft.codebook.push({
        id,
        name,
        color: req.color ? normalizeColor(req.color) : defaultColor(draft.codebook),
        description: (req.description ?? '').trim(),
        parentId,
        created: stamp,
        modified: stamp,
      });
      return { result: undefined, label: `create tag ‘${name}’` };
    });
    return this.tagView(id);
  }

  async updateTag(req: RequestOf<'updateTag'>): Promise<Tag> {
    await this.act((draft) => {
      const tag = requireTag(draft.codebook, req.id);
      const was = { ...tag };
      if (req.name !== undefined) {
        tag.name = cleanName(req.name);
        assertUniqueName(draft.codebook, tag.name, tag.id);
      }
      if (req.color !== undefined) tag.color = normalizeColor(req.color);
      if (req.description !== undefined) tag.description = req.description.trim();
      if (req.parentId !== undefined) {
        assertParentAllowed(draft.codebook, tag.id, req.parentId);
        tag.parentId = req.parentId;
      }
      if (JSON.stringify(was) !== JSON.stringify(tag)) tag.modified = this.stamp();
      return { result: undefined, label: updateLabel(draft.codebook, was, tag) };
    });
    return this.tagView(req.id);
  }

  async mergeTags(req: RequestOf<'mergeTags'>): Promise<Tag> {
    await this.act((draft) => {
      const source = requireTag(draft.codebook, req.sourceId);
      const target = requireTag(draft.codebook, req.targetId);
      if (source.id === target.id) throw new LecternError(`Cannot merge ‘${source.name}’ into itself: choose two different tags.`);
      const stamp = this.stamp();
      // A target inside the source first moves up to the source's place, so no cycle can form.
      if (withDescendants(draft.codebook, source.id).has(target.id)) target.parentId = source.parentId;
      for (const t of draft.codebook) if (t.parentId === source.id && t.id !== target.id) t.parentId = target.id;
      for (const a of draft.annotations) {
        const ids = tagIdsOf(a);
        if (!ids.includes(source.id)) continue;
        a.body = makeBody(
          ids.map((id) => (id === source.id ? target.id : id)),
          noteOf(a),
        );
        a.modified = stamp;
      }
      target.modified = stamp;
      draft.codebook = draft.codebook.filter((t) => t.id !== source.id);
      return { result: undefined, label: `merge tag ‘${source.name}’ into ‘${target.name}’` };
    });
    return this.tagView(req.targetId);
  }

  /**
   * Deletes a tag: its sub-tags move up to its parent, annotations lose it, and annotations left
   * with neither tag nor note are deleted with it (they would mark nothing); undo restores all.
   */
  async deleteTag(req: RequestOf<'deleteTag'>): Promise<{ deleted: string; annotationsAffected: number }> {
    return this.act((draft) => {
      const tag = requireTag(draft.codebook, req.id);
      const stamp = this.stamp();
      let affected = 0;
      for (const t of draft.codebook) if (t.parentId === tag.id) t.parentId = tag.parentId;
      for (const a of draft.annotations) {
        const ids = tagIdsOf(a);
        if (!ids.includes(tag.id)) continue;
        affected++;
        a.body = makeBody(
          ids.filter((id) => id !== tag.id),
          noteOf(a),
        );
        a.modified = stamp;
      }
      draft.codebook = draft.codebook.filter((t) => t.id !== tag.id);
      return { result: { deleted: tag.id, annotationsAffected: affected }, label: `delete tag ‘${tag.name}’` };
    });
  }

  // ---------- annotations ----------

  /**
   * One gesture, one undo step: tags [start, end) of a document with existing tags and new tag names
   * (created here, or reused when the codebook already has that name in any case), with an optional
   * note. A range already tagged exactly there gets the tags added and the note set on its
   * annotation: tagging the same text twice never makes a twin.
   */
  async tagRange(req: RequestOf<'tagRange'>): Promise<TaggedRange> {
    const doc = this.docs.get(req.docId);
    if (!doc) throw new LecternError(`There is no document “${req.docId}” in this corpus.`, 'not-found');
    const { start, end } = req;
    if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > doc.text.length || start >= end) {
      throw new LecternError(
        `The selection ${start}–${end} is not a passage of “${req.docId}” (its text has ${doc.text.length} characters). Select some text and try again.`,
      );
    }
    const newId = randomUUID();
    const { id, created, merged } = await this.act((draft) => {
      const { tagIds, created } = this.chosenTags(draft, req.tagIds, req.newTags);
      const note = (req.note ?? '').trim();
      if (tagIds.length === 0 && note === '') throw new LecternError('Choose at least one tag or write a note for this passage.');
      const quote = describeRange(doc.text, start, end);
      const stamp = this.stamp();
      // The same range is the same passage only for the same coder: another coder's annotation is their layer.
      const twin = this.twinIn(draft, doc, this.coder, start, end);
      if (twin) {
        const before = tagIdsOf(twin);
        const oldNote = noteOf(twin);
        const added = tagIds.filter((t) => !before.includes(t));
        const body = makeBody([...before, ...added], note || oldNote);
        if (JSON.stringify(body) !== JSON.stringify(twin.body)) {
          twin.body = body;
          twin.modified = stamp;
        }
        return { result: { id: twin.id, created, merged: true }, label: gestureLabel(draft.codebook, quote.exact, added, note !== oldNote ? note : '') };
      }
      draft.annotations.push({
        id: newId,
        type: 'Annotation',
        created: stamp,
        modified: stamp,
        ...makeCreator(this.coder),
        body: makeBody(tagIds, note),
        target: { source: doc.meta.id, selector: makeSelectors(quote, start, end) },
      });
      return { result: { id: newId, created, merged: false }, label: gestureLabel(draft.codebook, quote.exact, tagIds, note) };
    });
    return { annotation: this.annotationView(id), created: created.map((t) => this.tagView(t)), merged };
  }

  /** Edits one annotation's tags (keeping, removing, adding existing or new ones) and note: one undo step; no change, no step. */
  async updateAnnotation(req: RequestOf<'updateAnnotation'>): Promise<AnnotationView> {
    await this.act((draft) => {
      const a = requireAnnotation(draft, req.id);
      const was = tagIdsOf(a);
      const oldNote = noteOf(a);
      const kept = req.tagIds !== undefined ? [...new Set(req.tagIds)] : was;
      for (const t of kept) requireTag(draft.codebook, t);
      const { tagIds: extra } = this.chosenTags(draft, [], req.newTags);
      const tagIds = [...new Set([...kept, ...extra])];
      const note = req.note !== undefined ? req.note.trim() : oldNote;
      if (tagIds.length === 0 && note === '') {
        throw new LecternError('A passage needs at least one tag or a note; to remove it altogether, delete the annotation.');
      }
      const body = makeBody(tagIds, note);
      if (JSON.stringify(body) === JSON.stringify(a.body)) return { result: undefined, label: '' };
      a.body = body;
      a.modified = this.stamp();
      return { result: undefined, label: editLabel(draft.codebook, quoteOf(a).exact, was, tagIds, note !== oldNote) };
    });
    return this.annotationView(req.id);
  }

  async deleteAnnotation(req: RequestOf<'deleteAnnotation'>): Promise<{ deleted: string }> {
    return this.act((draft) => {
      const a = requireAnnotation(draft, req.id);
      draft.annotations = draft.annotations.filter((x) => x.id !== a.id);
      return { result: { deleted: a.id }, label: `delete tags on ${short(quoteOf(a).exact)}` };
    });
  }

  /** Annotations sorted by document and position; filters combine (all must hold). */
  async annotations(req: RequestOf<'annotations'> = {}): Promise<AnnotationView[]> {
    await this.load();
    return this.store.state.annotations
      .filter((a) => req.docId === undefined || a.target.source === req.docId)
      .filter((a) => req.tagId === undefined || tagIdsOf(a).includes(req.tagId))
      .filter((a) => req.speaker === undefined || (this.docs.get(a.target.source)?.meta.speakers ?? []).includes(req.speaker))
      .filter(inLayer(req.coders))
      .map((a) => this.toView(a))
      .sort(byPlace);
  }

  /** counts[tagId][speaker]: annotations with that tag in documents that speaker is credited on. */
  async tagMatrix(req: RequestOf<'tagMatrix'> = {}): Promise<TagMatrix> {
    await this.load();
    const state = this.store.state;
    const speakers = new Set<string>();
    for (const d of this.docs.documents()) for (const s of d.meta.speakers) speakers.add(s);
    const counts: Record<string, Record<string, number>> = {};
    for (const t of state.codebook) counts[t.id] = {};
    for (const a of state.annotations.filter(inLayer(req.coders))) {
      const doc = this.docs.get(a.target.source);
      if (!doc) continue;
      const who = doc.meta.speakers.length ? doc.meta.speakers : [NO_SPEAKER];
      for (const s of who) speakers.add(s);
      for (const t of tagIdsOf(a)) {
        if (!counts[t]) continue;
        for (const s of who) counts[t][s] = (counts[t][s] ?? 0) + 1;
      }
    }
    return { tags: this.tagViews(state, req.coders), speakers: [...speakers].sort((a, b) => a.localeCompare(b)), counts };
  }

  /**
   * Writes the accepted side of a disagreement to a coder layer ("resolved" unless named): the code
   * `tagId` at each chosen annotation's current range, or with `merge` one range from the first
   * start to the last end. A range the layer already has gets the code added, never a twin. One undo step.
   */
  async resolveDisagreement(req: RequestOf<'resolveDisagreement'>): Promise<ResponseOf<'resolveDisagreement'>> {
    const coder = req.coder?.trim() || RESOLVED_CODER;
    if (req.annotationIds.length === 0) {
      throw new LecternError('Choose the annotation(s) to accept. Accepting that a code does not apply writes nothing to the resolved layer.');
    }
    const ids = await this.act((draft) => {
      const tag = requireTag(draft.codebook, req.tagId);
      let ranges = [...new Set(req.annotationIds)].map((id) => {
        const a = requireAnnotation(draft, id);
        if (!tagIdsOf(a).includes(tag.id))
          throw new LecternError(`The annotation on ${short(quoteOf(a).exact)} does not carry ‘${tag.name}’: choose one that does.`);
        const doc = this.docs.get(a.target.source);
        const at = this.anchors.resolve(a, doc);
        if (!doc || at.orphan)
          throw new LecternError(
            `The annotation on ${short(quoteOf(a).exact)} is an orphan (not found in its document's current text), so it cannot be accepted.`,
          );
        return { doc, start: at.start, end: at.end };
      });
      if (req.merge) {
        if (new Set(ranges.map((r) => r.doc.meta.id)).size > 1)
          throw new LecternError('Annotations in different documents cannot be merged into one: accept them one by one.');
        ranges = [{ doc: ranges[0].doc, start: Math.min(...ranges.map((r) => r.start)), end: Math.max(...ranges.map((r) => r.end)) }];
      }
      const stamp = this.stamp();
      const written: string[] = [];
      for (const { doc, start, end } of ranges) {
        const twin = this.twinIn(draft, doc, coder, start, end);
        if (twin) {
          if (!tagIdsOf(twin).includes(tag.id)) {
            twin.body = makeBody([...tagIdsOf(twin), tag.id], noteOf(twin));
            twin.modified = stamp;
          }
          if (!written.includes(twin.id)) written.push(twin.id);
          continue;
        }
        const id = randomUUID();
        draft.annotations.push({
          id,
          type: 'Annotation',
          created: stamp,
          modified: stamp,
          ...makeCreator(coder),
          body: makeBody([tag.id], ''),
          target: { source: doc.meta.id, selector: makeSelectors(describeRange(doc.text, start, end), start, end) },
        });
        written.push(id);
      }
      const first = ranges[0];
      return { result: written, label: `resolve ‘${tag.name}’ on ${short(first.doc.text.slice(first.start, first.end))} as ‘${coder}’` };
    });
    return { coder, annotations: ids.map((id) => this.annotationView(id)) };
  }

  // ---------- history ----------

  async history(_req: RequestOf<'history'> = {}): Promise<HistoryState> {
    return this.steps.state();
  }

  async undo(_req: RequestOf<'undo'> = {}): Promise<HistoryState> {
    return this.step('backward');
  }

  async redo(_req: RequestOf<'redo'> = {}): Promise<HistoryState> {
    return this.step('forward');
  }

  /**
   * Undoes (backward) or redoes (forward) the top step, unless what it changed was changed again since
   * by someone else (another window, another coder): putting back its old values would silently undo
   * their work too. Such a step, and one the store now refuses (a role), is taken off the list with a
   * message, so the steps under it can still be undone.
   */
  private async step(direction: 'forward' | 'backward'): Promise<HistoryState> {
    const entry = direction === 'backward' ? this.steps.peekUndo() : this.steps.peekRedo();
    if (!entry) return this.steps.state();
    const what = direction === 'backward' ? 'undone' : 'redone';
    try {
      await this.store.mutate((draft) => {
        const changed = changedSince(draft, entry.changes, direction);
        if (changed) {
          throw new LecternError(
            `“${entry.label}” cannot be ${what}: ${changed} was changed again since (by someone else, or in another window), and ${what === 'undone' ? 'undoing' : 'redoing'} it would lose that change. It was taken off the list; change it by hand.`,
            'conflict',
          );
        }
        applyChanges(draft, entry.changes, direction);
        repairIntegrity(draft);
      });
    } catch (e) {
      if (e instanceof LecternError && (e.code === 'conflict' || e.code === 'forbidden')) this.steps.discard(direction);
      throw e;
    }
    if (direction === 'backward') this.steps.committedUndo();
    else this.steps.committedRedo();
    return this.steps.state();
  }

  // ---------- export / import ----------

  async exportTags(req: RequestOf<'exportTags'>): Promise<ExportFile> {
    return writeExport(await this.exportModel(), req.format);
  }

  /**
   * Imports a W3C Web Annotation JSON, a REFI-QDA .qdpx or .qdc, or a codebook CSV in one undoable
   * change: all of it or nothing. A .qdpx's document attributes are then written to the documents'
   * front matter (files, not the tag store, so Undo leaves them); the caller reloads the corpus when
   * `attributes` > 0.
   */
  async importTags(req: RequestOf<'importTags'>): Promise<TagImportResult> {
    const bundle = parseTagFile(req.filename, Buffer.from(req.base64 ?? '', 'base64'), this.docs);
    const imported = bundle.attributes ?? [];
    // A project that only classifies documents has nothing for the store: it is no undo step.
    const storeResult =
      imported.length && bundle.annotations.length === 0 && bundle.tags.length === 0
        ? { imported: 0, tags: 0, notices: [...(bundle.notices ?? [])] }
        : await this.act((draft) => {
            const r = applyImport(draft, bundle, this.docs, this.stamp(), { allowOrphans: req.allowOrphans });
            return { result: r, label: `import ${r.imported} passage(s) from “${path.basename(req.filename)}”` };
          });
    const plan = planAttributes(imported, this.docs);
    const written = await writeAttributes(this.corpusDir, plan, this.docs);
    return { ...storeResult, attributes: written.written, notices: [...storeResult.notices, ...plan.notices, ...written.notices] };
  }

  /** The model every export reads, with annotations moved to where they are anchored now. */
  async exportModel(): Promise<ExportModel> {
    await this.load();
    const state = this.store.state;
    return buildExportModel({
      name: path.basename(path.resolve(this.corpusDir)),
      exportedAt: this.stamp(),
      codebook: state.codebook,
      annotations: state.annotations,
      documents: this.docs.documents(),
      anchors: this.anchors,
    });
  }

  // ---------- for the service and search ----------

  /** What the last reanchorAll() found and saved, for the service to show (null before the first). */
  lastReanchor: ReanchorReport | null = null;

  /**
   * After the corpus was reloaded (a file edited, cleaning rules changed): re-anchors every
   * annotation and saves the positions and quotes that moved (not an undoable action). Orphans keep
   * their last selectors, so they can still be found if the text comes back. Views are right even
   * when saving fails (e.g. a read-only corpus): lastReanchor.problem then says why nothing was saved.
   */
  async reanchorAll(): Promise<void> {
    this.anchors.clear();
    await this.load();
    const moves = (state: StoreData) => {
      const next = new Map<string, StoredAnnotation>();
      let orphans = 0;
      for (const a of state.annotations) {
        const doc = this.docs.get(a.target.source);
        const at = this.anchors.resolve(a, doc);
        if (at.orphan || !doc) orphans++;
        else if (at.start !== positionOf(a).start || at.end !== positionOf(a).end || doc.text.slice(at.start, at.end) !== quoteOf(a).exact) {
          next.set(a.id, reanchored(a, doc, at));
        }
      }
      return { next, orphans };
    };
    const planned = moves(this.store.state);
    if (planned.next.size === 0 || this.store.problem) {
      this.lastReanchor = { moved: 0, orphans: planned.orphans, problem: this.store.problem };
      return;
    }
    try {
      const { result } = await this.store.mutate((draft) => {
        const { next, orphans } = moves(draft);
        draft.annotations = draft.annotations.map((a) => next.get(a.id) ?? a);
        return { moved: next.size, orphans };
      });
      this.lastReanchor = { ...result, problem: null };
    } catch (e) {
      if (!(e instanceof LecternError)) throw e;
      this.lastReanchor = { moved: 0, orphans: planned.orphans, problem: e.message };
    }
  }

  /**
   * [start, end) ranges per document of annotations carrying the tag named `tagName` (any case) or
   * one of its sub-tags; orphans are left out. Undefined when no tag has that name (search reports it).
   */
  rangesWithTag(tagName: string): Map<string, [number, number][]> | undefined {
    const state = this.store.state;
    const out = new Map<string, [number, number][]>();
    const tag = findByName(state.codebook, tagName);
    if (!tag) return undefined;
    const wanted = withDescendants(state.codebook, tag.id);
    for (const a of state.annotations) {
      if (!tagIdsOf(a).some((id) => wanted.has(id))) continue;
      const at = this.anchors.resolve(a, this.docs.get(a.target.source));
      if (at.orphan) continue;
      const list = out.get(a.target.source) ?? [];
      list.push([at.start, at.end]);
      out.set(a.target.source, list);
    }
    for (const list of out.values()) list.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
    return out;
  }

  /** Names of the tags on (anchored) annotations overlapping [start, end) of a document, sorted. */
  tagsOverlapping(docId: string, start: number, end: number): string[] {
    const state = this.store.state;
    const doc = this.docs.get(docId);
    const found = new Set<string>();
    for (const a of this.annotationsOf(docId)) {
      const at = this.anchors.resolve(a, doc);
      if (at.orphan || at.start >= end || at.end <= start) continue;
      for (const id of tagIdsOf(a)) {
        const t = state.codebook.find((x) => x.id === id);
        if (t) found.add(t.name);
      }
    }
    return [...found].sort((a, b) => a.localeCompare(b));
  }

  // ---------- internals ----------

  private byDoc: { annotations: StoredAnnotation[]; map: Map<string, StoredAnnotation[]> } | null = null;

  /** A document's annotations; the grouping is rebuilt only when the store's state changed. */
  private annotationsOf(docId: string): StoredAnnotation[] {
    const all = this.store.state.annotations;
    if (this.byDoc?.annotations !== all) {
      const map = new Map<string, StoredAnnotation[]>();
      for (const a of all) {
        const list = map.get(a.target.source);
        if (list) list.push(a);
        else map.set(a.target.source, [a]);
      }
      this.byDoc = { annotations: all, map };
    }
    return this.byDoc.map.get(docId) ?? [];
  }

  /**
   * The tags a gesture names: existing ids (checked) and new names, each created in the same change
   * unless the codebook already has it (names compare in any case); `created` lists the new ones.
   */
  private chosenTags(draft: StoreData, ids: string[] | undefined, newNames: string[] | undefined): { tagIds: string[]; created: string[] } {
    const tagIds = [...new Set(ids ?? [])];
    for (const t of tagIds) requireTag(draft.codebook, t);
    const created: string[] = [];
    for (const raw of newNames ?? []) {
      const name = cleanName(raw);
      const existing = findByName(draft.codebook, name);
      if (existing) {
        if (!tagIds.includes(existing.id)) tagIds.push(existing.id);
        continue;
      }
      const stamp = this.stamp();
      const tag: StoredTag = { id: randomUUID(), name, color: defaultColor(draft.codebook), description: '', parentId: null, created: stamp, modified: stamp };
      draft.codebook.push(tag);
      created.push(tag.id);
      tagIds.push(tag.id);
    }
    return { tagIds, created };
  }

  /** `coder`'s annotation on exactly this range, if any: the same range is the same passage only within one layer. */
  private twinIn(draft: StoreData, doc: LoadedDocument, coder: string, start: number, end: number): StoredAnnotation | undefined {
    return findInDraft(draft.annotations, (a) => {
      if (a.target.source !== doc.meta.id || coderOf(a) !== coder) return false;
      const at = this.anchors.resolve(a, doc);
      return !at.orphan && at.start === start && at.end === end;
    });
  }

  private stamp(): string {
    return this.now().toISOString();
  }

  /** Runs one user action as a durable store change and records it for undo. */
  private async act<T>(fn: (draft: StoreData) => { result: T; label: string }): Promise<T> {
    let label = '';
    const { result, changes } = await this.store.mutate((draft) => {
      const r = fn(draft);
      repairIntegrity(draft);
      label = r.label;
      return r.result;
    });
    this.steps.record({ label, changes });
    return result;
  }

  private tagViews(state: StoreData, coders?: string[]): Tag[] {
    const counts = new Map<string, number>();
    for (const a of state.annotations.filter(inLayer(coders))) for (const id of tagIdsOf(a)) counts.set(id, (counts.get(id) ?? 0) + 1);
    return ordered(state.codebook).map((t) => ({
      id: t.id,
      name: t.name,
      color: t.color,
      description: t.description,
      parentId: t.parentId,
      count: counts.get(t.id) ?? 0,
    }));
  }

  private tagView(id: string): Tag {
    const t = this.tagViews(this.store.state).find((x) => x.id === id);
    // Another instance may have deleted it between our write and this read.
    if (!t) throw new LecternError(`The tag was deleted meanwhile (by another Lectern window?). Reload the codebook.`, 'not-found');
    return t;
  }

  private annotationView(id: string): AnnotationView {
    const a = this.store.state.annotations.find((x) => x.id === id);
    if (!a) throw new LecternError('The annotation was deleted meanwhile (by another Lectern window?). Reload the tags.', 'not-found');
    return this.toView(a);
  }

  private toView(a: StoredAnnotation): AnnotationView {
    const doc = this.docs.get(a.target.source);
    const at = this.anchors.resolve(a, doc);
    return {
      id: a.id,
      docId: a.target.source,
      start: at.start,
      end: at.end,
      quote: doc && !at.orphan ? doc.text.slice(at.start, at.end) : quoteOf(a).exact,
      tagIds: tagIdsOf(a),
      note: noteOf(a),
      coder: coderOf(a),
      orphan: at.orphan,
      created: a.created,
      modified: a.modified,
      citation: citationOf(a.target.source, doc),
    };
  }
}

function requireAnnotation(draft: StoreData, id: string): StoredAnnotation {
  const a = findInDraft(draft.annotations, (x) => x.id === id);
  if (!a) throw new LecternError(`There is no annotation with id “${id}”; it may have been deleted. Reload the tags.`, 'not-found');
  return a;
}

/** The annotation with selectors describing where it is anchored in `doc` now. */

/** "tagged “Last October…” with ‘Deterrence’ (and a note)", or "noted “…”": what one tagging gesture did, for undo. */
function gestureLabel(codebook: StoredTag[], quote: string, tagIds: string[], note: string): string {
  const parts: string[] = [];
  if (tagIds.length) parts.push(`tagged ${short(quote)} with ${names(codebook, tagIds)}`);
  if (note) parts.push(tagIds.length ? 'and a note' : `noted ${short(quote)}`);
  return parts.join(' ') || `tagged ${short(quote)}`;
}

/** What an edit of one annotation did: "tagged … with ‘x’", "removed ‘x’ from …", "edited note on …". */
function editLabel(codebook: StoredTag[], quote: string, was: string[], now: string[], noteChanged: boolean): string {
  const added = now.filter((t) => !was.includes(t));
  const removed = was.filter((t) => !now.includes(t));
  // The quote is named once, in the first part: "tagged “…” with ‘x’ and edited its note".
  const parts: string[] = [];
  if (added.length) parts.push(`tagged ${short(quote)} with ${names(codebook, added)}`);
  if (removed.length) parts.push(parts.length ? `removed ${names(codebook, removed)}` : `removed ${names(codebook, removed)} from ${short(quote)}`);
  if (noteChanged) parts.push(parts.length ? 'edited its note' : `edited note on ${short(quote)}`);
  return parts.join(' and ');
}

function byPlace(x: AnnotationView, y: AnnotationView): number {
  return x.docId.localeCompare(y.docId) || x.start - y.start || x.end - y.end;
}

function updateLabel(codebook: StoredTag[], was: StoredTag, now: StoredTag): string {
  const parts: string[] = [];
  if (was.name !== now.name) parts.push(`rename tag ‘${was.name}’ to ‘${now.name}’`);
  if (was.color !== now.color) parts.push(`recolour tag ‘${now.name}’`);
  if (was.parentId !== now.parentId) {
    const p = codebook.find((t) => t.id === now.parentId);
    parts.push(p ? `move tag ‘${now.name}’ under ‘${p.name}’` : `move tag ‘${now.name}’ to the top level`);
  }
  if (was.description !== now.description) parts.push(`edit description of ‘${now.name}’`);
  return parts.length ? parts.join(', ') : `edit tag ‘${now.name}’`;
}
