/**
 * Reads a REFI-QDA .qdpx project back: its Codes (nested) become tags; each TextSource is matched
 * to a corpus document (by id, file name, text, or title); its PlainTextSelections with their
 * Codings, Descriptions and Notes, and the annotations other tools keep as Notes with their own
 * PlainTextSelection (QualCoder), become annotations, one per coder. Positions are checked against
 * the text each selection names (sourceText.ts), so a project whose line endings disagree with its
 * positions is corrected, not silently shifted. Variable values, on a TextSource or on a Case that
 * refers to it, become the matched document's attributes (written later by imports/attributes.ts).
 */
import { strFromU8, unzipSync } from 'fflate';
import type { LoadedDocument } from '../../types';
import { describeRange } from '../reanchor';
import { badImport, INTERNAL, kid, kids, NO_CODER_GUID, parseQdaXml, PROJECT_FILE, QDA_NAMESPACE, readCodes, required, textOf } from '../refiQda';
import { readVariables, readVariableValues } from '../refiVariables';
import type { ImportBundle, ImportedAnnotation, ImportedAttributes } from './bundle';
import { matchSource, placeInDocument, resolveSelections, type RawSelection } from './sourceText';

export interface DocumentLookup {
  documents(): LoadedDocument[];
  get(id: string): LoadedDocument | undefined;
}

const unique = (xs: string[]) => [...new Set(xs.map((x) => x.trim()).filter(Boolean))];

export function parseQdpx(bytes: Uint8Array, filename: string, docs: DocumentLookup): ImportBundle {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    badImport(filename, `it is not a readable zip archive (${(e as Error).message})`);
  }
  const projectName = Object.keys(files).find((n) => n.toLowerCase() === PROJECT_FILE || n.toLowerCase().endsWith('.qde'));
  if (!projectName) badImport(filename, `the archive holds no ${PROJECT_FILE}, so it is not a REFI-QDA project`);
  const root = parseQdaXml(strFromU8(files[projectName]), filename, PROJECT_FILE, 'Project', QDA_NAMESPACE);
  const need = (el: Element, attr: string) => required(el, attr, filename);
  const readFile = (path: string): string | null => {
    const inner = path.startsWith(INTERNAL) ? path.slice(INTERNAL.length) : null;
    if (inner === null) return null;
    const data = files[`sources/${inner}`] ?? files[`Sources/${inner}`] ?? files[inner];
    return data ? strFromU8(data) : null;
  };

  const codeBook = kid(root, 'CodeBook');
  const tags = readCodes(codeBook && kid(codeBook, 'Codes'), filename);
  const codes = new Set(tags.map((t) => t.id));

  // Coders: a user's name, except Lectern's stand-in for "no coder recorded".
  const users = new Map<string, string>();
  const usersEl = kid(root, 'Users');
  for (const u of usersEl ? kids(usersEl, 'User') : []) {
    const guid = need(u, 'guid').toLowerCase();
    if (guid !== NO_CODER_GUID) users.set(guid, u.getAttribute('name') ?? '');
  }
  const coderOf = (el: Element): string => users.get((el.getAttribute('creatingUser') ?? el.getAttribute('modifyingUser') ?? '').toLowerCase()) ?? '';

  const notes = new Map<string, Element>();
  const notesEl = kid(root, 'Notes');
  for (const n of notesEl ? kids(notesEl, 'Note') : []) notes.set(need(n, 'guid').toLowerCase(), n);
  const noteText = (n: Element) => {
    const content = kid(n, 'PlainTextContent');
    return content ? textOf(content) : (readFile(n.getAttribute('plainTextPath') ?? '') ?? textOf(kid(n, 'Description')));
  };
  const used = new Set<string>();
  const noteById = (guid: string) => {
    const n = notes.get(guid.toLowerCase());
    if (!n) return '';
    used.add(guid.toLowerCase());
    return noteText(n);
  };

  const annotations: ImportedAnnotation[] = [];
  const notices: string[] = [];
  const unmatched: ImportBundle['unmatched'] = [];
  const variables = readVariables(root);
  const cases = readCases(root, variables, notices);
  const attributes: ImportedAttributes[] = [];
  let unknownValues = 0;
  const sources = kid(root, 'Sources');
  for (const src of sources ? kids(sources, 'TextSource') : []) {
    const name = src.getAttribute('name') ?? need(src, 'guid');
    const content = kid(src, 'PlainTextContent');
    const sourceText = content ? textOf(content) : readFile(src.getAttribute('plainTextPath') ?? '');
    // The source's own values first: a Case that says otherwise is reported when they are written.
    const own = readVariableValues(src, variables);
    unknownValues += own.unknown;
    const guid = need(src, 'guid').toLowerCase();
    const values = [...own.values, ...(cases.bySource.get(guid) ?? [])];
    cases.bySource.delete(guid);
    let matched: ReturnType<typeof matchSource> | undefined;
    const match = () => (matched ??= matchSource(docs, name, sourceText));
    if (values.length) {
      const m = match();
      if (m.doc) attributes.push({ docId: m.doc.meta.id, source: name, values });
      else notices.push(`“${name}” matches no document of this corpus (${m.reason}): its ${values.length} attribute value(s) were not imported.`);
    }
    const raws: RawSelection[] = [];
    for (const sel of kids(src, 'PlainTextSelection')) {
      const guid = need(sel, 'guid').toLowerCase();
      const codings = kids(sel, 'Coding').map((c) => {
        const ref = kid(c, 'CodeRef');
        const target = ref ? need(ref, 'targetGUID').toLowerCase() : badImport(filename, `a Coding in selection ${guid} has no CodeRef`);
        if (!codes.has(target)) badImport(filename, `selection ${guid} is coded with ${target}, which is not in the CodeBook`);
        return { tagId: target, coder: users.get((c.getAttribute('creatingUser') ?? '').toLowerCase()) ?? coderOf(sel) };
      });
      const note = unique([textOf(kid(sel, 'Description')), ...kids(sel, 'NoteRef').map((r) => noteById(need(r, 'targetGUID')))]).join('\n\n');
      raws.push({ el: sel, guid, name: sel.getAttribute('name') ?? '', codings, note, coder: coderOf(sel) });
    }
    // QualCoder keeps a passage's annotation as a Note holding its own selection, referenced from the source.
    for (const ref of kids(src, 'NoteRef')) {
      const n = notes.get(need(ref, 'targetGUID').toLowerCase());
      if (!n) continue;
      for (const sel of kids(n, 'PlainTextSelection')) {
        used.add(need(n, 'guid').toLowerCase());
        raws.push({
          el: sel,
          guid: need(sel, 'guid').toLowerCase(),
          name: sel.getAttribute('name') ?? '',
          codings: [],
          note: noteText(n).trim(),
          coder: coderOf(n),
        });
      }
    }
    if (raws.length === 0) continue;
    const found = match();
    if (!found.doc) unmatched.push({ name, passages: raws.length, reason: found.reason });
    const base = sourceText ?? found.doc?.text ?? null;
    if (base === null) {
      badImport(
        filename,
        `source “${name}” has no text in the project and matches no document of this corpus, so its ${raws.length} passage(s) cannot be placed`,
      );
    }
    const resolved = resolveSelections(base, raws, name, filename);
    notices.push(...resolved.notices);
    for (const r of resolved.selections) {
      const placed = found.doc ? placeInDocument(found.doc.text, resolved.text, r.start, r.end) : { start: r.start, end: r.end };
      const quote = r.ownText ?? describeRange(resolved.text, r.start, r.end);
      // One annotation per coder: each coder's codings of the same text are their own layer.
      const byCoder = new Map<string, string[]>();
      for (const c of r.raw.codings) byCoder.set(c.coder, [...(byCoder.get(c.coder) ?? []), c.tagId]);
      if (byCoder.size === 0) byCoder.set(r.raw.coder, []);
      const noteOwner = byCoder.has(r.raw.coder) ? r.raw.coder : [...byCoder.keys()][0];
      let first = true;
      for (const [coder, tagIds] of byCoder) {
        annotations.push({
          id: first ? r.raw.guid : null,
          docId: found.doc?.meta.id ?? name,
          ...quote,
          start: placed.start,
          end: placed.end,
          tagIds,
          note: coder === noteOwner ? r.raw.note : '',
          coder,
          created: r.raw.el.getAttribute('creationDateTime') ?? undefined,
          modified: r.raw.el.getAttribute('modifiedDateTime') ?? r.raw.el.getAttribute('creationDateTime') ?? undefined,
        });
        first = false;
      }
    }
  }
  const merged = mergeSameRange(annotations);
  const caseOnly = [...cases.bySource.values()].reduce((n, v) => n + v.length, 0);
  if (caseOnly) notices.push(`${caseOnly} attribute value(s) of cases refer to no text source of this project, so they were not imported.`);
  if (unknownValues + cases.unknown)
    notices.push(`${unknownValues + cases.unknown} attribute value(s) refer to no Variable of this project, so they were not imported.`);
  const projectNotes = [...notes.keys()].filter((g) => !used.has(g)).length;
  if (projectNotes)
    notices.push(`${projectNotes} note(s) not attached to a passage (journals, project memos) were not imported: Lectern keeps notes on passages.`);
  return { kind: 'REFI-QDA project', tags, annotations: merged, notices, unmatched, attributes };
}

