/**
 * Exposes exactly the contract to the sandboxed renderer as window.lectern, and the main process's
 * AppEvents (menu, native dialogs) as window.lecternEvents; nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { APP_EVENTS, METHODS, type AppEventSource } from '../contract';

const api: Record<string, (req?: unknown) => Promise<unknown>> = {};
for (const method of METHODS) {
  api[method] = async (req?: unknown) => {
    const r = (await ipcRenderer.invoke(`lectern:${method}`, req ?? {})) as { ok: true; value: unknown } | { ok: false; error: { message: string; code: string } };
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  };
}
contextBridge.exposeInMainWorld('lectern', api);

// Only the events the contract lists, and only their payload: the renderer never sees ipcRenderer or the IPC event.
const events: AppEventSource = {
  on(event, listener) {
    if (!(APP_EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown app event "${String(event)}".`);
    ipcRenderer.on(`lectern-event:${event}`, (_e, payload) => listener(payload));
  },
};
contextBridge.exposeInMainWorld('lecternEvents', events);
