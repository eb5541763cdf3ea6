/** Opens the service on a corpus with every part wired in (tagging, compare): one place for CLI, server and Electron. */
import { Tagging } from '../core/annotations/tagging';
import { CoderIdentity, givenCoder } from './coder';
import { RecentCorpora } from './recentCorpora';
import { LecternService } from '.';

export interface OpenOptions {
  /** Re-index when other programs change the corpus folder (browser mode, the desktop app). */
  watch?: boolean | { debounceMs: number };
  /** The app's data folder, for the list of recent corpora; without one the list is not kept. */
  dataDir?: string;
  /** The coder for this run (the CLI's --coder); else LECTERN_CODER, else the preference in dataDir, else the OS user. */
  coder?: string;
  /** See ServiceOptions.saveDelayMs. */
  saveDelayMs?: number;
}

export function openService(corpusDir: string, options: OpenOptions = {}): Promise<LecternService> {
  return LecternService.open(corpusDir, {
    watch: options.watch,
    saveDelayMs: options.saveDelayMs,
    recent: new RecentCorpora(options.dataDir ?? null),
    coder: new CoderIdentity(options.dataDir ?? null, givenCoder(options.coder)),
    tagging: async (dir, docs, coder) => {
      const tagging = new Tagging(dir, docs, { coder });
      await tagging.load();
      return tagging;
    },
  });
}
