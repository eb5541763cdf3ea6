/** The accuracy suite (npm run eval) held to its floors: quotation attribution and exact phrase hits on the gold set. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { detection, FLOORS, precision, recall, scorePhrases, scoreQuotations } from '../eval/gold';

test(`quotation attribution on the gold set: precision ≥ ${FLOORS.quotationPrecision}, recall ≥ ${FLOORS.quotationRecall}`, async () => {
  const { categories, mistakes } = await scoreQuotations();
  const all = categories.get('all')!;
  const why = mistakes.map((m) => `${m.doc}: “${m.text.slice(0, 50)}” gold ${m.gold}, Lectern ${m.system}`).join('\n');
  assert.ok(all.gold >= 60, 'the gold set has at least 60 quotations');
  assert.ok(precision(all) >= FLOORS.quotationPrecision, `precision ${precision(all)}\n${why}`);
  assert.ok(recall(all) >= FLOORS.quotationRecall, `recall ${recall(all)}\n${why}`);
  assert.ok(detection(all) >= 0.95, `quotations found ${detection(all)}`);
  // Transcripts: what Lectern credits to the speaker is the speaker's (the Obama "own words" symptom).
  const t = categories.get('transcript')!;
  assert.ok(t.own === t.ownRight, `${t.own - t.ownRight} transcript quotation(s) wrongly credited to the speaker`);
});

test('phrase search on the gold set: every highlight is an occurrence of the phrase, every occurrence is highlighted', async () => {
  for (const p of await scorePhrases()) {
    assert.deepEqual(p.wrong, {}, `${p.query}: per-document [gold, highlighted]`);
    assert.equal(p.highlighted, p.gold, p.query);
    assert.equal(p.exact, p.highlighted, `${p.query}: a highlight that is not the phrase`);
  }
});
