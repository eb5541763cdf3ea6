// `npm start`: launches the Electron app; where Electron's binary cannot be had (its download fails
// offline) or there is no display, says so in one sentence and serves browser mode instead.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { electronBinary } from './electronBinary.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
if (!existsSync(path.join(root, 'dist', 'cli.js'))) spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });

function browserMode(reason) {
  console.log(
    `${reason} so Lectern is starting in browser mode instead (to get the desktop app, run "npx install-electron" on a machine that can reach Electron's downloads).`,
  );
  const child = spawn(process.execPath, [path.join(root, 'dist', 'cli.js'), 'serve', ...args], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
}

let bin = electronBinary(root);
if (!bin) {
  // Electron 42+ has no postinstall: its binary is downloaded on first use. Try once, quietly.
  const r = spawnSync(process.execPath, [path.join(root, 'node_modules', 'electron', 'install.js')], { cwd: root, stdio: 'ignore', timeout: 120_000 });
  bin = r.status === 0 ? electronBinary(root) : null;
}
if (!bin) browserMode("Electron's binary is not installed and could not be downloaded from this machine,");
else if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) browserMode('There is no display to open a window on,');
else {
  const child = spawn(bin, [path.join(root, 'dist', 'electron', 'main.js'), ...args], { cwd: root, stdio: 'inherit' });
  child.on('exit', (code) => process.exit(code ?? 0));
}
