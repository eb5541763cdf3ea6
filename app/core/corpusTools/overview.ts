/**
 * The corpus at a glance, for the reader pane when no document is open: documents and words per
 * year and per speaker, each leading speaker's most distinctive terms (against the rest of the
 * corpus, formulas left out, as keyness is everywhere), the latest tagged passages and the groups of
 * documents that report the same event.
 */
import type { CorpusOverview } from '../../common/corpusTools';
import { BUILT_IN_STOP_WORDS } from '../analysis/stopList';
import { formulasOf } from '../compare/formulas';
import { CRITICAL_G2, logLikelihood } from '../compare/keyness';
import { formsOfKeys, leadingForm, StopFilter } from '../tokenIndex/counts';
import { vocabulary } from '../tokenIndex/vocabulary';
import type { LoadedDocument } from '../types';
import { sideCounts } from './keyness';

const SPEAKERS_SHOWN = 12;
const DISTINCTIVE_SPEAKERS = 6;
const DISTINCTIVE_TERMS = 5;
/**
 * What the distinctive words count: lower-cased word forms, the built-in stop list left out (at a
 * glance "the" and "which" say nothing of a speaker; the Keyness tool counts them, or not, on request).
 */
const UNIT = 'lower';
const STOP = new StopFilter(BUILT_IN_STOP_WORDS);

interface Counts {
  words: number;
  counts: Map<number, number>;
}

/** Per document, its counts without the corpus's formulas (kept per loaded corpus). */
const countsCache = new WeakMap<LoadedDocument[], WeakMap<LoadedDocument, Counts>>();

function countsWithoutFormulas(docs: LoadedDocument[], doc: LoadedDocument): Counts {
  const byDoc = countsCache.get(docs) ?? countsCache.set(docs, new WeakMap()).get(docs)!;
  let c = byDoc.get(doc);
  if (!c) {
    const side = sideCounts([doc], UNIT, STOP, formulasOf(docs).spans);
    byDoc.set(doc, (c = { words: side.words, counts: side.counts }));
  }
  return c;
}

function tally(groups: Map<string, LoadedDocument[]>): { key: string; documents: number; words: number }[] {
  return [...groups].map(([key, list]) => ({ key, documents: list.length, words: list.reduce((n, d) => n + d.wordCount, 0) }));
}

export function corpusOverview(docs: LoadedDocument[]): Omit<CorpusOverview, 'recentTags' | 'sameEvent'> {
  const byYear = new Map<string, LoadedDocument[]>();
  const bySpeaker = new Map<string, LoadedDocument[]>();
  for (const d of docs) {
    const year = d.meta.date.slice(0, 4) || 'no date';
    (byYear.get(year) ?? byYear.set(year, []).get(year)!).push(d);
    for (const s of d.meta.speakers) (bySpeaker.get(s) ?? bySpeaker.set(s, []).get(s)!).push(d);
  }
  const perYear = tally(byYear).sort((a, b) => a.key.localeCompare(b.key));
  const perSpeaker = tally(bySpeaker).sort((a, b) => b.words - a.words || a.key.localeCompare(b.key));

  // Distinctive terms of the leading speakers: each against all the other documents.
  const total: Counts = { words: 0, counts: new Map() };
  const perDoc = new Map(docs.map((d) => [d, countsWithoutFormulas(docs, d)]));
  for (const c of perDoc.values()) {
    total.words += c.words;
    for (const [t, n] of c.counts) total.counts.set(t, (total.counts.get(t) ?? 0) + n);
  }
  const distinctive =
    bySpeaker.size < 2
      ? []
      : perSpeaker.slice(0, DISTINCTIVE_SPEAKERS).map(({ key }) => {
          const mine: Counts = { words: 0, counts: new Map() };
          for (const d of bySpeaker.get(key)!) {
            const c = perDoc.get(d)!;
            mine.words += c.words;
            for (const [t, n] of c.counts) mine.counts.set(t, (mine.counts.get(t) ?? 0) + n);
          }
          const restWords = total.words - mine.words;
          const terms = [...mine.counts]
            .map(([t, a]) => {
              const b = total.counts.get(t)! - a;
              // Only terms the speaker uses more often than the rest: a speaker's own words.
              return { t, g2: a / mine.words > b / Math.max(1, restWords) ? logLikelihood(a, b, mine.words, restWords) : 0 };
            })
            .filter((x) => x.g2 >= CRITICAL_G2)
            .sort((x, y) => y.g2 - x.g2 || (vocabulary.key(UNIT, x.t) < vocabulary.key(UNIT, y.t) ? -1 : 1))
            .slice(0, DISTINCTIVE_TERMS);
          const forms = formsOfKeys(bySpeaker.get(key)!, UNIT, new Set(terms.map((x) => x.t)), STOP);
          return {
            speaker: key,
            terms: terms.map((x) => ({
              term: leadingForm(forms.get(x.t), vocabulary.key(UNIT, x.t)),
              stem: vocabulary.key(UNIT, x.t),
              g2: Math.round(x.g2 * 100) / 100,
            })),
          };
        });
  return {
    documents: docs.length,
    words: docs.reduce((n, d) => n + d.wordCount, 0),
    perYear,
    perSpeaker: perSpeaker.slice(0, SPEAKERS_SHOWN),
    speakers: bySpeaker.size,
    distinctive,
  };
}
