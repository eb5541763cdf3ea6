/**
 * Intercoder agreement and disagreements over a corpus's annotations: the choice of coders, codes
 * and documents, then the measures per code and overall. Overall is given two ways: every code's
 * units pooled into one matrix (a unit per code and passage, or code and character), and the mean
 * of the per-code values (over the codes where each is defined).
 */
import {
  coderLabel,
  RESOLVED_CODER,
  type AgreementMeasures,
  type AgreementResult,
  type AgreementUnit,
  type CoderSide,
  type DisagreementResult,
  type DisagreementSpan,
} from '../../common/agreement';
import { LecternError } from '../../common/errors';
import { pairSafeEnd } from '../../common/codePoints';
import { measuresOf, type ReliabilityUnit } from './reliability';
import { appliedCounts, codedDocuments, pairableUnits, presence, segmentsOf, spansByDocument, unitsForCode, type CodedSpan, type UnitDocument } from './units';

export interface AgreementInput {
  documents: readonly UnitDocument[];
  /** Anchored annotations (orphans left out). */
  spans: readonly CodedSpan[];
  /** The codebook in its order. */
  codebook: readonly { id: string; name: string }[];
  /** Document text, for the quotes of disagreement spans. */
  textOf(docId: string): string;
}

export interface AgreementChoice {
  coders?: readonly string[];
  /** Tag ids. */
  codes?: readonly string[];
  docIds?: readonly string[];
}

interface Chosen {
  coders: string[];
  codes: { id: string; name: string }[];
  documents: UnitDocument[];
  present: Map<string, boolean[]>;
  spansOfDoc: Map<string, CodedSpan[]>;
  notes: string[];
}

/**
 * The coders asked for (default: everyone with anchored annotations, sorted, but the resolved layer,
 * which is a consensus rather than a coder: name it to compare with it); one without annotations is
 * an error naming those there are.
 */
export function chooseCoders(spans: readonly CodedSpan[], asked?: readonly string[]): string[] {
  const known = [...new Set(spans.map((s) => s.coder))].sort((a, b) => a.localeCompare(b));
  const coders = asked ? [...new Set(asked)] : known.filter((c) => c !== RESOLVED_CODER);
  const unknown = coders.filter((c) => !known.includes(c));
  if (unknown.length) {
    const list = known.length ? known.map(coderLabel).join(', ') : 'none yet';
    throw new LecternError(
      `No annotations were made by ${unknown.map((c) => `“${coderLabel(c)}”`).join(', ')}. The coders with annotations are: ${list}.`,
      'not-found',
    );
  }
  return coders;
}

/** The codes asked for by tag id, in the codebook's order (default: all of it); an unknown id is an error. */
export function chooseCodes<T extends { id: string }>(codebook: readonly T[], asked?: readonly string[]): T[] {
  const missing = (asked ?? []).filter((id) => !codebook.some((t) => t.id === id));
  if (missing.length)
    throw new LecternError(`There is no tag with id ${missing.map((id) => `“${id}”`).join(', ')} in the codebook. Reload the codebook.`, 'not-found');
  const wanted = asked ? new Set(asked) : null;
  return codebook.filter((t) => !wanted || wanted.has(t.id));
}

function choose(input: AgreementInput, choice: AgreementChoice): Chosen {
  const coded = codedDocuments(input.spans);
  const coders = chooseCoders(input.spans, choice.coders);
  const codes = chooseCodes(input.codebook, choice.codes);
  const docById = new Map(input.documents.map((d) => [d.id, d]));
  const missingDocs = (choice.docIds ?? []).filter((id) => !docById.has(id));
  if (missingDocs.length) throw new LecternError(`There is no document ${missingDocs.map((id) => `“${id}”`).join(', ')} in this corpus.`, 'not-found');
  const ids = choice.docIds ? [...new Set(choice.docIds)] : [...new Set(coders.flatMap((c) => [...(coded.get(c) ?? [])]))];
  const documents = ids
    .filter((id) => docById.has(id))
    .sort((a, b) => a.localeCompare(b))
    .map((id) => docById.get(id)!);
  const present = presence(documents, coders, coded);
  const notes: string[] = [];
  for (const [i, c] of coders.entries()) {
    if (!documents.some((d) => present.get(d.id)![i])) notes.push(`${coderLabel(c)} coded none of the chosen documents: their values are all missing.`);
  }
  return { coders, codes, documents, present, spansOfDoc: spansByDocument(input.spans), notes };
}

