/**
 * The desktop app's menu as a template: standard roles (so each platform's own items and shortcuts
 * apply) plus Lectern's File items. Plain data, so it is tested without Electron; main.ts builds it.
 */
import type { MenuItemConstructorOptions } from 'electron';
import type { RecentCorpus } from '../common/contract';

export interface MenuActions {
  openCorpus(): void;
  openRecent(dir: string): void;
  newCorpus(): void;
  importFiles(): void;
  exportTags(): void;
  /** Help > Keyboard Shortcuts: the renderer's help overlay. */
  showHelp(): void;
}

/**
 * `development`: an unpackaged build (Electron's app.isPackaged is false). Only there does the View
 * menu offer the developer tools and a forced reload: in the app people install, DevTools would let
 * anyone at the keyboard run code with the renderer's access to the corpus and the tags.
 */
export function appMenuTemplate(actions: MenuActions, recent: RecentCorpus[], platform: NodeJS.Platform, development = false): MenuItemConstructorOptions[] {
  const mac = platform === 'darwin';
  const recentItems: MenuItemConstructorOptions[] = recent.length
    ? recent.map((r) => ({ label: r.name, sublabel: r.dir, toolTip: r.dir, enabled: r.available, click: () => actions.openRecent(r.dir) }))
    : [{ label: 'No recent corpora', enabled: false }];
  return [
    ...(mac ? [{ role: 'appMenu' as const }] : []),
    {
      label: '&File',
      submenu: [
        { label: 'Open Corpus…', accelerator: 'CmdOrCtrl+O', click: actions.openCorpus },
        { label: 'Open Recent', submenu: recentItems },
        { label: 'New Corpus…', accelerator: 'CmdOrCtrl+Shift+N', click: actions.newCorpus },
        { type: 'separator' },
        { label: 'Import…', accelerator: 'CmdOrCtrl+I', click: actions.importFiles },
        { label: 'Export Tags…', accelerator: 'CmdOrCtrl+E', click: actions.exportTags },
        { type: 'separator' },
        mac ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    {
      role: 'viewMenu',
      // Electron's own View menu always has Toggle Developer Tools (and its shortcut): this one has it only in development.
      submenu: [
        { role: 'reload' },
        ...(development ? [{ role: 'forceReload' as const }, { role: 'toggleDevTools' as const }] : []),
        { type: 'separator' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' },
      ],
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [{ label: 'Keyboard Shortcuts', accelerator: mac ? 'Cmd+/' : 'F1', click: actions.showHelp }],
    },
  ];
}
