/**
 * The concordance (KWIC) of any query: one line per hit — the words the search highlights, as the
 * reader marks them — with its context, sorted by the 1st–3rd word left or right of the keyword
 * (AntConc's L1…R3), by document or by date. Every line is made; the caller pages through them.
 */
import type { ConcordanceLine, ConcordanceSort } from '../../common/corpusTools';
import { tokens } from '../analysis/tokens';
import { search, type SearchOptions } from '../search';
import type { SearchIndex } from '../searchIndex';

export const DEFAULT_CONTEXT = 60;

/** Runs of white space as one space; most contexts have none to fold, and are returned as they are. */
const flatten = (s: string) => (/\s\s|[\t\n\r\f\v\u00a0\u2028\u2029]/.test(s) ? s.replace(/\s+/g, ' ') : s);

/** The context of a side, cut at a word boundary where the window cut a word. */
function contextOf(text: string, start: number, end: number, side: 'before' | 'after'): string {
  const s = text.slice(Math.max(0, start), Math.min(text.length, end));
  if (side === 'before') return flatten(start > 0 ? s.replace(/^\S*\s/, '') : s);
  return flatten(end < text.length ? s.replace(/\s\S*$/, '') : s);
}

const foldWord = (w: string) => w.toLowerCase().replace(/[’‘‛]/g, "'");

export function concordance(
  index: SearchIndex,
  query: string,
  options: {
    sort?: ConcordanceSort;
    context?: number;
    tags?: SearchOptions['tags'];
    /** Only the lines in these documents (a subcorpus's, by id); all when absent. */
    within?: ReadonlySet<string>;
  } = {},
): { lines: ConcordanceLine[]; error: string | null } {
  // Only the highlights are read: no snippets, no tag names (thousands of passages for a common word).
  const res = search(index, query, {
    limit: Number.MAX_SAFE_INTEGER,
    passagesPerDocument: Number.MAX_SAFE_INTEGER,
    passageText: false,
    snippets: false,
    tags: options.tags,
  });
  if (res.error) return { lines: [], error: res.error.message };
  const width = options.context ?? DEFAULT_CONTEXT;
  const sort = options.sort ?? 'doc';
  const lines: ConcordanceLine[] = [];
  const keys: string[] = [];
  for (const hit of res.documents) {
    if (options.within && !options.within.has(hit.id)) continue;
    const doc = index.byId.get(hit.id)!;
    const text = doc.text;
    for (const p of hit.passages) {
      for (const [start, end] of p.highlights) {
        lines.push({
          docId: doc.meta.id,
          passageId: p.id,
          start,
          end,
          before: contextOf(text, start - width, start, 'before'),
          keyword: text.slice(start, end),
          after: contextOf(text, end, end + width, 'after'),
          title: doc.meta.title,
          date: doc.meta.date,
        });
        keys.push(sortKey(sort, text, start, end, doc.meta.date, doc.meta.id));
      }
    }
  }
  // Ties (the same word at L1, the same document) in corpus order: by document id, then reading order.
  const order = lines.map((_, i) => i);
  order.sort((i, j) => {
    const a = lines[i];
    const b = lines[j];
    return keys[i] < keys[j] ? -1 : keys[i] > keys[j] ? 1 : a.docId < b.docId ? -1 : a.docId > b.docId ? 1 : a.start - b.start;
  });
  return { lines: order.map((i) => lines[i]), error: null };
}

/** What a line sorts by: the k-th word left or right (folded), else the document (by id or date) and offset. */
function sortKey(sort: ConcordanceSort, text: string, start: number, end: number, date: string, docId: string): string {
  if (sort === 'doc') return docId;
  if (sort === 'date') return `${date || '9999'}\u0000${docId}`;
  const k = Number(sort[1]);
  if (sort[0] === 'L') {
    const left = tokens(text.slice(Math.max(0, start - 40 * k), start));
    return foldWord(left[left.length - k]?.text ?? '');
  }
  const right = tokens(text.slice(end, end + 40 * k));
  return foldWord(right[k - 1]?.text ?? '');
}
