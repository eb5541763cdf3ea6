// `npm run lint`: ESLint (typescript-eslint and the architecture's layers, eslint.config.mjs), Prettier's check, and tsc
// over the three projects (app/ without DOM types, renderer/ without Node's, tests/scripts/bench with both).
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, cmd, args) {
  console.log(`\n=== ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    console.error(`\nlectern: ${title} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

step('lint: eslint', bin('eslint'), ['.']);
step('lint: prettier --check', bin('prettier'), ['--check', '.']);

// The three tsc runs are independent: run them side by side, report each.
console.log('\n=== lint: type-check (tsc -p app, -p renderer, -p .)');
const projects = ['app', 'renderer', '.'];
const codes = await Promise.all(
  projects.map(
    (p) =>
      new Promise((resolve) => {
        const child = spawn(bin('tsc'), ['--noEmit', '-p', p], { cwd: root, stdio: 'inherit' });
        child.on('close', (code, signal) => resolve(code ?? signal));
      }),
  ),
);
const failed = projects.filter((_, i) => codes[i] !== 0);
if (failed.length) {
  console.error(`\nlectern: type-check failed in ${failed.map((p) => `tsc -p ${p}`).join(', ')}.`);
  process.exit(1);
}
console.log('lectern: lint passed');
