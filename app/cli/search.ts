/** `lectern search QUERY` and `lectern index`: the corpus as the app sees it, from the command line. */
import { LecternError } from '../common/errors';
import { describeTotals, rankedDocuments } from '../common/searchTotals';
import type { Command } from './command';

export const searchCommand: Command = {
  name: 'search',
  synopsis: 'search QUERY [--json] [--limit N] [--offset N]  search the corpus (query syntax: see README)',
  usage: `Usage:
  lectern search QUERY [--corpus DIR] [--json] [--limit N] [--offset N]
      Searches the corpus (query syntax: see README): --limit N documents (default 20), after skipping
      the first --offset N of the ranking (default 0). The totals count every match, not only those shown.`,
  options: { valued: ['limit', 'offset'], flags: ['json'] },
  async run({ args, io, open }) {
    const query = args.positionals.join(' ');
    if (!query.trim()) throw args.misuse('search needs a query, e.g. lectern search \'"prime target"\'.');
    const limit = args.int('limit', 20) || 20;
    const offset = args.int('offset', 0);
    const service = await open();
    const res = await service.search({ query, limit, offset, passageText: args.has('json') });
    if (res.error) throw new LecternError(`Query error: ${res.error.message}`);
    if (args.has('json')) {
      const documents = res.documents.map((d) => ({
        id: d.id,
        title: d.title,
        speakers: d.speakers,
        date: d.date,
        outlet: d.outlet,
        score: d.score,
        passageTotal: d.passageTotal,
        passages: d.passages.map((p) => ({ id: p.id, start: p.start, end: p.end, text: p.text, highlights: p.highlights, tags: p.tags })),
      }));
      io.out(JSON.stringify({ query, totals: res.totals, offset: res.offset, limit, documents }, null, 2));
      return 0;
    }
    if (!res.documents.length) io.out(res.offset > 0 && rankedDocuments(res.totals) > 0 ? 'No more matches past --offset.' : 'No matches.');
    for (const d of res.documents) {
      io.out(`${d.title}  [${d.id}]\n  ${[d.speakers.join(', '), d.date, d.outlet].filter(Boolean).join(' · ')}  score ${d.score}`);
      for (const p of d.passages.slice(0, 3)) {
        let s = p.snippet.text;
        for (const [a, b] of [...p.snippet.highlights].reverse()) s = `${s.slice(0, a)}[${s.slice(a, b)}]${s.slice(b)}`;
        io.out(`    ${p.snippet.leading ? '…' : ''}${s}${p.snippet.trailing ? '…' : ''}`);
      }
      if (d.passageTotal > d.passages.length) io.out(`    (${d.passageTotal - d.passages.length} more passage(s) in this document)`);
    }
    const ranked = rankedDocuments(res.totals);
    io.out(`Totals: ${describeTotals(res.totals)}`);
    const shown = res.documents.length ? `documents ${res.offset + 1}–${res.offset + res.documents.length} of ${ranked}` : `none of ${ranked} documents`;
    const next = res.offset + res.documents.length < ranked ? ` (the next: --offset ${res.offset + res.documents.length})` : '';
    io.out(`Shown: ${shown}${next}, in ${res.tookMs} ms`);
    return 0;
  },
};

export const indexCommand: Command = {
  name: 'index',
  synopsis: 'index                                 load and index the corpus; report documents, passages, problems, time',
  usage: `Usage:
  lectern index [--corpus DIR]
      Loads and indexes the corpus (or opens its index cache); reports documents, passages, words, problems and time.`,
  options: {},
  async run({ args, io, open }) {
    if (args.positionals.length) throw args.misuse(`index takes no arguments (got ${args.positionals.join(' ')}).`);
    const t0 = performance.now();
    const service = await open();
    const ms = performance.now() - t0;
    const lib = await service.library({});
    const passages = lib.documents.reduce((n, d) => n + d.passageCount, 0);
    const words = lib.documents.reduce((n, d) => n + d.wordCount, 0);
    io.out(`Corpus ${lib.corpusDir}`);
    const how =
      lib.index?.source === 'cache' ? 'loaded from the index cache' : `indexed (${lib.index?.analysed ?? 0} analysed, ${lib.index?.reused ?? 0} reused)`;
    io.out(`${lib.documents.length} documents, ${passages} passages, ${words} words ${how} in ${Math.round(ms)} ms`);
    const errors = lib.diagnostics.filter((d) => d.severity === 'error').length;
    io.out(`${lib.diagnostics.length} diagnostic(s)${lib.diagnostics.length ? ` (${errors} error(s): those files were skipped)` : ''}`);
    for (const d of lib.diagnostics) io.out(`  ${d.severity}: ${d.file || '(corpus)'}: ${d.message}`);
    return 0;
  },
};
