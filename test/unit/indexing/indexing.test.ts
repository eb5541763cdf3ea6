import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import lunr from 'lunr';
import fc from 'fast-check';
import { indexTerm, tokens } from '../../../app/core/analysis/tokens';
import { loadCorpus } from '../../../app/core/corpus';
import { buildIndex, BuildCancelled } from '../../../app/core/indexing/buildIndex';
import { cacheDir, openIndex } from '../../../app/core/indexing/indexCache';
import { fromCompact, toCompact } from '../../../app/core/indexing/compactIndex';
import { buildLunrIndex } from '../../../app/core/searchIndex';
import type { Diagnostic, LoadedDocument } from '../../../app/core/types';
import { makeDoc } from '../../helpers/docs';
import { openService } from '../../../app/service/openService';
import { SHIPPED_CORPUS } from '../../helpers/repo';
import { withShippedCorpus } from '../../helpers/temp';

const QUERIES = [
  'cyber',
  'elections russia',
  '+sanctions -china',
  'saboteur*',
  'huawie~1',
  'title:deterrence',
  'cyber^5 elections',
  'the',
  'the people',
  'U.S.',
  '+U.K. -the',
];

/** One character of the payload changed, the length kept: what a bad sector or a stray write does. */
function flipOneCharacter(text: string): string {
  const at = Math.floor(text.length * 0.75);
  return text.slice(0, at) + (text[at] === '1' ? '2' : '1') + text.slice(at + 1);
}

function results(index: lunr.Index, queries = QUERIES) {
  return queries.map((q) => index.search(q).map((r) => [r.ref, r.score]));
}

test("Lectern's builder produces stock Lunr's index, byte for byte, and the same results and scores", async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  const stock = buildLunrIndex(docs);
  const { index } = await buildIndex(docs, { workers: 0 });
  assert.equal(JSON.stringify(index), JSON.stringify(stock));
  assert.deepEqual(results(index), results(stock));
  // …and after a save and a load in Lunr's own format…
  assert.deepEqual(results(lunr.Index.load(JSON.parse(JSON.stringify(index)))), results(stock));
  // …and in the cache's compact format, loaded lazily: the same index, byte for byte, once every posting is read.
  const compact = toCompact(index);
  assert.ok(compact);
  const loaded = fromCompact(JSON.parse(JSON.stringify(compact)));
  assert.deepEqual(results(loaded), results(stock));
  assert.equal(JSON.stringify(loaded), JSON.stringify(stock));
});

test("Lectern's builder and stock Lunr agree on text with abbreviations, decimals and stop words, and hold exactly indexTerm of each token (property)", async () => {
  const words = [
    'U.S.',
    'U.S',
    'u.s.',
    'U.S.S.R.',
    'U.S.A.',
    'e.g.',
    'i.e.',
    'U.K.’s',
    '3.5',
    '1,000',
    '192.168.0.1',
    '3.',
    'the',
    'The',
    'us',
    'US',
    'must',
    'of',
    'a',
    'I',
  ];
  const glue = [' ', ', ', '. ', '; ', '(', ')', '-', '/', '—', '\n'];
  const text = fc
    .array(fc.tuple(fc.constantFrom(...words, 'deterrence', 'elections', 'Über'), fc.constantFrom(...glue)), { minLength: 1, maxLength: 25 })
    .map((parts) => parts.flat().join(''));
  await fc.assert(
    fc.asyncProperty(fc.array(text, { minLength: 1, maxLength: 4 }), text, async (paragraphs, title) => {
      const docs = [makeDoc('a', paragraphs, { title }), makeDoc('b', ['U.S. policy on the 3.5 percent rate.'], { title: 'e.g. 1,000' })];
      const stock = buildLunrIndex(docs);
      const { index } = await buildIndex(docs, { workers: 0 });
      assert.equal(JSON.stringify(index), JSON.stringify(stock));
      const held = Object.keys((stock as unknown as { invertedIndex: Record<string, unknown> }).invertedIndex).sort();
      const mine = [
        ...new Set(
          [title, ...paragraphs, 'e.g. 1,000', 'U.S. policy on the 3.5 percent rate.'].flatMap((t) => tokens(t).flatMap((w) => indexTerm(w.text) ?? [])),
        ),
      ].sort();
      assert.deepEqual(mine, held);
      // An abbreviation is its own term, with its stops: never the word "us".
      assert.deepEqual(results(index, ['U.S.', 'us', '3.5']), results(stock, ['U.S.', 'us', '3.5']));
    }),
    { numRuns: 150 },
  );
  const stock = buildLunrIndex([makeDoc('c', ['The U.S. and us: 3.5 or 1,000.'])]);
  assert.deepEqual(
    ['U.S.', 'U.S', 'us', '3.5', '1,000', 'the', '3'].map((q) => stock.search(q).length),
    [1, 1, 1, 1, 1, 1, 0],
  );
  assert.ok(!Object.keys((stock as unknown as { invertedIndex: Record<string, unknown> }).invertedIndex).includes('u'));
});

