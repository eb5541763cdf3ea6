/**
 * Rules of the codebook: valid names and colours, default colours, the hierarchy (paths, no cycles)
 * and the integrity pass that keeps annotations and tags consistent after any change.
 */
import { LecternError } from '../../common/errors';
import { readable } from './changes';
import { makeBody, noteOf, tagIdsOf, type StoreData, type StoredTag } from './storeFormat';

/**
 * Default colours: the Okabe–Ito colour-blind-safe palette followed by Tableau 10 hues; all
 * readable as a highlight under dark text and distinguishable from one another.
 */
export const PALETTE = [
  '#e69f00',
  '#56b4e9',
  '#009e73',
  '#f0e442',
  '#0072b2',
  '#d55e00',
  '#cc79a7',
  '#1f77b4',
  '#ff7f0e',
  '#2ca02c',
  '#d62728',
  '#9467bd',
  '#8c564b',
  '#e377c2',
  '#7f7f7f',
  '#bcbd22',
  '#17becf',
];

export const MAX_NAME_LENGTH = 120;

/** The palette colour used least so far (the first such in palette order). */
export function defaultColor(codebook: StoredTag[]): string {
  const uses = new Map(PALETTE.map((c) => [c, 0]));
  for (const t of codebook) if (uses.has(t.color)) uses.set(t.color, uses.get(t.color)! + 1);
  let best = PALETTE[0];
  for (const c of PALETTE) if (uses.get(c)! < uses.get(best)!) best = c;
  return best;
}

/** Accepts #rgb or #rrggbb (any case) and returns #rrggbb in lower case. */
export function normalizeColor(color: string): string {
  const c = color.trim();
  if (/^#[0-9a-fA-F]{6}$/.test(c)) return c.toLowerCase();
  if (/^#[0-9a-fA-F]{3}$/.test(c)) return ('#' + [...c.slice(1)].map((h) => h + h).join('')).toLowerCase();
  throw new LecternError(`"${color}" is not a colour: give it as #rrggbb, e.g. #1f77b4.`);
}

/** Trims and NFC-normalises a tag name; refuses empty, over-long or control-character names. */
export function cleanName(name: string): string {
  const n = String(name ?? '')
    .normalize('NFC')
    .replace(/\s+/g, ' ')
    .trim();
  if (n === '') throw new LecternError('A tag needs a name: the name was empty.');
  if (n.length > MAX_NAME_LENGTH) throw new LecternError(`A tag name can be at most ${MAX_NAME_LENGTH} characters; this one has ${n.length}.`);
  return n;
}

const key = (name: string) => name.normalize('NFC').toLocaleLowerCase('en');

/**
 * Names are unique across the whole codebook, ignoring case: `tag:NAME` in search and
 * `--tag NAME` on the command line must each name exactly one tag.
 */
export function assertUniqueName(codebook: StoredTag[], name: string, exceptId: string | null): void {
  const clash = codebook.find((t) => t.id !== exceptId && key(t.name) === key(name));
  if (clash) {
    const detail = clash.name === name ? '' : ` (as “${clash.name}”)`;
    throw new LecternError(`A tag named “${name}” already exists${detail}. Choose another name, or merge the two tags.`, 'duplicate-tag');
  }
}

export function findByName(codebook: StoredTag[], name: string): StoredTag | undefined {
  const k = key(name.trim());
  return codebook.find((t) => key(t.name) === k);
}

export function requireTag(codebook: StoredTag[], id: string): StoredTag {
  const t = codebook.find((x) => x.id === id);
  if (!t) throw new LecternError(`There is no tag with id “${id}”; it may have been deleted. Reload the codebook.`, 'not-found');
  return t;
}

/** Refuses a parent that does not exist or would make the tag its own ancestor. */
export function assertParentAllowed(codebook: StoredTag[], tagId: string | null, parentId: string | null): void {
  if (parentId === null) return;
  const parent = requireTag(codebook, parentId);
  for (let p: StoredTag | undefined = parent; p; p = p.parentId ? codebook.find((x) => x.id === p!.parentId) : undefined) {
    if (p.id === tagId) {
      throw new LecternError(`“${parent.name}” is inside the tag being moved, so it cannot become its parent. Choose a parent outside it.`);
    }
  }
}

/** "Parent/Child" (ancestors first), as shown in exports. */
export function tagPath(codebook: StoredTag[], id: string): string {
  const byId = new Map(codebook.map((t) => [t.id, t]));
  const names: string[] = [];
  const seen = new Set<string>();
  for (let t = byId.get(id); t && !seen.has(t.id); t = t.parentId ? byId.get(t.parentId) : undefined) {
    seen.add(t.id);
    names.unshift(t.name);
  }
  return names.join('/');
}

/** The tag and every tag below it. */
export function withDescendants(codebook: StoredTag[], id: string): Set<string> {
  const out = new Set([id]);
  for (let grew = true; grew;) {
    grew = false;
    for (const t of codebook) {
      if (t.parentId && out.has(t.parentId) && !out.has(t.id)) {
        out.add(t.id);
        grew = true;
      }
    }
  }
  return out;
}

/** Codebook in display order: depth-first, siblings by name. */
export function ordered(codebook: StoredTag[]): StoredTag[] {
  const children = new Map<string | null, StoredTag[]>();
  const ids = new Set(codebook.map((t) => t.id));
  for (const t of codebook) {
    const p = t.parentId && ids.has(t.parentId) ? t.parentId : null;
    children.set(p, [...(children.get(p) ?? []), t]);
  }
  const out: StoredTag[] = [];
  const visit = (p: string | null) => {
    for (const t of (children.get(p) ?? []).sort((a, b) => a.name.localeCompare(b.name))) {
      out.push(t);
      visit(t.id);
    }
  };
  visit(null);
  return out;
}

/**
 * Restores integrity after a change that may have raced with another instance: annotations drop
 * links to deleted tags (and go when nothing is left on them, as after deleting a tag), parents
 * that vanished or form a cycle become top level.
 */
export function repairIntegrity(draft: StoreData): void {
  const ids = new Set(draft.codebook.map((t) => t.id));
  for (const t of draft.codebook) {
    if (t.parentId !== null && !ids.has(t.parentId)) t.parentId = null;
  }
  for (const t of draft.codebook) {
    const seen = new Set<string>();
    for (let p: StoredTag | undefined = t; p?.parentId; p = draft.codebook.find((x) => x.id === p!.parentId)) {
      if (seen.has(p.id)) {
        t.parentId = null;
        break;
      }
      seen.add(p.id);
    }
  }
  // Almost always nothing to mend: found on plain objects, so a sound store costs no draft of each annotation.
  const plain = readable(draft.annotations);
  if (!plain.some((a) => a.body.length === 0 || tagIdsOf(a).some((id) => !ids.has(id)))) return;
  for (const a of draft.annotations) {
    const tags = tagIdsOf(a);
    const kept = tags.filter((id) => ids.has(id));
    if (kept.length !== tags.length) a.body = makeBody(kept, noteOf(a));
  }
  draft.annotations = draft.annotations.filter((a) => a.body.length > 0);
}
