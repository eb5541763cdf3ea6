/**
 * REFI-QDA export: a .qdpx zip of project.qde (valid against QDA-XML 1.0 Project.xsd; element order
 * follows the schema's sequences) and sources/<guid>.txt with each document's canonical text.
 * Tags become nested Codes, annotations PlainTextSelections with one Coding per tag. A note is
 * written twice on purpose: as the selection's Description (the memo QualCoder, MAXQDA and ATLAS.ti
 * read) and as a Note referenced by NoteRef (what NVivo reads). Each coder is a User, named on
 * the selections and codings they made. Orphaned annotations have no place in a source text, so
 * they are left out and listed in the project's Description (the W3C export keeps them).
 * Document attributes (and speaker, date, outlet) are Variables; each document's values are
 * written twice on purpose: on its TextSource (where QualCoder and MAXQDA keep a document's
 * attributes) and on a Case named after the document that refers to it (where NVivo's "cases and
 * attributes" and QualCoder's cases live).
 */
import { strToU8, zipSync } from 'fflate';
import type { LoadedDocument } from '../../types';
import { CodePoints } from '../../../common/codePoints';
import { attrs, codesXml, guidFor, INTERNAL, NO_CODER_GUID, PROJECT_FILE, QDA_NAMESPACE, userGuid, xmlEscape } from '../refiQda';
import { corpusVariables, variablesXml, variableValuesXml, type QdaVariable } from '../refiVariables';
import { coderOf, noteOf, positionOf, quoteOf, tagIdsOf } from '../storeFormat';
import type { ExportItem, ExportModel } from './model';

function selection(item: ExportItem, cp: CodePoints, tagIds: Set<string>): string {
  const a = item.annotation;
  const { start, end } = positionOf(a);
  const user = userGuid(coderOf(a));
  const note = noteOf(a);
  const description = note ? `        <Description>${xmlEscape(note)}</Description>\n` : '';
  const codings = tagIdsOf(a)
    .filter((id) => tagIds.has(id))
    .map(
      (id) =>
        `        <Coding${attrs({ guid: guidFor(`${a.id}/${id}`, 'coding'), creatingUser: user, creationDateTime: a.created })}>\n          <CodeRef targetGUID="${guidFor(id)}"/>\n        </Coding>\n`,
    )
    .join('');
  const noteRef = note ? `        <NoteRef targetGUID="${guidFor(a.id, 'note')}"/>\n` : '';
  const open = `      <PlainTextSelection${attrs({
    guid: guidFor(a.id),
    // The selected text itself, as QualCoder writes it: an importer can check its positions against it.
    name: quoteOf(a).exact,
    startPosition: cp.toCodePoints(start),
    endPosition: cp.toCodePoints(end),
    creatingUser: user,
    creationDateTime: a.created,
    modifyingUser: user,
    modifiedDateTime: a.modified,
  })}`;
  const inner = description + codings + noteRef;
  return inner ? `${open}>\n${inner}      </PlainTextSelection>\n` : `${open}/>\n`;
}

function describe(doc: LoadedDocument): string {
  const m = doc.meta;
  return [m.title, m.speakers.join('; '), m.date, m.outlet, m.event, m.place].filter(Boolean).join(' · ');
}

/** One Case per document, named by its title: its values, then the source it is. */
function casesXml(documents: LoadedDocument[], variables: QdaVariable[]): string {
  if (!documents.length || !variables.length) return '';
  const rows = documents.map(
    (doc) =>
      `    <Case${attrs({ guid: guidFor(doc.meta.id, 'case'), name: doc.meta.title || doc.meta.id })}>\n` +
      // The id tells apart documents that share a title.
      `      <Description>${xmlEscape(`Lectern document ${doc.meta.id}`)}</Description>\n` +
      variableValuesXml(variables, doc, '      ') +
      `      <SourceRef targetGUID="${guidFor(doc.meta.id, 'source')}"/>\n    </Case>\n`,
  );
  return `  <Cases>\n${rows.join('')}  </Cases>\n`;
}

function users(model: ExportModel): string {
  const coders = [...new Set(model.items.map((i) => coderOf(i.annotation)).filter(Boolean))].sort();
  const rows = [
    `    <User${attrs({ guid: NO_CODER_GUID, name: 'Lectern' })}/>\n`,
    ...coders.map((c) => `    <User${attrs({ guid: userGuid(c), name: c })}/>\n`),
  ];
  return `  <Users>\n${rows.join('')}  </Users>\n`;
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
    creatingUserGUID: NO_CODER_GUID,
    creationDateTime: model.exportedAt,
  })}>\n`;
  xml += users(model);
  if (model.codebook.length) xml += `  <CodeBook>\n    <Codes>\n${codesXml(model.codebook, '      ')}    </Codes>\n  </CodeBook>\n`;
  const variables = corpusVariables(model.documents);
  xml += variablesXml(variables, '  ');
  xml += casesXml(model.documents, variables);
  if (model.documents.length) {
    xml += '  <Sources>\n';
    for (const doc of model.documents) {
      const guid = guidFor(doc.meta.id, 'source');
      files[`sources/${guid}.txt`] = strToU8(doc.text);
      const cp = new CodePoints(doc.text);
      const sels = placed
        .filter((i) => i.annotation.target.source === doc.meta.id)
        .map((i) => selection(i, cp, tagIds))
        .join('');
      const description = `      <Description>${xmlEscape(describe(doc))}</Description>\n`;
      const values = variableValuesXml(variables, doc, '      ');
      xml += `    <TextSource${attrs({ guid, name: doc.meta.id, plainTextPath: `${INTERNAL}${guid}.txt` })}>\n${description}${sels}${values}    </TextSource>\n`;
    }
    xml += '  </Sources>\n';
  }
  const noted = placed.filter((i) => noteOf(i.annotation));
  if (noted.length) {
    xml += '  <Notes>\n';
    for (const { annotation: a } of noted) {
      const user = userGuid(coderOf(a));
      xml += `    <Note${attrs({ guid: guidFor(a.id, 'note'), name: `Note on “${quoteOf(a).exact.slice(0, 60)}”`, creatingUser: user, creationDateTime: a.created, modifyingUser: user, modifiedDateTime: a.modified })}>\n`;
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
