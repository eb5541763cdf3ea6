/**
 * A side of a comparison: what the user named (a document id, speaker:"Full Name", or a subcorpus
 * given by metadata filters such as year:1980..1989 party:Democratic), resolved to
 * its documents and the units compared (passages, or the speaker's own quotations), optionally
 * narrowed to the passages a tag covers.
 */
import { passageContaining } from '../passages';
import { LecternError } from '../../common/errors';
import type { LoadedDocument } from '../types';
import { documentsMatching } from '../filters';
import { quotesBy } from '../attribution/quotes';
import { attributionOf, quotesOf } from '../attribution/attribute';
import { isWordsOf } from '../../common/attribution';
import { countWords } from '../analysis/tokens';
import type { Quote, Range, SideDescription } from '../../common/compare';
import { savedReference, type SavedSubcorpora } from '../../common/subcorpora';

export type SideSpec = { kind: 'document'; id: string } | { kind: 'speaker'; name: string } | { kind: 'query'; query: string };

/** A piece of text compared: a whole passage, or the part of one that a quotation covers. */
export interface SideUnit {
  doc: LoadedDocument;
  passageId: string;
  start: number;
  end: number;
  text: string;
}

export interface Side {
  description: SideDescription;
  documents: LoadedDocument[];
  units: SideUnit[];
  /** Every quotation in the side's documents (within the tag's passages when narrowed to a tag). */
  quotes: Quote[];
}

export interface SideNarrowing {
  /** Keep only quotations attributed to the side's speaker(s). */
  quotesOnly?: boolean;
  /** Compare whole documents: narration and others' words too (by default a side that names speakers takes only their words). */
  wholeDocuments?: boolean;
  /** Keep only passages overlapping these ranges, per document id (e.g. the annotations of one tag). */
  tagRanges?: Map<string, Range[]>;
  /** The tag's name, for the side's label and messages. */
  tagName?: string;
}

const SPEAKER_PREFIX = /^\s*speaker\s*:\s*/i;