test('the compact format: an index with positions has none (Lunr JSON is cached instead), and an inconsistent one is refused', async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  const withPositions = lunr(function () {
    this.metadataWhitelist = ['position'];
    this.field('text');
    this.add({ id: 'a', text: docs[0].text });
  });
  assert.equal(toCompact(withPositions), null);
  const compact = toCompact((await buildIndex(docs, { workers: 0 })).index)!;
  assert.throws(() => fromCompact({ ...compact, postRef: compact.postRef.slice(0, -16) }), /inconsistent/);
  assert.throws(() => fromCompact({ ...compact, terms: [...compact.terms].reverse() }), /not sorted/);
});

test('analysis in worker threads gives the same index', async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  const { index } = await buildIndex(docs, { workers: 2, workerThresholdChars: 0 });
  assert.equal(JSON.stringify(index), JSON.stringify(buildLunrIndex(docs)));
});

test('changing, adding or removing one document re-analyses only that one, and equals a full rebuild', async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  const first = await buildIndex(docs, { workers: 0 });
  const edited: LoadedDocument = {
    ...docs[1],
    passages: docs[1].passages.map((p, i) => (i === 2 ? { ...p, text: `${p.text} Added words about deterrence.` } : p)),
  };
  const extra: LoadedDocument = { ...docs[0], meta: { ...docs[0].meta, id: 'extra', path: 'extra.md' } };
  for (const next of [
    [docs[0], edited, docs[2]],
    [...docs, extra],
    [docs[0], docs[2]],
  ]) {
    const update = await buildIndex(next, { previous: first.analyses, workers: 0 });
    assert.ok(update.analysed <= 1, `analysed ${update.analysed}`);
    assert.equal(JSON.stringify(update.index), JSON.stringify(buildLunrIndex(next)));
  }
});

test('a build can be cancelled', async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  const abort = new AbortController();
  abort.abort();
  await assert.rejects(buildIndex(docs, { workers: 0, signal: abort.signal }), BuildCancelled);
});

test('an unchanged corpus loads its index from the cache; a corrupt, truncated or foreign cache is discarded with a message', async () => {
  await withShippedCorpus(async (dir) => {
    const docs = (await loadCorpus(dir)).documents;
    const d0: Diagnostic[] = [];
    const built = await openIndex(dir, docs, d0);
    assert.equal(built.source, 'built');
    await built.save();
    const warm = await openIndex(dir, docs, []);
    assert.equal(warm.source, 'cache');
    assert.deepEqual(results(warm.index), results(built.index));

    const file = path.join(cacheDir(dir), 'index.json');
    const good = readFileSync(file, 'utf8');
    const cases: [string, string, RegExp][] = [
      ['corrupt', flipOneCharacter(good), /checksum/],
      ['truncated', good.slice(0, good.length - 100), /truncated/],
      ['foreign', '{"hello": "world"}\n{}', /not a Lectern cache file/],
      ['newer', good.replace(/"version":\d+/, '"version":9999'), /another version/],
    ];
    for (const [name, content, reason] of cases) {
      writeFileSync(file, content);
      const diagnostics: Diagnostic[] = [];
      const opened = await openIndex(dir, docs, diagnostics);
      await opened.save();
      assert.equal(opened.source, 'built', name);
      assert.match(diagnostics.map((d) => d.message).join(' '), reason, name);
      assert.deepEqual(results(opened.index), results(built.index), name);
    }
  });
});

test('the service re-indexes in the background and keeps answering from the previous index', async () => {
  await withShippedCorpus(async (dir) => {
    const service = await openService(dir);
    const before = await service.search({ query: 'deterrence' });
    writeFileSync(path.join(dir, 'new.md'), '---\ntitle: New\nspeakers: [Someone]\n---\nA paragraph about deterrence and cyber.');
    const lib = await service.reindex({});
    assert.ok(lib.indexing, 'indexing is reported while it runs');
    const during = await service.search({ query: 'deterrence' });
    assert.equal(during.documents.length, before.documents.length);
    await service.idle();
    const after = await service.search({ query: 'deterrence' });
    assert.equal(after.documents.length, before.documents.length + 1);
    const done = await service.library({});
    assert.equal(done.indexing, null);
    assert.equal(done.index?.analysed, 1);
  });
});
