/**
 * What the REFI-QDA project (.qdpx) and codebook (.qdc) exports and imports share: namespaces,
 * GUIDs, XML writing and reading, and the Codes tree that both files hold.
 */
import { createHash } from 'node:crypto';
import { DOMParser } from '@xmldom/xmldom';
import { LecternError } from '../../common/errors';
import type { ImportedTag } from './imports/bundle';
import type { StoredTag } from './storeFormat';

export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';
export const CODEBOOK_NAMESPACE = 'urn:QDA-XML:codebook:1.0';
export const PROJECT_FILE = 'project.qde';
export const INTERNAL = 'internal://';

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const isGuid = (s: string) => GUID.test(s);

/** The id itself when it is a GUID (tags and annotations are), else a stable GUID derived from it. */
export function guidFor(id: string, kind = ''): string {
  if (kind === '' && isGuid(id)) return id.toLowerCase();
  const h = createHash('sha1').update(`lectern:${kind}:${id}`).digest('hex');
  // Shaped as a name-based (version 5) UUID so tools that check the variant accept it.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-5${h.slice(13, 16)}-${((parseInt(h[16], 16) & 3) | 8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The user that annotations with no recorded coder are exported under; read back as "no coder". */
export const NO_CODER_GUID = guidFor('user', 'user');
export const userGuid = (coder: string) => (coder ? guidFor(coder, 'coder') : NO_CODER_GUID);

// ---------- writing ----------

/** XML 1.0 cannot carry most control characters at all, even escaped. */
const NOT_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]/g;

export function xmlEscape(s: string): string {
  return s
    .replace(NOT_XML, '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/\r/g, '&#13;')
    .replace(/\n/g, '&#10;')
    .replace(/\t/g, '&#9;');
}

export function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

/** The codebook as nested <Code> elements (each with its colour and Description), children inside parents. */
export function codesXml(codebook: StoredTag[], indent: string, parentId: string | null = null): string {
  return codebook
    .filter((t) => t.parentId === parentId)
    .map((t) => {
      const inner = (t.description ? `${indent}  <Description>${xmlEscape(t.description)}</Description>\n` : '') + codesXml(codebook, indent + '  ', t.id);
      const open = `${indent}<Code${attrs({ guid: guidFor(t.id), name: t.name, isCodable: 'true', color: t.color })}`;
      return inner ? `${open}>\n${inner}${indent}</Code>\n` : `${open}/>\n`;
    })
    .join('');
}

// ---------- reading ----------

export function badImport(filename: string, what: string): never {
  throw new LecternError(`Cannot import “${filename}”: ${what}. Nothing was changed.`, 'bad-import');
}

export const kids = (el: Element, name: string): Element[] =>
  Array.from(el.childNodes as ArrayLike<Node>).filter((n): n is Element => n.nodeType === 1 && (n as Element).localName === name);
export const kid = (el: Element, name: string): Element | undefined => kids(el, name)[0];
export const textOf = (el: Element | undefined) => el?.textContent ?? '';

export function required(el: Element, attr: string, filename: string): string {
  const v = el.getAttribute(attr);
  if (!v) badImport(filename, `a <${el.localName}> element has no ${attr} attribute`);
  return v;
}

/** Parses a REFI-QDA file strictly and checks its root element and namespace. */
export function parseQdaXml(xml: string, filename: string, part: string, rootName: string, namespace: string): Element {
  const problems: string[] = [];
  const report = (msg: string) =>
    problems.push(
      String(msg)
        .split('\n')[0]
        .replace(/^\[xmldom \w+\]\s*/, ''),
    );
  // xmldom is lenient (an unclosed element is only a warning), so every complaint counts.
  const doc = new DOMParser({ errorHandler: { warning: report, error: report, fatalError: report } }).parseFromString(xml, 'text/xml');
  if (problems.length || !doc?.documentElement) badImport(filename, `${part} is not well-formed XML (${problems[0] ?? 'empty document'})`);
  const root = doc.documentElement as unknown as Element;
  if (root.localName !== rootName || root.namespaceURI !== namespace) {
    badImport(
      filename,
      `${part} is not a REFI-QDA ${rootName === 'Project' ? 'project' : 'codebook'}: its root is <${root.tagName}> in namespace “${root.namespaceURI ?? 'none'}”, expected <${rootName}> in ${namespace}`,
    );
  }
  return root;
}

/** The <Codes> tree as tags, parents before their children. */
export function readCodes(codesEl: Element | undefined, filename: string): ImportedTag[] {
  const tags: ImportedTag[] = [];
  const walk = (el: Element, parentId: string | null) => {
    for (const c of kids(el, 'Code')) {
      const id = required(c, 'guid', filename).toLowerCase();
      tags.push({ id, name: required(c, 'name', filename), color: c.getAttribute('color') || null, description: textOf(kid(c, 'Description')), parentId });
      walk(c, id);
    }
  };
  if (codesEl) walk(codesEl, null);
  return tags;
}
