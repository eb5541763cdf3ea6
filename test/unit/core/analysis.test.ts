/** The one tokeniser and term: what the index holds, what highlights, KWIC and keyness count. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { contentTerms, countTerms, spansOfTerms } from '../../../app/core/analysis/terms';
import fc from 'fast-check';
import { isStopWord } from '../../../app/core/analysis/stopList';
import { indexTerm, tokens, TOKEN_SEPARATOR } from '../../../app/core/analysis/tokens';
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
    ['cyber', 'security', 'über', 'Zürich’s', 'U.K.'],
  );
  assert.equal(indexTerm('Über'), 'über');
  assert.equal(indexTerm('Zürich’s'), 'zürich');
  assert.equal(indexTerm('Russia’s'), indexTerm("Russia's"));
  assert.equal(indexTerm('—'), null);
});

test('stop words are index terms like any word; isStopWord is the built-in list, compared lower-cased', () => {
  for (const [w, term] of [
    ['the', 'the'],
    ['The', 'the'],
    ['must', 'must'],
    ['us', 'us'],
    ["That's", 'that'],
    ['wants', 'want'],
  ]) {
    assert.equal(indexTerm(w), term, w);
  }
  for (const w of ['the', 'The', 'must', 'and', 'I']) assert.ok(isStopWord(w), w);
  // The list's words as written: a contraction is not on it, nor is a content word.
  for (const w of ["that's", 'deterrence', 'U.S.']) assert.equal(isStopWord(w), false, w);
});

test('abbreviations and numbers are one token each, with one index term; an abbreviation keeps its stops, so it is never "us"', () => {
  const text = 'The U.S. and the U.S.S.R. (e.g. in 1,000 talks, 3.5% of them); U.S, U.S.A. and us.';
  assert.deepEqual(
    tokens(text).map((t) => t.text),
    ['The', 'U.S.', 'and', 'the', 'U.S.S.R.', 'e.g.', 'in', '1,000', 'talks', '3.5', 'of', 'them', 'U.S', 'U.S.A.', 'and', 'us'],
  );
  assert.deepEqual(
    tokens(text).map((t) => indexTerm(t.text)),
    ['the', 'u.s.', 'and', 'the', 'u.s.s.r.', 'e.g.', 'in', '1,000', 'talk', '3.5', 'of', 'them', 'u.s.', 'u.s.a.', 'and', 'us'],
  );
  // A full stop or comma that is not inside one still separates.
  assert.deepEqual(
    tokens('end.Next 3. 5 a,b I. Smith').map((t) => t.text),
    ['end', 'Next', '3', '5', 'a', 'b', 'I', 'Smith'],
  );
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

test('tokens() cuts exactly where the separators, the two exceptions and the trimming expressions cut (property)', () => {
  // The reference: the separator expression, the exceptions and Unicode classes, written the slow, obvious way.
  const separator = new RegExp(`[${TOKEN_SEPARATOR.source.slice(1, -1)}]`);
  const reference = (text: string) => {
    const out: { text: string; start: number; end: number }[] = [];
    let i = 0;
    while (i < text.length) {
      if (separator.test(text[i])) {
        i++;
        continue;
      }
      // A dotted abbreviation: single letters each followed by a full stop ("U.S."), the last stop
      // optional ("U.S"); with its last stop, at least two letters; never followed by a letter or digit.
      const abbreviation = /^((?:\p{L}\.)+)(\p{L}(?![\p{L}\p{N}]))?/u.exec(text.slice(i));
      if (abbreviation) {
        const length = abbreviation[2]
          ? abbreviation[0].length
          : abbreviation[1].length >= 4 && !/[\p{L}\p{N}]/u.test(text[i + abbreviation[1].length] ?? ' ')
            ? abbreviation[1].length
            : 0;
        if (length) {
          out.push({ text: text.slice(i, i + length), start: i, end: i + length });
          i += length;
          continue;
        }
      }
      // Otherwise up to the next separator that is not a full stop or comma between two digits.
      let end = i + 1;
      while (end < text.length && (!separator.test(text[end]) || (/[.,]/.test(text[end]) && /\d/.test(text[end - 1]) && /\d/.test(text[end + 1] ?? '')))) end++;
      const run = text.slice(i, end);
      const lead = /^[^\p{L}\p{N}]*/u.exec(run)![0].length;
      if (lead < run.length) {
        const trail = /[^\p{L}\p{N}\p{M}]*$/u.exec(run.slice(lead))![0].length;
        out.push({ text: run.slice(lead, run.length - trail), start: i + lead, end: end - trail });
      }
      i = end;
    }
    return out;
  };
  const alphabets = [
    [...'aZ9_\'’-–— \n\t/.,;:!?"“”«»()[]{}<>|=…@&#$%+*~^éü\u0301😀ß中'],
    // Abbreviations and numbers: letters, digits, stops and commas, mostly.
    [..."aUSé9..,,  '-"],
  ];
  for (const alphabet of alphabets) {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join('');
        assert.deepEqual(tokens(text), reference(text), JSON.stringify(text));
      }),
      { numRuns: 3000 },
    );
  }
});
