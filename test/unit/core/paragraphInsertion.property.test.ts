/**
 * Property: inserting a paragraph into a document changes nothing about its other paragraphs. For
 * random documents (Markdown or .txt; paragraphs separated by blank lines, or one per line with no
 * blank line at all) and a random paragraph inserted anywhere (as its own chunk, or as one more
 * line), every other paragraph keeps its passages, a search for a phrase from another paragraph
 * finds the same passages, and a tag on another paragraph re-anchors to the same text.
 *
 * The paragraphs are prose a reader would recognise as paragraphs when they stand one per line:
 * each ends a sentence (. ? ! or a closing quote after one) or is longer than a wrapped line could
 * be. Short lines that end no sentence are hard-wrapped text by the rule in docs/CLEANING.md.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { anchorQuote, describeRange } from '../../../app/core/annotations/reanchor';
import { DEFAULT_CONFIG } from '../../../app/core/cleaning';
import type { CorpusFile } from '../../../app/core/corpusFiles';
import { buildDocument } from '../../../app/core/document';
import { search } from '../../../app/core/search';
import { makeSearchIndex } from '../../../app/core/searchIndex';
import type { LoadedDocument } from '../../../app/core/types';

const TITLE = 'Property document';

// Ordinary words of speeches and reports, none that a default cleaning rule looks for.
const WORDS = [
  'minister',
  'said',
  'the',
  'government',
  'would',
  'respond',
  'to',
  'attacks',
  'on',
  'elections',
  'and',
  'allies',
  'cyber',
  'security',
  'of',
  'in',
  'a',
  'state',
  'actors',
  'hostile',
  'criminal',
  'gangs',
  'countries',
  'Britain',
  'Russia',
  'China',
  'sanctions',
  'law',
  'international',
  'we',
  'will',
  'not',
  'stand',
  'by',
  'defence',
  'research',
  'vaccine',
  'hospitals',
  'schools',
  'democracy',
  'trust',
  '2021',
  '22',
  'million',
  'pounds',
  'week',
  'Wednesday',
  'programme',
  'capabilities',
  'offensive',
  'resilient',
  'deterrence',
  'foreign',
  'secretary',
  'speech',
  'conference',
];
const TRAILING = ['', '', '', '', ',', ',', ';', ':', '’s', ')'];
const LEADING = ['', '', '', '', '', '', '“', '(', '"'];
const ENDINGS = ['.', '.', '.', '?', '!', '.”', '."', '…'];

const word = fc.tuple(fc.constantFrom(...LEADING), fc.constantFrom(...WORDS), fc.constantFrom(...TRAILING)).map(([l, w, t]) => l + w + t);

const paragraph = fc
  .tuple(fc.constantFrom(...WORDS.filter((w) => /^[a-z]/i.test(w))), fc.array(word, { minLength: 0, maxLength: 60 }), fc.constantFrom(...ENDINGS, ''))
  .map(([first, rest, end]) => {
    const text = [first[0].toUpperCase() + first.slice(1), ...rest].join(' ');
    // Without a sentence ending only when longer than any wrapped line.
    return end === '' && text.length <= 100 ? `${text}.` : text + end;
  });

type Layout = 'blank-lines' | 'one-per-line';

function body(paragraphs: string[], layout: Layout): string {
  return paragraphs.join(layout === 'blank-lines' ? '\n\n' : '\n');
}

/** The body with `q` inserted before paragraph k: as a chunk of its own, or as one more line of the chunk it lands in. */
function insert(paragraphs: string[], layout: Layout, k: number, q: string, asLine: boolean): string {
  if (!asLine && layout === 'blank-lines') return body([...paragraphs.slice(0, k), q, ...paragraphs.slice(k)], layout);
  if (!asLine) {
    // One per line: q as its own chunk (blank lines around it) splits the lines in two chunks.
    return [body(paragraphs.slice(0, k), layout), q, body(paragraphs.slice(k), layout)].filter((s) => s !== '').join('\n\n');
  }
  // One more line: glued by a single newline to the paragraph after it (or before it, at the end).
  const sep = layout === 'blank-lines' ? '\n\n' : '\n';
  const before = paragraphs.slice(0, k).join(sep);
  const after = paragraphs.slice(k).join(sep);
  if (after === '') return before === '' ? q : `${before}\n${q}`;
  return (before === '' ? '' : before + sep) + `${q}\n${after}`;
}

