/** Splits YAML front matter from a document and normalises it into DocumentMeta fields. */
import { parse as parseYaml } from 'yaml';
import { LecternError } from '../common/errors';

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

const EXPECTED_DATE = 'write it as YYYY-MM-DD (or YYYY-MM, or YYYY), like 2019-03-07';

/**
 * Why an ISO-shaped date (YYYY, YYYY-MM or YYYY-MM-DD) is not a real calendar date, or null when it
 * is one (or is not ISO-shaped at all).
 */
export function calendarProblem(s: string): string | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const [year, month, day] = [Number(m[1]), m[2] === undefined ? 1 : Number(m[2]), m[3] === undefined ? 1 : Number(m[3])];
  if (month < 1 || month > 12) return `there is no month ${m[2]}`;
  // Day 0 of the next month is the last day of this one (29 February in leap years).
  const days = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > days) return `${m[1]}-${m[2]} has no day ${m[3]}`;
  return null;
}

/**
 * Normalises a date field to ISO YYYY-MM-DD (or YYYY-MM / YYYY); returns '' and a warning if
 * unusable, including an ISO date that is no day of the calendar (2020-13-45, 2021-02-29).
 */
export function dateField(value: unknown): { date: string; warning: string | null } {
  const s = stringField(value);
  if (!s) return { date: '', warning: null };
  if (/^\d{4}(-\d{2}(-\d{2})?)?$/.test(s)) {
    const problem = calendarProblem(s);
    return problem ? { date: '', warning: `date "${s}" is not a real date (${problem}); ${EXPECTED_DATE}` } : { date: s, warning: null };
  }
  // An ISO date with a time, or a written date ("7 March 2019"): JavaScript reads those; a date it
  // would roll over ("2021-02-30T10:00" is not refused by every engine) is checked by its ISO part.
  const iso = /^(\d{4}-\d{2}-\d{2})[T ]/.exec(s);
  const problem = iso ? calendarProblem(iso[1]) : null;
  const t = Date.parse(s);
  if (!problem && !Number.isNaN(t)) return { date: new Date(t).toISOString().slice(0, 10), warning: null };
  return { date: '', warning: `date "${s}" is not ${problem ? `a real date (${problem})` : 'a date Lectern understands'}; ${EXPECTED_DATE}` };
}

/**
 * Checks a date entered for a document (import, metadata editor): empty, or a real ISO date.
 * Throws a LecternError saying what is wrong and what form is expected.
 */
export function checkEnteredDate(date: string | undefined): void {
  const s = (date ?? '').trim();
  if (!s) return;
  const problem = /^\d{4}(-\d{2}(-\d{2})?)?$/.test(s) ? calendarProblem(s) : 'it is not in the form YYYY-MM-DD';
  if (problem) throw new LecternError(`The date “${s.slice(0, 40)}” is not a real date (${problem}): ${EXPECTED_DATE}, or leave it empty.`);
}
