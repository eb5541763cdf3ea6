/**
 * Exposes exactly the contract to the sandboxed renderer as window.lectern, and the main process's
 * AppEvents (menu, native dialogs) as window.lecternEvents; nothing else.
 */
import { contextBridge, ipcRenderer } from 'electron';
import { APP_EVENTS, type AppEventSource } from '../common/contract';
import { eventChannel, makeClient, methodChannel } from '../common/envelope';

contextBridge.exposeInMainWorld(
  'lectern',
  makeClient((method, req) => ipcRenderer.invoke(methodChannel(method), req)),
);

// Only the events the contract lists, and only their payload: the renderer never sees ipcRenderer or the IPC event.
const events: AppEventSource = {
  on(event, listener) {
    if (!(APP_EVENTS as readonly string[]).includes(event)) throw new Error(`Unknown app event "${String(event)}".`);
    ipcRenderer.on(eventChannel(event), (_e, payload) => listener(payload));
  },
};
contextBridge.exposeInMainWorld('lecternEvents', events);
