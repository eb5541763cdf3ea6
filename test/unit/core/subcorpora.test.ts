/**
 * Saved subcorpora (issue: subcorpora named and saved for reuse): the store in .lectern/subcorpora.json
 * through the service (save, replace, rename, delete, validation, a broken file), and `@name` giving
 * exactly the numbers its query gives, in compare, keyness and the corpus tools.
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { Comparison } from '../../../app/common/compare';
import { LecternError } from '../../../app/common/errors';
import type { SavedSubcorpora } from '../../../app/common/subcorpora';
import { compare, compareKwic } from '../../../app/core/compare/compare';
import { subcorpusKeyness } from '../../../app/core/corpusTools/keyness';
import { subcorpusOf } from '../../../app/core/corpusTools/units';
import { attributesByName, documentsMatching, unknownFieldMessage } from '../../../app/core/filters';
import { readSubcorpora, writeSubcorpora } from '../../../app/core/subcorpora';
import { openService } from '../../../app/service/openService';
import { speechDocuments, speechesBetween } from '../../helpers/sotu';
import { withService } from '../../helpers/serviceCorpus';

const doc = (title: string, date: string, speaker: string, party: string, text: string) =>
  `---\ntitle: ${title}\ndate: ${date}\nspeakers: [${speaker}]\nparty: ${party}\n---\n\n${text}\n`;

const FILES = {
  'a.md': doc('A', '2000-01-01', 'Ann Adams', 'Blue', 'Taxes and roads matter to the county.'),
  'b.md': doc('B', '2001-01-01', 'Bob Brown', 'Red', 'Schools and hospitals need money.'),
  'c.md': doc('C', '2002-01-01', 'Cid Cole', 'Blue', 'Roads, bridges and taxes again.'),
};

const fileOf = (dir: string) => path.join(dir, '.lectern', 'subcorpora.json');
const code = (e: unknown) => (e as LecternError).code;

test('save creates, a name in another case replaces (keeping its creation time), rename and delete; each entry counts its documents', async () => {
  await withService(FILES, async (service, dir) => {
    assert.deepEqual(await service.subcorpora({}), { subcorpora: [], problem: null });
    const first = await service.saveSubcorpus({ name: '  Blues ', query: ' party:blue ' });
    assert.equal(first.replaced, false);
    assert.deepEqual([first.saved.name, first.saved.query, first.saved.documents, first.saved.problem], ['Blues', 'party:blue', 2, null]);
    const onDisk = JSON.parse(readFileSync(fileOf(dir), 'utf8'));
    assert.equal(onDisk.version, 1);
    assert.deepEqual(
      onDisk.subcorpora.map((e: { name: string; query: string }) => [e.name, e.query]),
      [['Blues', 'party:blue']],
    );

    await new Promise((r) => setTimeout(r, 5)); // a later time for `updated`
    const replaced = await service.saveSubcorpus({ name: 'BLUES', query: 'party:Red year:2001' });
    assert.equal(replaced.replaced, true);
    assert.equal(replaced.subcorpora.length, 1);
    assert.deepEqual([replaced.saved.name, replaced.saved.documents], ['BLUES', 1]);
    assert.equal(replaced.saved.created, first.saved.created);
    assert.ok(replaced.saved.updated > first.saved.updated);

    await service.saveSubcorpus({ name: 'early', query: 'year:2000..2001' });
    await assert.rejects(
      service.renameSubcorpus({ name: 'early', newName: 'blues' }),
      (e) => code(e) === 'exists' && /already saved as "BLUES"/.test((e as Error).message),
    );
    const renamed = await service.renameSubcorpus({ name: 'EARLY', newName: 'first two' });
    assert.deepEqual(
      renamed.subcorpora.map((s) => [s.name, s.documents]),
      [
        ['BLUES', 1],
        ['first two', 2],
      ],
    );
    const deleted = await service.deleteSubcorpus({ name: 'blues' });
    assert.equal(deleted.deleted, 'BLUES');
    assert.deepEqual(
      deleted.subcorpora.map((s) => s.name),
      ['first two'],
    );
    await assert.rejects(service.deleteSubcorpus({ name: 'blues' }), /There is no saved subcorpus "blues"\. The saved ones are @first two\./);
    // A fresh service (another window, the CLI) reads the same file.
    const again = await openService(dir);
    assert.deepEqual(
      (await again.subcorpora({})).subcorpora.map((s) => [s.name, s.query, s.documents]),
      [['first two', 'year:2000..2001', 2]],
    );
    await again.close();
  });
});

test('names and queries are checked before anything is written: the message says what to fix', async () => {
  await withService(FILES, async (service, dir) => {
    await service.saveSubcorpus({ name: 'kept', query: 'party:Blue' });
    const before = readFileSync(fileOf(dir), 'utf8');
    const refused = async (req: { name: string; query: string }, message: RegExp | string) => {
      await assert.rejects(service.saveSubcorpus(req), (e: Error) => (typeof message === 'string' ? e.message === message : message.test(e.message)));
    };
    await refused({ name: '   ', query: 'party:Blue' }, /needs a name/);
    await refused({ name: 'x'.repeat(61), query: 'party:Blue' }, /at most 60 characters/);
    await refused({ name: '@at', query: 'party:Blue' }, /without the @/);
    await refused({ name: 'line\nbreak', query: 'party:Blue' }, /control characters/);
    await refused({ name: 'empty', query: '  ' }, /a metadata query to save/);
    await refused({ name: 'none', query: 'party:Green' }, /No document matches "party:Green"/);
    await refused({ name: 'words', query: 'roads party:Blue' }, /has words or tags in it/);
    await refused({ name: 'nested', query: '@kept' }, /is a saved subcorpus itself/);
    await refused({ name: 'broken', query: 'year:20x' }, /is not a query Lectern can read/);
    // An unknown field gets the search's own message, listing the fields the corpus has.
    const docs = service.loaded.documents;
    await refused({ name: 'colour', query: 'colour:blue' }, unknownFieldMessage('colour', attributesByName(docs)));
    // 60 characters is a name.
    assert.equal((await service.saveSubcorpus({ name: 'y'.repeat(60), query: 'party:Red' })).saved.documents, 1);
    await service.deleteSubcorpus({ name: 'y'.repeat(60) });
    assert.equal(readFileSync(fileOf(dir), 'utf8').replace(/"updated": "[^"]+"/g, ''), before.replace(/"updated": "[^"]+"/g, ''));
  });
});

test('a broken file is reported in the library and by name, the corpus loads, and the file is never overwritten', async () => {
  await withService(FILES, async (service, dir) => {
    await service.saveSubcorpus({ name: 'blues', query: 'party:Blue' });
    writeFileSync(fileOf(dir), '{"version": 1, "subcorpora": [{"name": "blues", "query": "party:Blue"');
    const again = await openService(dir);
    try {
      const lib = await again.library({});
      assert.equal(lib.documents.length, 3, 'the corpus loads');
      const diagnostic = lib.diagnostics.find((d) => d.file === '.lectern/subcorpora.json');
      assert.ok(diagnostic, 'the library names the file');
      assert.match(diagnostic.message, /cannot be used: it is not valid JSON .*Fix or remove the file/);
      const list = await again.subcorpora({});
      assert.deepEqual(list.subcorpora, []);
      assert.equal(list.problem, diagnostic.message);
      const broken = readFileSync(fileOf(dir), 'utf8');
      await assert.rejects(again.saveSubcorpus({ name: 'reds', query: 'party:Red' }), (e) => code(e) === 'store-unreadable');
      assert.equal(readFileSync(fileOf(dir), 'utf8'), broken, 'nothing written over it');
      await assert.rejects(again.wordList({ subcorpus: '@blues' }), /"@blues" names a saved subcorpus, but .*not valid JSON/);
      // Everything else works.
      assert.equal((await again.wordList({ subcorpus: 'party:Blue' })).documents, 2);
    } finally {
      await again.close();
    }
  });
});

test('the file: a byte order mark is read, a newer version, a bad entry and a twice-used name are problems', async () => {
  await withService(FILES, async (service, dir) => {
    const entry = (name: string) => ({ name, query: 'party:Blue', created: '2026-01-01T00:00:00.000Z', updated: '2026-01-01T00:00:00.000Z' });
    const write = (data: unknown, bom = '') => writeFileSync(fileOf(dir), bom + JSON.stringify(data));
    await service.saveSubcorpus({ name: 'first', query: 'party:Red' }); // makes .lectern
    write({ version: 1, subcorpora: [entry('Blues')] }, '\uFEFF');
    assert.deepEqual(await readSubcorpora(dir), { entries: [entry('Blues')], problem: null });
    write({ version: 2, subcorpora: [entry('Blues')] });
    assert.match((await readSubcorpora(dir)).problem ?? '', /written by a newer Lectern \(version 2; this one reads version 1\)/);
    write({ version: 1, subcorpora: [entry('Blues'), { name: 'no query' }] });
    assert.match((await readSubcorpora(dir)).problem ?? '', /entry 2 is not a subcorpus/);
    write({ version: 1, subcorpora: [entry('Blues'), entry('blues')] });
    assert.match((await readSubcorpora(dir)).problem ?? '', /the name "blues" is there twice/);
    write({ version: 1, saved: [] });
    assert.match((await readSubcorpora(dir)).problem ?? '', /has no "subcorpora" list/);
  });
});

// ---------- @name gives the numbers of its query ----------

const SAVED: SavedSubcorpora = {
  entries: [
    { name: 'Eighties', query: 'year:1980..1989' },
    { name: 'later', query: 'year:1990..2009' },
    { name: 'Reagan', query: 'speaker:reagan' },
  ],
  problem: null,
};

/** A comparison without what names its sides or times it. */
function numbers(c: Comparison) {
  const side = ({ query: _q, label: _l, ...rest }: Comparison['left']) => rest;
  const { left, right, tookMs: _t, ...rest } = c as Comparison & { tookMs?: number };
  return { left: side(left), right: side(right), ...rest };
}

