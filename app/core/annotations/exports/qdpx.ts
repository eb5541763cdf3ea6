/**
 * REFI-QDA export: a .qdpx zip of project.qde (valid against QDA-XML 1.0 Project.xsd; element order
 * follows the schema's sequences) and sources/<guid>.txt with each document's canonical text.
 * Tags become nested Codes, annotations PlainTextSelections with one Coding per tag, notes Notes
 * referenced by NoteRef. Orphaned annotations have no place in a source text, so they are left
 * out and listed in the project's Description (the W3C export keeps them).
 */
import { strToU8, zipSync } from 'fflate';
import type { LoadedDocument } from '../../types';
import { guidFor, INTERNAL, PROJECT_FILE, QDA_NAMESPACE, toCodePoints } from '../refiQda';
import { noteOf, positionOf, quoteOf, tagIdsOf, type StoredTag } from '../storeFormat';
import type { ExportItem, ExportModel } from './model';

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

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlEscape(String(v))}"`)
    .join('');
}

const USER = guidFor('user', 'user');

function codes(codebook: StoredTag[], parentId: string | null, indent: string): string {
  return codebook
    .filter((t) => t.parentId === parentId)
    .map((t) => {
      const inner = (t.description ? `${indent}  <Description>${xmlEscape(t.description)}</Description>\n` : '') + codes(codebook, t.id, indent + '  ');
      const open = `${indent}<Code${attrs({ guid: guidFor(t.id), name: t.name, isCodable: 'true', color: t.color })}`;
      return inner ? `${open}>\n${inner}${indent}</Code>\n` : `${open}/>\n`;
    })
    .join('');
}

function selection(item: ExportItem, text: string, tagIds: Set<string>): string {
  const a = item.annotation;
  const { start, end } = positionOf(a);
  const codings = tagIdsOf(a)
    .filter((id) => tagIds.has(id))
    .map(
      (id) =>
        `        <Coding${attrs({ guid: guidFor(`${a.id}/${id}`, 'coding'), creatingUser: USER, creationDateTime: a.created })}>\n          <CodeRef targetGUID="${guidFor(id)}"/>\n        </Coding>\n`,
    )
    .join('');
  const noteRef = noteOf(a) ? `        <NoteRef targetGUID="${guidFor(a.id, 'note')}"/>\n` : '';
  const open = `      <PlainTextSelection${attrs({
    guid: guidFor(a.id),
    name: quoteOf(a).exact.slice(0, 80),
    startPosition: toCodePoints(text, start),
    endPosition: toCodePoints(text, end),
    creatingUser: USER,
    creationDateTime: a.created,
    modifyingUser: USER,
    modifiedDateTime: a.modified,
  })}`;
  return codings || noteRef ? `${open}>\n${codings}${noteRef}      </PlainTextSelection>\n` : `${open}/>\n`;
}

function describe(doc: LoadedDocument): string {
  const m = doc.meta;
  return [m.title, m.speakers.join('; '), m.date, m.outlet, m.event, m.place].filter(Boolean).join(' · ');
}

export function toQdpx(model: ExportModel): Uint8Array {
  const tagIds = new Set(model.codebook.map((t) => t.id));
  const placed = model.items.filter((i) => !i.orphan);
  const orphans = model.items.filter((i) => i.orphan);
  const files: Record<string, Uint8Array> = {};
  let xml = `<?xml version="1.0" encoding="UTF-8"?>\n<Project${attrs({
    xmlns: QDA_NAMESPACE,
    name: `Lectern: ${model.name}`,
    origin: 'Lectern',
    creatingUserGUID: USER,
    creationDateTime: model.exportedAt,
  })}>\n`;
  xml += `  <Users>\n    <User${attrs({ guid: USER, name: 'Lectern' })}/>\n  </Users>\n`;
  if (model.codebook.length) xml += `  <CodeBook>\n    <Codes>\n${codes(model.codebook, null, '      ')}    </Codes>\n  </CodeBook>\n`;
  if (model.documents.length) {
    xml += '  <Sources>\n';
    for (const doc of model.documents) {
      const guid = guidFor(doc.meta.id, 'source');
      files[`sources/${guid}.txt`] = strToU8(doc.text);
      const sels = placed
        .filter((i) => i.annotation.target.source === doc.meta.id)
        .map((i) => selection(i, doc.text, tagIds))
        .join('');
      const description = `      <Description>${xmlEscape(describe(doc))}</Description>\n`;
      xml += `    <TextSource${attrs({ guid, name: doc.meta.id, plainTextPath: `${INTERNAL}${guid}.txt` })}>\n${description}${sels}    </TextSource>\n`;
    }
    xml += '  </Sources>\n';
  }
  const noted = placed.filter((i) => noteOf(i.annotation));
  if (noted.length) {
    xml += '  <Notes>\n';
    for (const { annotation: a } of noted) {
      xml += `    <Note${attrs({ guid: guidFor(a.id, 'note'), name: `Note on “${quoteOf(a).exact.slice(0, 60)}”`, creatingUser: USER, creationDateTime: a.created, modifiedDateTime: a.modified })}>\n`;
      xml += `      <PlainTextContent>${xmlEscape(noteOf(a))}</PlainTextContent>\n    </Note>\n`;
    }
    xml += '  </Notes>\n';
  }
  if (orphans.length) {
    const list = orphans.map((i) => `“${quoteOf(i.annotation).exact}” (${i.annotation.target.source})`).join('; ');
    xml += `  <Description>${xmlEscape(`Exported by Lectern. ${orphans.length} annotation(s) could not be placed in the current text and are not included: ${list}`)}</Description>\n`;
  }
  xml += '</Project>\n';
  files[PROJECT_FILE] = strToU8(xml);
  return zipSync(files, { level: 6 });
}
