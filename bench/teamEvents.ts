/**
 * One page's live stream of the team's changes, as the browser's EventSource would hold it: GET
 * /team/events with the coder's cookie, read as it streams (fetch), each `change` event noted with the
 * time it arrived (performance.now(), the clock the coders note their acknowledgements on).
 */
import { TEAM_EVENTS_PATH, type TeamChangeEvent } from '../app/common/teamSession';
import type { TeamClient } from '../test/helpers/teamServer';

export interface HeardEvent {
  seq: number;
  by: string | null;
  at: number;
}

export class EventListener {
  readonly heard: HeardEvent[] = [];
  private readonly abort = new AbortController();
  private done: Promise<void> = Promise.resolve();

  constructor(private readonly client: TeamClient) {}

  /** Resolves once the stream is open (the server has answered its headers). */
  async open(): Promise<void> {
    const res = await fetch(new URL(TEAM_EVENTS_PATH, this.client.url), {
      headers: { Cookie: this.client.cookie, Origin: new URL(this.client.url).origin },
      signal: this.abort.signal,
    });
    if (res.status !== 200 || !res.body) throw new Error(`GET ${TEAM_EVENTS_PATH} answered ${res.status}`);
    this.done = this.read(res.body).catch((e) => {
      if (!this.abort.signal.aborted) throw e;
    });
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      const at = performance.now();
      buffer += decoder.decode(value, { stream: true });
      let end: number;
      while ((end = buffer.indexOf('\n\n')) >= 0) {
        const block = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        const lines = block.split('\n');
        if (!lines.includes('event: change')) continue; // the retry line, pings, a reset
        const data = lines.find((l) => l.startsWith('data: '));
        if (!data) continue;
        const e = JSON.parse(data.slice(6)) as TeamChangeEvent;
        this.heard.push({ seq: e.seq, by: e.by, at });
      }
    }
  }

  async close(): Promise<void> {
    this.abort.abort();
    await this.done;
  }
}
