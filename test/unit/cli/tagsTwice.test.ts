/** `lectern tags add` is the UI's gesture: the same quote tagged twice is one annotation carrying both tags. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runCli } from '../../helpers/runCli';
import { copyShippedCorpus } from '../../helpers/temp';

const HUNT_ID = '2019-03-07-hunt-cybercrime-deterrence';
const QUOTE = 'National Offensive Cyber Programme';

test('tags add with --tag A, then --tag B, on the same quote leaves one annotation with both tags', async (t) => {
  const corpus = copyShippedCorpus();
  t.after(corpus.cleanup);
  const add = (tag: string) => runCli('tags', 'add', HUNT_ID, '--quote', QUOTE, '--tag', tag, '--corpus', corpus.dir);
  const a = await add('Capabilities');
  assert.equal(a.code, 0, a.err);
  const b = await add('Offence');
  assert.equal(b.code, 0, b.err);
  assert.match(b.out, /which already tagged this text; new tag\(s\): Offence\)/);
  const list = await runCli('tags', 'list', '--json', '--corpus', corpus.dir);
  const rows = JSON.parse(list.out) as { quote: string; tags: string[] }[];
  assert.deepEqual(
    rows.map((r) => [r.quote, [...r.tags].sort()]),
    [[QUOTE, ['Capabilities', 'Offence']]],
  );
  const again = await add('offence');
  assert.equal(again.code, 0, again.err);
  assert.equal(JSON.parse((await runCli('tags', 'list', '--json', '--corpus', corpus.dir)).out).length, 1, 'a tag it already has changes nothing');
});
