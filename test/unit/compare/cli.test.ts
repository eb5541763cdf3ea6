import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { SHIPPED_CORPUS } from '../../helpers/repo';
import { runCli } from '../../helpers/runCli';
import { withTempDir } from '../../helpers/temp';
import { HUNT, RAAB_AP, RAAB_WEB } from './helpers';

const compareCommand = 'compare';
const similarCommand = 'similar';

/** The real command line on the shipped corpus. */
function run(command: string, ...argv: string[]) {
  return runCli(command, ...argv, '--corpus', SHIPPED_CORPUS);
}

test('compare --json prints the comparison for speaker:Full Name sides as the shell passes them', async () => {
  const r = await run(compareCommand, 'speaker:Dominic Raab', 'speaker:"Jeremy Hunt"', '--json', '--threshold', '0.15', '--whole-documents');
  assert.equal(r.code, 0, r.err);
  const c = JSON.parse(r.out);
  assert.deepEqual(c.left.documentIds, [RAAB_AP, RAAB_WEB]);
  assert.deepEqual(c.right.documentIds, [HUNT]);
  // Elections and interference (0.20), and a weaker pair on "when", "operating", "not", "countries" (0.18; "when" and
  // "not" are not on the built-in stop list alignment leaves out).
  assert.equal(c.pairs.length, 2);
  assert.deepEqual(Object.keys(c.pairs[0]).slice(0, 4), ['left', 'right', 'score', 'sharedTerms']);
  assert.equal(c.stopList, null);
  assert.equal(typeof c.distinctive.left[0].g2, 'number');
  assert.equal(c.quotes.right[0].speaker, 'Jeremy Hunt');
});

test('compare without --json prints a readable summary', async () => {
  const r = await run(compareCommand, RAAB_WEB, RAAB_AP);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^Left : The UK calls for an international coalition for cybersecurity: 1 document\(s\), 12 passage\(s\)/);
  assert.match(r.out, /Aligned passages/);
  assert.match(r.out, /shared: .*million/);
  assert.match(r.out, /Quotations of The UK calls/);
});

test('compare --report writes a Markdown report', async () => {
  await withTempDir(async (dir) => {
    const file = path.join(dir, 'report.md');
    const r = await run(compareCommand, 'speaker:Jeremy Hunt', 'speaker:Dominic Raab', '--report', file);
    assert.match(readFileSync(file, 'utf8'), /The left side holds only what Jeremy Hunt said/);
    assert.equal(r.code, 0, r.err);
    assert.match(r.err, /Wrote the report to/);
    assert.match(readFileSync(file, 'utf8'), /^# Comparison: Jeremy Hunt \(own words\) and Dominic Raab \(own words\)/);
  }, 'lectern-compare-');
});

test('compare --kwic shows a term in context on both sides', async () => {
  const r = await run(compareCommand, HUNT, 'speaker:Dominic Raab', '--kwic', 'elections', '--whole-documents');
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /\[elections\]/);
  assert.match(r.out, /Right, speaker:Dominic Raab: 2 use\(s\)/);
});

test('bad input to compare is a message and exit code 1; wrong usage is exit code 2 with the usage', async () => {
  const cases: [string[], RegExp, number][] = [
    [[HUNT, HUNT], /compared with itself/, 1],
    [[HUNT], /compare takes two sides, got 1/, 2],
    [['speaker:Jeremy', 'Hunt', RAAB_AP], /compare takes two sides, got 3.*Put a speaker's name in quotes/s, 2],
    [['nope', HUNT], /No document "nope"/, 1],
    [['speaker:Nobody Here', HUNT], /No speaker "Nobody Here"/, 1],
    [[HUNT, RAAB_AP, '--threshold', 'high'], /threshold must be a number from 0 to 1/, 1],
    [[HUNT, RAAB_AP, '--frobnicate'], /Unknown option --frobnicate.*Usage:/s, 2],
    [[HUNT, RAAB_AP, '--quotes-only', 'middle'], /--quotes-only takes left, right or both/, 2],
    [[HUNT, RAAB_AP, '--stop-list', 'english'], /--stop-list takes none, builtin, corpus \(got "english"\)/, 2],
    // The shipped corpus keeps no .lectern/stopwords.txt.
    [[HUNT, RAAB_AP, '--stop-list', 'corpus'], /no stop list of its own.*stopwords\.txt/, 1],
  ];
  for (const [argv, message, code] of cases) {
    const r = await run(compareCommand, ...argv);
    assert.equal(r.code, code, argv.join(' '));
    assert.match(r.err, message);
    assert.doesNotMatch(r.err, /at .*\.ts:\d+/); // no stack trace
  }
});

test('compare --stop-list builtin leaves the built-in stop words out of the term tables and says so; counts are unchanged', async () => {
  const plain = await run(compareCommand, 'speaker:Dominic Raab', 'speaker:Jeremy Hunt', '--whole-documents', '--json');
  const listed = await run(compareCommand, 'speaker:Dominic Raab', 'speaker:Jeremy Hunt', '--whole-documents', '--json', '--stop-list', 'builtin');
  assert.equal(listed.code, 0, listed.err);
  const [a, b] = [JSON.parse(plain.out), JSON.parse(listed.out)];
  const rows = (c: { distinctive: Record<string, { term: string; stem: string }[]> }) => Object.values(c.distinctive).flat();
  assert.ok(
    rows(a).some((t) => t.stem === 'the'),
    'stop words have rows by default',
  );
  assert.ok(!rows(b).some((t) => t.stem === 'the' || t.stem === 'and'));
  assert.equal(a.stopList, null);
  assert.equal(b.stopList, 'built-in stop list (108 words) left out');
  assert.deepEqual([b.left.wordCount, b.right.wordCount, b.pairs.length], [a.left.wordCount, a.right.wordCount, a.pairs.length]);
  const text = await run(compareCommand, 'speaker:Dominic Raab', 'speaker:Jeremy Hunt', '--stop-list', 'builtin');
  assert.match(text.out, /Distinctive terms: built-in stop list \(108 words\) left out/);
  assert.match((await run(compareCommand, 'speaker:Dominic Raab', 'speaker:Jeremy Hunt')).out, /No stop list: stop words have rows/);
});

test('similar lists the two Raab reports as one group, with --json too', async () => {
  const r = await run(similarCommand);
  assert.equal(r.code, 0, r.err);
  assert.match(r.out, /^2 documents report the same event \(similarity 0\.\d+; same speaker, date and event/);
  assert.ok(!r.out.includes(HUNT));
  const j = await run(similarCommand, '--json');
  assert.deepEqual(JSON.parse(j.out).groups[0].documentIds, [RAAB_AP, RAAB_WEB]);
  assert.equal((await run(similarCommand, 'extra')).code, 2);
});
