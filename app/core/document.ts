/** Builds one LoadedDocument from a corpus file: front matter, blocks, cleaning, passages. */
import { createHash } from 'node:crypto';
import { countWords } from './analysis/tokens';
import { markdownBlocks, plainTextBlocks } from './blocks';
import { cleanBlocks, type CleaningConfig } from './cleaning';
import type { CorpusFile } from './corpusFiles';
import { attributesOf } from './attributes';
import { dateField, listField, splitFrontMatter, stringField } from './frontMatter';
import { MAX_MARKDOWN_DEPTH, markdownDepth } from './markdownDepth';
import { layoutPassages } from './passages';
import type { Diagnostic, DocumentMeta, LoadedDocument } from './types';

export function fileHash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

export function documentId(relPath: string): string {
  return relPath.replace(/\.[^./]+$/, '');
}

export function buildDocument(file: CorpusFile, config: CleaningConfig): { document: LoadedDocument; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const warn = (message: string) => diagnostics.push({ file: file.relPath, severity: 'warning', message });
  const fm = splitFrontMatter(file.source);
  if (fm.error) warn(`${fm.error}; the file was read as text without metadata. Fix the block between the "---" lines.`);
  let body = fm.body;
  let title = stringField(fm.data.title);
  if (file.format === 'txt' && !title) {
    // A .txt file's first line is its title (and stays in the text; cleaning drops it as a title echo
    // unless it is the only paragraph).
    title =
      body
        .split('\n')
        .find((l) => l.trim() !== '')
        ?.trim() ?? '';
  }
  const id = documentId(file.relPath);
  const { date, warning } = dateField(fm.data.date);
  if (warning) warn(warning);
  const speakers = listField(fm.data.speakers ?? fm.data.speaker ?? fm.data.author);
  const meta: DocumentMeta = {
    id,
    title: (title || id.split('/').pop()!).slice(0, 500),
    speakers,
    date,
    event: stringField(fm.data.event),
    place: stringField(fm.data.place),
    outlet: stringField(fm.data.outlet ?? fm.data.publisher),
    kind: stringField(fm.data.kind),
    language: stringField(fm.data.language) || 'en',
    author: listField(fm.data.author).join('; '),
    source: stringField(fm.data.source),
    path: file.relPath,
    attributes: attributesOf(fm.data, warn),
  };
  body = body.replace(/^\n+/, '');
  // `format: text` (written by a PDF import): a .md file whose body is plain text, never read as Markdown.
  let asText = file.format === 'txt' || stringField(fm.data.format).toLowerCase() === 'text';
  if (!asText) {
    const depth = markdownDepth(body);
    if (depth > MAX_MARKDOWN_DEPTH) {
      asText = true;
      warn(
        `nests lists or quotes ${depth} levels deep (Lectern reads Markdown up to ${MAX_MARKDOWN_DEPTH}); it was read as plain text. Flatten the nesting to read it as Markdown.`,
      );
    }
  }
  const blocks = asText ? plainTextBlocks(body) : markdownBlocks(body);
  const cleaned = cleanBlocks(blocks, config, { title: meta.title, outlet: meta.outlet });
  if (cleaned.guard) {
    const pct = Math.round(cleaned.guard.share * 100);
    warn(
      `cleaning rules would remove ${pct > 50 ? pct : (cleaned.guard.share * 100).toFixed(1)}% of the text (${cleaned.guard.rules.join(', ')}); the text was kept whole. ` +
        'If it is boilerplate, mark paragraphs in the reader or adjust .lectern/cleaning-rules.json.',
    );
  }
  const layout = layoutPassages(cleaned.kept);
  if (layout.passages.length === 0) warn('has no text left after cleaning; check its content and the cleaning rules.');
  const removed = cleaned.removed.map((r) => ({
    text: r.text,
    rule: r.rule,
    beforePassage: r.beforeKept < layout.firstPassageOfBlock.length ? layout.firstPassageOfBlock[r.beforeKept] : layout.passages.length,
  }));
  return {
    document: {
      meta,
      text: layout.text,
      passages: layout.passages,
      removed,
      wordCount: countWords(layout.text),
      contentHash: fileHash(file.bytes),
      configKey: config.key,
      stamp: file.stamp,
      // Kept with the document: reported again when it is reused without being rebuilt.
      ...(diagnostics.length ? { diagnostics } : {}),
    },
    diagnostics,
  };
}
