// `npm test`: build, lint (scripts/lint.mjs: ESLint with the layers' boundaries, Prettier's check, tsc over app/, renderer/
// and the rest; LECTERN_SKIP_FORMAT_CHECK=1 skips the Prettier check until the tree is formatted), Electron security checks,
// unit tests (node:test), then the Playwright e2e tests in Chromium (browser mode) and in Electron where its binary is
// present (reported as skipped otherwise).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findChromium } from './findChromium.mjs';
import { electronBinary } from './electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const bin = (name) => path.join(root, 'node_modules', '.bin', name);

function step(title, cmd, args, env = {}) {
  console.log(`\n=== ${title}`);
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\nlectern: ${title} failed (exit ${r.status ?? r.signal}).`);
    process.exit(r.status || 1);
  }
}

let chromium;
try {
  chromium = findChromium();
} catch (e) {
  console.error(`lectern: ${e.message}`);
  process.exit(1);
}
console.log(`lectern: e2e tests use Chromium at ${chromium}`);

step('build', process.execPath, ['scripts/build.mjs']);
step('lint (eslint, prettier --check, tsc)', process.execPath, ['scripts/lint.mjs']);
step('Electron security checks (electronegativity)', process.execPath, ['scripts/electronegativity.mjs']);
// Node 20's test runner takes no globs: list the files.
const unitFiles = readdirSync(path.join(root, 'test', 'unit'), { recursive: true })
  .filter((f) => String(f).endsWith('.test.ts'))
  .map((f) => path.join('test', 'unit', String(f)))
  .sort();
step('unit tests', process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', '--test-concurrency=2', ...unitFiles]);
if (!electronBinary(root)) {
  console.log(
    "\nlectern: the Electron e2e tests will be SKIPPED: Electron's binary is not installed (it is downloaded on first use, and this machine cannot reach Electron's downloads). The same UI is tested in Chromium. Run `npx install-electron` where the download works to include them.",
  );
} else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.log('\nlectern: the Electron e2e tests will be SKIPPED: there is no display; run npm test under xvfb-run to include them.');
}
step('end-to-end tests (Playwright)', bin('playwright'), ['test', ...process.argv.slice(2)], { LECTERN_CHROMIUM: chromium });
