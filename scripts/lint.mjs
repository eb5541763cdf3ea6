// `npm run lint`: ESLint (typescript-eslint and the architecture's layers, eslint.config.mjs), Prettier's check, and tsc
// over the three projects (app/ without DOM types, renderer/ without Node's, tests/scripts/bench with both).
import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

// Results are cached in node_modules/.cache/lectern (ESLint's and Prettier's caches, tsc's build info), so a run after a
// small change re-checks only what changed; a fresh clone checks everything once.
const cache = path.join(root, 'node_modules', '.cache', 'lectern');
const tsc = (project, name) => [bin('tsc'), ['--noEmit', '-p', project, '--incremental', '--tsBuildInfoFile', path.join(cache, `tsc-${name}.tsbuildinfo`)]];
const checks = [
  ['eslint', bin('eslint'), ['.', '--cache', '--cache-location', path.join(cache, 'eslint')]],
  ['prettier --check', bin('prettier'), ['--check', '.', '--cache', '--cache-location', path.join(cache, 'prettier')]],
  ['tsc -p app (no DOM)', ...tsc('app', 'app')],
  ['tsc -p renderer (no Node)', ...tsc('renderer', 'renderer')],
  ['tsc -p . (tests, scripts, bench)', ...tsc('.', 'root')],
];

/** Runs one check with its output collected, so that checks running side by side do not interleave. */
function run([title, cmd, args]) {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('close', (code, signal) => resolve({ title, ok: code === 0, output, status: code ?? signal }));
  });
}

// The checks are independent: run them side by side, then report each in order.
const results = await Promise.all(checks.map(run));
for (const r of results) {
  console.log(`\n=== lint: ${r.title}: ${r.ok ? 'ok' : `FAILED (exit ${r.status})`}`);
  if (!r.ok || r.output.trim()) process.stdout.write(r.ok ? '' : r.output);
}
const failed = results.filter((r) => !r.ok);
if (failed.length) {
  console.error(`\nlectern: lint failed: ${failed.map((r) => r.title).join(', ')}.`);
  process.exit(1);
}
console.log('lectern: lint passed');
