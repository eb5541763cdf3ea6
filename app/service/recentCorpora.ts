/** The corpora opened recently, kept in the app's data folder (recent-corpora.json), most recent first. */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { RecentCorpus } from '../common/contract';
import { writeFileAtomic } from '../core/atomicFile';

const MAX_RECENT = 10;
const FILE = 'recent-corpora.json';

/**
 * Lectern's own folder for settings outside Electron (browser mode, CLI): $XDG_CONFIG_HOME/lectern,
 * else ~/.config/lectern (%APPDATA%\lectern on Windows). Electron passes app.getPath('userData').
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32' && env.APPDATA) return path.join(env.APPDATA, 'lectern');
  return path.join(env.XDG_CONFIG_HOME || path.join(os.homedir(), '.config'), 'lectern');
}

export class RecentCorpora {
  /** With no data folder, the list lives only as long as the process (tests, one-off CLI commands). */
  private memory: { dir: string; openedAt: string }[] = [];

  constructor(readonly dataDir: string | null) {}

  private async read(): Promise<{ dir: string; openedAt: string }[]> {
    if (!this.dataDir) return this.memory;
    try {
      const data = JSON.parse(await fs.readFile(path.join(this.dataDir, FILE), 'utf8')) as { corpora?: unknown };
      if (!Array.isArray(data.corpora)) return [];
      return data.corpora.filter((c): c is { dir: string; openedAt: string } => !!c && typeof c.dir === 'string' && typeof c.openedAt === 'string');
    } catch {
      // Missing or broken: the list is a convenience, started again rather than blocking the app.
      return [];
    }
  }

  async list(): Promise<RecentCorpus[]> {
    return Promise.all(
      (await this.read()).map(async (c) => ({
        ...c,
        name: path.basename(c.dir) || c.dir,
        available: await fs.stat(c.dir).then(
          (s) => s.isDirectory(),
          () => false,
        ),
      })),
    );
  }

  /** Puts a corpus at the top of the list. Failing to save the list never fails opening the corpus. */
  async add(dir: string, now = new Date()): Promise<void> {
    const corpora = [{ dir, openedAt: now.toISOString() }, ...(await this.read()).filter((c) => c.dir !== dir)].slice(0, MAX_RECENT);
    if (!this.dataDir) {
      this.memory = corpora;
      return;
    }
    try {
      await writeFileAtomic(path.join(this.dataDir, FILE), JSON.stringify({ version: 1, corpora }, null, 2) + '\n');
    } catch (e) {
      console.error(`lectern: could not save the list of recent corpora in ${this.dataDir}: ${(e as Error).message}`);
    }
  }
}
