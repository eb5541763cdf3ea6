/** A service opened on a temporary corpus made of the given files, closed and removed after `run`, pass or fail. */
import { openService } from '../../app/service/openService';
import type { LecternService } from '../../app/service';
import { withCorpus } from './temp';

export function withService(files: Record<string, string | Buffer>, run: (service: LecternService, dir: string) => Promise<void>): Promise<void> {
  return withCorpus(files, async (dir) => {
    const service = await openService(dir);
    try {
      await run(service, dir);
    } finally {
      await service.close();
    }
  });
}
