/**
 * Document attributes as REFI-QDA Variables, both ways. Each attribute of the corpus (and the
 * built-in fields a coder classifies documents by: speaker, date, outlet) is one <Variable>, typed
 * from the corpus-wide type; a document's value of it is a <VariableValue> holding the value
 * element its type names (TextValue, IntegerValue, FloatValue, DateValue).
 */
import type { AttributeType } from '../../common/documents';
import { attributeSchema, attributeValue } from '../attributes';
import type { LoadedDocument } from '../types';
import { guidFor, kid, kids, textOf, xmlEscape } from './refiQda';

export type QdaType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date' | 'DateTime';

export interface QdaVariable {
  guid: string;
  name: string;
  type: QdaType;
  /** A field Lectern reads itself (speaker, date, outlet), not a front-matter attribute. */
  builtIn: boolean;
  valueOf(doc: LoadedDocument): string;
}

/** The element of a VariableValue that holds a value of each type (Project.xsd's VariableValueType). */
export const VALUE_ELEMENT: Record<QdaType, string> = {
  Text: 'TextValue',
  Boolean: 'BooleanValue',
  Integer: 'IntegerValue',
  Float: 'FloatValue',
  Date: 'DateValue',
  DateTime: 'DateTimeValue',
};

const INTEGER = /^-?\d+$/;
const YEAR = /^\d{4}$/;
const DATE_LIKE = /^\d{4}(?:-\d{2}(?:-\d{2})?)?$/;

/** A whole calendar date as xsd:date takes it (year 0001 or later, a day the month has). */
function isCalendarDate(v: string): boolean {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(v);
  if (!m || m[1] === '0000') return false;
  const d = new Date(`${v}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v;
}

/**
 * The REFI-QDA type of a Lectern attribute type, given the values it holds. A Lectern date may be a
 * year or a month ("1987", "1987-05"), which xsd:date does not take: a column of years is an Integer
 * (tools still sort and range it), a mix of partial dates is Text, so every value stays valid.
 */
export function qdaTypeOf(type: AttributeType, values: string[]): QdaType {
  if (type === 'number') return values.every((v) => INTEGER.test(v)) ? 'Integer' : 'Float';
  if (type === 'date') {
    if (values.every(isCalendarDate)) return 'Date';
    if (values.every((v) => YEAR.test(v))) return 'Integer';
  }
  return 'Text';
}

const BUILT_INS: { name: string; valueOf(doc: LoadedDocument): string }[] = [
  { name: 'speaker', valueOf: (d) => d.meta.speakers.join('; ') },
  { name: 'date', valueOf: (d) => d.meta.date },
  { name: 'outlet', valueOf: (d) => d.meta.outlet },
];

/**
 * The Variables of a corpus: the built-in fields any document has a value of, then every attribute
 * by name. GUIDs derive from the name, so the same corpus exports the same Variables every time.
 */
export function corpusVariables(documents: LoadedDocument[]): QdaVariable[] {
  const out: QdaVariable[] = [];
  for (const b of BUILT_INS) {
    const values = documents.map(b.valueOf).filter(Boolean);
    if (!values.length) continue;
    const type = b.name === 'date' && values.every((v) => DATE_LIKE.test(v)) ? qdaTypeOf('date', values) : 'Text';
    out.push({ guid: guidFor(`builtin:${b.name}`, 'variable'), name: b.name, type, builtIn: true, valueOf: b.valueOf });
  }
  for (const info of attributeSchema(documents.map((d) => d.meta))) {
    const valueOf = (d: LoadedDocument) => attributeValue(d.meta.attributes, info.name) ?? '';
    const values = documents.map(valueOf).filter(Boolean);
    out.push({ guid: guidFor(info.name, 'variable'), name: info.name, type: qdaTypeOf(info.type, values), builtIn: false, valueOf });
  }
  return out;
}

export function variablesXml(variables: QdaVariable[], indent: string): string {
  if (!variables.length) return '';
  const rows = variables.map((v) => {
    const open = `${indent}  <Variable guid="${v.guid}" name="${xmlEscape(v.name)}" typeOfVariable="${v.type}"`;
    // Lectern's own fields say so: importing them back into Lectern checks them but never rewrites them.
    return v.builtIn ? `${open}>\n${indent}    <Description>Lectern's built-in ${v.name} field</Description>\n${indent}  </Variable>\n` : `${open}/>\n`;
  });
  return `${indent}<Variables>\n${rows.join('')}${indent}</Variables>\n`;
}

/** A document's value of each variable it has, as <VariableValue> elements. */
export function variableValuesXml(variables: QdaVariable[], doc: LoadedDocument, indent: string): string {
  return variables
    .map((v) => [v, v.valueOf(doc)] as const)
    .filter(([, value]) => value !== '')
    .map(([v, value]) => {
      const el = VALUE_ELEMENT[v.type];
      return `${indent}<VariableValue>\n${indent}  <VariableRef targetGUID="${v.guid}"/>\n${indent}  <${el}>${xmlEscape(value)}</${el}>\n${indent}</VariableValue>\n`;
    })
    .join('');
}

// ---------- reading ----------

/** The Variables of a project by GUID (lower case): each one's name. */
export function readVariables(root: Element): Map<string, string> {
  const out = new Map<string, string>();
  const el = kid(root, 'Variables');
  for (const v of el ? kids(el, 'Variable') : []) {
    const guid = v.getAttribute('guid');
    const name = v.getAttribute('name');
    if (guid && name) out.set(guid.toLowerCase(), name);
  }
  return out;
}

const VALUE_ELEMENTS = new Set(Object.values(VALUE_ELEMENT));

/** The VariableValue children of an element as [variable name, value] pairs; values of unknown variables are counted. */
export function readVariableValues(el: Element, variables: Map<string, string>): { values: [string, string][]; unknown: number } {
  const values: [string, string][] = [];
  let unknown = 0;
  for (const vv of kids(el, 'VariableValue')) {
    const ref = kid(vv, 'VariableRef')?.getAttribute('targetGUID')?.toLowerCase() ?? '';
    const name = variables.get(ref);
    const valueEl = Array.from(vv.childNodes as ArrayLike<Node>).find((n): n is Element => n.nodeType === 1 && VALUE_ELEMENTS.has((n as Element).localName));
    const value = textOf(valueEl).trim();
    if (name === undefined) unknown++;
    else if (value !== '') values.push([name, value]);
  }
  return { values, unknown };
}
