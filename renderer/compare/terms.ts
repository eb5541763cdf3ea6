/**
 * Distinctive terms: for each side the words it uses more than the other, ranked by log-likelihood
 * (G²) with the log ratio beside (how many times more, as a power of two), significant ones marked;
 * the words both use; and a chosen term's keyword-in-context lines on both sides.
 */
import { stopListSentence, type KeyTerm, type KwicLine, type KwicResult } from '../../app/common/compare';
import { h, plural } from '../ui/dom';
import { fillProgressively } from '../ui/progressive';
import { sideName, type CompareContext } from './context';
import type { Side } from './sides';

export type KwicState = { term: string; stem?: string; result: KwicResult | null; error: string | null } | null;

export function renderTerms(ctx: CompareContext, kwic: KwicState): HTMLElement {
  const d = ctx.comparison.distinctive;
  const names = { left: sideName(ctx, 'left'), right: sideName(ctx, 'right') };
  const maxG2 = Math.max(1, ...d.left.map((t) => t.g2), ...d.right.map((t) => t.g2));
  return h(
    'div',
    { class: 'cmp-terms' },
    kwicSlot(ctx, kwic),
    h(
      'div',
      { class: 'terms-grid' },
      termColumn(ctx, 'left', `Distinctive of ${names.left}`, d.left, maxG2, kwic?.term),
      sharedColumn(ctx, d.shared, names, kwic?.term),
      termColumn(ctx, 'right', `Distinctive of ${names.right}`, d.right, maxG2, kwic?.term),
    ),
  );
}

/**
 * Shows `kwic` in terms already on the page: its lines (or the hint) replace the ones above the
 * tables and the term buttons say which is open, without building the tables again. False when
 * there are no terms on the page to update.
 */
export function updateKwic(ctx: CompareContext, panel: HTMLElement, kwic: KwicState): boolean {
  const slot = panel.querySelector(':scope > .cmp-terms > :first-child');
  if (!slot) return false;
  slot.replaceWith(kwicSlot(ctx, kwic));
  for (const b of panel.querySelectorAll<HTMLElement>('.terms-grid [data-testid="term"]'))
    b.setAttribute('aria-pressed', String(b.dataset.term === kwic?.term));
  return true;
}

/** Above the tables: a term's lines in context, or how to get them. */
function kwicSlot(ctx: CompareContext, kwic: KwicState): HTMLElement {
  const names = { left: sideName(ctx, 'left'), right: sideName(ctx, 'right') };
  return kwic
    ? renderKwic(ctx, kwic, names)
    : h(
        'p',
        { class: 'muted terms-hint' },
        'Click a term to read every use of it on both sides. ',
        h('span', { class: 'sig-dot' }, '●'),
        ' significant: p < 0.05 (G² ≥ 3.84). Log ratio: 1 = twice as often, 2 = four times. ',
        h('span', { testid: 'term-counting' }, ctx.comparison.counting),
        ' ',
        h('span', { testid: 'term-stop-list' }, stopListSentence(ctx.comparison)),
      );
}

function termButton(ctx: CompareContext, t: KeyTerm, current: string | undefined): HTMLElement {
  return h(
    'button',
    {
      class: 'term-button',
      testid: 'term',
      title: `“${t.term}” in context on both sides. Counted: ${t.forms.join(', ')}`,
      attrs: { 'data-term': t.term, 'data-stem': t.stem, 'aria-pressed': String(t.term === current) },
      on: { click: () => ctx.showTerm(t.term, t.stem) },
    },
    t.significant ? h('span', { class: 'sig-dot', attrs: { 'aria-label': 'significant' } }, '●') : null,
    t.term,
  );
}

function termColumn(ctx: CompareContext, side: Side, title: string, terms: KeyTerm[], maxG2: number, current?: string): HTMLElement {
  const significant = terms.filter((t) => t.significant).length;
  return h(
    'section',
    { class: `term-col side-${side}`, testid: `terms-${side}` },
    h('h3', { class: 'col-title' }, title),
    h('p', { class: 'col-sub muted' }, terms.length ? `${plural(terms.length, 'term')}, ${significant} significant` : 'No word stands out.'),
    terms.length
      ? h(
          'div',
          { class: 'term-scroll' },
          h(
            'table',
            { class: 'term-table' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { attrs: { scope: 'col' } }, 'Term'),
                h('th', { class: 'num', attrs: { scope: 'col' }, title: 'Log-likelihood: how surely the difference is not chance' }, 'G²'),
                h('th', { class: 'num', attrs: { scope: 'col' }, title: 'Log ratio: log2 of how much more often this side uses it' }, 'Log ratio'),
                h('th', { class: 'num', attrs: { scope: 'col' }, title: 'Uses on the left : on the right' }, 'Uses'),
              ),
            ),
            rowsOf(terms, (t) => {
              const bar = h('span', { class: 'g2-bar' });
              bar.style.width = `${Math.max(2, Math.round((t.g2 / maxG2) * 100))}%`;
              return h(
                'tr',
                { class: t.significant ? 'sig' : 'not-sig', attrs: { 'data-significant': String(t.significant) } },
                h('td', null, termButton(ctx, t, current)),
                h('td', { class: 'num' }, h('span', { class: 'g2' }, h('span', { class: 'g2-track' }, bar), t.g2.toFixed(2))),
                h('td', { class: 'num' }, Math.abs(t.logRatio).toFixed(2)),
                h(
                  'td',
                  {
                    class: 'num uses',
                    title: t.inFormulas ? `${t.inFormulas[0]} : ${t.inFormulas[1]} more uses stand in formulas and are left out` : undefined,
                  },
                  `${t.countLeft} : ${t.countRight}`,
                  t.inFormulas
                    ? h('span', { class: 'muted in-formulas', testid: 'in-formulas' }, ` (+${t.inFormulas[0]} : ${t.inFormulas[1]} in formulas)`)
                    : null,
                ),
              );
            }),
          ),
        )
      : null,
  );
}

