/** Splits YAML front matter from a document and normalises it into DocumentMeta fields. */
import { parse as parseYaml } from 'yaml';

export interface FrontMatterResult {
  /** Parsed fields (a null-prototype object: keys like __proto__ are data, never prototypes). */
  data: Record<string, unknown>;
  body: string;
  /** Set when front matter was present but could not be parsed; the body is then still usable. */
  error: string | null;
}

const OPEN = /^---[ \t]*\r?\n/;
const CLOSE = /\r?\n---[ \t]*(?:\r?\n|$)/;

export function splitFrontMatter(source: string): FrontMatterResult {
  if (!OPEN.test(source)) return { data: Object.create(null), body: source, error: null };
  const afterOpen = source.replace(OPEN, '');
  const close = CLOSE.exec('\n' + afterOpen);
  if (!close) {
    return { data: Object.create(null), body: source, error: 'front matter opened with "---" is never closed by a "---" line' };
  }
  const yamlText = afterOpen.slice(0, Math.max(0, close.index - 1));
  const body = afterOpen.slice(close.index - 1 + close[0].length);
  try {
    const parsed: unknown = parseYaml(yamlText, { maxAliasCount: 50, prettyErrors: true });
    if (parsed === null || parsed === undefined) return { data: Object.create(null), body, error: null };
    if (typeof parsed !== 'object' || Array.isArray(parsed)) {
      return { data: Object.create(null), body, error: 'front matter is not a set of "key: value" fields' };
    }
    return { data: Object.assign(Object.create(null), parsed), body, error: null };
  } catch (e) {
    const msg = (e as Error).message.split('\n')[0];
    return { data: Object.create(null), body, error: `front matter is not valid YAML (${msg})` };
  }
}

/** A plain string from a front matter value; dates become YYYY-MM-DD, anything else is ignored. */
export function stringField(value: unknown): string {
  if (typeof value === 'string') return value.trim();
  if (typeof value === 'number') return String(value);
  if (value instanceof Date && !Number.isNaN(value.getTime())) return value.toISOString().slice(0, 10);
  return '';
}

export function listField(value: unknown): string[] {
  if (Array.isArray(value)) return value.map(stringField).filter(Boolean);
  const s = stringField(value);
  return s ? s.split(/\s*;\s*|\s+and\s+/).filter(Boolean) : [];
}

/** Normalises a date field to ISO YYYY-MM-DD (or YYYY-MM / YYYY); returns '' and a warning if unusable. */
export function dateField(value: unknown): { date: string; warning: string | null } {
  const s = stringField(value);
  if (!s) return { date: '', warning: null };
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) return { date: s, warning: null };
  const t = Date.parse(s);
  if (!Number.isNaN(t)) return { date: new Date(t).toISOString().slice(0, 10), warning: null };
  return { date: '', warning: `date "${s}" is not a date Lectern understands; write it as YYYY-MM-DD` };
}
