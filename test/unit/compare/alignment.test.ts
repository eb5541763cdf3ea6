import assert from 'node:assert/strict';
import { test } from 'node:test';
import { alignPassages } from '../../../app/core/compare/alignment';
import { compare } from '../../../app/core/compare/compare';
import { contentTerms } from '../../../app/core/analysis/terms';
import { makeDoc } from '../../helpers/docs';
import { HUNT, RAAB_AP, seedDocuments } from './helpers';

const opts = { threshold: 0.15, maxPartners: 3 };

test('passages about the same thing pair up; a passage with no counterpart stays on its own side', () => {
  const left = ['Farmers need rain for the wheat harvest.', 'The navy launched two new ships.', 'Taxes on imported steel will rise.'].map((t) =>
    contentTerms(t),
  );
  const right = ['New ships joined the navy this spring.', 'A poor wheat harvest worries farmers.', 'Schools will open later in September.'].map((t) =>
    contentTerms(t),
  );
  const a = alignPassages(left, right, opts);
  const best = a.pairs.filter((p) => p.bestForLeft).map((p) => [p.left, p.right]);
  assert.deepEqual(best, [
    [0, 1],
    [1, 0],
  ]);
  assert.deepEqual(a.onlyLeft, [2]);
  assert.deepEqual(a.onlyRight, [2]);
  const wheat = a.pairs.find((p) => p.left === 0)!;
  assert.deepEqual([...wheat.sharedStems].sort(), ['farmer', 'harvest', 'wheat']);
  assert.ok(wheat.score > 0.15 && wheat.score <= 1);
});

test('identical passages score 1 and the threshold decides what pairs', () => {
  const same = contentTerms('Cyber security of elections.');
  assert.equal(alignPassages([same], [contentTerms('Cyber security of elections.')], opts).pairs[0].score, 1);
  const loose = [contentTerms('Cyber security of elections and trade and farming and fishing.')];
  const other = [contentTerms('Cyber diplomacy, sanctions and law.')];
  const low = alignPassages(loose, other, { threshold: 0.01, maxPartners: 3 });
  assert.equal(low.pairs.length, 1);
  const high = alignPassages(loose, other, { threshold: 0.9, maxPartners: 3 });
  assert.equal(high.pairs.length, 0);
  assert.deepEqual(high.onlyLeft, [0]);
});

test('each passage keeps at most maxPartners partners, the best first', () => {
  const left = [contentTerms('gold silver copper')];
  const right = ['gold silver copper', 'gold silver', 'gold', 'gold tin'].map((t) => contentTerms(t));
  const a = alignPassages(left, right, { threshold: 0.01, maxPartners: 2 });
  const ofLeft = a.pairs.filter((p) => p.left === 0);
  // pairs include each right passage's own best partner too, so all four appear; the left keeps two
  assert.deepEqual(
    ofLeft.filter((p) => p.bestForLeft).map((p) => p.right),
    [0],
  );
  assert.ok(ofLeft[0].score >= ofLeft[1].score);
  assert.equal(
    a.pairs.every((p, i) => i === 0 || a.pairs[i - 1].score >= p.score),
    true,
  );
});

test('the cap holds: a passage like four others keeps maxPartners of them when each has a better partner elsewhere', () => {
  const names = ['alpha', 'bravo', 'charlie', 'delta'];
  // L0 shares "gold" with every right passage; each right passage has its own twin on the left.
  const left = [contentTerms('gold silver copper'), ...names.map((n) => contentTerms(`${n} ${n}`))];
  const right = names.map((n) => contentTerms(`gold ${n} ${n}`));
  const partnersOfL0 = (maxPartners: number) => alignPassages(left, right, { threshold: 0.01, maxPartners }).pairs.filter((p) => p.left === 0);
  assert.equal(partnersOfL0(4).length, 4, 'all four are similar enough');
  assert.equal(partnersOfL0(1).length, 1, 'its own best only: no right passage counts it among its best');
});

test("seed corpus: Raab's and Hunt's passages on interference in elections pair up, shared terms marked", async () => {
  const docs = await seedDocuments();
  const c = compare(docs, 'speaker:Dominic Raab', 'speaker:Jeremy Hunt', { wholeDocuments: true });
  const elections = c.pairs.find((p) => p.left.text.includes('“prime target” for interference'));
  assert.ok(elections, "the AP report's election passage pairs with a Hunt passage");
  assert.equal(elections.left.docId, RAAB_AP);
  assert.equal(elections.right.docId, HUNT);
  assert.match(elections.right.text, /^He referenced instances of cybercriminals compromising elections/);
  assert.ok(elections.bestForLeft && elections.bestForRight);
  const stems = elections.sharedTerms.map((t) => t.stem);
  for (const s of ['elect', 'interfer', 'democrat']) assert.ok(stems.includes(s), s);
  const doc = (id: string) => docs.find((d) => d.meta.id === id)!;
  for (const t of elections.sharedTerms) {
    for (const [s, e] of t.left) assert.equal(doc(RAAB_AP).text.slice(s, e).toLowerCase().startsWith(t.stem.slice(0, 4)), true);
    for (const [s, e] of t.right) assert.ok(s >= elections.right.start && e <= elections.right.end);
  }
  assert.deepEqual(
    elections.sharedTerms.find((t) => t.stem === 'elect')!.right.map(([s, e]) => doc(HUNT).text.slice(s, e)),
    ['elections', 'elections'],
  );
  // Raab's pledge of £22 million has no counterpart in Hunt's speech; Hunt's "Thirdly, … prosecute" none in Raab's.
  assert.ok(c.onlyLeft.some((r) => r.text.startsWith('Raab also pledged 22 million pounds')));
  assert.ok(c.onlyRight.some((r) => r.text.startsWith('“Thirdly, we will aim to prosecute')));
  assert.ok(!c.pairs.some((p) => p.left.text.startsWith('Raab also pledged 22 million pounds')));
});

test('seed corpus: the two Raab reports line up what each outlet kept', async () => {
  const docs = await seedDocuments();
  const c = compare(docs, '2021-05-12-raab-international-coalition', RAAB_AP);
  const pledge = c.pairs.find((p) => p.left.text.startsWith('Raab announced an investment program of 22 million pounds'));
  assert.ok(pledge);
  assert.match(pledge.right.text, /^Raab also pledged 22 million pounds/);
  assert.ok(pledge.bestForLeft && pledge.bestForRight);
  // Only the web report mentions Huawei; only the AP one the COVID-19 vaccine attacks' wording, etc.
  assert.ok(c.onlyLeft.some((r) => r.text.includes('Huawei')));
});

test('hand-made documents: comparing two documents gives refs with offsets into each text', () => {
  const a = makeDoc('a', ['The harvest of wheat failed in the north.', 'Parliament debated the budget.']);
  const b = makeDoc('b', ['Storms ruined the wheat harvest in the north.', 'Football scores from the weekend.']);
  const c = compare([a, b], 'a', 'b');
  assert.equal(c.pairs.length, 1);
  const p = c.pairs[0];
  assert.deepEqual([p.left.docId, p.left.passageId, p.left.start, p.left.end], ['a', 'a-p0', 0, a.passages[0].end]);
  assert.equal(b.text.slice(p.right.start, p.right.end), p.right.text);
  assert.deepEqual(
    c.onlyLeft.map((r) => r.passageId),
    ['a-p1'],
  );
  assert.deepEqual(
    c.onlyRight.map((r) => r.passageId),
    ['b-p1'],
  );
});
