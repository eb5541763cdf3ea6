/**
 * A search's totals as one line, the same in the Search view's header and in `lectern search`:
 * "157 documents · 1,234 passages · 2,345 hits · 3 by title only".
 */
import type { SearchTotals } from './contract';

/** Documents shown per page of search results: the first response, and each "Show more". */
export const SEARCH_PAGE = 50;

const count = (n: number, one: string, many = one + 's') => `${n.toLocaleString()} ${n === 1 ? one : many}`;

/**
 * Documents with a matched passage, their passages and hits, then the documents matched by their
 * title alone, said apart. Hits are left out when there are none (a query that highlights nothing,
 * `tag:NAME`; or hits not counted), and said as "at least" when not all were counted. A query of
 * metadata filters alone counts documents only.
 */
export function describeTotals(t: SearchTotals): string {
  if (t.documents === 0 && t.titleOnly > 0) return `${count(t.titleOnly, 'document')} by title only`;
  const parts = [count(t.documents, 'document')];
  if (t.passages > 0) parts.push(count(t.passages, 'passage'));
  if (t.hits > 0) parts.push(`${t.hitsExact ? '' : 'at least '}${count(t.hits, 'hit')}`);
  if (t.titleOnly > 0) parts.push(`${t.titleOnly.toLocaleString()} by title only`);
  return parts.join(' · ');
}

/** How many documents the whole ranking holds (what offset pages through): those matched by a passage and by title alone. */
export function rankedDocuments(t: SearchTotals): number {
  return t.documents + t.titleOnly;
}
