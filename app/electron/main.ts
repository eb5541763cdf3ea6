/**
 * Electron's main process: one window, the UI served through the lectern:// protocol, and one IPC
 * handler per contract method; the menu, dialogs and the rest of the desktop shell are in
 * desktop.ts. Everything else lives in plain Node code (service, core, app/desktop).
 */
import { app, BrowserWindow, ipcMain, protocol, session, shell, dialog, type WebFrameMain } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { listStaticFiles, staticFileFor } from '../server/staticFiles';
import { METHODS } from '../common/contract';
import { errorReply, methodChannel } from '../common/envelope';
import { makeDispatch } from '../service/dispatch';
import { CONTENT_SECURITY_POLICY } from '../common/csp';
import { openService } from '../service/openService';
import { DEFAULT_CORPUS, RENDERER_DIR } from '../core/paths';
import type { LecternService } from '../service';
import { ensureWritableCorpus } from '../desktop/seedCorpus';
import { backgroundColor, installDesktop, rememberedBounds } from './desktop';

const SCHEME = 'lectern';
const ORIGIN = `${SCHEME}://app`;

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);

let mainWindow: BrowserWindow | null = null;

// One Lectern at a time: a second launch focuses the first one's window and quits.
const firstInstance = app.requestSingleInstanceLock();
if (!firstInstance) app.quit();
app.on('second-instance', () => {
  // On macOS the app outlives its window: a second launch then opens a new one.
  if (!mainWindow || mainWindow.isDestroyed()) {
    if (app.isReady()) app.emit('activate');
    return;
  }
  if (mainWindow.isMinimized()) mainWindow.restore();
  mainWindow.focus();
});

/**
 * --corpus DIR, else the shipped corpus. The packaged app's copy in its resources is read-only, so
 * on first run it is copied to userData/corpus, where tags and imports can be saved.
 */
async function corpusFromArgs(): Promise<string> {
  const i = process.argv.indexOf('--corpus');
  if (i > 0 && process.argv[i + 1]) return path.resolve(process.argv[i + 1]);
  if (!app.isPackaged) return DEFAULT_CORPUS;
  const writable = path.join(app.getPath('userData'), 'corpus');
  await ensureWritableCorpus(path.join(process.resourcesPath, 'corpus'), writable);
  return writable;
}

/** Only the renderer's own window's main frame, showing our own page, may call the contract. */
function trustedSender(frame: WebFrameMain | null): boolean {
  if (!frame || !mainWindow || frame !== mainWindow.webContents.mainFrame) return false;
  try {
    return new URL(frame.url).origin === ORIGIN;
  } catch {
    return false;
  }
}

/** Serves only the renderer's own files, as listed at start (the same list browser mode serves). */
function uiHandler(files: Map<string, string>): (request: Request) => Promise<Response> {
  return async (request) => {
    const url = new URL(request.url);
    const found = url.host === 'app' ? staticFileFor(files, url.pathname) : null;
    if (!found) return new Response('Not found', { status: 404 });
    return new Response(await fs.readFile(found.file), {
      headers: { 'Content-Type': found.type, 'Content-Security-Policy': CONTENT_SECURITY_POLICY, 'X-Content-Type-Options': 'nosniff' },
    });
  };
}

/** Hands a link to the system browser: web addresses only, and only once the user has said yes. */
async function openWebLink(win: BrowserWindow | null, raw: string): Promise<void> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return;
  const options = {
    type: 'question' as const,
    buttons: ['Open in browser', 'Cancel'],
    defaultId: 1,
    cancelId: 1,
    message: 'Open this link in your web browser?',
    detail: url.href,
  };
  const { response } = win ? await dialog.showMessageBox(win, options) : await dialog.showMessageBox(options);
  // Checked above: an http(s) URL, parsed and re-serialised, that the user just confirmed.
  if (response === 0) await shell.openExternal(url.href); /* eng-disable OPEN_EXTERNAL_JS_CHECK */
}

