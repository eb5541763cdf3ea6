/** Document attributes (issue 16, point 1) and subcorpora as compare sides (point 2), on real files. */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { attributeSchema } from '../../../app/core/attributes';
import { compare } from '../../../app/core/compare/compare';
import { loadCorpus } from '../../../app/core/corpus';
import { updateFrontMatter } from '../../../app/core/import/writeDocument';
import { search } from '../../../app/core/search';
import { makeSearchIndex } from '../../../app/core/searchIndex';
import { withCorpus } from '../../helpers/temp';

const doc = (fm: string, text: string) => `---\n${fm}\n---\n${text}\n`;

const FILES = {
  'a.md': doc('title: A\nspeakers: [Ann]\ndate: 1983-05-01\nParty: Democratic\nterm: 2\nelected: 1980', 'Jobs and taxes. The economy grows.'),
  'b.md': doc(
    'title: B\nspeakers: [Bob]\ndate: 1987\nparty: Republican\nterm: 1\nelected: 1984-11-06\ntopics: [defence, trade]',
    'Defence and trade. The economy grows.',
  ),
  'c.md': doc('title: C\nspeakers: [Cy]\ndate: 2012\nparty: "Democratic-Republican"\nterm: 10\nelected: 2008', 'Health care. The economy grows slowly.'),
  'd.md': doc('title: D\nspeakers: [Di]\ndate: 2015\nparty: democratic\nnested: {a: 1}\n"2nd": x', 'Climate and the economy.'),
};

test('every other front-matter field is an attribute, typed across the corpus from its values', async () => {
  await withCorpus(FILES, async (dir) => {
    const corpus = await loadCorpus(dir);
    const byId = new Map(corpus.documents.map((d) => [d.meta.id, d.meta]));
    assert.deepEqual(byId.get('a')!.attributes, { party: 'Democratic', term: '2', elected: '1980' });
    assert.deepEqual(byId.get('b')!.attributes, { party: 'Republican', term: '1', elected: '1984-11-06', topics: 'defence; trade' });
    // Lectern's own fields are not attributes; a nested map and a name that cannot be searched are reported.
    assert.deepEqual(byId.get('d')!.attributes, { party: 'democratic' });
    const warnings = corpus.diagnostics.filter((x) => x.file === 'd.md').map((x) => x.message);
    assert.ok(warnings.some((m) => /nested/.test(m)) && warnings.some((m) => /"2nd" cannot be searched/.test(m)), warnings.join('\n'));
    const schema = new Map(attributeSchema(corpus.documents.map((d) => d.meta)).map((a) => [a.name, a]));
    assert.equal(schema.get('party')!.type, 'text');
    assert.equal(schema.get('party')!.documents, 4);
    assert.equal(schema.get('party')!.distinct, 3, 'Democratic and democratic are one value');
    assert.equal(schema.get('term')!.type, 'number');
    assert.equal(schema.get('elected')!.type, 'date');
    assert.equal(schema.get('topics')!.type, 'text');
  });
});

test('field:value searches attributes: whole values, case-insensitive; numbers and dates by range; facets count documents', async () => {
  await withCorpus(FILES, async (dir) => {
    const docs = (await loadCorpus(dir)).documents;
    const index = makeSearchIndex(docs);
    const ids = (q: string) => {
      const res = search(index, q, { limit: 100 });
      assert.equal(res.error, null, `${q}: ${res.error?.message}`);
      return res.documents.map((d) => d.id).sort();
    };
    assert.deepEqual(ids('party:democratic'), ['a', 'd'], 'not Democratic-Republican');
    assert.deepEqual(ids('party:"Democratic-Republican"'), ['c']);
    assert.deepEqual(ids('topics:trade'), ['b'], 'one item of a list');
    assert.deepEqual(ids('term:2'), ['a']);
    assert.deepEqual(ids('term:2..10'), ['a', 'c']);
    assert.deepEqual(ids('term:..1'), ['b']);
    assert.deepEqual(ids('elected:1984'), ['b'], 'a date matches by prefix');
    assert.deepEqual(ids('elected:1980..1990'), ['a', 'b']);
    assert.deepEqual(ids('economy party:democratic'), ['a', 'd'], 'words and an attribute');
    assert.deepEqual(ids('economy party:democratic year:2000..'), ['d']);

    const facets = search(index, 'economy', { limit: 100 }).facets.attributes!;
    // The facet's counts are the documents a click on it finds.
    assert.deepEqual(facets.party, { Democratic: 2, Republican: 1, 'Democratic-Republican': 1 }, 'Democratic and democratic are one value');
    for (const [value, n] of Object.entries(facets.party)) assert.equal(ids(`economy party:"${value}"`).length, n, value);
    assert.equal(facets.topics.defence, 1);
    assert.equal(facets.term, undefined, 'numbers are not a facet of values');

    const err = (q: string) => search(index, q).error?.message ?? '';
    assert.match(err('note:see'), /There is no field "note:" in this corpus\. Its fields are speaker:, outlet:, year:, tag:, elected:, party:, term:, topics:/);
    assert.match(err('party:1..2'), /The field party: holds text, so it has no ranges/);
    assert.match(err('term:a..b'), /"term:a\.\.b" is not a range of numbers; write term:10\.\.20/);
  });
});

