/**
 * The desktop shell around the one window: the application menu and its native dialogs (open and
 * new corpus, import, export), events to the renderer, the taskbar/dock progress bar while
 * indexing, the window's remembered size and position, and light or dark following the system.
 * The decisions live in plain Node modules (app/desktop/); this file only connects them to Electron.
 */
import { app, BrowserWindow, dialog, Menu, nativeTheme, screen } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { type AppEventName, type AppEvents } from '../common/contract';
import { eventChannel } from '../common/envelope';
import { EXPORT_FORMATS, exportFormatOfFile, IMPORT_EXTENSIONS, importFailure, importSizeProblem } from '../common/formats';
import { LecternError } from '../common/errors';
import { appMenuTemplate } from '../desktop/appMenu';
import { readWindowState, windowBounds, writeWindowState } from '../desktop/windowState';
import type { LecternService } from '../service';

/** The page's background before its CSS loads (styles.css --bg, light and dark), so the window never flashes. */
export function backgroundColor(): string {
  return nativeTheme.shouldUseDarkColors ? '#17181a' : '#f7f6f2';
}

/** Window options from the remembered bounds (or the default size on a first run). */
export async function rememberedBounds(dataDir: string): Promise<{ bounds: Electron.Rectangle | { width: number; height: number }; maximized: boolean }> {
  const saved = await readWindowState(dataDir);
  return {
    bounds: windowBounds(
      saved,
      screen.getAllDisplays().map((d) => d.workArea),
    ),
    maximized: saved?.maximized ?? false,
  };
}

/** Main → renderer: one of the contract's AppEvents, which the preload passes on (and nothing else). */
export function sendEvent<E extends AppEventName>(win: BrowserWindow, event: E, payload: AppEvents[E]): void {
  if (!win.isDestroyed()) win.webContents.send(eventChannel(event), payload);
}

async function showError(win: BrowserWindow, title: string, e: unknown): Promise<void> {
  if (!(e instanceof LecternError)) console.error(`lectern: ${title}:`, e);
  await dialog.showMessageBox(win, { type: 'error', message: title, detail: (e as Error).message, buttons: ['OK'] });
}

export function installDesktop(win: BrowserWindow, service: LecternService, dataDir: string): void {
  const switchCorpus = async (open: () => Promise<unknown>) => {
    try {
      await open();
      sendEvent(win, 'corpus-changed', {});
      await refreshMenu();
    } catch (e) {
      await showError(win, 'The corpus could not be opened', e);
    }
  };

  const actions = {
    openCorpus: async () => {
      const r = await dialog.showOpenDialog(win, { title: 'Open Corpus', buttonLabel: 'Open Corpus', properties: ['openDirectory', 'createDirectory'] });
      if (!r.canceled && r.filePaths[0]) await switchCorpus(() => service.openCorpus({ dir: r.filePaths[0] }));
    },
    openRecent: (dir: string) => void switchCorpus(() => service.openCorpus({ dir })),
    newCorpus: async () => {
      const r = await dialog.showSaveDialog(win, {
        title: 'New Corpus: name a new folder',
        buttonLabel: 'Create Corpus',
        defaultPath: path.join(app.getPath('documents'), 'Lectern corpus'),
        properties: ['createDirectory', 'showOverwriteConfirmation'],
      });
      if (!r.canceled && r.filePath) await switchCorpus(() => service.newCorpus({ dir: r.filePath! }));
    },
    importFiles: async () => {
      const r = await dialog.showOpenDialog(win, {
        title: 'Import into the corpus',
        buttonLabel: 'Import',
        properties: ['openFile', 'multiSelections'],
        filters: [
          { name: 'Documents', extensions: IMPORT_EXTENSIONS.map((e) => e.slice(1)) },
          { name: 'All files', extensions: ['*'] },
        ],
      });
      if (r.canceled || !r.filePaths.length) return;
      try {
        const files = [];
        for (const file of r.filePaths) {
          const st = await fs.stat(file);
          const tooLarge = importSizeProblem(st.size);
          if (tooLarge) throw new LecternError(importFailure(path.basename(file), tooLarge));
          files.push({ filename: path.basename(file), base64: (await fs.readFile(file)).toString('base64') });
        }
        // The renderer shows each file's preview for the user to confirm: the same flow as drag and drop.
        sendEvent(win, 'import-files', { files });
      } catch (e) {
        await showError(win, 'The files could not be imported', e);
      }
    },
    exportTags: async () => {
      const r = await dialog.showSaveDialog(win, {
        title: 'Export Tags',
        defaultPath: path.join(app.getPath('documents'), 'lectern-tags.csv'),
        // The dialog answers a file name only, so one entry per extension: a .csv is the safe CSV (csv-raw is the CLI's and the Tags view's).
        filters: EXPORT_FORMATS.filter((f) => exportFormatOfFile(`x.${f.extensions[0]}`) === f.format).map(({ description, extensions }) => ({
          name: description,
          extensions,
        })),
      });
      if (r.canceled || !r.filePath) return;
      try {
        const format = exportFormatOfFile(r.filePath);
        if (!format)
          throw new LecternError(
            `Lectern exports tags as ${[...new Set(EXPORT_FORMATS.map((f) => `.${f.extensions[0]}`))].join(', ')}: give the file one of these extensions.`,
          );
        const file = await service.exportTags({ format });
        await fs.writeFile(r.filePath, Buffer.from(file.base64, 'base64'));
      } catch (e) {
        await showError(win, 'The tags could not be exported', e);
      }
    },
    showHelp: () => sendEvent(win, 'help', {}),
  };

  async function refreshMenu(): Promise<void> {
    Menu.setApplicationMenu(Menu.buildFromTemplate(appMenuTemplate(actions, await service.recentCorpora({}), process.platform, !app.isPackaged)));
  }
  void refreshMenu();

  // The taskbar (Windows, Linux) or dock (macOS) shows indexing progress: the service is polled, as the renderer does.
  let shown = -1;
  const progress = setInterval(async () => {
    const p = (await service.status({})).indexing;
    const value = !p ? -1 : p.total ? p.done / p.total : 2; // 2: indeterminate while files are counted
    if (value !== shown && !win.isDestroyed()) win.setProgressBar((shown = value));
  }, 500);

  nativeTheme.themeSource = 'system';
  const onTheme = () => win.setBackgroundColor(backgroundColor());
  nativeTheme.on('updated', onTheme);

  win.on('close', () => {
    clearInterval(progress);
    nativeTheme.off('updated', onTheme);
    void writeWindowState(dataDir, { ...win.getNormalBounds(), maximized: win.isMaximized() }).catch((e) =>
      console.error('lectern: could not save the window size:', e),
    );
  });
}
