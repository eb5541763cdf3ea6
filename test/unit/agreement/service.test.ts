/** Agreement, disagreements and co-occurrence through the real service, on a small corpus coded by three coders (helpers.ts), checked against hand-worked numbers. */
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { AgreementMeasures } from '../../../app/common/agreement';
import { makeDispatch } from '../../../app/service/dispatch';
import { withService } from '../../helpers/serviceCorpus';
import { codeCorpus, FILES, round3 } from './helpers';

const values = (m: AgreementMeasures) => Object.fromEntries(Object.entries(m).map(([k, v]) => [k, round3(v.value)]));

test('passage agreement, every coder: coders missing where they coded nothing, Cohen undefined for three, alpha hand-worked', async () => {
  await withService(FILES, async (service, dir) => {
    const { economy, crime } = await codeCorpus(service, dir);
    const r = await service.agreement({});
    assert.equal(r.unit, 'passage');
    assert.deepEqual(r.coders, ['Alice', 'Bob', 'Carol']);
    // c was coded by nobody; a by Alice and Bob (Carol missing), b by Alice and Carol (Bob missing).
    assert.deepEqual(r.documents, ['a', 'b']);
    const e = r.codes.find((c) => c.tagId === economy)!;
    const c = r.codes.find((x) => x.tagId === crime)!;
    // Economy (Alice, Bob | Alice, Carol): aP0 1,1  aP1 0,1  aP2 1,0  bP0 1,0  bP1 0,0 → 2 of 5 agree.
    // alpha: n = 10 values, five 1s and five 0s, 3 disagreeing units × 2 coincidences = 6; 1 − 9·6/(100 − 25 − 25) = −0.08.
    assert.deepEqual(values(e.measures), { percentAgreement: 0.4, cohenKappa: null, fleissKappa: null, krippendorffAlpha: -0.08 });
    assert.equal(e.units, 5);
    assert.deepEqual(e.applied, { Alice: 3, Bob: 2, Carol: 0 });
    assert.match(e.measures.cohenKappa.reason!, /exactly two coders; 3 were chosen/);
    assert.match(e.measures.fleissKappa.reason!, /no unit was coded by every chosen coder/);
    // Crime: aP1 1,1; bP1 0,1 (Alice, Carol); the rest 0,0 → 4 of 5; three 1s, seven 0s, 2 coincidences; 1 − 9·2/(100 − 9 − 49) = 0.571.
    assert.deepEqual(values(c.measures), { percentAgreement: 0.8, cohenKappa: null, fleissKappa: null, krippendorffAlpha: 0.571 });
    // Pooled: 10 units, 20 values: eight 1s, twelve 0s, 8 coincidences; 1 − 19·8/(400 − 64 − 144) = 0.208.
    assert.deepEqual(values(r.overall.pooled), { percentAgreement: 0.6, cohenKappa: null, fleissKappa: null, krippendorffAlpha: 0.208 });
    assert.equal(r.overall.units, 10);
    assert.deepEqual(Object.fromEntries(Object.entries(r.overall.mean).map(([k, v]) => [k, round3(v)])), {
      percentAgreement: 0.6,
      cohenKappa: null,
      fleissKappa: null,
      krippendorffAlpha: round3((-0.08 + (1 - 18 / 42)) / 2),
    });
    assert.deepEqual(r.notes, []);
  });
});

