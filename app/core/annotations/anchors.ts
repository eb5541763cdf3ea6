/** Where each stored annotation sits in its document's current text, memoised per document text. */
import type { LoadedDocument } from '../types';
import { anchorQuote, describeRange, type AnchorMethod } from './reanchor';
import { makeSelectors, positionOf, quoteOf, type StoredAnnotation } from './storeFormat';

export interface ResolvedAnchor {
  start: number;
  end: number;
  /** True when the passage was not found: start/end are then where it was last seen. */
  orphan: boolean;
  method: AnchorMethod | null;
}

export class AnchorCache {
  private perDoc = new Map<string, { text: string; byKey: Map<string, ResolvedAnchor> }>();

  resolve(a: StoredAnnotation, doc: LoadedDocument | undefined): ResolvedAnchor {
    const pos = positionOf(a);
    if (!doc) return { start: pos.start, end: pos.end, orphan: true, method: null };
    let entry = this.perDoc.get(doc.meta.id);
    if (!entry || entry.text !== doc.text) {
      entry = { text: doc.text, byKey: new Map() };
      this.perDoc.set(doc.meta.id, entry);
    } else {
      // Equal text from a reloaded document: keep its reference so the next check is O(1).
      entry.text = doc.text;
    }
    const key = a.id + '\u0000' + JSON.stringify(a.target.selector);
    let hit = entry.byKey.get(key);
    if (!hit) {
      const q = quoteOf(a);
      const found = anchorQuote(doc.text, { exact: q.exact, prefix: q.prefix, suffix: q.suffix, start: pos.start, end: pos.end });
      hit = found
        ? { start: found.start, end: found.end, orphan: false, method: found.method }
        : { start: pos.start, end: pos.end, orphan: true, method: null };
      entry.byKey.set(key, hit);
    }
    return hit;
  }

  clear(): void {
    this.perDoc.clear();
  }
}

/** The annotation with its selectors moved to where it is anchored now. */
export function reanchored(a: StoredAnnotation, doc: LoadedDocument, at: ResolvedAnchor): StoredAnnotation {
  return { ...a, target: { source: a.target.source, selector: makeSelectors(describeRange(doc.text, at.start, at.end), at.start, at.end) } };
}