/** One IPC channel per contract method, all served by the dispatch browser mode uses too. */
function registerIpc(service: LecternService): void {
  const dispatch = makeDispatch(service);
  for (const method of METHODS) {
    ipcMain.handle(methodChannel(method), (event, req: unknown) =>
      trustedSender(event.senderFrame) ? dispatch(method, req) : errorReply('Refused: unknown sender.', 'forbidden'),
    );
  }
}

async function createWindow(): Promise<BrowserWindow> {
  const { bounds, maximized } = await rememberedBounds(app.getPath('userData'));
  const win = new BrowserWindow({
    ...bounds,
    title: 'Lectern',
    show: false,
    backgroundColor: backgroundColor(),
    webPreferences: {
      // The preload exposes the contract's methods and nothing else (no ipcRenderer, no Node): see preload.ts.
      preload: path.join(__dirname, 'preload.js') /* eng-disable PRELOAD_JS_CHECK */,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
      // Middle-click on a link would otherwise bypass the window-open handler.
      disableBlinkFeatures: 'Auxclick',
      // The spell checker downloads dictionaries from Google: nothing may leave the machine.
      spellcheck: false,
      // DevTools only in development: in the installed app they would run any code with the renderer's access.
      devTools: !app.isPackaged,
      enableWebSQL: false,
      safeDialogs: true,
    },
  });
  win.once('ready-to-show', () => {
    if (maximized) win.maximize();
    win.show();
  });
  void win.loadURL(`${ORIGIN}/index.html`);
  return win;
}

app.enableSandbox();
// For every web contents, present or future: no <webview>, no navigation away from the UI, no new
// windows; a link's http(s) address opens in the system browser after the user confirms it.
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
  contents.on('will-navigate', (e) => e.preventDefault());
  contents.on('will-frame-navigate', (e) => {
    if (!e.url.startsWith(`${ORIGIN}/`)) e.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    void openWebLink(BrowserWindow.fromWebContents(contents), url);
    return { action: 'deny' };
  });
});

app.whenReady().then(async () => {
  if (!firstInstance) return;
  // Nothing leaves the machine: deny every permission and every request that is not our own protocol.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
  session.defaultSession.setDevicePermissionHandler(() => false);
  session.defaultSession.setSpellCheckerEnabled(false);
  // blob: addresses of our own origin are the exports the page builds (a Markdown report, a CSV): downloads, nothing remote.
  const allowed = [`${ORIGIN}/`, `blob:${ORIGIN}/`, 'devtools://'];
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => cb({ cancel: !allowed.some((p) => details.url.startsWith(p)) }));
  // Exports are saved where the user says, in the system's own save dialog.
  session.defaultSession.on('will-download', (_e, item) => {
    item.setSaveDialogOptions({ title: 'Save export', defaultPath: path.join(app.getPath('documents'), item.getFilename()) });
  });
  protocol.handle(SCHEME, uiHandler(await listStaticFiles(RENDERER_DIR)));
  const dataDir = app.getPath('userData');
  let corpus: string;
  try {
    corpus = await corpusFromArgs();
  } catch (e) {
    dialog.showErrorBox(
      'Lectern cannot start',
      `The sample corpus could not be copied to ${path.join(dataDir, 'corpus')} (${(e as Error).message}). Free some disk space or check that folder's permissions, then start Lectern again.`,
    );
    app.exit(1);
    return;
  }
  const service = await openService(corpus, { watch: true, dataDir });
  if (!service.loaded.error) await service.rememberCorpus();
  registerIpc(service);
  // Cache writes wait for edits to settle: finish them before the process ends (tags are already on disk).
  let closed = false;
  app.on('will-quit', (e) => {
    if (closed) return;
    e.preventDefault();
    closed = true;
    void service.close().finally(() => app.quit());
  });
  const show = async () => {
    mainWindow = await createWindow();
    mainWindow.on('closed', () => (mainWindow = null));
    installDesktop(mainWindow, service, dataDir);
  };
  await show();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) void show();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