/** A .md has its title in front matter; a .txt's first line is its title (then dropped as its echo). */
function build(source: string, format: 'md' | 'txt', layout: Layout = 'blank-lines'): LoadedDocument {
  const text = format === 'md' ? `---\ntitle: ${TITLE}\n---\n${source}\n` : `${TITLE}${layout === 'blank-lines' ? '\n\n' : '\n'}${source}\n`;
  const file: CorpusFile = { relPath: `doc.${format}`, format, source: text, bytes: Buffer.from(text), stamp: null };
  const { document, diagnostics } = buildDocument(file, DEFAULT_CONFIG);
  assert.deepEqual(diagnostics, []);
  return document;
}

const texts = (doc: LoadedDocument) => doc.passages.map((p) => p.text);

function hitTexts(doc: LoadedDocument, query: string): string[] {
  const res = search(makeSearchIndex([doc]), query, { passagesPerDocument: 1000 });
  return res.documents.flatMap((d) => d.passages.map((p) => p.text!)).sort();
}

const plainWords = (p: string) =>
  p
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^a-z0-9]/g, ''))
    .filter(Boolean);

test('inserting a paragraph leaves every other paragraph’s passages, search hits and tags unchanged', () => {
  fc.assert(
    fc.property(
      fc.array(paragraph, { minLength: 1, maxLength: 12 }),
      fc.constantFrom<Layout>('blank-lines', 'one-per-line'),
      fc.constantFrom<'md' | 'txt'>('md', 'txt'),
      paragraph,
      fc.nat(),
      fc.boolean(),
      fc.nat(),
      fc.nat(),
      (paragraphs, layout, format, q, kSeed, asLine, pickSeed, spanSeed) => {
        const k = kSeed % (paragraphs.length + 1);
        const before = build(body(paragraphs, layout), format, layout);
        const after = build(insert(paragraphs, layout, k, q, asLine), format, layout);

        // Each paragraph is read as it is read alone, before and after the insertion.
        const own = paragraphs.map((p) => texts(build(p, format)));
        const qOwn = texts(build(q, format));
        assert.deepEqual(texts(before), own.flat());
        assert.deepEqual(texts(after), [...own.slice(0, k).flat(), ...qOwn, ...own.slice(k).flat()]);
        assert.equal(after.wordCount, before.wordCount + build(q, format).wordCount);

        // A phrase of another paragraph is found in the same passages, plus any of the new paragraph's.
        const j = pickSeed % paragraphs.length;
        const ws = plainWords(paragraphs[j]);
        const at = spanSeed % ws.length;
        for (const query of [ws[at], `"${ws.slice(at, at + 2).join(' ')}"`]) {
          const qDoc = build(q, format);
          assert.deepEqual(hitTexts(after, query), [...hitTexts(before, query), ...hitTexts(qDoc, query)].sort(), query);
        }

        // A tag on (part of) one of that paragraph's passages re-anchors to the same text.
        const first = own.slice(0, j).flat().length;
        const passage = before.passages[first + (spanSeed % own[j].length)];
        const len = passage.end - passage.start;
        const s = passage.start + (spanSeed % len);
        const e = Math.min(passage.end, s + 1 + ((spanSeed >> 3) % len));
        const anchor = anchorQuote(after.text, { ...describeRange(before.text, s, e), start: s, end: e });
        assert.ok(anchor, 'the tag became an orphan');
        assert.equal(after.text.slice(anchor.start, anchor.end), before.text.slice(s, e));
        assert.notEqual(anchor.method, 'fuzzy');
      },
    ),
    { numRuns: 100 },
  );
});
