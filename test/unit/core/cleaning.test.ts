import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadCorpus } from '../../../app/core/corpus';
import { writeMarkedParagraphs } from '../../../app/core/corpusConfig';
import { SHIPPED_CORPUS } from '../../helpers/repo';
import { withCorpus } from '../../helpers/temp';

const BOILERPLATE = [
  'Leave a Reply',
  'Your email address will not be published',
  'See also',
  'warmest New Year',
  'Your support helps us to tell the story',
  'Your donation allows us',
  'paywalls',
  'Your support makes all the difference',
  'If you would like to join our community',
  'appeared first on Defence Online',
  'Who are we?',
  'Tracker solution',
  'Download your Free UK Defence Industry Report',
  'Get SAAS-Y This Summer',
  'sales team',
  'Start Your Free Trial Today',
  'Limited time only',
];

test('no boilerplate sentence of the seed articles survives cleaning', async () => {
  const c = await loadCorpus(SHIPPED_CORPUS);
  for (const doc of c.documents) {
    for (const phrase of BOILERPLATE) assert.ok(!doc.text.toLowerCase().includes(phrase.toLowerCase()), `${doc.meta.id} still contains "${phrase}"`);
  }
});

test('cleaning keeps the article and records what it removed, with the rule', async () => {
  const c = await loadCorpus(SHIPPED_CORPUS);
  const ind = c.documents.find((d) => d.meta.id === '2021-05-12-raab-cooperation-independent')!;
  // The plea is glued to the first sentence of the article; the sentence survives whole.
  assert.ok(ind.text.includes('U.K. Foreign Secretary Dominic Raab on Wednesday urged global cooperation'));
  assert.ok(ind.removed.some((r) => r.rule === 'donation-plea-run' && r.text.startsWith('Your support helps us')));
  assert.ok(ind.removed.some((r) => r.rule === 'title-echo'));
  const hunt = c.documents.find((d) => d.meta.id.includes('hunt'))!;
  assert.ok(hunt.text.endsWith('preventing and responding to criminal activity.'));
  assert.ok(hunt.removed.some((r) => r.rule === 'appeared-first'));
  const coalition = c.documents.find((d) => d.meta.id.includes('coalition'))!;
  assert.ok(coalition.removed.some((r) => r.rule === 'see-also'));
  assert.ok(coalition.removed.some((r) => r.rule === 'comment-form' && r.text === 'Leave a Reply'));
  assert.ok(coalition.text.includes('Raab announced an investment program of 22 million pounds'));
});

test('a corpus extends the rules and disables defaults in .lectern/cleaning-rules.json', async () => {
  await withCorpus(
    {
      'a.md': 'Real text.\n\nSponsored: buy our product.\n\nSee also: more things',
      '.lectern/cleaning-rules.json': JSON.stringify({
        rules: [{ id: 'sponsored', description: 'Sponsored copy', pattern: '^Sponsored:', action: 'drop' }],
        disable: ['see-also'],
      }),
    },
    async (dir) => {
      const c = await loadCorpus(dir);
      assert.equal(c.documents[0].text, 'Real text.\n\nSee also: more things');
      assert.deepEqual(
        c.documents[0].removed.map((r) => r.rule),
        ['sponsored'],
      );
    },
  );
});

test('a broken rule file or pattern is a diagnostic; the defaults still apply', async () => {
  await withCorpus(
    {
      'a.md': 'The text of the article, long enough to be most of the document.\n\nLeave a Reply\n\nComment',
      '.lectern/cleaning-rules.json': JSON.stringify({ rules: [{ id: 'bad', pattern: '([', action: 'drop' }] }),
    },
    async (dir) => {
      const c = await loadCorpus(dir);
      assert.match(c.diagnostics[0].message, /invalid pattern/);
      assert.equal(c.documents[0].text, 'The text of the article, long enough to be most of the document.');
    },
  );
});

test('paragraphs marked as boilerplate are removed wherever they appear identically', async () => {
  await withCorpus({ 'a.md': 'Keep this.\n\nFollow us   for more.', 'b.md': 'Other text.\n\nfollow us for more.' }, async (dir) => {
    await writeMarkedParagraphs(dir, [{ text: 'Follow us for more.', docId: 'a', markedAt: new Date().toISOString() }]);
    const c = await loadCorpus(dir);
    for (const d of c.documents) {
      assert.ok(!d.text.toLowerCase().includes('follow us'), d.meta.id);
      assert.deepEqual(
        d.removed.map((r) => r.rule),
        ['user'],
      );
    }
  });
});
