/** The main window's size and position, remembered across launches in a small JSON file in the app's data folder. */
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/atomicFile';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Rect {
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1360, height: 880 };
const MIN_SIZE = { width: 640, height: 420 };
const FILE = 'window-state.json';

function isRect(v: unknown): v is Rect {
  const r = v as Rect;
  return !!r && [r.x, r.y, r.width, r.height].every((n) => typeof n === 'number' && Number.isFinite(n));
}

/** The saved state, or null when there is none or it is unreadable (the window then opens at its default size). */
export async function readWindowState(dataDir: string): Promise<WindowState | null> {
  try {
    const v = JSON.parse(await fs.readFile(path.join(dataDir, FILE), 'utf8')) as unknown;
    if (!isRect(v)) return null;
    return {
      x: Math.round(v.x),
      y: Math.round(v.y),
      width: Math.round(v.width),
      height: Math.round(v.height),
      maximized: (v as WindowState).maximized === true,
    };
  } catch {
    return null;
  }
}

export async function writeWindowState(dataDir: string, state: WindowState): Promise<void> {
  await writeFileAtomic(path.join(dataDir, FILE), JSON.stringify(state) + '\n');
}

/**
 * Where to open the window: the saved bounds when they are still mostly on one of the displays
 * (a monitor may have been unplugged since), made no larger than that display; else the default
 * size, centred by the window system (no x/y).
 */
export function windowBounds(saved: WindowState | null, displays: Rect[]): Partial<Rect> & { width: number; height: number } {
  if (!saved) return { ...DEFAULT_SIZE };
  const overlap = (d: Rect) =>
    Math.max(0, Math.min(saved.x + saved.width, d.x + d.width) - Math.max(saved.x, d.x)) *
    Math.max(0, Math.min(saved.y + saved.height, d.y + d.height) - Math.max(saved.y, d.y));
  const best = displays.reduce<Rect | null>((a, d) => (!a || overlap(d) > overlap(a) ? d : a), null);
  if (!best || overlap(best) < saved.width * saved.height * 0.5) {
    return {
      width: Math.max(MIN_SIZE.width, Math.min(saved.width, best?.width ?? saved.width)),
      height: Math.max(MIN_SIZE.height, Math.min(saved.height, best?.height ?? saved.height)),
    };
  }
  const width = Math.max(MIN_SIZE.width, Math.min(saved.width, best.width));
  const height = Math.max(MIN_SIZE.height, Math.min(saved.height, best.height));
  return {
    x: Math.min(Math.max(saved.x, best.x), best.x + best.width - width),
    y: Math.min(Math.max(saved.y, best.y), best.y + best.height - height),
    width,
    height,
  };
}
