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
import { createAccount, TeamStore, teamTagging } from '../../../app/team';
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
  const docs = { documents: () => corpus.documents, get: (id: string) => corpus.documents.find((d) => d.meta.id === id) };
  const team = new TeamStore(db);
  const [adaTags, beaTags] = [ada, bea].map((who) => teamTagging(team, local.dir, docs, who));
  const crime = await adaTags.createTag({ name: 'Crime', color: '#d62728' });
  const at = (start: number, end: number) => ({ docId: doc.meta.id, start, end, tagIds: [crime.id] });
  await adaTags.tagRange({ ...at(0, 40), note: 'Ada’s memo' });
  await beaTags.tagRange(at(0, 40));
  await beaTags.tagRange(at(200, 260));

  // Anyone's view of the team exports everyone (a viewer's too: exports read, they write nothing).
  const qdpx = await beaTags.exportTags({ format: 'qdpx' });
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
  const tagging = new Tagging(local.dir, docs, { coder: 'Cleo' });
  await tagging.load();
  await tagging.importTags({ filename: 'team.qdpx', base64: qdpx.base64 });
  const views = await tagging.annotations({});
  assert.deepEqual(views.map((v) => [v.coder, v.start, v.end, v.note]).sort(), [
    ['Ada', 0, 40, 'Ada’s memo'],
    ['Bea', 0, 40, ''],
    ['Bea', 200, 260, ''],
  ]);

  const w3c = JSON.parse(Buffer.from((await adaTags.exportTags({ format: 'w3c' })).base64, 'base64').toString('utf8'));
  const creators = w3c.first.items.map((a: { creator?: { name: string } }) => a.creator?.name);
  assert.deepEqual(creators.sort(), ['Ada', 'Bea', 'Bea']);
});
