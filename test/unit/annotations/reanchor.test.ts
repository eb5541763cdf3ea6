import { test } from 'node:test';
import assert from 'node:assert/strict';
import { anchorQuote, describeRange } from '../../../app/core/annotations/reanchor';

const BASE = [
  'The Foreign Secretary spoke about deterrence in cyberspace.',
  'He said: Britain will respond to malign cyber activity, naming and shaming the perpetrator in public, in concert with our allies.',
  'Secondly, we will respond. Thirdly, we will respond again, and we will respond in kind.',
  'Finally, the UK now has a National Offensive Cyber Programme.',
].join('\n\n');

const QUOTE = 'naming and shaming the perpetrator in public';
const REPEATED = 'we will respond';

function selectorFor(text: string, quote: string, nth = 0) {
  let start = -1;
  for (let i = 0; i <= nth; i++) start = text.indexOf(quote, start + 1);
  return { ...describeRange(text, start, start + quote.length), start, end: start + quote.length };
}

type Expect = { method: 'position' | 'quote' | 'fuzzy'; text: string } | 'orphan';

interface Case {
  name: string;
  quote: string;
  nth?: number;
  edit: (t: string) => string;
  expect: Expect;
}

const cases: Case[] = [
  { name: 'unchanged text keeps the position', quote: QUOTE, edit: (t) => t, expect: { method: 'position', text: QUOTE } },
  {
    name: 'insertion after the passage keeps the position',
    quote: QUOTE,
    edit: (t) => t + '\n\nA new closing paragraph.',
    expect: { method: 'position', text: QUOTE },
  },
  {
    name: 'edit after the passage keeps the position',
    quote: QUOTE,
    edit: (t) => t.replace('Offensive', 'Defensive'),
    expect: { method: 'position', text: QUOTE },
  },
  {
    name: 'insertion before the passage finds the exact quote',
    quote: QUOTE,
    edit: (t) => 'An added headline\n\n' + t,
    expect: { method: 'quote', text: QUOTE },
  },
  {
    name: 'deletion before the passage finds the exact quote',
    quote: QUOTE,
    edit: (t) => t.replace('The Foreign Secretary spoke about deterrence in cyberspace.\n\n', ''),
    expect: { method: 'quote', text: QUOTE },
  },
  {
    name: 'edit before the passage (length change) finds the exact quote',
    quote: QUOTE,
    edit: (t) => t.replace('Foreign Secretary', 'then Foreign Secretary, Jeremy Hunt,'),
    expect: { method: 'quote', text: QUOTE },
  },
  {
    name: 'a word changed inside the passage is found fuzzily',
    quote: QUOTE,
    edit: (t) => t.replace('shaming', 'blaming'),
    expect: { method: 'fuzzy', text: 'naming and blaming the perpetrator in public' },
  },
  {
    name: 'a word inserted inside the passage is found fuzzily',
    quote: QUOTE,
    edit: (t) => t.replace('the perpetrator', 'the alleged perpetrator'),
    expect: { method: 'fuzzy', text: 'naming and shaming the alleged perpetrator in public' },
  },
  {
    name: 'a word deleted inside the passage is found fuzzily',
    quote: QUOTE,
    edit: (t) => t.replace(' in public', ' publicly').replace('naming and ', 'naming, '),
    expect: { method: 'fuzzy', text: 'naming, shaming the perpetrator publicly' },
  },
  {
    name: 'whitespace changes inside and around the passage are tolerated',
    quote: QUOTE,
    edit: (t) => t.replace('naming and shaming the perpetrator', 'naming  and\nshaming the  perpetrator').replace('He said:', 'He  said:'),
    expect: { method: 'fuzzy', text: 'naming  and\nshaming the  perpetrator in public' },
  },
  {
    name: 'words replaced at the start of the passage do not pull in the words before it',
    quote: QUOTE,
    edit: (t) => t.replace('naming and shaming', 'publicly shaming'),
    expect: { method: 'fuzzy', text: 'publicly shaming the perpetrator in public' },
  },
  {
    name: 'words replaced at the end of the passage do not pull in the words after it',
    quote: QUOTE,
    edit: (t) => t.replace('perpetrator in public', 'perpetrator openly'),
    expect: { method: 'fuzzy', text: 'naming and shaming the perpetrator openly' },
  },
  {
    name: 'edits both before and inside the passage',
    quote: QUOTE,
    edit: (t) => ('Preface.\n\n' + t).replace('perpetrator', 'perpetrators'),
    expect: { method: 'fuzzy', text: 'naming and shaming the perpetrators in public' },
  },
  { name: 'the passage deleted outright leaves an orphan', quote: QUOTE, edit: (t) => t.replace(/He said:[^\n]*/, 'He said nothing more.'), expect: 'orphan' },
  {
    name: 'the passage rewritten beyond recognition leaves an orphan',
    quote: QUOTE,
    edit: (t) => t.replace(QUOTE, 'publicly identifying those responsible'),
    expect: 'orphan',
  },
  {
    name: 'a repeated phrase stays on its own occurrence when text is inserted before',
    quote: REPEATED,
    nth: 1,
    edit: (t) => 'Intro paragraph of some length.\n\n' + t,
    expect: { method: 'quote', text: REPEATED },
  },
  { name: 'a short quote that changed is not guessed', quote: 'UK', edit: (t) => t.replace('the UK now', 'Britain now'), expect: 'orphan' },
];

for (const c of cases) {
  test(`re-anchoring: ${c.name}`, () => {
    const sel = selectorFor(BASE, c.quote, c.nth ?? 0);
    const after = c.edit(BASE);
    const got = anchorQuote(after, sel);
    if (c.expect === 'orphan') {
      assert.equal(got, null);
      return;
    }
    assert.ok(got, 'expected an anchor');
    assert.equal(got.method, c.expect.method);
    assert.equal(after.slice(got.start, got.end), c.expect.text);
  });
}

test('re-anchoring: a repeated phrase keeps its occurrence (the one whose context fits)', () => {
  const sel = selectorFor(BASE, REPEATED, 2); // "and we will respond in kind"
  const after = 'New first line.\n\n' + BASE;
  const got = anchorQuote(after, sel)!;
  assert.equal(after.slice(got.start, got.end + ' in kind'.length), 'we will respond in kind');
});

test('describeRange captures 32 characters of context on each side', () => {
  const text = 'x'.repeat(50) + 'QUOTE' + 'y'.repeat(50);
  const d = describeRange(text, 50, 55);
  assert.deepEqual(d, { exact: 'QUOTE', prefix: 'x'.repeat(32), suffix: 'y'.repeat(32) });
});
