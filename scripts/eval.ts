/**
 * `npm run eval`: Lectern's accuracy on the hand-labelled gold set (test/fixtures/gold/): quotation
 * attribution per genre and split, who is speaking sentence by sentence, and phrase search. `--mistakes`
 * lists every wrong attribution; `--libraries` scores sentence boundaries against NLP libraries' splitters.
 * Exits 1 when a score is below its floor (the floors npm test holds it to).
 */
import { detection, FLOORS, ownPrecision, ownRecall, precision, recall, scorePhrases, scoreQuotations } from '../test/eval/gold';
import {
  scoreBoundaries,
  kindScore,
  narrationCredited,
  othersScore,
  ownScore,
  ratio,
  scoreSentences,
  SENTENCE_FLOORS,
  speakerScore,
  type KindScore,
  type Ratio,
  type Unit,
} from '../test/eval/sentences';

/** The sentence-level table: precision and recall per kind, for the speaker named, and for the documents' own speakers' words. */
async function printSentences(): Promise<boolean> {
  const r = await scoreSentences();
  const cell = (x: Ratio) => `${pct(ratio(x))} ${`(${x.right}/${x.of})`.padEnd(11)}`;
  const row = (name: string, s: KindScore) => `  ${name.padEnd(22)} ${cell(s.precision)} ${cell(s.recall)}`;
  console.log('\nWho is speaking, sentence by sentence (gold: test/fixtures/gold/sentences/, SENTENCES.md)');
  console.log(
    `${r.units.length} units (sentences outside quotation marks, and quotations); ${r.removed} gold sentences removed by cleaning; sentence boundaries: ${r.boundaries.shared} of ${r.boundaries.gold} gold found (${r.boundaries.system} system sentences)`,
  );
  const groups: [string, (u: Unit) => boolean][] = [
    ['news, dev + test', (u) => u.genre === 'news' && !u.fresh],
    ['news, held-out (test)', (u) => u.genre === 'news' && u.split === 'test' && !u.fresh],
    ['news, fresh held-out', (u) => u.genre === 'news' && u.fresh],
    ['transcripts, dev + test', (u) => u.genre === 'transcript' && !u.fresh],
    ['transcripts, held-out (test)', (u) => u.genre === 'transcript' && u.split === 'test' && !u.fresh],
    ['transcripts, fresh held-out', (u) => u.genre === 'transcript' && u.fresh],
  ];
  for (const [name, keep] of groups) {
    const us = r.units.filter(keep);
    console.log(`\n${name} (${us.length} units)          precision            recall`);
    for (const k of ['direct', 'reported', 'narration', 'other']) console.log(row(k, kindScore(us, k)));
    console.log(row('speaker named', speakerScore(us)));
    console.log(row("own speakers' words", ownScore(us)));
    if (name.startsWith('transcripts')) console.log(row("others' quotations", othersScore(us)));
    const n = narrationCredited(us);
    if (n.of) console.log(`  narration credited to a speaker at confidence ≥ 0.9: ${cell(n)}`);
  }
  // The floors hold on the gold set the rules were developed with; the fresh set reports how they generalise.
  const news = r.units.filter((u) => u.genre === 'news' && !u.fresh);
  const transcripts = r.units.filter((u) => u.genre === 'transcript' && !u.fresh);
  const own = ownScore(news);
  const others = othersScore(transcripts);
  const checks: [string, boolean][] = [
    [`news own words precision ≥ ${SENTENCE_FLOORS.ownPrecision}`, ratio(own.precision) >= SENTENCE_FLOORS.ownPrecision],
    [`news own words recall ≥ ${SENTENCE_FLOORS.ownRecall}`, ratio(own.recall) >= SENTENCE_FLOORS.ownRecall],
    [`narration credited ≤ ${SENTENCE_FLOORS.narrationCredited} (fresh set included)`, ratio(narrationCredited(r.units)) <= SENTENCE_FLOORS.narrationCredited],
    [`transcripts: others' quotations precision ≥ ${SENTENCE_FLOORS.othersPrecision}`, ratio(others.precision) >= SENTENCE_FLOORS.othersPrecision],
    [`transcripts: others' quotations recall ≥ ${SENTENCE_FLOORS.othersRecall}`, ratio(others.recall) >= SENTENCE_FLOORS.othersRecall],
  ];
  console.log('\nTargets:');
  for (const [what, ok] of checks) console.log(`  ${ok ? 'met    ' : 'NOT MET'} ${what}`);
  return checks.every(([, ok]) => ok);
}

const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);

async function main(): Promise<number> {
  const q = await scoreQuotations();
  console.log('Quotation attribution (gold: test/fixtures/gold/quotations.json)\n');
  console.log(
    `${'category'.padEnd(18)} ${'quotes'.padStart(6)} ${'found'.padStart(7)} ${'precision'.padStart(9)} ${'recall'.padStart(7)}   own words: ${'precision'.padStart(9)} ${'recall'.padStart(7)}`,
  );
  for (const key of [
    'all',
    'news',
    'transcript',
    'dev',
    'test',
    'news/dev',
    'news/test',
    'transcript/dev',
    'transcript/test',
    'fresh',
    'news/fresh',
    'transcript/fresh',
  ]) {
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
  const sentencesPass = await printSentences();
  if (process.argv.includes('--libraries')) {
    console.log('\nSentence boundaries: Lectern against NLP libraries (gold sentence starts)');
    for (const b of await scoreBoundaries())
      console.log(
        `  ${b.splitter.padEnd(24)} precision ${pct(ratio(b.precision))}  recall ${pct(ratio(b.recall))}  (${b.recall.right} of ${b.recall.of}; ${b.ms} ms)`,
      );
  }
  const pass = precision(all) >= FLOORS.quotationPrecision && recall(all) >= FLOORS.quotationRecall && phrasesExact && sentencesPass;
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
