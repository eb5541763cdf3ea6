/** An import that finds nothing says why and changes nothing (issue 14, 6): never "Imported 0 passage(s)", exit 0. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LecternError } from '../../../app/common/errors';
import { Tagging } from '../../../app/core/annotations/tagging';
import { tempDirFor } from '../../helpers/temp';
import { HUNT, seedDocs } from './helpers';

const w3c = (items: unknown[]) =>
  Buffer.from(JSON.stringify({ '@context': 'http://www.w3.org/ns/anno.jsonld', type: 'AnnotationCollection', first: { items } })).toString('base64');
const target = { source: '2019-03-07-hunt', selector: { type: 'TextQuoteSelector', exact: HUNT.slice(0, 20) } };

test('annotations whose body is a plain IRI (no tag, no note) are refused with the reason; nothing is recorded', async (t) => {
  const tagging = new Tagging(tempDirFor(t), seedDocs());
  await tagging.load();
  const items = [{ type: 'Annotation', body: 'http://example.org/concepts/deterrence', target }];
  await assert.rejects(
    tagging.importTags({ filename: 'iri.json', base64: w3c(items) }),
    (e: unknown) => e instanceof LecternError && e.code === 'bad-import' && /None of the 1 annotation\(s\).*carries a tag or a note/.test(e.message),
  );
  assert.equal(tagging.store.state.annotations.length, 0);
  assert.equal((await tagging.history({})).undoLabel, null);
});

test('a collection with no annotations at all is refused, naming what Lectern reads', async (t) => {
  const tagging = new Tagging(tempDirFor(t), seedDocs());
  await tagging.load();
  await assert.rejects(
    tagging.importTags({ filename: 'empty.json', base64: w3c([]) }),
    /holds no annotations and no tags.*W3C Web Annotation JSON and REFI-QDA \.qdpx/,
  );
});
