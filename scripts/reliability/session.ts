/** A client of a running browser-mode server, authenticated as the page is, from the address `lectern serve` printed. */
import { sessionFor } from '../../test/helpers/server';

export interface Session {
  call<T>(method: string, req: unknown): Promise<T>;
  base: string;
  /** The headers that authenticate a raw request as this session. */
  headers(): Record<string, string>;
}

export async function openSession(launchUrl: string): Promise<Session> {
  const auth = await sessionFor(launchUrl);
  const base = `${new URL(launchUrl).origin}/`;
  return {
    base,
    headers: () => ({ ...auth }),
    async call<T>(method: string, req: unknown): Promise<T> {
      const res = await fetch(`${base}api/${method}`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth }, body: JSON.stringify(req) });
      const reply = (await res.json()) as { ok: boolean; value?: T; error?: { message: string } };
      if (!reply.ok) throw new Error(reply.error?.message ?? `HTTP ${res.status}`);
      return reply.value as T;
    },
  };
}
