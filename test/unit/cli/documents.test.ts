/** `lectern documents` and the library table's columns and sort (issue 16, point 3), on real corpus folders. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parse } from 'csv-parse/sync';
import type { DocSummary } from '../../../app/common/contract';
import { findColumn, libraryColumns, sortDocuments } from '../../../app/common/libraryTable';
import { makeDoc } from '../../helpers/docs';
import { runCli } from '../../helpers/runCli';
import { corpusOf } from '../../helpers/temp';

const doc = (id: string, date: string, term: string, party: string) =>
  `---\ntitle: ${id}\ndate: ${date}\nspeaker: Speaker ${id}\n${term ? `term: ${term}\n` : ''}${party ? `party: ${party}\n` : ''}---\n\nThe ${id} speech on ${party || 'nothing'}.\n`;

const FILES = {
  'a.md': doc('a', '2001-01-01', '10', 'Whig'),
  'b.md': doc('b', '2003-01-01', '9', 'whig'),
  'c.md': doc('c', '2002-01-01', '', 'Democratic'),
  'd.md': doc('d', '', '1', '=cmd|calc'),
};

async function documents(dir: string, ...args: string[]) {
  const res = await runCli('documents', '--corpus', dir, ...args);
  assert.equal(res.err, '');
  assert.equal(res.code, 0);
  return res.out;
}

test('numbers sort as numbers, a missing value last either way, ties in library order; the CSV is the JSON', async (t) => {
  const corpus = corpusOf(FILES);
  t.after(corpus.cleanup);
  const json = JSON.parse(await documents(corpus.dir, '--sort', 'term', '--json', '--columns', 'title,term,party,date'));
  assert.equal(json.count, 4);
  assert.deepEqual(
    json.columns.map((c: { id: string; type: string }) => `${c.id}/${c.type}`),
    ['title/text', 'attr:term/number', 'attr:party/text', 'date/date'],
  );
  // 1 < 9 < 10 (not "10" < "9"), and c, with no term, last.
  assert.deepEqual(
    json.documents.map((d: { id: string }) => d.id),
    ['d', 'b', 'a', 'c'],
  );
  const desc = JSON.parse(await documents(corpus.dir, '--sort', 'term', '--desc', '--json'));
  assert.deepEqual(
    desc.documents.map((d: { id: string }) => d.id),
    ['a', 'b', 'd', 'c'],
  );
  // A missing date sorts last, not as the oldest.
  const byDate = JSON.parse(await documents(corpus.dir, '--sort', 'date', '--json'));
  assert.deepEqual(
    byDate.documents.map((d: { id: string }) => d.id),
    ['a', 'c', 'b', 'd'],
  );
  const csv: string[][] = parse(await documents(corpus.dir, '--sort', 'term', '--csv', '--columns', 'title,term,party,date'));
  assert.deepEqual(csv[0], ['Title', 'term', 'party', 'Date']);
  // A cell a spreadsheet would run is quoted with ', as in every Lectern CSV.
  assert.deepEqual(csv[1], ['d', '1', "'=cmd|calc", '']);
  assert.deepEqual(
    csv.slice(1).map((r) => r[0]),
    json.documents.map((d: { id: string }) => d.id),
  );
});

test('a filter query gives the documents search finds, with their matching passages; metadata filters give no counts', async (t) => {
  const corpus = corpusOf(FILES);
  t.after(corpus.cleanup);
  const whig = JSON.parse(await documents(corpus.dir, 'party:whig', '--json'));
  // Attribute values match case-insensitively, as the facet groups them.
  assert.deepEqual(whig.documents.map((d: { id: string }) => d.id).sort(), ['a', 'b']);
  assert.ok(!whig.columns.some((c: { id: string }) => c.id === 'matches'));
  const words = JSON.parse(await documents(corpus.dir, 'speech', '--json', '--sort', 'title'));
  assert.equal(words.columns[0].id, 'matches');
  assert.deepEqual(
    words.documents.map((d: { id: string; matches: string }) => `${d.id}:${d.matches}`),
    ['a:1', 'b:1', 'c:1', 'd:1'],
  );
  const bad = await runCli('documents', '--corpus', corpus.dir, 'colour:red');
  assert.equal(bad.code, 1);
  assert.match(bad.err, /There is no field "colour:"/);
  const badColumn = await runCli('documents', '--corpus', corpus.dir, '--sort', 'colour');
  assert.equal(badColumn.code, 2);
  assert.match(badColumn.err, /There is no column "colour"\. The columns are title, .*party, term/);
});

test('text sorts naturally and without case; columns are found by id, attribute name or label', () => {
  const summary = (id: string, title: string): DocSummary => ({
    ...makeDoc(id, 'text', { title }).meta,
    wordCount: 1,
    passageCount: 1,
    similarTo: [],
    revision: '',
  });
  const columns = libraryColumns([{ name: 'party', type: 'text', documents: 1, distinct: 1 }]);
  const title = findColumn(columns, 'Title')!;
  const sorted = sortDocuments([summary('1', 'Speech 10'), summary('2', 'speech 9'), summary('3', 'Address')], title, 'asc');
  assert.deepEqual(
    sorted.map((d) => d.title),
    ['Address', 'speech 9', 'Speech 10'],
  );
  assert.equal(findColumn(columns, 'party')!.id, 'attr:party');
  assert.equal(findColumn(columns, 'attr:party')!.id, 'attr:party');
  assert.equal(findColumn(columns, 'words')!.id, 'words');
  assert.equal(findColumn(columns, 'nothing'), undefined);
});
