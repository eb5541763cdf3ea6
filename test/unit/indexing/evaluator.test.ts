/**
 * The evaluator against `lunr.Index.query` on the same index: thousands of generated queries
 * (terms, stems, prefixes and inner wildcards, fuzzy terms, fields, boosts, required and excluded
 * clauses) over the seed corpus and SOTU must give the same entries, scores equal to 1e-9, and the
 * same matched terms.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import lunr from 'lunr';
import fc from 'fast-check';
import { loadCorpus } from '../../../app/core/corpus';
import { tokens } from '../../../app/core/analysis/tokens';
import { evalIndexOf, type EvalIndex } from '../../../app/core/evaluator/evalIndex';
import { evaluate, LunrWouldThrow } from '../../../app/core/evaluator/evaluate';
import { TermExpander } from '../../../app/core/evaluator/expand';
import { buildIndex } from '../../../app/core/indexing/buildIndex';
import { evalIndexOfCompact, toCompact } from '../../../app/core/indexing/compactIndex';
import { makeSearchIndex } from '../../../app/core/searchIndex';
import type { LoadedDocument } from '../../../app/core/types';
import { SHIPPED_CORPUS } from '../../helpers/repo';
import { readSpeeches, speechDocuments } from '../../helpers/sotu';

const QueryParser = (lunr as unknown as { QueryParser: new (text: string, query: lunr.Query) => { parse(): void } }).QueryParser;

interface Setup {
  index: lunr.Index;
  ei: EvalIndex;
  expander: TermExpander;
  words: string[];
  stems: string[];
}

async function setup(docs: LoadedDocument[]): Promise<Setup> {
  const { index } = await buildIndex(docs, { workers: 0 });
  const refs = [...makeSearchIndex(docs, index).refs.keys()];
  const ei = evalIndexOf(index, refs);
  const words = [...new Set(docs.flatMap((d) => tokens(d.text.slice(0, 20_000)).map((t) => t.text.toLowerCase())))].filter((w) => /^[a-z']+$/.test(w));
  return { index, ei, expander: new TermExpander(ei), words, stems: ei.terms.filter((t) => /^[a-z]+$/.test(t)) };
}

function query(s: Setup, text: string): { ref: string; score: number; terms: string[] }[] | 'throws' {
  try {
    return s.index.query((q) => new QueryParser(text, q).parse()).map((r) => ({ ref: r.ref, score: r.score, terms: Object.keys(r.matchData.metadata).sort() }));
  } catch (e) {
    if (e instanceof lunr.QueryParseError) throw e;
    return 'throws';
  }
}

function evaluated(s: Setup, text: string): { ref: string; score: number; terms: string[] }[] | 'throws' {
  const q = new lunr.Query(s.ei.fields);
  new QueryParser(text, q).parse();
  try {
    const ev = evaluate(s.ei, s.expander, (s.index as unknown as { pipeline: { runString(x: string, m: object): string[] } }).pipeline, q);
    // Matched terms are made per entry on demand (search asks for the passages it returns): checked on the first 40.
    return [...ev.entries].map((e, k) => ({ ref: s.ei.refs[e], score: ev.scores[k], terms: k < 40 ? ev.matchedTerms(e).sort() : [] }));
  } catch (e) {
    if (e instanceof LunrWouldThrow) return 'throws';
    throw e;
  }
}

function same(s: Setup, text: string): void {
  let expected;
  try {
    expected = query(s, text);
  } catch (e) {
    assert.ok(e instanceof lunr.QueryParseError);
    return; // Lunr's parser refuses it; the evaluator is never asked
  }
  const got = evaluated(s, text);
  if (expected === 'throws' || got === 'throws') {
    assert.equal(got, expected, `${text}: both throw`);
    return;
  }
  const byRef = new Map(expected.map((r) => [r.ref, r]));
  assert.equal(got.length, expected.length, `${text}: ${got.length} entries, Lunr ${expected.length}`);
  got.forEach((g, k) => {
    const e = byRef.get(g.ref);
    assert.ok(e, `${text}: ${g.ref} is not in Lunr's result`);
    assert.ok(Math.abs(g.score - e.score) <= 1e-9, `${text}: ${g.ref} scores ${g.score}, Lunr ${e.score}`);
    if (k < 40) assert.deepEqual(g.terms, e.terms, `${text}: ${g.ref} matched terms`);
  });
}

/** Query text in Lunr's syntax: 1–4 clauses from the corpus's own words and stems. */
function queries(s: Setup) {
  const pick = (xs: string[]) => fc.constantFrom(...xs);
  const base = fc.oneof(pick(s.words), pick(s.stems), fc.constantFrom('zzqx', 'the', 'a'));
  const term = fc.tuple(base, fc.nat({ max: 9 }), fc.nat({ max: 5 })).map(([w, form, cut]) => {
    const n = Math.max(1, w.length - cut);
    switch (form) {
      case 0:
        return `${w.slice(0, n)}*`;
      case 1:
        return `*${w.slice(Math.min(cut, w.length - 1))}`;
      case 2:
        return w.length > 3 ? `${w.slice(0, 2)}*${w.slice(-1)}` : w;
      case 3:
        return `${w}~1`;
      case 4:
        return w.length > 4 ? `${w}~2` : `${w}~1`;
      default:
        return w;
    }
  });
  const clause = fc
    .tuple(fc.constantFrom('', '', '', '+', '-'), fc.constantFrom('', '', '', 'title:', 'text:'), term, fc.constantFrom('', '', '', '^2', '^10'))
    .map(([presence, field, t, boost]) => `${presence}${field}${t}${boost}`);
  return fc.array(clause, { minLength: 1, maxLength: 4 }).map((cs) => cs.join(' '));
}

test('the evaluator gives lunr.Index.query’s results on the seed corpus (2,000 generated queries)', async () => {
  const s = await setup((await loadCorpus(SHIPPED_CORPUS)).documents);
  for (const q of [
    'cyber',
    'elections russia',
    '+sanctions -china',
    'saboteur*',
    'huawie~1',
    'title:deterrence',
    'cyber^5 elections',
    'the',
    '-cyber',
    '*ion',
    'c*r',
  ])
    same(s, q);
  fc.assert(
    fc.property(queries(s), (q) => same(s, q)),
    { numRuns: 2000, seed: 20261203 },
  );
});

test('the evaluator gives lunr.Index.query’s results on SOTU (200 generated queries), from a lunr.Index or the compact cache alike', async () => {
  const docs = speechDocuments(readSpeeches());
  const s = await setup(docs);
  for (const q of ['railroads', 'goverment~1', 'people', 'govern*', '+war -peace', 'title:union', 'econom* +tax^3']) same(s, q);
  fc.assert(
    fc.property(queries(s), (q) => same(s, q)),
    { numRuns: 200, seed: 7 },
  );
  // The same typed index, made straight from the compact cache without Lunr objects.
  const compact = evalIndexOfCompact(toCompact(s.index)!);
  const renumber = (ei: EvalIndex) => ei.terms.map((t, p) => [t, ei.termIndex[p]]);
  assert.deepEqual(renumber(compact), renumber(s.ei));
  const viaCompact: Setup = { ...s, ei: compact, expander: new TermExpander(compact) };
  for (const q of ['railroads', 'goverment~1', '+war -peace', 'econom* +tax^3']) same(viaCompact, q);
});
