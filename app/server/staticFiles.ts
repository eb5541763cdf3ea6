/**
 * The renderer's own files, listed once at start, for both the lectern:// protocol (Electron) and
 * browser mode: a request is looked up in this list, so no path from a request ever reaches the
 * disk ("..", absolute paths, percent-encoding and symbolic links cannot lead anywhere else).
 */
import { promises as fs } from 'node:fs';
import path from 'node:path';

/** The only kinds of file served, with their Content-Type; anything else in the folder is never served. */
export const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.map': 'application/json',
};

/** URL path ("/main.js") to absolute file, for the regular files (never links) under dir. */
export async function listStaticFiles(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  async function walk(abs: string, rel: string) {
    for (const e of await fs.readdir(abs, { withFileTypes: true })) {
      const childRel = `${rel}/${e.name}`;
      // Dirent reports a symbolic link as neither file nor folder: links are never followed.
      if (e.isDirectory()) await walk(path.join(abs, e.name), childRel);
      else if (e.isFile() && STATIC_TYPES[path.extname(e.name)]) files.set(childRel, path.join(abs, e.name));
    }
  }
  await walk(dir, '');
  return files;
}

/** The file a request path names, if it is one of the listed files ("/" is the page). */
export function staticFileFor(files: Map<string, string>, pathname: string): { file: string; type: string } | null {
  const file = files.get(pathname === '/' ? '/index.html' : pathname);
  return file ? { file, type: STATIC_TYPES[path.extname(file)] } : null;
}