test('two coders by passage and by character: Cohen, Fleiss and alpha, hand-worked', async () => {
  await withService(FILES, async (service, dir) => {
    const { economy, crime } = await codeCorpus(service, dir);
    const byPassage = await service.agreement({ coders: ['Alice', 'Bob'] });
    // b is Alice's only (Bob missing): its passages are not pairable; a's three are.
    assert.deepEqual(byPassage.documents, ['a', 'b']);
    const e = byPassage.codes.find((c) => c.tagId === economy)!;
    // Economy on a: 1,1  0,1  1,0: p_o 1/3, each coder 2/3 applied, p_e 5/9, kappa (1/3 − 5/9)/(4/9) = −0.5; Fleiss the same.
    // alpha: six values, four 1s, two 0s, 4 coincidences: 1 − 5·4/(36 − 16 − 4) = −0.25.
    assert.deepEqual(values(e.measures), { percentAgreement: 0.333, cohenKappa: -0.5, fleissKappa: -0.5, krippendorffAlpha: -0.25 });
    assert.equal(e.units, 3);
    // Crime: both applied it to aP1 only: perfect agreement, kappa and alpha 1.
    assert.deepEqual(values(byPassage.codes.find((c) => c.tagId === crime)!.measures), {
      percentAgreement: 1,
      cohenKappa: 1,
      fleissKappa: 1,
      krippendorffAlpha: 1,
    });

    const byChar = await service.agreement({ coders: ['Alice', 'Bob'], unit: 'char', codes: [economy] });
    assert.deepEqual(
      byChar.codes.map((c) => c.tagId),
      [economy],
    );
    const ec = byChar.codes[0];
    // Economy on a's 92 characters: both 12 ([4,16)); Bob only 4 + 5 + 10 = 19; Alice only 13 ([74,87)); neither 48.
    assert.equal(ec.units, 92);
    assert.deepEqual(ec.applied, { Alice: 25 + 10, Bob: 31 });
    const pe = (25 * 31 + 67 * 61) / 92 ** 2;
    assert.deepEqual(values(ec.measures), {
      percentAgreement: round3(60 / 92),
      cohenKappa: round3((60 / 92 - pe) / (1 - pe)),
      fleissKappa: round3((60 / 92 - (56 ** 2 + 128 ** 2) / 184 ** 2) / (1 - (56 ** 2 + 128 ** 2) / 184 ** 2)),
      // n = 184 values: 56 ones, 128 zeros; 2·(19 + 13) = 64 coincidences; 1 − 183·64/(184² − 56² − 128²) = 0.183.
      krippendorffAlpha: 0.183,
    });
  });
});

test('disagreements: per code the character ranges where the coders differ, with each side’s annotation ids', async () => {
  await withService(FILES, async (service, dir) => {
    const { economy, crime, ids } = await codeCorpus(service, dir);
    const r = await service.disagreements({ coders: ['Alice', 'Bob'] });
    const spans = (tagId: string) => r.codes.find((c) => c.tagId === tagId)!.spans;
    const bobE = ids.get('Bob a The economy grew fast')!;
    assert.deepEqual(
      spans(economy).map((s) => [s.docId, s.start, s.end, s.quote]),
      [
        ['a', 0, 4, 'The '],
        ['a', 16, 21, ' fast'],
        ['a', 48, 58, 'every city'],
        ['a', 74, 87, 'more teachers'],
      ],
    );
    assert.deepEqual(spans(economy)[0].coders, [
      { coder: 'Alice', applied: false, annotationIds: [] },
      { coder: 'Bob', applied: true, annotationIds: [bobE] },
    ]);
    assert.deepEqual(spans(economy)[3].coders, [
      { coder: 'Alice', applied: true, annotationIds: [ids.get('Alice a more teachers')] },
      { coder: 'Bob', applied: false, annotationIds: [] },
    ]);
    // Crime agrees by passage but not by character: Bob's annotation runs on past Alice's.
    assert.deepEqual(
      spans(crime).map((s) => [s.docId, s.start, s.end, s.coders.map((c) => [c.coder, c.applied, c.annotationIds])]),
      [
        [
          'a',
          44,
          58,
          [
            ['Alice', false, []],
            ['Bob', true, [ids.get('Bob a Crime fell in every city')]],
          ],
        ],
      ],
    );
    // With Carol, b (Alice and Carol; Bob missing there, so not a side) has its own.
    const all = await service.disagreements({});
    const inB = all.codes.flatMap((c) => c.spans.filter((s) => s.docId === 'b').map((s) => [c.name, s.start, s.end, s.coders.map((x) => x.coder).join('+')]));
    // Codes come in the codebook's order (by name here).
    assert.deepEqual(inB, [
      ['Crime', 19, 33, 'Alice+Carol'],
      ['Economy', 0, 10, 'Alice+Carol'],
    ]);
  });
});

