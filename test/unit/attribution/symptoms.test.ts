/**
 * Who is speaking, pinned on the corpora that showed it wrong: the shipped reports (the journalist's
 * narration credited to Raab) and State of the Union addresses outside the gold set (quotations
 * credited to the wrong person).
 */
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import { attributionOf, quotesOf } from '../../../app/core/attribution/attribute';
import { isWordsOf } from '../../../app/common/attribution';
import { compare } from '../../../app/core/compare/compare';
import { loadCorpus } from '../../../app/core/corpus';
import { SHIPPED_CORPUS } from '../../helpers/repo';
import { runCli } from '../../helpers/runCli';
import { readSpeeches, speechDocuments } from '../../helpers/sotu';
import { tempDirFor } from '../../helpers/temp';

const words = (side: ReturnType<typeof compare>['pairs'][number]['left'][]) => side.map((u) => u.text).join(' ');

test('Raab against Hunt compares what they said: his reported words in, the journalists’ naming of him and the agency’s background out', async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  const c = compare(docs, 'speaker:"Dominic Raab"', 'speaker:"Jeremy Hunt"', { wholeDocuments: false });
  assert.ok(!c.distinctive.left.some((t) => /^raab$/i.test(t.term)), `"Raab" is not a word Raab used: ${c.distinctive.left.map((t) => t.term).join(', ')}`);
  assert.ok(!c.distinctive.right.some((t) => /^hunt$/i.test(t.term)));
  const left = words([...c.pairs.map((p) => p.left), ...c.onlyLeft]);
  assert.match(left, /22 million pounds/, 'his pledge, reported');
  assert.match(left, /the funding would go to national cyber response teams/, 'what he said, reported');
  assert.doesNotMatch(left, /Russia, which denied involvement/, 'the agency’s background is not his');
  assert.ok(c.left.speakerWords && c.left.wordsLeftOut.narration > 0, 'the words left out are counted');
  // The switch: whole documents count the narration again.
  const whole = compare(docs, 'speaker:"Dominic Raab"', 'speaker:"Jeremy Hunt"', { wholeDocuments: true });
  assert.ok(whole.distinctive.left.some((t) => /^raab$/i.test(t.term)) && !whole.left.speakerWords);
  assert.equal(whole.left.wordCount, c.left.wordCount + c.left.wordsLeftOut.narration + c.left.wordsLeftOut.others + c.left.wordsLeftOut.other);
});

test('the reader’s sentences: “Raab also pledged …” is his reported speech, the background paragraph narration', async () => {
  const doc = (await loadCorpus(SHIPPED_CORPUS)).documents.find((d) => d.meta.id === '2021-05-12-raab-cooperation-independent')!;
  const at = (needle: string) => attributionOf(doc).sentences.find((s) => doc.text.slice(s.start, s.end).includes(needle))!;
  assert.deepEqual([at('Raab also pledged').kind, at('Raab also pledged').speaker], ['reported', 'Dominic Raab']);
  assert.equal(at('Russia, which denied').kind, 'narration');
  assert.equal(at('Raab had met with').kind, 'narration');
});

test('State of the Union: Benjamin Franklin, the Chief Justice and General Mattis are not credited to the wrong people', () => {
  const docs = speechDocuments(readSpeeches());
  const quote = (id: string, start: string) => quotesOf(docs.find((d) => d.meta.id === id)!).find((q) => q.text.startsWith(start))!;
  assert.equal(quote('1987-ronald-reagan', 'I have often looked at that picture').speaker, 'Benjamin Franklin');
  assert.equal(quote('1998-william-j-clinton', 'Judicial vacancies cannot remain').speaker, null, 'the Chief Justice, unnamed: not "United States"');
  assert.match(quote('2017-donald-j-trump', 'Ryan was a part of a highly successful raid').speaker ?? '', /Mattis$/);
});

test('lectern attribute covers every document of the shipped corpus and every State of the Union address, spans in order', async () => {
  const docs = [...(await loadCorpus(SHIPPED_CORPUS)).documents, ...speechDocuments(readSpeeches())];
  for (const d of docs) {
    const a = attributionOf(d);
    assert.equal(a.spans.map((s) => s.text).join(''), d.text, d.meta.id);
    for (let i = 1; i < a.spans.length; i++) assert.equal(a.spans[i].start, a.spans[i - 1].end);
    assert.ok(a.spans.every((s) => ['direct', 'reported', 'narration', 'other'].includes(s.kind) && (s.speaker === null || isWordsOf(s, [s.speaker]))));
  }
});

test('lectern attribute --json, read by jq: the spans joined are the cleaned text, offsets in characters', async (ctx) => {
  const r = await runCli('attribute', '2021-05-12-raab-cooperation-independent', '--corpus', SHIPPED_CORPUS, '--json');
  assert.equal(r.code, 0, r.err);
  const file = path.join(tempDirFor(ctx, 'lectern-attr-'), 'a.json');
  writeFileSync(file, r.out);
  const check = execFileSync('jq', ['-r', '[.spans[] | select(.kind == "reported" and .speaker == "Dominic Raab")] | length', file], { encoding: 'utf8' });
  assert.ok(Number(check) >= 5, check);
  const covers = execFileSync('jq', ['-r', '(.spans | map(.end - .start) | add) == (.spans | map(.text | length) | add)', file], { encoding: 'utf8' }).trim();
  assert.equal(covers, 'true', 'jq counts characters: end − start is each span’s length in code points');
  const text = await runCli('attribute', '2021-05-12-raab-cooperation-independent', '--corpus', SHIPPED_CORPUS);
  assert.match(text.out, /reported · Dominic Raab\s+22 million pounds/);
});
