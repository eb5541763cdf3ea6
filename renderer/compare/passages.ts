/**
 * Aligned passages: each pair side by side with its score and the words both passages use (marked
 * in both texts); selecting a pair marks the other pairs its passages belong to. Below, the passages
 * with no counterpart on the other side.
 */
import { formulaSentence, type AlignedPair, type PassageRef } from '../../app/common/compare';
import { h, plural } from '../ui/dom';
import { ProgressiveList } from '../ui/progressive';
import { manyDocs, passageCard } from './card';
import { sideName, type CompareContext } from './context';
import type { Side } from './sides';

/** Unlinked passages shown at first per side; the rest behind a button, so the page stays short. */
const ONLY_SHOWN = 6;
/** Shared words shown between a pair's passages. */
const TERMS_SHOWN = 8;

const refKey = (r: PassageRef) => `${r.docId}:${r.start}`;
export const pairKey = (p: AlignedPair) => `${refKey(p.left)}|${refKey(p.right)}`;

export interface PassagesState {
  selected: string | null;
}

/**
 * Pairs and unlinked passages are put on the page a page at a time (see pagedList), each page in
 * slices: two speakers at full scale give thousands of pairs, and building them all at once froze
 * the page for seconds.
 */
const PAIRS_PAGE = 100;

export function renderPassages(ctx: CompareContext, state: PassagesState): HTMLElement {
  const c = ctx.comparison;
  const pairs = c.pairs; // best first, as the CLI and the report list them
  const names = { left: sideName(ctx, 'left'), right: sideName(ctx, 'right') };
  const list = h('ol', { class: 'pair-list', testid: 'pairs', attrs: { 'aria-label': 'Aligned passages' } });
  const rows: HTMLElement[] = [];
  const jumps: HTMLButtonElement[] = [];
  let selected = -1;
  let partners = new Set<number>();

  // Partners: other pairs holding one of a pair's passages (a passage can echo several on the other side).
  const partnersOf = (i: number) =>
    pairs.flatMap((q, k) => (k !== i && (refKey(q.left) === refKey(pairs[i].left) || refKey(q.right) === refKey(pairs[i].right)) ? [k] : []));

  /** The selection's look on one row (rows made later get it when they are made). */
  const paint = (k: number) => {
    const on = k === selected;
    rows[k].classList.toggle('selected', on);
    rows[k].setAttribute('aria-selected', String(on));
    rows[k].classList.toggle('partner', partners.has(k));
    jumps[k].hidden = !on || partners.size === 0;
    if (on) jumps[k].textContent = `${plural(partners.size, 'other pairing')} ↓`;
  };

  const select = (i: number, focus: boolean) => {
    const before = new Set([selected, ...partners]);
    selected = pairs[i] ? i : -1;
    state.selected = pairs[i] ? pairKey(pairs[i]) : null;
    partners = new Set(pairs[i] ? partnersOf(i) : []);
    for (const k of new Set([...before, selected, ...partners])) if (rows[k]) paint(k);
    if (focus && rows[i]) {
      rows[i].focus({ preventScroll: true });
      rows[i].scrollIntoView({ block: 'nearest' });
    }
  };

  const makeRow = (i: number) => {
    const row = pairRow(ctx, pairs[i]);
    let next = 0;
    const jump = h('button', {
      class: 'button small partner-jump',
      testid: 'partner-jump',
      title: 'Go to the other pairs these passages belong to',
      on: {
        click: (e) => {
          e.stopPropagation();
          const ks = [...partners].sort((a, b) => a - b);
          const k = ks[next++ % ks.length];
          showUpTo(k);
          rows[k].scrollIntoView({ block: 'center' });
          rows[k].classList.remove('partner-flash');
          void rows[k].offsetWidth; // restart the animation
          rows[k].classList.add('partner-flash');
        },
      },
    });
    row.querySelector('.pair-link')!.append(jump);
    row.addEventListener('click', (e) => {
      // A drag to select text (for tagging) is not a click on the pair.
      if (!window.getSelection()?.isCollapsed || (e.target as Element).closest('button')) return;
      select(i, false);
    });
    row.addEventListener('keydown', (e) => {
      if (e.target !== row) return;
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        const to = Math.min(pairs.length - 1, Math.max(0, i + (e.key === 'ArrowDown' ? 1 : -1)));
        showUpTo(to);
        select(to, true);
      } else if (e.key === 'Enter' || e.key === ' ') {
        e.preventDefault();
        select(i, false);
      }
    });
    rows[i] = row;
    jumps[i] = jump;
    paint(i);
    return row;
  };

  const pager = pagedList(list, pairs.length, PAIRS_PAGE, 'pair', 'pairs-more', (i) => makeRow(i), ctx.piecesAdded);
  const showUpTo = (k: number) => pager.showUpTo(k);

  const kept = pairs.findIndex((p) => pairKey(p) === state.selected);
  showUpTo(kept);
  select(kept >= 0 ? kept : 0, false);

  return h(
    'div',
    { class: 'cmp-passages' },
    h(
      'p',
      { class: 'muted pair-definition', testid: 'pair-definition' },
      `${pairs.length.toLocaleString()} pair${pairs.length === 1 ? '' : 's'}. ${c.pairDefinition} ${formulaSentence(c)}`,
    ),
    h(
      'div',
      { class: 'pair-head' },
      h('h3', { class: 'col-title side-left' }, names.left),
      h('span', { class: 'pair-head-mid muted' }, 'similarity'),
      h('h3', { class: 'col-title side-right' }, names.right),
    ),
    pairs.length
      ? h('div', null, list, pager.more)
      : h(
          'p',
          { class: 'empty', testid: 'no-pairs' },
          `No two passages are this alike (threshold ${c.threshold.toFixed(2)}). Lower the threshold to see weaker echoes.`,
        ),
    h('div', { class: 'only-grid' }, onlyColumn(ctx, 'left', names.left, c.onlyLeft), onlyColumn(ctx, 'right', names.right, c.onlyRight)),
  );
}

