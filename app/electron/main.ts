/**
 * Electron's main process: one window, the UI served through the lectern:// protocol, and one IPC
 * handler per contract method. Everything else lives in plain Node code (service, core).
 */
import { app, BrowserWindow, ipcMain, protocol, session, shell, dialog, type WebFrameMain } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { METHODS, LecternError } from '../contract';
import { CONTENT_SECURITY_POLICY } from '../csp';
import { openService } from '../openService';
import { DEFAULT_CORPUS, RENDERER_DIR } from '../paths';
import type { LecternService } from '../service';

const SCHEME = 'lectern';
const ORIGIN = `${SCHEME}://app`;
const TYPES: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css', '.map': 'application/json', '.svg': 'image/svg+xml' };

protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } }]);

let mainWindow: BrowserWindow | null = null;

function corpusFromArgs(): string {
  const i = process.argv.indexOf('--corpus');
  return i > 0 && process.argv[i + 1] ? path.resolve(process.argv[i + 1]) : DEFAULT_CORPUS;
}

/** Only the renderer's own window, showing our own page, may call the contract. */
function trustedSender(frame: WebFrameMain | null): boolean {
  return !!frame && !!mainWindow && frame === mainWindow.webContents.mainFrame && new URL(frame.url).origin === ORIGIN;
}

async function serveUi(request: Request): Promise<Response> {
  const url = new URL(request.url);
  const rel = decodeURIComponent(url.pathname === '/' ? '/index.html' : url.pathname);
  const file = path.resolve(RENDERER_DIR, '.' + rel);
  if (url.host !== 'app' || !file.startsWith(RENDERER_DIR + path.sep) || !TYPES[path.extname(file)]) return new Response('Not found', { status: 404 });
  try {
    return new Response(await fs.readFile(file), { headers: { 'Content-Type': TYPES[path.extname(file)], 'Content-Security-Policy': CONTENT_SECURITY_POLICY } });
  } catch {
    return new Response('Not found', { status: 404 });
  }
}

function registerIpc(service: LecternService): void {
  for (const method of METHODS) {
    ipcMain.handle(`lectern:${method}`, async (event, req: unknown) => {
      if (!trustedSender(event.senderFrame)) return { ok: false, error: { message: 'Refused: unknown sender.', code: 'forbidden' } };
      try {
        const fn = (service as unknown as Record<string, (r: unknown) => Promise<unknown>>)[method];
        return { ok: true, value: await fn.call(service, req ?? {}) };
      } catch (e) {
        if (e instanceof LecternError) return { ok: false, error: { message: e.message, code: e.code } };
        console.error(`lectern: ${method} failed:`, e);
        return { ok: false, error: { message: `Lectern hit an internal error: ${(e as Error).message}`, code: 'internal' } };
      }
    });
  }
}

function createWindow(): BrowserWindow {
  const win = new BrowserWindow({
    width: 1360,
    height: 880,
    title: 'Lectern',
    show: false,
    webPreferences: {
      preload: path.join(__dirname, 'preload.js'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      navigateOnDragDrop: false,
    },
  });
  win.once('ready-to-show', () => win.show());
  // No navigation away from the UI, no new windows; http(s) links open in the system browser after asking.
  win.webContents.on('will-navigate', (e) => e.preventDefault());
  win.webContents.setWindowOpenHandler(({ url }) => {
    if (/^https?:\/\//i.test(url)) {
      void dialog
        .showMessageBox(win, { type: 'question', buttons: ['Open in browser', 'Cancel'], defaultId: 1, cancelId: 1, message: 'Open this link in your web browser?', detail: url })
        .then(({ response }) => {
          if (response === 0) void shell.openExternal(url);
        });
    }
    return { action: 'deny' };
  });
  void win.loadURL(`${ORIGIN}/index.html`);
  return win;
}

app.enableSandbox();
app.on('web-contents-created', (_e, contents) => {
  contents.on('will-attach-webview', (e) => e.preventDefault());
});

app.whenReady().then(async () => {
  // Nothing leaves the machine: deny every permission and every request that is not our own protocol.
  session.defaultSession.setPermissionRequestHandler((_wc, _perm, cb) => cb(false));
  session.defaultSession.webRequest.onBeforeRequest((details, cb) => cb({ cancel: !details.url.startsWith(`${ORIGIN}/`) && !details.url.startsWith('devtools://') }));
  protocol.handle(SCHEME, serveUi);
  const service = await openService(corpusFromArgs());
  registerIpc(service);
  mainWindow = createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) mainWindow = createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
