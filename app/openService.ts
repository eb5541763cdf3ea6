/** Opens the service on a corpus with every part wired in (tagging, compare): one place for CLI, server and Electron. */
import { Tagging } from './core/annotations/tagging';
import { LecternService } from './service';

export function openService(corpusDir: string): Promise<LecternService> {
  return LecternService.open(corpusDir, {
    tagging: async (dir, docs) => {
      const tagging = new Tagging(dir, docs);
      await tagging.load();
      return tagging;
    },
  });
}
