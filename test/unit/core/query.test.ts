import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseQuery } from '../../../app/core/query';

function ok(input: string) {
  const r = parseQuery(input);
  assert.ok(r.ok, `expected ${input} to parse: ${!r.ok ? r.error.message : ''}`);
  return r.query;
}

function err(input: string, pattern: RegExp) {
  const r = parseQuery(input);
  assert.ok(!r.ok, `expected ${input} to fail`);
  assert.match(r.error.message, pattern);
  return r.error;
}

test('phrases are taken out, with + and - and curly quotes', () => {
  const q = ok('cyber "prime target" -"New Year" +“state actors”');
  assert.deepEqual(q.phrases, [
    { text: 'prime target', exclude: false },
    { text: 'New Year', exclude: true },
    { text: 'state actors', exclude: false },
  ]);
  assert.equal(q.lunrText, 'cyber');
});

test('metadata filters: speaker, outlet, year and ranges, tag', () => {
  const q = ok('speaker:"Jeremy Hunt" speaker:raab outlet:independent year:2019 year:2020..2021 year:2015.. tag:deterrence +elections');
  assert.deepEqual(q.speakers, ['Jeremy Hunt', 'raab']);
  assert.deepEqual(q.outlets, ['independent']);
  assert.deepEqual(q.years, [
    [2019, 2019],
    [2020, 2021],
    [2015, 9999],
  ]);
  assert.deepEqual(q.tags, ['deterrence']);
  assert.equal(q.lunrText, '+elections');
});

test('Lunr syntax passes through untouched', () => {
  assert.equal(ok('+cyber -russia title:deterrence wild* fuzzy~1 boost^2').lunrText, '+cyber -russia title:deterrence wild* fuzzy~1 boost^2');
});

test('malformed queries get messages that say what to do', () => {
  const e = err('cyber "prime target', /no closing quote/);
  assert.equal(e.start, 6);
  err('year:20x', /not a year or a range/);
  err('year:2021..2019', /runs backwards/);
  err('speaker:', /needs a value/);
  err('speaker:"Jeremy', /no closing quote/);
  err('""', /empty phrase/);
});
