/** `lectern search QUERY` and `lectern index`: the corpus as the app sees it, from the command line. */
import { LecternError } from '../common/errors';
import type { Command } from './command';

export const searchCommand: Command = {
  name: 'search',
  synopsis: 'search QUERY [--json] [--limit N]     search the corpus (query syntax: see README)',
  usage: `Usage:
  lectern search QUERY [--corpus DIR] [--json] [--limit N]
      Searches the corpus (query syntax: see README); --limit N documents (default 20).`,
  options: { valued: ['limit'], flags: ['json'] },
  async run({ args, io, open }) {
    const query = args.positionals.join(' ');
    if (!query.trim()) throw args.misuse('search needs a query, e.g. lectern search \'"prime target"\'.');
    const limit = args.int('limit', 20) || 20;
    const service = await open();
    const res = await service.search({ query, limit, passageText: args.has('json') });
    if (res.error) throw new LecternError(`Query error: ${res.error.message}`);
    if (args.has('json')) {
      const out = res.documents.map((d) => ({
        id: d.id,
        title: d.title,
        speakers: d.speakers,
        date: d.date,
        outlet: d.outlet,
        score: d.score,
        passages: d.passages.map((p) => ({ id: p.id, start: p.start, end: p.end, text: p.text, highlights: p.highlights, tags: p.tags })),
      }));
      io.out(JSON.stringify(out, null, 2));
      return 0;
    }
    if (!res.documents.length) io.out('No matches.');
    for (const d of res.documents) {
      io.out(`${d.title}  [${d.id}]\n  ${[d.speakers.join(', '), d.date, d.outlet].filter(Boolean).join(' · ')}  score ${d.score}`);
      for (const p of d.passages.slice(0, 3)) {
        let s = p.snippet.text;
        for (const [a, b] of [...p.snippet.highlights].reverse()) s = `${s.slice(0, a)}[${s.slice(a, b)}]${s.slice(b)}`;
        io.out(`    ${p.snippet.leading ? '…' : ''}${s}${p.snippet.trailing ? '…' : ''}`);
      }
    }
    io.out(`${res.documents.length} document(s), ${res.passageCount} passage(s) in ${res.tookMs} ms`);
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