test('@name in compare, keyness and the corpus tools: the same numbers as the query it holds', () => {
  const docs = speechDocuments(speechesBetween(1980, 2009));
  const byName = compare(docs, '@eighties', '@LATER', { subcorpora: SAVED });
  const byQuery = compare(docs, 'year:1980..1989', 'year:1990..2009');
  assert.ok(byQuery.pairs.length > 0 && byQuery.distinctive.left.length > 0);
  assert.deepEqual(numbers(byName), numbers(byQuery));
  assert.deepEqual([byName.left.kind, byName.left.label, byName.left.query], ['query', '@eighties', '@eighties']);
  assert.deepEqual(
    compareKwic(docs, '@eighties', 'year:1990..2009', 'freedom', { subcorpora: SAVED }),
    compareKwic(docs, 'year:1980..1989', 'year:1990..2009', 'freedom'),
  );

  const key = subcorpusKeyness(docs, '@Eighties', '@later', { subcorpora: SAVED });
  assert.deepEqual({ ...key, target: '', reference: '' }, { ...subcorpusKeyness(docs, 'year:1980..1989', 'year:1990..2009'), target: '', reference: '' });
  assert.equal(key.target, '@Eighties');
  const rest = subcorpusKeyness(docs, '@eighties', '', { subcorpora: SAVED });
  assert.equal(rest.referenceDocuments, docs.length - key.targetDocuments);

  assert.deepEqual(subcorpusOf(docs, '@eighties', SAVED), documentsMatching(docs, 'year:1980..1989'));
  // A saved speaker: filter is a subcorpus in compare too (part of the name is enough), as in the tools.
  const reagan = compare(docs, '@reagan', '@later', { subcorpora: SAVED });
  assert.deepEqual(
    reagan.left.documentIds,
    documentsMatching(docs, 'speaker:reagan').map((d) => d.meta.id),
  );
  assert.ok(reagan.left.documentIds.length >= 7);
});

