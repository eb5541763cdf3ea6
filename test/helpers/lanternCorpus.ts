/**
 * A corpus of 64 short Markdown reports about a town (deterministic), for search totals and paging:
 * more than one page of documents say "lantern" in some form ("lantern", "lanterns", "lantern's",
 * "lantern-lit", twice side by side), and 7 say it only in their title. Paragraphs are separated by
 * blank lines, so each is one passage, and each is unique (no boilerplate to remove).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const LANTERN_DOCUMENTS = 64;

const WORDS = [
  'harbour',
  'river',
  'council',
  'market',
  'bridge',
  'winter',
  'archive',
  'letter',
  'garden',
  'railway',
  'printer',
  'school',
  'mill',
  'ledger',
  'tower',
];
/** The forms the word takes, by paragraph; the last paragraph kind has none. */
const FORMS = ['a lantern', 'two lanterns', "the keeper's lantern's glass", 'the lantern-lit square', 'Lantern, lantern', ''];

/** Document i's file name and its Markdown. */
export function lanternFiles(count = LANTERN_DOCUMENTS): Record<string, string> {
  const files: Record<string, string> = {};
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < count; i++) {
    const titleOnly = i % 9 === 8;
    const title = titleOnly ? `The Lantern Papers ${i}` : i % 16 === 5 ? `Lantern report ${i}` : `Town report ${i}`;
    const paragraphs: string[] = [];
    for (let j = 0; j < 2 + (i % 4); j++) {
      const words = Array.from({ length: 12 + (next() % 9) }, () => WORDS[next() % WORDS.length]);
      const form = titleOnly ? '' : FORMS[(i + j) % FORMS.length];
      if (form) words.splice(3 + (next() % 6), 0, form);
      paragraphs.push(`Item ${i}.${j}: ${words.join(' ')}.`);
    }
    const day = String((i % 28) + 1).padStart(2, '0');
    files[`2020-02-${day}-report-${i}.md`] = `---\ntitle: ${title}\ndate: 2020-02-${day}\nspeakers: [Clerk ${i % 4}]\n---\n\n${paragraphs.join('\n\n')}\n`;
  }
  return files;
}

/** Writes the corpus into `dir`. */
export function writeLanternCorpus(dir: string, count = LANTERN_DOCUMENTS): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, text] of Object.entries(lanternFiles(count))) writeFileSync(path.join(dir, name), text);
}

/**
 * The totals for `lantern`, counted from the files with a regular expression — not through Lectern's
 * search, index or tokeniser: a word is "lantern" or "lanterns" (the forms whose stem is lantern; a
 * possessive or a hyphenated word holds one), a passage is a paragraph of the body, a hit an occurrence.
 */
export function lanternTotalsByScan(files: Record<string, string>): { documents: number; passages: number; hits: number; titleOnly: number } {
  const word = /\blanterns?\b/gi;
  const out = { documents: 0, passages: 0, hits: 0, titleOnly: 0 };
  for (const text of Object.values(files)) {
    const [, front, body] = /^---\n([\s\S]*?)\n---\n([\s\S]*)$/.exec(text)!;
    const title = /^title: (.*)$/m.exec(front)![1];
    const matching = body.split(/\n\s*\n/).filter((p) => p.match(word));
    out.passages += matching.length;
    out.hits += matching.reduce((n, p) => n + p.match(word)!.length, 0);
    if (matching.length) out.documents++;
    else if (title.match(word)) out.titleOnly++;
  }
  return out;
}
