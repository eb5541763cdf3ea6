/**
 * A team corpus exported with every coder (issue 17, part 2): two coders' annotations in PostgreSQL
 * go out as a .qdpx (each coder a User, each coding its creatingUser) and as W3C (creator), and a
 * single-user Lectern importing the file gets both coders' layers, at the same places.
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { unzipSync, strFromU8 } from 'fflate';
import { loadCorpus } from '../../../app/core/corpus';
import { Tagging } from '../../../app/core/annotations/tagging';
import { describeRange } from '../../../app/core/annotations/reanchor';
import { createAccount, createTag, exportTeamCorpus, putAnnotation } from '../../../app/team';
import { postgresForTests } from '../../helpers/postgres';
import { freshTeamStore } from '../../helpers/teamStore';
import { copyShippedCorpus } from '../../helpers/temp';

const pg = postgresForTests({ before, after });

test('a team corpus exports every coder to .qdpx and W3C, and a local Lectern imports both layers', async (t) => {
  const store = await freshTeamStore(pg, t);
  if (!store) return;
  const { db } = store;
  const local = copyShippedCorpus();
  t.after(local.cleanup);
  const corpus = await loadCorpus(local.dir);
  const doc = corpus.documents.find((d) => d.meta.id.includes('hunt'))!;
  const [ada, bea] = await Promise.all([
    createAccount(db, { name: 'Ada', role: 'coder', password: 'ada password' }),
    createAccount(db, { name: 'Bea', role: 'coder', password: 'bea password' }),
  ]);
  const crime = await createTag(db, ada, { name: 'Crime', color: '#d62728' });
  const at = (start: number, end: number) => ({ document: doc.meta.id, quote: describeRange(doc.text, start, end), start, end });
  await putAnnotation(db, ada, { ...at(0, 40), tagIds: [crime.id], note: 'Ada’s memo' });
  await putAnnotation(db, bea, { ...at(0, 40), tagIds: [crime.id], note: '' });
  await putAnnotation(db, bea, { ...at(200, 260), tagIds: [crime.id], note: '' });

  const qdpx = await exportTeamCorpus(db, { name: 'team', documents: corpus.documents }, 'qdpx');
  const project = strFromU8(unzipSync(Buffer.from(qdpx.base64, 'base64'))['project.qde']);
  const users = [...project.matchAll(/<User guid="([^"]+)" name="([^"]+)"/g)].map((m) => [m[2], m[1]]);
  // Lectern's own User (the project's creator, and the author of codings with no coder) and one per coder.
  assert.deepEqual(
    users.map(([name]) => name),
    ['Lectern', 'Ada', 'Bea'],
  );
  const guid = Object.fromEntries(users);
  const codings = [...project.matchAll(/<Coding [^>]*creatingUser="([^"]+)"/g)].map((m) => m[1]);
  assert.deepEqual(codings.sort(), [guid.Ada, guid.Bea, guid.Bea].sort());

  // Imported by someone else's Lectern: both layers, by coder, at the places the team coded.
  const tagging = new Tagging(local.dir, { documents: () => corpus.documents, get: (id) => corpus.documents.find((d) => d.meta.id === id) }, { coder: 'Cleo' });
  await tagging.load();
  await tagging.importTags({ filename: 'team.qdpx', base64: qdpx.base64 });
  const views = await tagging.annotations({});
  assert.deepEqual(views.map((v) => [v.coder, v.start, v.end, v.note]).sort(), [
    ['Ada', 0, 40, 'Ada’s memo'],
    ['Bea', 0, 40, ''],
    ['Bea', 200, 260, ''],
  ]);

  const w3c = JSON.parse(Buffer.from((await exportTeamCorpus(db, { name: 'team', documents: corpus.documents }, 'w3c')).base64, 'base64').toString('utf8'));
  const creators = w3c.first.items.map((a: { creator?: { name: string } }) => a.creator?.name);
  assert.deepEqual(creators.sort(), ['Ada', 'Bea', 'Bea']);
});
