/** A comparison as a Markdown report: aligned passages, distinctive terms and quotations, each cited. */
import type { LoadedDocument } from '../types';
import {
  formulaSentence,
  leftOutSentence,
  stopListSentence,
  unitsPhrase,
  attributionNote,
  type AlignedPair,
  type Comparison,
  type KeyTerm,
  type PassageRef,
  type Quote,
  type Range,
  type SideDescription,
} from '../../common/compare';

/** Aligned pairs beyond this many are counted, not printed: a report is for reading. */
const MAX_PAIRS = 200;
const MAX_ONLY = 100;

export function comparisonReport(comparison: Comparison, docs: LoadedDocument[]): string {
  const meta = new Map(docs.map((d) => [d.meta.id, d.meta]));
  const cite = (docId: string, speaker?: string | null): string => {
    const m = meta.get(docId);
    if (!m) return `(${docId})`;
    const who = speaker ?? (m.speakers.join(', ') || 'speaker unknown');
    return `${who}, ${m.date || 'date unknown'}, ${m.outlet || 'outlet unknown'}, *${escapeMd(m.title)}* (\`${docId}\`)`;
  };
  const { left, right } = comparison;
  const out: string[] = [];
  out.push(`# Comparison: ${escapeMd(left.label)} and ${escapeMd(right.label)}`, '');
  out.push(describeSide('Left', left), describeSide('Right', right), '');
  for (const [name, s] of [
    ['left', left],
    ['right', right],
  ] as const)
    if (s.speakerWords) out.push(escapeMd(leftOutSentence(name, s)), '');
  out.push(
    `Threshold: ${comparison.threshold}. ${comparison.pairDefinition} ${formulaSentence(comparison)} ` +
      `Distinctive terms are ranked by log-likelihood (G²); G² ≥ 3.84 is significant at p < 0.05. ${comparison.counting} ${stopListSentence(comparison)} ` +
      'Words both passages of a pair share are in **bold**.',
    '',
  );

  // Every pair, best first: the same pairs, and as many, as the app and `compare --json` show.
  const pairs = comparison.pairs;
  out.push(`## Aligned passages (${pairs.length})`, '');
  if (pairs.length === 0) out.push(`No passages pair up at a threshold of ${comparison.threshold}. A lower threshold pairs looser matches.`, '');
  for (const pair of pairs.slice(0, MAX_PAIRS)) out.push(...pairSection(pair, cite));
  if (pairs.length > MAX_PAIRS) out.push(`…and ${pairs.length - MAX_PAIRS} more pairs, not printed (see \`compare --json\` for all of them).`, '');

  out.push(...onlySection(`Only in ${left.label}`, comparison.onlyLeft, cite));
  out.push(...onlySection(`Only in ${right.label}`, comparison.onlyRight, cite));

  out.push('## Distinctive terms', '');
  if (comparison.stopList) out.push(escapeMd(stopListSentence(comparison)), '');
  out.push(...termTable(`${left.label} (against ${right.label})`, comparison.distinctive.left));
  out.push(...termTable(`${right.label} (against ${left.label})`, comparison.distinctive.right));
  out.push(...termTable('Used by both', comparison.distinctive.shared));

  out.push('## Quotations', '');
  out.push(...quoteSection(`${left.label}: own words`, comparison.quotes.left, cite));
  out.push(...quoteSection(`${right.label}: own words`, comparison.quotes.right, cite));
  out.push(...quoteSection(`${left.label}: attributed to others`, comparison.quotes.others.left, cite));
  out.push(...quoteSection(`${right.label}: attributed to others`, comparison.quotes.others.right, cite));
  out.push(...quoteSection(`${left.label}: unattributed`, comparison.quotes.unattributed.left, cite));
  out.push(...quoteSection(`${right.label}: unattributed`, comparison.quotes.unattributed.right, cite));
  return (
    out
      .join('\n')
      .replace(/\n{3,}/g, '\n\n')
      .trimEnd() + '\n'
  );
}