function sharedColumn(ctx: CompareContext, terms: KeyTerm[], names: Record<Side, string>, current?: string): HTMLElement {
  return h(
    'section',
    { class: 'term-col shared', testid: 'terms-shared' },
    h('h3', { class: 'col-title' }, 'Used by both'),
    h('p', { class: 'col-sub muted' }, terms.length ? 'Most used by both first' : 'They share no content words.'),
    terms.length
      ? h(
          'div',
          { class: 'term-scroll' },
          h(
            'table',
            { class: 'term-table' },
            h(
              'thead',
              null,
              h(
                'tr',
                null,
                h('th', { attrs: { scope: 'col' } }, 'Term'),
                h('th', { class: 'num', attrs: { scope: 'col' }, title: names.left }, 'Left'),
                h('th', { class: 'num', attrs: { scope: 'col' }, title: names.right }, 'Right'),
              ),
            ),
            rowsOf(terms, (t) =>
              h(
                'tr',
                null,
                h('td', null, termButton(ctx, t, current)),
                h('td', { class: 'num' }, String(t.countLeft)),
                h('td', { class: 'num' }, String(t.countRight)),
              ),
            ),
          ),
        )
      : null,
  );
}

function renderKwic(ctx: CompareContext, kwic: NonNullable<KwicState>, names: Record<Side, string>): HTMLElement {
  const body = kwic.error
    ? h('p', { class: 'banner error', attrs: { role: 'alert' } }, kwic.error)
    : !kwic.result
      ? h('p', { class: 'muted' }, 'Finding it…')
      : h(
          'div',
          { class: 'kwic-grid' },
          kwicColumn(ctx, 'left', names.left, kwic.result.left, kwic.result.totalLeft),
          kwicColumn(ctx, 'right', names.right, kwic.result.right, kwic.result.totalRight),
        );
  return h(
    'section',
    { class: 'kwic', testid: 'kwic', attrs: { 'aria-label': `“${kwic.term}” in context` } },
    h(
      'div',
      { class: 'kwic-head' },
      h('h3', null, '“', h('span', { testid: 'kwic-term' }, kwic.term), '” in context'),
      h(
        'button',
        { class: 'icon-button small', testid: 'kwic-close', title: 'Close (Esc)', attrs: { 'aria-label': 'Close' }, on: { click: () => ctx.showTerm('') } },
        '×',
      ),
    ),
    body,
  );
}

function kwicColumn(ctx: CompareContext, side: Side, name: string, lines: KwicLine[], total: number): HTMLElement {
  const count = lines.length < total ? ` ${plural(total, 'use')}, the first ${lines.length.toLocaleString()} shown` : ` ${plural(total, 'use')}`;
  return h(
    'section',
    { class: `kwic-col side-${side}`, testid: `kwic-${side}` },
    h('h4', { class: 'col-title' }, name, h('span', { class: 'count', testid: `kwic-${side}-count` }, count)),
    lines.length
      ? fillProgressively(h('ol', { class: 'kwic-lines' }), lines.length, (i) => {
          const l = lines[i];
          return h(
            'li',
            null,
            h(
              'button',
              {
                class: 'kwic-line',
                testid: 'kwic-line',
                title: 'Open in the reader here',
                attrs: { 'data-doc-id': l.docId },
                on: { click: () => ctx.openInReader(l.docId, l.start) },
              },
              h('span', { class: 'kwic-before' }, h('span', null, oneLine(l.before))),
              h('strong', { class: 'kwic-keyword' }, l.keyword),
              h('span', { class: 'kwic-after' }, oneLine(l.after)),
            ),
          );
        }).list
      : h('p', { class: 'empty' }, 'Not used on this side.'),
  );
}

/** A table body whose rows are put on the page in slices (ui/progressive). */
function rowsOf(terms: KeyTerm[], row: (t: KeyTerm) => HTMLElement): HTMLElement {
  return fillProgressively(h('tbody'), terms.length, (i) => row(terms[i])).list;
}

/** Context may run over a paragraph break: one line each, spaces kept at the edges (shown with white-space: pre). */
function oneLine(s: string): string {
  return s.replace(/\s+/g, ' ');
}
