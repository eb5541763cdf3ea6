/**
 * Who is coding: the name recorded as the creator of every annotation this Lectern makes. Set once
 * in the preferences (preferences.json in the app's data folder); `--coder NAME` or LECTERN_CODER
 * override it for one run; by default the operating system's user name, so a team's exports never
 * arrive without coders.
 */
import { promises as fs } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CoderInfo } from '../common/contract';
import { LecternError } from '../common/errors';
import { writeFileAtomic } from '../core/atomicFile';

const FILE = 'preferences.json';
export const CODER_NAME_MAX = 60;

/** The operating system's user name, or '' where it cannot be read (some containers). */
function systemUser(): string {
  try {
    return os.userInfo().username.trim();
  } catch {
    return '';
  }
}

/** A coder's name as given, trimmed; refused with what to do when it cannot be one. */
export function checkCoderName(name: string): string {
  const clean = name.replace(/\s+/g, ' ').trim();
  if (clean.length > CODER_NAME_MAX)
    throw new LecternError(`A coder's name has at most ${CODER_NAME_MAX} characters; "${clean.slice(0, 20)}…" has ${clean.length}.`, 'bad-request');
  if (/[\u0000-\u001f\u007f]/.test(clean)) throw new LecternError("A coder's name cannot hold control characters (tabs, line breaks).", 'bad-request');
  return clean;
}

export class CoderIdentity {
  private saved: string | null | undefined;

  /**
   * `given`: a name for this run (the CLI's --coder, else LECTERN_CODER), which wins over the
   * preference without changing it. `dataDir` null keeps the preference in memory only (tests, CLI).
   */
  constructor(
    private readonly dataDir: string | null,
    private readonly given: { name: string; source: 'option' | 'env' } | null = null,
  ) {}

  async current(): Promise<Omit<CoderInfo, 'coders'>> {
    if (this.given?.name) return { name: this.given.name, source: this.given.source };
    const saved = await this.preference();
    if (saved) return { name: saved, source: 'preference' };
    return { name: systemUser(), source: 'system' };
  }

  /** Saves the preference; '' goes back to the system's user name. A name given for this run still wins. */
  async set(name: string): Promise<Omit<CoderInfo, 'coders'>> {
    const clean = checkCoderName(name);
    this.saved = clean || null;
    if (this.dataDir) {
      const file = path.join(this.dataDir, FILE);
      const data = await this.readFile();
      await writeFileAtomic(file, JSON.stringify({ ...data, version: 1, coder: clean || undefined }, null, 2) + '\n');
    }
    return this.current();
  }

  private async preference(): Promise<string | null> {
    if (this.saved === undefined) {
      const coder = (await this.readFile()).coder;
      this.saved = typeof coder === 'string' && coder.trim() ? checkCoderName(coder) : null;
    }
    return this.saved;
  }

  private async readFile(): Promise<Record<string, unknown>> {
    if (!this.dataDir) return {};
    try {
      const data: unknown = JSON.parse(await fs.readFile(path.join(this.dataDir, FILE), 'utf8'));
      return data && typeof data === 'object' && !Array.isArray(data) ? (data as Record<string, unknown>) : {};
    } catch {
      // Missing or broken: the default coder, rather than a Lectern that cannot tag.
      return {};
    }
  }
}

/** The name given for this run: the CLI's option, else LECTERN_CODER; null when neither is set. */
export function givenCoder(option: string | undefined, env: NodeJS.ProcessEnv = process.env): { name: string; source: 'option' | 'env' } | null {
  if (option !== undefined && option.trim()) return { name: checkCoderName(option), source: 'option' };
  const fromEnv = env.LECTERN_CODER;
  if (fromEnv !== undefined && fromEnv.trim()) return { name: checkCoderName(fromEnv), source: 'env' };
  return null;
}
