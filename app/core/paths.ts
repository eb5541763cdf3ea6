/** Where Lectern's own files are: the shipped corpus and the built renderer, from app/, dist/ or a packaged app. */
import { existsSync } from 'node:fs';
import path from 'node:path';

/** The nearest folder above this file that holds package.json: the repository or the packaged app. */
function findRoot(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) return path.resolve(start, '..');
  }
}

export const ROOT = findRoot(__dirname);
export const DEFAULT_CORPUS = path.join(ROOT, 'corpus');
export const RENDERER_DIR = path.join(ROOT, 'dist', 'renderer');
