/** The one tokeniser and term: what the index holds, what highlights, KWIC and keyness count. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentTerms, countTerms, spansOfTerms } from '../../../app/core/analysis/terms';
import fc from 'fast-check';
import { indexTerm, isStopWord, tokens, TOKEN_SEPARATOR } from '../../../app/core/analysis/tokens';
import { loadCorpus } from '../../../app/core/corpus';
import { buildLunrIndex, makeSearchIndex } from '../../../app/core/searchIndex';
import { search } from '../../../app/core/search';
import { makeDoc } from '../../helpers/docs';
import { SHIPPED_CORPUS } from '../../helpers/repo';

const TRICKY = [
  'ied',
  'ies',
  'ties',
  'yes',
  'yearly',
  'Yielding',
  'sses',
  'eed',
  'agreed',
  'ing',
  'sing',
  'abs',
  'Russia’s',
  "states'",
  '_x_',
  '2019s',
  'generalizations',
  'oscillators',
  'Über',
  'Zürich’s',
];

test("Lunr's stemmer never changes a word's first character (the highlight shortcut's premise)", async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  // The premise is about tokens as tokens() cuts them ("_x_" is the token "x").
  const vocabulary = new Set([...tokens(TRICKY.join(' ')), ...docs.flatMap((d) => tokens(d.text))].map((w) => w.text));
  for (const w of vocabulary) {
    const s = indexTerm(w);
    if (s) assert.equal(s[0], w.toLowerCase().replace(/[’‘]/g, "'")[0], `"${w}" stems to "${s}"`);
  }
});

test('indexTerm is exactly what the Lunr index holds: every term of the seed corpus, and nothing else', async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  const index = buildLunrIndex(docs) as unknown as { invertedIndex: Record<string, unknown> };
  const held = new Set(Object.keys(index.invertedIndex));
  const mine = new Set(docs.flatMap((d) => [d.meta.title, ...d.passages.map((p) => p.text)].flatMap((t) => tokens(t).flatMap((w) => indexTerm(w.text) ?? []))));
  assert.deepEqual([...mine].sort(), [...held].sort());
});

test('one tokeniser: dashes separate, Unicode letters stay, curly apostrophes and possessives fold', () => {
  assert.deepEqual(
    tokens('cyber–security — über “Zürich’s” U.K.').map((t) => t.text),
    ['cyber', 'security', 'über', 'Zürich’s', 'U', 'K'],
  );
  assert.equal(indexTerm('Über'), 'über');
  assert.equal(indexTerm('Zürich’s'), 'zürich');
  assert.equal(indexTerm('Russia’s'), indexTerm("Russia's"));
  // After the apostrophe step these are stop words, as the index sees them: "that's" → "that".
  for (const w of ["That's", 'it’s', 'wants', 'the']) {
    assert.equal(indexTerm(w), null, w);
    assert.ok(isStopWord(w), w);
  }
  assert.equal(indexTerm('—'), null);
  assert.equal(isStopWord('deterrence'), false);
});

test('contentTerms are the tokens with an index term, offsets into the text; countTerms counts them', async () => {
  for (const doc of (await loadCorpus(SHIPPED_CORPUS)).documents) {
    const mine = contentTerms(doc.text);
    const expected = tokens(doc.text).filter((t) => indexTerm(t.text) !== null);
    assert.deepEqual(
      mine.stems,
      expected.map((t) => indexTerm(t.text)),
    );
    assert.deepEqual(
      mine.starts,
      expected.map((t) => t.start),
    );
    assert.equal(mine.wordCount, tokens(doc.text).length);
    assert.equal(mine.wordCount, doc.wordCount);
    mine.starts.forEach((s, i) => assert.equal(doc.text.slice(s, mine.ends[i]), mine.surfaces[i]));
    const { counts, words } = countTerms([mine]);
    assert.equal(words, doc.wordCount);
    assert.equal(
      [...counts.values()].reduce((a, b) => a + b, 0),
      mine.stems.length,
    );
  }
});

test('spansOfTerms finds exactly the tokens whose index term is wanted', async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  const wanted = new Set(['cyber', 'elect', 'russia', 'deterr', 'sanction', 'state', 'i', 'ye']);
  for (const d of docs) {
    const naive = tokens(d.text)
      .filter((w) => wanted.has(indexTerm(w.text) ?? ''))
      .map((w): [number, number] => [w.start, w.end]);
    assert.ok(naive.length > 0);
    assert.deepEqual(spansOfTerms(d.text, wanted), naive, d.meta.id);
  }
  assert.deepEqual(spansOfTerms('Yearly yields; Russia’s “elections”.', new Set(['yearli', 'russia', 'elect'])), [
    [0, 6],
    [15, 23],
    [25, 34],
  ]);
});

test('a word starting with a non-ASCII letter is found and highlighted whole', () => {
  const doc = makeDoc('u', ['Über alles: the Zürich talks and Ørsted’s wind farms.']);
  const res = search(makeSearchIndex([doc]), 'über ørsted');
  assert.equal(res.documents.length, 1);
  const p = res.documents[0].passages[0];
  assert.deepEqual(
    p.highlights.map(([s, e]) => doc.text.slice(s, e)),
    ['Über', 'Ørsted’s'],
  );
});

test('tokens() cuts exactly where a split on TOKEN_SEPARATOR and the trimming expressions cut (property)', () => {
  // The reference: the separator expression and Unicode classes, written the slow, obvious way.
  const reference = (text: string) => {
    const out: { text: string; start: number; end: number }[] = [];
    for (const m of text.matchAll(new RegExp(`[^${TOKEN_SEPARATOR.source.slice(1, -1)}]+`, 'g'))) {
      const lead = /^[^\p{L}\p{N}]*/u.exec(m[0])![0].length;
      if (lead === m[0].length) continue;
      const trail = /[^\p{L}\p{N}\p{M}]*$/u.exec(m[0].slice(lead))![0].length;
      out.push({ text: m[0].slice(lead, m[0].length - trail), start: m.index + lead, end: m.index + m[0].length - trail });
    }
    return out;
  };
  const alphabet = [...'aZ9_\'’-–— \n\t/.,;:!?"“”«»()[]{}<>|=…@&#$%+*~^éü\u0301😀ß中'];
  fc.assert(
    fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
      const text = chars.join('');
      assert.deepEqual(tokens(text), reference(text), JSON.stringify(text));
    }),
    { numRuns: 3000 },
  );
});
