/**
 * Runs untrusted-input work (building large corpus files, extracting imports) in worker threads,
 * each task within a time and memory budget. A parser's time can grow faster than its input
 * (marked takes 1 s on 400 nested list levels in 160 KB), and in the main thread (Electron's main
 * process, the HTTP server) every such second is a second in which nothing answers. A worker that
 * overruns its budget or its heap is terminated and replaced; only its task fails, with a message.
 * The worker script posts one message when loaded, then answers each request with {value} or
 * {error, code}.
 */
import os from 'node:os';
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { startCoreWorker } from './coreWorker';

export type Outcome<T> = { value: T } | { failed: string; code?: string };

/** Files from this size are built in a worker: below it, building takes a few milliseconds. */
export const WORKER_PARSE_CHARS = 48 * 1024;
/** How long one file may take to build. */
export const PARSE_BUDGET_MS = 15_000;
/** A worker's heap: a task that needs more is refused, not the process. */
const WORKER_HEAP_MB = 1024;

export interface PoolOptions {
  /** The worker's name: dist/NAME.js, or NAME.ts beside this file. */
  name: string;
  size?: number;
  budgetMs?: number;
}

interface Slot {
  worker: Worker | null;
}

export class WorkerPool<Req, Res> {
  private readonly slots: Slot[];
  private readonly queue: (() => void)[] = [];
  private free: Slot[];

  private readonly name: string;
  private readonly budgetMs: number;

  constructor(options: PoolOptions) {
    this.name = options.name;
    this.budgetMs = options.budgetMs ?? PARSE_BUDGET_MS;
    const size = options.size ?? Math.max(1, Math.min(2, os.availableParallelism() - 1));
    this.slots = Array.from({ length: size }, () => ({ worker: null }));
    this.free = [...this.slots];
  }

  async run(req: Req): Promise<Outcome<Res>> {
    const slot = await this.acquire();
    try {
      return await this.task(slot, req);
    } finally {
      this.free.push(slot);
      this.queue.shift()?.();
    }
  }

  async close(): Promise<void> {
    await Promise.all(this.slots.map((s) => s.worker?.terminate()));
    for (const s of this.slots) s.worker = null;
  }

  private acquire(): Promise<Slot> {
    const slot = this.free.pop();
    if (slot) return Promise.resolve(slot);
    return new Promise((resolve) => this.queue.push(() => resolve(this.free.pop()!)));
  }

  /** A started worker, once it has loaded (it says so). */
  private async ready(slot: Slot): Promise<Worker> {
    if (slot.worker) return slot.worker;
    const worker = startCoreWorker(this.name, path.join(__dirname, `${this.name}.ts`), { maxOldGenerationSizeMb: WORKER_HEAP_MB });
    await new Promise<void>((resolve, reject) => {
      worker.once('message', () => resolve());
      worker.once('error', reject);
    });
    worker.removeAllListeners('error');
    slot.worker = worker;
    return worker;
  }

  private async task(slot: Slot, req: Req): Promise<Outcome<Res>> {
    const worker = await this.ready(slot);
    return new Promise<Outcome<Res>>((resolve) => {
      let settled = false;
      const finish = (result: Outcome<Res>, kill: boolean) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        worker.off('message', onMessage);
        worker.off('error', onError);
        worker.off('exit', onExit);
        if (kill) {
          slot.worker = null;
          void worker.terminate();
        }
        resolve(result);
      };
      const onMessage = (m: { value?: Res; error?: string; code?: string }) =>
        finish(m.error === undefined ? { value: m.value as Res } : { failed: m.error, code: m.code }, false);
      const onError = (e: Error) =>
        finish({ failed: /heap|memory/i.test(e.message) ? `it needs more than ${WORKER_HEAP_MB} MB of memory to read` : e.message }, true);
      const onExit = () => finish({ failed: 'its reader stopped' }, true);
      const timer = setTimeout(() => finish({ failed: `it took longer than ${this.budgetMs / 1000} s to read` }, true), this.budgetMs);
      worker.on('message', onMessage);
      worker.once('error', onError);
      worker.once('exit', onExit);
      worker.postMessage(req);
    });
  }
}