/** Reads `speaker:"Jeremy Hunt"`, `speaker:Jeremy Hunt` (what the shell leaves of the first) or a document id. */
export function parseSide(query: string): SideSpec {
  const q = query.trim();
  if (q === '') throw new LecternError('A side is empty. Give a document id or speaker:"Full Name".', 'empty-side');
  // A saved subcorpus (@eighties) is a subcorpus whatever its query is: speaker:raab in it means what it means in the corpus tools.
  if (savedReference(q) !== null) return { kind: 'query', query: q };
  // speaker:"Full Name" alone names a speaker exactly; with other filters (speaker:raab year:2021) it is a subcorpus.
  const otherFilter = /(?:^|\s)[\p{L}_][\p{L}\p{N}_]*:/u.test(q.replace(SPEAKER_PREFIX, '').replace(/^"[^"]*"|^“[^”]*”/, ''));
  if (SPEAKER_PREFIX.test(q) && !otherFilter) {
    const name = q
      .replace(SPEAKER_PREFIX, '')
      .replace(/^["“']|["”']$/g, '')
      .trim()
      .replace(/\s+/g, ' ');
    if (name === '') throw new LecternError(`"${q}" names no speaker. Write speaker:"Full Name", e.g. speaker:"Jeremy Hunt".`, 'empty-side');
    return { kind: 'speaker', name };
  }
  // Anything with a field filter is a subcorpus: year:1980..1989, party:Democratic, outlet:bbc.
  if (/(?:^|\s)[\p{L}_][\p{L}\p{N}_]*:/u.test(q)) return { kind: 'query', query: q };
  return { kind: 'document', id: q };
}

export function resolveSide(docs: LoadedDocument[], query: string, narrowing: SideNarrowing = {}, saved?: SavedSubcorpora): Side {
  const spec = parseSide(query);
  let documents: LoadedDocument[];
  let speakers: string[];
  let label: string;
  if (spec.kind === 'document') {
    const doc = docs.find((d) => d.meta.id === spec.id);
    if (!doc) throw new LecternError(unknownDocumentMessage(docs, spec.id), 'unknown-document');
    documents = [doc];
    speakers = doc.meta.speakers;
    label = doc.meta.title || doc.meta.id;
  } else if (spec.kind === 'query') {
    documents = documentsMatching(docs, spec.query, saved);
    // A subcorpus's own quotations are those of every speaker in it.
    speakers = [...new Set(documents.flatMap((d) => d.meta.speakers))];
    label = query.trim();
  } else {
    const wanted = spec.name.toLowerCase();
    documents = docs.filter((d) => d.meta.speakers.some((s) => normalName(s) === wanted));
    if (documents.length === 0) throw new LecternError(unknownSpeakerMessage(docs, spec.name), 'unknown-speaker');
    // Spell the name as the front matter does, not as typed.
    speakers = [documents[0].meta.speakers.find((s) => normalName(s) === wanted)!];
    label = speakers[0];
    documents = [...documents].sort((a, b) => a.meta.date.localeCompare(b.meta.date) || a.meta.id.localeCompare(b.meta.id));
  }

  const tagRanges = narrowing.tagRanges;
  const inTag = (docId: string, start: number, end: number) => !tagRanges || (tagRanges.get(docId) ?? []).some(([s, e]) => s < end && e > start);

  const quotes = documents.flatMap((d) => quotesOf(d)).filter((q) => q.segments.some(([s, e]) => inTag(q.docId, s, e)));
  // A side that names speakers (speaker:, or a query with speaker:) compares what they said; a document or a subcorpus without a speaker, its whole text.
  const namesSpeakers = spec.kind === 'speaker' || (spec.kind === 'query' && /(?:^|\s)speaker\s*:/i.test(spec.query));
  const speakerWords = !narrowing.quotesOnly && narrowing.wholeDocuments !== true && namesSpeakers && speakers.length > 0;
  const leftOut = { narration: 0, others: 0, other: 0 };
  let units: SideUnit[];
  if (narrowing.quotesOnly) {
    units = quotesBy(quotes, speakers).flatMap((q) => {
      const doc = documents.find((d) => d.meta.id === q.docId)!;
      return q.segments
        .filter(([s, e]) => inTag(q.docId, s, e))
        .map(([start, end]): SideUnit => ({ doc, passageId: passageContaining(doc.passages, start)?.id ?? '', start, end, text: doc.text.slice(start, end) }));
    });
  } else if (speakerWords) {
    units = documents.flatMap((doc) => speakerUnits(doc, speakers, inTag, leftOut));
  } else {
    units = documents.flatMap((doc) =>
      doc.passages.filter((p) => inTag(doc.meta.id, p.start, p.end)).map((p): SideUnit => ({ doc, passageId: p.id, start: p.start, end: p.end, text: p.text })),
    );
  }

  const tag = tagRanges ? (narrowing.tagName ?? 'the chosen tag') : null;
  if (units.length === 0) throw new LecternError(emptySideMessage(query, label, speakers, { ...narrowing, wholeDocuments: !speakerWords }, tag), 'empty-side');

  const suffix = [narrowing.quotesOnly ? 'own quotations' : speakerWords ? 'own words' : '', tag ? `tag "${tag}"` : ''].filter(Boolean).join(', ');
  return {
    description: {
      query,
      kind: spec.kind,
      label: suffix ? `${label} (${suffix})` : label,
      speakers,
      documentIds: documents.map((d) => d.meta.id),
      unitCount: units.length,
      wordCount: 0, // filled in by compare, which counts words anyway
      quotesOnly: narrowing.quotesOnly ?? false,
      speakerWords,
      wordsLeftOut: leftOut,
      tag,
    },
    documents,
    units,
    quotes,
  };
}

/**
 * The side's units in one document: each run of its speakers' words (quoted or reported) within a
 * passage, without the narration around them ("Raab said", the agency's background) or others'
 * words, which are counted into `leftOut` by kind instead. As with whole passages, a tag keeps the
 * passages it touches.
 */
function speakerUnits(
  doc: LoadedDocument,
  speakers: string[],
  inTag: (docId: string, start: number, end: number) => boolean,
  leftOut: { narration: number; others: number; other: number },
): SideUnit[] {
  const units: SideUnit[] = [];
  for (const span of attributionOf(doc).spans) {
    const passage = passageContaining(doc.passages, span.start);
    if (!passage || !inTag(doc.meta.id, passage.start, passage.end)) continue;
    if (!isWordsOf(span, speakers)) {
      const words = countWords(span.text);
      if (span.kind === 'narration') leftOut.narration += words;
      else if (span.kind === 'other') leftOut.other += words;
      else leftOut.others += words;
      continue;
    }
    const start = Math.max(span.start, passage.start);
    const end = trimEnd(doc.text, Math.min(span.end, passage.end));
    if (end <= start) continue;
    const last = units[units.length - 1];
    // Runs of the speaker's words in one passage are one unit (a quotation inside a report of the same person).
    if (last && last.passageId === passage.id && doc.text.slice(last.end, start).trim() === '') {
      last.end = end;
      last.text = doc.text.slice(last.start, end);
    } else units.push({ doc, passageId: passage.id, start, end, text: doc.text.slice(start, end) });
  }
  return units;
}

function trimEnd(text: string, end: number): number {
  while (end > 0 && /\s/.test(text[end - 1])) end--;
  return end;
}

/**
 * Two sides must not share text: a passage on both sides would pair with itself and every count
 * would be shared. Identical sides get the plainer message.
 */
export function assertDistinctSides(left: Side, right: Side): void {
  const key = (u: SideUnit) => `${u.doc.meta.id}\u0000${u.start}\u0000${u.end}`;
  const leftKeys = new Set(left.units.map(key));
  if (leftKeys.size === right.units.length && right.units.every((u) => leftKeys.has(key(u)))) {
    throw new LecternError(
      `Both sides are the same text (${left.description.label}): a document compared with itself. Choose two different documents or speakers.`,
      'same-side',
    );
  }
  const byDoc = new Map<string, SideUnit[]>();
  for (const u of left.units) byDoc.set(u.doc.meta.id, [...(byDoc.get(u.doc.meta.id) ?? []), u]);
  for (const u of right.units) {
    const overlapping = byDoc.get(u.doc.meta.id)?.some((l) => l.start < u.end && u.start < l.end);
    if (overlapping) {
      throw new LecternError(
        `Document "${u.doc.meta.id}" is on both sides (${left.description.label} and ${right.description.label}). ` +
          "Compare it with another document or speaker, or narrow each side to its speaker's own quotations.",
        'same-side',
      );
    }
  }
}

function normalName(name: string): string {
  return name.trim().replace(/\s+/g, ' ').toLowerCase();
}

function unknownDocumentMessage(docs: LoadedDocument[], id: string): string {
  const near = docs
    .map((d) => d.meta.id)
    .filter((d) => d.toLowerCase().includes(id.toLowerCase()))
    .slice(0, 5);
  const hint = near.length > 0 ? ` Did you mean ${near.map((n) => `"${n}"`).join(', ')}?` : '';
  return `No document "${id}" in the corpus.${hint} Give a document id (its file name without extension) or speaker:"Full Name".`;
}

function unknownSpeakerMessage(docs: LoadedDocument[], name: string): string {
  const known = [...new Set(docs.flatMap((d) => d.meta.speakers))].sort();
  // `speaker:Jeremy Hunt` unquoted reaches us as "Jeremy": point at the full name and the quotes.
  const partial = known.filter((k) => k.toLowerCase().split(/\s+/).includes(name.toLowerCase()));
  if (partial.length > 0) {
    return `No speaker "${name}" in the corpus. Did you mean ${partial.map((k) => `speaker:"${k}"`).join(' or ')}? Put a name with spaces in quotes.`;
  }
  const listed =
    known.length === 0
      ? 'No document names a speaker in its front matter.'
      : `Known speakers: ${known.slice(0, 12).join(', ')}${known.length > 12 ? ', …' : ''}.`;
  return `No speaker "${name}" in the corpus. ${listed} Write the full name as in the documents' front matter, e.g. speaker:"${known[0] ?? 'Full Name'}".`;
}

function emptySideMessage(query: string, label: string, speakers: string[], narrowing: SideNarrowing, tag: string | null): string {
  if (narrowing.quotesOnly) {
    const who = speakers.length > 0 ? speakers.join(' or ') : 'its speaker (the document names none)';
    return `${label} has no quotations attributed to ${who}${tag ? ` within tag "${tag}"` : ''}: nothing to compare. Compare the whole text instead of only the speaker's own words.`;
  }
  if (tag) return `${label} has no passages tagged "${tag}": nothing to compare. Choose another tag or compare the whole side.`;
  if (!narrowing.wholeDocuments)
    return `${label}: the text never quotes or reports ${speakers.join(' or ')} (lectern attribute shows who speaks in each document): nothing to compare. Compare whole documents instead (the Whole documents switch, or --whole-documents).`;
  return `${label} (${query}) has no text left after cleaning: nothing to compare. Choose another document or check its cleaning rules.`;
}
