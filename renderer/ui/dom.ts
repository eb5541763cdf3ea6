/** A tiny element builder: every node is made with createElement/textContent, never from HTML strings. */

type Child = Node | string | number | null | undefined | false;
type Handlers = { [E in keyof HTMLElementEventMap]?: (ev: HTMLElementEventMap[E]) => void };

export interface Props {
  class?: string;
  testid?: string;
  title?: string;
  /** Plain attributes; `false`/`undefined` leave the attribute out. */
  attrs?: Record<string, string | number | boolean | undefined>;
  on?: Handlers;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props | null = null, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  if (props) {
    if (props.class) el.className = props.class;
    if (props.testid) el.dataset.testid = props.testid;
    if (props.title) el.title = props.title;
    for (const [k, v] of Object.entries(props.attrs ?? {})) {
      if (v === false || v === undefined) continue;
      el.setAttribute(k, v === true ? '' : String(v));
    }
    for (const [ev, fn] of Object.entries(props.on ?? {})) el.addEventListener(ev, fn as EventListener);
  }
  append(el, ...children);
  return el;
}

export function append(parent: Node, ...children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    parent.appendChild(c instanceof Node ? c : document.createTextNode(String(c)));
  }
}

/** Replaces all children of `el`. */
export function fill(el: Element, ...children: Child[]): void {
  el.replaceChildren();
  append(el, ...children);
}

/** Text with [start, end) ranges wrapped in <mark>, built node by node (the text may be hostile). */
export function markedText(text: string, ranges: [number, number][], className = 'hit'): DocumentFragment {
  const frag = document.createDocumentFragment();
  let at = 0;
  for (const [s, e] of [...ranges].sort((a, b) => a[0] - b[0])) {
    if (s < at || e <= s) continue;
    if (s > at) frag.append(text.slice(at, s));
    frag.append(h('mark', { class: className }, text.slice(s, e)));
    at = e;
  }
  if (at < text.length) frag.append(text.slice(at));
  return frag;
}

/** True when keys typed now belong to a text field rather than to the app's shortcuts. */
export function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !['checkbox', 'radio', 'button', 'submit', 'color', 'file'].includes(target.type);
}

export const isMac = /Mac|iPhone|iPad/.test(navigator.platform);

/** Formats an ISO date (YYYY-MM-DD) for reading, leaving anything else as it is. */
export function formatDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.toLocaleDateString(undefined, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' });
}

export function plural(n: number, one: string, many = one + 's'): string {
  return `${n.toLocaleString()} ${n === 1 ? one : many}`;
}

/** "Jeremy Hunt · 7 Mar 2019 · Defence Online": the parts that exist, joined. */
export function metaLine(parts: (string | undefined | null | false)[]): string {
  return parts.filter((p): p is string => !!p).join(' · ');
}
