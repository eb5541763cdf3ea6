import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { loadCorpus } from '../../../app/core/corpus';
import { search } from '../../../app/core/search';
import { makeSearchIndex, type SearchIndex } from '../../../app/core/searchIndex';
import { SHIPPED_CORPUS } from '../../helpers/repo';

let index: SearchIndex;
before(async () => {
  index = makeSearchIndex((await loadCorpus(SHIPPED_CORPUS)).documents);
});

const ids = (q: string) =>
  search(index, q)
    .documents.map((d) => d.id)
    .sort();

test('a phrase only one article contains finds only that article, highlighted exactly', () => {
  const res = search(index, '"prime target"');
  assert.deepEqual(
    res.documents.map((d) => d.id),
    ['2021-05-12-raab-cooperation-independent'],
  );
  const p = res.documents[0].passages[0];
  const doc = index.byId.get(res.documents[0].id)!;
  assert.deepEqual(
    p.highlights.map(([s, e]) => doc.text.slice(s, e)),
    ['prime target'],
  );
  assert.equal(p.snippet.text.slice(...p.snippet.highlights[0]), 'prime target');
});

test('phrases are verified against the text, not approximated by their words', () => {
  // Both words occur in Hunt's report, but never as this phrase.
  assert.deepEqual(ids('"elections trust"'), []);
  assert.deepEqual(ids('elections trust'), [
    '2019-03-07-hunt-cybercrime-deterrence',
    '2021-05-12-raab-cooperation-independent',
    '2021-05-12-raab-international-coalition',
  ]);
});

test('speaker, outlet and year filters narrow by metadata', () => {
  assert.deepEqual(ids('elections speaker:hunt'), ['2019-03-07-hunt-cybercrime-deterrence']);
  assert.deepEqual(ids('elections speaker:"Dominic Raab"'), ['2021-05-12-raab-cooperation-independent', '2021-05-12-raab-international-coalition']);
  assert.deepEqual(ids('cyber outlet:independent'), ['2021-05-12-raab-cooperation-independent']);
  assert.deepEqual(ids('elections year:2019'), ['2019-03-07-hunt-cybercrime-deterrence']);
  assert.deepEqual(ids('elections year:2020..2021'), ['2021-05-12-raab-cooperation-independent', '2021-05-12-raab-international-coalition']);
  // A filter alone lists the documents it selects.
  assert.deepEqual(ids('speaker:raab'), ['2021-05-12-raab-cooperation-independent', '2021-05-12-raab-international-coalition']);
});

test('boilerplate is never found', () => {
  for (const q of ['"Leave a Reply"', '"free trial"', 'paywalls', '"Your support"', 'warmest', '"appeared first"', 'Tracker', 'SAAS']) {
    assert.deepEqual(ids(q), [], q);
  }
});

test('Lunr syntax works: required, excluded, fields, wildcards, fuzzy, boosts', () => {
  assert.deepEqual(ids('+sanctions +russia'), ['2021-05-12-raab-cooperation-independent']);
  assert.deepEqual(ids('sanctions -russia'), ['2019-03-07-hunt-cybercrime-deterrence']);
  assert.deepEqual(ids('title:deterrence'), ['2019-03-07-hunt-cybercrime-deterrence']);
  assert.ok(ids('saboteur*').includes('2021-05-12-raab-international-coalition'));
  assert.ok(ids('huawie~1').includes('2021-05-12-raab-international-coalition'));
  const boosted = search(index, 'huawei^10 elections');
  assert.equal(boosted.documents[0].id, '2021-05-12-raab-international-coalition');
});

test('curly possessives match their word ("Russia’s" and "Russia")', () => {
  assert.ok(ids('russia').includes('2019-03-07-hunt-cybercrime-deterrence'));
});

test('results carry passages, highlights on matched words, and facets', () => {
  const res = search(index, 'elections');
  assert.equal(res.facets.speaker['Dominic Raab'], 2);
  assert.equal(res.facets.speaker['Jeremy Hunt'], 1);
  assert.equal(res.facets.year['2019'], 1);
  for (const d of res.documents) {
    const doc = index.byId.get(d.id)!;
    for (const p of d.passages) {
      assert.ok(p.highlights.length > 0);
      for (const [s, e] of p.highlights) assert.match(doc.text.slice(s, e), /^election/i);
    }
  }
});

test('malformed queries return a message, never throw', () => {
  for (const [q, re] of [
    ['foo:bar', /There is no field "foo:" in this corpus/],
    ['"unclosed', /no closing quote/],
    ['year:abc', /not a year/],
    ['title:', /could not be read/],
    ['tag:nope', /no tag "nope"/],
  ] as const) {
    const res = search(index, q);
    assert.match(res.error?.message ?? '', re, q);
    assert.deepEqual(res.documents, []);
  }
});

test('stop words are searched like any word: must finds its use and highlights it', () => {
  const res = search(index, 'must');
  assert.equal(res.error, null);
  // The scan: "must" as a word in the seed corpus's passages.
  const expected = index.documents.flatMap((d) =>
    d.passages.flatMap((p) => [...p.text.matchAll(/(?<![\p{L}\p{N}])must(?![\p{L}\p{N}])/giu)].map((m) => [d.meta.id, p.start + m.index])),
  );
  assert.ok(expected.length > 0, 'fixture: the seed corpus says "must"');
  assert.equal(res.totals.hits, expected.length);
  const found = res.documents.flatMap((d) => d.passages.flatMap((p) => p.highlights.map(([s, e]) => [d.id, s, index.byId.get(d.id)!.text.slice(s, e)])));
  assert.deepEqual(
    found.map(([id, s]) => [id, s]),
    expected,
  );
  assert.ok(found.every(([, , w]) => String(w).toLowerCase() === 'must'));
  // "the" is a term too: every passage that says it.
  const the = search(index, 'the', { limit: 100 });
  const withThe = index.documents.reduce((n, d) => n + d.passages.filter((p) => /(?<![\p{L}\p{N}])the(?![\p{L}\p{N}])/iu.test(p.text)).length, 0);
  assert.equal(the.totals.passages, withThe);
});
