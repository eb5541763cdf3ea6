import assert from 'node:assert/strict';
import { chmodSync, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { MenuItemConstructorOptions } from 'electron';
import { appMenuTemplate, type MenuActions } from '../../../app/desktop/appMenu';
import { exportFormatOfFile as exportFormatOf } from '../../../app/common/formats';
import { ensureWritableCorpus } from '../../../app/desktop/seedCorpus';
import { DEFAULT_SIZE, readWindowState, windowBounds, writeWindowState } from '../../../app/desktop/windowState';
import { SHIPPED_CORPUS } from '../../helpers/repo';
import { withTempDir } from '../../helpers/temp';

test('first run copies the shipped corpus to a writable folder, without .lectern; later runs keep the user’s copy', async () => {
  await withTempDir(async (dir) => {
    const seed = path.join(dir, 'resources', 'corpus');
    mkdirSync(path.join(seed, '.lectern'), { recursive: true });
    mkdirSync(path.join(seed, 'sub'));
    writeFileSync(path.join(seed, 'a.md'), 'Alpha.');
    writeFileSync(path.join(seed, 'sub', 'b.md'), 'Beta.');
    writeFileSync(path.join(seed, '.lectern', 'annotations.json'), '{}');
    chmodSync(path.join(seed, 'a.md'), 0o444);
    const target = path.join(dir, 'userData', 'corpus');
    assert.equal(await ensureWritableCorpus(seed, target), true);
    assert.equal(readFileSync(path.join(target, 'sub', 'b.md'), 'utf8'), 'Beta.');
    assert.ok(!existsSync(path.join(target, '.lectern')));
    assert.equal(statSync(path.join(target, 'a.md')).mode & 0o200, 0o200, 'the copy is writable');
    writeFileSync(path.join(target, 'a.md'), 'Edited by the user.');
    assert.equal(await ensureWritableCorpus(seed, target), false);
    assert.equal(readFileSync(path.join(target, 'a.md'), 'utf8'), 'Edited by the user.');
  });
});

test('the shipped corpus itself copies whole', async () => {
  await withTempDir(async (dir) => {
    const target = path.join(dir, 'corpus');
    await ensureWritableCorpus(SHIPPED_CORPUS, target);
    assert.ok(existsSync(path.join(target, '2021-05-12-raab-cooperation-independent.md')));
  });
});

test('window state: written and read back; missing or broken files give the default size', async () => {
  await withTempDir(async (dir) => {
    assert.equal(await readWindowState(dir), null);
    await writeWindowState(dir, { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    assert.deepEqual(await readWindowState(dir), { x: 10, y: 20, width: 1000, height: 700, maximized: true });
    writeFileSync(path.join(dir, 'window-state.json'), '{"x": "left"');
    assert.equal(await readWindowState(dir), null);
    assert.deepEqual(windowBounds(null, []), DEFAULT_SIZE);
  });
});

test('window bounds: kept on a display, pulled back inside it, or centred when its display is gone', () => {
  const displays = [
    { x: 0, y: 0, width: 1920, height: 1080 },
    { x: 1920, y: 0, width: 1280, height: 1024 },
  ];
  const saved = { x: 2000, y: 50, width: 1000, height: 800, maximized: false };
  assert.deepEqual(windowBounds(saved, displays), { x: 2000, y: 50, width: 1000, height: 800 });
  // Hanging off the right edge of the second display: moved in.
  assert.deepEqual(windowBounds({ ...saved, x: 2400 }, displays), { x: 2200, y: 50, width: 1000, height: 800 });
  // Larger than any display: shrunk to the one it was mostly on, and centred there.
  assert.deepEqual(windowBounds({ ...saved, width: 3000, height: 2000, x: 1900, y: 0 }, displays), { width: 1280, height: 1024 });
  assert.deepEqual(windowBounds({ ...saved, width: 1900, height: 1200, x: 10, y: 0 }, displays), { x: 10, y: 0, width: 1900, height: 1080 });
  // The second monitor was unplugged: no position (the window system centres it), the size kept.
  assert.deepEqual(windowBounds(saved, [displays[0]]), { width: 1000, height: 800 });
});

test('the application menu: File items with their accelerators, recent corpora, standard roles, Help opens the shortcuts', () => {
  const calls: string[] = [];
  const actions: MenuActions = {
    openCorpus: () => calls.push('open'),
    openRecent: (dir) => calls.push(`recent ${dir}`),
    newCorpus: () => calls.push('new'),
    importFiles: () => calls.push('import'),
    exportTags: () => calls.push('export'),
    showHelp: () => calls.push('help'),
  };
  const recent = [
    { dir: '/data/speeches', name: 'speeches', openedAt: '', available: true },
    { dir: '/gone', name: 'gone', openedAt: '', available: false },
  ];
  const menu = appMenuTemplate(actions, recent, 'linux');
  const file = menu[0].submenu as MenuItemConstructorOptions[];
  const items = file.filter((i) => i.label).map((i) => [i.label, i.accelerator ?? '']);
  assert.deepEqual(items, [
    ['Open Corpus…', 'CmdOrCtrl+O'],
    ['Open Recent', ''],
    ['New Corpus…', 'CmdOrCtrl+Shift+N'],
    ['Import…', 'CmdOrCtrl+I'],
    ['Export Tags…', 'CmdOrCtrl+E'],
  ]);
  const recentMenu = file[1].submenu as MenuItemConstructorOptions[];
  assert.deepEqual(
    recentMenu.map((i) => [i.label, i.enabled]),
    [
      ['speeches', true],
      ['gone', false],
    ],
  );
  (recentMenu[0].click as () => void)();
  for (const item of file) if (item.click && item.label !== 'Open Recent') (item.click as () => void)();
  assert.deepEqual(
    menu.slice(1, 4).map((m) => m.role),
    ['editMenu', 'viewMenu', 'windowMenu'],
  );
  const help = menu[4];
  assert.equal(help.role, 'help');
  ((help.submenu as MenuItemConstructorOptions[])[0].click as () => void)();
  assert.deepEqual(calls, ['recent /data/speeches', 'open', 'new', 'import', 'export', 'help']);
  assert.equal(file.at(-1)!.role, 'quit');
  const mac = appMenuTemplate(actions, [], 'darwin');
  assert.equal(mac[0].role, 'appMenu');
  assert.deepEqual(
    ((mac[1].submenu as MenuItemConstructorOptions[])[1].submenu as MenuItemConstructorOptions[]).map((i) => i.label),
    ['No recent corpora'],
  );
});

test('the View menu offers the developer tools (and their shortcut) only in a development build', () => {
  const noop = () => undefined;
  const actions: MenuActions = { openCorpus: noop, openRecent: noop, newCorpus: noop, importFiles: noop, exportTags: noop, showHelp: noop };
  const viewRoles = (development: boolean | undefined) => {
    const view = appMenuTemplate(actions, [], 'linux', development).find((m) => m.role === 'viewMenu')!;
    // An explicit submenu: Electron's default View menu would bring Toggle Developer Tools with it.
    assert.ok(Array.isArray(view.submenu), 'the View menu lists its own items');
    return (view.submenu as MenuItemConstructorOptions[]).map((i) => i.role).filter(Boolean);
  };
  for (const packaged of [viewRoles(false), viewRoles(undefined)]) {
    assert.deepEqual(packaged, ['reload', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
  }
  assert.deepEqual(viewRoles(true), ['reload', 'forceReload', 'toggleDevTools', 'resetZoom', 'zoomIn', 'zoomOut', 'togglefullscreen']);
});

test('export file names map to formats', () => {
  assert.equal(exportFormatOf('/x/tags.csv'), 'csv');
  assert.equal(exportFormatOf('tags.QDPX'), 'qdpx');
  assert.equal(exportFormatOf('tags.jsonld'), 'w3c');
  assert.equal(exportFormatOf('report.md'), 'md');
  assert.equal(exportFormatOf('tags.xlsx'), null);
});
