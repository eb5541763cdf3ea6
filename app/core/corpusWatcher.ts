/**
 * Watches a corpus folder for files that other programs add, change or remove, and calls back once
 * per burst of changes (an editor's save, a folder copied in) after a quiet moment. Node's fs.watch
 * with `recursive` covers sub-folders on Linux (since Node 20), macOS and Windows alike.
 */
import { watch, type FSWatcher } from 'node:fs';

/** Lectern's own data and other programs' folders: changes there are not changes to the corpus. */
const IGNORED_DIRS = new Set(['.lectern', '.git', 'node_modules']);
/** Editors' and Lectern's own temporary files, which come and go around every save. */
const TEMPORARY = /(?:\.tmp|\.swp|\.swx|\.part|\.crdownload|~)$|^\.#|^#.*#$|^\.~lock\./i;

export interface CorpusWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last change before calling back (ms). */
  debounceMs?: number;
  onError?: (e: Error) => void;
}

/** True when a change at this path (relative to the corpus folder) may change the corpus. */
export function isCorpusChange(relPath: string): boolean {
  const parts = relPath.split(/[\\/]/).filter(Boolean);
  if (!parts.length) return true;
  if (parts.some((p) => IGNORED_DIRS.has(p))) return false;
  return !TEMPORARY.test(parts[parts.length - 1]);
}

export function watchCorpus(dir: string, onChange: () => void, options: WatchOptions = {}): CorpusWatcher {
  const debounceMs = options.debounceMs ?? 300;
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher;
  try {
    watcher = watch(dir, { recursive: true, persistent: true }, (_event, filename) => {
      // Some platforms give no file name for some events: treat those as a change.
      if (filename !== null && !isCorpusChange(String(filename))) return;
      clearTimeout(timer);
      timer = setTimeout(onChange, debounceMs);
    });
  } catch (e) {
    options.onError?.(e as Error);
    return { close: () => {} };
  }
  watcher.on('error', (e) => {
    // The folder itself was removed or became unreadable: stop watching; the next reload says why.
    watcher.close();
    options.onError?.(e);
  });
  return {
    close: () => {
      clearTimeout(timer);
      watcher.close();
    },
  };
}