function pairRow(ctx: CompareContext, p: AlignedPair): HTMLElement {
  const strength = Math.round(p.score * 100);
  const terms = p.sharedTerms.slice(0, TERMS_SHOWN);
  const link = h(
    'div',
    { class: 'pair-link' },
    h(
      'div',
      { class: 'pair-score', title: `Similarity ${p.score.toFixed(2)} (TF-IDF cosine, 0 to 1)` },
      h('span', { class: 'score-value', testid: 'pair-score' }, p.score.toFixed(2)),
      meter(p.score),
    ),
    terms.length
      ? h(
          'ul',
          { class: 'shared-terms', attrs: { 'aria-label': 'Words both passages use' } },
          ...terms.map((t) =>
            h(
              'li',
              null,
              h(
                'button',
                {
                  class: 'term-chip',
                  testid: 'shared-term',
                  title: `“${t.term}” in context on both sides`,
                  on: {
                    click: (e) => {
                      e.stopPropagation();
                      ctx.showTerm(t.term, t.stem);
                    },
                  },
                },
                t.term,
              ),
            ),
          ),
        )
      : null,
    p.sharedTerms.length > terms.length ? h('span', { class: 'subtle' }, `+${p.sharedTerms.length - terms.length} more`) : null,
  );
  return h(
    'li',
    {
      class: 'pair',
      testid: 'pair',
      attrs: { tabindex: '0', 'aria-selected': 'false', 'aria-label': `Pair, similarity ${strength} percent: ${p.sharedTerms.map((t) => t.term).join(', ')}` },
    },
    passageCard(ctx, p.left, { side: 'left', marks: p.sharedTerms.flatMap((t) => t.left), showDoc: manyDocs(ctx, 'left') }),
    link,
    passageCard(ctx, p.right, { side: 'right', marks: p.sharedTerms.flatMap((t) => t.right), showDoc: manyDocs(ctx, 'right') }),
  );
}

/** A small bar for a 0..1 score; pairs rarely pass 0.5, so the bar's full width is 0.5. */
function meter(score: number): HTMLElement {
  const fill = h('span', { class: 'meter-fill' });
  fill.style.width = `${Math.min(100, Math.round((score / 0.5) * 100))}%`;
  return h('span', { class: 'meter', attrs: { 'aria-hidden': 'true' } }, fill);
}

function onlyColumn(ctx: CompareContext, side: Side, name: string, refs: PassageRef[]): HTMLElement {
  const showDoc = manyDocs(ctx, side);
  const list = h('div', { class: 'only-list' });
  const pager = pagedList(list, refs.length, ONLY_SHOWN, 'passage', `only-${side}-more`, (i) => passageCard(ctx, refs[i], { side, showDoc }), ctx.piecesAdded);
  return h(
    'section',
    { class: `only-col side-${side}`, testid: `only-${side}` },
    h('h3', { class: 'col-title' }, `Only in ${name}`, h('span', { class: 'count' }, ` ${refs.length}`)),
    refs.length ? list : h('p', { class: 'empty' }, 'Every passage has a counterpart on the other side.'),
    pager.more,
  );
}

/**
 * A list put on the page a page at a time: the first `first` items, then PAIRS_PAGE more per click
 * on its button, each page filled in slices (ui/progressive) so that no task builds hundreds of
 * pairs. `make(i)` builds item i; `added` runs whenever items that arrived after the view's own
 * paint (later slices, later pages) are all on the page: their tags are painted then.
 */
function pagedList(list: HTMLElement, total: number, first: number, noun: string, testid: string, make: (i: number) => HTMLElement, added: () => void) {
  let wanted = 0;
  let opened = false;
  const items = new ProgressiveList(list, make, {
    filled: () => {
      if (opened) added();
    },
  });
  const more = h('button', { class: 'button small show-more', testid, on: { click: () => want(wanted + PAIRS_PAGE) } });
  /** The button says what is not yet asked for; the items asked for arrive in slices. */
  function want(end: number, at?: number): void {
    wanted = Math.min(total, Math.max(end, wanted, first));
    if (at === undefined) items.growTo(wanted);
    else items.now(at);
    const rest = total - wanted;
    more.hidden = rest === 0;
    more.textContent = `Show ${plural(Math.min(rest, PAIRS_PAGE), `more ${noun}`)} (${rest.toLocaleString()} not shown)`;
  }
  want(first);
  opened = true;
  /** Makes the items up to index k at once (a keyboard step or a jump goes to item k now), keeping the button's count right. */
  const showUpTo = (k: number) => {
    if (k >= 0) want(k + 1, Math.min(k, total - 1));
  };
  return { more, showUpTo };
}
