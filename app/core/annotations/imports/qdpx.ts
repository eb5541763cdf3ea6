/**
 * Reads a REFI-QDA .qdpx project back: its Codes (nested) become tags, each TextSource is matched
 * to a corpus document (by name = document id, else identical text, else title), and its
 * PlainTextSelections with their Codings and Notes become annotations.
 */
import { DOMParser } from '@xmldom/xmldom';
import { strFromU8, unzipSync } from 'fflate';
import { LecternError } from '../../../common/errors';
import type { LoadedDocument } from '../../types';
import { describeRange } from '../reanchor';
import { fromCodePoints, INTERNAL, PROJECT_FILE, QDA_NAMESPACE } from '../refiQda';
import type { ImportBundle, ImportedAnnotation, ImportedTag } from './bundle';

type El = Element;

function bad(filename: string, what: string): never {
  throw new LecternError(`Cannot import “${filename}”: ${what}. Nothing was changed.`, 'bad-import');
}

const kids = (el: El, name: string): El[] =>
  Array.from(el.childNodes as ArrayLike<Node>).filter((n): n is El => n.nodeType === 1 && (n as El).localName === name);
const kid = (el: El, name: string): El | undefined => kids(el, name)[0];
const text = (el: El | undefined) => el?.textContent ?? '';

export interface DocumentLookup {
  documents(): LoadedDocument[];
  get(id: string): LoadedDocument | undefined;
}

export function parseQdpx(bytes: Uint8Array, filename: string, docs: DocumentLookup): ImportBundle {
  let files: Record<string, Uint8Array>;
  try {
    files = unzipSync(bytes);
  } catch (e) {
    bad(filename, `it is not a readable zip archive (${(e as Error).message})`);
  }
  const projectName = Object.keys(files).find((n) => n.toLowerCase() === PROJECT_FILE || n.toLowerCase().endsWith('.qde'));
  if (!projectName) bad(filename, `the archive holds no ${PROJECT_FILE}, so it is not a REFI-QDA project`);
  const root = parseXml(strFromU8(files[projectName]), filename);
  const need = (el: El, attr: string): string => {
    const v = el.getAttribute(attr);
    if (!v) bad(filename, `a <${el.localName}> element has no ${attr} attribute`);
    return v;
  };
  const readFile = (path: string): string | null => {
    const inner = path.startsWith(INTERNAL) ? path.slice(INTERNAL.length) : null;
    if (inner === null) return null;
    const data = files[`sources/${inner}`] ?? files[inner];
    return data ? strFromU8(data) : null;
  };

  const tags: ImportedTag[] = [];
  const codes = new Set<string>();
  const walk = (el: El, parentId: string | null) => {
    for (const c of kids(el, 'Code')) {
      const id = need(c, 'guid').toLowerCase();
      codes.add(id);
      tags.push({ id, name: need(c, 'name'), color: c.getAttribute('color') || null, description: text(kid(c, 'Description')), parentId });
      walk(c, id);
    }
  };
  const codeBook = kid(root, 'CodeBook');
  const codesEl = codeBook && kid(codeBook, 'Codes');
  if (codesEl) walk(codesEl, null);

  const notes = new Map<string, string>();
  const notesEl = kid(root, 'Notes');
  for (const n of notesEl ? kids(notesEl, 'Note') : []) {
    const content = kid(n, 'PlainTextContent');
    notes.set(need(n, 'guid').toLowerCase(), content ? text(content) : (readFile(n.getAttribute('plainTextPath') ?? '') ?? ''));
  }
  const notesOf = (el: El) =>
    [text(kid(el, 'Description')), ...kids(el, 'NoteRef').map((r) => notes.get(need(r, 'targetGUID').toLowerCase()) ?? '')].filter(Boolean).join('\n\n');

  const annotations: ImportedAnnotation[] = [];
  const sources = kid(root, 'Sources');
  for (const src of sources ? kids(sources, 'TextSource') : []) {
    const name = src.getAttribute('name') ?? '';
    const content = kid(src, 'PlainTextContent');
    const sourceText = content ? text(content) : readFile(src.getAttribute('plainTextPath') ?? '');
    const doc = matchDocument(docs, name, sourceText);
    const base = sourceText ?? doc?.text ?? null;
    const baseLength = base === null ? Infinity : [...base].length; // in code points, as positions count
    for (const sel of kids(src, 'PlainTextSelection')) {
      const guid = need(sel, 'guid').toLowerCase();
      const s = Number(need(sel, 'startPosition'));
      const e = Number(need(sel, 'endPosition'));
      if (!Number.isInteger(s) || !Number.isInteger(e) || s < 0 || e < s) {
        bad(filename, `selection ${guid} in source “${name}” has invalid positions ${s}–${e}`);
      }
      if (e > baseLength) bad(filename, `selection ${guid} in source “${name}” ends beyond the end of its text (${e} > ${baseLength} characters)`);
      const start = base === null ? s : fromCodePoints(base, s);
      const end = base === null ? e : fromCodePoints(base, e);
      const tagIds = kids(sel, 'Coding').map((c) => {
        const ref = kid(c, 'CodeRef');
        const target = ref ? need(ref, 'targetGUID').toLowerCase() : bad(filename, `a Coding in selection ${guid} has no CodeRef`);
        if (!codes.has(target)) bad(filename, `selection ${guid} is coded with ${target}, which is not in the CodeBook`);
        return target;
      });
      const quote = base === null ? { exact: '', prefix: '', suffix: '' } : describeRange(base, start, end);
      annotations.push({
        id: guid,
        docId: doc?.meta.id ?? name,
        ...quote,
        start,
        end,
        tagIds,
        note: notesOf(sel),
        created: sel.getAttribute('creationDateTime') ?? undefined,
        modified: sel.getAttribute('modifiedDateTime') ?? sel.getAttribute('creationDateTime') ?? undefined,
      });
    }
  }
  return { kind: 'REFI-QDA project', tags, annotations };
}

function parseXml(xml: string, filename: string): El {
  const problems: string[] = [];
  const report = (msg: string) =>
    problems.push(
      String(msg)
        .split('\n')[0]
        .replace(/^\[xmldom \w+\]\s*/, ''),
    );
  // xmldom is lenient (an unclosed element is only a warning), so every complaint counts.
  const doc = new DOMParser({ errorHandler: { warning: report, error: report, fatalError: report } }).parseFromString(xml, 'text/xml');
  if (problems.length || !doc?.documentElement) bad(filename, `${PROJECT_FILE} is not well-formed XML (${problems[0] ?? 'empty document'})`);
  const root = doc.documentElement as unknown as El;
  if (root.localName !== 'Project' || root.namespaceURI !== QDA_NAMESPACE) {
    bad(
      filename,
      `${PROJECT_FILE} is not a REFI-QDA project: its root is <${root.tagName}> in namespace “${root.namespaceURI ?? 'none'}”, expected <Project> in ${QDA_NAMESPACE}`,
    );
  }
  return root;
}

/** A source exported by Lectern is named by document id; other tools' sources are matched by text or title. */
function matchDocument(docs: DocumentLookup, name: string, sourceText: string | null): LoadedDocument | undefined {
  return (
    docs.get(name) ??
    (sourceText !== null ? docs.documents().find((d) => d.text === sourceText) : undefined) ??
    docs.documents().find((d) => d.meta.title === name)
  );
}
