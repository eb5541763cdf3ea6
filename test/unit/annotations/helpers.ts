/** Hand-built documents for the annotation tests: Hunt's and Raab's texts, as a changeable document source. */
import type { DocumentMeta, LoadedDocument } from '../../../app/core/types';
import type { DocumentSource } from '../../../app/core/annotations/tagging';
import { makeDoc } from '../../helpers/docs';

/** The metadata of the annotation tests' documents unless they say otherwise: Hunt's speech. */
export function speechMeta(id: string, meta: Partial<DocumentMeta> = {}): Partial<DocumentMeta> {
  return { title: `Title of ${id}`, speakers: ['Jeremy Hunt'], date: '2019-03-07', outlet: 'Defence Online', kind: 'speech', ...meta };
}

/** A documents source whose texts can be changed, as a corpus reload would. */
export class Docs implements DocumentSource {
  private byId = new Map<string, LoadedDocument>();
  constructor(docs: LoadedDocument[]) {
    for (const d of docs) this.byId.set(d.meta.id, d);
  }
  documents(): LoadedDocument[] {
    return [...this.byId.values()];
  }
  get(id: string): LoadedDocument | undefined {
    return this.byId.get(id);
  }
  setText(id: string, text: string): void {
    const old = this.byId.get(id)!;
    this.byId.set(id, makeDoc(id, text, old.meta));
  }
  remove(id: string): void {
    this.byId.delete(id);
  }
}

export const HUNT = [
  'Foreign Secretary outlines cybercrime deterrence',
  'Jeremy Hunt outlined the UK’s policy on cybercrime deterrence in a speech at Glasgow University.',
  'He said: “Last October, Britain helped secure a decision by EU leaders to create a new sanctions regime for this express purpose. After Brexit, the UK will be able to impose cyber-related sanctions on a national basis.”',
  '“Finally, Britain now has a National Offensive Cyber Programme, delivered by a Joint Mission between GCHQ and the Ministry of Defence.”',
  'He outlined four principles in tackling cybercrime: “First, we will always seek to discover which state or other actor was behind any malign cyber activity.”',
].join('\n\n');

export const RAAB = [
  'Raab calls for international coalition',
  'Dominic Raab said that cyber attacks by hostile states are a threat to democracy. He called for an international coalition against cybercrime.',
  'The UK will invest £22 million in cyber capacity building in Africa and the Indo-Pacific.',
].join('\n\n');

export function seedDocs(): Docs {
  return new Docs([
    makeDoc('2019-03-07-hunt', HUNT, speechMeta('2019-03-07-hunt')),
    makeDoc(
      '2021-05-12-raab',
      RAAB,
      speechMeta('2021-05-12-raab', { speakers: ['Dominic Raab'], date: '2021-05-12', outlet: 'The Independent', title: 'Raab: coalition' }),
    ),
  ]);
}

/** [start, end) of the first occurrence of `quote` in `text` (fails loudly when absent). */
export function rangeOf(text: string, quote: string, from = 0): { start: number; end: number } {
  const start = text.indexOf(quote, from);
  if (start < 0) throw new Error(`fixture: “${quote}” not in text`);
  return { start, end: start + quote.length };
}
