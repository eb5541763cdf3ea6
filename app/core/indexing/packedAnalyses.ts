/**
 * What crosses between the index builder and its worker threads, packed so that it is transferred
 * rather than cloned. Structured cloning copies every string of every message one by one: a share
 * of SOTU's texts in, and each passage's list of terms out (hundreds of thousands of small strings).
 * Packed, the texts travel as one UTF-8 buffer and the analyses as one Int32Array plus the share's
 * distinct strings (its vocabulary and refs, each once); both buffers are moved, not copied.
 */
import type { AnalysisInput, DocAnalysis, EntryAnalysis, FieldAnalysis } from './analysis';

export interface PackedInputs {
  /** UTF-8 of every id, title and passage id and text, in order. */
  bytes: Uint8Array;
  /** Per document: passage count; then, per string, its length in bytes. */
  layout: Int32Array;
}

export interface PackedAnalyses {
  /** Distinct strings (doc ids, refs, terms), each once. */
  strings: string[];
  ints: Int32Array;
}

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export function packInputs(docs: AnalysisInput[]): PackedInputs {
  const parts: Uint8Array[] = [];
  const layout: number[] = [docs.length];
  let size = 0;
  const put = (s: string) => {
    const b = encoder.encode(s);
    parts.push(b);
    layout.push(b.byteLength);
    size += b.byteLength;
  };
  for (const d of docs) {
    layout.push(d.passages.length);
    put(d.id);
    put(d.title);
    for (const p of d.passages) {
      put(p.id);
      put(p.text);
    }
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const b of parts) {
    bytes.set(b, at);
    at += b.byteLength;
  }
  return { bytes, layout: Int32Array.from(layout) };
}

export function unpackInputs({ bytes, layout }: PackedInputs): AnalysisInput[] {
  let li = 0;
  let at = 0;
  const take = () => {
    const n = layout[li++];
    const s = decoder.decode(bytes.subarray(at, at + n));
    at += n;
    return s;
  };
  const docs: AnalysisInput[] = [];
  const count = layout[li++];
  for (let i = 0; i < count; i++) {
    const passages = layout[li++];
    const id = take();
    const title = take();
    const ps: AnalysisInput['passages'] = [];
    for (let j = 0; j < passages; j++) ps.push({ id: take(), text: take() });
    docs.push({ id, title, passages: ps });
  }
  return docs;
}

/** Layout: docs; per doc: docId, entries; per entry: ref, fields; per field: length, terms, then (term, tf) pairs. */
export function packAnalyses(analyses: DocAnalysis[]): PackedAnalyses {
  const strings: string[] = [];
  const ids = new Map<string, number>();
  const id = (s: string) => {
    let k = ids.get(s);
    if (k === undefined) ids.set(s, (k = strings.push(s) - 1));
    return k;
  };
  const ints: number[] = [analyses.length];
  for (const a of analyses) {
    ints.push(id(a.docId), a.entries.length);
    for (const e of a.entries) {
      ints.push(id(e.ref), e.fields.length);
      for (const f of e.fields) {
        ints.push(f.length, f.terms.length);
        for (let t = 0; t < f.terms.length; t++) ints.push(id(f.terms[t]), f.tfs[t]);
      }
    }
  }
  return { strings, ints: Int32Array.from(ints) };
}

export function unpackAnalyses({ strings, ints }: PackedAnalyses): DocAnalysis[] {
  let i = 0;
  const out: DocAnalysis[] = [];
  const docs = ints[i++];
  for (let d = 0; d < docs; d++) {
    const docId = strings[ints[i++]];
    const entries: EntryAnalysis[] = new Array(ints[i++]);
    for (let e = 0; e < entries.length; e++) {
      const ref = strings[ints[i++]];
      const fields: FieldAnalysis[] = new Array(ints[i++]);
      for (let f = 0; f < fields.length; f++) {
        const length = ints[i++];
        const n = ints[i++];
        const terms: string[] = new Array(n);
        const tfs: number[] = new Array(n);
        for (let t = 0; t < n; t++) {
          terms[t] = strings[ints[i++]];
          tfs[t] = ints[i++];
        }
        fields[f] = { length, terms, tfs };
      }
      entries[e] = { ref, fields };
    }
    out.push({ docId, entries });
  }
  return out;
}
