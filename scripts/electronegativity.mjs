// Electronegativity (Doyensec's checker for Electron's security checklist) over app/ and renderer/,
// as one app, so checks spanning files (navigation limits, permission handlers, CSP) see it whole.
// Fails on every finding: a finding that is deliberate must be justified where it occurs, with an
// inline `/* eng-disable CHECK_ID */` annotation and a comment saying why.
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import Module, { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(path.join(root, 'package.json'));

// The tool fetches translations and Electron's release list over the network; tests stay offline,
// so its HTTP client is replaced by one that fails at once (it then uses its built-in English text).
const originalLoad = Module._load;
Module._load = function (request, parent, isMain) {
  if (request === 'got') return () => Promise.reject(new Error('offline: electronegativity runs without network in Lectern'));
  return originalLoad.call(this, request, parent, isMain);
};
const run = require('@doyensec/electronegativity');

/**
 * Checks not run, each with the reason. Anything else that fires fails the run.
 * - AVAILABLE_SECURITY_FIXES_GLOBAL_CHECK needs Electron's release list from the network; the
 *   Electron version is pinned in package.json and updated with the dependencies instead.
 */
const EXCLUDED = ['AvailableSecurityFixesGlobalCheck'];

const scan = mkdtempSync(path.join(os.tmpdir(), 'lectern-electronegativity-'));
try {
  for (const dir of ['app', 'renderer']) cpSync(path.join(root, dir), path.join(scan, dir), { recursive: true });
  const electronVersion = JSON.parse(readFileSync(require.resolve('electron/package.json'), 'utf8')).version;
  const result = await run({ input: scan, isRelative: true, electronVersionOverride: electronVersion, excludeFromScan: EXCLUDED });
  const parseErrors = result.errors.filter((e) => !e.tolerable);
  for (const e of parseErrors) console.error(`electronegativity could not parse ${path.relative(scan, e.file)}: ${e.message}`);
  for (const i of result.issues) {
    console.error(
      `${i.id} (${i.severity.name}, ${i.confidence.name}) ${i.file}:${i.location.line}  ${String(i.sample ?? '')
        .trim()
        .slice(0, 120)}\n    ${i.description} ${i.shortenedURL ?? ''}`,
    );
  }
  console.log(
    `electronegativity: ${result.globalChecks + result.atomicChecks} checks (Electron ${electronVersion}) over app/ and renderer/: ${result.issues.length} finding(s), ${parseErrors.length} file(s) not parsed.`,
  );
  if (result.issues.length || parseErrors.length) {
    console.error('Fix each finding, or justify it where it occurs with /* eng-disable CHECK_ID */ and a comment saying why.');
    process.exitCode = 1;
  }
} finally {
  rmSync(scan, { recursive: true, force: true });
}
