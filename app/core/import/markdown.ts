/** Imports a Markdown file: its front matter (if any) becomes the metadata, its body is kept as it is. */
import { dateField, listField, splitFrontMatter, stringField } from '../frontMatter';
import { decodeImportedText } from './text';
import { emptyMeta, type Extracted } from './types';

export function extractMarkdown(filename: string, bytes: Buffer): Extracted {
  const fm = splitFrontMatter(decodeImportedText(filename, bytes));
  const warnings: string[] = [];
  if (fm.error) warnings.push(`The ${fm.error}; the metadata fields are empty. Fill them in below.`);
  const d = fm.data;
  const meta = emptyMeta(stringField(d.source) || filename);
  meta.title = stringField(d.title);
  meta.speakers = listField(d.speakers ?? d.speaker);
  meta.author = stringField(d.author);
  const date = dateField(d.date);
  meta.date = date.date;
  if (date.warning) warnings.push(`The ${date.warning}.`);
  meta.event = stringField(d.event);
  meta.place = stringField(d.place);
  meta.outlet = stringField(d.outlet ?? d.publisher);
  meta.kind = stringField(d.kind);
  meta.language = stringField(d.language);
  let body = fm.body.replace(/^\n+/, '');
  if (!meta.title) {
    // A leading "# Heading" is the title when the front matter has none; it moves into the metadata.
    const heading = /^#[ \t]+(.+?)[ \t#]*(?:\n|$)/.exec(body);
    if (heading) {
      meta.title = heading[1].trim();
      body = body.slice(heading[0].length).replace(/^\n+/, '');
    }
  }
  return { meta, markdown: body.trimEnd(), format: 'markdown', warnings };
}
