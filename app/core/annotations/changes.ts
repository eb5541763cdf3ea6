/**
 * A change to the store as a list of entity replacements (before → after, null = absent). Every
 * action is recorded this way, so undo and redo are just the same replacements run backwards or
 * forwards, applied on top of whatever the store holds by then (another instance may have written).
 */
import type { StoreData, StoredAnnotation, StoredTag } from './storeFormat';

export type Change =
  | { kind: 'tag'; id: string; before: StoredTag | null; after: StoredTag | null }
  | { kind: 'annotation'; id: string; before: StoredAnnotation | null; after: StoredAnnotation | null };

function diffList<T extends { id: string }>(before: T[], after: T[], make: (id: string, b: T | null, a: T | null) => Change): Change[] {
  const old = new Map(before.map((x) => [x.id, x]));
  const out: Change[] = [];
  const seen = new Set<string>();
  for (const a of after) {
    seen.add(a.id);
    const b = old.get(a.id) ?? null;
    if (b === null || JSON.stringify(b) !== JSON.stringify(a)) out.push(make(a.id, b, a));
  }
  for (const b of before) if (!seen.has(b.id)) out.push(make(b.id, b, null));
  return out;
}

export function diffStores(before: StoreData, after: StoreData): Change[] {
  return [
    ...diffList(before.codebook, after.codebook, (id, b, a) => ({ kind: 'tag', id, before: b, after: a })),
    ...diffList(before.annotations, after.annotations, (id, b, a) => ({ kind: 'annotation', id, before: b, after: a })),
  ];
}

function put<T extends { id: string }>(list: T[], id: string, value: T | null): T[] {
  const i = list.findIndex((x) => x.id === id);
  if (value === null) return i < 0 ? list : list.filter((x) => x.id !== id);
  if (i < 0) return [...list, structuredClone(value)];
  const copy = list.slice();
  copy[i] = structuredClone(value);
  return copy;
}

/** Sets each changed entity to its `after` (redo) or `before` (undo) value, in place on `draft`. */
export function applyChanges(draft: StoreData, changes: Change[], direction: 'forward' | 'backward'): void {
  for (const c of direction === 'forward' ? changes : [...changes].reverse()) {
    if (c.kind === 'tag') draft.codebook = put(draft.codebook, c.id, direction === 'forward' ? c.after : c.before);
    else draft.annotations = put(draft.annotations, c.id, direction === 'forward' ? c.after : c.before);
  }
}
