/**
 * Saved subcorpora: a metadata query kept under a name with the corpus (`.lectern/subcorpora.json`)
 * and used as `@name` wherever a subcorpus query is taken (compare sides, keyness, the corpus tools).
 * The DTOs both sides use, and the name rules, so that the page can say what is wrong before asking.
 */

export const SUBCORPUS_NAME_MAX = 60;

/** Written before a saved subcorpus's name wherever a subcorpus query is taken: `@eighties`. */
export const SAVED_PREFIX = '@';

export interface SavedSubcorpus {
  name: string;
  /** The metadata query (year:1980..1989 party:Democratic). */
  query: string;
  /** ISO 8601 times. */
  created: string;
  updated: string;
}

/** A saved subcorpus as listed: with the documents its query finds in the corpus now. */
export interface SubcorpusView extends SavedSubcorpus {
  documents: number;
  /** Why the query finds nothing usable now (a field the corpus no longer has), or null. */
  problem: string | null;
}

export interface SubcorpusList {
  subcorpora: SubcorpusView[];
  /** Why the file of saved subcorpora cannot be used (broken JSON, a newer version), or null. */
  problem: string | null;
}

/** What a resolver needs: the saved entries, and why there are none when the file is broken. */
export interface SavedSubcorpora {
  entries: readonly Pick<SavedSubcorpus, 'name' | 'query'>[];
  problem: string | null;
}

/** The name as it is kept (trimmed), or why it cannot be one. */
export function checkSubcorpusName(raw: string): { name: string; problem: string | null } {
  const name = raw.trim();
  if (name === '') return { name, problem: 'A subcorpus needs a name (1 to 60 characters).' };
  if (name.length > SUBCORPUS_NAME_MAX)
    return { name, problem: `A subcorpus name is at most ${SUBCORPUS_NAME_MAX} characters; "${name.slice(0, 20)}…" has ${name.length}.` };
  if (name.startsWith(SAVED_PREFIX))
    return { name, problem: `Give the name without the ${SAVED_PREFIX} (it is written only to use the subcorpus): "${name.slice(1)}".` };
  if (/[\u0000-\u001f\u007f]/.test(name)) return { name, problem: 'A subcorpus name cannot hold line breaks, tabs or other control characters.' };
  return { name, problem: null };
}

/** The name a `@name` reference gives, or null when the text is not one. */
export function savedReference(text: string | undefined): string | null {
  const t = text?.trim() ?? '';
  return t.startsWith(SAVED_PREFIX) ? t.slice(SAVED_PREFIX.length).trim() : null;
}

/** Names match case-insensitively (and so are unique that way). */
export function sameSubcorpusName(a: string, b: string): boolean {
  return a.trim().toLocaleLowerCase('en') === b.trim().toLocaleLowerCase('en');
}
