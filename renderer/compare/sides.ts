/**
 * What a side of a comparison can be (a speaker, one document, a saved subcorpus, or a subcorpus
 * query), drawn from the library and the saved subcorpora, and the request the view's choices make.
 */
import type { CompareRequest, DocSummary, LibraryView } from '../../app/common/contract';
import type { StopListChoice } from '../../app/common/corpusTools';
import type { SubcorpusView } from '../../app/common/subcorpora';
import { fill, formatDate, h, metaLine } from '../ui/dom';
import { canSave, savedRef, savedSummary } from '../subcorpora/subcorpora';

/** The picker's last entry: asks for a metadata query to compare. Never a side: sides are trimmed, this starts with a space. */
export const QUERY_CHOICE = ' a subcorpus query';

export type Side = 'left' | 'right';
export const SIDES: readonly Side[] = ['left', 'right'];

export interface CompareChoice {
  /** A document id or speaker:"Full Name", as the API takes it. */
  left: string;
  right: string;
  threshold: number;
  quotesOnly: Record<Side, boolean>;
  /** A tag id narrowing the side, or '' for all its passages. */
  tagId: Record<Side, string>;
  /** Count the corpus's formulas (greetings, sign-offs) too. */
  keepFormulas: boolean;
  /** Compare whole documents, not only what the sides' speakers said. */
  wholeDocuments: boolean;
  /** A stop list the term tables leave out ('none': stop words have rows like any word). */
  stopList: StopListChoice;
}

export function speakerSide(name: string): string {
  return `speaker:"${name}"`;
}

/** Every speaker of the library's documents, alphabetically. */
export function speakers(lib: LibraryView): string[] {
  return [...new Set(lib.documents.flatMap((d) => d.speakers))].sort((a, b) => a.localeCompare(b));
}

/** The first two speakers, else the first two documents; null when the library cannot fill two sides. */
export function defaultSides(lib: LibraryView): { left: string; right: string } | null {
  const names = speakers(lib);
  if (names.length >= 2) return { left: speakerSide(names[0]), right: speakerSide(names[1]) };
  if (lib.documents.length >= 2) return { left: lib.documents[0].id, right: lib.documents[1].id };
  return null;
}

/** A sensible other side for a document: a speaker who does not speak in it, else another document. */
export function counterpartFor(lib: LibraryView, docId: string): string | null {
  const doc = lib.documents.find((d) => d.id === docId);
  const other = speakers(lib).find((s) => !doc?.speakers.includes(s));
  if (other) return speakerSide(other);
  return lib.documents.find((d) => d.id !== docId)?.id ?? null;
}

export function toRequest(c: CompareChoice): CompareRequest {
  const req: CompareRequest = { left: c.left, right: c.right, threshold: c.threshold };
  if (c.quotesOnly.left || c.quotesOnly.right) req.quotesOnly = { left: c.quotesOnly.left, right: c.quotesOnly.right };
  if (c.tagId.left || c.tagId.right) req.tagId = { left: c.tagId.left || undefined, right: c.tagId.right || undefined };
  if (c.keepFormulas) req.keepFormulas = true;
  if (c.wholeDocuments) req.wholeDocuments = true;
  if (c.stopList !== 'none') req.stopList = c.stopList;
  return req;
}

/** A side the user gave as a metadata query (year:2021), which can be saved as a subcorpus: not a speaker, a document or a saved one. */
export function isQuerySide(lib: LibraryView | null, value: string): boolean {
  if (!canSave(value)) return false;
  const names = lib ? speakers(lib).map(speakerSide) : [];
  return !names.includes(value) && !(lib?.documents ?? []).some((d) => d.id === value);
}

/**
 * Fills a side picker: speakers first (all their documents), then the saved subcorpora with their
 * document counts, then single documents, newest first as in the library, and last "a subcorpus query…".
 */
export function fillSideSelect(select: HTMLSelectElement, lib: LibraryView | null, value: string, saved: readonly SubcorpusView[] = []): void {
  const docs: DocSummary[] = lib?.documents ?? [];
  const names = lib ? speakers(lib) : [];
  const known = new Set([...names.map(speakerSide), ...saved.map(savedRef), ...docs.map((d) => d.id)]);
  fill(
    select,
    // A side given elsewhere (or gone from the library) stays visible, so its error message makes sense.
    value && !known.has(value) ? h('option', { attrs: { value } }, value) : null,
    names.length
      ? h('optgroup', { attrs: { label: 'Speakers (all their documents)' } }, ...names.map((n) => h('option', { attrs: { value: speakerSide(n) } }, n)))
      : null,
    saved.length
      ? h(
          'optgroup',
          { attrs: { label: 'Saved subcorpora' } },
          ...saved.map((s) => h('option', { attrs: { value: savedRef(s), title: s.problem ?? s.query } }, `${savedRef(s)} — ${savedSummary(s)}`)),
        )
      : null,
    docs.length
      ? h(
          'optgroup',
          { attrs: { label: 'Documents' } },
          ...docs.map((d) =>
            h('option', { attrs: { value: d.id, title: metaLine([d.speakers.join(', '), formatDate(d.date), d.outlet]) } }, d.title || d.path),
          ),
        )
      : null,
    h('option', { attrs: { value: QUERY_CHOICE } }, 'A subcorpus query (year:2021, party:…)…'),
  );
  select.value = value;
}
