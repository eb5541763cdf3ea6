/**
 * Guessing passwords is slowed by scrypt's cost, and stopped here. Every attempt counts from the moment
 * it starts (so guesses sent all at once are counted before any finishes) and is taken back when it
 * succeeds. Within WINDOW_MS, after MAX_FAILURES attempts for one name from one address, or
 * MAX_ADDRESS_FAILURES from one address (higher: an office's people may share one), further attempts
 * are refused (429) until the oldest leaves the window. A lock is per name *and* address, so nobody can
 * lock an account out for everyone by guessing its password; MAX_NAME_FAILURES from everywhere together
 * still stops a guesser with many addresses. At most MAX_CONCURRENT scrypts run at once and at most
 * MAX_WAITING wait (more are refused at once), so a flood of attempts cannot take the server's CPU or
 * memory from the people coding. Kept in memory, swept as it goes: a restart forgets it.
 */
import { createHash } from 'node:crypto';
import { LecternError } from '../../common/errors';

export const MAX_FAILURES = 10;
export const MAX_ADDRESS_FAILURES = 50;
export const MAX_NAME_FAILURES = 200;
export const WINDOW_MS = 10 * 60 * 1000;
const MAX_CONCURRENT = 4;
const MAX_WAITING = 32;

/** A name as a short key, whatever its length: the map never holds what a request sent. */
const nameKey = (name: string) => createHash('sha256').update(name.trim().toLowerCase()).digest('base64url');

export class SignInLimit {
  private readonly attempts = new Map<string, number[]>();
  private running = 0;
  private readonly waiting: (() => void)[] = [];
  private lastSweep = 0;

  constructor(private readonly now: () => number = Date.now) {}

  private recent(key: string): number[] {
    const cutoff = this.now() - WINDOW_MS;
    const list = (this.attempts.get(key) ?? []).filter((t) => t > cutoff);
    if (list.length) this.attempts.set(key, list);
    else this.attempts.delete(key);
    return list;
  }

  /** Drops what has left the window, now and then: names tried once are not kept for ever. */
  private sweep(): void {
    if (this.now() - this.lastSweep < 60_000) return;
    this.lastSweep = this.now();
    for (const key of [...this.attempts.keys()]) this.recent(key);
  }

  private keys(name: string, address: string): { key: string; what: string; max: number }[] {
    const n = nameKey(name);
    return [
      { key: `pair\u0000${n}\u0000${address}`, what: 'for this account', max: MAX_FAILURES },
      { key: `addr\u0000${address}`, what: 'from your address', max: MAX_ADDRESS_FAILURES },
      { key: `name\u0000${n}`, what: 'for this account', max: MAX_NAME_FAILURES },
    ];
  }

  /**
   * Counts one attempt, or throws 'too-many' when the name or the address has had too many lately.
   * Returns what to call when the attempt succeeded (it is then taken back for the name).
   */
  begin(name: string, address: string): { succeeded(): void } {
    this.sweep();
    const keys = this.keys(name, address);
    for (const { key, what, max } of keys) {
      const list = this.recent(key);
      if (list.length >= max) {
        const minutes = Math.max(1, Math.ceil((list[0] + WINDOW_MS - this.now()) / 60000));
        throw new LecternError(`Too many failed sign-ins ${what}: try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`, 'too-many');
      }
    }
    const at = this.now();
    for (const { key } of keys) this.attempts.set(key, [...this.recent(key), at]);
    return {
      // The one who knows the password: the name's count starts again, and this attempt leaves the
      // address's (an office signing in together is not a guesser).
      succeeded: () => {
        for (const { key } of keys) {
          if (!key.startsWith('addr')) this.attempts.delete(key);
          else {
            const list = this.recent(key);
            const i = list.lastIndexOf(at);
            if (i >= 0) list.splice(i, 1);
            if (list.length === 0) this.attempts.delete(key);
          }
        }
      },
    };
  }

  /** Runs `fn` when fewer than MAX_CONCURRENT sign-ins are running; refuses at once when too many wait. */
  async run<T>(fn: () => Promise<T>): Promise<T> {
    if (this.running >= MAX_CONCURRENT) {
      if (this.waiting.length >= MAX_WAITING) throw new LecternError('Too many sign-ins at once: try again in a moment.', 'too-many');
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
    this.running++;
    try {
      return await fn();
    } finally {
      this.running--;
      this.waiting.shift()?.();
    }
  }
}
