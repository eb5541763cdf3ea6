/**
 * Writes the document attributes an import carries (REFI-QDA Variables) into the documents' front
 * matter, the way the metadata editor does (updateFrontMatter: other keys, comments and the body
 * stay as they are). Nothing is overwritten: a value the document already has, and differs from the
 * file's, is kept and reported; so is a file's value of one of Lectern's own fields (speaker,
 * date …), which only the metadata editor changes. Names that cannot be attributes are reported,
 * never written.
 */
import {
  attributeName,
  attributeValue,
  BUILT_IN_FIELDS,
  BUILT_IN_FILTERS,
  INDEX_FIELD_NAMES,
  isReservedName,
  MAX_ATTRIBUTES,
  MAX_VALUE,
} from '../../attributes';
import { updateFrontMatter } from '../../import/writeDocument';
import type { LoadedDocument } from '../../types';
import type { ImportedAttributes } from './bundle';

const NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** Why a file's variable name cannot be a Lectern attribute ('' when it can), for the notice. */
function nameProblem(name: string): string {
  if (isReservedName(name)) return 'it is a reserved name';
  if (!NAME.test(name)) return 'an attribute name is letters, digits and "_", starting with a letter';
  return '';
}

const isBuiltIn = (name: string) => BUILT_IN_FIELDS.has(name) || INDEX_FIELD_NAMES.has(name) || (BUILT_IN_FILTERS as readonly string[]).includes(name);

/** A document's own value of a built-in field, as Lectern's export writes it (undefined: not comparable). */
function builtInValue(doc: LoadedDocument, name: string): string | undefined {
  const m = doc.meta;
  if (name === 'speaker' || name === 'speakers') return m.speakers.join('; ');
  if (name === 'year') return m.date.slice(0, 4);
  const fields: Record<string, string> = { title: m.title, date: m.date, event: m.event, place: m.place, outlet: m.outlet, kind: m.kind, author: m.author };
  return Object.hasOwn(fields, name) ? fields[name] : undefined;
}

/** The same value, also when another tool wrote a number differently ("3.50" for "3.5"). */
function same(a: string, b: string): boolean {
  if (a === b) return true;
  const num = /^-?\d+(?:\.\d+)?$/;
  return num.test(a) && num.test(b) && Number(a) === Number(b);
}

const quote = (s: string) => `“${s.length > 80 ? `${s.slice(0, 79)}…` : s}”`;

export interface AttributePlan {
  /** Per document id: the attributes to add, by Lectern name. */
  writes: Map<string, Record<string, string>>;
  notices: string[];
}

