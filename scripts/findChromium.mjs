// Finds a Chromium for the e2e tests: Playwright's own if installed, else the system's, else installs
// Debian's `chromium` when running as root with apt-get; otherwise fails saying how to get one.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const SYSTEM = ['/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome', '/usr/bin/google-chrome-stable'];

function playwrightsOwn() {
  try {
    const p = require('playwright').chromium.executablePath();
    return p && existsSync(p) ? p : null;
  } catch {
    return null;
  }
}

export function findChromium({ install = true } = {}) {
  if (process.env.LECTERN_CHROMIUM && existsSync(process.env.LECTERN_CHROMIUM)) return process.env.LECTERN_CHROMIUM;
  const found = playwrightsOwn() ?? SYSTEM.find((p) => existsSync(p));
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
  if (install && isRoot && hasApt) {
    console.log("lectern: no Chromium found; installing Debian's chromium with apt-get (once)…");
    try {
      execFileSync('apt-get', ['update'], { stdio: 'inherit' });
      execFileSync('apt-get', ['install', '-y', '--no-install-recommends', 'chromium'], {
        stdio: 'inherit',
        env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
      });
    } catch {
      /* reported below */
    }
    const after = SYSTEM.find((p) => existsSync(p));
    if (after) return after;
  }
  throw new Error(
    'No Chromium for the end-to-end tests. Install one (Debian/Ubuntu: sudo apt-get install chromium; or npx playwright install chromium where its download is reachable), or set LECTERN_CHROMIUM to a Chromium or Chrome binary.',
  );
}