test('an unknown @name is refused, listing the saved ones', () => {
  const docs = speechDocuments(speechesBetween(1980, 1985));
  assert.throws(
    () => compare(docs, '@nineties', 'year:1980', { subcorpora: SAVED }),
    (e: LecternError) => e.code === 'not-found' && e.message === 'There is no saved subcorpus "@nineties". The saved ones are @Eighties, @later, @Reagan.',
  );
  assert.throws(() => subcorpusOf(docs, '@x'), /There is no saved subcorpus "@x"\. None is saved in this corpus yet/);
  assert.throws(() => subcorpusKeyness(docs, 'year:1980', '@x', { subcorpora: SAVED }), /no saved subcorpus "@x"/);
});

test('a full disk or a read-only folder: the write says so and what to do, and the saved file is as it was', async () => {
  await withService(FILES, async (service, dir) => {
    await service.saveSubcorpus({ name: 'blues', query: 'party:Blue' });
    const before = readFileSync(fileOf(dir), 'utf8');
    const failing = (code: string) => ({
      writeSynced: async () => {
        throw Object.assign(new Error(`${code}: simulated`), { code });
      },
    });
    await assert.rejects(
      writeSubcorpora(dir, [], failing('ENOSPC')),
      (e) => code(e) === 'disk-full' && /the disk is full \(writing \.lectern\/subcorpora\.json\)/.test((e as Error).message),
    );
    await assert.rejects(
      writeSubcorpora(dir, [], failing('EROFS')),
      (e) => code(e) === 'read-only' && /cannot be written .*Make it writable/.test((e as Error).message),
    );
    assert.equal(readFileSync(fileOf(dir), 'utf8'), before);
    assert.deepEqual(
      (await service.subcorpora({})).subcorpora.map((s) => s.name),
      ['blues'],
    );
  });
});
