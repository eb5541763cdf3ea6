/** What the REFI-QDA export and import share: GUIDs, code-point positions and file names. */
import { createHash } from 'node:crypto';

export const QDA_NAMESPACE = 'urn:QDA-XML:project:1.0';
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

/**
 * REFI-QDA counts positions in Unicode characters (code points), Lectern in UTF-16 code units
 * (as JavaScript strings do); they differ only after characters outside the BMP, like emoji.
 */
export function toCodePoints(text: string, utf16Offset: number): number {
  return [...text.slice(0, utf16Offset)].length;
}

export function fromCodePoints(text: string, codePoints: number): number {
  let cp = 0;
  let i = 0;
  while (i < text.length && cp < codePoints) {
    const c = text.codePointAt(i)!;
    i += c > 0xffff ? 2 : 1;
    cp++;
  }
  return i;
}
