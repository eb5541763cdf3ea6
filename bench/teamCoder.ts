/**
 * One simulated coder of the team bench: a loop of tagging gestures as a person at the page makes them,
 * with no think time (a closed loop: the next gesture starts when the last reply came), driving any
 * Dispatch-shaped caller (a TeamClient over HTTP, or the single-user service in-process), so the team
 * server and the file store run the very same workload.
 *
 * It keeps what every acknowledged write says the coder's annotations now hold (`expected`), and its own
 * undo stack mirroring the server's (one entry per write that changed something; undo pops it), so that
 * afterwards each acknowledged annotation can be checked against what PostgreSQL holds.
 */
import type { AnnotationView, HistoryState, Tag, TaggedRange } from '../app/common/contract';
import type { Reply } from '../app/common/envelope';

/** One call: the reply envelope (a network failure is reported as the code 'network'). */
export type Caller = (method: string, req: unknown) => Promise<Reply>;

export interface Range {
  docId: string;
  start: number;
  end: number;
}

/** What an annotation must hold, or null: an acknowledged undo removed it. */
export interface Expected {
  tagIds: string[];
  note: string;
}

interface Step {
  id: string;
  /** What the annotation held before the step; null: it did not exist. */
  before: Expected | null;
  createdTags: string[];
  /** Rows the step changed (the annotation's, and each code it created): the change events it causes. */
  changes: number;
}

export interface CoderStats {
  /** Milliseconds per method, acknowledged or not. */
  latency: Record<string, number[]>;
  /** Count per "method: code" of refused or failed calls. */
  errors: Record<string, number>;
  requests: number;
  /** Acknowledged writes (tagRange, updateAnnotation, undo). */
  writes: number;
}

const same = (a: Expected | null | undefined, b: Expected) => !!a && a.note === b.note && a.tagIds.join() === b.tagIds.join();
const pick = <T>(xs: T[], rnd: () => number): T => xs[Math.floor(rnd() * xs.length)];

/** A small seeded generator (mulberry32): each coder's choices are its own and the same every run. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export class SimulatedCoder {
  readonly stats: CoderStats = { latency: {}, errors: {}, requests: 0, writes: 0 };
  /** Annotation id → what the last acknowledged write (or undo) says it holds. */
  readonly expected = new Map<string, Expected | null>();
  /** Codes this coder's acknowledged gestures created → whether they must still exist (false once undone). */
  readonly createdTags = new Map<string, boolean>();
  /** When each acknowledged write that changed rows was acknowledged (performance.now()), and how many rows: matched to change events. */
  readonly acks: { at: number; changes: number }[] = [];
  private readonly steps: Step[] = [];
  private codebook: Tag[];
  private gestures = 0;
  private readonly rnd: () => number;

  constructor(
    readonly name: string,
    private readonly call: Caller,
    private readonly passages: Range[],
    seedCodebook: Tag[],
    seed: number,
  ) {
    this.codebook = seedCodebook;
    this.rnd = seeded(seed);
  }

  /** Gestures until `deadline` (performance.now()). */
  async run(deadline: number): Promise<void> {
    while (performance.now() < deadline) {
      const wrote = this.rnd() < 0.1 && this.ownLive().length > 0 ? await this.edit() : await this.tag();
      if (!wrote) continue;
      // An "oops" right after one's own change: the step undone is the one just made, as at the page.
      if (this.rnd() < 0.05) await this.undo();
      // The page, after a change, reads the document's annotations and the codebook again.
      await this.timed('annotations', { docId: wrote.docId });
      const cb = await this.timed('codebook', {});
      if (cb.ok) this.codebook = cb.value as Tag[];
    }
  }

  private ownLive(): string[] {
    return [...this.expected].filter(([, e]) => e !== null).map(([id]) => id);
  }

  private async timed(method: string, req: unknown): Promise<Reply> {
    const t = performance.now();
    const reply = await this.call(method, req);
    (this.stats.latency[method] ??= []).push(performance.now() - t);
    this.stats.requests++;
    if (!reply.ok) {
      const key = `${method}: ${reply.error.code}`;
      this.stats.errors[key] = (this.stats.errors[key] ?? 0) + 1;
    }
    return reply;
  }

  private someCodes(): string[] {
    const n = 1 + Math.floor(this.rnd() * 2);
    return [...new Set(Array.from({ length: n }, () => pick(this.codebook, this.rnd).id))];
  }

  /** tagRange on a random passage (whole, or a stretch of it) of a random document. */
  private async tag(): Promise<{ docId: string } | null> {
    const p = pick(this.passages, this.rnd);
    let { start, end } = p;
    if (this.rnd() < 0.5 && end - start > 40) {
      start += Math.floor(this.rnd() * ((end - start) / 2));
      end = Math.min(end, start + 20 + Math.floor(this.rnd() * 100));
    }
    const n = ++this.gestures;
    const req = {
      docId: p.docId,
      start,
      end,
      tagIds: this.someCodes(),
      // A few names of the coder's own, so that some recur (the codebook has them by then) and some are new.
      ...(this.rnd() < 0.15 ? { newTags: [`${this.name} code ${Math.floor(this.rnd() * 6)}`] } : {}),
      ...(this.rnd() < 0.3 ? { note: `note ${n} by ${this.name}` } : {}),
    };
    const reply = await this.timed('tagRange', req);
    if (!reply.ok) return null;
    const r = reply.value as TaggedRange;
    this.acknowledged(
      r.annotation,
      r.created.map((t) => t.id),
    );
    return { docId: p.docId };
  }

  /** updateAnnotation of one of one's own annotations: a code swapped for another, sometimes a new note. */
  private async edit(): Promise<{ docId: string } | null> {
    const id = pick(this.ownLive(), this.rnd);
    const was = this.expected.get(id)!;
    const kept = was.tagIds.filter(() => this.rnd() < 0.7);
    const req = {
      id,
      tagIds: [...new Set([...kept, ...this.someCodes()])],
      ...(this.rnd() < 0.5 ? { note: `edited ${++this.gestures} by ${this.name}` } : {}),
    };
    const reply = await this.timed('updateAnnotation', req);
    if (!reply.ok) return null;
    const a = reply.value as AnnotationView;
    this.acknowledged(a, []);
    return { docId: a.docId };
  }

  private acknowledged(a: AnnotationView, createdTags: string[]): void {
    this.stats.writes++;
    const before = this.expected.get(a.id);
    const now: Expected = { tagIds: a.tagIds, note: a.note };
    const changes = (same(before, now) ? 0 : 1) + createdTags.length;
    this.expected.set(a.id, now);
    for (const t of createdTags) this.createdTags.set(t, true);
    if (changes === 0) return; // the server records no undo step for a write that changed nothing
    this.steps.push({ id: a.id, before: before ?? null, createdTags, changes });
    this.acks.push({ at: performance.now(), changes });
  }

  private async undo(): Promise<void> {
    const reply = await this.timed('undo', {});
    if (!reply.ok) return;
    this.stats.writes++;
    const step = this.steps.pop();
    if (!step) return;
    this.expected.set(step.id, step.before);
    for (const t of step.createdTags) this.createdTags.set(t, false);
    this.acks.push({ at: performance.now(), changes: step.changes });
    if ((reply.value as HistoryState).canUndo !== this.steps.length > 0) {
      this.stats.errors['undo: history differs from the acknowledged steps'] =
        (this.stats.errors['undo: history differs from the acknowledged steps'] ?? 0) + 1;
    }
  }
}
