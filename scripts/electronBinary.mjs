// Locates Electron's binary without triggering its download (a plain require('electron') in Node would).
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export function electronBinary(root) {
  const pkg = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(pkg, 'path.txt');
  if (!existsSync(pathFile)) return null;
  const rel = readFileSync(pathFile, 'utf8').trim();
  const base = process.env.ELECTRON_OVERRIDE_DIST_PATH || path.join(pkg, 'dist');
  const bin = path.join(base, rel);
  return existsSync(bin) ? bin : null;
}