function describeSide(name: string, side: SideDescription): string {
  const docs = side.documentIds.map((id) => `\`${id}\``).join(', ');
  return `- **${name}:** ${escapeMd(side.label)}: ${side.documentIds.length} document(s) (${docs}), ${unitsPhrase(side)}, ${side.wordCount} words.`;
}

function pairSection(pair: AlignedPair, cite: (docId: string) => string): string[] {
  const terms = pair.sharedTerms.map((t) => t.term).join(', ');
  return [
    `### ${pair.score.toFixed(2)}: ${escapeMd(terms) || 'no shared terms'}`,
    '',
    blockquote(
      marked(
        pair.left,
        pair.sharedTerms.flatMap((t) => t.left),
      ),
    ),
    `> — ${cite(pair.left.docId)}`,
    '',
    blockquote(
      marked(
        pair.right,
        pair.sharedTerms.flatMap((t) => t.right),
      ),
    ),
    `> — ${cite(pair.right.docId)}`,
    '',
  ];
}

function onlySection(title: string, refs: PassageRef[], cite: (docId: string) => string): string[] {
  const out = [`## ${escapeMd(title)} (${refs.length})`, ''];
  if (refs.length === 0) out.push('Every passage has a partner on the other side.', '');
  for (const ref of refs.slice(0, MAX_ONLY)) out.push(`- ${escapeMd(flat(ref.text))} — ${cite(ref.docId)}`);
  if (refs.length > MAX_ONLY) out.push(`- …and ${refs.length - MAX_ONLY} more.`);
  out.push('');
  return out;
}

function termTable(title: string, terms: KeyTerm[]): string[] {
  const out = [`### ${escapeMd(title)}`, ''];
  if (terms.length === 0) return [...out, 'None.', ''];
  out.push(
    '| term | forms counted | G² | log ratio | left | right | p < 0.05 | in formulas (left out) |',
    '| --- | --- | ---: | ---: | ---: | ---: | :---: | ---: |',
  );
  for (const t of terms) {
    out.push(
      `| ${escapeMd(t.term)} | ${escapeMd(t.forms.join(', '))} | ${t.g2.toFixed(2)} | ${t.logRatio.toFixed(2)} | ${t.countLeft} | ${t.countRight} | ${t.significant ? 'yes' : ''} | ${t.inFormulas ? `${t.inFormulas[0]} : ${t.inFormulas[1]}` : ''} |`,
    );
  }
  out.push('');
  return out;
}

function quoteSection(title: string, quotes: Quote[], cite: (docId: string, speaker?: string | null) => string): string[] {
  if (quotes.length === 0) return [];
  const out = [`### ${escapeMd(title)} (${quotes.length})`, ''];
  for (const q of quotes) out.push(`- “${escapeMd(flat(q.text))}” — ${cite(q.docId, q.speaker ?? 'unattributed')}${attributionNote(q, escapeMd)}`);
  out.push('');
  return out;
}

/** The passage text with the given ranges (offsets into the document) in bold. */
function marked(ref: PassageRef, ranges: Range[]): string {
  const inside = ranges
    .map(([s, e]): Range => [s - ref.start, e - ref.start])
    .filter(([s, e]) => s >= 0 && e <= ref.text.length)
    .sort((a, b) => a[0] - b[0]);
  let out = '';
  let at = 0;
  for (const [s, e] of inside) {
    if (s < at) continue;
    out += escapeMd(ref.text.slice(at, s)) + '**' + escapeMd(ref.text.slice(s, e)) + '**';
    at = e;
  }
  return out + escapeMd(ref.text.slice(at));
}

function blockquote(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`.trimEnd())
    .join('\n');
}

function flat(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Corpus text is shown as text: characters Markdown would read as markup are escaped. */
export function escapeMd(text: string): string {
  return text.replace(/[\\`*_[\]<>#|]/g, '\\$&');
}
