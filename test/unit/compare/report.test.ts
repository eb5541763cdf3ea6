import assert from 'node:assert/strict';
import { test } from 'node:test';
import { compare } from '../../../app/core/compare/compare';
import { comparisonReport, escapeMd } from '../../../app/core/compare/report';
import { makeDoc } from '../../helpers/docs';
import { HUNT, seedDocuments } from './helpers';

test('the Markdown report has aligned pairs, distinctive terms and quotations, each cited', async () => {
  const docs = await seedDocuments();
  const md = comparisonReport(compare(docs, 'speaker:Dominic Raab', 'speaker:Jeremy Hunt', { wholeDocuments: true }), docs);
  assert.match(md, /^# Comparison: Dominic Raab and Jeremy Hunt\n/);
  // The second pair (0.18) shares "when", "operating", "not", "countries": "when" and "not" are not on the built-in stop list.
  assert.match(md, /## Aligned passages \(2\)/);
  assert.match(md, /> He said \*\*elections\*\* had become a “prime target” for \*\*interference\*\*/);
  assert.match(
    md,
    /> — Dominic Raab, 2021-05-12, The Independent, \*UK foreign secretary calls for cooperation on cybersecurity\* \(`2021-05-12-raab-cooperation-independent`\)/,
  );
  assert.match(md, new RegExp(`> — Jeremy Hunt, 2019-03-07, Defence Online, \\*Foreign Secretary outlines cybercrime deterrence\\* \\(\`${HUNT}\`\\)`));
  assert.match(md, /## Only in Jeremy Hunt \(9\)/); // 11 passages, 2 of them paired
  // 10 uses against none in 675 and 372 running words ("U.K." and "U.S." are one word each): E1 = 675·10/1047 = 6.447,
  // G² = 2·10·ln(10/6.447) = 8.78; log ratio = log2((10/675)/(0.5/372)) = 3.46.
  assert.match(md, /\| Raab \| raab \| 8\.78 \| 3\.46 \| 10 \| 0 \| yes \|/);
  assert.match(md, /### Used by both/);
  assert.match(md, /### Jeremy Hunt: own words \(7\)\n\n- “Last October, Britain helped secure/);
  assert.match(md, /- “These actors are the industrial scale saboteurs .*” — Dominic Raab, 2021-05-12, Unknown \(web aggregator\)/);
});

test('corpus text cannot inject Markdown markup into the report', () => {
  assert.equal(escapeMd('*bold* [link](x) <b>#'), '\\*bold\\* \\[link\\](x) \\<b\\>\\#');
  const a = makeDoc('a', ['Wheat *harvest* <script>x</script> failed.'], { speakers: ['Ann Lee'] });
  const b = makeDoc('b', ['The wheat harvest failed again.'], { speakers: ['Bob Ray'] });
  const md = comparisonReport(compare([a, b], 'a', 'b'), [a, b]);
  assert.ok(!md.includes('<script>'));
  assert.match(md, /\\\*\*\*harvest\*\*\\\*/);
});
