/**
 * The persisted index of a corpus, in <corpus>/.lectern/cache/: the serialised Lunr index (loaded
 * instead of rebuilt when the corpus is unchanged) and the per-document analyses (so that a change
 * to one document re-analyses only that one, even after a restart).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import lunr from 'lunr';
import '../analysis/tokens'; // registers Lectern's pipeline functions, which saved indexes name
import { removeStaleTempsIn } from '../annotations/durableFile';
import { lecternDir } from '../corpusConfig';
import { realPathInCorpus } from '../corpusJail';
import type { Diagnostic, LoadedDocument } from '../types';
import { analysisKey, ANALYZER_VERSION, type DocAnalysis } from './analysis';
import { buildIndex, type BuildOptions } from './buildIndex';
import { readCache, saveCache } from './cacheFile';
import { evalIndexOfCompact, fromCompact, isCompactIndex } from './compactIndex';
import type { EvalIndex } from '../evaluator/evalIndex';

/** The analyser's version, and the cache format's (3: the compact index). */
const INDEX_VERSION = ANALYZER_VERSION * 100 + 4; // 4: typed postings (compact layout 2)

export function cacheDir(corpusDir: string): string {
  return path.join(lecternDir(corpusDir), 'cache');
}

/**
 * Removes the temp files that writers killed mid-write (or stopped by a full disk, in Lectern 0.1)
 * left in .lectern and its cache folder; a live writer's stay (see removeStaleTempsIn). Nothing is
 * removed through a link that leads out of the corpus.
 */
export async function removeStaleCacheTemps(corpusDir: string): Promise<void> {
  for (const folder of [lecternDir(corpusDir), cacheDir(corpusDir)]) {
    const real = await realPathInCorpus(corpusDir, folder).catch(() => null);
    if (real) await removeStaleTempsIn(real);
  }
}

export function corpusKey(docs: LoadedDocument[]): string {
  const h = createHash('sha1');
  for (const d of docs) h.update(`${analysisKey(d)}\n`);
  return h.digest('hex');
}

export interface OpenedIndex {
  index: lunr.Index;
  /**
   * Writes the caches (nothing to write when the index came from them). The caller decides when:
   * serialising a large index takes a while, and it must never delay the index being used.
   */
  save: () => Promise<void>;
  analyses: Map<string, DocAnalysis> | null;
  /** The evaluator's typed index made straight from the cache (no Lunr objects), when it came from one; entries numbered as `refs`. */
  typed?: (refs: string[]) => EvalIndex;
  source: 'cache' | 'built';
  reused: number;
  analysed: number;
}

/** The cached per-document analyses, or undefined when there are none usable (they are only an optimisation). */
export async function readAnalysesCache(corpusDir: string): Promise<Map<string, DocAnalysis> | undefined> {
  const a = await readCache<[string, DocAnalysis][]>(path.join(cacheDir(corpusDir), 'analyses.json'), 'analyses', ANALYZER_VERSION, null);
  return a.status === 'ok' ? new Map(a.value) : undefined;
}

/** Loads the index from the cache if it matches the corpus, else builds it (reusing cached analyses); `save` writes the caches. */
export async function openIndex(
  corpusDir: string,
  docs: LoadedDocument[],
  diagnostics: Diagnostic[],
  options: BuildOptions & { save?: boolean } = {},
): Promise<OpenedIndex> {
  const dir = cacheDir(corpusDir);
  const key = corpusKey(docs);
  const report = (file: string, reason: string) =>
    diagnostics.push({ file: `.lectern/cache/${file}`, severity: 'warning', message: `${reason}; it was discarded and the index rebuilt.` });

  const cached = await readCache<object>(path.join(dir, 'index.json'), 'index', INDEX_VERSION, key);
  if (cached.status === 'ok') {
    try {
      const value = cached.value;
      if (isCompactIndex(value)) {
        // Decoded now, so that a damaged cache is found here (and rebuilt), not at the first query.
        const typed = evalIndexOfCompact(value);
        let index: lunr.Index | null = null;
        return {
          get index() {
            return (index ??= fromCompact(value));
          },
          typed: (refs: string[]) => (refs.length === typed.refs.length && refs.every((r, i) => r === typed.refs[i]) ? typed : evalIndexOfCompact(value, refs)),
          save: async () => {},
          analyses: options.previous ?? null,
          source: 'cache',
          reused: docs.length,
          analysed: 0,
        };
      }
      const index = lunr.Index.load(value);
      return { index, save: async () => {}, analyses: options.previous ?? null, source: 'cache', reused: docs.length, analysed: 0 };
    } catch (e) {
      report('index.json', `could not be loaded (${(e as Error).message})`);
    }
  } else if (cached.status === 'invalid') report('index.json', cached.reason);

  let previous = options.previous;
  if (!previous) {
    const a = await readCache<[string, DocAnalysis][]>(path.join(dir, 'analyses.json'), 'analyses', ANALYZER_VERSION, null);
    if (a.status === 'ok') previous = new Map(a.value);
    else if (a.status === 'invalid') report('analyses.json', a.reason);
  }
  const built = await buildIndex(docs, { ...options, previous });
  const save = async () => {
    if (options.save === false) return;
    // A corpus where the caches cannot be written still works: it is indexed at every start instead.
    if (await saveCache(corpusDir, path.join(dir, 'index.json'), 'index', INDEX_VERSION, key, built.compact()))
      await saveCache(corpusDir, path.join(dir, 'analyses.json'), 'analyses', ANALYZER_VERSION, key, [...built.analyses]);
  };
  return {
    get index() {
      return built.index;
    },
    typed: () => built.typed,
    save,
    analyses: built.analyses,
    source: 'built',
    reused: built.reused,
    analysed: built.analysed,
  };
}