/**
 * Each Case's values by the GUID of every source it refers to (a case of one person may span many
 * documents, which all get its values); values of cases that refer to no source are counted.
 */
function readCases(root: Element, variables: Map<string, string>, notices: string[]): { bySource: Map<string, [string, string][]>; unknown: number } {
  const bySource = new Map<string, [string, string][]>();
  const cases = kid(root, 'Cases');
  let unplaced = 0;
  let unknownValues = 0;
  for (const c of cases ? kids(cases, 'Case') : []) {
    const { values, unknown } = readVariableValues(c, variables);
    unknownValues += unknown;
    const refs = kids(c, 'SourceRef')
      .map((r) => r.getAttribute('targetGUID')?.toLowerCase() ?? '')
      .filter(Boolean);
    if (!refs.length) unplaced += values.length;
    for (const ref of refs) bySource.set(ref, [...(bySource.get(ref) ?? []), ...values]);
  }
  if (unplaced) notices.push(`${unplaced} attribute value(s) of cases that name no source (case attributes, not document attributes) were not imported.`);
  return { bySource, unknown: unknownValues };
}

/** A coder's coding and their annotation of the same text (QualCoder keeps them apart) are one passage in Lectern. */
function mergeSameRange(annotations: ImportedAnnotation[]): ImportedAnnotation[] {
  const byKey = new Map<string, ImportedAnnotation>();
  for (const a of annotations) {
    const key = JSON.stringify([a.docId, a.start, a.end, a.coder ?? '']);
    const seen = byKey.get(key);
    if (!seen) byKey.set(key, { ...a });
    else {
      seen.tagIds = [...new Set([...seen.tagIds, ...a.tagIds])];
      seen.note = unique([seen.note, a.note]).join('\n\n');
    }
  }
  return [...byKey.values()];
}
