/** The tag picker: opens at a selection; type to filter, arrows and Enter to apply, a new name creates the tag, Esc closes. */
import type { Tag } from '../../app/common/contract';
import { h } from '../ui/dom';
import { tagStore } from './tagStore';

export interface PickerOptions {
  /** Where to open (the selection's or a button's box, in viewport coordinates). */
  at: DOMRect;
  /** Tags not offered (already on the passage). */
  exclude?: string[];
  label?: string;
  pick(choice: PickerChoice): void;
  closed?(): void;
}

let current: { el: HTMLElement; close: () => void } | null = null;

export function closePicker(): void {
  current?.close();
}

export function isPickerOpen(): boolean {
  return current !== null;
}

/** What the user picked: a tag in the codebook, or a new name to create. */
export type PickerChoice = { tag: Tag } | { create: string };
type Option = PickerChoice;

export function openPicker(opts: PickerOptions): void {
  closePicker();
  const input = h('input', {
    class: 'picker-input',
    testid: 'tag-picker-input',
    attrs: {
      type: 'text',
      placeholder: 'Tag as… (type to find or create)',
      'aria-label': opts.label ?? 'Tag name',
      role: 'combobox',
      'aria-expanded': 'true',
      'aria-controls': 'tag-picker-list',
      autocomplete: 'off',
      spellcheck: 'false',
    },
  });
  const list = h('ul', { class: 'picker-list', attrs: { id: 'tag-picker-list', role: 'listbox' } });
  const hint = h('div', { class: 'picker-hint' }, '↑↓ choose · Enter apply · Esc close');
  const el = h(
    'div',
    { class: 'tag-picker', testid: 'tag-picker', attrs: { role: 'dialog', 'aria-label': opts.label ?? 'Tag the selection' } },
    input,
    list,
    hint,
  );
  let options: Option[] = [];
  let active = 0;

  const render = () => {
    const q = input.value.trim().toLowerCase();
    const candidates = tagStore.tags.filter((t) => !opts.exclude?.includes(t.id));
    const matches = candidates
      .map((t) => ({ t, path: tagStore.path(t).toLowerCase(), name: t.name.toLowerCase() }))
      .filter((m) => !q || m.path.includes(q))
      // Names starting with what was typed first, then the most used.
      .sort((a, b) => Number(b.name.startsWith(q)) - Number(a.name.startsWith(q)) || b.t.count - a.t.count || a.name.localeCompare(b.name));
    options = matches.map((m) => ({ tag: m.t }));
    const exact = tagStore.tags.some((t) => t.name.toLowerCase() === q);
    if (q && !exact) options.push({ create: input.value.trim() });
    active = Math.min(active, Math.max(0, options.length - 1));
    list.replaceChildren(
      ...options.map((o, i) => {
        const li = h('li', {
          class: 'picker-option',
          testid: 'tag-picker-option',
          attrs: { role: 'option', 'aria-selected': String(i === active), id: `picker-opt-${i}` },
        });
        if ('tag' in o) {
          const sw = h('span', { class: 'swatch' });
          sw.style.background = o.tag.color;
          li.append(sw, h('span', { class: 'picker-name' }, tagStore.path(o.tag)), h('span', { class: 'count' }, String(o.tag.count)));
        } else {
          li.append(h('span', { class: 'picker-create' }, 'Create tag '), h('strong', null, `“${o.create}”`));
        }
        li.addEventListener('mousedown', (e) => e.preventDefault());
        li.addEventListener('click', () => choose(i));
        return li;
      }),
    );
    if (options.length === 0)
      list.append(h('li', { class: 'picker-empty' }, tagStore.tags.length ? 'All tags are already on this passage.' : 'Type a name to create your first tag.'));
    input.setAttribute('aria-activedescendant', options.length ? `picker-opt-${active}` : '');
    list.querySelector('[aria-selected="true"]')?.scrollIntoView({ block: 'nearest' });
  };

  const close = () => {
    if (current?.el !== el) return;
    current = null;
    el.remove();
    document.removeEventListener('mousedown', outside, true);
    opts.closed?.();
  };
  const choose = (i: number) => {
    const o = options[i];
    if (!o) return;
    close();
    opts.pick(o);
  };
  const outside = (e: MouseEvent) => {
    if (!el.contains(e.target as Node)) close();
  };

  input.addEventListener('input', () => {
    active = 0;
    render();
  });
  input.addEventListener('keydown', (e) => {
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      if (options.length) active = (active + (e.key === 'ArrowDown' ? 1 : -1) + options.length) % options.length;
      render();
    } else if (e.key === 'Enter') {
      e.preventDefault();
      choose(active);
    } else if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
    }
  });

  document.body.append(el);
  current = { el, close };
  render();
  // Below the selection when there is room, above it otherwise; never off screen.
  const box = el.getBoundingClientRect();
  const below = opts.at.bottom + 6;
  const top = below + box.height < window.innerHeight - 8 ? below : Math.max(8, opts.at.top - box.height - 6);
  el.style.top = `${top}px`;
  el.style.left = `${Math.min(Math.max(8, opts.at.left), window.innerWidth - box.width - 8)}px`;
  document.addEventListener('mousedown', outside, true);
  input.focus();
  // The codebook may have changed elsewhere (another window, the command line): offer the current one.
  void tagStore.refresh().then(() => {
    if (current?.el === el) render();
  });
}