test('co-occurrence: overlap and passage modes, per coder; every cell counts the places it lists', async () => {
  await withService(FILES, async (service, dir) => {
    const { economy, crime, ids } = await codeCorpus(service, dir);
    const cell = (r: Awaited<ReturnType<typeof service.cooccurrence>>, a: string, b: string) => {
      const i = r.codes.findIndex((c) => c.tagId === a);
      const j = r.codes.findIndex((c) => c.tagId === b);
      const found = r.cells.find((c) => (c.a === a && c.b === b) || (c.a === b && c.b === a));
      assert.equal(r.counts[i][j], r.counts[j][i]);
      assert.equal(r.counts[i][j], found?.places.length ?? 0, 'a cell counts the places it lists');
      return found;
    };
    const overlap = await service.cooccurrence({});
    assert.equal(overlap.mode, 'overlap');
    assert.equal(overlap.coder, null);
    for (const c of overlap.cells) assert.equal(c.count, c.places.length);
    // Diagonal: annotations with the code (Economy: Alice 3, Bob 2; Crime: Alice, Bob, Carol).
    assert.equal(cell(overlap, economy, economy)!.count, 5);
    assert.equal(cell(overlap, crime, crime)!.count, 3);
    // The one overlapping pair with both codes: Bob's Crime [34,58) and Bob's Economy [48,58).
    const ec = cell(overlap, economy, crime)!;
    assert.deepEqual(ec.places, [
      {
        docId: 'a',
        passageId: service.documents.get('a')!.passages[1].id,
        start: 48,
        end: 58,
        annotationIds: [ids.get('Bob a Crime fell in every city'), ids.get('Bob a every city')],
      },
    ]);

    const passage = await service.cooccurrence({ mode: 'passage' });
    for (const c of passage.cells) assert.equal(c.count, c.places.length);
    // Economy in aP0, aP1 (Bob), aP2, bP0; Crime in aP1, bP1; both in aP1, by three annotations.
    assert.equal(cell(passage, economy, economy)!.count, 4);
    assert.equal(cell(passage, crime, crime)!.count, 2);
    const both = cell(passage, economy, crime)!;
    const aP1 = service.documents.get('a')!.passages[1];
    assert.deepEqual(
      both.places.map((p) => [p.docId, p.passageId, p.start, p.end, [...p.annotationIds].sort()]),
      [['a', aP1.id, 34, 59, [ids.get('Alice a Crime fell'), ids.get('Bob a Crime fell in every city'), ids.get('Bob a every city')].sort()]],
    );

    // Alice alone never put the two codes together.
    const alice = await service.cooccurrence({ mode: 'passage', coder: 'Alice' });
    assert.equal(alice.coder, 'Alice');
    assert.equal(cell(alice, economy, crime), undefined);
    assert.equal(cell(alice, economy, economy)!.count, 3);

    // Through the dispatch, unknown coders and tags are user errors that say what exists.
    const dispatch = makeDispatch(service);
    const noCoder = await dispatch('cooccurrence', { coder: 'Dave' });
    assert.equal(noCoder.ok, false);
    assert.match(JSON.stringify(noCoder), /No annotations were made by “Dave”. The coders with annotations are: Alice, Bob, Carol/);
    const noTag = await dispatch('agreement', { codes: ['nope'] });
    assert.match(JSON.stringify(noTag), /no tag with id “nope”/);
    const badUnit = await dispatch('agreement', { unit: 'word' });
    assert.equal(badUnit.ok, false);
    assert.match(JSON.stringify(await dispatch('agreement', { docIds: ['a', 'zz'] })), /There is no document “zz” in this corpus/);
    // A document named that no chosen coder annotated: every value missing, every measure null.
    const onlyC = await service.agreement({ docIds: ['c'] });
    assert.deepEqual([onlyC.documents, onlyC.overall.units], [['c'], 0]);
    assert.equal(onlyC.overall.pooled.krippendorffAlpha.value, null);
    assert.deepEqual(onlyC.notes, [
      'Alice coded none of the chosen documents: their values are all missing.',
      'Bob coded none of the chosen documents: their values are all missing.',
      'Carol coded none of the chosen documents: their values are all missing.',
    ]);
    // Only a: Carol is missing there.
    assert.deepEqual((await service.agreement({ docIds: ['a'] })).notes, ['Carol coded none of the chosen documents: their values are all missing.']);
  });
});

