/** Exposes exactly the contract to the sandboxed renderer as window.lectern, nothing else. */
import { contextBridge, ipcRenderer } from 'electron';
import { METHODS } from '../contract';

const api: Record<string, (req?: unknown) => Promise<unknown>> = {};
for (const method of METHODS) {
  api[method] = async (req?: unknown) => {
    const r = (await ipcRenderer.invoke(`lectern:${method}`, req ?? {})) as { ok: true; value: unknown } | { ok: false; error: { message: string; code: string } };
    if (!r.ok) throw Object.assign(new Error(r.error.message), { code: r.error.code });
    return r.value;
  };
}
contextBridge.exposeInMainWorld('lectern', api);
