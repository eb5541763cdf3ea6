/**
 * The metadata part of a query (speaker:, outlet:, year:, attributes such as party:) applied to
 * documents: one definition for search (a bitmap before scoring) and for subcorpora (a compare side
 * given as a query), so that `party:Democratic year:1980..1989` means the same documents in both.
 */
import type { AttributeInfo } from '../common/documents';
import type { QueryError } from '../common/contract';
import { attributeMatches, attributeSchema, attributeValue, filterProblem } from './attributes';
import { LecternError } from '../common/errors';
import { SAVED_PREFIX, sameSubcorpusName, savedReference, type SavedSubcorpora } from '../common/subcorpora';
import { foldForFilter, parseQuery, type ParsedQuery } from './query';
import type { LoadedDocument } from './types';

/** True when the query filters documents by their metadata at all. */
export function hasDocumentFilters(q: ParsedQuery): boolean {
  return q.speakers.length > 0 || q.outlets.length > 0 || q.years.length > 0 || q.attributes.length > 0;
}

/** Whether a document passes the query's metadata filters (attribute filters typed by typeAttributeFilters first). */
export function docMatchesFilters(doc: LoadedDocument, q: ParsedQuery): boolean {
  for (const f of q.attributes) if (!attributeMatches(attributeValue(doc.meta.attributes, f.name), f, f.type ?? 'text', foldForFilter)) return false;
  if (q.speakers.length && !q.speakers.some((s) => doc.meta.speakers.some((name) => foldForFilter(name).includes(foldForFilter(s))))) return false;
  if (q.outlets.length && !q.outlets.some((o) => foldForFilter(doc.meta.outlet).includes(foldForFilter(o)))) return false;
  if (q.years.length) {
    const year = Number(doc.meta.date.slice(0, 4));
    if (!doc.meta.date || !q.years.some(([from, to]) => year >= from && year <= to)) return false;
  }
  return true;
}

/**
 * Gives each attribute filter its attribute's type, or the message for a field the corpus does not
 * have (with the fields it has) or a range the attribute cannot take.
 */
export function typeAttributeFilters(known: Map<string, AttributeInfo>, q: ParsedQuery): QueryError | null {
  for (const f of q.attributes) {
    const info = known.get(f.name);
    if (!info) return { message: unknownFieldMessage(f.name, known), start: f.start, end: f.end };
    const problem = filterProblem(f, info.type);
    if (problem) return { message: `${problem}.`, start: f.start, end: f.end };
    f.type = info.type;
  }
  return null;
}

export function unknownFieldMessage(name: string, known: Map<string, AttributeInfo>): string {
  const fields = ['speaker', 'outlet', 'year', 'tag', ...known.keys()].map((n) => `${n}:`);
  return `There is no field "${name}:" in this corpus. Its fields are ${fields.join(', ')}, and title: and text: for words in a field, and said: for a speaker's words. To search the words themselves, put them in quotes.`;
}

/** The corpus's attributes by name (what typeAttributeFilters checks against). */
export function attributesByName(docs: LoadedDocument[]): Map<string, AttributeInfo> {
  return new Map(attributeSchema(docs.map((d) => d.meta)).map((a) => [a.name, a]));
}

const NONE_SAVED: SavedSubcorpora = { entries: [], problem: null };

/**
 * The query a subcorpus text stands for: itself, or the saved subcorpus it names (`@eighties`). The
 * one place `@name` is read, for every tool that takes a subcorpus; `label` names it in messages.
 */
export function expandSubcorpus(text: string, saved: SavedSubcorpora = NONE_SAVED): { query: string; label: string } {
  const name = savedReference(text);
  if (name === null) return { query: text, label: text.trim() };
  const entry = saved.entries.find((e) => sameSubcorpusName(e.name, name));
  if (entry) return { query: entry.query, label: `${SAVED_PREFIX}${entry.name} (${entry.query})` };
  if (saved.problem) throw new LecternError(`"${SAVED_PREFIX}${name}" names a saved subcorpus, but ${saved.problem}`, 'store-unreadable');
  const names = saved.entries.map((e) => `${SAVED_PREFIX}${e.name}`);
  throw new LecternError(
    `There is no saved subcorpus "${SAVED_PREFIX}${name}". ` +
      (names.length
        ? `The saved ones are ${names.join(', ')}.`
        : 'None is saved in this corpus yet: save a metadata query with "Save as…" in the Corpus view, or lectern subcorpus save NAME QUERY.'),
    'not-found',
  );
}

/**
 * The documents a metadata query names (a subcorpus: `party:Whig year:1840..1850`, or a saved one
 * as `@name`), in date order, possibly none. Words, phrases, tags and said: are refused with the reason: a
 * subcorpus is a set of documents.
 */
export function subcorpusDocuments(docs: LoadedDocument[], text: string, saved?: SavedSubcorpora): LoadedDocument[] {
  const { query, label } = expandSubcorpus(text, saved);
  if (savedReference(query) !== null)
    throw new LecternError(`"${label}" refers to another saved subcorpus; a saved subcorpus holds a metadata query itself.`, 'bad-request');
  const parsed = parseQuery(query);
  if (!parsed.ok) throw new LecternError(`"${label}" is not a query Lectern can read: ${parsed.error.message}`, 'bad-request');
  const q = parsed.query;
  if (q.lunrText || q.phrases.length || q.tags.length)
    throw new LecternError(
      `"${label}" has words or tags in it; a subcorpus is chosen by metadata filters only (year:1980..1989, party:Democratic, speaker:…, outlet:…).`,
      'bad-request',
    );
  if (q.said.length)
    throw new LecternError(
      `"${label}" has said: in it, which chooses words within documents; a subcorpus is chosen by metadata filters only (year:1980..1989, party:Democratic, speaker:…, outlet:…).`,
      'bad-request',
    );
  const problem = typeAttributeFilters(attributesByName(docs), q);
  if (problem) throw new LecternError(problem.message, 'bad-request');
  return docs.filter((d) => docMatchesFilters(d, q)).sort((a, b) => a.meta.date.localeCompare(b.meta.date) || a.meta.id.localeCompare(b.meta.id));
}

/** The documents of a subcorpus, as subcorpusDocuments; one that matches nothing is refused with what to check. */
export function documentsMatching(docs: LoadedDocument[], text: string, saved?: SavedSubcorpora): LoadedDocument[] {
  const documents = subcorpusDocuments(docs, text, saved);
  if (documents.length === 0)
    throw new LecternError(
      `No document matches "${expandSubcorpus(text, saved).label}". Check the values (the library lists each document's fields) or widen the range.`,
      'empty-side',
    );
  return documents;
}
