/** `lectern attribute DOC`: who is speaking in a document, span by span, as text or JSON (offsets in characters). */
import { CERTAIN_ATTRIBUTION, type AttributedSpan } from '../common/attribution';
import { CodePoints } from '../common/codePoints';
import type { Command } from './command';
import { clip } from './compare';

export const attributeCommand: Command = {
  name: 'attribute',
  synopsis: 'attribute DOC [--json]                who is speaking: every sentence and quotation of a document',
  usage: `Usage:
  lectern attribute DOC [--corpus DIR] [--json]
      Every span of document DOC's cleaned text (the text lectern kwic cuts lines from), in order and
      covering it: direct (a speaker's words as spoken), reported (someone's words told by the writer),
      narration (the writer's own), other (headline, byline, page furniture), with the speaker (a name,
      or none), and how sure the attribution is. --json prints start and end in characters (code points).
      See docs/COMPARE.md.`,
  options: { flags: ['json'] },
  async run({ args, io, open }) {
    const [id, ...extra] = args.positionals;
    if (id === undefined || extra.length > 0) throw args.misuse(`attribute takes one document id (got ${args.positionals.length}).`);
    const service = await open();
    const result = await service.attribution({ id });
    const text = result.spans.map((s) => s.text).join('');
    const cp = new CodePoints(text);
    const spans = result.spans.map((s) => ({ ...s, start: cp.toCodePoints(s.start), end: cp.toCodePoints(s.end) }));
    if (args.has('json')) {
      io.out(
        JSON.stringify(
          { ...result, spans, sentences: result.sentences.map((s) => ({ ...s, start: cp.toCodePoints(s.start), end: cp.toCodePoints(s.end) })) },
          null,
          2,
        ),
      );
      return 0;
    }
    io.out(
      `${result.docId}: ${result.genre === 'transcript' ? 'a transcript of' : 'a report on'} ${result.speakers.join(', ') || 'no named speaker'}; ${result.sentences.length} sentence(s), ${spans.length} span(s)`,
    );
    for (const s of spans) io.out(`${String(s.start).padStart(7)}–${String(s.end).padEnd(7)} ${who(s).padEnd(32)} ${clip(s.text)}`);
    return 0;
  },
};

/** "reported · Dominic Raab", "direct · (the ports minister) · 70%", "narration". */
function who(s: AttributedSpan): string {
  if (s.kind === 'narration' || s.kind === 'other') return s.kind;
  const name = s.speaker ?? (s.role ? `(${s.role})` : 'unnamed');
  return `${s.kind} · ${name}${s.confidence < CERTAIN_ATTRIBUTION ? ` · ${Math.round(s.confidence * 100)}%` : ''}`;
}
