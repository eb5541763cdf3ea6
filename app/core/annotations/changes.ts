/**
 * A change to the store as a list of entity replacements (before → after, null = absent). Every
 * action is recorded this way, so undo and redo are just the same replacements run backwards or
 * forwards, applied on top of whatever the store holds by then (another instance may have written).
 */
import { current, isDraft, produce } from 'immer';
import type { StoreData, StoredAnnotation, StoredTag } from './storeFormat';

/** `at` remembers list positions so that an undone deletion comes back where it was in the file. */
interface Where {
  at: { before: number; after: number };
}

export type Change =
  | ({ kind: 'tag'; id: string; before: StoredTag | null; after: StoredTag | null } & Where)
  | ({ kind: 'annotation'; id: string; before: StoredAnnotation | null; after: StoredAnnotation | null } & Where);

function diffList<T extends { id: string }>(before: T[], after: T[], make: (id: string, b: T | null, a: T | null, at: Where['at']) => Change): Change[] {
  const old = new Map(before.map((x, i) => [x.id, { x, i }]));
  const out: Change[] = [];
  const seen = new Set<string>();
  for (const [i, a] of after.entries()) {
    seen.add(a.id);
    const b = old.get(a.id);
    // An entity the action did not touch is the very same object (runAction): no need to compare its contents.
    if (b?.x === a) continue;
    if (!b || JSON.stringify(b.x) !== JSON.stringify(a)) out.push(make(a.id, b?.x ?? null, a, { before: b?.i ?? -1, after: i }));
  }
  for (const [i, b] of before.entries()) if (!seen.has(b.id)) out.push(make(b.id, b, null, { before: i, after: -1 }));
  return out;
}

export function diffStores(before: StoreData, after: StoreData): Change[] {
  return [
    ...diffList(before.codebook, after.codebook, (id, b, a, at) => ({ kind: 'tag', id, before: b, after: a, at })),
    ...diffList(before.annotations, after.annotations, (id, b, a, at) => ({ kind: 'annotation', id, before: b, after: a, at })),
  ];
}

function put<T extends { id: string }>(list: T[], id: string, value: T | null, index: number): T[] {
  const i = list.findIndex((x) => x.id === id);
  if (value === null) return i < 0 ? list : list.filter((x) => x.id !== id);
  const copy = list.slice();
  if (i >= 0) copy[i] = structuredClone(value);
  else copy.splice(index < 0 ? copy.length : Math.min(index, copy.length), 0, structuredClone(value));
  return copy;
}

/** Sets each changed entity to its `after` (redo) or `before` (undo) value, in place on `draft`. */
export function applyChanges(draft: StoreData, changes: Change[], direction: 'forward' | 'backward'): void {
  const forward = direction === 'forward';
  // Backward, re-inserted entities go in ascending position order so each lands where it was.
  const ordered = forward ? changes : [...changes].reverse().sort((x, y) => x.at.before - y.at.before);
  for (const c of ordered) {
    const index = forward ? c.at.after : c.at.before;
    if (c.kind === 'tag') draft.codebook = put(draft.codebook, c.id, forward ? c.after : c.before, index);
    else draft.annotations = put(draft.annotations, c.id, forward ? c.after : c.before, index);
  }
}

/**
 * Runs one action on a copy-on-write draft of `base` (immer): the action changes the draft as if it were
 * the state, while everything it does not touch stays the same, frozen objects. A write then costs what
 * it changes, not the size of the store: no deep copy of every annotation, and finding what changed is a
 * pointer comparison per entity. Frozen, the state cannot be changed by mistake outside an action.
 */
export function runAction<T>(base: StoreData, fn: (draft: StoreData) => T): { next: StoreData; result: T; changes: Change[] } {
  let result!: T;
  const next = produce(base, (draft) => {
    result = fn(draft as StoreData);
  });
  const changes = next === base ? [] : diffStores(base, next);
  return { next: changes.length ? { ...next, revision: base.revision + 1 } : base, result, changes };
}

/**
 * A draft's list as plain objects, for searching it: reading every element of a draft makes a draft of
 * each (a proxy, and proxies of their parts), which costs more than the action. Read-only: change an
 * element through the draft list, at the index found here.
 */
export function readable<T>(list: T[]): T[] {
  return isDraft(list) ? (current(list as never) as T[]) : list;
}

/** The element of a draft list that `match` finds (searched on plain objects: see readable), to change in place. */
export function findInDraft<T>(list: T[], match: (x: T) => boolean): T | undefined {
  const i = readable(list).findIndex(match);
  return i < 0 ? undefined : list[i];
}

/** What a user would call it: "the code ‘Hope’", "the passage “…”". */
function describe(c: Change): string {
  const x = c.after ?? c.before;
  if (c.kind === 'tag') return `the code ‘${(x as StoredTag).name}’`;
  const exact = (x as StoredAnnotation).target.selector[0].exact.replace(/\s+/g, ' ');
  return `the passage “${exact.length > 40 ? `${exact.slice(0, 40)}…` : exact}”`;
}

/**
 * What an entity holds as far as undo is concerned: not when it was last modified, and not where an
 * annotation is anchored (re-anchoring after the text changed moves it, which changes no one's work).
 */
function content(x: StoredTag | StoredAnnotation | null | undefined): string {
  if (!x) return 'null';
  const { modified: _m, ...rest } = x as StoredAnnotation;
  return JSON.stringify('target' in rest ? { ...rest, target: undefined } : rest);
}

/**
 * The first entity of `changes` that no longer holds what the step left (backward: its `after`; forward:
 * its `before`), described; null when the step can be run again safely.
 */
export function changedSince(draft: StoreData, changes: Change[], direction: 'forward' | 'backward'): string | null {
  const tags = new Map(readable(draft.codebook).map((t) => [t.id, t]));
  const annotations = new Map(readable(draft.annotations).map((a) => [a.id, a]));
  for (const c of changes) {
    const now = c.kind === 'tag' ? tags.get(c.id) : annotations.get(c.id);
    const left = direction === 'backward' ? c.after : c.before;
    if (content(now) !== content(left)) return describe(c);
  }
  return null;
}
