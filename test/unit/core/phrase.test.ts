/** Exact phrases: the fast path (one native regex) must find exactly what folding finds. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCorpus } from '../../../app/core/corpus';
import { findPhrase, findPhraseByFolding } from '../../../app/core/phrase';
import { SHIPPED_CORPUS } from '../../helpers/repo';

test('phrases match across case, white space runs and curly quotes, on word boundaries only', () => {
  const text = 'The “Prime  Target”\nof hostile states: Russia’s cyber-attacks (and [others]) cost $5.2bn / year.';
  const at = (s: string): [number, number][] => [[text.indexOf(s), text.indexOf(s) + s.length]];
  assert.deepEqual(findPhrase(text, '"prime target"'), at('“Prime  Target”'));
  assert.deepEqual(findPhrase(text, "russia's cyber-attacks"), at('Russia’s cyber-attacks'));
  assert.deepEqual(findPhrase(text, '(and [others])'), at('(and [others])'));
  assert.deepEqual(findPhrase(text, '$5.2bn / year.'), at('$5.2bn / year.'));
  assert.deepEqual(findPhrase(text, 'prime'), at('Prime'));
  assert.deepEqual(findPhrase(text, 'rim'), [], 'inside a word is not a match');
  assert.deepEqual(findPhrase(text, 'hostile  states'), at('hostile states'));
  assert.deepEqual(findPhrase(text, 'hostile nations'), []);
  // Phrases outside ASCII take the folding path alone.
  assert.deepEqual(findPhrase(text, 'russia’s cyber'), at('Russia’s cyber'));
  assert.deepEqual(findPhrase('ΟΔΟΣ Σοφίας', 'οδος'), [[0, 4]]);
});

test('the regex path finds exactly what folding finds, for every phrase of one to four words cut from the seed corpus', async () => {
  const docs = (await loadCorpus(SHIPPED_CORPUS)).documents;
  const extra = 'He said: "We will respond." Then—after a pause—he added: ‘Secondly, we’ll prosecute (as G20 agreed) … at 9-5.’\nTHE END';
  let compared = 0;
  for (const text of [extra, ...docs.map((d) => d.text)]) {
    const tokens = text.split(/\s+/).filter(Boolean);
    for (let i = 0; i < tokens.length; i += 3) {
      for (let n = 1; n <= 4 && i + n <= tokens.length; n++) {
        const phrase = tokens
          .slice(i, i + n)
          .join(' ')
          .replace(/[“”’‘—…]/g, ''); // keep it ASCII: the regex path
        if (!phrase.trim()) continue;
        for (const p of [phrase, phrase.toUpperCase(), phrase.replace(/"/g, '“')]) {
          assert.deepEqual(findPhrase(text, p), findPhraseByFolding(text, p), `"${p}"`);
          compared++;
        }
      }
    }
  }
  assert.ok(compared > 1000, `${compared} phrases compared`);
});
