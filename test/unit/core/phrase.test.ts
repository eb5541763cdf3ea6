/** Exact phrases: the native-regex probe must never rule out a passage the folded comparison would match. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { findPhrase } from '../../../app/core/phrase';

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

test('the probe agrees with the folded comparison on every phrase cut from a text', () => {
  const text = 'He said: "We will respond." Then—after a pause—he added: ‘Secondly, we’ll prosecute (as G20 agreed) … at 9-5.’\nTHE END';
  const tokens = text.split(/\s+/);
  for (let i = 0; i < tokens.length; i++) {
    for (let n = 1; n <= 3 && i + n <= tokens.length; n++) {
      const phrase = tokens.slice(i, i + n).join(' ');
      const spans = findPhrase(text, phrase.toUpperCase());
      const plain = findPhrase(text, phrase);
      assert.deepEqual(spans, plain, `case of "${phrase}"`);
      assert.ok(plain.length > 0 || !/^[\p{L}\p{N}].*[\p{L}\p{N}]$/u.test(phrase), `"${phrase}" is found in the text it was cut from`);
    }
  }
});
