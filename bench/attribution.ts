/**
 * How long the attribution layer (who is speaking, sentence by sentence) takes to read a corpus, against
 * the floor of reading every word once (the tokenizer over the same texts, in the same run): State of
 * the Union (transcripts), 6,000 e-mails (text the rules were never tuned on) and one wire report of
 * 1,500 paragraphs (how it grows with one long document). Prints figures; asserts nothing.
 */
import { attributionOf } from '../app/core/attribution/attribute';
import { tokens } from '../app/core/analysis/tokens';
import type { LoadedDocument } from '../app/core/types';
import { makeDoc } from '../test/helpers/docs';
import { documentsFrom, emailFiles } from './publicCorpora';
import { sotuDocuments } from './sotu';

export interface AttributionTiming {
  corpus: string;
  documents: number;
  words: number;
  /** Attribution of every document, first time (nothing cached). */
  ms: number;
  /** The floor: tokenizing the same texts. */
  tokenizeMs: number;
}

/** A wire report: quotations, reported speech, background and an unnamed source, paragraph after paragraph. */
function longReport(paragraphs: number): LoadedDocument {
  const para = (i: number) =>
    `“We must act now on item ${i},” Minister Jane Doe said on Tuesday. She said the plan would cost £${i} million, according to officials. ` +
    `Critics warned that the scheme, which Mr Smith called “a folly”, would fail. The ministry was founded in ${1900 + (i % 100)}.`;
  return makeDoc(
    'long-report',
    Array.from({ length: paragraphs }, (_, i) => para(i)),
    { speakers: ['Jane Doe'], kind: 'news-report' },
  );
}

function time(docs: LoadedDocument[], name: string): AttributionTiming {
  let t = performance.now();
  let words = 0;
  for (const d of docs) words += tokens(d.text).length;
  const tokenizeMs = Math.round(performance.now() - t);
  t = performance.now();
  for (const d of docs) attributionOf(d);
  return { corpus: name, documents: docs.length, words, ms: Math.round(performance.now() - t), tokenizeMs };
}

export function runAttributionBench(): AttributionTiming[] {
  const out = [
    time(sotuDocuments(), 'SOTU (233 transcripts)'),
    time(documentsFrom(emailFiles()), 'e-mails (6,000)'),
    time([longReport(1500)], 'one report, 1,500 paragraphs'),
  ];
  for (const r of out)
    console.log(
      `${r.corpus.padEnd(30)} ${String(r.documents).padStart(5)} docs ${String(r.words).padStart(9)} words  attribution ${r.ms} ms (${Math.round(r.words / Math.max(1, r.ms))} words/ms), tokenizing ${r.tokenizeMs} ms: ${(r.ms / Math.max(1, r.tokenizeMs)).toFixed(1)}× the floor`,
    );
  return out;
}