test('one coder, or a corpus with no annotations: every measure null with its reason, never NaN', async () => {
  await withService(FILES, async (service, dir) => {
    const empty = await service.agreement({});
    assert.deepEqual([empty.coders, empty.documents, empty.codes, empty.overall.units], [[], [], [], 0]);
    assert.match(empty.overall.pooled.krippendorffAlpha.reason!, /at least two coders; 0 were chosen/);
    await codeCorpus(service, dir);
    const one = await service.agreement({ coders: ['Carol'] });
    assert.deepEqual(one.documents, ['b']);
    for (const code of one.codes) for (const m of Object.values(code.measures)) assert.equal(m.value, null);
    assert.ok(!JSON.stringify(one).includes('NaN'));
  });
});

test('resolving a disagreement writes the accepted code to the "resolved" layer in one undo step; merge takes the union; no twins', async () => {
  await withService(FILES, async (service, dir) => {
    const { economy, crime, ids } = await codeCorpus(service, dir);
    const bobE = ids.get('Bob a The economy grew fast')!;
    const aliceE = ids.get('Alice a economy grew')!;
    const before = (await service.annotations({})).length;

    // Accept Bob's side of the first Economy disagreement ([0,4) of a): his annotation's range is written.
    const accepted = await service.resolveDisagreement({ tagId: economy, annotationIds: [bobE] });
    assert.equal(accepted.coder, 'resolved');
    assert.deepEqual(
      accepted.annotations.map((a) => [a.docId, a.start, a.end, a.quote, a.tagIds, a.coder]),
      [['a', 0, 21, 'The economy grew fast', [economy], 'resolved']],
    );
    assert.equal((await service.history({})).undoLabel, 'Undo: resolve ‘Economy’ on “The economy grew fast” as ‘resolved’');
    // The same range again is the same annotation, never a twin.
    const again = await service.resolveDisagreement({ tagId: economy, annotationIds: [bobE] });
    assert.equal(again.annotations[0].id, accepted.annotations[0].id);
    assert.equal((await service.annotations({})).length, before + 1);

    // The resolved layer is no coder by default, but can be compared with when named.
    assert.deepEqual((await service.agreement({})).coders, ['Alice', 'Bob', 'Carol']);
    const withResolved = await service.agreement({ coders: ['Bob', 'resolved'], codes: [economy], unit: 'char' });
    // resolved coded a only, with Bob's [0,21); Bob also has [48,58): 10 of a's 92 characters differ.
    assert.equal(withResolved.codes[0].measures.percentAgreement.value, 82 / 92);

    // Undo takes the resolution back; writing the same again was no step of its own.
    assert.equal((await service.undo({})).canUndo, false);
    assert.equal((await service.annotations({})).length, before);

    // Merge: one annotation from the first start to the last end, under a layer of one's choosing.
    const merged = await service.resolveDisagreement({ tagId: economy, annotationIds: [aliceE, bobE], merge: true, coder: 'Dana' });
    assert.deepEqual(
      merged.annotations.map((a) => [a.start, a.end, a.coder]),
      [[0, 21, 'Dana']],
    );

    const dispatch = (m: string, r: unknown) => makeDispatch(service)(m, r);
    assert.match(JSON.stringify(await dispatch('resolveDisagreement', { tagId: crime, annotationIds: [bobE] })), /does not carry ‘Crime’/);
    assert.match(JSON.stringify(await dispatch('resolveDisagreement', { tagId: economy, annotationIds: [] })), /Choose the annotation\(s\) to accept/);
    const acrossDocs = await dispatch('resolveDisagreement', { tagId: economy, annotationIds: [aliceE, ids.get('Alice b Taxes rose')], merge: true });
    assert.match(JSON.stringify(acrossDocs), /different documents cannot be merged/);
  });
});
