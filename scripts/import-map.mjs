// Prints the layer-to-layer import picture of app/ and renderer/: one line per arrow, with how many imports
// (value imports; type-only imports in brackets). `node scripts/import-map.mjs [--files]` (--files: file level).
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const fileLevel = process.argv.includes('--files');

function sources(dir) {
  return readdirSync(path.join(root, dir), { recursive: true })
    .map(String)
    .filter((f) => f.endsWith('.ts'))
    .map((f) => path.join(dir, f).split(path.sep).join('/'));
}

/** app/core/x/y.ts → app/core; app/contract.ts → app/contract.ts; renderer/compare/z.ts → renderer/compare; renderer/x.ts → renderer. */
function layer(file) {
  if (fileLevel) return file.replace(/\.ts$/, '');
  const parts = file.split('/');
  if (parts[0] === 'renderer') return parts.length > 2 ? parts.slice(0, 2).join('/') : 'renderer';
  return parts.length > 2 ? parts.slice(0, 2).join('/') : parts.join('/');
}

const edges = new Map();
const importRe = /^\s*(import|export)\s+(type\s+)?[^'";]*?from\s+['"]([^'"]+)['"]|^\s*import\s+['"]([^'"]+)['"]/gm;
for (const file of [...sources('app'), ...sources('renderer')]) {
  const text = readFileSync(path.join(root, file), 'utf8');
  for (const m of text.matchAll(importRe)) {
    const spec = m[3] ?? m[4];
    const typeOnly = Boolean(m[2]);
    let target;
    if (spec.startsWith('.')) {
      let t = path.posix.normalize(path.posix.join(path.posix.dirname(file), spec));
      if (!/\.\w+$/.test(t)) t = readdirSafe(t) ? `${t}/index.ts` : `${t}.ts`;
      target = layer(t);
    } else if (spec === 'electron') target = 'electron';
    else continue;
    const from = layer(file);
    if (from === target) continue;
    const key = `${from} -> ${target}`;
    const e = edges.get(key) ?? { value: 0, type: 0 };
    e[typeOnly ? 'type' : 'value']++;
    edges.set(key, e);
  }
}

function readdirSafe(p) {
  try {
    readdirSync(path.join(root, p));
    return true;
  } catch {
    return false;
  }
}

for (const [key, e] of [...edges].sort(([a], [b]) => a.localeCompare(b))) {
  console.log(`${key}  ${e.value}${e.type ? ` [+${e.type} type-only]` : ''}`);
}
