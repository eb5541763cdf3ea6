/**
 * `npm run eval`: Lectern's accuracy on the hand-labelled gold set (test/fixtures/gold/): quotation
 * attribution per genre and split, and phrase search. `--mistakes` lists every wrong attribution.
 * Exits 1 when a score is below its floor (the floors npm test holds it to).
 */
import { detection, FLOORS, ownPrecision, ownRecall, precision, recall, scorePhrases, scoreQuotations } from '../test/eval/gold';

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

async function main(): Promise<number> {
  const q = await scoreQuotations();
  console.log('Quotation attribution (gold: test/fixtures/gold/quotations.json)\n');
  console.log(
    `${'category'.padEnd(18)} ${'quotes'.padStart(6)} ${'found'.padStart(7)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}   own words: ${'precision'.padStart(9)} ${'recall'.padStart(7)}`,
  );
  for (const key of ['all', 'news', 'transcript', 'dev', 'test', 'news/dev', 'news/test', 'transcript/dev', 'transcript/test']) {
    const t = q.categories.get(key);
    if (!t) continue;
    console.log(
      `${key.padEnd(18)} ${String(t.gold).padStart(6)} ${pct(detection(t))} ${pct(precision(t)).padStart(9)} ${pct(recall(t))}              ${pct(ownPrecision(t)).padStart(9)} ${pct(ownRecall(t))}`,
    );
  }
  console.log(
    '\nprecision: of the quotations credited to someone, the share credited to the right person; recall: of the quotations\n' +
      "whose speaker the text names, the share credited to them; own words: the same for the document's own speaker.",
  );
  if (process.argv.includes('--mistakes')) {
    console.log('\nMistakes:');
    for (const m of q.mistakes)
      console.log(`  ${m.doc}: “${m.text.slice(0, 70)}” gold ${m.gold ?? '—'}, Lectern ${m.system ?? '—'}${m.cue ? ` (cue “${m.cue}”)` : ''}`);
  }

  const phrases = await scorePhrases();
  console.log('\nPhrase search (gold: test/fixtures/gold/phrases.json)\n');
  console.log(`${'query'.padEnd(40)} ${'corpus'.padEnd(7)} ${'gold'.padStart(5)} ${'shown'.padStart(6)} ${'exact'.padStart(6)}`);
  let phrasesExact = true;
  for (const p of phrases) {
    const ok = p.gold === p.highlighted && p.exact === p.highlighted && Object.keys(p.wrong).length === 0;
    phrasesExact &&= ok;
    console.log(
      `${p.query.padEnd(40)} ${p.corpus.padEnd(7)} ${String(p.gold).padStart(5)} ${String(p.highlighted).padStart(6)} ${String(p.exact).padStart(6)}${ok ? '' : `  WRONG ${JSON.stringify(p.wrong)}`}`,
    );
  }
  const all = q.categories.get('all')!;
  const pass = precision(all) >= FLOORS.quotationPrecision && recall(all) >= FLOORS.quotationRecall && phrasesExact;
  console.log(`\nFloors: quotation precision ≥ ${FLOORS.quotationPrecision}, recall ≥ ${FLOORS.quotationRecall}, phrases exact: ${pass ? 'met' : 'NOT MET'}.`);
  return pass ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (e) => {
    console.error(`eval: ${(e as Error).message}`);
    process.exit(2);
  },
);
