/**
 * Live changes on a team server: the server sends one `change` event (TEAM_EVENTS_PATH, Server-Sent
 * Events) per committed change of the codebook or annotations, by anyone; the page fetches the tags
 * again and every view redraws. EventSource reconnects by itself and the server replays what was
 * missed from Last-Event-ID; while it is disconnected the top bar says so.
 */
import { TEAM_EVENTS_PATH } from '../../app/common/teamSession';
import { h, isEditable } from '../ui/dom';
import { onSessionEnd } from './session';

const DEBOUNCE_MS = 150;
/** After the server closed the stream for good (EventSource gives up on an error status): a new one. */
const REOPEN_MS = 3000;

export interface LiveUpdates {
  /** The top bar's notice, shown only while the stream is disconnected. */
  readonly status: HTMLElement;
}

/** Something being typed where a redraw would replace it (a note, a code's name, the picker): the refresh waits for it. */
function typingInPlace(): boolean {
  const el = document.activeElement;
  return isEditable(el) && !!(el as Element).closest('.popover, .tag-picker, .tag-editor');
}

export function startLiveUpdates(refresh: () => Promise<void>): LiveUpdates {
  const status = h('span', { class: 'live-status', testid: 'live-status', attrs: { role: 'status', hidden: true } }, 'Live updates paused: reconnecting…');
  let timer: number | undefined;
  let source: EventSource | null = null;
  /**
   * The stream was lost, or has not opened yet, since the page last read the tags: the first open reads
   * them once too, for what changed between the page's first read and the stream's start.
   */
  let lost = true;
  let ended = false;

  const schedule = () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(run, DEBOUNCE_MS);
  };
  const run = () => {
    if (ended) return;
    if (typingInPlace()) {
      document.addEventListener('focusout', schedule, { once: true });
      return;
    }
    void refresh();
  };
  const open = () => {
    const es = (source = new EventSource(TEAM_EVENTS_PATH));
    es.addEventListener('change', schedule);
    // More was missed than the server replays: read everything again (which is what a change does too).
    es.addEventListener('reset', schedule);
    es.addEventListener('open', () => {
      status.hidden = true;
      // Back after a loss: EventSource's own reconnection is replayed from Last-Event-ID, but a stream
      // that never had an event, or one opened anew, has none and may have missed changes: fetch once.
      if (lost) schedule();
      lost = false;
    });
    es.addEventListener('error', () => {
      if (ended) return;
      lost = true;
      status.hidden = false;
      if (es.readyState === EventSource.CLOSED) window.setTimeout(() => !ended && source === es && open(), REOPEN_MS);
    });
  };
  onSessionEnd(() => {
    ended = true;
    source?.close();
    window.clearTimeout(timer);
    status.hidden = true;
  });
  open();
  return { status };
}
