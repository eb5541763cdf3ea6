/** `lectern agreement` and `lectern cooccurrence`: the JSON is the contract's answer, the table and CSV say the same, and misuse exits 2. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import { runCli } from '../../helpers/runCli';
import { withService } from '../../helpers/serviceCorpus';
import { codeCorpus, FILES } from '../agreement/helpers';

test('agreement --json is the service’s answer; the table shows its numbers and says why a measure is undefined', async () => {
  await withService(FILES, async (service, dir) => {
    const { economy } = await codeCorpus(service, dir);
    const cli = (...argv: string[]) => runCli(...argv, '--corpus', dir);

    const json = await cli('agreement', '--coders', 'Alice,Bob', '--codes', 'economy', '--unit', 'char', '--json');
    assert.equal(json.code, 0, json.err);
    const answer = JSON.parse(json.out);
    assert.deepEqual(answer, await service.agreement({ coders: ['Alice', 'Bob'], codes: [economy], unit: 'char' }));
    assert.deepEqual(Object.keys(answer).sort(), ['coders', 'codes', 'documents', 'notes', 'overall', 'unit']);
    assert.deepEqual(Object.keys(answer.codes[0]).sort(), ['applied', 'measures', 'name', 'tagId', 'units']);
    assert.deepEqual(Object.keys(answer.codes[0].measures).sort(), ['cohenKappa', 'fleissKappa', 'krippendorffAlpha', 'percentAgreement']);
    assert.deepEqual(Object.keys(answer.overall).sort(), ['mean', 'pooled', 'units']);

    const onlyA = JSON.parse((await cli('agreement', '--documents', 'a', '--json')).out);
    assert.deepEqual(onlyA, await service.agreement({ docIds: ['a'] }));

    const table = await cli('agreement');
    assert.equal(table.code, 0, table.err);
    const lines = table.out.split('\n');
    assert.equal(lines[0], 'Agreement by passage: 3 coder(s) (Alice, Bob, Carol), 2 document(s)');
    assert.match(
      lines.find((l) => l.startsWith('Economy'))!,
      /^Economy\s+5\s+0\.400\s+—\s+—\s+-0\.080$/,
    );
    assert.match(
      lines.find((l) => l.startsWith('overall (pooled)'))!,
      /\s10\s+0\.600\s+—\s+—\s+0\.208$/,
    );
    assert.ok(lines.some((l) => l.startsWith('— Cohen κ:') && l.includes('exactly two coders; 3 were chosen') && l.endsWith('(Crime, Economy, overall)')));
  });
});

test('cooccurrence: --json is the service’s answer, each cell counts the places it lists, --csv is the same matrix', async () => {
  await withService(FILES, async (service, dir) => {
    await codeCorpus(service, dir);
    const cli = (...argv: string[]) => runCli(...argv, '--corpus', dir);
    for (const mode of ['overlap', 'passage'] as const) {
      const json = await cli('cooccurrence', '--mode', mode, '--json');
      assert.equal(json.code, 0, json.err);
      const answer = JSON.parse(json.out);
      assert.deepEqual(answer, await service.cooccurrence({ mode }));
      assert.deepEqual(Object.keys(answer).sort(), ['cells', 'coder', 'codes', 'counts', 'mode']);
      for (const c of answer.cells) {
        assert.deepEqual(Object.keys(c).sort(), ['a', 'b', 'count', 'places']);
        assert.equal(c.count, c.places.length);
        const i = answer.codes.findIndex((x: { tagId: string }) => x.tagId === c.a);
        const j = answer.codes.findIndex((x: { tagId: string }) => x.tagId === c.b);
        assert.equal(answer.counts[i][j], c.count);
        for (const p of c.places) assert.deepEqual(Object.keys(p).sort(), ['annotationIds', 'docId', 'end', 'passageId', 'start']);
      }
      const csv = await cli('cooccurrence', '--mode', mode, '--csv');
      assert.equal(csv.code, 0, csv.err);
      const rows: string[][] = parse(csv.out);
      assert.deepEqual(rows[0], ['code', ...answer.codes.map((c: { name: string }) => c.name)]);
      assert.deepEqual(
        rows.slice(1).map((r) => r.slice(1).map(Number)),
        answer.counts,
      );
    }
    const bob = JSON.parse((await cli('cooccurrence', '--coder', 'Bob', '--json')).out);
    assert.equal(bob.coder, 'Bob');
    const text = await cli('cooccurrence', '--mode', 'passage');
    assert.deepEqual(text.out.split('\n').slice(1), ['code     Crime  Economy', 'Crime        2        1', 'Economy      1        4']);
  });
});

test('misuse exits 2 with the usage; unknown coders and codes exit 1 naming what exists', async () => {
  await withService(FILES, async (service, dir) => {
    const cli = (...argv: string[]) => runCli(...argv, '--corpus', dir);
    const none = await cli('agreement');
    assert.deepEqual(
      [none.code, none.out],
      [
        0,
        'Agreement compares the annotations of two or more coders; this corpus has none. Each annotation records its coder (--coder NAME, or the coder set in Lectern; a .qdpx or W3C import keeps them).',
      ],
    );
    assert.equal(JSON.parse((await cli('agreement', '--json')).out).overall.pooled.krippendorffAlpha.value, null);
    await codeCorpus(service, dir);
    const badUnit = await cli('agreement', '--unit', 'word');
    assert.equal(badUnit.code, 2);
    assert.match(badUnit.err, /--unit is passage or char, not "word"\.[\s\S]*Usage:/);
    assert.equal((await cli('cooccurrence', '--csv', '--json')).code, 2);
    const singular = await cli('agreement', '--coder', 'Alice');
    assert.equal(singular.code, 2);
    assert.match(singular.err, /--coders A,B; --coder names who you are when tagging/);
    assert.equal((await cli('cooccurrence', '--mode', 'sentence')).code, 2);
    const noCoder = await cli('agreement', '--coders', 'Alice,Dave');
    assert.deepEqual([noCoder.code, noCoder.err], [1, 'lectern: No annotations were made by “Dave”. The coders with annotations are: Alice, Bob, Carol.']);
    const noCode = await cli('cooccurrence', '--codes', 'Crime,Health');
    assert.deepEqual([noCode.code, noCode.err], [1, 'lectern: There is no tag “Health” in the codebook (it has Crime, Economy).']);
  });
});
