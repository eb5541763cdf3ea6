/**
 * Notices what changes outside the page — files edited, added or removed by other programs (the
 * service watches the corpus folder), an index being rebuilt — by polling the service's status.
 * Polling keeps both transports alike (IPC and HTTP carry the same call) and costs one tiny request
 * a second; the library itself is fetched only when its generation moves or while indexing runs.
 */
import type { LibraryView } from '../app/common/contract';
import { api } from './api';

const IDLE_MS = 1000;
const INDEXING_MS = 700;

export function watchForChanges(hooks: { shown: () => LibraryView | null; changed: (lib: LibraryView, before: LibraryView | null) => void }): void {
  const poll = async () => {
    let next = IDLE_MS;
    try {
      const status = await api.status({});
      const before = hooks.shown();
      if (status.indexing) next = INDEXING_MS;
      if (status.indexing || !before || before.indexing || status.generation !== before.generation) {
        hooks.changed(await api.library({}), before);
      }
    } catch {
      // The service is restarting or gone; the next poll says more, and actions show their own errors.
    }
    window.setTimeout(() => void poll(), next);
  };
  window.setTimeout(() => void poll(), IDLE_MS);
}
