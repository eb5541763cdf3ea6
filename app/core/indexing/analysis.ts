/**
 * Text analysis for the index, exactly as stock Lunr's Builder.add does it with Lectern's builder
 * configuration (its tokenizer, then the builder's pipeline), but fast: the text is cut by
 * scanTokens (analysis/tokens.ts), as that tokenizer cuts it, and the pipeline runs once per
 * distinct word (memoised) instead of once per token.
 */
import lunr from 'lunr';
import { createHash } from 'node:crypto';
import { scanTokens } from '../analysis/tokens';
import { INDEX_FIELDS, passageRef, TITLE_ENTRY } from '../searchIndex';
import type { LoadedDocument } from '../types';

/** Bump when tokenising, the pipeline or the index fields change: cached analyses become invalid. */
export const ANALYZER_VERSION = 4; // 2: Unicode trimmer, dashes separate tokens; 3: punctuation separates tokens; 4: abbreviations and numbers whole, stop words indexed

/** One field of one Lunr document: its length in terms and its distinct terms with frequencies. */
export interface FieldAnalysis {
  length: number;
  /** Distinct terms in order of first appearance (that order fixes Lunr's term indexes). */
  terms: string[];
  tfs: number[];
}

export interface EntryAnalysis {
  ref: string;
  /** In INDEX_FIELDS order. */
  fields: FieldAnalysis[];
}

export interface DocAnalysis {
  docId: string;
  entries: EntryAnalysis[];
}

/**
 * What an analysis depends on: the analyser, the document id (refs contain it), its title and its
 * passages. The file's bytes are not enough: cleaning rules change the text without touching them.
 */
export function analysisKey(doc: LoadedDocument): string {
  let key = analysisKeys.get(doc);
  if (key === undefined) analysisKeys.set(doc, (key = computeAnalysisKey(doc)));
  return key;
}

/** A key read back from the documents cache, which holds it beside the very text it was computed from. */
export function knownAnalysisKey(doc: LoadedDocument, key: string): void {
  analysisKeys.set(doc, key);
}

/** Documents are immutable once loaded, and an unchanged file keeps its object across reloads: hash each once. */
const analysisKeys = new WeakMap<LoadedDocument, string>();

function computeAnalysisKey(doc: LoadedDocument): string {
  const h = createHash('sha1').update(`v${ANALYZER_VERSION}\0${doc.meta.id}\0${doc.meta.title}`);
  for (const p of doc.passages) h.update(`\0${p.id}\0${p.text}`);
  return h.digest('hex');
}

/** What analysis needs of a document (and all a worker is sent): id, title, passage ids and texts. */
export interface AnalysisInput {
  id: string;
  title: string;
  passages: { id: string; text: string }[];
}

export function analysisInput(doc: LoadedDocument): AnalysisInput {
  return { id: doc.meta.id, title: doc.meta.title, passages: doc.passages.map((p) => ({ id: p.id, text: p.text })) };
}

/** The Lunr documents (refs and field values) of one corpus document, in the order they are added. */
export function lunrEntries(doc: AnalysisInput): { ref: string; values: string[] }[] {
  return [
    { ref: passageRef(doc.id, TITLE_ENTRY), values: [doc.title, ''] },
    ...doc.passages.map((p) => ({ ref: passageRef(doc.id, p.id), values: ['', p.text] })),
  ];
}

export class Analyzer {
  private readonly memo = new Map<string, string[]>();
  constructor(private readonly pipeline: lunr.Pipeline) {}

  private run(word: string): string[] {
    let out = this.memo.get(word);
    if (out === undefined) {
      out = this.pipeline.run([new lunr.Token(word, {})]).map((t) => t.toString());
      this.memo.set(word, out);
    }
    return out;
  }

  field(value: string): FieldAnalysis {
    const counts = new Map<string, number>();
    let length = 0;
    if (value) {
      scanTokens(value, (start, end) => {
        for (const term of this.run(value.slice(start, end).toLowerCase())) {
          length++;
          counts.set(term, (counts.get(term) ?? 0) + 1);
        }
      });
    }
    return { length, terms: [...counts.keys()], tfs: [...counts.values()] };
  }

  document(doc: AnalysisInput): DocAnalysis {
    return {
      docId: doc.id,
      entries: lunrEntries(doc).map((e) => ({ ref: e.ref, fields: e.values.map((v) => this.field(v)) })),
    };
  }
}

/** A builder configured exactly as Lectern's index is (fields, pipelines), for its pipelines. */
export function lecternPipelines(configure: (b: lunr.Builder) => void): { pipeline: lunr.Pipeline; searchPipeline: lunr.Pipeline } {
  let pipeline!: lunr.Pipeline;
  let searchPipeline!: lunr.Pipeline;
  lunr(function () {
    configure(this);
    for (const f of INDEX_FIELDS) this.field(f);
    pipeline = this.pipeline;
    searchPipeline = this.searchPipeline;
  });
  return { pipeline, searchPipeline };
}
