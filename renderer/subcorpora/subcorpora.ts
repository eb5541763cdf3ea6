/**
 * The corpus's saved subcorpora as the renderer holds them (the one place every view hears that
 * they changed), how views offer them (`@name` with its query and document count), and the dialog
 * that saves a query under a name.
 */
import { SAVED_PREFIX, SUBCORPUS_NAME_MAX, checkSubcorpusName, sameSubcorpusName, savedReference, type SubcorpusView } from '../../app/common/subcorpora';
import { api, errorMessage } from '../api';
import { textDialog } from '../ui/dialogs';
import { h, plural } from '../ui/dom';
import { toast } from '../ui/toast';
import { canChangeCorpus, OWNER_CHANGES_CORPUS } from '../team/rights';

class SubcorpusStore {
  subcorpora: SubcorpusView[] = [];
  /** Why the saved subcorpora cannot be used (a broken file), or null. */
  problem: string | null = null;
  private listeners = new Set<() => void>();

  /** Fetches the list again (after a save, or when the corpus changed) and lets every view redraw. */
  async refresh(): Promise<void> {
    try {
      const list = await api.subcorpora({});
      this.subcorpora = list.subcorpora;
      this.problem = list.problem;
    } catch (e) {
      this.subcorpora = [];
      this.problem = errorMessage(e);
    }
    for (const fn of this.listeners) fn();
  }

  onChange(fn: () => void): void {
    this.listeners.add(fn);
  }
}

export const subcorpusStore = new SubcorpusStore();

/** How a saved subcorpus is named where a subcorpus is typed or picked. */
export function savedRef(s: SubcorpusView): string {
  return `${SAVED_PREFIX}${s.name}`;
}

/** "year:1980..1989 · 12 documents" (or what is wrong with it now). */
export function savedSummary(s: SubcorpusView): string {
  return `${s.query} · ${s.problem ? 'unusable now' : plural(s.documents, 'document')}`;
}

/** True for text that is a query to save: not empty and not already a saved one. */
export function canSave(query: string): boolean {
  return query.trim() !== '' && savedReference(query) === null;
}

/** Fills a <datalist> with the saved subcorpora, for an input that takes a subcorpus. */
export function fillSavedDatalist(list: HTMLDataListElement): void {
  list.replaceChildren(...subcorpusStore.subcorpora.map((s) => h('option', { attrs: { value: savedRef(s), label: savedSummary(s) } })));
}

/**
 * Asks for a name and saves `query` under it (replacing a subcorpus of that name, after saying so);
 * resolves with the saved subcorpus, or null when cancelled. The library table can call it too.
 */
export async function saveSubcorpusDialog(query: string): Promise<SubcorpusView | null> {
  // Saved subcorpora are kept with the corpus, which on a team server is the owner's to change.
  if (!canChangeCorpus()) {
    toast(OWNER_CHANGES_CORPUS);
    return null;
  }
  /** The existing name the user was told would be replaced: Save again replaces it. */
  let warned: string | null = null;
  const saved = await textDialog({
    testid: 'save-subcorpus',
    title: 'Save this subcorpus',
    body: [
      h('p', null, 'Saves the metadata query ', h('code', { testid: 'save-subcorpus-query' }, query), ' with the corpus, under a name.'),
      h(
        'p',
        { class: 'muted' },
        `Use it as ${SAVED_PREFIX}name wherever a subcorpus is taken: Compare's sides, the Corpus view's subcorpus, keyness, and the command line.`,
      ),
    ],
    label: 'Name',
    placeholder: 'e.g. eighties',
    ok: 'Save',
    maxLength: SUBCORPUS_NAME_MAX,
    describeError: errorMessage,
    async submit(raw) {
      // The page says what is wrong with a name before asking the service (which checks it again).
      const { problem } = checkSubcorpusName(raw);
      if (problem) throw new Error(problem);
      const existing = subcorpusStore.subcorpora.find((s) => sameSubcorpusName(s.name, raw));
      if (existing && (warned === null || !sameSubcorpusName(warned, raw))) {
        warned = raw;
        throw new Error(`${savedRef(existing)} is already saved (${savedSummary(existing)}). Save again to replace it, or choose another name.`);
      }
      return (await api.saveSubcorpus({ name: raw, query })).saved;
    },
  });
  if (!saved) return null;
  await subcorpusStore.refresh();
  toast(`Saved ${savedRef(saved)}: ${savedSummary(saved)}.`);
  return saved;
}
