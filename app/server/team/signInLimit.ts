/**
 * Guessing passwords is slowed by scrypt's cost, and stopped here: after MAX_FAILURES failed sign-ins
 * for one account name, or MAX_ADDRESS_FAILURES from one address (higher: an office's people may share
 * one), within WINDOW_MS, further attempts for it are refused (429) until the oldest failure leaves the
 * window; a success clears the name's count. At most
 * MAX_CONCURRENT sign-ins run their scrypt at once, so a flood of attempts cannot take the server's CPU
 * from the people coding. Kept in memory: a restart forgets it, which costs an attacker a restart.
 */
import { LecternError } from '../../common/errors';

export const MAX_FAILURES = 10;
export const MAX_ADDRESS_FAILURES = 50;
export const WINDOW_MS = 10 * 60 * 1000;
const MAX_CONCURRENT = 4;

export class SignInLimit {
  private readonly failures = new Map<string, number[]>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(private readonly now: () => number = Date.now) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const list = (this.failures.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.failures.set(key, list);
    else this.failures.delete(key);
    return list;
  }

  /** Throws 'too-many' when the name or the address has failed too often lately. */
  check(name: string, address: string): void {
    for (const [key, what, max] of [
      [`name\u0000${name.trim().toLowerCase()}`, 'for this account', MAX_FAILURES],
      [`addr\u0000${address}`, 'from your address', MAX_ADDRESS_FAILURES],
    ] as const) {
      const list = this.recent(key);
      if (list.length >= max) {
        const minutes = Math.max(1, Math.ceil((list[0] + WINDOW_MS - this.now()) / 60000));
        throw new LecternError(`Too many failed sign-ins ${what}: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, 'too-many');
      }
    }
  }

  failed(name: string, address: string): void {
    for (const key of [`name\u0000${name.trim().toLowerCase()}`, `addr\u0000${address}`]) this.failures.set(key, [...this.recent(key), this.now()]);
  }

  succeeded(name: string): void {
    this.failures.delete(`name\u0000${name.trim().toLowerCase()}`);
  }

  /** Runs `fn` when fewer than MAX_CONCURRENT sign-ins are running. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= MAX_CONCURRENT) await new Promise<void>((resolve) => this.waiting.push(resolve));
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
