// Builds Lectern with esbuild: the CLI and Electron's main and preload for Node, the renderer for the browser.
// tsc type-checks separately (npm run typecheck); esbuild only strips types, so builds take well under a second.
import { build } from 'esbuild';
import { cpSync, mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
rmSync(dist, { recursive: true, force: true });
mkdirSync(path.join(dist, 'renderer'), { recursive: true });

// pdf.js stays outside the bundles: it loads its worker and polyfills from files beside its own (node_modules
// is shipped with the app: electron-builder copies the production dependencies).
const node = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  sourcemap: true,
  logLevel: 'warning',
  absWorkingDir: root,
  external: ['pdfjs-dist'],
};

await Promise.all([
  build({ ...node, entryPoints: ['app/cli/main.ts'], outfile: 'dist/cli.js' }),
  // Electron's own module stays external too: it exists inside the Electron binary, not in node_modules.
  build({ ...node, entryPoints: ['app/electron/main.ts'], outfile: 'dist/electron/main.js', external: ['electron', ...node.external] }),
  build({ ...node, entryPoints: ['app/electron/preload.ts'], outfile: 'dist/electron/preload.js', external: ['electron', ...node.external] }),
  // The index's analysis worker: found beside the bundle that starts it (dist/ or dist/electron/..).
  build({ ...node, entryPoints: ['app/core/indexing/analysisWorker.ts'], outfile: 'dist/analysisWorker.js' }),
  build({ ...node, entryPoints: ['app/core/parseWorker.ts'], outfile: 'dist/parseWorker.js' }),
  build({ ...node, entryPoints: ['app/core/importWorker.ts'], outfile: 'dist/importWorker.js' }),
  build({
    entryPoints: ['renderer/main.ts'],
    outfile: 'dist/renderer/app.js',
    bundle: true,
    platform: 'browser',
    format: 'iife',
    target: 'chrome120',
    sourcemap: true,
    logLevel: 'warning',
    absWorkingDir: root,
  }),
]);
for (const f of ['index.html', 'styles.css']) cpSync(path.join(root, 'renderer', f), path.join(dist, 'renderer', f));
console.log('lectern: built dist/');
