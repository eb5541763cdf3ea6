/**
 * A small real corpus coded by three coders through the real Tagging (one instance per coder, as
 * each coder's Lectern would be), shared by the agreement tests. Offsets are the canonical text's:
 *
 *   a  P0 [0,32)  "The economy grew fast this year."
 *      P1 [34,59) "Crime fell in every city."
 *      P2 [61,92) "Schools need more teachers now."
 *   b  P0 [0,17)  "Taxes rose again."
 *      P1 [19,47) "Jobs were lost in the north."
 *   c  nobody codes it
 *
 *   Alice: a "economy grew" [4,16) Economy; a "Crime fell" [34,44) Crime; a "more teachers" [74,87) Economy; b "Taxes rose" [0,10) Economy
 *   Bob:   a "The economy grew fast" [0,21) Economy; a "Crime fell in every city" [34,58) Crime; a "every city" [48,58) Economy
 *   Carol: b "Jobs were lost" [19,33) Crime
 */
import assert from 'node:assert/strict';
import { Tagging } from '../../../app/core/annotations/tagging';
import type { LecternService } from '../../../app/service';

export const FILES = {
  'a.md': '---\ntitle: A\n---\nThe economy grew fast this year.\n\nCrime fell in every city.\n\nSchools need more teachers now.\n',
  'b.md': '---\ntitle: B\n---\nTaxes rose again.\n\nJobs were lost in the north.\n',
  'c.md': '---\ntitle: C\n---\nNobody codes this one.\n',
};

const CODINGS: [coder: string, docId: string, quote: string, tag: string][] = [
  ['Alice', 'a', 'economy grew', 'Economy'],
  ['Alice', 'a', 'Crime fell', 'Crime'],
  ['Alice', 'a', 'more teachers', 'Economy'],
  ['Alice', 'b', 'Taxes rose', 'Economy'],
  ['Bob', 'a', 'The economy grew fast', 'Economy'],
  ['Bob', 'a', 'Crime fell in every city', 'Crime'],
  ['Bob', 'a', 'every city', 'Economy'],
  ['Carol', 'b', 'Jobs were lost', 'Crime'],
];

/** Codes the corpus as above; returns the tag ids and the annotation ids by "coder docId quote". */
export async function codeCorpus(service: LecternService, dir: string): Promise<{ economy: string; crime: string; ids: Map<string, string> }> {
  const coders = new Map<string, Tagging>();
  const ids = new Map<string, string>();
  for (const [coder, docId, quote, tag] of CODINGS) {
    const tagging = coders.get(coder) ?? coders.set(coder, new Tagging(dir, service.documents, { coder })).get(coder)!;
    await tagging.load();
    const text = service.documents.get(docId)!.text;
    const start = text.indexOf(quote);
    assert.ok(start >= 0, quote);
    const { annotation } = await tagging.tagRange({ docId, start, end: start + quote.length, newTags: [tag] });
    assert.equal(annotation.coder, coder);
    ids.set(`${coder} ${docId} ${quote}`, annotation.id);
  }
  const codebook = await service.codebook({});
  const idOf = (name: string) => codebook.find((t) => t.name === name)!.id;
  return { economy: idOf('Economy'), crime: idOf('Crime'), ids };
}

export const round3 = (x: number | null) => (x === null ? null : Math.round(x * 1000) / 1000);