function meanOf(list: AgreementMeasures[]): Record<keyof AgreementMeasures, number | null> {
  const keys = ['percentAgreement', 'cohenKappa', 'fleissKappa', 'krippendorffAlpha'] as const;
  const out = {} as Record<keyof AgreementMeasures, number | null>;
  for (const k of keys) {
    const values = list.map((m) => m[k].value).filter((v): v is number => v !== null);
    out[k] = values.length ? values.reduce((a, b) => a + b, 0) / values.length : null;
  }
  return out;
}

export function agreement(input: AgreementInput, unit: AgreementUnit, choice: AgreementChoice = {}): AgreementResult {
  const chosen = choose(input, choice);
  const { coders } = chosen;
  const pooled: ReliabilityUnit[] = [];
  const codes = chosen.codes.map((tag) => {
    const units = unitsForCode(unit, chosen.documents, chosen.spansOfDoc, tag.id, coders, chosen.present);
    pooled.push(...units);
    return { tagId: tag.id, name: tag.name, units: pairableUnits(units), applied: appliedCounts(units, coders), measures: measuresOf(units, coders.length) };
  });
  return {
    unit,
    coders,
    documents: chosen.documents.map((d) => d.id),
    codes,
    overall: { pooled: measuresOf(pooled, coders.length), mean: meanOf(codes.map((c) => c.measures)), units: pairableUnits(pooled) },
    notes: chosen.notes,
  };
}

const QUOTE_CHARS = 200;

/** The span's text, its first QUOTE_CHARS at most, never cut inside a surrogate pair (half an emoji is no character). */
function quoteOf(text: string, start: number, end: number): string {
  return text.slice(start, end - start > QUOTE_CHARS ? pairSafeEnd(text, start + QUOTE_CHARS) : end);
}

/**
 * Per code, the character ranges where the coders who coded a document do not all agree (someone
 * applied the code, someone else did not), with each coder's overlapping annotations. Adjacent
 * segments with the same values are one span.
 */
export function disagreements(input: AgreementInput, choice: AgreementChoice = {}): DisagreementResult {
  const chosen = choose(input, choice);
  const { coders } = chosen;
  const column = new Set(coders);
  const codes = chosen.codes.map((tag) => {
    const spans: DisagreementSpan[] = [];
    for (const doc of chosen.documents) {
      const mine = (chosen.spansOfDoc.get(doc.id) ?? []).filter((s) => column.has(s.coder) && s.tagIds.includes(tag.id));
      let open: { start: number; end: number; values: (boolean | null)[] } | null = null;
      const close = () => {
        if (open) spans.push(spanOf(input, doc.id, open, coders, mine));
        open = null;
      };
      for (const seg of segmentsOf(doc, mine, coders, chosen.present.get(doc.id)!)) {
        const given = seg.values.filter((v) => v !== null);
        const differ = given.includes(true) && given.includes(false);
        if (!differ) {
          close();
          continue;
        }
        const o = open as { start: number; end: number; values: (boolean | null)[] } | null;
        if (o && o.end === seg.start && o.values.every((v, i) => v === seg.values[i])) o.end = seg.end;
        else {
          close();
          open = { start: seg.start, end: seg.end, values: seg.values };
        }
      }
      close();
    }
    return { tagId: tag.id, name: tag.name, spans };
  });
  return { coders, codes };
}

function spanOf(
  input: AgreementInput,
  docId: string,
  range: { start: number; end: number; values: (boolean | null)[] },
  coders: string[],
  spans: CodedSpan[],
): DisagreementSpan {
  const sides: CoderSide[] = [];
  range.values.forEach((v, i) => {
    if (v === null) return;
    const ids = spans.filter((s) => s.coder === coders[i] && s.start < range.end && s.end > range.start).map((s) => s.id);
    sides.push({ coder: coders[i], applied: v, annotationIds: ids });
  });
  return {
    docId,
    start: range.start,
    end: range.end,
    quote: quoteOf(input.textOf(docId), range.start, range.end),
    coders: sides,
  };
}
