/**
 * A Markdown report for reading and sharing: one section per tag (codebook order, nested tags as
 * deeper headings), each passage quoted with its citation (speaker, date, outlet, document) and note.
 */
import { tagPath } from '../codebook';
import { noteOf, positionOf, quoteOf, tagIdsOf, type StoredTag } from '../storeFormat';
import type { ExportItem, ExportModel } from './model';

/** Escapes what Markdown would otherwise read as formatting, so a quote shows as it was said. */
export function mdEscape(s: string): string {
  return s.replace(/([\\`*_[\]<>#|])/g, '\\$1');
}

/**
 * mdEscape for a line that starts a block (a quote's or a note's line): a leading `- `, `+ `, `1. `,
 * `1) `, a `===`/`---` underline or `~~~` fence would make it a list, a heading or code in every
 * renderer. CommonMark lets any ASCII punctuation be backslash-escaped, so the leading marker is;
 * four or more leading spaces (an indented code block) are cut to three.
 */
export function mdEscapeLine(line: string): string {
  return mdEscape(line)
    .replace(/^ {4,}/, '   ')
    .replace(/^( *)([-+=~])/, '$1\\$2')
    .replace(/^( *)(\d{1,9})([.)])/, '$1$2\\$3');
}

function depth(codebook: StoredTag[], tag: StoredTag): number {
  return tagPath(codebook, tag.id).split('/').length - 1;
}

function citation(item: ExportItem): string {
  const c = item.citation;
  const { start, end } = positionOf(item.annotation);
  const parts = [c.speakers.join('; ') || 'Unknown speaker', c.date || 'undated', c.outlet ? `*${mdEscape(c.outlet)}*` : ''];
  const where = item.orphan ? 'orphaned: not found in the current text' : `characters ${start}–${end}`;
  return `— ${parts
    .filter(Boolean)
    .map((p, i) => (i === 0 ? mdEscape(p) : p))
    .join(', ')}, “${mdEscape(c.title)}” (\`${c.docId}\`, ${where})`;
}

function passage(item: ExportItem): string {
  const quote = quoteOf(item.annotation)
    .exact.split(/\r?\n/)
    .map((line) => `> ${mdEscapeLine(line)}`)
    .join('\n');
  const note = noteOf(item.annotation);
  return `${quote}\n>\n> ${citation(item)}\n${note ? `\n**Note:** ${note.split(/\r?\n/).map(mdEscapeLine).join('  \n')}\n` : ''}`;
}

export function toMarkdown(model: ExportModel): string {
  const out: string[] = [
    `# Tags report: ${mdEscape(model.name)}`,
    '',
    `Exported by Lectern on ${model.exportedAt.slice(0, 10)}: ${model.items.length} tagged passage(s), ${model.codebook.length} tag(s).`,
    '',
  ];
  for (const tag of model.codebook) {
    const items = model.items.filter((i) => tagIdsOf(i.annotation).includes(tag.id));
    const level = '#'.repeat(Math.min(2 + depth(model.codebook, tag), 6));
    out.push(`${level} ${mdEscape(tagPath(model.codebook, tag.id))} (${items.length})`, '');
    if (tag.description) out.push(`*${mdEscape(tag.description)}*`, '');
    for (const item of items) out.push(passage(item));
  }
  const untagged = model.items.filter((i) => !tagIdsOf(i.annotation).some((id) => model.codebook.some((t) => t.id === id)));
  if (untagged.length) {
    out.push(`## Notes without a tag (${untagged.length})`, '');
    for (const item of untagged) out.push(passage(item));
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n') + '\n';
}
