/**
 * Writes documents into the corpus as Markdown with front matter: a new one from an import, and new
 * front matter for an existing one (the body after the front matter is kept byte for byte).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { Document, isMap, parseDocument, stringify } from 'yaml';
import { type BodyFormat, type MetadataFields } from '../../common/contract';
import { attributeName, BUILT_IN_FIELDS, BUILT_IN_FILTERS, INDEX_FIELD_NAMES, isReservedName } from '../attributes';
import { LecternError } from '../../common/errors';
import { writeFileAtomic } from '../atomicFile';
import { realPathInCorpus } from '../corpusJail';
import { checkEnteredDate } from '../frontMatter';
import { CORPUS_EXTENSIONS } from '../../common/formats';

/** The front matter keys Lectern writes, in the order it writes them. */
const KEYS = ['title', 'speakers', 'date', 'event', 'place', 'outlet', 'kind', 'language', 'author', 'source'] as const;

/** Checks that a document id is a safe relative path inside the corpus; returns it tidied. */
export function checkDocumentId(id: string): string {
  const tidy = id.trim().replace(/\\/g, '/').replace(/\.md$/i, '');
  const segments = tidy.split('/');
  const bad =
    !tidy ||
    tidy.length > 200 ||
    tidy.startsWith('/') ||
    /^[a-z]:/i.test(tidy) ||
    segments.some((s) => !s || s === '.' || s === '..' || s.startsWith('.') || /[\u0000-\u001f<>:"|?*]/.test(s));
  if (bad) {
    throw new LecternError(
      `“${id}” cannot be a document name: use letters, digits and hyphens, optionally in sub-folders (like 2021/raab-speech), without “..”, a leading “/” or “.”, or any of < > : " | ? *.`,
    );
  }
  return tidy;
}

/** Front matter values: empty fields are left out (speakers stay, even empty, so an author is never taken for a speaker). */
/** An attribute the metadata editor may write: a searchable name that is not one of Lectern's own fields. */
function checkAttributeName(name: string): void {
  if (!/^[\p{L}_][\p{L}\p{N}_]*$/u.test(name) || attributeName(name) !== name)
    throw new LecternError(
      `"${name.slice(0, 60)}" cannot be an attribute name: use lower-case letters, digits and "_", starting with a letter (party, term_start).`,
    );
  if (isReservedName(name)) throw new LecternError(`"${name.slice(0, 60)}" is a reserved name; choose another name for the field.`);
  if (BUILT_IN_FIELDS.has(name) || INDEX_FIELD_NAMES.has(name) || (BUILT_IN_FILTERS as readonly string[]).includes(name))
    throw new LecternError(`"${name}" is one of Lectern's own fields; edit it in its own box, not as an attribute.`);
}

function frontMatterValues(meta: Partial<MetadataFields>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of KEYS) {
    const v = meta[key];
    if (key === 'speakers') out.speakers = ((v as string[] | undefined) ?? []).map((s) => s.trim()).filter(Boolean);
    else if (typeof v === 'string' && v.trim()) out[key] = v.trim();
  }
  for (const [name, value] of Object.entries(meta.attributes ?? {})) {
    checkAttributeName(name);
    if (value.trim()) out[name] = value.trim();
  }
  return out;
}

/**
 * A whole Markdown document: front matter, a blank line, the body. A plain-text body is written as
 * it is, with `format: text`, which tells the corpus to read it as text: no backslashes are added
 * to keep Markdown from reading `*` or `1.` in it, so the file holds exactly the text shown.
 */
export function markdownDocument(meta: MetadataFields, body: string, format: BodyFormat = 'markdown'): string {
  const values = { ...frontMatterValues(meta), ...(format === 'text' ? { format: 'text' } : {}) };
  return `---\n${stringify(values, { lineWidth: 0 })}---\n\n${body.replace(/\r\n?/g, '\n').trim()}\n`;
}

async function exists(file: string): Promise<boolean> {
  return fs.access(file).then(
    () => true,
    () => false,
  );
}

/** The files of a corpus that a document id could be (a.md, a.markdown, a.txt). */
export async function existingFileOf(corpusDir: string, id: string): Promise<string | null> {
  for (const ext of CORPUS_EXTENSIONS) {
    const rel = `${id}${ext}`;
    if (await exists(path.join(corpusDir, ...rel.split('/')))) return rel;
  }
  return null;
}

/**
 * Writes a new document `<id>.md`. An existing document of that id is replaced only with
 * `overwrite`; otherwise the error says so and nothing is written.
 */
export async function writeNewDocument(
  corpusDir: string,
  id: string,
  meta: MetadataFields,
  body: string,
  overwrite = false,
  format: BodyFormat = 'markdown',
): Promise<{ path: string; replaced: string | null }> {
  const clean = checkDocumentId(id);
  if (!body.trim()) throw new LecternError('The document has no text: add its text before importing it.');
  checkEnteredDate(meta.date);
  const existing = await existingFileOf(corpusDir, clean);
  if (existing && !overwrite) {
    throw new LecternError(`The corpus already has a document “${clean}” (${existing}). Choose another name, or confirm that it should be replaced.`, 'exists');
  }
  const rel = `${clean}.md`;
  await writeFileAtomic(path.join(corpusDir, ...rel.split('/')), markdownDocument(meta, body, format), { within: corpusDir });
  // Replacing a.txt (or a.markdown) with a.md: the old file goes, or the two would share one id.
  if (existing && existing !== rel) await fs.rm(await realPathInCorpus(corpusDir, path.join(corpusDir, ...existing.split('/'))), { force: true });
  return { path: rel, replaced: existing };
}

const OPEN = /^(\uFEFF?)---[ \t]*\r?\n/;
const CLOSE = /(^|\r?\n)---[ \t]*(\r?\n|$)/;

/**
 * Rewrites only the front matter of a Markdown document: known keys are set (or removed when
 * empty), other keys and comments are kept, and every byte after the closing "---" stays as it was.
 * A .txt document becomes <id>.md: the same text after new front matter (plain text has no front
 * matter of its own); the .txt file is removed once the .md is written.
 */
export async function updateFrontMatter(corpusDir: string, relPath: string, meta: Partial<MetadataFields>): Promise<{ path: string }> {
  checkEnteredDate(meta.date);
  // A document linked from elsewhere in the corpus is edited where it really is (the link stays).
  const abs = await realPathInCorpus(corpusDir, path.join(corpusDir, ...relPath.split('/')));
  const raw = await fs.readFile(abs);
  let source: string;
  try {
    source = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(raw);
  } catch {
    throw new LecternError(`${relPath} is not UTF-8 text, so Lectern cannot rewrite its metadata safely. Re-save it as UTF-8 and try again.`);
  }
  const values = frontMatterValues(meta);
  if (path.extname(relPath).toLowerCase() === '.txt') {
    const mdRel = relPath.replace(/\.txt$/i, '.md');
    if (await exists(path.join(corpusDir, ...mdRel.split('/')))) throw new LecternError(`Both ${relPath} and ${mdRel} exist; remove one of them first.`);
    await writeFileAtomic(path.join(corpusDir, ...mdRel.split('/')), `---\n${stringify(values, { lineWidth: 0 })}---\n\n${source.replace(/^\uFEFF/, '')}`, {
      within: corpusDir,
    });
    await fs.rm(path.join(corpusDir, ...relPath.split('/')));
    return { path: mdRel };
  }
  const open = OPEN.exec(source);
  const close = open ? CLOSE.exec(source.slice(open[0].length)) : null;
  let yamlText = '';
  let bom = '';
  let body: string;
  let newline = '\n';
  if (open && close) {
    bom = open[1];
    yamlText = source.slice(open[0].length, open[0].length + close.index);
    body = source.slice(open[0].length + close.index + close[0].length);
    newline = close[2] || (/\r\n/.test(open[0]) ? '\r\n' : '\n');
  } else {
    bom = source.startsWith('\uFEFF') ? '\uFEFF' : '';
    body = `\n${source.slice(bom.length)}`;
  }
  // Empty front matter ("---" then "---") is an empty map, so that keys can be set on it.
  const doc = yamlText.trim() ? parseDocument(yamlText) : new Document({});
  if (doc.errors.length || !isMap(doc.contents)) {
    throw new LecternError(
      `The front matter of ${relPath} is not valid YAML (${doc.errors[0]?.message.split('\n')[0] ?? 'not a set of "key: value" fields'}). Fix it in an editor first, so that nothing in it is lost.`,
    );
  }
  for (const key of KEYS) {
    if (meta[key] === undefined) continue;
    if (key in values) doc.set(key, values[key]);
    else doc.delete(key);
  }
  // The speaker may have been stored under an older key: one list of speakers remains.
  if (meta.speakers !== undefined) doc.delete('speaker');
  for (const [name, value] of Object.entries(meta.attributes ?? {})) {
    checkAttributeName(name);
    // The field as the file spells it ("Party" is the attribute party).
    const existing = (doc.contents as { items: { key: unknown }[] }).items
      .map((i) => String((i.key as { value?: unknown })?.value ?? i.key))
      .find((k) => attributeName(k) === name);
    if (value.trim()) doc.set(existing ?? name, value.trim());
    else if (existing !== undefined) doc.delete(existing);
  }
  const yaml = doc.toString({ lineWidth: 0 }).replace(/\r?\n/g, newline);
  await writeFileAtomic(abs, `${bom}---${newline}${yaml}---${newline}${body}`, { within: corpusDir });
  return { path: relPath };
}
