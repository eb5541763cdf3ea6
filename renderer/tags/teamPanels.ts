/**
 * The Tags view's team tabs: intercoder agreement (per code and overall, by passage or character),
 * disagreements side by side with "accept" and "merge" (written to the resolved layer, one undo
 * step each), and the code co-occurrence matrix whose cells open their passages. Every number is
 * the service's answer (`lectern agreement` / `cooccurrence --json` print the same).
 */
import {
  AGREEMENT_UNITS,
  COOCCURRENCE_MODES,
  coderLabel,
  cooccurrenceTable,
  type AgreementMeasures,
  type AgreementResult,
  type AgreementUnit,
  type CooccurrenceMode,
  type CooccurrenceResult,
  type DisagreementResult,
  type Measure,
} from '../../app/common/agreement';
import { api, errorMessage } from '../api';
import { csvExportButton, exportBar, tableOf } from '../ui/dataTable';
import { h, plural } from '../ui/dom';
import { canAnnotate, refuse, VIEWER_CANNOT_ANNOTATE } from '../team/rights';
import { coderColour, tagAction, tagStore } from './tagStore';

export type TeamTab = 'agreement' | 'disagreements' | 'cooccurrence';
export const TEAM_TABS: [TeamTab, string][] = [
  ['agreement', 'Agreement'],
  ['disagreements', 'Disagreements'],
  ['cooccurrence', 'Co-occurrence'],
];

export interface TeamHooks {
  /** Opens a document in the reader at a range (a disagreement, a co-occurrence place). */
  openAt(docId: string, start: number): void;
}

const MEASURES: [keyof AgreementMeasures, string][] = [
  ['percentAgreement', '% agreement'],
  ['cohenKappa', "Cohen's κ"],
  ['fleissKappa', "Fleiss' κ"],
  ['krippendorffAlpha', "Krippendorff's α"],
];

const fixed = (v: number | null) => (v === null ? '—' : v.toFixed(3));

function measureCell(m: Measure): HTMLElement {
  return h('td', { class: 'num', title: m.reason ?? undefined, attrs: { 'data-undefined': m.value === null ? 'true' : undefined } }, fixed(m.value));
}

export class TeamPanels {
  private unit: AgreementUnit = 'passage';
  private mode: CooccurrenceMode = 'overlap';
  /** The co-occurrence of one coder's annotations, or '' for every coder's. */
  private coder: string | null = null;

  constructor(private readonly hooks: TeamHooks) {}

  /** The tab's content, fetched now; `rerender` paints the tab again after a choice changes. */
  async render(tab: TeamTab, rerender: () => void): Promise<HTMLElement> {
    try {
      if (tab === 'agreement') return this.agreement(await api.agreement({ unit: this.unit, coders: tagStore.layer }), rerender);
      if (tab === 'disagreements') return this.disagreements(await api.disagreements({ coders: tagStore.layer }));
      return this.cooccurrence(await api.cooccurrence({ mode: this.mode, ...(this.coder !== null ? { coder: this.coder } : {}) }), rerender);
    } catch (e) {
      return h('p', { class: 'banner error', testid: 'team-error' }, errorMessage(e));
    }
  }

  private choice<T extends string>(label: string, testid: string, options: readonly T[], value: T, names: (v: T) => string, set: (v: T) => void): HTMLElement {
    const select = h('select', { testid, attrs: { 'aria-label': label } }, ...options.map((o) => h('option', { attrs: { value: o } }, names(o))));
    select.value = value;
    select.addEventListener('change', () => set(select.value as T));
    return h('label', { class: 'corpus-option' }, h('span', null, label), select);
  }

  // ---------- agreement ----------

