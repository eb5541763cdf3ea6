/**
 * Undo takes back the user's own step and nothing else: a step whose passage or code was changed again
 * since by another window is refused with a message and taken off the list (the steps under it still
 * undo); re-anchoring, which moves passages without changing anyone's work, does not count as a change.
 */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LecternError } from '../../../app/common/errors';
import { Tagging } from '../../../app/core/annotations/tagging';
import { tempDirFor } from '../../helpers/temp';
import { Docs, speechMeta } from './helpers';
import { makeDoc } from '../../helpers/docs';

const TEXT = 'First paragraph about deterrence.\n\nSecond paragraph about elections and trust.';
const docsOf = () => new Docs([makeDoc('d', TEXT, speechMeta('d'))]);
const range = (quote: string) => ({ docId: 'd', start: TEXT.indexOf(quote), end: TEXT.indexOf(quote) + quote.length });

test('a step changed again in another window is not undone over it; it leaves the list, the one under it undoes', async (t) => {
  const dir = tempDirFor(t);
  const mine = new Tagging(dir, docsOf());
  const other = new Tagging(dir, docsOf());
  await mine.tagRange({ ...range('deterrence'), newTags: ['Deterrence'] });
  const tagged = await mine.tagRange({ ...range('elections'), newTags: ['Elections'], note: 'mine' });
  await other.updateAnnotation({ id: tagged.annotation.id, note: 'the other window’s note' });

  const e = await mine.undo({}).then(
    () => assert.fail('expected a refusal'),
    (err: unknown) => err as LecternError,
  );
  assert.equal(e.code, 'conflict');
  assert.match(e.message, /^“tagged “elections” with ‘Elections’.*” cannot be undone: the passage “elections” was changed again since/);
  assert.equal((await mine.annotations({})).find((a) => a.id === tagged.annotation.id)?.note, 'the other window’s note');
  assert.match((await mine.history({})).undoLabel ?? '', /^Undo: tagged “deterrence”/);
  await mine.undo({});
  assert.deepEqual(
    (await mine.annotations({})).map((a) => a.quote),
    ['elections'],
  );
});

test('re-anchoring after the text changed does not stop an undo', async (t) => {
  const docs = docsOf();
  const tagging = new Tagging(tempDirFor(t), docs);
  await tagging.tagRange({ ...range('elections'), newTags: ['Elections'] });
  docs.setText('d', `A new opening paragraph.\n\n${TEXT}`);
  await tagging.reanchorAll();
  assert.equal((await tagging.annotations({}))[0].start, `A new opening paragraph.\n\n${TEXT}`.indexOf('elections'));
  await tagging.undo({});
  assert.deepEqual(await tagging.annotations({}), []);
});
