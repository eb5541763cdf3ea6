import assert from 'node:assert/strict';
import { test } from 'node:test';
import { extractQuotes } from '../../../app/core/attribution/quotes';
import { makeDoc } from '../../helpers/docs';
import { byId, HUNT, RAAB_AP, RAAB_WEB, seedDocuments } from '../compare/helpers';

function summary(doc: ReturnType<typeof makeDoc>) {
  return extractQuotes(doc).map((q) => [q.text, q.speaker, q.attribution]);
}

test("every quotation's offsets point at its text in the canonical text", async () => {
  for (const doc of await seedDocuments()) {
    for (const q of extractQuotes(doc)) {
      assert.equal(q.docId, doc.meta.id);
      assert.equal(q.segments.map(([s, e]) => doc.text.slice(s, e)).join('\n\n'), q.text);
      assert.equal(q.segments[0][0], q.start);
      assert.equal(q.segments.at(-1)![1], q.end);
    }
  }
});

test('Hunt\'s report: 7 quotations, all Hunt\'s: two "He …:" openings, each followed by quote-only paragraphs', async () => {
  const quotes = extractQuotes(byId(await seedDocuments(), HUNT));
  assert.equal(quotes.length, 7);
  assert.ok(quotes.every((q) => q.speaker === 'Jeremy Hunt'));
  assert.deepEqual(
    quotes.map((q) => q.attribution),
    ['colon', 'continuation', 'continuation', 'colon', 'continuation', 'continuation', 'continuation'],
  );
  assert.equal(quotes[0].cue, 'He said:');
  assert.match(quotes[0].text, /^Last October, Britain helped secure a decision .* on a national basis\.$/);
  assert.equal(quotes[3].cue, 'He outlined four principles in tackling cybercrime:');
  assert.match(quotes[6].text, /^And finally, with our allies/);
});

test('the AP report: 10 quotations, all Raab\'s, including the mixed “hostile state actors" and "the foreign secretary"', async () => {
  const quotes = extractQuotes(byId(await seedDocuments(), RAAB_AP));
  assert.deepEqual(
    quotes.map((q) => q.text),
    [
      'hostile state actors',
      'hostile state actors',
      'vulnerable',
      'multilateral vacuum',
      'We need the combination of resilient defenses but also offensive capabilities, and the global diplomatic clout which comes with being a modern cyberpower',
      'authoritarian regimes',
      'prime target',
      'It seems that almost nothing is off limits for cyber criminals',
      'like-minded',
      'essential',
    ],
  );
  assert.ok(quotes.every((q) => q.speaker === 'Dominic Raab'));
  assert.deepEqual(
    quotes.map((q) => q.attribution),
    ['sentence', 'sentence', 'sentence', 'sentence', 'after', 'sentence', 'sentence', 'after', 'sentence', 'sentence'],
  );
  assert.equal(quotes[4].cue, 'Raab said');
  assert.equal(quotes[5].cue, 'The foreign secretary accused'); // "U.K. Foreign Secretary Dominic Raab" taught the title
  assert.equal(quotes[7].cue, 'he said');
});

test('the web report: 3 quotations, Raab\'s by "he said", "Raab said" and "he added"', async () => {
  const quotes = extractQuotes(byId(await seedDocuments(), RAAB_WEB));
  assert.equal(quotes.length, 3);
  assert.deepEqual(
    quotes.map((q) => [q.speaker, q.cue]),
    [
      ['Dominic Raab', 'he said'],
      ['Dominic Raab', 'Raab said'],
      ['Dominic Raab', 'he added'],
    ],
  );
  assert.match(
    quotes[0].text,
    /^These actors are the industrial scale saboteurs of the 21st century\. They want to undermine the foundations of our democracy$/,
  );
});

test('a quotation over several paragraphs, reopened by a quote mark, is one quotation', () => {
  const doc = makeDoc(
    'd',
    [
      'Jane Smith spoke to farmers on Monday.',
      '“The drought has cost us dearly. We will not forget it.',
      '“But the rain is coming, and the harvest with it,” she said.',
      'Prices fell.',
    ],
    { speakers: ['Jane Smith'] },
  );
  const quotes = extractQuotes(doc);
  assert.equal(quotes.length, 1);
  const q = quotes[0];
  assert.equal(q.text, 'The drought has cost us dearly. We will not forget it.\n\nBut the rain is coming, and the harvest with it');
  assert.equal(q.speaker, 'Jane Smith');
  assert.equal(q.attribution, 'after');
  assert.equal(q.segments.length, 2);
  assert.equal(doc.text.slice(q.segments[1][0], q.segments[1][1]), 'But the rain is coming, and the harvest with it');
});

test('attribution forms: "said Smith", surname only, straight quotes, another person, and unattributed quotes', () => {
  const doc = makeDoc(
    'd',
    [
      '"We will build the bridge," said Smith at the opening.',
      'Critics called the plan "a folly" in letters to the editor.',
      '“It is too expensive,” Councillor Brown said.',
      '“Nobody asked us.”',
      'Residents were unconvinced. "Why now?"',
    ],
    { speakers: ['Jane Smith'] },
  );
  const quotes = extractQuotes(doc);
  assert.deepEqual(
    quotes.map((q) => [q.text, q.speaker, q.attribution]),
    [
      ['We will build the bridge', 'Jane Smith', 'after'],
      ['a folly', null, null],
      ['It is too expensive', 'Brown', 'after'],
      // A quote-only paragraph carries on the quotation before it (Brown's; the title is not part of the name), the journalists' convention.
      ['Nobody asked us.', 'Brown', 'continuation'],
      ['Why now?', null, null],
    ],
  );
});

test('"he said" with no speaker mentioned before is unattributed; a later pronoun finds the last speaker named', () => {
  const doc = makeDoc('d', ['“Too early to tell,” he said.', 'Ann Lee and Bob Ray met in Paris. Ray spoke first.', '“We agree on trade,” he said.'], {
    speakers: ['Ann Lee', 'Bob Ray'],
  });
  assert.deepEqual(summary(doc), [
    ['Too early to tell', null, null],
    ['We agree on trade', 'Bob Ray', 'after'],
  ]);
});

test('an empty or punctuation-only pair of quote marks is no quotation; an unclosed one ends with its paragraph', () => {
  const doc = makeDoc('d', ['He wrote “” twice.', 'Smith said: “We begin', 'Next paragraph without quotes.'], { speakers: ['Jane Smith'] });
  assert.deepEqual(summary(doc), [['We begin', 'Jane Smith', 'colon']]);
});