  private agreement(r: AgreementResult, rerender: () => void): HTMLElement {
    const bar = h(
      'div',
      { class: 'corpus-bar' },
      this.choice(
        'Unit',
        'agreement-unit',
        AGREEMENT_UNITS,
        this.unit,
        (u) => (u === 'passage' ? 'passages' : 'characters'),
        (u) => ((this.unit = u), rerender()),
      ),
      h(
        'span',
        { class: 'muted', testid: 'agreement-summary' },
        `${r.coders.map(coderLabel).join(', ')} · ${plural(r.documents.length, 'document')} · by ${r.unit === 'passage' ? 'passage' : 'character'}`,
      ),
    );
    const header = ['Code', 'Units', ...MEASURES.map(([, l]) => l), ...r.coders.map((c) => `applied: ${coderLabel(c)}`)];
    const row = (name: string, units: number, m: AgreementMeasures, applied: Record<string, number> | null) =>
      h(
        'tr',
        { testid: 'agreement-row', attrs: { 'data-code': name } },
        h('th', { attrs: { scope: 'row' } }, name),
        h('td', { class: 'num' }, String(units)),
        ...MEASURES.map(([k]) => measureCell(m[k])),
        ...r.coders.map((c) => h('td', { class: 'num' }, applied ? String(applied[c] ?? 0) : '')),
      );
    const csvRows = [
      ...r.codes.map((c) => [c.name, c.units, ...MEASURES.map(([k]) => fixed(c.measures[k].value)), ...r.coders.map((x) => c.applied[x] ?? 0)]),
      ['(all codes, pooled)', r.overall.units, ...MEASURES.map(([k]) => fixed(r.overall.pooled[k].value)), ...r.coders.map(() => '')],
    ];
    return h(
      'div',
      { class: 'team-panel', testid: 'agreement-panel' },
      bar,
      exportBar(csvExportButton('agreement-export', 'agreement.csv', header, csvRows)),
      tableOf(
        header,
        'agreement-table',
        h(
          'tbody',
          null,
          ...r.codes.map((c) => row(c.name, c.units, c.measures, c.applied)),
          row('All codes, pooled', r.overall.units, r.overall.pooled, null),
          h(
            'tr',
            { testid: 'agreement-mean' },
            h('th', { attrs: { scope: 'row' } }, 'Mean of the codes'),
            h('td', null, ''),
            ...MEASURES.map(([k]) => h('td', { class: 'num' }, fixed(r.overall.mean[k]))),
          ),
        ),
      ),
      ...r.notes.map((n) => h('p', { class: 'muted', testid: 'agreement-note' }, n)),
      h(
        'p',
        { class: 'muted' },
        'A dash is a measure that is undefined here: hover it for the reason. The coders compared are the layers shown (Coders: above).',
      ),
    );
  }

  // ---------- disagreements ----------

  private disagreements(r: DisagreementResult): HTMLElement {
    const codes = r.codes.filter((c) => c.spans.length);
    if (!codes.length)
      return h(
        'p',
        { class: 'empty', testid: 'no-disagreements' },
        r.coders.length < 2 ? 'Disagreements need at least two coders’ layers.' : 'The coders shown agree everywhere.',
      );
    // Accepting and merging write the resolved layer: a coder's and the owner's right, not a viewer's.
    const viewer = canAnnotate() ? null : VIEWER_CANNOT_ANNOTATE;
    const resolve = (tagId: string, annotationIds: string[], merge: boolean) =>
      void tagAction(
        () => api.resolveDisagreement({ tagId, annotationIds, merge }),
        // tagAction tells every view that tags changed: this tab is painted again with the resolved layer.
        () => (merge ? 'Merged into the resolved layer' : 'Accepted into the resolved layer'),
      );
    return h(
      'div',
      { class: 'team-panel', testid: 'disagreements-panel' },
      ...codes.map((c) =>
        h(
          'section',
          { class: 'disagreement-code' },
          h('h3', null, `${c.name} · ${plural(c.spans.length, 'span')}`),
          h(
            'ul',
            { class: 'side-list' },
            ...c.spans.map((s) => {
              const applied = s.coders.filter((x) => x.applied);
              const all = applied.flatMap((x) => x.annotationIds);
              return h(
                'li',
                { class: 'disagreement', testid: 'disagreement', attrs: { 'data-doc-id': s.docId } },
                h('button', { class: 'link-button', on: { click: () => this.hooks.openAt(s.docId, s.start) } }, `${s.docId} ${s.start}–${s.end}`),
                h('blockquote', { class: 'tag-quote' }, s.quote),
                h(
                  'div',
                  { class: 'disagreement-sides' },
                  ...s.coders.map((x) =>
                    h(
                      'div',
                      { class: `disagreement-side side-item ${coderColour(x.coder)}`, testid: 'disagreement-side' },
                      h('strong', null, coderLabel(x.coder)),
                      ` ${x.applied ? 'applied it' : 'did not'}`,
                      x.applied
                        ? refuse(
                            h(
                              'button',
                              { class: 'button small', testid: 'accept', on: { click: () => resolve(c.tagId, x.annotationIds, false) } },
                              `Accept ${coderLabel(x.coder)}`,
                            ),
                            viewer,
                          )
                        : null,
                    ),
                  ),
                ),
                all.length > 1
                  ? refuse(h('button', { class: 'button small', testid: 'merge', on: { click: () => resolve(c.tagId, all, true) } }, 'Merge'), viewer)
                  : null,
              );
            }),
          ),
        ),
      ),
    );
  }