test('the metadata editor sets, changes and removes attributes, keeping every other field as written', async () => {
  await withCorpus(FILES, async (dir) => {
    await updateFrontMatter(dir, 'a.md', { attributes: { party: 'Whig', term: '', region: 'North East' } });
    const source = readFileSync(path.join(dir, 'a.md'), 'utf8');
    assert.match(source, /^Party: Whig$/m, 'the field keeps its spelling');
    assert.doesNotMatch(source, /^term:/m);
    assert.match(source, /^region: North East$/m);
    assert.match(source, /^elected: 1980$/m);
    const meta = (await loadCorpus(dir)).documents.find((d) => d.meta.id === 'a')!.meta;
    assert.deepEqual(meta.attributes, { party: 'Whig', elected: '1980', region: 'North East' });
    await assert.rejects(updateFrontMatter(dir, 'a.md', { attributes: { speaker: 'x' } }), /one of Lectern's own fields/);
    await assert.rejects(updateFrontMatter(dir, 'a.md', { attributes: { 'Bad Name': 'x' } }), /cannot be an attribute name/);
  });
});

test('any metadata query is a compare side: two periods, or a party against a period', async () => {
  await withCorpus(FILES, async (dir) => {
    const docs = (await loadCorpus(dir)).documents;
    const c = compare(docs, 'year:1980..1989', 'year:2010..2019');
    assert.deepEqual(c.left.documentIds, ['a', 'b']);
    assert.deepEqual(c.right.documentIds, ['c', 'd']);
    assert.equal(c.left.kind, 'query');
    assert.equal(c.left.label, 'year:1980..1989');
    const p = compare(docs, 'party:republican', 'year:2010..');
    assert.deepEqual([p.left.documentIds, p.right.documentIds], [['b'], ['c', 'd']]);
    assert.throws(() => compare(docs, 'party:whig', 'year:2010..'), /No document matches "party:whig"/);
    assert.throws(() => compare(docs, 'party:democratic', 'year:1980..1989'), /on both sides/);
    assert.throws(() => compare(docs, 'economy year:1980..', 'year:2010..'), /has words or tags in it/);
    assert.throws(() => compare(docs, 'colour:red', 'year:2010..'), /There is no field "colour:"/);
  });
});

test('hostile field names: __proto__ and constructor are no attributes, and field:value on them is an unknown field, not a crash', async () => {
  await withCorpus({ 'h.md': doc('title: H\n__proto__:\n  polluted: yes\nconstructor: x\ntoString: y\nparty: Green', 'Plain text.') }, async (dir) => {
    const corpus = await loadCorpus(dir);
    const meta = corpus.documents[0].meta;
    assert.deepEqual(meta.attributes, { party: 'Green' });
    assert.equal(({} as Record<string, unknown>).polluted, undefined);
    assert.equal(corpus.diagnostics.filter((d) => /reserved name/.test(d.message)).length, 3);
    // A copy through JSON (the cache, IPC) has a prototype: lookups must not find its members.
    const copy = JSON.parse(JSON.stringify(corpus.documents));
    const index = makeSearchIndex(copy);
    for (const q of ['constructor:x', 'tostring:y', '__proto__:x', 'hasownproperty:x'])
      assert.match(search(index, q).error?.message ?? '', /There is no field/, q);
    assert.equal(search(index, 'party:green').documents.length, 1);
    await assert.rejects(updateFrontMatter(dir, 'h.md', { attributes: { constructor: 'z' } }), /reserved name/);
  });
});

test('a speaker side with other filters is a subcorpus: speaker:ann year:1980..', async () => {
  await withCorpus(FILES, async (dir) => {
    const docs = (await loadCorpus(dir)).documents;
    const c = compare(docs, 'speaker:"Ann" year:1980..1989', 'speaker:Cy');
    assert.deepEqual([c.left.kind, c.left.documentIds, c.right.kind, c.right.documentIds], ['query', ['a'], 'speaker', ['c']]);
  });
});
