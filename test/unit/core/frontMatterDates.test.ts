/** Front matter dates are real calendar dates: an impossible one is a warning (the document loads without it), and is refused when entered. */
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { test } from 'node:test';
import type { MetadataFields } from '../../../app/common/contract';
import { LecternError } from '../../../app/common/errors';
import { loadCorpus } from '../../../app/core/corpus';
import { withService } from '../../helpers/serviceCorpus';
import { withCorpus } from '../../helpers/temp';
import { metadataFields } from '../../helpers/docs';

const doc = (date: string) => `---\ntitle: Dated\ndate: ${date}\n---\n\nSome text.`;

test('an impossible front matter date (2020-13-45, 2021-02-29) is a per-file warning; the document loads without a date', async () => {
  await withCorpus(
    {
      'month.md': doc('2020-13-45'),
      'feb.md': doc('2021-02-29'),
      'timed.md': doc('2021-04-31T10:00:00Z'),
      'leap.md': doc('2020-02-29'),
      'month-only.md': doc('2020-12'),
      'written.md': doc('7 March 2019'),
    },
    async (dir) => {
      const c = await loadCorpus(dir);
      const date = new Map(c.documents.map((d) => [d.meta.id, d.meta.date]));
      assert.deepEqual(Object.fromEntries(date), { feb: '', leap: '2020-02-29', month: '', 'month-only': '2020-12', timed: '', written: '2019-03-07' });
      const why = new Map(c.diagnostics.map((d) => [d.file, d]));
      assert.deepEqual([...why.keys()].sort(), ['feb.md', 'month.md', 'timed.md']);
      assert.equal(why.get('month.md')!.severity, 'warning');
      assert.match(why.get('month.md')!.message, /date "2020-13-45" is not a real date \(there is no month 13\); write it as YYYY-MM-DD/);
      assert.match(why.get('feb.md')!.message, /2021-02 has no day 29/);
      assert.match(why.get('timed.md')!.message, /2021-04 has no day 31/);
    },
  );
});

const meta = (date: string): MetadataFields => metadataFields({ title: 'Dated', date });

test('importCommit and the metadata editor refuse an impossible date with what form is expected; nothing is written', async () => {
  await withService({ 'a.md': doc('2020-01-02') }, async (service, dir) => {
    const refused = (e: LecternError) => {
      assert.ok(e instanceof LecternError);
      assert.equal(e.code, 'bad-request');
      assert.match(e.message, /The date “2020-13-45” is not a real date \(there is no month 13\): write it as YYYY-MM-DD/);
      return true;
    };
    await assert.rejects(service.importCommit({ id: 'new', meta: meta('2020-13-45'), markdown: 'Text.' }), refused);
    assert.equal(existsSync(path.join(dir, 'new.md')), false);
    const before = readFileSync(path.join(dir, 'a.md'), 'utf8');
    await assert.rejects(service.updateMetadata({ id: 'a', meta: meta('2020-13-45') }), refused);
    assert.equal(readFileSync(path.join(dir, 'a.md'), 'utf8'), before);
    await assert.rejects(service.updateMetadata({ id: 'a', meta: meta('next Tuesday') }), /not in the form YYYY-MM-DD/);
    // A real date, or none, is fine.
    await service.updateMetadata({ id: 'a', meta: meta('2020-02-29') });
    await service.importCommit({ id: 'undated', meta: meta(''), markdown: 'Text.' });
  });
});