  // ---------- co-occurrence ----------

  private cooccurrence(r: CooccurrenceResult, rerender: () => void): HTMLElement {
    const coders = ['', ...tagStore.coders.map((c) => `=${c}`)];
    const places = h('div', { class: 'cooccurrence-places', testid: 'cooccurrence-places' });
    const { header, rows } = cooccurrenceTable(r);
    const cells = new Map(r.cells.map((c) => [`${c.a}\u0000${c.b}`, c]));
    const open = (i: number, j: number) => {
      const [a, b] = [r.codes[Math.min(i, j)], r.codes[Math.max(i, j)]];
      const cell = cells.get(`${a.tagId}\u0000${b.tagId}`) ?? cells.get(`${b.tagId}\u0000${a.tagId}`);
      places.replaceChildren(
        h('h3', null, a === b ? `${a.name}: ${plural(cell?.count ?? 0, 'place')}` : `${a.name} with ${b.name}: ${plural(cell?.count ?? 0, 'place')}`),
        h(
          'ul',
          { class: 'side-list' },
          ...(cell?.places ?? []).map((p) =>
            h(
              'li',
              { testid: 'cooccurrence-place' },
              h('button', { class: 'link-button', on: { click: () => this.hooks.openAt(p.docId, p.start) } }, `${p.docId} ${p.start}–${p.end}`),
            ),
          ),
        ),
      );
    };
    return h(
      'div',
      { class: 'team-panel', testid: 'cooccurrence-panel' },
      h(
        'div',
        { class: 'corpus-bar' },
        this.choice(
          'Count',
          'cooccurrence-mode',
          COOCCURRENCE_MODES,
          this.mode,
          (m) => (m === 'overlap' ? 'overlapping codings' : 'codes in one passage'),
          (m) => ((this.mode = m), rerender()),
        ),
        this.choice(
          'Coder',
          'cooccurrence-coder',
          coders,
          this.coder === null ? '' : `=${this.coder}`,
          (c) => (c === '' ? 'every coder' : coderLabel(c.slice(1))),
          (c) => ((this.coder = c === '' ? null : c.slice(1)), rerender()),
        ),
        csvExportButton('cooccurrence-export', 'cooccurrence.csv', header, rows),
      ),
      r.codes.length
        ? h(
            'table',
            { class: 'matrix', testid: 'cooccurrence-matrix' },
            h('thead', null, h('tr', null, h('th', null, ''), ...r.codes.map((c) => h('th', { attrs: { scope: 'col' } }, c.name)))),
            h(
              'tbody',
              null,
              ...r.codes.map((c, i) =>
                h(
                  'tr',
                  null,
                  h('th', { attrs: { scope: 'row' } }, c.name),
                  ...r.counts[i].map((n, j) =>
                    n
                      ? h(
                          'td',
                          null,
                          h(
                            'button',
                            {
                              class: 'matrix-cell',
                              testid: 'cooccurrence-cell',
                              attrs: { 'data-a': c.name, 'data-b': r.codes[j].name },
                              on: { click: () => open(i, j) },
                            },
                            String(n),
                          ),
                        )
                      : h('td', { class: 'zero' }, '·'),
                  ),
                ),
              ),
            ),
          )
        : h('p', { class: 'empty' }, 'No tags yet.'),
      h(
        'p',
        { class: 'muted' },
        r.mode === 'overlap'
          ? 'A cell counts pairs of codings that share text (one annotation with both codes counts too); the diagonal, the codings of the code.'
          : 'A cell counts passages holding both codes; the diagonal, the passages holding the code.',
      ),
      places,
    );
  }
}
