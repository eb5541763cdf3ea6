/**
 * Cuts cleaned blocks into passages with stable ids and offsets into one canonical plain text per
 * document (passage texts joined by blank lines): the text the reader shows and tags anchor to.
 */
import { createHash } from 'node:crypto';
import { escapeHtml } from './blocks';
import type { CleanedBlock } from './cleaning';
import type { Passage } from './types';

/** A block longer than this is cut into passages of a few sentences (e.g. a transcript with no breaks). */
export const MAX_PASSAGE_CHARS = 1200;
/** Aim for passages of about this size when cutting a long block. */
const TARGET_PASSAGE_CHARS = 600;
export const PASSAGE_SEPARATOR = '\n\n';

const segmenter = new Intl.Segmenter('en', { granularity: 'sentence' });

/** Splits a long text into runs of whole sentences of about TARGET_PASSAGE_CHARS: [start, end) pairs. */
export function sentenceChunks(text: string): [number, number][] {
  const chunks: [number, number][] = [];
  let start = 0;
  let end = 0;
  for (const seg of segmenter.segment(text)) {
    const segEnd = seg.index + seg.segment.length;
    if (end > start && segEnd - start > TARGET_PASSAGE_CHARS) {
      chunks.push([start, end]);
      start = seg.index;
    }
    end = segEnd;
  }
  if (end > start) chunks.push([start, end]);
  // Trim white space at the edges so each passage starts and ends on a character.
  return chunks
    .map(([s, e]): [number, number] => {
      while (s < e && /\s/.test(text[s])) s++;
      while (e > s && /\s/.test(text[e - 1])) e--;
      return [s, e];
    })
    .filter(([s, e]) => e > s);
}

function passageId(text: string, seen: Map<string, number>): string {
  const hash = createHash('sha1').update(text).digest('hex').slice(0, 10);
  const n = (seen.get(hash) ?? 0) + 1;
  seen.set(hash, n);
  return n === 1 ? `p${hash}` : `p${hash}-${n}`;
}

export interface PassageLayout {
  text: string;
  passages: Passage[];
  /** For each kept block, the index of its first passage (to place removed pieces in the reader). */
  firstPassageOfBlock: number[];
}

export function layoutPassages(blocks: CleanedBlock[]): PassageLayout {
  const pieces: { text: string; html: string }[] = [];
  const firstPassageOfBlock: number[] = [];
  for (const block of blocks) {
    firstPassageOfBlock.push(pieces.length);
    if (block.text.length <= MAX_PASSAGE_CHARS) {
      pieces.push({ text: block.text, html: block.intact ? block.html : `<p>${escapeHtml(block.text)}</p>` });
    } else {
      for (const [s, e] of sentenceChunks(block.text)) {
        const text = block.text.slice(s, e);
        pieces.push({ text, html: `<p>${escapeHtml(text)}</p>` });
      }
    }
  }
  const seen = new Map<string, number>();
  const passages: Passage[] = [];
  let offset = 0;
  for (const [index, piece] of pieces.entries()) {
    if (index > 0) offset += PASSAGE_SEPARATOR.length;
    passages.push({ id: passageId(piece.text, seen), index, start: offset, end: offset + piece.text.length, text: piece.text, html: piece.html });
    offset += piece.text.length;
  }
  return { text: pieces.map((p) => p.text).join(PASSAGE_SEPARATOR), passages, firstPassageOfBlock };
}

/** Index of the last passage starting at or before `offset` (−1 if none): a document's passages are sorted and apart. */
export function passageAt(passages: readonly { start: number }[], offset: number): number {
  let lo = 0;
  let hi = passages.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    if (passages[mid].start <= offset) {
      found = mid;
      lo = mid + 1;
    } else hi = mid - 1;
  }
  return found;
}

/** The passage that holds the character at `offset`, if any (none: the offset is in a gap between passages). */
export function passageContaining<P extends { start: number; end: number }>(passages: readonly P[], offset: number): P | undefined {
  const p = passages[passageAt(passages, offset)];
  return p && offset < p.end ? p : undefined;
}