/** Decides what each document gets, against what it has now; writes nothing. */
export function planAttributes(imported: ImportedAttributes[], docs: { get(id: string): LoadedDocument | undefined }): AttributePlan {
  const writes = new Map<string, Record<string, string>>();
  const notices: string[] = [];
  const refused = new Map<string, { problem: string; count: number }>();
  const tooLong = new Map<string, number>();
  const full = new Map<string, number>();
  const kept: string[] = [];
  const builtIns: string[] = [];
  const clashes: string[] = [];
  // Per document: the file's first value of each name, to tell a later, different one apart.
  const chosen = new Map<string, Map<string, string>>();
  for (const entry of imported) {
    const doc = docs.get(entry.docId);
    if (!doc) continue;
    const mine = chosen.get(doc.meta.id) ?? chosen.set(doc.meta.id, new Map()).get(doc.meta.id)!;
    for (const [rawName, rawValue] of entry.values) {
      const value = rawValue.trim();
      const name = attributeName(rawName);
      if (!value) continue;
      // Lectern's export (and others) give a value on the source and on its case: one is enough.
      const earlier = mine.get(name);
      if (earlier !== undefined) {
        if (!same(earlier, value)) clashes.push(`${doc.meta.id}: ${name} ${quote(earlier)}, not ${quote(value)}`);
        continue;
      }
      mine.set(name, value);
      if (isBuiltIn(name)) {
        const own = builtInValue(doc, name);
        if (own !== undefined && !same(own, value)) builtIns.push(`${doc.meta.id}: ${name} ${quote(own || '(none)')} (the file says ${quote(value)})`);
        continue;
      }
      const problem = nameProblem(name);
      if (problem) {
        const r = refused.get(rawName) ?? { problem, count: 0 };
        r.count++;
        refused.set(rawName, r);
        continue;
      }
      if (value.length > MAX_VALUE) {
        tooLong.set(name, (tooLong.get(name) ?? 0) + 1);
        continue;
      }
      const has = attributeValue(doc.meta.attributes, name);
      if (has === undefined) {
        const w = writes.get(doc.meta.id) ?? writes.set(doc.meta.id, {}).get(doc.meta.id)!;
        // The corpus would not read attributes past its limit: they are not written.
        if (Object.keys(doc.meta.attributes).length + Object.keys(w).length >= MAX_ATTRIBUTES) full.set(doc.meta.id, (full.get(doc.meta.id) ?? 0) + 1);
        else w[name] = value;
      } else if (!same(has, value)) kept.push(`${doc.meta.id}: ${name} ${quote(has)} (the file says ${quote(value)})`);
    }
  }
  const list = (xs: string[]) => xs.slice(0, 20).join('; ') + (xs.length > 20 ? `; and ${xs.length - 20} more` : '');
  if (kept.length) notices.push(`${kept.length} attribute value(s) in the file differ from the document's own, which were kept: ${list(kept)}.`);
  if (clashes.length)
    notices.push(
      `${clashes.length} attribute(s) have two different values in the file (on the source and on its case, or on two sources of one document); the first was used: ${list(clashes)}.`,
    );
  if (builtIns.length)
    notices.push(
      `${builtIns.length} value(s) of Lectern's own fields differ from the document's and were not written (change them in the metadata editor): ${list(builtIns)}.`,
    );
  for (const [raw, r] of refused)
    notices.push(
      `The variable ${quote(raw)} cannot be a Lectern attribute (${r.problem}): its ${r.count} value(s) were not imported. Rename it in the other tool and export again.`,
    );
  for (const [id, count] of full)
    notices.push(`${id} would have more than ${MAX_ATTRIBUTES} attributes, which Lectern does not read: ${count} value(s) were not imported.`);
  for (const [name, count] of tooLong) notices.push(`${count} value(s) of ${name} are longer than ${MAX_VALUE} characters, so they were not imported.`);
  return { writes, notices };
}

/**
 * Writes the planned attributes, one document at a time (each write is atomic); a document that
 * cannot be written (its front matter is not valid YAML, it was removed) is reported and the others
 * are still written. Returns how many values were written.
 */
export async function writeAttributes(
  corpusDir: string,
  plan: AttributePlan,
  docs: { get(id: string): LoadedDocument | undefined },
): Promise<{ written: number; documents: number; notices: string[] }> {
  const notices: string[] = [];
  let written = 0;
  let documents = 0;
  for (const [id, attributes] of plan.writes) {
    const doc = docs.get(id);
    if (!doc) continue;
    const m = doc.meta;
    // A .txt document becomes <id>.md to hold front matter: it then says what Lectern read from the .txt.
    const txt = /\.txt$/i.test(m.path);
    const meta = txt
      ? {
          title: m.title,
          speakers: m.speakers,
          date: m.date,
          event: m.event,
          place: m.place,
          outlet: m.outlet,
          kind: m.kind,
          language: m.language,
          author: m.author,
          source: m.source,
          attributes,
        }
      : { attributes };
    try {
      const r = await updateFrontMatter(corpusDir, m.path, meta);
      if (r.path !== m.path) notices.push(`${m.path} became ${r.path}, so that it has front matter to hold its attributes.`);
      written += Object.keys(attributes).length;
      documents++;
    } catch (e) {
      notices.push(`The attributes of ${id} were not written: ${(e as Error).message}`);
    }
  }
  return { written, documents, notices };
}
