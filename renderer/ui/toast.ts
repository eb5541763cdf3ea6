/** Short notices at the bottom of the window (undo labels, errors), announced to screen readers. */
import { h } from './dom';

let region: HTMLElement | null = null;
let timer: number | undefined;

export interface ToastAction {
  label: string;
  run: () => void;
}

export function toast(message: string, options: { action?: ToastAction; error?: boolean } = {}): void {
  if (!region) {
    region = h('div', { class: 'toast', testid: 'toast', attrs: { role: 'status', 'aria-live': 'polite' } });
    document.body.append(region);
  }
  const el = region;
  el.replaceChildren(h('span', { class: 'toast-text' }, message));
  if (options.action) {
    const { label, run } = options.action;
    el.append(
      h(
        'button',
        {
          class: 'link-button',
          on: {
            click: () => {
              hide();
              run();
            },
          },
        },
        label,
      ),
    );
  }
  el.classList.toggle('toast-error', !!options.error);
  el.classList.add('visible');
  window.clearTimeout(timer);
  // Errors stay longer: they are read, not glanced at.
  timer = window.setTimeout(hide, options.error ? 9000 : 5000);
}

function hide(): void {
  region?.classList.remove('visible');
}

export function toastError(e: unknown): void {
  toast(e instanceof Error ? e.message : String(e), { error: true });
}
