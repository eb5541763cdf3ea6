/**
 * "Who is speaking" in the reader: a quiet mark in the margin beside each sentence saying whose
 * words it holds (a speaker's, direct or reported), or that it is the writer's narration, or page
 * furniture; the confidence only where the attribution is uncertain. The labels come from the
 * attribution layer (app/common/attribution.ts); the reader never works them out itself.
 *
 * The marks live in a column beside each passage, outside the passage elements, so the passages'
 * text, and with it every offset that tagging, selection and search highlights use, is untouched.
 */
import { CERTAIN_ATTRIBUTION, type SentenceAttribution, type SpanKind } from '../../app/common/attribution';
import { h } from '../ui/dom';
import { offsetsToRange, PASSAGE_SELECTOR } from './offsets';

/** Off at first; then the choice holds for the session, whichever document opens. */
let shown = false;

export function whoShown(): boolean {
  return shown;
}

export function setWhoShown(on: boolean): void {
  shown = on;
}

const MARGIN = 'who-margin';

/** Shown as a percentage below this, so an uncertain label never reads "90%". */
const MOST_UNCERTAIN = Math.ceil(CERTAIN_ATTRIBUTION * 100) - 1;

const KIND_NAMES: Record<SpanKind, string> = {
  direct: 'Direct speech',
  reported: 'Reported speech',
  narration: 'Narration',
  other: 'Headline, byline or page furniture',
};

type Label = Pick<SentenceAttribution, 'kind' | 'speaker' | 'role' | 'confidence'>;

function speaks(kind: SpanKind): boolean {
  return kind === 'direct' || kind === 'reported';
}

function whoOf(s: Label): string {
  return s.speaker ?? (s.role ? `(${s.role})` : 'unnamed');
}

function percent(confidence: number): string | null {
  return confidence < CERTAIN_ATTRIBUTION ? `${Math.min(Math.round(confidence * 100), MOST_UNCERTAIN)}%` : null;
}

/**
 * A sentence's label in two parts: who ("Dominic Raab", "(the ports minister)", "unnamed"; null for
 * narration and other) and what ("reported", "direct · 75%", "narration"), so a long name can be cut
 * short in the margin while the kind and the confidence always show.
 */
function whoLabelParts(s: Label): { who: string | null; what: string } {
  const pct = percent(s.confidence);
  return { who: speaks(s.kind) ? whoOf(s) : null, what: pct ? `${s.kind} · ${pct}` : s.kind };
}

/** "Dominic Raab · reported", "(the ports minister) · direct · 75%", "narration". */
function whoLabel(s: Label): string {
  const { who, what } = whoLabelParts(s);
  return who ? `${who} · ${what}` : what;
}

/** The mark's tooltip: the kind in words, the speaker, the words that attribute it, how sure. */
function whoTitle(s: SentenceAttribution): string {
  const parts = [speaks(s.kind) ? `${KIND_NAMES[s.kind]}: ${whoOf(s)}` : KIND_NAMES[s.kind]];
  if (s.cue) parts.push(`attributed by “${s.cue}”`);
  const pct = percent(s.confidence);
  if (pct) parts.push(`uncertain (${pct} sure)`);
  return parts.join('; ');
}

export interface WhoMark {
  /** The canonical offset of the sentence's first visible character: the mark sits beside its line. */
  at: number;
  /** The whole label, and its two parts (whoLabelParts). */
  label: string;
  who: string | null;
  what: string;
  kind: SpanKind;
  uncertain: boolean;
  title: string;
}

/**
 * The marks of each passage (by passage id): one at a passage's first sentence and one wherever the
 * label changes from the sentence before, so consecutive sentences with the same label share a mark.
 */
export function whoMarks(
  passages: readonly { id: string; start: number; end: number }[],
  sentences: readonly SentenceAttribution[],
  text: string,
): Map<string, WhoMark[]> {
  const out = new Map<string, WhoMark[]>();
  let p = 0;
  let last: { passage: number; label: string } | null = null;
  for (const s of sentences) {
    if (s.end > text.length) break;
    let at = s.start;
    while (at < s.end && /\s/.test(text[at])) at++;
    if (at >= s.end) continue;
    while (p < passages.length && passages[p].end <= at) p++;
    if (p >= passages.length) break;
    const passage = passages[p];
    if (at < passage.start) continue;
    // The sentence as heard: a quotation with its frame is the quoted speaker's.
    const v = { ...s, ...s.voice, cue: s.cue };
    const label = whoLabel(v);
    if (last && last.passage === p && last.label === label) continue;
    last = { passage: p, label };
    const list = out.get(passage.id) ?? [];
    list.push({ at, label, ...whoLabelParts(v), kind: v.kind, uncertain: v.confidence < CERTAIN_ATTRIBUTION, title: whoTitle(v) });
    out.set(passage.id, list);
  }
  return out;
}

/** Removes every mark (and its column) under `root`. */
export function clearWhoMarks(root: ParentNode): void {
  for (const el of [...root.querySelectorAll(`.${MARGIN}`)]) el.remove();
}

/**
 * Puts each passage's marks in a column beside it (the passage elements under `root` sit one to a
 * row, as the reader lays them out), then places them by their lines.
 */
export function paintWhoMarks(root: HTMLElement, marks: Map<string, WhoMark[]>): void {
  clearWhoMarks(root);
  for (const passage of root.querySelectorAll<HTMLElement>(PASSAGE_SELECTOR)) {
    const list = marks.get(passage.dataset.passageId!) ?? [];
    passage.after(
      h(
        'div',
        { class: MARGIN, testid: 'who-margin' },
        ...list.map((m) =>
          h(
            'span',
            {
              class: `who-mark who-${m.kind}${m.uncertain ? ' who-uncertain' : ''}`,
              testid: 'who-mark',
              title: m.title,
              attrs: { 'data-kind': m.kind, 'data-at': m.at },
            },
            m.who ? h('span', { class: 'who-name' }, m.who) : null,
            h('span', { class: 'who-what' }, m.who ? ` · ${m.what}` : m.what),
          ),
        ),
      ),
    );
  }
  placeWhoMarks(root);
}

/**
 * Moves each mark level with the first line of its sentence, below the mark above it where two
 * would overlap. Reads every position first and writes after, so a long document lays out once.
 * Call again when the text reflows (a resize).
 */
export function placeWhoMarks(root: HTMLElement): void {
  // Hidden (another view in front): nothing to measure; the resize on showing places them.
  if (root.getClientRects().length === 0) return;
  const moves: { mark: HTMLElement; top: number }[] = [];
  for (const margin of root.querySelectorAll<HTMLElement>(`.${MARGIN}`)) {
    const row = margin.parentElement;
    if (!row || margin.childElementCount === 0) continue;
    const origin = margin.getBoundingClientRect().top;
    let floor = 0;
    for (const mark of margin.children as HTMLCollectionOf<HTMLElement>) {
      const at = Number(mark.dataset.at);
      const line = offsetsToRange(row, at, at + 1);
      const box = line ? (line.getClientRects()[0] ?? line.getBoundingClientRect()) : null;
      const height = mark.offsetHeight;
      const top = Math.max(floor, box ? Math.round(box.top - origin + (box.height - height) / 2) : floor);
      moves.push({ mark, top });
      floor = top + height + 1;
    }
  }
  for (const { mark, top } of moves) mark.style.top = `${top}px`;
}
