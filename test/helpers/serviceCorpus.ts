/** A service opened on a temporary corpus made of the given files, closed and removed after `run`, pass or fail. */
import { openService } from '../../app/service/openService';
import type { LecternService } from '../../app/service';
import { corpusOf } from './tempCorpus';

export async function withService(files: Record<string, string | Buffer>, run: (service: LecternService, dir: string) => Promise<void>): Promise<void> {
  const t = corpusOf(files);
  try {
    const service = await openService(t.dir);
    try {
      await run(service, t.dir);
    } finally {
      await service.close();
    }
  } finally {
    t.cleanup();
  }
}
